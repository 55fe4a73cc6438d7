"""Informants (网情信息员): a group made by a data migration; they sign in on a front-end page,
report tips tagged with their township and see only their own tips."""

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from debunk.factories import InformantProfileFactory, TipFactory
from debunk.models import Tip, TipPriority, TipStatus
from debunk.permissions import INFORMANTS

pytestmark = pytest.mark.django_db

HOME = reverse("debunk:informant_home")
NEW = reverse("debunk:informant_new")
LOGIN = reverse("debunk:informant_login")


def test_the_migration_creates_the_group_with_one_permission(informants_group):
    assert informants_group.name == INFORMANTS
    codenames = set(informants_group.permissions.values_list("codename", flat=True))
    assert codenames == {"report_as_informant"}  # no admin access, no tip permissions


def test_the_pages_ask_for_a_login(client, site_tree):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "信息员登录" in html
    assert "/admin/" not in response["Location"]


def test_an_informant_signs_in_on_the_front_end(client, site_tree, informant):
    response = client.post(
        LOGIN, {"username": "grid-worker", "password": "correct-horse-9", "next": NEW}
    )
    assert response.status_code == 302 and response["Location"] == NEW
    html = client.get(NEW).content.decode()
    assert "线索将标记为：<strong>河西镇</strong>" in html
    assert 'name="township"' not in html  # from the roster, not typed per tip
    client.logout()
    wrong = client.post(LOGIN, {"username": "grid-worker", "password": "nope"})
    assert wrong.status_code == 200 and "请输入一个正确的" in wrong.content.decode()


def test_an_informant_cannot_enter_the_wagtail_admin(client, site_tree, informant):
    client.force_login(informant)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(reverse("wagtailsnippets_debunk_tip:list")).status_code == 302


def test_a_user_who_is_not_an_informant_is_told_so(client, site_tree, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x-12345678"))
    response = client.get(HOME)
    assert response.status_code == 403
    assert "没有登记为网情信息员" in response.content.decode()
    assert client.post(NEW, {"text": "听说要停水"}).status_code == 403
    assert Tip.objects.count() == 0


def test_an_informant_reports_a_tip_tagged_with_their_township(client, rumours, informant):
    client.force_login(informant)
    response = client.post(
        NEW,
        {"text": "村里在传喝热柠檬水能杀死癌细胞，比化疗还管用", "seen_on": "wechat_group"},
    )
    tip = Tip.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("debunk:informant_tip", args=[tip.pk])
    assert tip.from_informant and tip.submitter == informant
    assert tip.township == "河西镇" and tip.priority == TipPriority.HIGH
    html = client.get(response["Location"]).content.decode()
    assert "线索已报送" in html and "等待编辑分拣" in html
    assert "喝热柠檬水能杀死癌细胞？谣言" in html  # the similar rebuttal found on arrival


def test_an_informant_without_a_roster_entry_types_the_township(
    client, site_tree, django_user_model, informants_group
):
    user = django_user_model.objects.create_user("new-informant", password="x-12345678")
    user.groups.add(informants_group)
    client.force_login(user)
    missing = client.post(NEW, {"text": "听说镇上的桥要封了"})
    assert missing.status_code == 200
    assert "请填写你所在的乡镇（街道）" in missing.content.decode()
    client.post(NEW, {"text": "听说镇上的桥要封了", "township": "东坝乡"})
    assert Tip.objects.get().township == "东坝乡"


def test_bad_input_from_an_informant_is_refused_too(client, site_tree, informant):
    client.force_login(informant)
    for text in ["   ", "javascript:alert(1)", "x" * 2001]:
        response = client.post(NEW, {"text": text})
        assert response.status_code == 200
        assert "form__error" in response.content.decode()
    assert Tip.objects.count() == 0


def test_an_informant_sees_only_their_own_tips(client, site_tree, informant, django_user_model):
    other = django_user_model.objects.create_user("other-informant", password="x-12345678")
    other.groups.add(informant.groups.first())
    InformantProfileFactory(user=other, township="东坝乡")
    mine = TipFactory(
        text="我报送的：听说河西镇要停水三天", submitter=informant, from_informant=True
    )
    theirs = TipFactory(text="别人报送的：听说东坝乡要修路", submitter=other, from_informant=True)
    public = TipFactory(text="读者求证：听说学校放假")

    client.force_login(informant)
    html = client.get(HOME).content.decode()
    assert mine.excerpt() in html
    assert theirs.excerpt() not in html and public.excerpt() not in html
    assert client.get(reverse("debunk:informant_tip", args=[mine.pk])).status_code == 200
    for foreign in (theirs, public):
        assert client.get(reverse("debunk:informant_tip", args=[foreign.pk])).status_code == 404


def test_an_informants_tips_come_a_page_at_a_time(client, site_tree, informant):
    from debunk.views import INFORMANT_TIPS_PER_PAGE

    TipFactory.create_batch(INFORMANT_TIPS_PER_PAGE + 1, submitter=informant, from_informant=True)
    client.force_login(informant)

    first = client.get(HOME, {"page": "junk"}).content.decode()
    assert "第 1 / 2 页" in first and 'rel="next" href="?page=2"' in first
    second = client.get(HOME, {"page": "2"}).content.decode()
    assert "第 2 / 2 页" in second and 'rel="prev" href="?"' in second
    assert client.get(HOME, {"page": "3"}).status_code == 404


def test_an_informant_sees_the_answer_to_their_tip(client, rumours, informant):
    lemon = rumours["lemon-cancer"]
    tip = TipFactory(
        text="听说热柠檬水能治癌",
        submitter=informant,
        from_informant=True,
        status=TipStatus.DUPLICATE,
        rebuttal=lemon,
    )
    client.force_login(informant)
    home = client.get(HOME).content.decode()
    assert "已有辟谣" in home and lemon.url in home
    detail = client.get(reverse("debunk:informant_tip", args=[tip.pk])).content.decode()
    assert "核查结果" in detail and lemon.title in detail


def test_informants_have_a_rate_limit_of_their_own(
    client, site_tree, informant, informants_group, django_user_model, settings
):
    settings.TIPS_PER_IP = 2
    client.force_login(informant)
    for number in range(2):
        assert client.post(NEW, {"text": f"第{number}条：听说要停电"}).status_code == 302
    refused = client.post(NEW, {"text": "第三条：听说要停气"})
    assert refused.status_code == 429
    assert "提交太频繁了" in refused.content.decode()
    assert "第三条：听说要停气" in refused.content.decode()  # what was typed is put back
    assert 0 < int(refused["Retry-After"]) <= settings.TIPS_WINDOW_SECONDS
    assert Tip.objects.count() == 2
    # Counted per account: another informant behind the same address is not affected.
    other = django_user_model.objects.create_user("second-worker", password="x-12345678")
    other.groups.add(informants_group)
    InformantProfileFactory(user=other, township="城关镇")
    client.force_login(other)
    assert client.post(NEW, {"text": "另一位信息员：听说要停水"}).status_code == 302


def test_the_permission_not_the_group_name_decides(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user("direct", password="x-12345678")
    user.user_permissions.add(Permission.objects.get(codename="report_as_informant"))
    client.force_login(user)
    assert client.get(HOME).status_code == 200


def test_logout_returns_to_the_login_page(client, site_tree, informant):
    client.force_login(informant)
    response = client.post(reverse("debunk:informant_logout"))
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert client.get(HOME).status_code == 302


def test_password_guessing_is_rate_limited(client, site_tree, informant, settings):
    settings.TIPS_PER_IP = 3
    for _ in range(3):
        assert (
            client.post(LOGIN, {"username": "grid-worker", "password": "guess"}).status_code == 200
        )
    refused = client.post(LOGIN, {"username": "grid-worker", "password": "correct-horse-9"})
    assert refused.status_code == 429
    assert "登录尝试太频繁" in refused.content.decode()
    assert "grid-worker" in refused.content.decode()  # the user name is put back
    assert 0 < int(refused["Retry-After"]) <= settings.TIPS_WINDOW_SECONDS
    assert client.get(HOME).status_code == 302  # not signed in, even with the right password
