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
from typing import TYPE_CHECKING

from django.utils.text import slugify

from ..models import CreditRole, Platform, SourceKind
from ..verdicts import ItemKind, Verdict
from .records import (
    MAX_SOURCE_TITLE,
    MAX_SUMMARY,
    Correction,
    ImportRecord,
    InvalidRecord,
    Source,
    check_url,
    first_sentences,
    heading_block,
    paragraphs_block,
)

if TYPE_CHECKING:
    from .schema import RawRecord

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


def map_verdict(label: str, table: dict, source: str) -> str:
    if label not in table:
        raise InvalidRecord(f"未知的核查结论 {label[:50]!r}（来源 {source}）")
    return table[label]


def references_to_sources(reference: str, record_warnings: list) -> list[Source]:
    """Cofacts' free-text references: each URL a source, titled by the text on its line."""
    sources = []
    for line in reference.splitlines():
        for url in _URL.findall(line):
            try:
                url = check_url(url)
            except InvalidRecord as error:
                record_warnings.append(f"reference {error}，已略过该链接")
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

    def read(self, raw: "RawRecord", line: int, fingerprint: str) -> ImportRecord:
        summary = first_sentences(raw.claim, MAX_SUMMARY)
        record = ImportRecord(
            source_id=raw.id,
            line=line,
            digest=fingerprint,
            title=summary,
            claim_text=raw.claim,
            claim_summary=summary,
            verdict=map_verdict(raw.verdict, self.verdicts, raw.source),
            short_answer=first_sentences(raw.rebuttal, 120, most=2) if raw.rebuttal else "",
            seen_on=list(self.seen_on),
            published_date=raw.published,
            first_seen=raw.published if self.first_seen_is_published else None,
            category_slug=guess_category(raw.claim),
            region=self.region,
            attribution=self.attribution.format(id=raw.id),
            slug=slugify(raw.id)[:80].strip("-"),
        )
        if raw.rebuttal:
            record.body.append(paragraphs_block(raw.rebuttal))
        if self.keep_body_as_background and raw.body and raw.body != raw.claim:
            record.body += [heading_block("资料原文"), paragraphs_block(raw.body)]
        if raw.reference:
            record.sources = references_to_sources(raw.reference, record.warnings)
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


def read_own(raw: "RawRecord", line: int, fingerprint: str) -> ImportRecord:
    """Our own format (demo content, exports): every page field."""
    summary = raw.claim_summary or first_sentences(raw.claim, MAX_SUMMARY)
    record = ImportRecord(
        source_id=raw.id,
        line=line,
        digest=fingerprint,
        title=raw.title or summary,
        claim_text=raw.claim,
        claim_summary=summary,
        verdict=map_verdict(raw.verdict, OWN_VERDICTS, OWN_SOURCE),
        short_answer=raw.short_answer,
        kind=raw.kind or ItemKind.REBUTTAL,
        seen_on=list(dict.fromkeys(raw.seen_on)),
        appearance_urls=list(raw.appearance_urls),
        first_seen=raw.first_seen,
        claimant=raw.claimant,
        published_date=raw.published,
        category_slug=raw.category,
        region=raw.region,
        tags=list(dict.fromkeys(raw.tags)),
        credits=[(item.name, item.role or CreditRole.FACT_CHECK) for item in raw.credits],
        attribution=raw.attribution,
        slug=slugify(raw.slug or raw.id)[:80].strip("-"),
    )
    if raw.body_markdown:
        record.body.append({"type": "markdown", "value": raw.body_markdown})
    record.sources = [
        Source(
            title=item.title,
            url=item.url,
            authority=item.authority,
            date=item.date,
            kind=item.kind if item.kind in SourceKind.values else SourceKind.OTHER,
        )
        for item in raw.sources
    ]
    record.corrections = [Correction(date=item.date, note=item.note) for item in raw.corrections]
    return record


def read_record(raw: "RawRecord", line: int, fingerprint: str) -> ImportRecord:
    """A validated record of any supported source as an ImportRecord, or InvalidRecord saying
    why its verdict cannot be mapped."""
    if raw.source == OWN_SOURCE:
        return read_own(raw, line, fingerprint)
    return PROFILES[raw.source].read(raw, line, fingerprint)
