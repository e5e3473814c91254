/* Help-request pages: copy the tracking link, print, and count a story's characters.
   Everything here is an extra: without JavaScript the link is plain text to select,
   the print hint names the browser's command, and the server checks the story's length. */
(function () {
  "use strict";

  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = button.getAttribute("data-done"); }
      });
    });
  }

  function setUpPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function setUpCounter(area) {
    var limit = parseInt(area.getAttribute("data-limit"), 10);
    var counter = document.getElementById(area.id + "_counter");
    if (!counter || !limit) { return; }
    var template = counter.getAttribute("data-template");
    var over = counter.getAttribute("data-over");
    var timer = null;
    function show() {
      var used = Array.from(area.value).length;
      var text = (used > limit ? over : template)
        .replace("{count}", used.toLocaleString())
        .replace("{limit}", limit.toLocaleString())
        .replace("{excess}", (used - limit).toLocaleString());
      counter.textContent = text;
      counter.classList.toggle("over-limit", used > limit);
    }
    counter.hidden = false;
    show();
    // aria-live announces each change: wait for a pause in typing before updating
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(show, 600);
    });
  }

  document.querySelectorAll("[data-copy]").forEach(setUpCopy);
  document.querySelectorAll("[data-print]").forEach(setUpPrint);
  document.querySelectorAll("textarea.story-counted").forEach(setUpCounter);
})();
