"""Every page type, every text a reader sees, holding hostile markup (tests/hostile.py): the page
a reader gets runs no script of anyone but ours.

What is filled, found from the models so a new field or page type is covered as it appears:
the page's text columns (titles, intros, descriptions, claim, answer, transcripts, campaign
fields; rich text and web addresses too), every block of its StreamFields (paragraphs, Markdown,
quotes, captions, figures, embeds), the inline objects of its panels (sources, corrections,
credits, screenshots, organisers, gallery, subtitles, linked rebuttals and videos, whose titles
show here), its tags and category, the site settings every page shows, and for a campaign an
approved submission on its wall.

Content is written the way an import, a data migration or the shell writes it: ``save()`` with
no form in between (``clean=False``: validators and length limits are a form's business, and a
row may hold anything). One page type is also written through the admin's edit form.
Each payload reaches every page type, alone in its field: rounds hand the corpus out in turn,
a payload to each field, until all have been shown.
"""

import datetime
import json
import uuid
from itertools import cycle

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

import pytest
import wagtail_factories

from campaigns.factories import CampaignSubmissionFactory
from campaigns.models import CampaignPage
from cms.models import HomePage, SiteSettings
from tests.hostile import JS, PAYLOADS, URL_PAYLOADS, script_problems
from tests.test_page_models import FACTORIES, OUR_APPS, PAGE_MODELS, create, model_id
from video.models import VideoSeriesPage

pytestmark = pytest.mark.django_db

# The payloads are written with save() as the shell would, unchecked: NUL characters and text
# longer than a column allows. SQLite stores them; PostgreSQL refuses them at the database
# (DataError, nothing stored), so there is nothing to render there. What is rendered, and how
# it is sanitised, does not depend on the database: these run on SQLite.
SQLITE_ONLY = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="PostgreSQL refuses NUL and over-long values before anything can render",
)

# Page columns a reader never sees, or that address the page rather than describe it.
NOT_SHOWN = {"slug", "url_path", "path", "draft_title"}
TEXT_COLUMNS = (models.CharField, models.TextField, models.EmailField, RichTextField)
URL_COLUMNS = (models.URLField,)


class Feed:
    """The corpus handed out in turn, a payload a field; `wrapped` once every payload has been
    handed out."""

    def __init__(self, payloads):
        self.payloads, self.stream, self.handed_out = payloads, cycle(payloads), 0
        self.taken = []  # what the current round handed out

    def take(self) -> str:
        self.handed_out += 1
        self.taken.append(next(self.stream))
        return self.taken[-1]

    @property
    def wrapped(self) -> bool:
        return self.handed_out >= len(self.payloads)


class Hostile:
    """Fills one page (and what it shows) with payloads from the feeds, round after round."""

    def __init__(self, page, image, text: Feed, urls: Feed):
        self.page, self.image, self.text, self.urls = page, image, text, urls
        self.linked_pages = {}  # a hostile page per page model that inline objects link to
        self.round = 0

    # -- what one round writes ---------------------------------------------------------------

    def fill(self) -> None:
        self.round += 1
        self.text.taken.clear()
        page = self.page
        for field in columns(type(page)):
            setattr(page, field.attname, self.value_for(field))
        for field in type(page)._meta.concrete_fields:
            if isinstance(field, StreamField):
                setattr(page, field.attname, self.stream(field.stream_block))
            elif isinstance(field, models.ForeignKey) and field.name == "category":
                page.category = self.snippet(field.related_model)
        for relation in inline_relations(type(page)):
            setattr(page, relation.get_accessor_name(), [self.inline(relation.related_model)])
        if any(
            isinstance(field, ClusterTaggableManager) for field in type(page)._meta.get_fields()
        ):
            page.tags.set([self.text.take()])
        if isinstance(page, CampaignPage):
            page.accepts_submissions = True  # the form and the wall show
        page.save(clean=False)
        self.fill_site_settings()
        if isinstance(page, CampaignPage):
            self.wall_submission()

    def value_for(self, field) -> str:
        if isinstance(field, URL_COLUMNS):
            return self.urls.take()
        return self.text.take()

    def stream(self, stream_block) -> list:
        return [
            {"type": name, "value": self.block_value(child)}
            for name, child in stream_block.child_blocks.items()
        ]

    def block_value(self, block):
        if isinstance(block, (blocks.URLBlock, EmbedBlock)):
            return self.urls.take()
        if isinstance(block, blocks.ChoiceBlock):
            return block.get_default()
        if isinstance(block, blocks.DateBlock):
            return "2025-03-01"
        if isinstance(block, (ImageBlock, ImageChooserBlock)):
            return {"image": self.image.pk, "alt_text": self.text.take(), "decorative": False}
        if isinstance(block, blocks.ListBlock):
            return [self.block_value(block.child_block)]
        if isinstance(block, blocks.StructBlock):
            return {name: self.block_value(child) for name, child in block.child_blocks.items()}
        if isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)):
            return self.text.take()  # TextBlock covers Markdown blocks
        raise AssertionError(f"No hostile value for {type(block).__name__}: add one here")

    def inline(self, model):
        """One inline object (a source, a correction…) with every text of it hostile."""
        values = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, ParentalKey) or field.primary_key or field.name == "sort_order":
                continue
            if field.name == "vtt":
                values["vtt"] = f"WEBVTT\n\n00:00.000 --> 00:02.000\n{self.text.take()}\n"
            elif field.is_relation:
                values[field.name] = self.related_object(field)
            elif isinstance(field, (*TEXT_COLUMNS, *URL_COLUMNS)) and not field.choices:
                values[field.name] = self.value_for(field)
        return model(**values)

    def related_object(self, field):
        target = field.related_model
        if target is type(self.image):
            return self.image
        if issubclass(target, Page):
            if target not in self.linked_pages:
                parent = existing_parent(target, self.home)
                self.linked_pages[target] = FACTORIES[target](parent=parent, title=self.text.take())
            return self.linked_pages[target]
        assert field.null, f"{field} needs a value: teach Hostile.related_object about it"
        return None

    def snippet(self, model):
        """A new row of a snippet the page shows (its category) with hostile text."""
        values = {
            field.name: self.text.take()
            for field in model._meta.concrete_fields
            if type(field) in (models.CharField, models.TextField)
        }
        return model.objects.create(**values, slug=f"hostile-{uuid.uuid4().hex[:12]}")

    def fill_site_settings(self) -> None:
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        for field in columns(SiteSettings):
            setattr(site_settings, field.attname, self.value_for(field))
        site_settings.save()

    def wall_submission(self) -> None:
        CampaignSubmissionFactory(
            campaign=self.page,
            name=self.text.take(),
            township=self.text.take(),
            message=self.text.take(),
            video_url=self.urls.take(),
            status="approved",
            moderated_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
        )

    @property
    def home(self):
        return HomePage.objects.first()


def columns(model) -> list:
    """The model's columns of text a reader may see (choices are a fixed list, not text)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (*TEXT_COLUMNS, *URL_COLUMNS))
        and field.editable
        and not field.choices
        and field.name not in NOT_SHOWN
    ]


def existing_parent(model, home):
    """A page `model` may be created under: one that exists, else a new one (as `create`)."""
    for parent_model in model.allowed_parent_page_models():
        if isinstance(home, parent_model):
            return home
        if parent_model in PAGE_MODELS and parent_model.objects.exists():
            return parent_model.objects.first()
    parent_model = next(m for m in model.allowed_parent_page_models() if m in PAGE_MODELS)
    return FACTORIES[parent_model](parent=existing_parent(parent_model, home))


def has_tags(model) -> bool:
    return any(isinstance(field, ClusterTaggableManager) for field in model._meta.get_fields())


def inline_relations(model) -> list:
    """The inline objects of the page (our ParentalKey children), tags aside."""
    return [
        relation
        for relation in model._meta.related_objects
        if isinstance(relation.field, ParentalKey)
        and relation.related_model._meta.app_label in OUR_APPS
        and relation.field.name != "content_object"
    ]


@pytest.fixture
def hostile_image(db):
    return wagtail_factories.ImageFactory(title=PAYLOADS[0])


@SQLITE_ONLY
@pytest.mark.parametrize("model", PAGE_MODELS, ids=model_id)
def test_every_text_of_every_page_type_renders_inert(client, home_page, hostile_image, model):
    page = home_page if model is HomePage else create(model, home_page)
    page = type(page).objects.get(pk=page.pk)  # as a reader's request loads it
    filler = Hostile(page, hostile_image, Feed(PAYLOADS), Feed(URL_PAYLOADS))

    while not filler.text.wrapped:
        filler.fill()
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200, (model_id(model), page.title)
        shown = [value for value in filler.text.taken if escape(value) in html]
        assert len(shown) >= 2  # the payloads are on the page, as text
        assert script_problems(html, settings.STATIC_URL) == [], (model_id(model), filler.round)


def test_the_check_sees_a_payload_that_is_not_escaped():
    """script_problems is what the tests above rely on: it must see what a browser would run."""
    page = "<html><body>{}</body></html>"
    assert script_problems(page.format("<p>x</p>"), "/static/") == []
    for payload in ["<script>1</script>", "<img src=x onerror=1>", '<a href="jav&#x09;ascript:1">']:
        assert script_problems(page.format(payload), "/static/") != [], payload
    escaped = page.format(escape("<script>1</script><img src=x onerror=1>"))
    assert script_problems(escaped, "/static/") == []


def test_the_corpus_has_hundreds_of_payloads():
    assert len(PAYLOADS) >= 300


# -- the admin's edit form ------------------------------------------------------------------------


def contentstate(text: str, link: str) -> str:
    """What Draftail posts for one paragraph of `text` whose first character links to `link`."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text}
    block["inlineStyleRanges"] = [{"offset": 0, "length": len(text), "style": "BOLD"}]
    block["entityRanges"] = [{"key": 0, "offset": 0, "length": 1}]
    entity = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


def test_hostile_text_through_the_admin_form_renders_inert(admin_client, client, site_tree):
    """A video series edited and published in the admin: text fields and the rich text
    description (Draftail's contentstate as a browser could post it: a payload as text and a
    script link) hold payloads."""
    series = FACTORIES[VideoSeriesPage](parent=site_tree["videos"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[series.pk])
    # Forms refuse NUL characters and over-long text with a message: these payloads pass.
    payloads = [payload for payload in PAYLOADS if "\x00" not in payload and len(payload) <= 120]
    for start in range(0, 60, 6):
        chunk = payloads[start : start + 6]
        data = querydict_from_html(admin_client.get(edit_url).content.decode(), "page-edit-form")
        data["title"], data["tagline"], data["credit"] = chunk[0], chunk[1], chunk[2]
        data["seo_title"], data["search_description"] = chunk[3], chunk[4]
        data["description"] = contentstate(chunk[5], link=f"javascript:{JS}")
        data["action-publish"] = "action-publish"
        response = admin_client.post(edit_url, data)
        assert response.status_code == 302, response.context["form"].errors

        series.refresh_from_db()
        html = client.get(series.url).content.decode()  # a reader's view: no admin userbar
        assert escape(chunk[0]) in html and 'class="series-header__description"' in html
        assert script_problems(html, settings.STATIC_URL) == [], start
