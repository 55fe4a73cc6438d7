import datetime

from django.core.management import call_command

from wagtail.images import get_image_model

import pytest

from campaigns.models import (
    CampaignPage,
    CampaignPostPage,
    CampaignRebuttal,
    CampaignStatus,
    CampaignSubmission,
    CampaignVideo,
    SubmissionStatus,
    site_today,
)
from video.models import VideoEpisodeRebuttal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, media_root, capsys):
    settings.VAR_DIR = tmp_path

    def load():
        call_command("load_demo")
        capsys.readouterr()
        return {page.slug: page for page in CampaignPage.objects.all()}

    return load


def test_demo_has_an_ongoing_an_upcoming_and_an_ended_campaign(demo, client):
    campaigns = demo()

    assert {slug: page.status for slug, page in campaigns.items()} == {
        "say-something": CampaignStatus.ONGOING,
        "reading-month": CampaignStatus.UPCOMING,
        "community-talks": CampaignStatus.ENDED,
    }
    ongoing = campaigns["say-something"]
    statuses = list(
        CampaignSubmission.objects.filter(campaign=ongoing).values_list("status", flat=True)
    )
    assert statuses.count(SubmissionStatus.APPROVED) >= 3
    assert statuses.count(SubmissionStatus.PENDING) >= 2
    ended = campaigns["community-talks"]
    assert CampaignPostPage.objects.child_of(ended).live().count() >= 2
    assert any(block.block_type == "figures" for block in ended.body)

    for page in campaigns.values():
        assert client.get(page.url).status_code == 200
    ongoing_html = client.get(ongoing.url).content.decode()
    assert "大家说" in ongoing_html and 'name="csrfmiddlewaretoken"' in ongoing_html
    ended_html = client.get(ended.url).content.decode()
    assert "120+" in ended_html and "30万+" in ended_html
    assert ended_html.count('class="campaign-gallery__item"') == 3
    # Linked to the column's demo rebuttals and the demo episodes (loaded before the campaigns).
    assert ended_html.count('class="related__item"') == 3
    assert ended_html.count('class="episode-card"') == 2
    assert VideoEpisodeRebuttal.objects.filter(page__slug="banlangen").count() == 2


def test_demo_campaigns_load_twice_without_duplicates(demo):
    demo()
    counts = (
        CampaignPage.objects.count(),
        CampaignPostPage.objects.count(),
        CampaignSubmission.objects.count(),
        get_image_model().objects.count(),
        CampaignRebuttal.objects.count(),
        CampaignVideo.objects.count(),
    )
    demo()
    assert counts == (
        CampaignPage.objects.count(),
        CampaignPostPage.objects.count(),
        CampaignSubmission.objects.count(),
        get_image_model().objects.count(),
        CampaignRebuttal.objects.count(),
        CampaignVideo.objects.count(),
    )


def test_demo_moves_a_campaign_whose_dates_have_drifted(demo):
    ongoing = demo()["say-something"]
    # Months later, the "ongoing" campaign has ended; loading the demo again makes it current.
    ongoing.start_date = site_today() - datetime.timedelta(days=100)
    ongoing.end_date = site_today() - datetime.timedelta(days=40)
    ongoing.save_revision().publish()

    assert demo()["say-something"].status == CampaignStatus.ONGOING
