"""Search fixtures: a small rumour corpus published as real pages, and both backends.

The engine tests run against the OpenSearch node that `make test` starts (TEST_SEARCH_URL).
Outside CI a missing node skips them; in CI (CI=true) it fails them.
"""

import datetime
import os
import uuid

from django.core.cache import cache
from django.test import override_settings

import pytest

from cms.factories import StandardPageFactory
from cms.models import StandardPage
from search import registry
from search.conf import parse_search_url
from search.registry import Document

ENGINE_ENV = "TEST_SEARCH_URL"


def pytest_collection_modifyitems(items):
    """Mark every test that needs the engine, so `pytest -m "not engine"` leaves them out
    (make test-postgres does: the engine does not depend on the database)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        parametrised = callspec is not None and callspec.params.get("backend_name") == "engine"
        if parametrised or fixtures & {"engine", "engine_url"}:
            item.add_marker(pytest.mark.engine)


# Rebuttal-like pages: (slug, title, claim, summary, verdict, category, year, traditional?)
CORPUS = [
    (
        "plastic-rice",
        "网传“塑料大米”流入本地市场？假的",
        "朋友圈流传视频称，市场上出现用塑料制成的大米，煮不烂还能拉丝。",
        "经市场监管部门抽检，所谓塑料大米是陈米受潮所致，不存在塑料大米。",
        "false",
        "食品安全",
        2023,
    ),
    (
        "5g-virus",
        "5G基站传播新冠病毒？谣言",
        "有消息称5G基站发射的信号会传播新冠病毒，呼吁大家拆除小区基站。",
        "病毒无法通过无线电波传播，5G基站与新冠病毒没有任何关系。",
        "false",
        "医疗健康",
        2020,
    ),
    (
        "national-day",
        "中华人民共和国国庆节放假安排调整？误导",
        "网传今年国庆节放假调整为十天。",
        "国务院办公厅通知的放假安排为七天，网传十天说法断章取义。",
        "misleading",
        "政策解读",
        2024,
    ),
    (
        "salt-iodine",
        "碘盐能防辐射？无法证实",
        "有人称多吃碘盐可以预防核辐射，引发抢购。",
        "普通碘盐含碘量很低，无法起到防辐射作用，专家提醒不要抢购。",
        "unproven",
        "科学常识",
        2023,
    ),
    (
        "flood-dam",
        "水库大坝决堤？部分属实",
        "网传上游水库大坝决堤，下游需要紧急撤离。",
        "水库出现局部渗漏已处置，大坝没有决堤，下游按预案转移了部分群众。",
        "partly_true",
        "自然灾害",
        2024,
    ),
    (
        "tw-rumour",
        "網傳喝熱檸檬水可以殺死癌細胞？謠言",
        "LINE群組流傳訊息說熱檸檬水能殺死癌細胞，請大家轉傳。",
        "熱檸檬水無法殺死癌細胞，這則謠言已流傳多年。",
        "false",
        "医疗健康",
        2019,
    ),
]
VERDICT_LABELS = {
    "false": "谣言",
    "misleading": "误导",
    "partly_true": "部分属实",
    "true": "属实",
    "unproven": "无法证实",
}
FACTS = {}  # slug -> the extra fields a rebuttal page would have


def rebuttal_document(page):
    claim, summary, verdict, category, year = FACTS[page.slug]
    return Document(
        title=page.title,
        claim=claim,
        summary=summary,
        body=page.intro,
        verdict=verdict,
        verdict_label=VERDICT_LABELS[verdict],
        kind="rebuttal",
        kind_label="辟谣",
        category=category,
        date=datetime.date(year, 6, 1),
    )


@pytest.fixture
def rebuttal_type():
    """StandardPage registered as a rebuttal-like type (debunk.RebuttalPage is on another
    branch); restores the cms registration afterwards."""
    previous = registry.registration_for(StandardPage)
    registry.register(
        StandardPage,
        to_document=rebuttal_document,
        content_type="rebuttal",
        label="辟谣",
        primary=True,
        draft_field="intro",
    )
    cache.delete("search:verdict-labels")
    yield
    registry.unregister(StandardPage)
    registry._registry[StandardPage] = previous
    cache.delete("search:verdict-labels")


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page the way the admin does (revision + publish), running the on-commit
    search sync as a real request would."""

    def _publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return _publish


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run


@pytest.fixture
def corpus(site_tree, rebuttal_type, publish):
    """The rebuttals published under the rumour column, plus the about page."""
    pages = {}
    parent = site_tree["home"]
    for slug, title, claim, summary, verdict, category, year in CORPUS:
        FACTS[slug] = (claim, summary, verdict, category, year)
        page = StandardPageFactory(parent=parent, slug=slug, title=title, intro=summary, live=False)
        pages[slug] = publish(page)
    return pages


def _engine_url_or_fail():
    url = os.environ.get(ENGINE_ENV, "")
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    reason = None
    if not url:
        reason = f"{ENGINE_ENV} is not set (make test starts OpenSearch and sets it)"
    else:
        from search.backends.client import EngineClient, EngineError

        try:
            EngineClient(parse_search_url(url), timeout=5).health()
        except EngineError as error:
            reason = f"no search engine at {url}: {error}"
    if reason:
        if in_ci:
            pytest.fail(f"engine tests must run in CI: {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def engine_url():
    return _engine_url_or_fail()


@pytest.fixture
def engine(engine_url):
    """SEARCH_URL pointing at the test engine, with an index alias of this test's own."""
    alias = f"qy-test-{uuid.uuid4().hex[:10]}"
    cache.delete("search:engine-down")
    with override_settings(SEARCH_URL=engine_url, SEARCH_INDEX=alias):
        from search.backends.engine import EngineBackend

        backend = EngineBackend()
        yield backend
        client = backend.client
        for index in client.indices_matching(f"{alias}*"):
            client.delete_index(index)
    cache.delete("search:engine-down")


@pytest.fixture(params=["database", "engine"])
def backend_name(request):
    """Run a test once on the database backend and once on the engine."""
    if request.param == "engine":
        request.getfixturevalue("engine")
    return request.param


@pytest.fixture
def engine_down():
    """SEARCH_URL pointing at a port where nothing listens: a real refused connection."""
    cache.delete("search:engine-down")
    with override_settings(SEARCH_URL="opensearch+http://127.0.0.1:9", SEARCH_TIMEOUT=1):
        yield
    cache.delete("search:engine-down")


@pytest.fixture
def searchable(backend_name, corpus):
    """The corpus, published while the backend under test was configured."""
    return corpus
