"""How long the background probe takes: ffprobe + tail decode + poster frame on one clip.

    .venv/bin/python bench/video_probe.py                 # encodes a 10 s 1280x720 test clip
    .venv/bin/python bench/video_probe.py path/to/video.mp4 --repeat 10

Prints the median and worst wall time of each step over the repeats. The task itself adds one
UPDATE of the media row to these.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from core.media_probe import probe  # noqa: E402
from video.demo import make_test_pattern  # noqa: E402
from video.probe import check_playable, extract_poster  # noqa: E402


def timed(function, *args, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return times, result


def run_task(path: str) -> float:
    """Store the clip as a media item in a throwaway SQLite database and time the task once."""
    from django.conf import settings
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connections

    from video.models import VideoMedia
    from video.tasks import probe_media

    workdir = Path(tempfile.mkdtemp())
    settings.DATABASES["default"]["NAME"] = str(workdir / "bench.sqlite3")
    settings.MEDIA_ROOT = workdir / "media"
    connections.close_all()
    call_command("migrate", verbosity=0)
    media = VideoMedia(title="bench", type="video")
    with open(path, "rb") as handle:
        media.file.save(Path(path).name, File(handle), save=False)
    VideoMedia.objects.bulk_create([media])  # no save(): the task is timed on its own below
    media = VideoMedia.objects.get()
    start = time.perf_counter()
    probe_media.call(media.pk)
    elapsed = time.perf_counter() - start
    assert VideoMedia.objects.get().probe_status == "done"
    connections.close_all()
    shutil.rmtree(workdir)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", nargs="?", help="a video file (default: a generated 10 s clip)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--task", action="store_true", help="also run the django-tasks task on a throwaway database"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        path = args.video
        if path is None:
            start = time.perf_counter()
            path = str(
                make_test_pattern(
                    Path(workdir) / "clip10.mp4", seconds=10, size="1280x720", title="基准测试"
                )
            )
            print(f"encoded 10 s 1280x720 clip in {time.perf_counter() - start:.2f} s")
        info = probe(path)
        codecs = f"{info.video_codec}/{info.audio_codec}"
        print(f"{path}: {info.duration:.1f} s, {info.resolution}, {codecs}")
        rows = [
            ("ffprobe (metadata)", timed(probe, path, repeat=args.repeat)[0]),
            (
                "check_playable (probe + tail decode)",
                timed(check_playable, path, repeat=args.repeat)[0],
            ),
            ("extract_poster", timed(extract_poster, path, info, repeat=args.repeat)[0]),
        ]
        total = [sum(step) for step in zip(*(times for _, times in rows[1:]), strict=True)]
        rows.append(("task work (check + poster)", total))
        for name, times in rows:
            median, worst = statistics.median(times) * 1000, max(times) * 1000
            print(f"{name:40s} median {median:7.1f} ms   max {worst:7.1f} ms")
        if args.task:
            print(f"{'probe_media task (SQLite, end to end)':40s} {run_task(path) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
