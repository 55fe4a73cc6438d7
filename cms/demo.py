"""Demo content for `manage.py load_demo`: the site tree, settings and logins, idempotently."""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page, Site

from campaigns.demo import ensure_campaigns
from campaigns.models import CampaignIndexPage
from core.permissions import CHIEF_EDITORS, EDITORS, REVIEWERS
from core.publishing import publishing_allowed
from debunk import demo as debunk_demo
from debunk.models import RebuttalIndexPage
from debunk.review_demo import ensure_review_queue
from search.demo import load_demo as load_search_demo
from video.demo import load_video_demo
from video.models import VideoSeriesIndexPage

from .models import HomePage, SiteSettings, StandardPage
from .site_address import point_default_site

CREDENTIALS_FILE = "demo-credentials.json"


@dataclass
class Login:
    username: str
    password: str
    role: str


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / CREDENTIALS_FILE


def read_saved_passwords() -> dict[str, str]:
    path = credentials_path()
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_passwords(passwords: dict[str, str]) -> None:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(passwords, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(path, 0o600)


def ensure_user(username: str, role: str, *, superuser: bool = False, **fields) -> Login:
    """Create the user with a generated password, or reuse the one saved on an earlier run."""
    User = get_user_model()
    saved = read_saved_passwords()
    user = User.objects.filter(username=username).first()
    password = saved.get(username)
    if user is None or password is None or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, **fields)
        user.is_staff = True
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        saved[username] = password
        save_passwords(saved)
    return Login(username=username, password=password, role=role)


def ensure_home_page() -> HomePage:
    """Replace Wagtail's welcome page with our HomePage as the default site's root."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="清源辟谣平台",
                slug="home-qingyuan",
                intro="网络谣言早发现、早求证、早澄清。看到可疑消息，先来这里查一查。",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=""
        )
    # Canonical links, feeds and the sitemap name the address the site is served at.
    point_default_site(Site, settings.SITE_URL)
    site.refresh_from_db()
    if site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "清源辟谣平台"
        site.save()
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    if home.slug != "home":
        home.slug = "home"
        home.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)  # publish() saved a copy with the new url_path
    return home


def ensure_child(parent: Page, model, slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, show_in_menus=True, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_site_tree(home: HomePage) -> dict[str, Page]:
    return {
        "rumours": ensure_child(
            home,
            RebuttalIndexPage,
            "rumours",
            title="捉谣记",
            intro="本地网络谣言的求证与澄清：谣言说了什么，真相是什么，证据在哪里。",
        ),
        "videos": ensure_child(
            home,
            VideoSeriesIndexPage,
            "videos",
            title="征视频",
            intro="一分钟看懂谣言背后的真相：辟谣短视频系列。",
        ),
        "campaigns": ensure_child(
            home,
            CampaignIndexPage,
            "campaigns",
            title="活动专区",
            intro="线上读书活动、微视频征集和社区辟谣宣传。",
        ),
        "about": ensure_child(
            home,
            StandardPage,
            "about",
            title="关于我们",
            intro="清源辟谣平台由县委网信办主办，联合公安、市场监管、卫健等部门共同求证网络传言。",
            body=[
                {"type": "heading", "value": {"text": "我们做什么", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": "<p>我们收集群众反映的可疑信息，向权威部门求证，"
                    "并以通俗易懂的方式公布结论、证据与来源。</p>",
                },
                {"type": "heading", "value": {"text": "如何求证", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": "<p>每一条辟谣都经过事实核查员审核和终审编辑签发，"
                    "结论有误时我们公开更正。</p>",
                },
            ],
        ),
    }


def ensure_site_settings() -> SiteSettings:
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.address:
        site_settings.organisation_name = "清源县委网信办"
        site_settings.site_slogan = "辟谣求证 · 清源正本"
        site_settings.address = "清源县人民路 1 号"
        site_settings.phone = "12377"
        site_settings.email = "piyao@example.org"
        site_settings.footer_note = "本站内容经事实核查后发布。发现网络谣言，欢迎向我们求证或举报。"
        site_settings.icp_number = "示例ICP备00000000号"
        site_settings.save()
    return site_settings


@transaction.atomic
def load_demo() -> list[Login]:
    # Demo pages are published as set-up, not through review (core.publishing logs it); the
    # review queue below goes through the real workflow.
    with publishing_allowed("演示内容（load_demo）"):
        home = ensure_home_page()
        tree = ensure_site_tree(home)
        debunk_demo.load_demo(home)  # first: videos and campaigns link to its rebuttals
        load_video_demo(tree["videos"])
        ensure_site_settings()
        ensure_campaigns(tree["campaigns"])
    admin = ensure_user("admin", "站点管理员", superuser=True, email="admin@example.org")
    editorial = ensure_editorial_users()
    ensure_review_queue(tree["rumours"])
    load_search_demo()  # last: indexes every page loaded above
    informant = debunk_demo.load_tip_demo(ensure_user)  # tips are matched against the index
    return [admin, *editorial, informant]


EDITORIAL_DEMO_USERS = [
    # (username, role shown in the output, group, first name)
    ("editor", "编辑", EDITORS, "李编辑"),
    ("reviewer", "审核（事实核查员）", REVIEWERS, "王核查"),
    ("chief", "终审（主编）", CHIEF_EDITORS, "张主编"),
]


def ensure_editorial_users() -> list[Login]:
    logins = []
    for username, role, group_name, first_name in EDITORIAL_DEMO_USERS:
        login = ensure_user(username, role, email=f"{username}@example.org", first_name=first_name)
        user = get_user_model().objects.get(username=username)
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            user.groups.add(group)
        logins.append(login)
    return logins
