"""The editorial roles and their model permissions, in one place.

Groups only grant coarse model permissions; the per-article rules (a writer
edits only their own drafts, never publishes) live in permissions.py and the
workflow services. ``sync_editorial_groups`` is idempotent: data migrations
call it with historical models, tests call it after a flush.
"""

from __future__ import annotations

ALL = "__all__"

ROLES: dict[str, dict[str, list[str] | str]] = {
    "Writers": {
        "articles": ["add_article", "change_article", "view_article", "delete_article", "view_correction",
                     "view_articleauthor", "add_articleauthor", "change_articleauthor", "delete_articleauthor",
                     "view_mentionsuggestion", "view_relatedarticle"],
        "taggit": ["add_tag", "view_tag"],
        "entities": ["view_official", "view_enterprise", "view_regulator", "view_position",
                     "view_mentionsuggestion"],
        "authors": ["view_authorprofile"],
    },
    "Editors": {"articles": ALL, "taggit": ALL, "entities": ALL, "authors": ALL},
}


def sync_editorial_groups(apps=None) -> None:
    """Create the Writers and Editors groups and give them exactly what
    ROLES lists (permissions are created first if they do not exist yet)."""
    from django.contrib.auth.management import create_permissions

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module; migration
        # state's app stubs have none, so lend them one for the call.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = Permission.objects.none()
        for app_label, codenames in spec.items():
            perms = Permission.objects.filter(content_type__app_label=app_label)
            if codenames != ALL:
                perms = perms.filter(codename__in=codenames)
            wanted = wanted | perms
        group.permissions.set(wanted)
