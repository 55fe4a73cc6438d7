"""Demo content for 征视频: a series of short episodes whose videos ffmpeg makes on the spot.

Each clip is a test pattern with a Chinese title card and a tone, a few seconds long, so
`make run` shows playable episodes with subtitles without downloading anything. Idempotent:
existing pages and media are kept, and clips are only encoded when missing.
"""

import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.files import File
from django.db import transaction

from debunk.models import RebuttalPage
from video.models import (
    VideoEpisodePage,
    VideoEpisodeRebuttal,
    VideoMedia,
    VideoSeriesPage,
    VideoSubtitle,
)

logger = logging.getLogger(__name__)

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
]
ENCODE_TIMEOUT_SECONDS = 60


def find_font() -> str | None:
    found = next((path for path in FONT_CANDIDATES if Path(path).exists()), None)
    if found is None and shutil.which("fc-match"):
        result = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True
        )
        found = result.stdout.strip() or None
    return found


def make_test_pattern(
    path: Path,
    *,
    seconds: float = 6,
    title: str = "",
    size: str = "640x360",
    pattern: str = "testsrc2",
    tone_hz: int = 440,
) -> Path:
    """Encode an H.264/AAC MP4 (faststart) test pattern with the title shown for 3 seconds."""
    filters = []
    font = find_font() if title else None
    with tempfile.TemporaryDirectory() as workdir:
        if font:
            title_file = Path(workdir) / "title.txt"
            title_file.write_text(title, encoding="utf-8")
            filters.append(
                f"drawtext=fontfile={font}:textfile={title_file}:fontsize=h/9:fontcolor=white:"
                "box=1:boxcolor=black@0.65:boxborderw=24:x=(w-text_w)/2:y=(h-text_h)/2:"
                "enable='lt(t,3)'"
            )
        command = [
            shutil.which("ffmpeg") or "ffmpeg",
            *("-nostdin", "-v", "error", "-y"),
            *("-f", "lavfi", "-i", f"{pattern}=size={size}:rate=25:duration={seconds}"),
            *("-f", "lavfi", "-i", f"sine=frequency={tone_hz}:duration={seconds}"),
            *(["-vf", ",".join(filters)] if filters else []),
            *("-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p"),
            *("-g", "50", "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart", "-shortest"),
            str(path),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=ENCODE_TIMEOUT_SECONDS)
    return path


def webvtt(cues: list[tuple[float, float, str]]) -> str:
    def stamp(seconds: float) -> str:
        minutes, secs = divmod(seconds, 60)
        return f"00:{int(minutes):02d}:{secs:06.3f}"

    blocks = [f"{stamp(start)} --> {stamp(end)}\n{text}" for start, end, text in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


@dataclass
class DemoEpisode:
    number: int
    slug: str
    title: str
    summary: str
    tags: list[str]
    cues: list[tuple[float, float, str]]
    pattern: str = "testsrc2"
    tone_hz: int = 440
    published_on: date = date(2025, 3, 1)


SERIES_SLUG = "one-minute-truth"
EPISODES = [
    DemoEpisode(
        number=1,
        slug="banlangen",
        title="喝板蓝根能预防新冠？没有证据",
        summary="网传“每天喝板蓝根能预防新冠”。县疾控中心专家解释：目前没有研究证明板蓝根能预防新冠病毒感染。",
        tags=["医疗健康", "疫情"],
        cues=[
            (0.2, 2.8, "网传：每天喝板蓝根能预防新冠"),
            (3.0, 4.8, "真相：没有研究证明它有预防作用"),
            (5.0, 6.0, "接种疫苗、勤洗手更有效"),
        ],
        published_on=date(2025, 3, 1),
    ),
    DemoEpisode(
        number=2,
        slug="overnight-vegetables",
        title="隔夜菜会致癌吗？",
        summary="“隔夜菜致癌”的说法流传很广。专家说：冷藏得当的隔夜菜亚硝酸盐含量远低于安全标准，但要尽快吃完。",
        tags=["食品安全"],
        cues=[
            (0.2, 2.8, "网传：隔夜菜会致癌"),
            (3.0, 4.8, "冷藏得当，亚硝酸盐远低于安全标准"),
            (5.0, 6.0, "剩菜要密封冷藏，尽快吃完"),
        ],
        pattern="smptebars",
        tone_hz=523,
        published_on=date(2025, 3, 8),
    ),
    DemoEpisode(
        number=3,
        slug="charger",
        title="充电器不拔会爆炸？",
        summary="“充电器插在插座上不拔会爆炸”是夸大说法。合格充电器空载功耗很小，但劣质充电器确有隐患。",
        tags=["公共安全", "科学常识"],
        cues=[
            (0.2, 2.8, "网传：充电器不拔会爆炸"),
            (3.0, 4.8, "合格充电器空载时几乎不耗电"),
            (5.0, 6.0, "请购买正规产品，用完随手拔掉"),
        ],
        pattern="rgbtestsrc",
        tone_hz=660,
        published_on=date(2025, 3, 15),
    ),
]


# Episode slug -> the team-written demo rebuttals (debunk/demo_content.py numbers) it explains.
EPISODE_REBUTTALS = {
    "banlangen": [29, 22],  # 新冠变异株致死率, 流感疫苗
    "overnight-vegetables": [3, 1],  # 隔夜菜, 紫菜
    "charger": [24],  # 手机放枕边辐射
}


def demo_rebuttals(numbers: list[int]) -> list[RebuttalPage]:
    """The demo rebuttals with these numbers, in that order (those not loaded are left out)."""
    source_ids = [f"qingyuan-demo-{number:03d}" for number in numbers]
    found = {page.source_id: page for page in RebuttalPage.objects.filter(source_id__in=source_ids)}
    return [found[source_id] for source_id in source_ids if source_id in found]


def demo_episodes(slugs: list[str]) -> list[VideoEpisodePage]:
    """The demo series' episodes with these slugs, in that order (missing ones left out)."""
    series = VideoSeriesPage.objects.filter(slug=SERIES_SLUG).first()
    if series is None:
        return []
    found = {page.slug: page for page in VideoEpisodePage.objects.child_of(series)}
    return [found[slug] for slug in slugs if slug in found]


def link_demo_rebuttals(series: VideoSeriesPage) -> None:
    """Link each demo episode to the rebuttals it explains, once the column's demo is loaded.
    Episodes that already have links, or unpublished edits, are left as they are."""
    for slug, numbers in EPISODE_REBUTTALS.items():
        episode = VideoEpisodePage.objects.child_of(series).filter(slug=slug).first()
        if episode is None or episode.has_unpublished_changes or episode.rebuttal_links.exists():
            continue
        rebuttals = demo_rebuttals(numbers)
        if rebuttals:
            episode.rebuttal_links = [VideoEpisodeRebuttal(rebuttal=page) for page in rebuttals]
            episode.save_revision().publish()


def ensure_series(videos_index) -> VideoSeriesPage:
    existing = VideoSeriesPage.objects.child_of(videos_index).filter(slug=SERIES_SLUG).first()
    if existing is not None:
        return existing
    series = VideoSeriesPage(
        title="一分钟看真相",
        slug=SERIES_SLUG,
        tagline="每集一分钟，讲清一条流传的谣言。",
        description="<p>县委网信办联合县疾控中心、市场监管局推出的辟谣短视频系列。"
        "每一集回答一个读者最常问的“是真的吗”。</p>",
        credit="出品：清源县委网信办 · 清源县融媒体中心",
    )
    videos_index.add_child(instance=series)
    series.save_revision().publish()
    return series


def ensure_media(episode: DemoEpisode) -> VideoMedia:
    title = f"演示视频 第{episode.number}集"
    media = VideoMedia.objects.filter(title=title).first()
    if media is not None and media.file and media.file.storage.exists(media.file.name):
        return media
    with tempfile.TemporaryDirectory() as workdir:
        clip = make_test_pattern(
            Path(workdir) / f"demo-{episode.slug}.mp4",
            title=f"第{episode.number}集\n{episode.title}",
            pattern=episode.pattern,
            tone_hz=episode.tone_hz,
        )
        media = media or VideoMedia(title=title, type="video")
        with clip.open("rb") as handle:
            media.file.save(clip.name, File(handle), save=False)
        media.save()  # the probe task runs after commit and extracts the poster
    return media


def ensure_episode(series: VideoSeriesPage, episode: DemoEpisode) -> VideoEpisodePage:
    existing = VideoEpisodePage.objects.child_of(series).filter(slug=episode.slug).first()
    if existing is not None:
        return existing
    page = VideoEpisodePage(
        title=episode.title,
        slug=episode.slug,
        episode_number=episode.number,
        media=ensure_media(episode),
        summary=episode.summary,
        published_on=episode.published_on,
        subtitles=[VideoSubtitle(language="zh-Hans", vtt=webvtt(episode.cues))],
    )
    series.add_child(instance=page)
    page.tags.add(*episode.tags)
    page.save_revision().publish()
    return page


def load_video_demo(videos_index) -> VideoSeriesPage | None:
    """The demo series with three playable episodes, linked to the demo rebuttals they explain
    (load the column's demo first); skipped with a warning without ffmpeg."""
    if shutil.which("ffmpeg") is None:
        logger.warning("ffmpeg 未安装：跳过演示视频（请运行 make system-deps）")
        return None
    with transaction.atomic():
        series = ensure_series(videos_index)
        for episode in EPISODES:
            ensure_episode(series, episode)
        link_demo_rebuttals(series)
    return series
