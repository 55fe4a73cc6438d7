"""Factories for the site's own pages (wagtail-factories), for tests; each app keeps its own."""

import factory
import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "清源辟谣平台"
    slug = "home"
    intro = "网络谣言早发现、早求证、早澄清。"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"普通页面{n}")
    intro = "说明文字"
    show_in_menus = True

    class Meta:
        model = StandardPage
