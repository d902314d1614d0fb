/* The classroom kit in the browser: answer boxes that keep what the learner typed, and the print button.
   Answers are stored per module and question number, not per URL, so switching language keeps them. */
(function () {
  "use strict";

  var PREFIX = "complaints-course/v1/answers/";

  function store() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage blocked (private mode, policy): the boxes still work, they just forget
    }
  }

  function keepAnswers() {
    var storage = store();
    document.querySelectorAll("textarea[data-course-answer]").forEach(function (box) {
      var sheet = box.closest("[data-course-module]");
      if (!storage || !sheet) return;
      var key = PREFIX + sheet.getAttribute("data-course-module") + "/" + box.getAttribute("data-course-answer");
      box.value = storage.getItem(key) || "";
      box.addEventListener("input", function () {
        try {
          if (box.value) storage.setItem(key, box.value);
          else storage.removeItem(key);
        } catch (error) {
          /* storage full: keep what is on screen */
        }
      });
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-course-print]")) window.print();
  });

  // Material's instant navigation swaps the page without reloading this script.
  document$.subscribe(keepAnswers);
})();
