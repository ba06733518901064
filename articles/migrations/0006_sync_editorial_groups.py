"""Bring the Writers and Editors groups up to articles/roles.py, now that the
workflow and editorial models (audit trail, pending changes, trash, preview
links, tag redirects, mention suggestions) exist."""

from django.db import migrations


def sync(apps, schema_editor) -> None:
    from articles.roles import sync_editorial_groups

    sync_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_merge_20261125_1132"),
        ("articles", "0003_imported_assets"),
        ("entities", "0002_mention_suggestions"),
    ]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
