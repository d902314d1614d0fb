/* Self-check quizzes rendered by hooks/quiz.py: check an answer, show its feedback, the solution
   and the score, and keep progress in localStorage by quiz and question id (not by URL), so it
   survives a reload and a switch of language. Options come in a new order on each attempt; an
   answer is the options' written indexes (their values), so feedback and scoring follow the
   option, never its place. Also fills in the "My progress" page. */
(function () {
  "use strict";
  var store = window.coursekit.store;

  function all(root, selector) {
    return [].slice.call(root.querySelectorAll(selector));
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // Stored progress is {answers: {questionId: [index, ...]}, best: number, shown: [questionId, ...]}
  // (`shown`, the questions whose solution was shown, only when there are any); anything else
  // (a corrupted value, another site's, storage switched off) counts as no progress.
  function read(id) {
    try {
      var value = JSON.parse(store.get("quiz/" + id));
      if (value && value.answers && typeof value.answers == "object" && !Array.isArray(value.answers))
        return {
          answers: value.answers,
          best: typeof value.best == "number" && value.best > 0 ? value.best : 0,
          shown: Array.isArray(value.shown) ? value.shown : []
        };
    } catch (e) {}
    return null;
  }

  function write(id, state) {
    var saved = { answers: state.answers, best: state.best };
    if (state.shown.length) saved.shown = state.shown;
    store.set("quiz/" + id, JSON.stringify(saved));
  }

  function steps(q) {
    return q.querySelector(".quiz-q__steps");
  }

  function items(q) {
    return all(steps(q) || q.querySelector(".quiz-q__options"), ":scope > li");
  }

  // The learner's answer: the chosen options' indexes, or the step indexes in the learner's order.
  function answer(q) {
    var list = steps(q);
    if (list) return all(list, "[data-step]").map(function (li) { return +li.dataset.step; });
    var given = all(q, "input:checked").map(function (input) { return +input.value; });
    return given.length ? given : null;
  }

  function solution(q) {
    if (steps(q)) return items(q).map(function (_, i) { return i; });
    return all(q, "input[data-correct]").map(function (input) { return +input.value; });
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

  // The written indexes of the options, or of the steps, in the order shown.
  function order(q) {
    return items(q).map(function (li) { return li.dataset.step || li.querySelector("input").value; }) + "";
  }

  // A new attempt: the options (not true/false, not pinned ones) or the steps in a new order,
  // never the one just shown, and steps never already in the solved order.
  function shuffle(q) {
    var list = items(q), before = order(q);
    var loose = list.filter(function (li) { return !li.hasAttribute("data-pin"); });
    var pinned = list.filter(function (li) { return li.hasAttribute("data-pin"); });
    if (q.dataset.type == "truefalse" || loose.length < 2) return;
    do {
      for (var i = loose.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1)), swap = loose[i];
        loose[i] = loose[j];
        loose[j] = swap;
      }
      loose.concat(pinned).forEach(function (li) { li.parentNode.appendChild(li); });
    } while (order(q) == before || (steps(q) && right(q, answer(q))));
  }

  function mark(element, text, kind) {
    element.dataset.mark = kind;
    element.querySelector(".quiz-q__mark").textContent = text;
  }

  function say(q, text) {
    q.querySelector(".quiz-q__result").textContent = text;
  }

  // The ↑ of the first step and the ↓ of the last do nothing, and say so (aria-disabled keeps them
  // focusable, so the focus stays on a step moved to an end). Only the buttons of one step are Tab
  // stops; the arrow keys go from step to step.
  function ends(q, active) {
    var list = items(q);
    active = active || list[0];
    list.forEach(function (li, i) {
      all(li, "[data-move]").forEach(function (button) {
        button.setAttribute("aria-disabled", button.dataset.move < 0 ? i == 0 : i == list.length - 1);
        button.tabIndex = li == active ? 0 : -1;
      });
    });
  }

  function quiz(root) {
    var id = root.dataset.quiz, questions = all(root, ".quiz-q"), labels = root.dataset;
    var stored = read(id) || { answers: {}, best: 0, shown: [] };
    var state = { answers: {}, best: Math.min(stored.best, questions.length), shown: [] };
    var tried = {}; // questions checked at least once: they offer the solution

    // How a question looks: open for an answer, checked (its answer stored), or showing the solution.
    function show(q, view) {
      var key = q.dataset.question, seen = state.shown.indexOf(key) >= 0;
      var given = view == "checked" ? state.answers[key] : view == "solution" ? solution(q) : null;
      var ok = !!given && right(q, given);
      if (view == "solution") put(q, given);
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
      if (steps(q)) {
        ends(q);
        q.querySelector(".quiz-q__keys").hidden = !!given;
      }
      q.dataset.state = view == "solution" ? "shown" : given ? (ok ? "right" : "wrong") : "";
      q.querySelector(".quiz-q__explanation").hidden = !given;
      q.querySelector("[data-action=check]").hidden = !!given;
      q.querySelector("[data-action=retry]").hidden = !given;
      q.querySelector("[data-action=solution]").hidden = !tried[key] || ok;
      say(q, view == "solution" ? labels.shown : given ? labels[ok ? "right" : "wrong"] + (seen ? " " + labels.notCounted : "") : "");
    }

    function open(q) {
      shuffle(q);
      put(q, []);
      show(q, "open");
    }

    root.classList.add("quiz--js");
    all(root, ".quiz-q__actions, .quiz__footer, .quiz-q__move, .quiz-q__keys").forEach(function (el) { el.hidden = false; });
    questions.forEach(function (q) {
      var key = q.dataset.question, given = stored.answers[key];
      if (stored.shown.indexOf(key) >= 0) state.shown.push(key);
      shuffle(q);
      if (valid(q, given)) {
        state.answers[key] = given;
        put(q, given);
      }
      tried[key] = key in state.answers || state.shown.indexOf(key) >= 0;
      show(q, key in state.answers ? "checked" : state.shown.indexOf(key) >= 0 ? "solution" : "open");
    });

    // A question counts when answered right without its solution shown first.
    function score() {
      var total = questions.length, n = questions.filter(function (q) {
        var key = q.dataset.question, given = state.answers[key];
        return given && right(q, given) && state.shown.indexOf(key) < 0;
      }).length;
      state.best = Math.max(state.best, n);
      write(id, state);
      var parts = root.querySelectorAll(".quiz__score span");
      parts[0].textContent = format(labels.score, { score: n, total: total });
      parts[1].textContent = format(labels.best, { best: state.best, total: total });
      markPassed();
    }
    score();

    // Moving a node takes the focus away from the button inside it, so give it back.
    function move(q, button) {
      var li = button.closest("li"), up = button.dataset.move < 0;
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      li.parentNode.insertBefore(li, up ? other : other.nextElementSibling);
      ends(q, li);
      button.focus();
      say(q, format(labels.moved, { n: items(q).indexOf(li) + 1 }));
    }

    // The arrow keys, Home and End take the focus to the same button of another step.
    root.addEventListener("keydown", function (event) {
      var button = event.target.closest("[data-move]"), q = button && button.closest(".quiz-q");
      var list = q ? items(q) : [], at = list.indexOf(button && button.closest("li"));
      var to = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: list.length - 1 }[event.key];
      if (!button || to === undefined) return;
      event.preventDefault();
      var li = list[Math.max(0, Math.min(list.length - 1, to))];
      ends(q, li);
      li.querySelector('[data-move="' + button.dataset.move + '"]').focus();
    });

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button"), q = button && button.closest(".quiz-q");
      if (!button) return;
      if (button.dataset.move) return move(q, button);
      var action = button.dataset.action, key = q && q.dataset.question;
      if (action == "check") {
        var given = answer(q);
        if (!given) return say(q, labels.choose);
        state.answers[key] = given;
        tried[key] = true;
        show(q, "checked");
        q.querySelector("[data-action=retry]").focus();
      } else if (action == "retry") {
        delete state.answers[key];
        open(q);
        q.querySelector("input, [data-move]").focus();
      } else if (action == "solution") {
        delete state.answers[key];
        if (state.shown.indexOf(key) < 0) state.shown.push(key);
        show(q, "solution");
        q.querySelector("[data-action=retry]").focus();
      } else if (action == "reset") {
        state.answers = {};
        state.shown = [];
        tried = {};
        questions.forEach(open);
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
