/* Self-check quizzes rendered by hooks/quiz.py: check an answer, show its feedback and the score,
   and keep progress in localStorage by quiz and question id (not by URL), so it survives a reload
   and a switch of language. Also fills in the "My progress" page. */
(function () {
  "use strict";
  var store = window.coursekit.store;

  function all(root, selector) {
    return [].slice.call(root.querySelectorAll(selector));
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // Stored progress is {answers: {questionId: [index, ...]}, best: number}; anything else
  // (a corrupted value, another site's, storage switched off) counts as no progress.
  function read(id) {
    try {
      var value = JSON.parse(store.get("quiz/" + id));
      if (value && value.answers && typeof value.answers == "object" && !Array.isArray(value.answers))
        return { answers: value.answers, best: typeof value.best == "number" && value.best > 0 ? value.best : 0 };
    } catch (e) {}
    return null;
  }

  function write(id, state) {
    store.set("quiz/" + id, JSON.stringify(state));
  }

  function steps(q) {
    return q.querySelector(".quiz-q__steps");
  }

  // The learner's answer: the chosen option indexes, or the step indexes in the learner's order.
  function answer(q) {
    var list = steps(q);
    if (list) return all(list, "[data-step]").map(function (li) { return +li.dataset.step; });
    var given = all(q, "input:checked").map(function (input) { return +input.value; });
    return given.length ? given : null;
  }

  // Whether a stored answer fits this question as it is built now.
  function valid(q, given) {
    var list = steps(q), count = list ? list.children.length : all(q, "input").length;
    return Array.isArray(given) && given.length > 0 &&
      given.every(function (n, i) { return n === (n | 0) && n >= 0 && n < count && given.indexOf(n) == i; }) &&
      (list ? given.length == count : q.dataset.type == "multiple" || given.length == 1);
  }

  function put(q, given) {
    var list = steps(q);
    if (list) given.forEach(function (n) { list.appendChild(list.querySelector('[data-step="' + n + '"]')); });
    else all(q, "input").forEach(function (input) { input.checked = given.indexOf(+input.value) >= 0; });
  }

  function right(q, given) {
    if (steps(q)) return given.every(function (n, i) { return n == i; });
    return all(q, "input").every(function (input) {
      return input.hasAttribute("data-correct") == (given.indexOf(+input.value) >= 0);
    });
  }

  function mark(element, text, kind) {
    element.dataset.mark = kind;
    element.querySelector(".quiz-q__mark").textContent = text;
  }

  function say(q, text) {
    q.querySelector(".quiz-q__result").textContent = text;
  }

  // Show a question as checked with `given`, or as open for an answer when `given` is absent.
  function show(q, given) {
    var labels = q.closest(".quiz").dataset, ok = !!given && right(q, given);
    all(q, "input").forEach(function (input) {
      var feedback = input.closest("li").querySelector(".quiz-q__feedback");
      var picked = !!given && given.indexOf(+input.value) >= 0, hit = input.hasAttribute("data-correct");
      input.disabled = !!given;
      feedback.hidden = !picked;
      mark(feedback, picked ? labels[hit ? "right" : "wrong"] : "", picked ? (hit ? "right" : "wrong") : "");
    });
    all(q, "[data-step]").forEach(function (li, i) {
      var hit = +li.dataset.step == i;
      mark(li, given ? (hit ? "✓" : "✗") : "", given ? (hit ? "right" : "wrong") : "");
      all(li, "button").forEach(function (button) { button.disabled = !!given; });
    });
    q.dataset.state = given ? (ok ? "right" : "wrong") : "";
    q.querySelector(".quiz-q__explanation").hidden = !given;
    q.querySelector("[data-action=check]").hidden = !!given;
    q.querySelector("[data-action=retry]").hidden = !given;
    say(q, given ? labels[ok ? "right" : "wrong"] : "");
  }

  // Moving a node takes the focus away from the button inside it, so give it back.
  function move(q, button) {
    var li = button.closest("li"), up = button.dataset.move < 0;
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    li.parentNode.insertBefore(li, up ? other : other.nextElementSibling);
    button.focus();
    say(q, format(q.closest(".quiz").dataset.moved, { n: [].indexOf.call(li.parentNode.children, li) + 1 }));
  }

  function quiz(root) {
    var id = root.dataset.quiz, questions = all(root, ".quiz-q");
    var stored = read(id) || { answers: {}, best: 0 };
    var state = { answers: {}, best: Math.min(stored.best, questions.length) };
    root.classList.add("quiz--js");
    all(root, ".quiz-q__actions, .quiz__footer, .quiz-q__move").forEach(function (el) { el.hidden = false; });
    questions.forEach(function (q) {
      var given = stored.answers[q.dataset.question];
      if (valid(q, given)) {
        state.answers[q.dataset.question] = given;
        put(q, given);
      }
      show(q, state.answers[q.dataset.question]);
    });

    function score() {
      var total = questions.length, n = questions.filter(function (q) {
        var given = state.answers[q.dataset.question];
        return given && right(q, given);
      }).length;
      state.best = Math.max(state.best, n);
      write(id, state);
      var parts = root.querySelectorAll(".quiz__score span");
      parts[0].textContent = format(root.dataset.score, { score: n, total: total });
      parts[1].textContent = format(root.dataset.best, { best: state.best, total: total });
      markPassed();
    }
    score();

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button"), q = button && button.closest(".quiz-q");
      if (!button) return;
      if (button.dataset.move) return move(q, button);
      var action = button.dataset.action, key = q && q.dataset.question;
      if (action == "check") {
        var given = answer(q);
        if (!given) return say(q, root.dataset.choose);
        state.answers[key] = given;
        show(q, given);
        q.querySelector("[data-action=retry]").focus();
      } else if (action == "retry") {
        delete state.answers[key];
        put(q, []);
        show(q);
        q.querySelector("input, [data-move]").focus();
      } else if (action == "reset") {
        state.answers = {};
        questions.forEach(function (q) { put(q, []); show(q); });
        questions[0].querySelector("input, [data-move]").focus();
      }
      score();
    });
  }

  // A quiz counts as started once it has a best score or an answer of the stored shape (a list
  // of positions); anything else, unreadable or from an older course, is "not started".
  function started(state) {
    return !!state && (state.best > 0 || Object.keys(state.answers).some(function (key) {
      var given = state.answers[key];
      return Array.isArray(given) && given.length > 0 && given.every(function (n) { return n === (n | 0) && n >= 0; });
    }));
  }

  function progress(cell) {
    var state = read(cell.dataset.progress);
    cell.textContent = started(state)
      ? Math.min(state.best, +cell.dataset.total) + " / " + cell.dataset.total
      : cell.closest(".quiz-progress").dataset.notStarted;
  }

  // A check mark beside each module whose quiz the learner has passed (best score at or above the
  // course's pass mark), in the navigation and on the course map; its words are for screen readers.
  function passed(module) {
    var state = read(module[1]);
    return !!state && state.best * 100 >= window.coursekit.settings.passMark * module[2];
  }

  function markPassed() {
    var settings = window.coursekit.settings, root = settings.root;
    var done = {};
    settings.quizzes.forEach(function (module) { if (passed(module)) done[new URL(module[0], root).pathname] = true; });
    all(document, ".course-passed").forEach(function (mark) { mark.remove(); });
    function at(link) { return link && link.href && done[new URL(link.href).pathname]; }
    var targets = all(document, ".md-nav--primary .md-nav__item--nested:not(.md-nav__item--section)").filter(function (item) {
      return at(item.querySelector("a[href]"));
    }).map(function (item) { return item.querySelector(":scope > .md-nav__link .md-ellipsis"); });
    targets = targets.concat(all(document, ".course-map tbody th a").filter(at));
    targets.forEach(function (target) {
      if (!target) return;
      var mark = document.createElement("span");
      mark.className = "course-passed";
      mark.innerHTML = '<span aria-hidden="true">✓</span><span class="course-sr"></span>';
      mark.lastChild.textContent = settings.t.passed;
      target.appendChild(mark);
    });
  }

  function boot() {
    all(document, ".quiz:not(.quiz--js)").forEach(quiz);
    all(document, "[data-progress]").forEach(progress);
    markPassed();
  }

  // Material's instant navigation swaps pages without loading scripts again; document$ tells.
  if (window.document$) window.document$.subscribe(boot);
  else document.addEventListener("DOMContentLoaded", boot);
})();
