"""import_rumours against hostile files: every broken line is a warning with its number and
reason, never an exception; the good lines around it are imported and served to readers."""

import io
import json

from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.models import Page

import pytest

from debunk.importing.schema import MAX_LINE_BYTES
from debunk.models import RebuttalPage
from tests.debunk.test_import import CED, OWN

pytestmark = pytest.mark.django_db


def own(number, **fields):
    """A valid record of our own format, published at /rumours/hostile-<number>/ (with
    `fields` changed)."""
    return {
        **OWN,
        "id": f"hostile-{number}",
        "slug": f"hostile-{number}",
        "title": f"第{number}条辟谣",
        **fields,
    }


def as_line(record) -> bytes:
    if isinstance(record, bytes):
        return record
    if isinstance(record, str):
        return record.encode()
    return json.dumps(record, ensure_ascii=False).encode()


def import_lines(tmp_path, lines, *options):
    """Run the command on `lines` (bytes, text or records), one per line; returns its output,
    warnings and exit code."""
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(as_line(line) for line in lines) + b"\n")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_rumours", str(path), *options, stdout=out, stderr=err)
    except CommandError as error:  # how call_command hands back a non-zero exit code
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


def warning_of(err: str, line: int) -> str:
    found = [text for text in err.splitlines() if text.startswith(f"第 {line} 行：")]
    assert found, f"no warning for line {line} in:\n{err}"
    return "\n".join(found)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def bad(**fields):
    bad.count += 1
    return own(f"broken-{bad.count}", **fields)


bad.count = 0

SURROGATE = '"\\ud800"'  # JSON's escape for a lone surrogate, which UTF-8 cannot hold
OWN_JSON = json.dumps(OWN, ensure_ascii=False)

# (the line, the warning's words). Records of our own format get ids of their own (broken-N).
BROKEN = [
    (b'{"id": "deep", "x": ' + nested(100_000).encode() + b"}", "JSON 嵌套过深"),
    ('{"id": "deep-ish", "x": ' + nested(20) + "}", "JSON 嵌套过深"),
    (bad(tags=5), "tags 应为列表"),
    (bad(tags="abc"), "tags 应为列表"),
    (bad(credits=5), "credits 应为列表"),
    (bad(credits=[5]), "credits[0] 应为姓名"),
    (bad(verdict=["谣言"]), "verdict 应为文本"),
    (bad(verdict={"label": "谣言"}), "verdict 应为文本"),
    (bad(sources=["卫健委通报"]), "sources[0] 应为 JSON 对象"),
    (OWN_JSON.replace('"明天起全城停水三天！"', SURROGATE), "含有无效的 Unicode 字符"),
    ('{"id": "big", "n": ' + "9" * 5000 + "}", "JSON 中的数字过长"),
    (b'{"id": "latin1", "claim": "caf\xe9"}', "不是有效的 UTF-8 编码"),
    ("null", "每行应为一个 JSON 对象"),
    ("[1, 2]", "每行应为一个 JSON 对象"),
    ('"一个字符串"', "每行应为一个 JSON 对象"),
    ("42", "每行应为一个 JSON 对象"),
    ("true", "每行应为一个 JSON 对象"),
    ("{}", "缺少 id"),
    ({**CED, "id": "no-claim", "claim": None}, "缺少 claim"),
    ({**CED, "id": "blank-claim", "claim": " \t\u3000"}, "缺少 claim"),
    (bad(claim="谣" * 5001), "claim 过长（5001 字，上限 5000 字）"),
    (bad(title="长" * 256), "title 过长"),
    (bad(tags=["标签"] * 31), "tags 项数过多（上限 30 项）"),
    (bad(tags=[""]), "缺少 tags[0]"),
    (bad(published="2020-02-30"), "published 不是有效日期"),
    (bad(first_seen=20200101), "first_seen 不是有效日期"),
    (bad(published="0001-01-01"), "published 超出合理范围"),
    (bad(corrections=[{"note": "补充了来源。"}]), "缺少 corrections[0].date"),
    (bad(id=12345), "id 应为文本"),
    (bad(verdict=1), "verdict 应为文本"),
    (bad(kind="essay"), "kind 未知的稿件类型 'essay'"),
    (bad(sources=[{"title": "链接", "url": "javascript:alert(1)"}]), "sources[0].url"),
    (bad(appearance_urls="https://weibo.example.com/1"), "appearance_urls 应为列表"),
    (OWN_JSON.replace('"claim":', '"claim": "一", "claim":', 1), "字段 'claim' 出现了不止一次"),
    ('{"id": "nan", "claim": NaN}', "不允许 NaN"),
    ('{"id": "cut", "claim": "', "JSON 格式错误"),
    (b'{"id": "huge", "claim": "' + b"x" * MAX_LINE_BYTES + b'"}', "该行过长"),
    (bad(source="somewhere"), "source 未知的数据来源 'somewhere'"),
    (bad(category="gossip"), "category 未知的分类 'gossip'"),
]


@pytest.fixture
def hostile_file():
    """The broken lines, with good ones before, between and after, plus blank lines, a BOM
    and CRLF line ends. Returns (lines, {line number: expected warning})."""
    lines: list = [b"\xef\xbb\xbf" + as_line(own(1)) + b"\r"]  # BOM, then CRLF
    expected = {}
    for broken, reason in BROKEN:
        lines.append(broken)
        expected[len(lines)] = reason
    lines += [
        "",
        "   \t",
        own(2, title="标题\x00带\x07控制\u202e字符", tags=["\u202e反转", "停水", "停水"]),
        own(3, tags=None, corrections=None, credits=None, sources=None),  # null is absent
        own(1, title="同一编号第二次"),  # the id of the first line again
        {**CED, "id": "ced-draft"},
    ]
    expected[len(lines) - 1] = "id 重复：编号 hostile-1 已在第 1 行"
    return lines, expected


def test_every_broken_line_is_reported_and_the_good_ones_are_imported(
    client, tmp_path, column, hostile_file
):
    lines, expected = hostile_file

    out, err, code = import_lines(tmp_path, lines)

    for line, reason in expected.items():
        assert reason in warning_of(err, line), line
    assert err.count("已跳过") == len(expected)
    assert "Traceback" not in err
    # Every line counted once: 3 created and published, 1 draft, the rest invalid or blank.
    assert "新建 4（发布 3，草稿 1）" in out
    assert f"无效 {len(expected)}" in out
    assert f"共 {len(lines)} 行（含空行 2）" in out
    assert 4 + len(expected) + 2 == len(lines)
    assert code == 3
    assert Page.find_problems() == ([], [], [], [], [])

    # The good lines are there for a reader, cleaned; the draft is not.
    first = client.get("/rumours/hostile-1/")
    assert first.status_code == 200
    assert "第1条辟谣" in first.content.decode()
    cleaned = RebuttalPage.objects.get(source_id="hostile-2")
    assert cleaned.title == "标题带控制字符"
    assert sorted(tag.name for tag in cleaned.tags.all()) == ["停水", "反转"]
    assert "标题带控制字符" in client.get("/rumours/hostile-2/").content.decode()
    assert "title 中的 3 个控制字符已删除" in warning_of(err, len(lines) - 3)
    bare = RebuttalPage.objects.get(source_id="hostile-3")
    assert (bare.tags.count(), bare.corrections.count(), bare.sources.count()) == (0, 0, 0)
    assert client.get("/rumours/hostile-3/").status_code == 200
    draft = RebuttalPage.objects.get(source_id="ced-draft")
    assert client.get(draft.url).status_code == 404
    assert set(RebuttalPage.objects.values_list("source_id", flat=True)) == {
        "hostile-1",
        "hostile-2",
        "hostile-3",
        "ced-draft",
    }


def test_a_second_run_of_the_same_hostile_file_changes_nothing(tmp_path, column, hostile_file):
    lines, expected = hostile_file
    import_lines(tmp_path, lines)

    out, _, code = import_lines(tmp_path, lines)

    assert "新建 0（发布 0，草稿 0）  更新 0  未变跳过 4" in out
    assert f"无效 {len(expected)}" in out
    assert code == 3


def test_a_clean_file_exits_0_and_a_file_without_any_good_line_exits_1(tmp_path, column):
    out, _, code = import_lines(tmp_path, [own(1), "", own(2)])
    assert code == 0
    assert "新建 2（发布 2，草稿 0）" in out and "共 3 行（含空行 1）" in out

    _, err, code = import_lines(tmp_path, ["null", b"\xff"])
    assert code == 1
    assert "第 2 行：不是有效的 UTF-8 编码（第 1 个字节起）" in err


def test_a_record_the_database_refuses_is_skipped_alone(client, tmp_path, column):
    """A real refusal (a trigger), inside a batch: the batch is written again one record at a
    time, so the records before and after it are imported."""
    refuse_source_titled("拒收")
    lines = [own(1), own(2, sources=[{"title": "拒收"}]), own(3)]

    out, err, code = import_lines(tmp_path, lines, "--batch-size", "10")

    assert "第 2 行：写入数据库失败" in err
    assert "新建 2（发布 2，草稿 0）" in out and "无效 1" in out
    assert code == 3
    assert client.get("/rumours/hostile-1/").status_code == 200
    assert client.get("/rumours/hostile-3/").status_code == 200
    assert client.get("/rumours/hostile-2/").status_code == 404
    assert Page.find_problems() == ([], [], [], [], [])


def refuse_source_titled(title: str) -> None:
    """A trigger refusing evidence sources with this title (rolled back with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_source BEFORE INSERT ON debunk_evidencesource "
                f"WHEN NEW.title = '{title}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_source() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_source BEFORE INSERT ON debunk_evidencesource "
                "FOR EACH ROW EXECUTE FUNCTION refuse_source()"
            )
        else:
            pytest.skip(f"no trigger for {connection.vendor}")


def test_hostile_markup_imported_renders_inert(tmp_path, column, client):
    """The third write path: the hostile corpus (tests/hostile.py) in every text of imported
    records, then the pages as readers get them, checked like the shell and admin paths."""
    from django.conf import settings

    from tests.hostile import PAYLOADS, script_problems

    storable = [p for p in PAYLOADS if "\x00" not in p and len(p) <= 120]
    fields = ["title", "claim", "claim_summary", "short_answer", "body_markdown", "region"]
    records = [
        own(
            f"x{n}",
            **{
                field: storable[(n * len(fields) + i) % len(storable)]
                for i, field in enumerate(fields)
            },
        )
        for n in range(0, len(storable), len(fields))
    ]
    _, err, code = import_lines(tmp_path, records)
    assert code in (0, 3)
    pages = RebuttalPage.objects.filter(slug__startswith="hostile-x").live()
    assert pages.count() >= len(records) - err.count("第 ")
    assert pages.count() > len(records) // 2, err[:500]  # most hostile records are imported
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.slug
        assert script_problems(response.content.decode(), settings.STATIC_URL) == [], page.slug
