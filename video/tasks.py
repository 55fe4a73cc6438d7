"""Background work for videos (django-tasks): probe an uploaded file, extract a poster."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from django_tasks import task

from core.media_probe import ProbeError, local_path
from video.models import ProbeStatus, VideoMedia
from video.probe import check_playable, extract_poster

logger = logging.getLogger(__name__)

PROBE_FIELDS = [
    "duration",
    "width",
    "height",
    "video_codec",
    "audio_codec",
    "container",
    "file_size",
    "probe_status",
    "probe_message",
    "probed_at",
    "probed_file",
]


@task()
def probe_media(media_id: int) -> str:
    """Read duration, resolution and codecs into the media item; add a poster if it has none."""
    media = VideoMedia.objects.filter(pk=media_id).first()
    if media is None or not media.file:
        return "missing"
    update_fields = list(PROBE_FIELDS)
    media.probed_file = media.file.name
    media.probed_at = timezone.now()
    try:
        media.file_size = media.file.size
        with local_path(media.file) as path:
            info = check_playable(path, media.type)
            poster = None
            if media.type == "video" and (not media.thumbnail or media.poster_generated):
                poster = extract_poster(path, info)
    except (ProbeError, OSError) as error:
        logger.warning("Media %s could not be probed: %s", media_id, error)
        media.probe_status = ProbeStatus.FAILED
        media.probe_message = str(error)[:300]
        media.save(update_fields=update_fields)
        return ProbeStatus.FAILED
    media.duration = round(info.duration, 3)
    media.width, media.height = info.width, info.height
    media.video_codec, media.audio_codec = info.video_codec, info.audio_codec
    media.container = info.container
    media.probe_status = ProbeStatus.DONE
    media.probe_message = ""
    if poster is not None:
        if media.thumbnail:
            media.thumbnail.delete(save=False)  # the frame we took from the previous file
        media.thumbnail.save(f"poster-{media.pk}.jpg", ContentFile(poster), save=False)
        media.poster_generated = True
        update_fields += ["thumbnail", "poster_generated"]
    media.save(update_fields=update_fields)
    return ProbeStatus.DONE
