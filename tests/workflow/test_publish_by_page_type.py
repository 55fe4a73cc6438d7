"""Every page type under review, edited with 发布 by each role through its own admin form (as
the browser posts it): the reader sees the change only when a site admin published it."""

from django.test import Client
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from campaigns.factories import CampaignPageFactory, CampaignPostPageFactory
from core.publishing import publishing_allowed
from debunk.factories import EvidenceSourceFactory, RebuttalPageFactory
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

from .conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.guarded_publishing]


def under_review(site_tree) -> dict:
    """One live page of each type the review workflow governs, in its section."""
    series = VideoSeriesPageFactory(parent=site_tree["videos"], title="原来的系列")
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="原来的活动")
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"], title="原来的辟谣")
    EvidenceSourceFactory(page=rebuttal)
    pages = {
        "column": site_tree["rumours"],
        "rebuttal": rebuttal,
        "series": series,
        "episode": VideoEpisodePageFactory(parent=series, title="原来的一集"),
        "campaign": campaign,
        "campaign post": CampaignPostPageFactory(parent=campaign, title="原来的动态"),
    }
    with publishing_allowed("测试数据"):  # set-up, as a trusted import would publish
        for page in pages.values():
            page.save_revision().publish()
    return pages


def edit_form(client, page) -> dict:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in page.specific._meta.get_fields():
        if isinstance(field, StreamField):  # drawn by JavaScript: posted as the page holds it
            blocks = [
                {"type": b.block_type, "value": b.block.get_prep_value(b.value)}
                for b in getattr(page.specific, field.name)
            ]
            data.update(nested_form_data({field.name: streamfield(blocks)}))
    return data


@pytest.mark.parametrize(
    "kind", ["column", "rebuttal", "series", "episode", "campaign", "campaign post"]
)
@pytest.mark.parametrize("role", ["chief", "editor", "superuser"])
def test_publishing_an_edit(site_tree, chief, editor, kind, role):
    page = Page.objects.get(pk=under_review(site_tree)[kind].pk)
    old_title = page.title
    user = {"chief": chief, "editor": editor}.get(role) or make_user("root", is_superuser=True)
    client = Client()
    client.force_login(user)
    data = edit_form(client, page)
    data["title"] = "改过的标题"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )
    assert response.status_code in (200, 302)
    html = Client().get(Page.objects.get(pk=page.pk).url).content.decode()
    if role == "superuser":
        assert "改过的标题" in html
    else:
        assert old_title in html and "改过的标题" not in html
