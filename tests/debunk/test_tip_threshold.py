"""Which matches a tip is offered: "就是这条" only at the similarity learnt from the corpus
(debunk.matching.ANSWER_SIMILARITY, bench/tip_threshold.py); weaker ones as 可能相关, below the
send form; help texts are linked to their fields."""

import re

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.matching import ANSWER_SIMILARITY, find_matches

from .conftest import RUMOURS
from .test_tip_form import check
from .test_tip_matching import CHANGED_WATER

pytestmark = pytest.mark.django_db

PETROL = "加油站明天起停业三天，赶紧去加满油！"


@pytest.fixture
def hospital(column, publish):
    page = RebuttalPageFactory(
        parent=column,
        slug="hospital",
        title="网传县医院停诊三天？假的",
        claim_text="明天起县医院停诊三天，有病的赶紧去看，转发给家人！",
        claim_summary="网传县医院停诊三天",
        live=False,
    )
    return publish(page)


@pytest.mark.parametrize(
    ("text", "slug", "answer"),
    [
        (RUMOURS["tap-water"][1], "tap-water", True),  # copied
        (CHANGED_WATER, "tap-water", True),  # three words changed
        (PETROL, "hospital", False),  # shares 明天、三天、赶紧 only
    ],
    ids=["copied", "changed", "unrelated"],
)
def test_fixed_cases_against_the_threshold(rumours, hospital, text, slug, answer):
    matches = {match.rebuttal.slug: match for match in find_matches(text)}
    assert slug in matches
    assert matches[slug].is_answer is answer
    assert (matches[slug].similarity >= ANSWER_SIMILARITY) is answer


def test_weak_matches_are_listed_below_the_form_without_a_this_is_it_button(
    client, rumours, hospital, form_token
):
    html = check(client, PETROL, form_token).content.decode()
    assert "就是这条，看辟谣" not in html
    assert "还没有找到相关的辟谣" in html
    weak = html.index("可能相关")
    assert html.index('action="/tips/send/"') < weak
    assert "网传县医院停诊三天？假的" in html[weak:]


def test_help_texts_are_linked_to_their_fields(client, site_tree):
    html = client.get("/tips/").content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described
    for ids in described:
        for element_id in ids.split():
            assert f'id="{element_id}"' in html
