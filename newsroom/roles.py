"""The editorial roles and their model permissions, in one place.

Groups only grant coarse model permissions; the per-article rules (a writer
edits only their own drafts, never publishes) live in permissions.py and the
workflow services. ``sync_editorial_groups`` is idempotent: it runs after
every migrate (``post_migrate``, which a test flush sends too).
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

ALL = "__all__"

ROLES: dict[str, dict[str, list[str] | str]] = {
    "Writers": {
        "articles": ["add_article", "change_article", "view_article", "delete_article", "view_correction",
                     "view_articleauthor", "add_articleauthor", "change_articleauthor", "delete_articleauthor"],
        "newsroom": ["view_mentionsuggestion"],
        "recommendations": ["view_relatedarticle"],
        "taggit": ["add_tag", "view_tag"],
        "entities": ["view_official", "view_enterprise", "view_regulator", "view_position"],
        "authors": ["view_authorprofile"],
        # Pages: writers draft and submit them; publishing is the editors'.
        "pages": ["add_page", "change_page", "view_page", "view_menu", "view_mastheadentry"],
        # Writers add pictures to the library and describe them; editors
        # also delete them.
        "images": ["add_libraryimage", "change_libraryimage", "view_libraryimage"],
    },
    "Editors": {
        "articles": ALL, "newsroom": ALL, "search": ALL, "importers": ALL, "recommendations": ALL,
        "taggit": ALL, "entities": ALL, "authors": ALL, "pages": ALL, "images": ALL,
        # Subscribers: counts and addresses; writers get no subscriptions permission at all.
        "subscriptions": ALL,
    },
}


def sync_editorial_groups(apps=None) -> None:
    """Create the Writers and Editors groups and give them exactly what
    ROLES lists (permissions are created first if they do not exist yet)."""
    apps = apps or global_apps
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


def sync_after_migrate(sender, apps=None, **kwargs) -> None:
    """post_migrate receiver. The signal is sent once per app; act on
    newsroom's own (sync_editorial_groups creates every app's permissions
    first)."""
    if sender.label != "newsroom" or apps is None:
        return
    sync_editorial_groups(apps)
