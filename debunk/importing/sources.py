"""What each source's records mean on our side: one table per source, then one reader per source.

Verdict mapping (the source's own label -> our scale, see debunk.verdicts). A label that is not
in its source's table makes the record invalid (warned and skipped), never guessed:

========================= =============== =========== =======================================
source                    label           our verdict why
========================= =============== =========== =======================================
cofacts-*                 RUMOR           false       Cofacts "含有不實訊息" (false information)
cofacts-*                 NOT_RUMOR       true        Cofacts "含有正確訊息" (correct information)
cofacts-*                 OPINIONATED     unproven    Cofacts "含有個人意見": opinion, not fact
thunlp-CED                rumor           false       ruled false by Weibo's report platform
thunlp-CED                non-rumor       unproven    never ruled on; *not* verified true
LTCR                      fake            false
LTCR                      real            true        the dataset's explanations confirm them
LTCR                      uncertain       unproven
qingyuan (our own format) keys or labels  the same    "false" or "谣言", "partly_true" or "部分属实"
========================= =============== =========== =======================================

Fields: every source gives ``id`` (kept as the page's ``source_id``) and ``claim`` (required).
The one-line summary and the title come from the claim's first sentence (75 characters at most),
the "真相" box from the rebuttal's first sentences, the body from the whole rebuttal. Records with
a claim and no rebuttal are incomplete: they become drafts unless --publish-incomplete is given.
The category of records from other sources is a best-effort guess from keywords (below);
editors can change it.
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from ..models import CreditRole, Platform, SourceKind
from ..verdicts import ItemKind, Verdict
from .records import (
    MAX_CLAIM,
    MAX_REBUTTAL,
    MAX_SHORT_ANSWER,
    MAX_SHORT_TEXT,
    MAX_SOURCE_TITLE,
    MAX_SUMMARY,
    MAX_TITLE,
    Correction,
    ImportRecord,
    InvalidRecord,
    Source,
    check_url,
    digest,
    first_sentences,
    heading_block,
    paragraphs_block,
    parse_date,
    text,
)

COFACTS_VERDICTS = {
    "RUMOR": Verdict.FALSE,
    "NOT_RUMOR": Verdict.TRUE,
    "OPINIONATED": Verdict.UNPROVEN,
}
CED_VERDICTS = {"rumor": Verdict.FALSE, "non-rumor": Verdict.UNPROVEN}
LTCR_VERDICTS = {"fake": Verdict.FALSE, "real": Verdict.TRUE, "uncertain": Verdict.UNPROVEN}
OWN_VERDICTS = {
    **{verdict.value: verdict for verdict in Verdict},
    **{verdict.label: verdict for verdict in Verdict},
}

# Best-effort category for sources that have none: the first group with a keyword in the claim
# wins (Simplified and Traditional forms both listed, as the corpus mixes them).
CATEGORY_KEYWORDS = [
    (
        "fraud",
        "诈骗 詐騙 骗局 騙局 中奖 中獎 代币 代幣 贴图 貼圖 转账 轉帳 刷单 红包 紅包 帐号 帳號",
    ),
    ("food-safety", "食品 食物 致癌 农药 農藥 添加剂 添加劑 奶粉 地沟油 塑料 塑膠 饮料 飲料 水果"),
    ("health", "疫苗 病毒 肺炎 新冠 医院 醫院 癌 医生 醫生 药 藥 感染 口罩 健康 病"),
    ("disasters", "地震 台风 颱風 暴雨 洪水 海啸 海嘯 高温 寒潮 泥石流"),
    (
        "public-safety",
        "车祸 車禍 跳楼 跳樓 失踪 失蹤 拐卖 綁架 绑架 爆炸 火灾 火災 警方 警察 杀人 殺人",
    ),
    ("policy", "政策 条例 條例 年金 规定 規定 法律 修法 改革 退休 政府 立法"),
    ("science", "科学 科學 辐射 輻射 微波 手机 手機 太阳 太陽 地球 NASA"),
    ("livelihood", "学校 學校 学生 學生 房价 工资 薪資 交通 停水 停电 停電 高铁 高鐵"),
]
_CATEGORY_WORDS = [(slug, words.split()) for slug, words in CATEGORY_KEYWORDS]
_URL = re.compile(r"https?://[^\s<>\"'）)】，。、]+")


def guess_category(claim: str) -> str:
    for slug, words in _CATEGORY_WORDS:
        if any(word in claim for word in words):
            return slug
    return ""


def map_verdict(raw: dict, table: dict, source: str) -> str:
    label = raw.get("verdict")
    if label not in table:
        raise InvalidRecord(f"未知的核查结论 {label!r}（来源 {source}）")
    return table[label]


def references_to_sources(reference: str, record_warnings: list) -> list[Source]:
    """Cofacts' free-text references: each URL a source, titled by the text on its line."""
    sources = []
    for line in reference.splitlines():
        for url in _URL.findall(line):
            try:
                url = check_url(url, "reference")
            except InvalidRecord as error:
                record_warnings.append(f"{error}，已略过该链接")
                continue
            title = line.replace(url, "").strip(" :：-—|") or url.split("/")[2]
            sources.append(Source(title=title[:MAX_SOURCE_TITLE], url=url))
    return sources


@dataclass
class Profile:
    """How to read one source's records."""

    verdicts: dict
    attribution: str
    seen_on: list = field(default_factory=list)
    region: str = ""
    first_seen_is_published: bool = False  # the date is the post's own (CED)
    keep_body_as_background: bool = False  # LTCR's `body`: the post or a write-up about it

    def read(self, raw: dict, line: int, source: str) -> ImportRecord:
        source_id = text(raw, "id", limit=150, required=True, label="来源编号")
        claim = text(raw, "claim", limit=MAX_CLAIM, required=True, label="谣言原文")
        rebuttal = text(raw, "rebuttal", limit=MAX_REBUTTAL)
        verdict = map_verdict(raw, self.verdicts, source)
        published = parse_date(raw.get("published"), "published")
        summary = first_sentences(claim, MAX_SUMMARY)
        record = ImportRecord(
            source_id=source_id,
            line=line,
            digest=digest(raw),
            title=summary,
            claim_text=claim,
            claim_summary=summary,
            verdict=verdict,
            short_answer=first_sentences(rebuttal, 120, most=2) if rebuttal else "",
            seen_on=list(self.seen_on),
            published_date=published,
            first_seen=published if self.first_seen_is_published else None,
            category_slug=guess_category(claim),
            region=self.region,
            attribution=self.attribution.format(id=source_id),
            slug=slugify(source_id)[:80].strip("-"),
        )
        if rebuttal:
            record.body.append(paragraphs_block(rebuttal))
        background = text(raw, "body", limit=MAX_REBUTTAL)
        if self.keep_body_as_background and background and background != claim:
            record.body += [heading_block("资料原文"), paragraphs_block(background)]
        reference = raw.get("reference")
        if isinstance(reference, str) and reference.strip():
            record.sources = references_to_sources(reference, record.warnings)
        return record


COFACTS = Profile(
    verdicts=COFACTS_VERDICTS,
    seen_on=[Platform.OTHER],
    region="台湾地区",
    attribution=(
        "谣言原文与回应来自台湾“Cofacts 真的假的”社区事实核查数据库（cofacts/opendata、"
        "cofacts/rumors-db 2019 年前快照），以 CC0 1.0 公共领域贡献发布；回应由社区志愿编辑撰写，"
        "原文为繁体中文，照录未改。原始编号：{id}"
    ),
)
PROFILES: dict[str, Profile] = {
    "cofacts-opendata-2019": COFACTS,
    "cofacts-rumors-db-2017": COFACTS,
    "cofacts-2019": COFACTS,
    "thunlp-CED": Profile(
        verdicts=CED_VERDICTS,
        seen_on=[Platform.WEIBO],
        first_seen_is_published=True,
        attribution=(
            "谣言原文为新浪微博用户发布内容，来自清华大学 CED 数据集（Song et al., "
            "arXiv:1811.04175），未声明许可，仅供研究与测试。原始编号：{id}"
        ),
    ),
    "LTCR": Profile(
        verdicts=LTCR_VERDICTS,
        keep_body_as_background=True,
        attribution=(
            "来自 LTCR 长文本中文谣言数据集（Ma et al., arXiv:2306.07201），未声明许可，"
            "仅供研究与测试。原始编号：{id}"
        ),
    ),
}
OWN_SOURCE = "qingyuan"


def read_credit(item) -> tuple[str, str]:
    """A credit is a name, or {"name": …, "role": fact_check|writing|review}."""
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict):
        raise InvalidRecord(f"署名格式不对：{item!r}")
    name = text(item, "name", limit=50, required=True, label="署名")
    role = item.get("role") or CreditRole.FACT_CHECK
    if role not in CreditRole.values:
        raise InvalidRecord(f"未知的署名分工 {role!r}")
    return name, role


def read_own(raw: dict, line: int) -> ImportRecord:
    """Our own format (demo content, exports): every page field, checked strictly."""
    source_id = text(raw, "id", limit=150, required=True, label="来源编号")
    claim = text(raw, "claim", limit=MAX_CLAIM, required=True, label="谣言原文")
    summary = text(raw, "claim_summary", limit=MAX_SUMMARY) or first_sentences(claim, MAX_SUMMARY)
    kind = raw.get("kind") or ItemKind.REBUTTAL
    if kind not in ItemKind.values:
        raise InvalidRecord(f"未知的稿件类型 {kind!r}")
    seen_on = raw.get("seen_on") or []
    if not isinstance(seen_on, list) or any(item not in Platform.values for item in seen_on):
        raise InvalidRecord(f"未知的流传平台 {seen_on!r}")
    record = ImportRecord(
        source_id=source_id,
        line=line,
        digest=digest(raw),
        title=text(raw, "title", limit=MAX_TITLE) or summary,
        claim_text=claim,
        claim_summary=summary,
        verdict=map_verdict(raw, OWN_VERDICTS, OWN_SOURCE),
        short_answer=text(raw, "short_answer", limit=MAX_SHORT_ANSWER),
        kind=kind,
        seen_on=seen_on,
        appearance_urls=[
            check_url(url, "appearance_urls") for url in raw.get("appearance_urls", [])
        ],
        first_seen=parse_date(raw.get("first_seen"), "first_seen"),
        claimant=text(raw, "claimant", limit=MAX_SHORT_TEXT),
        published_date=parse_date(raw.get("published"), "published"),
        category_slug=text(raw, "category", limit=50),
        region=text(raw, "region", limit=MAX_SHORT_TEXT),
        tags=[str(tag)[:MAX_SHORT_TEXT] for tag in raw.get("tags", [])],
        credits=[read_credit(item) for item in raw.get("credits", [])],
        attribution=text(raw, "attribution", limit=1000),
        slug=slugify(text(raw, "slug", limit=80) or source_id)[:80].strip("-"),
    )
    if markdown := text(raw, "body_markdown", limit=MAX_REBUTTAL):
        record.body.append({"type": "markdown", "value": markdown})
    for item in raw.get("sources", []):
        record.sources.append(
            Source(
                title=text(item, "title", limit=MAX_SOURCE_TITLE, required=True, label="来源标题"),
                url=check_url(item["url"], "sources.url") if item.get("url") else "",
                authority=text(item, "authority", limit=MAX_SHORT_TEXT),
                date=parse_date(item.get("date"), "sources.date"),
                kind=item.get("kind") if item.get("kind") in SourceKind.values else "other",
            )
        )
    for item in raw.get("corrections", []):
        date = parse_date(item.get("date"), "corrections.date")
        if date is None:
            raise InvalidRecord("更正记录缺少日期（corrections.date）")
        note = text(item, "note", limit=1000, required=True, label="更正内容")
        record.corrections.append(Correction(date=date, note=note))
    return record


def read_record(raw, line: int) -> ImportRecord:
    """Any supported source's record as an ImportRecord, or InvalidRecord saying why not."""
    if not isinstance(raw, dict):
        raise InvalidRecord("每行应为一个 JSON 对象")
    source = raw.get("source")
    if source == OWN_SOURCE:
        return read_own(raw, line)
    if source not in PROFILES:
        raise InvalidRecord(f"未知的数据来源 {source!r}")
    return PROFILES[source].read(raw, line, source)
