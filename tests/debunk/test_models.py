import datetime

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.models import (
    Category,
    FactCheckerCredit,
    Platform,
    RebuttalIndexPage,
    RebuttalPage,
)
from debunk.verdicts import BEST_RATING, GRADES, SCALE, WORST_RATING, Verdict, grade_for

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_eight_categories_in_order():
    assert [(c.name, c.slug) for c in Category.objects.all()] == [
        ("食品安全", "food-safety"),
        ("医疗健康", "health"),
        ("公共安全", "public-safety"),
        ("社会民生", "livelihood"),
        ("自然灾害", "disasters"),
        ("政策解读", "policy"),
        ("科学常识", "science"),
        ("网络诈骗", "fraud"),
    ]


def test_page_tree_rules(site_tree, column):
    assert RebuttalPage.can_create_at(column)
    assert not RebuttalPage.can_create_at(site_tree["home"])
    assert not RebuttalPage.can_create_at(site_tree["about"])
    assert RebuttalIndexPage.can_create_at(site_tree["home"]) is True
    rebuttal = RebuttalPageFactory(parent=column)
    assert RebuttalPage.allowed_subpage_models() == []
    assert not RebuttalIndexPage.can_create_at(rebuttal)


def test_claim_summary_is_kept_under_75_characters(column):
    page = RebuttalPageFactory(parent=column)
    page.claim_summary = "长" * 76
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "claim_summary" in error.value.message_dict


def test_appearance_urls_are_checked_line_by_line(column):
    page = RebuttalPageFactory(parent=column)
    page.appearance_urls = "https://weibo.example.com/1\n\njavascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "第 3 行" in str(error.value.message_dict["appearance_urls"])
    page.appearance_urls = "https://weibo.example.com/1\n\n  https://douyin.example.com/2  "
    page.full_clean()
    assert page.appearances == ["https://weibo.example.com/1", "https://douyin.example.com/2"]


def test_seen_on_takes_several_known_platforms(column):
    page = RebuttalPageFactory(parent=column, seen_on=["sms", "douyin"])
    assert page.seen_on_labels == ["短信", "抖音"]
    page.seen_on = ["sms", "myspace"]
    with pytest.raises(ValidationError):
        page.full_clean()
    form_field = RebuttalPage._meta.get_field("seen_on").formfield()
    assert [key for key, _ in form_field.choices] == Platform.values
    assert form_field.clean(["weibo", "offline"]) == ["weibo", "offline"]
    with pytest.raises(ValidationError):
        form_field.clean(["myspace"])


def test_seen_on_survives_a_revision(column):
    page = RebuttalPageFactory(parent=column, seen_on=["moments", "kuaishou"])
    revision = page.save_revision()
    assert revision.as_object().seen_on == ["moments", "kuaishou"]


def test_source_id_is_unique_but_optional_and_not_copied(column):
    first = RebuttalPageFactory(parent=column)
    second = RebuttalPageFactory(parent=column)
    assert first.source_id is None and second.source_id is None  # blank twice is fine
    first.source_id = "cofacts-1"
    first.save()
    second.source_id = "cofacts-1"
    with pytest.raises(ValidationError):
        second.full_clean()
    copy = first.copy(update_attrs={"slug": "copy", "title": "副本"})
    assert copy.source_id is None


def test_credit_needs_a_user_or_a_name(column, django_user_model):
    page = RebuttalPageFactory(parent=column)
    with pytest.raises(ValidationError):
        FactCheckerCredit(page=page).clean()
    user = django_user_model.objects.create(username="wangmin", first_name="敏", last_name="王")
    assert FactCheckerCredit(page=page, user=user).display_name
    assert FactCheckerCredit(page=page, name="李建国").display_name == "李建国"
    nameless = django_user_model.objects.create(username="checker2")
    assert FactCheckerCredit(page=page, user=nameless).display_name == "checker2"


def test_the_scale_covers_every_verdict_with_the_documented_ratings():
    assert {grade.verdict for grade in SCALE} == set(Verdict)
    ratings = {grade.key: grade.rating for grade in SCALE}
    assert ratings == {"false": 1, "misleading": 2, "unproven": 3, "partly_true": 4, "true": 5}
    assert all(WORST_RATING <= rating <= BEST_RATING for rating in ratings.values())
    assert [grade.label for grade in SCALE] == ["谣言", "误导", "部分属实", "属实", "无法证实"]
    assert grade_for("no-such-verdict") is GRADES["unproven"]


def test_an_editor_can_create_a_rebuttal_in_the_admin(admin_client, column, categories):
    data = nested_form_data(
        {
            "title": "网传“停水三天”？假的",
            "slug": "no-water-cut",
            "verdict": "false",
            "kind": "rebuttal",
            "short_answer": "水务公司没有停水计划。",
            "claim_text": "明天起全城停水三天，赶紧储水！",
            "claim_summary": "网传全城停水三天",
            "appearance_urls": "https://weibo.example.com/1",
            "first_seen": "2025-04-01",
            "claimant": "",
            "published_date": "2025-04-02",
            "category": categories["livelihood"].pk,
            "region": "城关镇",
            "tags": "停水",
            "body": streamfield([("markdown", "**没有停水计划**")]),
            "screenshots": inline_formset([]),
            "sources": inline_formset(
                [
                    {
                        "title": "关于近期供水情况的说明",
                        "authority": "县水务公司",
                        "url": "https://water.example.gov.cn/1",
                        "date": "2025-04-02",
                        "kind": "official_notice",
                    }
                ]
            ),
            "related_links": inline_formset([]),
            "credits": inline_formset([{"name": "王敏", "role": "fact_check", "user": ""}]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["seen_on"] = ["wechat_group", "sms"]  # checkboxes: one key, several values
    response = admin_client.post(f"/admin/pages/add/debunk/rebuttalpage/{column.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    page = RebuttalPage.objects.get(slug="no-water-cut")
    assert page.live
    assert page.seen_on == ["wechat_group", "sms"]
    assert page.sources.get().authority == "县水务公司"
    assert page.credits.get().display_name == "王敏"
    assert [tag.name for tag in page.tags.all()] == ["停水"]
    assert page.published_date == datetime.date(2025, 4, 2)
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_admin_lists_categories_and_edits_the_column(admin_client, column):
    listing = admin_client.get("/admin/snippets/debunk/category/")
    assert listing.status_code == 200
    assert "网络诈骗" in listing.content.decode()
    edit = admin_client.get(f"/admin/pages/{column.pk}/edit/")
    assert edit.status_code == 200
    assert "评级说明页面" in edit.content.decode()
