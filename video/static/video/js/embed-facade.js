// Click-to-load platform players: the third-party iframe is created only when the reader
// presses play, so nothing is sent to the platform before that (templates/video/includes/embed_facade.html).
(function () {
  "use strict";

  function load(facade) {
    var src = facade.getAttribute("data-embed-src") || "";
    if (src.indexOf("https://") !== 0) return;
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = facade.getAttribute("data-embed-title") || "视频播放器";
    iframe.className = "embed-facade__frame";
    iframe.allow = "autoplay; fullscreen; picture-in-picture";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin";
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
    facade.replaceChildren(iframe);
    facade.classList.add("embed-facade--loaded");
    iframe.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".embed-facade__play");
    if (button) load(button.closest(".embed-facade"));
  });
})();
