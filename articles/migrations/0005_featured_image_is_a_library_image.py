# The old file fields go (0004 moved their content into the library) and the
# library link takes the field's name.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_featured_images_into_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="featured_image"),
        migrations.RemoveField(model_name="article", name="featured_image_alt"),
        migrations.RemoveField(model_name="article", name="featured_image_caption"),
        migrations.RemoveField(model_name="article", name="featured_image_credit"),
        migrations.RemoveField(model_name="article", name="featured_image_renditions"),
        migrations.RenameField(model_name="article", old_name="featured_library_image", new_name="featured_image"),
        migrations.AlterField(
            model_name="article",
            name="featured_image",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="featured_in",
                to="images.libraryimage",
                help_text="Choose a picture from the image library (upload new ones there, with alt text and credit).",
            ),
        ),
    ]
