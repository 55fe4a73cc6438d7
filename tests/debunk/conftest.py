import datetime
import time

from django.contrib.auth.models import Group
from django.core import signing

from wagtail.models import Site

import pytest

from cms.models import SiteSettings
from core.protection import FORM_TOKEN_SALT
from debunk.factories import (
    CorrectionFactory,
    EvidenceSourceFactory,
    FactCheckerCreditFactory,
    InformantProfileFactory,
    RebuttalPageFactory,
    RebuttalScreenshotFactory,
    RelatedRebuttalFactory,
)
from debunk.models import Category
from debunk.permissions import INFORMANTS
from debunk.verdicts import Verdict
from tests.search import conftest as search_fixtures

# The search tests' engine fixtures (the OpenSearch node `make test` starts) and their
# publish-as-the-admin-does helper.
engine = search_fixtures.engine
engine_url = search_fixtures.engine_url
publish = search_fixtures.publish


@pytest.fixture
def column(site_tree):
    return site_tree["rumours"]


@pytest.fixture
def categories(db):
    """The eight categories the data migration seeds, by slug."""
    return {category.slug: category for category in Category.objects.all()}


@pytest.fixture
def organisation(site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "测试县委网信办"
    site_settings.save()
    return site_settings.organisation_name


def add_relations(page, *, sources=1, corrections=1, credits=1, related=1, screenshots=0):
    """Give `page` n of each relation the template shows (related ones are new live pages)."""
    for _ in range(sources):
        EvidenceSourceFactory(page=page)
    for _ in range(corrections):
        CorrectionFactory(page=page)
    for _ in range(credits):
        FactCheckerCreditFactory(page=page)
    for _ in range(related):
        other = RebuttalPageFactory(parent=page.get_parent(), verdict=Verdict.MISLEADING)
        RelatedRebuttalFactory(page=page, rebuttal=other)
    for _ in range(screenshots):
        RebuttalScreenshotFactory(page=page)
    return page


@pytest.fixture
def rebuttal(column, categories, organisation):
    """A complete rebuttal: every field and one of each relation."""
    page = RebuttalPageFactory(
        parent=column,
        title="网传“清源自来水有毒”？假的！",
        slug="tap-water",
        claim_text="紧急通知：明天起全城自来水有毒，千万别喝，赶紧转发给家人！",
        claim_summary="网传清源全城自来水有毒",
        short_answer="县水务局检测显示，自来水各项指标合格，网传消息不实。",
        appearance_urls="https://weibo.example.com/123\nhttps://video.example.com/456",
        first_seen=datetime.date(2025, 2, 27),
        claimant="某微信公众号",
        category=categories["food-safety"],
        region="城关镇",
        published_date=datetime.date(2025, 3, 1),
        attribution="演示内容",
        body=[
            {"type": "markdown", "value": "## 检测结果\n\n**全部合格**。<script>alert(1)</script>"},
            {
                "type": "authority_quote",
                "value": {
                    "text": "出厂水和末梢水均符合国家标准。",
                    "speaker": "清源县水务局",
                    "role": "水质科",
                    "source_url": "https://water.example.gov.cn/notice",
                    "date": "2025-03-01",
                },
            },
        ],
    )
    add_relations(page)
    page.tags.add("自来水", "水质")
    page.save()
    return page


# -- reader tips ----------------------------------------------------------------------------------


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def search_backend(request):
    """Run a test once on the database backend and once on the OpenSearch node."""
    if request.param == "engine":
        request.getfixturevalue("engine")
    return request.param


# slug -> (title, claim as it circulated, summary, verdict)
RUMOURS = {
    "tap-water": (
        "网传“全城自来水有毒”？假的！",
        "紧急通知：明天起全城自来水有毒，千万别喝，赶紧转发给家人！",
        "网传清源全城自来水有毒",
        Verdict.FALSE,
    ),
    "plastic-rice": (
        "网传“塑料大米”流入本地市场？假的",
        "朋友圈流传视频称，市场上出现用塑料制成的大米，煮不烂还能拉丝，大家千万不要买。",
        "网传市场上出现塑料大米",
        Verdict.FALSE,
    ),
    "5g-virus": (
        "5G基站传播新冠病毒？谣言",
        "有消息称5G基站发射的信号会传播新冠病毒，呼吁大家拆除小区基站。",
        "网传5G基站传播新冠病毒",
        Verdict.FALSE,
    ),
    "lemon-cancer": (
        "喝热柠檬水能杀死癌细胞？谣言",
        "网传喝热柠檬水可以杀死癌细胞，比化疗还管用，请大家转发给身边的人。",
        "网传热柠檬水能杀死癌细胞",
        Verdict.FALSE,
    ),
    "iodine-salt": (
        "多吃碘盐能防辐射？误导",
        "有人称多吃碘盐可以预防核辐射，赶紧去超市抢购，晚了就买不到了。",
        "网传多吃碘盐可以防辐射",
        Verdict.MISLEADING,
    ),
}


@pytest.fixture
def rumours(column, publish):
    """Five rebuttals published the way the admin publishes them, so search holds them."""
    pages = {}
    for offset, (slug, (title, claim, summary, verdict)) in enumerate(RUMOURS.items()):
        page = RebuttalPageFactory(
            parent=column,
            slug=slug,
            title=title,
            claim_text=claim,
            claim_summary=summary,
            verdict=verdict,
            published_date=datetime.date(2025, 3, 1) + datetime.timedelta(days=offset),
            live=False,
        )
        pages[slug] = publish(page)
    return pages


@pytest.fixture
def indexed_rumours(search_backend, rumours):
    """The rumours, published while the backend under test was configured."""
    return rumours


@pytest.fixture
def form_token():
    """The signed "form shown at" token of a form shown ``seconds`` ago."""

    def _token(seconds: float = 60):
        return signing.dumps(time.time() - seconds, salt=FORM_TOKEN_SALT)

    return _token


@pytest.fixture
def informants_group(db):
    """The group the data migration creates."""
    return Group.objects.get(name=INFORMANTS)


@pytest.fixture
def informant(django_user_model, informants_group):
    user = django_user_model.objects.create_user(
        "grid-worker", password="correct-horse-9", email="grid@example.org", first_name="赵网格"
    )
    user.groups.add(informants_group)
    InformantProfileFactory(user=user, township="河西镇")
    return user
