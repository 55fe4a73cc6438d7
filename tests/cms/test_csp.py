"""The Content-Security-Policy (cms/csp.py) on every reader page type and in the admin: enforced,
strict, and without a nonce on reader pages (the HTTP cache gives every reader the same copy, so
a nonce in it would be public): scripts are our static files, JSON-LD blocks are data."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client, override_settings
from django.urls import reverse

import pytest

from cms.csp import CSPMiddleware, reader_directives
from cms.models import HomePage
from cms.views import server_error
from debunk.factories import RebuttalPageFactory, TipFactory
from debunk.models import RebuttalPage
from tests.cms.test_settings import dev_settings_shell
from tests.test_page_models import PAGE_MODELS, create, model_id
from video.embeds import PLATFORMS
from video.models import VideoEpisodePage

pytestmark = pytest.mark.django_db

ENFORCING = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"
PLAYER_ORIGINS = {f"https://{urlsplit(p.player_url).hostname}" for p in PLATFORMS}
KEYWORDS = {"'self'", "'none'"}


class Elements(HTMLParser):
    """The attributes of every <script> and <style> element, and whether any tag has a style=
    or on…= attribute (neither can carry a nonce)."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts, self.styles, self.inline_attributes = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        elif tag == "style":
            self.styles.append(attributes)
        self.inline_attributes += [
            f"<{tag} {name}>" for name in attributes if name == "style" or name.startswith("on")
        ]


def policy(response, header=ENFORCING) -> dict[str, list[str]]:
    assert header in response, f"no {header} header"
    directives = [part.split() for part in response[header].split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def nonces(sources: list[str]) -> list[str]:
    return [s.removeprefix("'nonce-").removesuffix("'") for s in sources if s.startswith("'nonce-")]


def assert_strict_reader_policy(response) -> Elements:
    """The enforced policy readers get, and a page that keeps to it: returns the page's elements."""
    assert REPORT_ONLY not in response
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert set(directives["frame-src"]) == PLAYER_ORIGINS
    for name, sources in directives.items():
        if name != "frame-src":  # no other origin, no 'unsafe-…' keyword, no nonce
            assert set(sources) <= KEYWORDS, name
    assert directives["script-src"] == ["'self'"]
    assert "nonce" not in response[ENFORCING]

    page = Elements(response.content.decode())
    for script in page.scripts:
        assert "nonce" not in script, script
        # Either our own static file, or a data block browsers never run.
        if "src" in script:
            assert not urlsplit(script["src"]).netloc and script["src"].startswith("/static/")
        else:
            assert script.get("type") == "application/ld+json", script
    assert page.styles == [], "an inline <style> on a reader page"
    assert page.inline_attributes == []
    return page


@pytest.fixture
def reader_page(request, home_page):
    if request.param is HomePage:
        return home_page
    return create(request.param, home_page)


@pytest.mark.parametrize("reader_page", PAGE_MODELS, ids=model_id, indirect=True)
def test_every_page_type_is_served_under_the_strict_policy(client, reader_page):
    response = client.get(reader_page.url)
    assert response.status_code == 200

    page = assert_strict_reader_policy(response)

    if isinstance(reader_page, RebuttalPage | VideoEpisodePage):  # JSON-LD on both
        assert "application/ld+json" in [s.get("type") for s in page.scripts]
    if isinstance(reader_page, VideoEpisodePage):  # the click-to-load player's script
        assert any(s.get("src", "").endswith("video/js/embed-facade.js") for s in page.scripts)


@pytest.mark.parametrize(
    ("path", "status", "script"),
    [
        ("/search/?q=自来水", 200, "search/js/suggest.js"),
        ("/tips/", 200, None),
        ("/no-such-page/", 404, None),
    ],
)
def test_search_tips_form_and_not_found_are_served_under_the_strict_policy(
    client, site_tree, path, status, script
):
    response = client.get(path)
    assert response.status_code == status

    page = assert_strict_reader_policy(response)

    if script:
        assert [s["src"] for s in page.scripts if s.get("src", "").endswith(script)]


def test_a_public_cacheable_page_is_the_same_for_every_reader(client, site_tree):
    """Two anonymous views of a page the HTTP cache keeps: the same policy and body, no nonce."""
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"])
    first, second = client.get(rebuttal.url), client.get(rebuttal.url)

    assert "public" in first["Cache-Control"]
    assert first[ENFORCING] == second[ENFORCING]
    assert "nonce" not in first[ENFORCING] and "nonce" not in first.content.decode()
    assert first.content == second.content


def test_the_server_error_page_styles_itself_with_its_own_nonce(rf):
    """The one nonce left: the 500 page's inline <style>, never stored by a shared cache."""
    first, second = (CSPMiddleware(server_error)(rf.get("/")) for _ in range(2))

    assert first.status_code == 500
    page = Elements(first.content.decode())
    assert len(page.styles) == 1
    assert [style.get("nonce") for style in page.styles] == nonces(policy(first)["style-src"])
    assert nonces(policy(first)["style-src"]) != nonces(policy(second)["style-src"])


def test_a_server_error_is_never_shared_so_its_nonce_stays_its_own(site_tree, monkeypatch):
    """Through every middleware: the 500 page is private, no cache keeps it (nor its nonce)."""
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"])

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(RebuttalPage, "serve", fail)
    response = Client(raise_request_exception=False).get(rebuttal.url)

    assert response.status_code == 500
    assert response["Cache-Control"] == "private, no-cache"
    assert len(nonces(policy(response)["style-src"])) == 1
    assert nonces(policy(response)["script-src"]) == []


def assert_admin_policy(response):
    """The reader policy with Wagtail's exceptions: inline scripts and same-origin frames."""
    assert REPORT_ONLY not in response
    directives = policy(response)
    # 'unsafe-inline' works only without a nonce: browsers ignore it next to one.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "blob:"]
    assert set(directives["frame-src"]) == {"'self'", *PLAYER_ORIGINS}
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    # Every script the admin loads comes from our own origin.
    scripts = Elements(response.content.decode()).scripts
    assert [s["src"] for s in scripts if "src" in s and urlsplit(s["src"]).netloc] == []
    return scripts


def test_admin_login_dashboard_and_page_edit_get_the_admin_policy(client, admin_user, site_tree):
    login = client.get(reverse("wagtailadmin_login"))
    assert login.status_code == 200
    assert_admin_policy(login)

    client.force_login(admin_user)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert_admin_policy(dashboard)

    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[rebuttal.pk]))
    assert edit.status_code == 200
    scripts = assert_admin_policy(edit)
    # Why the admin needs 'unsafe-inline': Wagtail's own inline scripts (date fields, InlinePanel).
    assert [s for s in scripts if "src" not in s and s.get("type") != "application/json"]


def test_media_and_static_files_on_another_host_of_ours_are_allowed():
    directives = reader_directives(
        static_url="https://static.piyao.example.org/s/",
        media_url="https://media.piyao.example.org/m/",
        report_uri=None,
    )
    assert "https://static.piyao.example.org" in directives["script-src"]
    assert "https://static.piyao.example.org" in directives["style-src"]
    assert "https://media.piyao.example.org" in directives["img-src"]
    assert "https://media.piyao.example.org" in directives["media-src"]
    assert "https://media.piyao.example.org" not in directives["script-src"]
    assert "report-uri" not in directives


def test_report_only_and_report_uri_come_from_the_environment(tmp_path):
    shown = (
        "from django.conf import settings as s;"
        "print(getattr(s, 'CONTENT_SECURITY_POLICY', None),"
        " s.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['report-uri'])"
    )
    result = dev_settings_shell(
        shown,
        tmp_path,
        {
            "CSP_REPORT_ONLY": "1",
            "CSP_REPORT_URI": "https://piyao.example.org/csp-reports/",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "None",
        "['https://piyao.example.org/csp-reports/']",
    ]


def test_report_only_mode_sends_the_same_policies_without_enforcing(client, admin_user, site_tree):
    directives = reader_directives(static_url="/static/", media_url="/media/", report_uri="/r/")
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": directives}
    ):
        reader = client.get("/search/")
        client.force_login(admin_user)
        admin = client.get(reverse("wagtailadmin_home"))

    assert ENFORCING not in reader and ENFORCING not in admin
    assert policy(reader, REPORT_ONLY)["report-uri"] == ["/r/"]
    assert policy(reader, REPORT_ONLY)["script-src"] == ["'self'"]
    assert policy(admin, REPORT_ONLY)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_our_admin_templates_style_themselves_from_stylesheets(admin_client, site_tree):
    """Tip panel, number tiles, figures report, review changes: classes, not style="" or <style>."""
    tip = TipFactory(text="网传停水通知", township="城关镇")
    rebuttal = RebuttalPageFactory(parent=site_tree["rumours"])
    for url in (
        reverse("wagtailadmin_home"),
        reverse("debunk_tip_figures"),
        reverse("wagtailsnippets_debunk_tip:edit", args=[tip.pk]),
        reverse("cms_review_changes", args=[rebuttal.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page = Elements(html)
        assert (page.styles, page.inline_attributes) == ([], []), url
        assert "core/css/admin.css" in html and "debunk/css/admin.css" in html, url
    assert "cms/css/review-changes.css" in html
