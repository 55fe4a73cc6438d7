// Suggestions under the search box as the reader types (GET /search/suggest/?q=).
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var url = form.getAttribute("data-suggest-url");
  var timer = null;
  var latest = 0;
  var active = -1;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function show(items) {
    list.innerHTML = "";
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "search-suggestion-" + index;
      li.setAttribute("role", "option");
      // An option holds text, not a link (a link inside an option is nested-interactive
      // content to screen readers); choosing it opens item.url.
      li.setAttribute("data-url", item.url);
      li.textContent = item.title;
      li.addEventListener("click", function () { window.location.href = item.url; });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (!query) { close(); return; }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
      .catch(function () { close(); });
  }

  function move(step) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (active >= 0) options[active].removeAttribute("aria-selected");
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("[role=option]")[active].getAttribute("data-url");
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) close();
  });
})();
