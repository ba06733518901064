# The featured image moves into the image library: first a link to a library
# image beside the old file fields (0004 fills it, 0005 drops the old fields).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_body_rich_text_editor"),
        ("images", "0001_library_image"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="featured_library_image",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="images.libraryimage",
            ),
        ),
    ]
