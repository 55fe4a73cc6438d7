"""Junk in the admin listings' filters and ids (huge, negative, text, NUL, very long) gives
an answer (a listing, empty or not, a 400 or a 404), never a 500."""

from django.urls import reverse
from django.utils import timezone

import pytest

from campaigns.factories import CampaignPageFactory, CampaignSubmissionFactory
from core.admin_listing import MAX_ID
from debunk.factories import InformantProfileFactory, RebuttalPageFactory, TipFactory
from search.models import SearchQueryStat

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 30
JUNK = [
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "abc",
    "\x00",
    "1\x00",
    "\u202e1",
    "１２",  # full-width digits
    "x" * 5000,
    "9" * 5000,
    "' OR 1=1 --",
    "2024-13-45",
    "99999-01-01",
    "0001-01-01",
    "",
]


@pytest.fixture
def listed(site_tree, admin_user):
    """One of everything the listings show, so that their rows are rendered too."""
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], slug="junk-campaign")
    CampaignSubmissionFactory(campaign=campaign, township="城东街道")
    TipFactory()
    InformantProfileFactory(user=admin_user)
    RebuttalPageFactory(parent=site_tree["rumours"])
    SearchQueryStat.objects.create(
        query="外星人", date=timezone.localdate(), searches=1, empty_searches=1, found=False
    )


def snippet_urls(app, model, parameters):
    base = f"wagtailsnippets_{app}_{model}"
    urls = [reverse(f"{base}:list"), reverse(f"{base}:list_results")]
    return [(url, parameters) for url in urls]


PAGING = ["q", "p", "ordering", "export"]
LISTINGS = [
    *snippet_urls(
        "campaigns",
        "campaignsubmission",
        ["campaign", "status", "township", "created_at_from", "created_at_to", *PAGING],
    ),
    *snippet_urls(
        "debunk",
        "tip",
        [
            "status",
            "channel",
            "seen_on",
            "township",
            "priority",
            "created_at_from",
            "created_at_to",
            *PAGING,
        ],
    ),
    *snippet_urls("debunk", "informantprofile", ["township", "role", *PAGING]),
    (reverse("search_zero_results"), ["days", "p", "ordering"]),
    (reverse("search_zero_results_results"), ["days", "p", "ordering"]),
    (reverse("debunk_tip_figures"), ["days"]),
]


@pytest.mark.parametrize(("url", "parameters"), LISTINGS, ids=[url for url, _ in LISTINGS])
def test_junk_in_listing_parameters_is_never_a_server_error(admin_client, listed, url, parameters):
    for parameter in parameters:
        for junk in JUNK:
            response = admin_client.get(url, {parameter: junk})
            assert response.status_code < 500, (parameter, junk[:40])
    everything = dict.fromkeys(parameters, HUGE)
    assert admin_client.get(url, everything).status_code < 500


ID_VIEWS = [
    ("get", "debunk_tip_screenshot", {}),
    ("get", "debunk_rebuttal_bump", {}),
    ("post", "debunk_rebuttal_bump", {}),
    ("post", "debunk_tip_start_rebuttal", {}),
    ("post", "debunk_tip_duplicate", {}),
]
SNIPPET_ID_VIEWS = [
    ("campaigns", "campaignsubmission", "edit"),
    ("campaigns", "campaignsubmission", "inspect"),
    ("campaigns", "campaignsubmission", "delete"),
    ("debunk", "tip", "edit"),
    ("debunk", "tip", "delete"),
    ("debunk", "informantprofile", "edit"),
]


@pytest.mark.parametrize("method, name, data", ID_VIEWS)
def test_junk_ids_in_our_admin_urls_are_not_found(admin_client, listed, method, name, data):
    one = reverse(name, args=[1])
    for junk in [HUGE, "9" * 19, str(MAX_ID), "0", "-1", "abc", "%00"]:
        url = one.replace("/1/", f"/{junk}/")
        assert getattr(admin_client, method)(url, data).status_code in (400, 404), junk[:40]


@pytest.mark.parametrize("app, model, view", SNIPPET_ID_VIEWS)
def test_junk_ids_in_snippet_urls_are_not_found(admin_client, listed, app, model, view):
    listing = reverse(f"wagtailsnippets_{app}_{model}:list")
    for junk in [HUGE, "9" * 5000, "-1", "abc", "%00"]:
        assert admin_client.get(f"{listing}{view}/{junk}/").status_code in (400, 404), junk[:40]


def test_junk_in_the_duplicate_choice_and_the_draft_query(admin_client, listed):
    from debunk.models import Tip

    tip = Tip.objects.get()
    url = reverse("debunk_tip_duplicate", args=[tip.pk])
    for junk in JUNK:
        response = admin_client.post(url, {"duplicate_of": junk})
        # back to the tip with a message; a NUL is refused before any view (core.middleware)
        assert response.status_code == (400 if "\x00" in junk else 302), junk[:40]
    for junk in JUNK:
        response = admin_client.post(reverse("search_start_draft"), {"q": junk})
        assert response.status_code == (400 if "\x00" in junk else 302), junk[:40]
