"""A tip built from an existing rebuttal's claim finds that rebuttal first: copied, in
Traditional characters, or with words changed; on the database backend and on OpenSearch."""

import pytest

from debunk.matching import find_matches, similarity, word_set

from .conftest import RUMOURS

pytestmark = pytest.mark.django_db

TRADITIONAL_LEMON = "網傳喝熱檸檬水可以殺死癌細胞，比化療還管用，請大家轉發給身邊的人。"
# Three words changed (全城→全县, 千万别→千万不要, 家人→亲人).
CHANGED_WATER = "紧急通知：明天起全县自来水有毒，千万不要喝，赶紧转发给亲人！"
# Retold: most words different, the same rumour.
RETOLD_WATER = "紧急通知：后天开始全市的自来水被投毒了，大家千万不能喝，快转发给亲人！"
CHANGED_RICE = "视频里说超市卖的大米是塑料做的，怎么煮都煮不烂，还能拉出丝来"


def titles(matches):
    return [match.rebuttal.slug for match in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RUMOURS["tap-water"][1], "tap-water"),
        (TRADITIONAL_LEMON, "lemon-cancer"),
        (CHANGED_WATER, "tap-water"),
        (RETOLD_WATER, "tap-water"),
        (CHANGED_RICE, "plastic-rice"),
        ("5G基站的信号会传播新冠病毒吗", "5g-virus"),
    ],
    ids=["copied", "traditional", "words-changed", "retold", "retold-rice", "question"],
)
def test_a_tip_lists_the_rebuttal_it_repeats_first(indexed_rumours, text, expected):
    matches = find_matches(text)
    assert matches, f"nothing found for {text}"
    assert titles(matches)[0] == expected
    # Scores are comparable across backends: the best one is the best by a margin.
    if len(matches) > 1:
        assert matches[0].similarity > matches[1].similarity


def test_copied_and_traditional_claims_are_close_matches(indexed_rumours):
    copied = find_matches(RUMOURS["tap-water"][1])[0]
    traditional = find_matches(TRADITIONAL_LEMON)[0]
    changed = find_matches(CHANGED_WATER)[0]
    retold = find_matches(RETOLD_WATER)[0]
    assert copied.similarity == pytest.approx(1.0)
    assert traditional.similarity == pytest.approx(1.0)
    assert changed.is_close and changed.similarity < copied.similarity
    # Ranked first, but too different to count as the same message circulating again.
    assert not retold.is_close


def test_an_unrelated_message_matches_nothing_closely(indexed_rumours):
    matches = find_matches("今天下午三点镇政府组织消防演练，请居民不要惊慌。")
    assert all(match.similarity < 0.3 for match in matches)


def test_only_live_rebuttals_are_offered(rumours, publish):
    rumours["tap-water"].unpublish()
    assert "tap-water" not in titles(find_matches(CHANGED_WATER))


def test_similarity_is_the_cosine_of_the_word_sets():
    a = word_set("自来水有毒千万别喝")
    assert similarity(a, a) == pytest.approx(1.0)
    assert similarity(a, frozenset()) == 0.0
    assert similarity(word_set("自來水有毒"), word_set("自来水有毒")) == pytest.approx(1.0)
