"""Forms for the review workflow's modal actions (imported lazily by the task types)."""

from django import forms

from wagtail.forms import TaskStateCommentForm
from wagtail.models import TaskState

from .models.workflow import (
    SOURCES_CHECKED_LABEL,
    checklist_problems,
    refusal_message,
    revision_object,
)

__all__ = ["FactCheckApprovalForm", "TaskStateCommentForm"]


class FactCheckApprovalForm(TaskStateCommentForm):
    """Approval needs the reviewer's word that every source was opened, and a passing checklist."""

    sources_checked = forms.BooleanField(label=SOURCES_CHECKED_LABEL, required=True)
    # The modal knows which task state it is for; the checklist is checked against its revision.
    review_task_state = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = False
        self.fields["comment"].label = "核查意见"
        self.fields["sources_checked"].error_messages["required"] = (
            "请先逐一打开并核对每一条证据来源，再勾选此项。"
        )

    def clean(self):
        cleaned = super().clean()
        task_state_id = cleaned.get("review_task_state")
        if task_state_id:
            task_state = TaskState.objects.filter(pk=task_state_id).first()
            if task_state is not None:
                problems = checklist_problems(revision_object(task_state))
                if problems:
                    raise forms.ValidationError(refusal_message(problems))
        return cleaned
