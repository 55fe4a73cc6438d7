"""Campaign videos move out of MEDIA_ROOT (served to anyone with the URL) into private storage.

Files keep their names, so the rows need no change; a file already moved, or missing, is left
alone. Reversing moves them back.
"""

import core.private_media
import core.uploads
from django.core.files.storage import storages
from django.db import migrations, models


def move_videos(apps, source, target):
    CampaignSubmission = apps.get_model("campaigns", "CampaignSubmission")
    names = CampaignSubmission.objects.exclude(video="").values_list("video", flat=True)
    for name in names.iterator():
        if not source.exists(name) or target.exists(name):
            continue
        with source.open(name, "rb") as handle:
            target.save(name, handle)  # free in the target, so the name is kept
        source.delete(name)


def to_private(apps, schema_editor):
    move_videos(apps, storages["default"], core.private_media.private_storage())


def to_public(apps, schema_editor):
    move_videos(apps, core.private_media.private_storage(), storages["default"])


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0002_submission_moderators'),
    ]

    operations = [
        migrations.AlterField(
            model_name='campaignsubmission',
            name='video',
            field=models.FileField(blank=True, max_length=200, storage=core.private_media.private_storage, upload_to=core.uploads.UnguessablePath('campaign-submissions'), verbose_name='视频'),
        ),
        migrations.RunPython(to_private, to_public),
    ]
