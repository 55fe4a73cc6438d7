"""Demo rebuttals in each state of 辟谣审核, so `make run` shows a populated review queue."""

from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState

from debunk.models import EvidenceSource, RebuttalIndexPage, RebuttalPage

# (slug, title, claim, summary, answer, state, reviewer's comment)
QUEUE = [
    (
        "review-demo-eggs",
        "“人造鸡蛋”流入本县菜市场？",
        "紧急扩散！菜市场出现人造鸡蛋，蛋黄能弹起来，大家千万别买！",
        "网传本县菜市场出现人造鸡蛋",
        "市场监管部门抽检未发现人造鸡蛋，蛋黄有弹性与储存时间和温度有关。",
        "fact_check",
        "",
    ),
    (
        "review-demo-bridge",
        "清源大桥出现裂缝即将封闭？",
        "听说清源大桥出现大裂缝，下周开始封闭三个月，大家提前绕行。",
        "网传清源大桥因裂缝将封闭",
        "县交通运输局：大桥例行检测中，结构安全，无封闭计划。",
        "fact_check",
        "",
    ),
    (
        "review-demo-subsidy",
        "手机短信领取“育儿补贴”？",
        "【县民政局】您有一笔育儿补贴待领取，点击链接填写银行卡信息即可到账。",
        "网传短信可领取育儿补贴",
        "此为诈骗短信，补贴申领以政务服务平台为准，不会通过短信链接收集银行卡信息。",
        "sign_off",
        "已核对县民政局公告与反诈中心提示。",
    ),
    (
        "review-demo-school",
        "全县中小学提前放寒假？",
        "刚收到消息，因流感全县中小学下周一起提前放寒假，转给家长们！",
        "网传全县中小学提前放寒假",
        "县教育局未发布提前放假通知，放假时间以学校正式通知为准。",
        "needs_changes",
        "教育局的说明只有电话记录，请补充书面通知或官网链接。",
    ),
]


def make_draft(column, editor, slug, title, claim, summary, answer) -> RebuttalPage:
    page = RebuttalPage(
        title=title,
        slug=slug,
        live=False,
        verdict="false",
        claim_text=claim,
        claim_summary=summary,
        short_answer=answer,
        owner=editor,
    )
    column.add_child(instance=page)
    page.sources.add(
        EvidenceSource(title="情况说明", authority="清源县有关部门", kind="official_notice")
    )
    page.save_revision(user=editor)
    return page


def advance(page, state, editor, reviewer, chief, comment):
    page.get_workflow().start(page, editor)
    page.refresh_from_db()
    if state == "fact_check":
        return
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    if state == "sign_off":
        task.on_action(task_state, reviewer, "approve", sources_checked=True, comment=comment)
    elif state == "needs_changes":
        task.on_action(task_state, reviewer, "reject", comment=comment)


def ensure_review_queue(column: RebuttalIndexPage) -> None:
    User = get_user_model()
    users = {
        u.username: u for u in User.objects.filter(username__in=["editor", "reviewer", "chief"])
    }
    if len(users) < 3 or column.get_workflow() is None:
        return
    for slug, title, claim, summary, answer, state, comment in QUEUE:
        if RebuttalPage.objects.child_of(column).filter(slug=slug).exists():
            continue
        page = make_draft(column, users["editor"], slug, title, claim, summary, answer)
        advance(page, state, users["editor"], users["reviewer"], users["chief"], comment)


def queue_states(column: RebuttalIndexPage) -> dict[str, str]:
    """slug → workflow state status, for tests and the demo summary."""
    pages = RebuttalPage.objects.child_of(column).filter(slug__in=[row[0] for row in QUEUE])
    states = {}
    for page in pages:
        state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
        states[page.slug] = state.status if state else ""
    return states
