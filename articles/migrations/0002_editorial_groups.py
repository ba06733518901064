"""Create the editorial groups with their permissions.

Writers draft and submit their own articles; the "own articles only" rule and
"never publish" rule are enforced in articles/workflow.py and the admin, the
permissions here are the coarse gate. Editors run the desk.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER_PERMS = {
    "articles": ["add_article", "change_article", "view_article", "view_correction", "view_articleauthor",
                 "add_articleauthor", "change_articleauthor", "delete_articleauthor"],
    "taggit": ["add_tag", "view_tag"],
    "entities": ["view_official", "view_enterprise", "view_regulator", "view_position"],
    "authors": ["view_authorprofile"],
}
EDITOR_PERMS = {
    "articles": "__all__",
    "taggit": "__all__",
    "entities": "__all__",
    "authors": "__all__",
}


def _grant(apps, group_name: str, spec: dict) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in spec.items():
        perms = Permission.objects.filter(content_type__app_label=app_label)
        if codenames != "__all__":
            perms = perms.filter(codename__in=codenames)
        group.permissions.add(*perms)


def create_groups(apps, schema_editor) -> None:
    # Permissions are normally created after all migrations run; create them
    # now so the groups can be given them in this same migrate.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    _grant(apps, "Writers", WRITER_PERMS)
    _grant(apps, "Editors", EDITOR_PERMS)


def remove_groups(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=["Writers", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("entities", "0001_initial"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
