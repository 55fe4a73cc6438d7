"""Demo campaigns for `manage.py load_demo`: one ongoing with submissions, one upcoming, one
ended with posts and figures; idempotent."""

import datetime
import hashlib
import io

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model

from video.demo import demo_episodes, demo_rebuttals

from .models import (
    CampaignGalleryImage,
    CampaignIndexPage,
    CampaignOrganiser,
    CampaignPage,
    CampaignPostPage,
    CampaignRebuttal,
    CampaignStatus,
    CampaignSubmission,
    CampaignVideo,
    OrganiserRole,
    SubmissionStatus,
    site_today,
)

# Slug -> the status the demo campaign must show, and its dates as days from today. When a later
# run finds a campaign has drifted (the "ongoing" one ended last month), its dates move again.
DEMO_CAMPAIGN_DATES = {
    "say-something": (CampaignStatus.ONGOING, -15, 45),
    "reading-month": (CampaignStatus.UPCOMING, 20, 50),
    "community-talks": (CampaignStatus.ENDED, -200, -120),
}


def demo_image(title: str, colours: tuple[str, str]):
    """A generated picture (a gradient with a few shapes): no files to ship, no licence to track."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1200, 675
    top, bottom = (PillowImage.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in colours)
    picture = PillowImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for n in range(5):
        x, y, r = 160 + n * 230, 200 + (n % 2) * 220, 70 + (n % 3) * 30
        draw.ellipse([x - r, y - r, x + r, y + r], outline="white", width=6)
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=80)
    name = f"demo-{hashlib.sha1(title.encode()).hexdigest()[:10]}.jpg"
    image = Image(title=title, file=ImageFile(data, name=name))
    image.save()
    return image


def ensure_campaign(index: CampaignIndexPage, slug: str, **fields) -> CampaignPage:
    status, start_offset, end_offset = DEMO_CAMPAIGN_DATES[slug]
    today = site_today()
    dates = {
        "start_date": today + datetime.timedelta(days=start_offset),
        "end_date": today + datetime.timedelta(days=end_offset),
    }
    campaign = CampaignPage.objects.child_of(index).filter(slug=slug).first()
    if campaign is None:
        organisers = fields.pop("organisers")
        gallery = fields.pop("gallery", [])
        campaign = CampaignPage(
            slug=slug,
            organisers=[CampaignOrganiser(name=name, role=role) for name, role in organisers],
            gallery_images=[
                CampaignGalleryImage(image=image, caption=caption) for image, caption in gallery
            ],
            **dates,
            **fields,
        )
        index.add_child(instance=campaign)
        campaign.save_revision().publish()
    elif campaign.status != status:
        for field, value in dates.items():
            setattr(campaign, field, value)
        campaign.save_revision().publish()
    return campaign


# Campaign slug -> the demo rebuttals (debunk/demo_content.py numbers) and the demo episodes
# (video/demo.py slugs) shown with it.
DEMO_CAMPAIGN_LINKS = {
    "say-something": ([26, 20, 27], ["charger"]),
    "reading-month": ([1, 23, 24], ["banlangen", "overnight-vegetables"]),
    "community-talks": ([9, 6, 19], ["overnight-vegetables", "charger"]),
}


def ensure_campaign_links(campaign: CampaignPage) -> None:
    """Link the campaign to its demo rebuttals and episodes once they are loaded; a campaign
    that already has links, or unpublished edits, is left as it is."""
    campaign = CampaignPage.objects.get(pk=campaign.pk)  # as stored: publishing used a copy
    if (
        campaign.has_unpublished_changes
        or campaign.rebuttal_links.exists()
        or campaign.video_links.exists()
    ):
        return
    numbers, slugs = DEMO_CAMPAIGN_LINKS[campaign.slug]
    rebuttals, episodes = demo_rebuttals(numbers), demo_episodes(slugs)
    if rebuttals or episodes:
        campaign.rebuttal_links = [CampaignRebuttal(rebuttal=page) for page in rebuttals]
        campaign.video_links = [CampaignVideo(episode=page) for page in episodes]
        campaign.save_revision().publish()


def ensure_post(campaign: CampaignPage, slug: str, days_after_start: int, **fields) -> None:
    if CampaignPostPage.objects.child_of(campaign).filter(slug=slug).exists():
        return
    post = CampaignPostPage(
        slug=slug, date=campaign.start_date + datetime.timedelta(days=days_after_start), **fields
    )
    campaign.add_child(instance=post)
    post.save_revision().publish()


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def figures(heading: str, items: list[tuple[str, str, str]]) -> dict:
    return {
        "type": "figures",
        "value": {
            "heading": heading,
            "items": [
                {"label": label, "value": value, "note": note} for label, value, note in items
            ],
        },
    }


DEMO_SUBMISSIONS = [
    # name, township, message, video link, status
    (
        "城关小李",
        "城关镇",
        "我想对清源说：转发之前先求证，别让谣言从我们手里传出去！",
        "",
        SubmissionStatus.APPROVED,
    ),
    (
        "退休教师王老师",
        "东湖街道",
        "小区群里的“养生秘方”我都会先来平台查一查，已经帮邻居识破了三条谣言。",
        "",
        SubmissionStatus.APPROVED,
    ),
    (
        "河口镇青年志愿者",
        "河口镇",
        "我们拍了一段一分钟的小视频，教老人分辨假冒“官方通知”。",
        "https://www.douyin.com/video/7300000000000000000",
        SubmissionStatus.APPROVED,
    ),
    ("阿芳", "城关镇", "家乡越来越好，也希望网上的消息越来越真。", "", SubmissionStatus.APPROVED),
    (
        "匿名网友",
        "西山乡",
        "听说西山水库要拆？希望平台帮忙求证一下。",
        "",
        SubmissionStatus.PENDING,
    ),
    ("小张", "河口镇", "建议在村村通广播里也播一播辟谣知识。", "", SubmissionStatus.PENDING),
]


def ensure_demo_submissions(campaign: CampaignPage) -> None:
    if CampaignSubmission.objects.filter(campaign=campaign).exists():
        return
    for n, (name, township, message, video_url, status) in enumerate(DEMO_SUBMISSIONS):
        approved = status == SubmissionStatus.APPROVED
        submitted = timezone.now() - datetime.timedelta(hours=30 - 5 * n)
        CampaignSubmission.objects.create(
            campaign=campaign,
            name=name,
            contact=f"1380000{n:04d}",
            township=township,
            message=message,
            video_url=video_url,
            consent=True,
            status=status,
            created_at=submitted,
            moderated_at=submitted + datetime.timedelta(hours=2) if approved else None,
        )


def ensure_campaigns(index: CampaignIndexPage) -> dict[str, CampaignPage]:
    """One ongoing campaign with approved and pending submissions, one upcoming, one ended with
    posts and figures. Safe to run again: nothing is duplicated."""
    red = ("#b4121b", "#f08c00")
    blue = ("#1a4fb5", "#63c5da")
    green = ("#0b6b2f", "#94d82d")
    ongoing = ensure_campaign(
        index,
        "say-something",
        title="我想对清源说句话",
        theme="微视频与留言征集",
        slogan="说句心里话，传递正能量",
        intro="用一句话、一段短视频，说说你眼中的家乡和你身边的辟谣故事。",
        cover_image=demo_image("演示：我想对清源说句话", red),
        accepts_submissions=True,
        submission_prompt=(
            "写下你想对家乡说的话，或上传一段 3 分钟以内的短视频。审核通过后将在本页展示。"
        ),
        organisers=[
            ("清源县委网信办", OrganiserRole.HOST),
            ("清源县融媒体中心", OrganiserRole.ORGANISER),
        ],
        body=[
            paragraph(
                "<p>即日起，清源县委网信办联合县融媒体中心面向全县网友征集留言和微视频。"
                "优秀作品将在“清源辟谣”平台和县融媒体各平台展播。</p>"
            ),
            {"type": "heading", "value": {"text": "征集要求", "level": "h2"}},
            paragraph(
                "<ul><li>内容积极向上，与家乡发展、网络文明、辟谣求证相关；</li>"
                "<li>视频时长不超过 3 分钟，MP4 或 MOV 格式；</li>"
                "<li>请勿上传他人作品或涉及他人隐私的内容。</li></ul>"
            ),
        ],
    )
    ensure_post(
        ongoing,
        "launch",
        0,
        title="“我想对清源说句话”征集活动启动",
        intro="活动面向全县网友，征集留言与微视频。",
        body=[paragraph("<p>活动启动当天即收到网友留言 200 余条。</p>")],
    )
    ensure_demo_submissions(ongoing)

    upcoming = ensure_campaign(
        index,
        "reading-month",
        title="全民反诈读书月",
        theme="读好书 识谣言",
        slogan="多读一本书，少信一句谣",
        intro="线上共读科普图书，每周一次直播分享，学会识别常见谣言套路。",
        cover_image=demo_image("演示：全民反诈读书月", blue),
        organisers=[
            ("清源县委网信办", OrganiserRole.HOST),
            ("清源县图书馆", OrganiserRole.ORGANISER),
            ("县科协", OrganiserRole.CO_ORGANISER),
        ],
        body=[
            paragraph(
                "<p>读书月期间，每周推荐一本科普图书，邀请专家在线解读“食品安全”“健康养生”"
                "等领域的常见谣言。</p>"
            )
        ],
    )

    ended = ensure_campaign(
        index,
        "community-talks",
        title="谣言粉碎进社区",
        theme="社区辟谣宣传",
        slogan="辟谣进万家，安心你我他",
        intro="网信、公安、市场监管、卫健等部门走进社区、村居，面对面解答群众疑问。",
        cover_image=demo_image("演示：谣言粉碎进社区", green),
        organisers=[
            ("清源县委网信办", OrganiserRole.HOST),
            ("县公安局", OrganiserRole.CO_ORGANISER),
            ("县市场监管局", OrganiserRole.CO_ORGANISER),
        ],
        gallery=[
            (demo_image("演示：社区宣讲现场", green), "城关镇社区宣讲现场"),
            (demo_image("演示：发放宣传册", red), "志愿者向居民发放辟谣宣传册"),
            (demo_image("演示：答疑咨询台", blue), "部门工作人员现场答疑"),
        ],
        body=[
            paragraph("<p>活动历时八十天，覆盖全县 12 个乡镇（街道）。</p>"),
            figures(
                "活动成果",
                [
                    ("活动场次", "120+", ""),
                    ("覆盖人次", "30万+", "线上线下合计"),
                    ("发放宣传册", "2.6万份", ""),
                    ("现场解决群众问题", "86件", ""),
                ],
            ),
        ],
    )
    ensure_post(
        ended,
        "first-stop",
        3,
        title="首站走进城关镇东湖社区",
        intro="300 多位居民参加，现场答疑 40 余个。",
        body=[paragraph("<p>县公安局民警结合真实案例讲解了冒充客服退款诈骗的常见话术。</p>")],
    )
    ensure_post(
        ended,
        "summary",
        80,
        title="“谣言粉碎进社区”活动圆满结束",
        intro="活动成果数据发布。",
        body=[
            paragraph("<p>感谢各乡镇（街道）和志愿者的支持。</p>"),
            figures("数据一览", [("活动场次", "120+", ""), ("覆盖人次", "30万+", "")]),
        ],
    )
    for campaign in (ongoing, upcoming, ended):
        ensure_campaign_links(campaign)
    return {"ongoing": ongoing, "upcoming": upcoming, "ended": ended}
