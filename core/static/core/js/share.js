// The share control (templates/components/share.html): copy the link, or open the system
// share sheet where the browser has one (Web Share API). Buttons stay hidden without support.
(function () {
  "use strict";
  document.querySelectorAll(".share").forEach(function (box) {
    var status = box.querySelector(".share__status");
    var copy = box.querySelector("[data-share-copy]");
    var share = box.querySelector("[data-share-url]");
    function say(text) { status.textContent = text; }
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.getAttribute("data-share-copy")).then(
          function () { say("链接已复制，可以粘贴给家人朋友了。"); },
          function () { say("无法自动复制，请长按下方链接复制。"); }
        );
      });
    }
    if (share && navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({
          title: share.getAttribute("data-share-title"),
          url: share.getAttribute("data-share-url")
        }).catch(function () { /* the reader closed the sheet */ });
      });
    }
  });
})();
