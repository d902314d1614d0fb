/* The classroom kit in the browser: answer boxes that keep what the learner typed (and print it), and the print button.
   Answers are stored per module and question number, not per URL, so switching language keeps them. */
(function () {
  "use strict";

  var store = window.coursekit.store;

  function keepAnswers() {
    document.querySelectorAll("textarea[data-course-answer]").forEach(function (box) {
      var sheet = box.closest("[data-course-module]");
      if (!sheet) return;
      var key = "answers/" + sheet.getAttribute("data-course-module") + "/" + box.getAttribute("data-course-answer");
      box.value = store.get(key) || "";
      forPaper(box);
      box.addEventListener("input", function () {
        if (box.value) store.set(key, box.value);
        else store.remove(key);
        forPaper(box);
      });
    });
  }

  // Paper shows what was typed in place of the ruled lines (print.css), and the lines where nothing was.
  function forPaper(box) {
    var space = box.closest(".course-answer");
    space.querySelector(".course-answer__typed").textContent = box.value;
    space.classList.toggle("course-answer--typed", box.value.trim() !== "");
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-course-print]")) window.print();
  });

  // Material's instant navigation swaps the page without reloading this script.
  document$.subscribe(keepAnswers);
})();
