"""简体 / 繁體: ?script=hant renders a page in Traditional characters, keyed by URL only."""

import pytest

from debunk.factories import RebuttalPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuttal(site_tree):
    return RebuttalPageFactory(
        parent=site_tree["rumours"],
        slug="tap-water",
        title="网传全城自来水有毒？假的",
        claim_summary="网传全城自来水有毒",
    )


def test_the_toggle_renders_the_page_in_traditional(client, rebuttal):
    simplified = client.get("/rumours/tap-water/")
    html = simplified.content.decode()
    assert '<html lang="zh-Hans">' in html and "网传全城自来水有毒" in html
    assert 'href="/rumours/tap-water/?script=hant" lang="zh-Hant"' in html

    traditional = client.get("/rumours/tap-water/?script=hant")
    html = traditional.content.decode()
    assert '<html lang="zh-Hant">' in html
    assert "網傳全城自來水有毒" in html and "网传全城自来水有毒" not in html
    assert "<title>【謠言】網傳全城自來水有毒" in html
    # The way back stays in Simplified, and keeps the rest of the query.
    back = 'href="/rumours/tap-water/" lang="zh-Hans" hreflang="zh-Hans" data-script-toggle="hans"'
    assert back in html
    assert ">简体</a>" in html


def test_variants_are_keyed_by_url_alone(client, rebuttal):
    # The toggle adds nothing to vary on (the page cache, issue 15, owns Vary): each variant is
    # its own URL, remembered in the reader's browser by a script, never by a cookie.
    simplified = client.get("/rumours/tap-water/")
    traditional = client.get("/rumours/tap-water/?script=hant")
    assert traditional.get("Vary") == simplified.get("Vary")
    assert not traditional.cookies


def test_other_parameters_are_kept_and_the_admin_is_never_converted(
    client, site_tree, admin_client
):
    html = client.get("/rumours/?category=x").content.decode()
    assert 'href="/rumours/?category=x&amp;script=hant"' in html
    admin = admin_client.get("/admin/?script=hant").content.decode()
    assert "清源辟谣平台" in admin and "闢謠" not in admin


def test_traditional_text_is_marked_as_such(client, site_tree):
    title = "網傳喝熱檸檬水可以殺死癌細胞"
    RebuttalPageFactory(
        parent=site_tree["rumours"], slug="lemon", title=title, claim_text="熱檸檬水"
    )
    html = client.get("/rumours/lemon/").content.decode()
    assert '<h1 lang="zh-Hant">網傳喝熱檸檬水可以殺死癌細胞</h1>' in html
    assert '<blockquote class="claim__text" lang="zh-Hant">' in html
