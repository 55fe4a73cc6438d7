"""The admin speaks Chinese: every page an editor, a reviewer or a chief editor opens is read
for English words (see ui_text.py for what counts), and each one found is printed with its URL.
"""

import ast
import json
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

import wagtail
import wagtail.admin
import wagtail.documents
import wagtail.images
import wagtail.snippets
import wagtail.users

import pytest
import wagtailmedia

from tests.workflow.helpers import approve_fact_check, sign_off, workflow_action_url

from .ui_text import english_in, english_words, html_of, visible_text

pytestmark = pytest.mark.django_db

EDITOR, REVIEWER, CHIEF = "editor", "reviewer", "chief"
EVERYONE = {EDITOR, REVIEWER, CHIEF}
WRITERS = {EDITOR, CHIEF}


def view(name, *keys, query=""):
    """An admin view's URL for objects of the newsroom (given by their keys)."""
    return lambda newsroom: reverse(name, args=[newsroom[key].pk for key in keys]) + query


def add_page(app_label, model, parent):
    return lambda newsroom: reverse(
        "wagtailadmin_pages:add", args=[app_label, model, newsroom[parent].pk]
    )


def task_action(key, action):
    def build(newsroom):
        page = newsroom[key]
        task_state = page.current_workflow_task_state
        return reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[page.pk, action, task_state.pk],
        )

    return build


# (what, its URL in the newsroom, the roles that must be able to open it). Every role opens
# every page: what a role gets instead (the dashboard saying no, a 403 page) is read as well.
ADMIN_PAGES = [
    ("dashboard", view("wagtailadmin_home"), EVERYONE),
    ("page explorer", view("wagtailadmin_explore_root"), WRITERS),
    ("explorer: rumours", view("wagtailadmin_explore", "rumours"), WRITERS),
    ("explorer: videos", view("wagtailadmin_explore", "videos"), WRITERS),
    ("explorer: series", view("wagtailadmin_explore", "series"), WRITERS),
    ("explorer: campaigns", view("wagtailadmin_explore", "campaigns"), WRITERS),
    ("new rebuttal", add_page("debunk", "rebuttalpage", "rumours"), WRITERS),
    ("new episode", add_page("video", "videoepisodepage", "series"), WRITERS),
    ("new campaign", add_page("campaigns", "campaignpage", "campaigns"), WRITERS),
    ("edit: in fact-check", view("wagtailadmin_pages:edit", "in_fact_check"), EVERYONE),
    ("edit: at sign-off", view("wagtailadmin_pages:edit", "at_sign_off"), WRITERS),
    ("edit: live, revised", view("wagtailadmin_pages:edit", "revised"), EVERYONE),
    ("edit: locked episode", view("wagtailadmin_pages:edit", "episode"), WRITERS),
    ("edit: campaign", view("wagtailadmin_pages:edit", "campaign"), WRITERS),
    ("history", view("wagtailadmin_pages:history", "revised"), WRITERS),
    ("workflow history", view("wagtailadmin_pages:workflow_history", "revised"), WRITERS),
    ("review changes", view("cms_review_changes", "revised"), EVERYONE),
    ("fact-check dialog", task_action("in_fact_check", "approve"), {REVIEWER}),
    ("send-back dialog", task_action("in_fact_check", "reject"), {REVIEWER}),
    ("sign-off dialog", task_action("at_sign_off", "approve"), {CHIEF}),
    ("unpublish", view("wagtailadmin_pages:unpublish", "campaign"), {CHIEF}),
    ("workflow report", view("wagtailadmin_reports:workflow"), set()),
    ("workflow tasks report", view("wagtailadmin_reports:workflow_tasks"), set()),
    ("locked pages report", view("wagtailadmin_reports:locked_pages"), set()),
    ("site history", view("wagtailadmin_reports:site_history"), set()),
    ("aging pages", view("wagtailadmin_reports:aging_pages"), set()),
    ("search", view("wagtailadmin_pages:search", query="?q=停水"), WRITERS),
    ("search, nothing found", view("wagtailadmin_pages:search", query="?q=火星"), WRITERS),
    ("page chooser", view("wagtailadmin_choose_page"), EVERYONE),
    ("images", view("wagtailimages:index"), WRITERS),
    ("image upload", view("wagtailimages:add_multiple"), WRITERS),
    ("image", view("wagtailimages:edit", "image"), WRITERS),
    ("image chooser", view("wagtailimages_chooser:choose"), EVERYONE),
    ("documents", view("wagtaildocs:index"), WRITERS),
    ("document upload", view("wagtaildocs:add_multiple"), WRITERS),
    ("document", view("wagtaildocs:edit", "document"), WRITERS),
    ("document chooser", view("wagtaildocs_chooser:choose"), EVERYONE),
    ("media", view("wagtailmedia:index"), set()),
    ("video upload", lambda n: reverse("wagtailmedia:add", args=["video"]), set()),
    ("media item", view("wagtailmedia:edit", "video"), set()),
    ("video chooser", lambda n: reverse("wagtailmedia:chooser_typed", args=["video"]), set()),
    ("snippets", view("wagtailsnippets:index"), set()),
    ("tips inbox", view("wagtailsnippets_debunk_tip:list"), EVERYONE),
    ("tip", view("wagtailsnippets_debunk_tip:edit", "tip"), set()),
    ("tip figures", view("debunk_tip_figures"), set()),
    ("moderation: submissions", view("wagtailsnippets_campaigns_campaignsubmission:list"), set()),
    (
        "moderation: submission",
        view("wagtailsnippets_campaigns_campaignsubmission:edit", "submission"),
        set(),
    ),
    ("account", view("wagtailadmin_account"), EVERYONE),
]


REFUSALS = {reverse("wagtailadmin_home"), reverse("wagtailadmin_login")}


def user_names():
    return list(get_user_model().objects.values_list("username", flat=True))


def report(english: dict[str, list[str]]) -> str:
    """Each English string once, with the pages it is on, for whoever fixes them."""
    lines = [
        f"{text!r}\n    on {', '.join(dict.fromkeys(where))}" for text, where in english.items()
    ]
    print("\n".join(lines))
    return f"{len(english)} English strings (printed above, with their pages)"


@pytest.mark.parametrize("role", [EDITOR, REVIEWER, CHIEF])
def test_every_admin_page_a_role_opens_is_in_chinese(role, newsroom, roles, client):
    client.force_login(roles[role])
    names = user_names()
    english, refused = {}, []
    for what, url_of, must_load in ADMIN_PAGES:
        url = url_of(newsroom)
        response = client.get(url, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        if role in must_load and (response.status_code != 200 or landed in REFUSALS - {url}):
            said = [str(message) for message in response.context["messages"]]
            refused.append(f"{what} {url}: {response.status_code} at {landed} {said}")
        for text in english_in(html_of(response), names):
            english.setdefault(text, []).append(f"{what} {landed} ({response.status_code})")
    assert not refused, "pages the role should open:\n" + "\n".join(refused)
    assert not english, report(english)


def test_a_reader_page_with_the_editors_userbar_is_in_chinese(newsroom, roles, client):
    client.force_login(roles[EDITOR])
    response = client.get(newsroom["revised"].url)
    assert response.status_code == 200
    assert "w-userbar" in response.content.decode()
    english = {text: ["reader page"] for text in english_in(html_of(response), user_names())}
    assert not english, report(english)


def test_signing_in_is_in_chinese(client):
    english = {}
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = client.get(url)
        assert response.status_code == 200
        for text in english_in(html_of(response)):
            english.setdefault(text, []).append(url)
    assert not english, report(english)


def test_workflow_emails_are_in_chinese(newsroom, roles, client):
    """Submitted (to the reviewers), fact-checked (to the chief editors), sent back and signed
    off (to the editor): subjects and bodies, text and HTML."""
    client.force_login(roles[CHIEF])
    at_sign_off = newsroom["at_sign_off"]
    send_back = workflow_action_url(at_sign_off, "reject", at_sign_off.current_workflow_task_state)
    assert client.post(send_back, {"comment": "请补充官方通报原文"}).status_code == 302
    client.force_login(roles[REVIEWER])
    assert approve_fact_check(client, newsroom["in_fact_check"]).status_code == 302
    client.force_login(roles[CHIEF])
    assert sign_off(client, newsroom["in_fact_check"]).status_code == 302
    to_editor = [message.subject for message in mail.outbox if roles[EDITOR].email in message.to]
    assert len(to_editor) == 2, to_editor

    names = user_names()
    english = {}
    for message in mail.outbox:
        parts = [message.subject, *message.body.splitlines()]
        parts += [text for html, _ in message.alternatives for text in visible_text(html)]
        for text in parts:
            if english_words(text, names):
                english.setdefault(text, []).append(f"mail to {', '.join(message.to)}")
    assert not english, report(english)


def catalog_msgids(po_file: Path):
    """The (context, msgid, plural) of each message a package's English catalog lists."""
    keyword_and_text = r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ((?:".*"(?:\n|$))+)'
    entry = {}
    for keyword, quoted in re.findall(keyword_and_text, po_file.read_text(), re.M):
        entry[keyword] = "".join(ast.literal_eval(part) for part in quoted.split("\n") if part)
        if keyword in ("msgstr", "msgstr[0]"):
            if entry["msgid"]:
                yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
            entry = {}


def english_catalog(module, domain="django") -> Path:
    return Path(module.__file__).parent / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"


def catalog_key(context, msgid, plural):
    key = f"{context}\x04{msgid}" if context else msgid
    return (key, 0) if plural else key


@pytest.mark.parametrize(
    "package",
    [
        wagtail,
        wagtail.admin,
        wagtail.images,
        wagtail.documents,
        wagtail.snippets,
        wagtail.users,
        wagtailmedia,
    ],
    ids=lambda module: module.__name__,
)
def test_every_message_of_the_admin_packages_has_a_chinese_translation(package):
    """Pages the walk above does not reach (an error, a rare dialog) are covered here: each
    message these packages may show is in the zh-hans catalog Django builds (theirs and ours)."""
    with translation.override("zh-hans"):
        catalog = translation.trans_real.translation("zh-hans")._catalog
    missing = [
        msgid
        for context, msgid, plural in catalog_msgids(english_catalog(package))
        if catalog_key(context, msgid, plural) not in catalog
    ]
    assert not missing, "\n".join(missing)


def test_every_message_of_the_admin_scripts_has_a_chinese_translation(client):
    """What Wagtail's scripts say (autosave, "Insert a block") comes from /admin/jsi18n/."""
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)[1]
    )
    missing = [
        msgid
        for context, msgid, plural in catalog_msgids(english_catalog(wagtail.admin, "djangojs"))
        if (f"{context}\x04{msgid}" if context else msgid) not in catalog
    ]
    assert not missing, "\n".join(missing)


def test_the_check_finds_english_and_leaves_codes_alone():
    html = """<html lang="zh-hans"><head><title>仪表板 - 清源</title>
        <script>const label = "Insert a block";</script><style>.a {color: red}</style></head>
        <body><!-- Search results --><p>1-50 of 233 pages</p>
        <a href="/admin/pages/" title="Open menu">菜单</a><img alt="Avatar" src="/a.png">
        <input type="submit" value="Save draft"><input type="hidden" value="draft">
        <p>导出CSV文件 clip.mp4 https://example.org/x 12MB editor@example.org /rumours/</p>
        <code>manage.py compilemessages</code><span lang="en">English</span>
        <script type="application/json">{"html": "<button>Choose video</button>"}</script>
        </body></html>"""
    assert english_in(html) == [
        "1-50 of 233 pages",
        "Open menu",
        "Avatar",
        "Save draft",
        "Choose video",
    ]
    assert "仪表板 - 清源" in visible_text(html)
    assert english_words("导出CSV文件 clip.mp4 https://example.org/x 12MB /rumours/") == []
