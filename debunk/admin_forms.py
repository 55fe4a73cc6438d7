"""The rebuttal's admin form: what the page model cannot check alone (its inline corrections)."""

from wagtail.admin.forms import WagtailAdminPageForm

# Saving a draft is always allowed; these are the requests that move a rebuttal towards readers.
ACTIONS_TOWARDS_READERS = ("action-submit", "action-publish", "action-workflow-action")


class RebuttalPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not any(self.data.get(action) for action in ACTIONS_TOWARDS_READERS):
            return cleaned
        if problem := self.instance.uncorrected_verdict_change(
            verdict=cleaned.get("verdict"), corrections=self.new_corrections()
        ):
            self.add_error("verdict", problem + "。")
        return cleaned

    def new_corrections(self) -> list:
        formset = self.formsets.get("corrections")
        if formset is None or not formset.is_valid():
            return []
        return [
            form
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.cleaned_data.get("note") or "").strip()
        ]
