// Two fixes for the review actions on the page edit view (核查通过, 退回修改, 签发).
//
// 1. Wagtail's workflow-action modal disables "the element that had focus" while it is open
//    and leaves it out of the form it then submits. Browsers that do not focus a button on
//    click (Safari), or a click on a button the page cannot focus, leave the focus on the last
//    text field edited, so that edit was dropped from the approval. Move the focus off it.
// 2. After the action Wagtail returns to the section's page listing, which reviewers may not
//    open ("no permission"). Unless the page asked for somewhere else, go to the dashboard,
//    where the review queue is.
document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest("[data-workflow-action-name]");
    if (!button) return;
    button.focus();
    const focused = document.activeElement;
    if (focused && focused !== button && focused.form) focused.blur();
    const form = button.form || document.querySelector("[data-edit-form]");
    const next = form && form.querySelector('input[name="next"]');
    if (next && !next.value) next.value = window.location.pathname.split("/pages/")[0] + "/";
  },
  true,
);
