"""Whatever a reader types or a crawler sends, search answers 200 (or 400 for an over-long
query) on both backends: never a 500, never an engine error shown to the reader."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SYNTAX = list("\"'*?()[]{}:^~!&|\\/+-=<>@#%$;,.，。？！“”‘’《》【】") + [
    "AND",
    "OR",
    "NOT",
    " ",
    "谣言",
    "网传",
    "人民",
    "5G",
    "\x00",
    "\x1f",
    "\u200b",
    "\ufeff",
    "😀",
    "👍🏻",
    "\u202e",
    "\n",
    "\t",
    "％",
    "ＡＮＤ",
]
query_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SYNTAX), max_size=60).map("".join),
)
facet_values = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(
            ["false", "2023", "医疗健康", "page", "rebuttal", "-1", "99999", "0x10", "２０２３"]
        ),
    ),
    max_size=12,
)
fuzz = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "Traceback" not in html and "Exception" not in html
    return html


@fuzz
@given(query=query_text)
def test_any_query_is_answered(backend_name, searchable, client, query):
    assert_answered(client.get("/search/", {"q": query}))


@fuzz
@given(
    query=query_text,
    verdict=facet_values,
    year=facet_values,
    kind=facet_values,
    category=facet_values,
    page=st.text(max_size=12),
)
def test_any_filters_are_answered(
    backend_name, searchable, client, query, verdict, year, kind, category, page
):
    params = {
        "q": query,
        "verdict": verdict,
        "year": year,
        "type": kind,
        "category": category,
        "page": page,
        "unknown": kind,
    }
    assert_answered(client.get("/search/", params))


@fuzz
@given(prefix=query_text)
def test_any_prefix_gets_json_suggestions(backend_name, searchable, client, prefix):
    response = client.get("/search/suggest/", {"q": prefix})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["suggestions"], list)


def test_a_very_long_query_is_refused_with_a_message(backend_name, searchable, client):
    response = client.get("/search/", {"q": "谣" * 10_000})
    assert response.status_code == 400
    assert "搜索内容太长" in response.content.decode()


@pytest.mark.parametrize(
    "query_string",
    ["q=%FF%FE%80", "q=%E8%B0%A3%E8", "q=%C0%AF&verdict=%FF", "q=a&page=%00", "q=%00%01%02"],
)
def test_invalid_utf8_in_the_url(backend_name, searchable, client, query_string):
    assert_answered(client.get("/search/?" + query_string))
    response = client.get("/search/suggest/?" + query_string)
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["😀😀😀", "！？。，……", '"', "*"])
def test_nothing_searchable_says_so(backend_name, searchable, client, query):
    html = assert_answered(client.get("/search/", {"q": query}))
    assert "里没有可以搜索的词" in html


def test_stop_words_alone_are_still_searched(backend_name, searchable, client):
    # Only particles: no word survives, but the characters as typed are still looked for.
    html = assert_answered(client.get("/search/", {"q": "吗呢吧"}))
    assert "里没有可以搜索的词" not in html


def test_invisible_characters_only_is_an_empty_search(searchable, client):
    html = assert_answered(client.get("/search/", {"q": "\u200b\ufeff\x00"}))
    assert "共找到" not in html and "里没有可以搜索的词" not in html


def test_engine_down_still_answers_with_a_notice(searchable, engine_down, client):
    html = assert_answered(client.get("/search/", {"q": "谣言"}))
    assert "搜索引擎暂时不可用" in html and "共找到" in html
    assert "127.0.0.1" not in html and "Connection" not in html
    assert client.get("/search/suggest/", {"q": "5G"}).status_code == 200


@fuzz
@given(query=query_text)
def test_admin_search_survives_any_query(admin_client, corpus, query):
    response = admin_client.get("/admin/pages/search/", {"q": query})
    # A NUL is refused before the admin (core.middleware: PostgreSQL cannot store or compare it).
    assert response.status_code == (400 if "\x00" in query else 200)
