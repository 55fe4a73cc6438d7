"""The editorial review workflow "辟谣审核": a fact-check task with a checklist, then sign-off.

Page types take part by implementing two optional methods (so cms never imports them):

- ``fact_check_problems() -> list[str]``: what is still missing before a fact-check can pass
  (empty list when the checklist holds);
- ``review_fields() -> list[tuple[str, str]]``: what the fact-check vouches for, as labelled
  text (title, verdict, claim, answer, sources, body...). Its digest is the fingerprint: when an
  edit changes any of it after the fact-check passed, the fact-check restarts; and reviewers
  are shown these texts side by side with the last published version. Page types without it
  are covered by their title, intro, summary and body.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from wagtail.models import AbstractGroupApprovalTask, TaskState

from search.registry import plain_text

SOURCES_CHECKED_LABEL = "我已逐一打开并核对了每一条证据来源"


def revision_object(task_state):
    """The page (or snippet) exactly as it stands in the revision under review."""
    return task_state.workflow_state.content_object.get_latest_revision_as_object()


def checklist_problems(obj) -> list[str]:
    method = getattr(obj, "fact_check_problems", None)
    return list(method()) if callable(method) else []


# What a page without review_fields() is checked on: (attribute, label).
DEFAULT_REVIEW_FIELDS = [
    ("intro", "导语"),
    ("summary", "简介"),
    ("description", "介绍"),
    ("body", "正文"),
]


def review_fields(obj) -> list[tuple[str, str]]:
    method = getattr(obj, "review_fields", None)
    if callable(method):
        return list(method())
    fields = [("标题", obj.title)]
    for attribute, label in DEFAULT_REVIEW_FIELDS:
        if hasattr(obj, attribute):
            fields.append((label, plain_text(getattr(obj, attribute))))
    return fields


def fact_check_fingerprint(obj) -> str:
    encoded = json.dumps(review_fields(obj), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def refusal_message(problems: list[str]) -> str:
    return "核查清单尚未满足，不能通过：" + "；".join(problems) + "。"


class FactCheckTask(AbstractGroupApprovalTask):
    """Step 1 of 辟谣审核: a reviewer checks the evidence; approval requires the checklist."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", "退回修改", True),
                ("approve", "核查通过", True),
            ]
        return []

    def get_form_for_action(self, action):
        # Admin forms import lazily: this module is loaded with the models.
        from ..workflow_forms import FactCheckApprovalForm, TaskStateCommentForm

        if action == "approve":
            return FactCheckApprovalForm
        return TaskStateCommentForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "cms/workflow/fact_check_approve_modal.html"
        return ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # The form checks this too; this is the guard against a crafted POST.
            obj = revision_object(task_state)
            problems = checklist_problems(obj)
            if problems:
                raise PermissionDenied(refusal_message(problems))
            if not kwargs.get("sources_checked"):
                raise PermissionDenied("请先逐一打开并核对每一条证据来源。")
            record = FactCheckRecord.objects.create(
                page_id=int(task_state.workflow_state.object_id),
                revision=task_state.revision,
                reviewer=user,
                comment=kwargs.get("comment", "") or "",
                fingerprint=fact_check_fingerprint(obj),
            )
            credit_reviewer_on_page(obj, user, record.checked_at)
            task_state.approve(user=user, comment=kwargs.get("comment", "") or "")
        elif action_name == "reject":
            task_state.reject(user=user, comment=kwargs.get("comment", "") or "")

    @classmethod
    def get_description(cls):
        return "审核组成员核对证据；核查清单满足并确认已打开每条来源后才能通过"

    class Meta:
        verbose_name = "事实核查任务"
        verbose_name_plural = "事实核查任务"


def credit_reviewer_on_page(obj, reviewer, checked_at):
    """Page types that show credits record the reviewer in a new revision, so the credit is
    published with the page (the fingerprint ignores credits, so the check still holds)."""
    record = getattr(obj, "record_fact_check", None)
    if callable(record):
        record(reviewer, checked_at)
        obj.save_revision(user=reviewer, log_action=True)


class FactCheckRecord(models.Model):
    """Who fact-checked which revision, and when: shown on the page as the fact-check credit."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        on_delete=models.CASCADE,
        related_name="fact_check_records",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name="版本", null=True, on_delete=models.SET_NULL
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核查员",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField("核查时间", default=timezone.now)
    comment = models.TextField("核查意见", blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "核查记录"
        verbose_name_plural = "核查记录"
        ordering = ["-checked_at"]
        indexes = [models.Index(fields=["page", "-checked_at"])]

    def __str__(self):
        return f"{self.reviewer} @ {self.checked_at:%Y-%m-%d %H:%M}"

    @property
    def reviewer_name(self) -> str:
        if self.reviewer is None:
            return ""
        return self.reviewer.get_full_name() or self.reviewer.get_username()


class SignOffTask(AbstractGroupApprovalTask):
    """Step 2 of 辟谣审核: a chief editor signs off and the page publishes.

    It only starts when the fact-check vouched for the content as it now stands: if the
    verdict or the sources changed since, the fact-check starts again instead.
    """

    def start(self, workflow_state, user=None):
        fact_check = self.fact_check_task_in(workflow_state.workflow)
        if fact_check is not None and not fact_check_still_holds(workflow_state):
            return fact_check.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    @staticmethod
    def fact_check_task_in(workflow):
        task = workflow.tasks.filter(
            content_type__app_label="cms", content_type__model="factchecktask"
        ).first()
        return task.specific if task else None

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", "退回修改", True),
                ("approve", "签发", False),
                ("approve", "签发并留言", True),
            ]
        return []

    @classmethod
    def get_description(cls):
        return "终审组成员签发；签发后页面发布（或按设定时间定时发布）"

    class Meta:
        verbose_name = "终审签发任务"
        verbose_name_plural = "终审签发任务"


def latest_fact_check(workflow_state):
    return (
        FactCheckRecord.objects.filter(
            page_id=int(workflow_state.object_id),
            checked_at__gte=workflow_state.created_at,
        )
        .order_by("-checked_at", "-pk")
        .first()
    )


def fact_check_still_holds(workflow_state, current=None) -> bool:
    """Whether the latest fact-check in this workflow vouched for `current` (by default the
    latest revision) as it stands."""
    record = latest_fact_check(workflow_state)
    if record is None:
        return False
    if current is None:
        current = workflow_state.content_object.get_latest_revision_as_object()
    return record.fingerprint == fact_check_fingerprint(current)


def restart_fact_check_after_edit(revision):
    """An edit during sign-off that changes what was fact-checked sends it back to the reviewers."""
    obj = revision.content_object
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
        return
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return
    if not isinstance(task_state.task.specific, SignOffTask):
        return
    if fact_check_still_holds(workflow_state, current=revision.as_object()):
        return
    # Cancelling with resume restarts SignOffTask, whose start() hands over to the fact-check.
    task_state.cancel(user=revision.user, resume=True, comment="核查内容已修改，需重新事实核查")
