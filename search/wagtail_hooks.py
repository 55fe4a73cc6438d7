from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path(
            "reports/search-zero-results/",
            admin_views.ZeroResultQueriesView.as_view(),
            name="search_zero_results",
        ),
        path(
            "reports/search-zero-results/results/",
            admin_views.ZeroResultQueriesView.as_view(results_only=True),
            name="search_zero_results_results",
        ),
        path("search/start-draft/", admin_views.start_draft, name="search_start_draft"),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return MenuItem(
        "搜了没找到",
        reverse("search_zero_results"),
        name="search-zero-results",
        icon_name="search",
        order=1500,
    )
