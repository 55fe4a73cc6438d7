"""Every page type of the site, the same four ways: created under a parent it allows, read by
a reader, edited in the admin, and found by an editor's admin search with a Chinese word.

The page types come from Wagtail (``get_page_models``), so a new one is tested here as soon as
it exists, and fails until its app's factories.py has a factory for it.
"""

from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest
import wagtail_factories

from campaigns import factories as campaign_factories
from cms import factories as cms_factories
from cms.models import HomePage
from debunk import factories as debunk_factories
from video import factories as video_factories

pytestmark = pytest.mark.django_db

OUR_APPS = ("cms", "campaigns", "video", "debunk")
PAGE_MODELS = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
FACTORIES = {
    factory._meta.model: factory
    for module in (cms_factories, campaign_factories, video_factories, debunk_factories)
    for factory in vars(module).values()
    if isinstance(factory, type) and issubclass(factory, wagtail_factories.PageFactory)
}

# An editor looks for "读书" (a word from the middle) and must find the page with this title:
# only text prepared for Chinese (search.index.prepared) is split into words.
TITLE = "全民反诈读书月活动"
WORD = "读书"


def model_id(model) -> str:
    return model._meta.label


def create(model, home, **fields):
    """A live page of ``model`` under a parent of a type it allows: the home page if it may
    be, else a new page of its first allowed type (made the same way)."""
    allowed = model.allowed_parent_page_models()
    if any(isinstance(home, parent_model) for parent_model in allowed):
        parent = home
    else:
        parent = create(next(m for m in allowed if m in PAGE_MODELS), home)
    assert model.can_create_at(parent), f"{model_id(model)} may not be created under {parent}"
    return FACTORIES[model](parent=parent, **fields)


def edit_form_data(html: str, page) -> dict:
    """What the edit form posts as it stands. StreamField editors are drawn by JavaScript, so
    their fields are not in the HTML: a stream the factories left empty posts as empty."""
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            assert not getattr(page, field.name), "only empty streams are posted as such here"
            data.update(nested_form_data({field.name: streamfield([])}))
    return data


@pytest.fixture
def page_with_title(request, home_page, django_capture_on_commit_callbacks):
    """A page of the model under test, titled TITLE and in Wagtail's search index. The home
    page is the one the home_page fixture made under the root (its only allowed parent)."""
    model = request.param
    with django_capture_on_commit_callbacks(execute=True):  # indexing waits for the commit
        if model is HomePage:
            home_page.title = TITLE
            home_page.save()
            return home_page
        return create(model, home_page, title=TITLE)


def test_every_page_model_of_ours_has_a_factory():
    assert len(PAGE_MODELS) >= 10
    assert [model_id(m) for m in PAGE_MODELS if m not in FACTORIES] == []


each_page_model = pytest.mark.parametrize(
    "page_with_title", PAGE_MODELS, ids=model_id, indirect=True
)


@each_page_model
def test_a_reader_opens_it(client, page_with_title):
    response = client.get(page_with_title.url)
    assert response.status_code == 200
    assert TITLE in response.content.decode()


@each_page_model
def test_an_editor_saves_an_edit_as_a_new_revision(admin_client, page_with_title):
    page = page_with_title
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = admin_client.get(edit_url)
    assert form.status_code == 200

    data = edit_form_data(form.content.decode(), page)
    data["title"] = f"{TITLE}（修订）"
    response = admin_client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    revision = page.revisions.order_by("-created_at", "-pk").first()
    assert revision is not None and revision.content["title"] == f"{TITLE}（修订）"


@each_page_model
def test_an_editor_finds_it_by_a_word_from_the_middle_of_its_title(admin_client, page_with_title):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": WORD})
    assert response.status_code == 200
    assert page_with_title.pk in [page.pk for page in response.context["pages"]]
