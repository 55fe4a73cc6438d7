from wagtail.models import Site

import pytest

from cms.factories import StandardPageFactory
from cms.models import HomePage, SiteSettings, StandardPage
from debunk.models import RebuttalIndexPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_site_name_sections_and_footer(client, site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "测试县委网信办"
    site_settings.phone = "12377"
    site_settings.save()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "<title>测试县委网信办" in html
    for section in ("捉谣记", "征视频", "活动专区", "关于我们"):
        assert f">{section}</a>" in html
    assert "主办：测试县委网信办" in html
    assert 'href="tel:12377"' in html


def test_section_pages_are_served_under_home(client, site_tree):
    for slug, title in [("rumours", "捉谣记"), ("videos", "征视频"), ("campaigns", "活动专区")]:
        response = client.get(f"/{slug}/")
        assert response.status_code == 200, slug
        assert f"<h1>{title}</h1>" in response.content.decode()


def test_current_section_is_marked_in_navigation(client, site_tree):
    html = client.get("/rumours/").content.decode()
    assert 'href="/rumours/" aria-current="page">捉谣记' in html
    assert 'href="/videos/" aria-current="page"' not in html


def test_pages_hidden_from_menus_stay_out_of_navigation(client, site_tree):
    site_tree["about"].show_in_menus = False
    site_tree["about"].save_revision().publish()
    html = client.get("/").content.decode()
    assert ">关于我们</a>" not in html


def test_standard_page_renders_streamfield_body(client, home_page):
    page = StandardPage(
        title="核查方法",
        slug="method",
        intro="我们如何核查",
        body=[
            {"type": "heading", "value": {"text": "三个步骤", "level": "h2"}},
            {"type": "paragraph", "value": "<p>第一步，找到<b>原始出处</b>。</p>"},
            {"type": "quote", "value": {"text": "以官方发布为准。", "attribution": "县公安局"}},
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/method/").content.decode()

    assert "<h2>三个步骤</h2>" in html
    assert "<b>原始出处</b>" in html
    assert "—— 县公安局" in html


def test_unknown_url_gets_chinese_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_drafts_are_not_served_to_readers(client, home_page):
    draft = StandardPage(title="未发布", slug="draft", live=False)
    home_page.add_child(instance=draft)
    assert client.get("/draft/").status_code == 404


def test_page_type_rules_keep_the_tree_in_shape(site_tree):
    home = site_tree["home"]
    assert StandardPage.can_create_at(home)
    assert not HomePage.can_create_at(home)  # one home page per tree
    assert not RebuttalIndexPage.can_create_at(site_tree["about"])


def test_home_page_query_count_does_not_grow_with_sections(
    client, site_tree, django_assert_max_num_queries
):
    client.get("/")  # warm the site lookup and settings caches the same way every request does
    with django_assert_max_num_queries(18) as baseline:
        client.get("/")
    for n in range(6):
        StandardPageFactory(parent=site_tree["home"], slug=f"extra-{n}")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get("/")
    assert response.content.decode().count('class="section-card"') == 10
