from django.db import migrations, models

from core.sanitize import html_to_text


def fill_body_text(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for page in Page.objects.only("pk", "body").iterator():
        Page.objects.filter(pk=page.pk).update(body_text=html_to_text(page.body))


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0003_menu_item_parent"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_body_text, migrations.RunPython.noop),
    ]
