"""A newsroom in mid-week: drafts in each review step, a published rebuttal being revised, a
locked page, an image, a document, a video, a reader tip and a campaign submission."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, Page, Site

import pytest
import wagtail_factories

from campaigns.factories import CampaignPageFactory, CampaignSubmissionFactory
from campaigns.models import CampaignPage
from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS
from debunk.factories import TipFactory
from tests.workflow.conftest import make_user
from tests.workflow.helpers import approve_fact_check, rebuttal_form, submit_new_page
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory
from video.models import VideoMedia


@pytest.fixture(autouse=True, scope="session")
def compiled_translations():
    """Our catalogs are compiled by `make messages`; without the .mo the admin is half English."""
    stale = [
        po.relative_to(settings.BASE_DIR)
        for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        pytest.fail(f"not compiled (or older than the .po): {stale}; run `make messages`")


@pytest.fixture
def roles(db):
    return {
        "editor": make_user("editor", EDITORS, first_name="李编辑"),
        "reviewer": make_user("reviewer", REVIEWERS, first_name="王核查"),
        "chief": make_user("chief", CHIEF_EDITORS, first_name="张主编"),
    }


@pytest.fixture
def newsroom(site_tree, roles, client, admin_user, admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    admin_user.first_name = "系统管理员"  # named like everyone else in the newsroom
    admin_user.save()
    editor, reviewer, chief = roles["editor"], roles["reviewer"], roles["chief"]
    rumours = site_tree["rumours"]
    Site.objects.filter(is_default_site=True).update(site_name="清源辟谣平台")  # as load_demo does

    client.force_login(editor)
    in_fact_check = submit_new_page(client, rumours, rebuttal_form("网传明天全城停水", "water"))
    at_sign_off = submit_new_page(client, rumours, rebuttal_form("网传学校提前放假", "school"))
    client.force_login(reviewer)
    assert approve_fact_check(client, at_sign_off).status_code == 302

    # Published by a site admin, then revised by the editor and back in review.
    admin_client.post(
        reverse("wagtailadmin_pages:add", args=["debunk", "rebuttalpage", rumours.pk]),
        {**rebuttal_form("网传某地发生地震", "quake"), "action-publish": "1"},
    )
    client.force_login(editor)
    revised = Page.objects.get(slug="quake").specific
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[revised.pk]),
        {
            **rebuttal_form(
                "网传某地发生地震", "quake", short_answer="经核实，网传消息不实，系旧闻。"
            ),
            "action-submit": "1",
        },
    )
    assert response.status_code == 302

    series = VideoSeriesPageFactory(parent=site_tree["videos"], title="一分钟看真相", slug="truth")
    episode = VideoEpisodePageFactory(parent=series, title="隔夜菜会致癌吗", slug="overnight")
    episode.locked, episode.locked_by, episode.locked_at = True, chief, timezone.now()
    episode.save_revision(user=chief, approved_go_live_at=timezone.now() + datetime.timedelta(1))
    episode.save()
    campaign = CampaignPageFactory(
        parent=site_tree["campaigns"], title="我想对清源说句话", accepts_submissions=True
    )

    root_collection = Collection.get_first_root_node()
    image = wagtail_factories.ImageFactory(title="停水通知截图", collection=root_collection)
    document = wagtail_factories.DocumentFactory(title="供水情况说明", collection=root_collection)
    video = VideoMedia(title="辟谣短视频", type="video", collection=root_collection)
    video.file.save("clip.mp4", ContentFile(b"\x00" * 64), save=False)
    video.save()

    return {
        **site_tree,
        "in_fact_check": in_fact_check,
        "at_sign_off": at_sign_off,
        "revised": revised,
        "series": series,
        "episode": episode,
        "campaign": CampaignPage.objects.get(pk=campaign.pk),
        "image": image,
        "document": document,
        "video": video,
        "tip": TipFactory(text="听说菜市场的猪肉有问题，是真的吗？"),
        "submission": CampaignSubmissionFactory(campaign=campaign, name="热心网友"),
    }
