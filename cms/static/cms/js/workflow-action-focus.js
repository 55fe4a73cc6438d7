// Wagtail's workflow-action modal disables "the element that had focus" while it is open and
// leaves it out of the form it then submits. Browsers that do not focus a button on click
// (Safari), or a click on a button the page cannot focus, leave the focus on the last text
// field edited, so that edit was dropped from the approval or send-back. Move the focus off it.
document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest("[data-workflow-action-name]");
    if (!button) return;
    button.focus();
    const focused = document.activeElement;
    if (focused && focused !== button && focused.form) focused.blur();
  },
  true,
);
