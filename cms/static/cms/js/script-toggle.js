// 简体 / 繁體 (cms/script.py): the page's script is in its URL (?script=hant). This remembers the
// reader's choice (localStorage, never a cookie, so cached pages need not vary on it), carries
// it on the site's links and search forms, and opens the Traditional variant of a page reached
// without the parameter.
(function () {
  "use strict";
  var KEY = "qingyuan-script";
  var url = new URL(window.location.href);
  var traditional = url.searchParams.get("script") === "hant";
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }

  document.querySelectorAll("[data-script-toggle]").forEach(function (link) {
    link.addEventListener("click", function () {
      try { window.localStorage.setItem(KEY, link.getAttribute("data-script-toggle")); } catch (e) { /* ignore */ }
    });
  });
  if (!traditional) {
    if (stored === "hant" && !url.searchParams.has("script")) {
      url.searchParams.set("script", "hant");
      window.location.replace(url.href);
    }
    return;
  }
  function ours(target) {
    return target.origin === window.location.origin && !/^\/(admin|documents|media|static|share)\//.test(target.pathname);
  }
  document.querySelectorAll("a[href]").forEach(function (link) {
    if (link.hasAttribute("data-script-toggle")) return;
    var target = new URL(link.href, window.location.href);
    if (!ours(target) || target.searchParams.has("script")) return;
    target.searchParams.set("script", "hant");
    link.href = target.href;
  });
  document.querySelectorAll("form").forEach(function (form) {
    if ((form.method || "get").toLowerCase() !== "get" || form.querySelector("input[name=script]")) return;
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "script";
    field.value = "hant";
    form.appendChild(field);
  });
})();
