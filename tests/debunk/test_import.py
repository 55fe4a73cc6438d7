"""import_rumours: good records, bad records and repeated runs."""

import datetime
import io
import json

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from debunk.importing.sources import CED_VERDICTS, COFACTS_VERDICTS, LTCR_VERDICTS
from debunk.models import RebuttalPage
from debunk.verdicts import Verdict

pytestmark = pytest.mark.django_db

COFACTS = {
    "id": "cofacts-1__a",
    "source": "cofacts-opendata-2019",
    "claim": "為了慶祝Line破億下載率，請將此訊息傳給50個人，可獲得免費代幣100。",
    "rebuttal": "勿輕信網路傳言，LINE相關訊息以官方公告為準。\n\n詳見官方部落格。",
    "verdict": "RUMOR",
    "reference": "LINE 官方公告 http://official-blog.line.me/tw/archives/30748067.html\n"
    "http://not-a-valid-url",
    "published": "2017-09-04T20:36:34.258Z",  # 2017-09-05 in Beijing time
    "licence": "CC0-1.0",
}
CED = {
    "id": "ced-0-yBmepBtUB",
    "source": "thunlp-CED",
    "claim": "人间惨剧：今天下午约14点，宁波妇儿医院，一妇女携带一婴儿在住院楼跳楼。",
    "verdict": "rumor",
    "published": "2012-09-11T11:34:22+08:00",
}
LTCR = {
    "id": "ltcr-144",
    "source": "LTCR",
    "claim": "吸烟可以预防非典，因为烟油可以阻挡病毒进入肺细胞",
    "body": "网上流传的“烟油保护层”的理论称：烟油可以覆盖在肺细胞表面。",
    "rebuttal": "吸烟不能预防SARS病毒感染。统计上没有明显的区别。吸烟者感染后病情会更严重。",
    "verdict": "fake",
    "published": "2020-01-21",
}
OWN = {
    "id": "qingyuan-test-1",
    "source": "qingyuan",
    "slug": "water",
    "title": "网传停水三天？假的",
    "claim": "明天起全城停水三天！",
    "claim_summary": "网传全城停水三天",
    "short_answer": "水务公司没有停水计划。",
    "body_markdown": "**没有**停水计划。",
    "verdict": "谣言",
    "kind": "advisory",
    "category": "livelihood",
    "region": "城关镇",
    "seen_on": ["wechat_group", "sms"],
    "first_seen": "2025-04-01",
    "published": "2025-04-02",
    "appearance_urls": ["https://weibo.example.com/1"],
    "sources": [
        {
            "title": "供水情况说明",
            "authority": "县水务公司",
            "url": "https://water.example.gov.cn/1",
            "date": "2025-04-02",
            "kind": "official_notice",
        }
    ],
    "tags": ["停水", "谣言"],
    "credits": ["王敏", {"name": "李建国", "role": "review"}],
    "corrections": [{"date": "2025-04-03", "note": "补充了来源。"}],
}


def write_lines(tmp_path, *records, name="rumours.jsonl"):
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path, *options, exit_code=0):
    """The command's output and warnings; its exit code must be `exit_code` (non-zero codes
    come as a CommandError carrying it, as call_command raises them)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_rumours", str(path), *options, stdout=out, stderr=err)
    except CommandError as error:
        if error.returncode != exit_code:
            raise
    else:
        assert exit_code == 0, "the import succeeded, exit code 0"
    return out.getvalue(), err.getvalue()


def test_each_source_is_mapped_onto_our_fields(tmp_path, column):
    out, err = run_import(write_lines(tmp_path, COFACTS, CED, LTCR, OWN))

    assert "新建 4（发布 3，草稿 1）" in out
    cofacts = RebuttalPage.objects.get(source_id="cofacts-1__a")
    assert cofacts.verdict == Verdict.FALSE
    assert cofacts.claim_summary.startswith("為了慶祝Line破億下載率")
    assert len(cofacts.claim_summary) <= 75
    assert cofacts.short_answer == "勿輕信網路傳言，LINE相關訊息以官方公告為準。詳見官方部落格。"
    assert cofacts.published_date == datetime.date(2017, 9, 5)
    assert cofacts.region == "台湾地区"
    assert cofacts.category.slug == "fraud"  # guessed from 代幣
    assert "CC0" in cofacts.attribution and "cofacts-1__a" in cofacts.attribution
    [source] = cofacts.sources.all()
    assert source.url == "http://official-blog.line.me/tw/archives/30748067.html"
    assert source.title == "LINE 官方公告"
    assert "第 1 行：reference 不是有效网址" in err  # dropped link, record kept
    assert cofacts.live

    ced = RebuttalPage.objects.get(source_id="ced-0-yBmepBtUB")
    assert not ced.live  # a claim without a rebuttal waits for an editor
    assert ced.first_seen == ced.published_date == datetime.date(2012, 9, 11)
    assert ced.seen_on == ["weibo"]

    ltcr = RebuttalPage.objects.get(source_id="ltcr-144")
    assert ltcr.live
    assert [block.block_type for block in ltcr.body] == ["paragraph", "heading", "paragraph"]
    assert ltcr.category.slug == "health"

    own = RebuttalPage.objects.get(source_id="qingyuan-test-1")
    assert (own.slug, own.title) == ("water", "网传停水三天？假的")
    assert (own.kind, own.verdict) == ("advisory", "false")
    assert own.appearances == ["https://weibo.example.com/1"]
    assert own.sources.get().authority == "县水务公司"
    assert own.corrections.get().note == "补充了来源。"
    assert [(c.display_name, c.role) for c in own.credits.all()] == [
        ("王敏", "fact_check"),
        ("李建国", "review"),
    ]
    assert sorted(tag.name for tag in own.tags.all()) == ["停水", "谣言"]
    assert own.body[0].block_type == "markdown"


def test_imported_pages_are_a_valid_tree_and_are_served(client, tmp_path, column):
    run_import(write_lines(tmp_path, COFACTS, LTCR, OWN), "--batch-size", "2")
    assert Page.find_problems() == ([], [], [], [], [])
    column.refresh_from_db()
    assert column.numchild == 3 == column.get_children().count()
    assert client.get("/rumours/water/").status_code == 200
    html = client.get("/rumours/").content.decode()
    assert "网传停水三天？假的" in html and "吸烟可以预防非典" in html


def test_imported_pages_are_in_the_search_index(tmp_path, column):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.search.models import IndexEntry

    run_import(write_lines(tmp_path, LTCR, {**OWN, "claim": "明天起全城停水三天 tingshui"}))
    own = RebuttalPage.objects.get(source_id="qingyuan-test-1")
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RebuttalPage), object_id=str(own.pk)
    )
    assert entries.count() == 1  # its text format depends on the database; searching is below
    found = RebuttalPage.objects.live().search("tingshui")  # Chinese segmentation: search app
    assert [page.source_id for page in found] == ["qingyuan-test-1"]


def test_import_appends_after_pages_already_in_the_column(client, tmp_path, column):
    from debunk.factories import RebuttalPageFactory

    RebuttalPageFactory(parent=column, slug="water")  # also takes the wanted slug
    run_import(write_lines(tmp_path, OWN, LTCR))
    assert Page.find_problems() == ([], [], [], [], [])
    assert RebuttalPage.objects.get(source_id="qingyuan-test-1").slug == "water-2"
    assert client.get("/rumours/water-2/").status_code == 200


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path, column):
    path = write_lines(
        tmp_path,
        OWN,
        "{not json",
        {**CED, "id": "no-claim", "claim": ""},
        {**LTCR, "id": "bad-verdict", "verdict": "maybe"},
        {**CED, "id": "unknown-source", "source": "somewhere"},
        {**CED, "id": "too-long", "claim": "长" * 5001},
        {**LTCR, "id": "bad-date", "published": "2020-13-45"},
        {**LTCR, "id": "far-future", "published": "2999-01-01"},
        {**OWN, "id": "bad-url", "appearance_urls": ["javascript:alert(1)"]},
        {**OWN, "id": "bad-source-url", "sources": [{"title": "x", "url": "ftp//x"}]},
        {**OWN, "id": "bad-category", "category": "gossip"},
        {**OWN, "id": "bad-platform", "seen_on": ["myspace"]},
        {**OWN, "id": "long-summary", "claim_summary": "长" * 76},
        OWN,  # the same id again
        "[1, 2, 3]",
        "",
        LTCR,
    )
    out, err = run_import(path, exit_code=3)

    expected = {
        2: "JSON 格式错误",
        3: "缺少 claim",
        4: "未知的核查结论 'maybe'",
        5: "source 未知的数据来源 'somewhere'",
        6: "claim 过长",
        7: "published 不是有效日期",
        8: "published 超出合理范围",
        9: "appearance_urls[0] 不是有效网址",
        10: "sources[0].url 不是有效网址",
        11: "category 未知的分类 'gossip'",
        12: "seen_on[0] 未知的流传平台",
        13: "claim_summary 过长",
        14: "id 重复：编号 qingyuan-test-1 已在第 1 行",
        15: "每行应为一个 JSON 对象",
    }
    for line, reason in expected.items():
        assert f"第 {line} 行：{reason}" in err, (line, err)
    assert err.count("已跳过") == len(expected)
    assert "新建 2（发布 2，草稿 0）" in out
    assert "无效 14" in out
    assert "共 17 行（含空行 1）" in out
    assert set(RebuttalPage.objects.values_list("source_id", flat=True)) == {
        "qingyuan-test-1",
        "ltcr-144",
    }


def test_nothing_importable_is_an_error(tmp_path, column):
    with pytest.raises(CommandError, match="没有任何记录可以导入"):
        run_import(write_lines(tmp_path, "{oops", {**CED, "claim": ""}))
    assert not RebuttalPage.objects.exists()


def test_missing_file_and_missing_column_are_clear_errors(tmp_path, home_page):
    with pytest.raises(CommandError, match="找不到文件"):
        run_import(tmp_path / "nope.jsonl")
    with pytest.raises(CommandError, match="没有找到辟谣栏目"):
        run_import(write_lines(tmp_path, OWN))


def test_a_second_run_changes_nothing(tmp_path, column):
    path = write_lines(tmp_path, COFACTS, CED, LTCR, OWN)
    run_import(path)
    before = {p.source_id: (p.pk, p.path, p.slug) for p in RebuttalPage.objects.all()}

    out, _ = run_import(path)

    assert "新建 0（发布 0，草稿 0）  更新 0  未变跳过 4" in out
    assert {p.source_id: (p.pk, p.path, p.slug) for p in RebuttalPage.objects.all()} == before


def test_a_changed_record_updates_its_page_in_place(client, tmp_path, column):
    run_import(write_lines(tmp_path, OWN, LTCR))
    page = RebuttalPage.objects.get(source_id="qingyuan-test-1")
    changed = {
        **OWN,
        "short_answer": "水务公司确认不会停水。",
        "verdict": "误导",
        "sources": [{"title": "新的说明", "authority": "县政府"}],
        "tags": ["供水"],
    }

    out, _ = run_import(write_lines(tmp_path, changed, LTCR))

    assert "更新 1  未变跳过 1" in out
    updated = RebuttalPage.objects.get(source_id="qingyuan-test-1")
    assert (updated.pk, updated.slug) == (page.pk, page.slug)
    assert updated.short_answer == "水务公司确认不会停水。"
    assert updated.verdict == Verdict.MISLEADING
    assert [s.title for s in updated.sources.all()] == ["新的说明"]
    assert [t.name for t in updated.tags.all()] == ["供水"]
    assert "水务公司确认不会停水。" in client.get("/rumours/water/").content.decode()


def test_pages_edited_in_the_admin_are_not_overwritten(tmp_path, column):
    run_import(write_lines(tmp_path, OWN))
    page = RebuttalPage.objects.get(source_id="qingyuan-test-1")
    page.short_answer = "编辑改写过的真相。"
    page.save_revision().publish()

    _, err = run_import(write_lines(tmp_path, {**OWN, "short_answer": "导入的新版本。"}))

    assert "qingyuan-test-1 已在后台编辑过，保留编辑的版本" in err
    assert RebuttalPage.objects.get(pk=page.pk).short_answer == "编辑改写过的真相。"


def test_dry_run_writes_nothing_but_counts_everything(tmp_path, column):
    out, _ = run_import(write_lines(tmp_path, COFACTS, CED, OWN), "--dry-run")
    assert "（演练，未写入）新建 3（发布 2，草稿 1）" in out
    assert not RebuttalPage.objects.exists()
    column.refresh_from_db()
    assert column.numchild == 0


def test_draft_and_publish_incomplete_options(tmp_path, column):
    run_import(write_lines(tmp_path, COFACTS, CED), "--draft")
    assert not RebuttalPage.objects.filter(live=True).exists()
    RebuttalPage.objects.all().delete()

    run_import(write_lines(tmp_path, COFACTS, CED), "--publish-incomplete")
    assert RebuttalPage.objects.filter(live=True).count() == 2


def test_every_source_label_is_in_its_table():
    assert set(COFACTS_VERDICTS) == {"RUMOR", "NOT_RUMOR", "OPINIONATED"}
    assert set(CED_VERDICTS) == {"rumor", "non-rumor"}
    assert set(LTCR_VERDICTS) == {"fake", "real", "uncertain"}
    assert CED_VERDICTS["non-rumor"] == Verdict.UNPROVEN  # never ruled on is not "true"
