"""Sync the editorial groups again now that RelatedArticle (pinned picks)
exists, so editors may pin related articles."""

from django.db import migrations


def sync(apps, schema_editor) -> None:
    from articles.roles import sync_editorial_groups

    sync_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_merge_20261125_1222")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
