"""Give the editorial groups the permissions on the workflow models.

Editors: everything on the audit trail (read), unpublished changes and the
trash. Writers: may delete (move to trash) their own drafts; the rule that
they cannot delete anything published lives in articles/permissions.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = [
    "view_auditentry", "view_pendingchange", "change_pendingchange", "delete_pendingchange",
    "view_trashedarticle", "change_trashedarticle", "delete_trashedarticle",
]
WRITER_CODENAMES = ["delete_article"]


def grant(apps, schema_editor) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITOR_CODENAMES), ("Writers", WRITER_CODENAMES)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))


def revoke(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITOR_CODENAMES), ("Writers", WRITER_CODENAMES)):
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_workflow_models")]
    operations = [migrations.RunPython(grant, revoke)]
