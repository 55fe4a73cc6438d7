"""The same behaviour from both backends: the database (SQLite here, PostgreSQL under
`make test-postgres`) and the OpenSearch node started by `make test`."""

import pytest

from search import backends, text
from search.backends.base import SearchRequest

pytestmark = pytest.mark.django_db


def run(query, **filters):
    request = SearchRequest(text.prepare_query(query), filters, page=1, per_page=10)
    return backends.search(request)


def slugs(results, corpus):
    by_id = {page.pk: slug for slug, page in corpus.items()}
    return [by_id.get(hit.page_id, hit.page_id) for hit in results.hits]


def test_backend_under_test_answers(backend_name, searchable):
    assert run("塑料大米").backend == ("opensearch" if backend_name == "engine" else "database")


def test_traditional_query_finds_simplified_text(searchable):
    assert slugs(run("國慶節放假"), searchable) == ["national-day"]
    assert "5g-virus" in slugs(run("謠言"), searchable)
    assert "<mark>国庆节</mark>" in run("國慶節").hits[0].title_html


def test_simplified_query_finds_traditional_text(searchable):
    results = run("柠檬水 癌细胞")
    assert slugs(results, searchable) == ["tw-rumour"]
    hit = results.hits[0]
    # The original Traditional characters are shown, the Simplified query's words marked.
    assert "<mark>檸檬水</mark>" in hit.title_html
    assert "<mark>癌細胞</mark>" in hit.title_html


def test_a_word_matches_inside_a_longer_word(searchable):
    results = run("人民")
    assert slugs(results, searchable) == ["national-day"]
    assert "中华<mark>人民</mark>共和国" in results.hits[0].title_html


def test_words_must_all_match(searchable):
    assert slugs(run("5G 基站"), searchable) == ["5g-virus"]
    assert slugs(run("5G 大米"), searchable) == []


def test_results_carry_verdict_and_snippet(searchable):
    hit = run("碘盐").hits[0]
    assert (hit.verdict, hit.verdict_label, hit.content_label) == ("unproven", "无法证实", "辟谣")
    assert "<mark>碘盐</mark>" in hit.snippet_html
    assert hit.url == searchable["salt-iodine"].url


def test_facet_counts_and_combined_filters(searchable):
    results = run("谣言")
    verdicts = {f.name: f for f in results.facets}["verdict"]
    assert {v.value: v.count for v in verdicts.values}["false"] >= 2

    filtered = run("谣言", verdict=["false"], category=["医疗健康"])
    assert sorted(slugs(filtered, searchable)) == ["5g-virus", "tw-rumour"]
    facets = {f.name: f for f in filtered.facets}
    # The verdict facet still offers the other verdicts (counted without its own filter).
    assert [v.label for v in facets["verdict"].values if v.selected] == ["谣言"]
    years = [v.value for v in facets["year"].values]
    assert years == sorted(years, reverse=True) and "2020" in years


def test_filters_without_a_query_browse_newest_first(searchable):
    results = run("", year=["2024"])
    assert sorted(slugs(results, searchable)) == ["flood-dam", "national-day"]


def test_unknown_filter_values_find_nothing(searchable):
    assert run("谣言", verdict=["no-such-verdict"]).total == 0


def test_pagination(searchable):
    first = backends.search(SearchRequest(text.prepare_query("网传"), {}, page=1, per_page=2))
    second = backends.search(SearchRequest(text.prepare_query("网传"), {}, page=2, per_page=2))
    assert first.total == second.total >= 3
    assert len(first.hits) == 2
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}


def test_pasted_message_finds_the_closest_rebuttal_first(searchable):
    message = (
        "紧急通知！！朋友圈都在转：小区门口的5G基站会传播新冠病毒，大家联合起来要求拆除，"
        "家里有老人孩子的千万注意，看到请转发给家人朋友！"
    )
    results = run(message)
    assert slugs(results, searchable)[0] == "5g-virus"


def test_suggestions_from_the_start_and_the_middle_of_titles(searchable):
    assert [s.title for s in backends.suggest("5G基")] == ["5G基站传播新冠病毒？谣言"]
    titles = [s.title for s in backends.suggest("塑料")]
    assert titles and titles[0].startswith("网传“塑料大米”")
    assert backends.suggest("！？") == []


def test_similar_items(searchable):
    similar = backends.similar(page_id=searchable["plastic-rice"].pk)
    assert searchable["plastic-rice"].pk not in [hit.page_id for hit in similar]
    found = backends.similar(text="朋友圈说5G基站传播病毒")
    assert found and found[0].page_id == searchable["5g-virus"].pk
