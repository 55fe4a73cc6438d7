"""Demo content for the rumour column: real CC0 rumours from Cofacts, the team's own demo
rebuttals, and the page that explains the verdict scale. Idempotent, like the rest of load_demo."""

import datetime
import logging
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page

from . import triage
from .demo_content import DEMO_REBUTTALS
from .importing import RumourImporter, numbered_lines
from .matching import find_matches
from .models import (
    InformantProfile,
    InformantRole,
    RebuttalIndexPage,
    RebuttalPage,
    RelatedRebuttal,
    Tip,
    TipPriority,
    TipStatus,
)
from .permissions import INFORMANTS
from .verdicts import BEST_RATING, SCALE, WORST_RATING

CLAIMS_CC = Path(__file__).resolve().parent / "data" / "claims_cc.jsonl"
RELATED_PER_PAGE = 3

logger = logging.getLogger(__name__)


def verdict_scale_body() -> list[dict]:
    """The /about/verdicts/ page, written from debunk.verdicts so it never drifts from it."""
    body = [
        {
            "type": "paragraph",
            "value": "<p>每一篇辟谣都在页面最上方给出一个核查结论。结论只有下面五种，"
            "由事实核查员根据证据给出，并经终审编辑签发。</p>",
        }
    ]
    for grade in SCALE:
        body += [
            {"type": "heading", "value": {"text": f"{grade.icon} {grade.label}", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{grade.description}</p>"},
        ]
    body += [
        {"type": "heading", "value": {"text": "稿件类型", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>辟谣：澄清一条具体的传言；科普：解释背后的科学道理；"
            "通报：转载或说明权威部门的通报；提示：提醒读者防范诈骗、灾害等风险。</p>",
        },
        {"type": "heading", "value": {"text": "更正与搜索引擎", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>结论或事实有误时，我们直接修改正文，"
            "并在文末的“更正”中写明改了什么、何时改的。"
            "每篇辟谣都以 schema.org ClaimReview 格式告诉搜索引擎我们的结论，评分从 "
            f"{WORST_RATING}（谣言）到 {BEST_RATING}（属实），“无法证实”记为 3。</p>",
        },
    ]
    return body


def ensure_verdicts_page(home: Page) -> Page | None:
    StandardPage = apps.get_model("cms", "StandardPage")  # by name: imports run cms -> debunk
    about = StandardPage.objects.child_of(home).filter(slug="about").first()
    if about is None:
        return None
    page = Page.objects.child_of(about).filter(slug="verdicts").first()
    if page is not None:
        return page
    page = StandardPage(
        slug="verdicts",
        title="核查结论说明",
        intro="谣言、误导、部分属实、属实、无法证实：我们怎样给出结论。",
        body=verdict_scale_body(),
    )
    about.add_child(instance=page)
    page.save_revision().publish()
    return page


def link_column_to_verdicts(column: RebuttalIndexPage, verdicts_page: Page | None) -> None:
    if verdicts_page is None or column.verdicts_page_id:
        return
    column.verdicts_page = verdicts_page
    column.save_revision().publish()


def import_demo_rebuttals(column: RebuttalIndexPage) -> None:
    def log(message):
        logger.debug("demo import: %s", message)

    with CLAIMS_CC.open("rb") as stream:
        RumourImporter(column, warn=log).run(numbered_lines(stream))
    RumourImporter(column, warn=log).run(enumerate(DEMO_REBUTTALS, start=1))


def relate_demo_rebuttals(column: RebuttalIndexPage) -> None:
    """Give each team-written rebuttal a few related ones from its category (once)."""
    demo = list(
        RebuttalPage.objects.child_of(column)
        .filter(source_id__startswith="qingyuan-demo-")
        .order_by("-published_date")
        .only("id", "category_id")
    )
    if RelatedRebuttal.objects.filter(page__in=demo).exists():
        return
    links = []
    for page in demo:
        same_category = [p for p in demo if p.category_id == page.category_id and p != page]
        for order, other in enumerate(same_category[:RELATED_PER_PAGE]):
            links.append(RelatedRebuttal(page_id=page.pk, rebuttal_id=other.pk, sort_order=order))
    RelatedRebuttal.objects.bulk_create(links)


def load_demo(home: Page) -> None:
    column = RebuttalIndexPage.objects.child_of(home).first()
    if column is None:
        return
    link_column_to_verdicts(column, ensure_verdicts_page(home))
    import_demo_rebuttals(column)
    relate_demo_rebuttals(column)


# -- reader tips ----------------------------------------------------------------------------------

INFORMANT_USERNAME = "informant"

# (days ago, hour, text, where seen, township, sent by the informant, what the editors did)
# "did" is one of: new, triaged, rejected, duplicate:<demo number>, found:<demo number>, or
# answered:<demo number>:<hours> (the tip that led to that rebuttal, sent so many hours before
# it was first published; its own days ago and hour are then ignored).
DEMO_TIPS = [
    (
        0,
        9,
        "紧急提醒！超市卖的紫菜是用黑色塑料袋做的，泡水后嚼不烂，家里有老人小孩的千万别吃了，"
        "转发给你关心的人！",
        "wechat_group",
        "城关镇",
        False,
        "new",
    ),
    (
        0,
        11,
        "河西乡好几个群在传：自来水厂被投毒了，明天起停水一周，大家赶紧去超市囤水。",
        "wechat_group",
        "河西乡",
        True,
        "new",
    ),
    (
        1,
        15,
        "有人发视频说东湖街道菜市场的猪肉都是注水肉，一斤能多出二两水，是真的吗？",
        "douyin",
        "东湖街道",
        False,
        "triaged",
    ),
    (
        1,
        20,
        "医保卡里的钱年底要清零了！赶紧去药店把钱刷掉，买点米面油也行。",
        "moments",
        "城关镇",
        True,
        "duplicate:7",
    ),
    (
        2,
        10,
        "隔夜菜到底能不能吃？听说放一晚上就会致癌。",
        "wechat_group",
        "",
        False,
        "found:3",
    ),
    (
        0,
        0,
        "气象台说这周六有百年一遇的特大暴雨，全县停工停课，要赶紧囤吃的和水吗？",
        "wechat_group",
        "城关镇",
        True,
        "answered:15:20",
    ),
    (
        0,
        0,
        "群里在传教育局发通知了，说因为流感全县中小学下周提前放寒假，是真的吗？",
        "moments",
        "东湖街道",
        False,
        "answered:11:6",
    ),
    (
        3,
        16,
        "收到一条广告：加微信就能领取免费鸡蛋，是不是骗子？",
        "sms",
        "河西乡",
        False,
        "rejected",
    ),
]


def ensure_informant(ensure_user):
    """The demo informant: a front-end login in the 信息员 group, on the roster for 河西乡."""
    login = ensure_user(INFORMANT_USERNAME, "信息员（登录 /tips/informant/）", first_name="赵网格")
    user = get_user_model().objects.get(username=INFORMANT_USERNAME)
    if user.is_staff or not user.email:
        # Informants never use the admin.
        user.is_staff = False
        user.email = user.email or "informant@example.org"
        user.save(update_fields=["is_staff", "email"])
    group = Group.objects.filter(name=INFORMANTS).first()
    if group is not None:
        user.groups.add(group)
    InformantProfile.objects.get_or_create(
        user=user, defaults={"township": "河西乡", "role": InformantRole.GRID_WORKER}
    )
    return login, user


def demo_rebuttal(number: int) -> RebuttalPage | None:
    return RebuttalPage.objects.live().filter(source_id=f"qingyuan-demo-{number:03d}").first()


def load_tip_demo(ensure_user):
    """A few tips in each state, matched against the demo rebuttals (run after search has
    indexed them). Idempotent: nothing is added once the first demo tip exists."""
    login, informant = ensure_informant(ensure_user)
    if Tip.objects.filter(text=DEMO_TIPS[0][2]).exists():
        return login
    editor = get_user_model().objects.filter(username="editor").first()
    now = timezone.localtime()
    for days_ago, hour, text, seen_on, township, by_informant, did in DEMO_TIPS:
        created = (now - datetime.timedelta(days=days_ago)).replace(hour=hour, minute=0)
        tip = Tip(
            text=text,
            seen_on=seen_on,
            township=township or (informant.informant_profile.township if by_informant else ""),
            created_at=min(created, now),
            submitter=informant if by_informant else None,
            from_informant=by_informant,
        )
        action, _, number = did.partition(":")
        if action == "found" and (rebuttal := demo_rebuttal(int(number))):
            matches = [m for m in find_matches(text) if m.rebuttal.pk == rebuttal.pk]
            if matches:
                found = triage.record_found_by_search(text, seen_on, matches, rebuttal.pk)
                Tip.objects.filter(pk=found.pk).update(created_at=tip.created_at)
                continue
        if action == "answered" and (rebuttal := demo_rebuttal(int(number.split(":")[0]))):
            hours = int(number.split(":")[1])
            tip.created_at = rebuttal.first_published_at - datetime.timedelta(hours=hours)
            tip.rebuttal = rebuttal
        triage.receive(tip)
        if action == "answered" and tip.rebuttal_id:
            triage.change_status([tip], TipStatus.ANSWERED, editor)
            Tip.objects.filter(pk=tip.pk).update(answered_at=tip.rebuttal.first_published_at)
        elif action == "triaged":
            triage.change_status([tip], TipStatus.TRIAGED, editor)
            Tip.objects.filter(pk=tip.pk).update(priority=TipPriority.HIGH)
        elif action == "rejected":
            triage.change_status([tip], TipStatus.REJECTED, editor)
        elif action == "duplicate" and (rebuttal := demo_rebuttal(int(number))):
            triage.mark_duplicate(tip, rebuttal, editor)
    return login
