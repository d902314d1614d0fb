/* The certificate of completion on "My progress": offered once every quiz of the course is passed
   (the best score saved by quiz.js reaches the pass mark), printed from the browser with the
   name the learner enters and today's date in the page's language. Nothing is sent anywhere. */
(function () {
  "use strict";

  var coursekit = window.coursekit;

  function best(id) {
    try {
      var state = JSON.parse(coursekit.store.get("quiz/" + id));
      return state && typeof state.best == "number" ? state.best : 0;
    } catch (error) {
      return 0;
    }
  }

  // The same rule as the engine's quiz.settings.passed().
  function allPassed(quizzes) {
    return quizzes.every(function (quiz) {
      return quiz[1] > 0 && best(quiz[0]) * 100 >= coursekit.settings.passMark * quiz[1];
    });
  }

  function boot() {
    var section = document.querySelector("[data-certificate]");
    if (!section) return;
    var passed = allPassed(JSON.parse(section.getAttribute("data-quizzes")));
    var form = section.querySelector("[data-certificate-form]");
    section.querySelector("[data-certificate-locked]").hidden = passed;
    form.hidden = !passed;
    var input = form.querySelector("input");
    input.value = coursekit.store.get("certificate/name") || "";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = input.value.trim();
      if (!name) return input.focus();
      coursekit.store.set("certificate/name", name);
      section.querySelector("[data-certificate-name]").textContent = name;
      section.querySelector("[data-certificate-date]").textContent = new Date().toLocaleDateString(
        document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
      // print.css prints only the certificate's paper while the page carries this class.
      document.body.classList.add("course-certificate-printing");
      window.print();
    });
  }

  window.addEventListener("afterprint", function () {
    document.body.classList.remove("course-certificate-printing");
  });
  document$.subscribe(boot);
})();
