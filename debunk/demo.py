"""Demo content for the rumour column: real CC0 rumours from Cofacts, the team's own demo
rebuttals, and the page that explains the verdict scale. Idempotent, like the rest of load_demo."""

import logging
from pathlib import Path

from django.apps import apps

from wagtail.models import Page

from .demo_content import DEMO_REBUTTALS
from .importing import RumourImporter, numbered_lines
from .models import RebuttalIndexPage, RebuttalPage, RelatedRebuttal
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

    with CLAIMS_CC.open(encoding="utf-8") as stream:
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
