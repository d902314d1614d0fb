/* The SCO's side of SCORM 1.2 (coursekit/outputs/scorm.py writes this file as scorm12.js beside the
   launch page). It finds the LMS's API the standard way, opens the session once, shows the course
   in the frame below, and keeps the learner's progress in the LMS: the course's pages read and write
   it through `window.coursekitLMS` (assets/course.js), so a learner who comes back finds it there.
   It reports lesson_status, the score and the last page, and commits and finishes on leaving.
   Without an LMS the course opens as the normal site. */
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("__scorm").textContent);
  var frame = document.getElementById("course");

  // SCORM 1.2 run-time: the API object is on a parent frame of the SCO, or on its opener's.
  function search(win) {
    for (var tries = 0; win && tries < 100; tries++) {
      try {
        if (win.API) return win.API;
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      } catch (error) {
        return null; // a frame of another origin: no API there for us
      }
    }
    return null;
  }
  var api = search(window.parent === window ? null : window.parent) || search(window.opener);

  if (!api || String(api.LMSInitialize("")) !== "true") {
    location.replace(settings.start);
    return;
  }

  var data = {}, started = Date.now(), finished = false, done = false;
  var status = String(api.LMSGetValue("cmi.core.lesson_status"));
  try {
    var saved = JSON.parse(api.LMSGetValue("cmi.suspend_data") || "{}");
    Object.keys(saved).forEach(function (key) {
      data[key] = typeof saved[key] == "string" ? saved[key] : JSON.stringify(saved[key]);
    });
  } catch (error) { /* not ours, or damaged: start afresh */ }
  if (status == "passed" || status == "failed") finished = true;
  else if (status != "incomplete") api.LMSSetValue("cmi.core.lesson_status", "incomplete");

  /* suspend_data holds at most `limit` characters. Quiz progress goes first (the build checked that
     all of it fits), then the answer spaces in course order, as many as fit; those that do not fit
     stay in this browser only (course.js keeps a copy of everything there). JSON values are stored as
     JSON, not as strings, so their quotes are not escaped. */
  function encode() {
    var keys = Object.keys(data).sort(function (a, b) {
      return (a.indexOf("quiz/") ? 1 : 0) - (b.indexOf("quiz/") ? 1 : 0) || a.localeCompare(b, "en", { numeric: true });
    });
    var parts = [];
    keys.forEach(function (key) {
      var value = data[key], parsed = null;
      try { parsed = JSON.parse(value); } catch (error) {}
      var part = JSON.stringify(key) + ":" + JSON.stringify(parsed !== null && typeof parsed == "object" ? parsed : value);
      if (("{" + parts.concat([part]).join(",") + "}").length <= settings.limit) parts.push(part);
    });
    return "{" + parts.join(",") + "}";
  }

  // The course score is the quizzes' best scores over all their questions; once every quiz has been
  // taken (each of its questions answered), the course is passed or failed by the pass mark.
  function report() {
    var best = 0, total = 0, taken = true;
    Object.keys(settings.quizzes).forEach(function (id) {
      var questions = settings.quizzes[id], state = null;
      try { state = JSON.parse(data["quiz/" + id] || "null"); } catch (error) {}
      var answers = state && state.answers || {};
      best += state && typeof state.best == "number" ? Math.min(Math.max(state.best, 0), questions.length) : 0;
      total += questions.length;
      taken = taken && questions.every(function (q) { return Array.isArray(answers[q]) && answers[q].length > 0; });
    });
    var score = total ? Math.round(100 * best / total) : 0;
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", String(score));
    if (taken) finished = true;
    if (finished && status != "passed") {
      status = best * 100 >= settings.passMark * total ? "passed" : "failed";
      api.LMSSetValue("cmi.core.lesson_status", status);
    }
  }

  function save(quiz) {
    api.LMSSetValue("cmi.suspend_data", encode());
    if (quiz) {
      report();
      api.LMSCommit("");
    }
  }

  // Where the course pages are, relative to this launch page: `course-en/03-x/index.html`.
  var base = new URL(".", location.href).href;
  function place(href) {
    var url = new URL(href, base);
    if (url.href.indexOf(base) !== 0) return null;
    var path = url.href.slice(base.length).split("#")[0].split("?")[0];
    var folder = path.split("/")[0] + "/";
    return settings.folders.indexOf(folder) >= 0 && path.indexOf("..") < 0 && /\.html$/.test(path) ? path : null;
  }

  function time() {
    var seconds = Math.round((Date.now() - started) / 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.floor(seconds / 3600)) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
  }

  function finish() {
    if (done) return;
    done = true;
    api.LMSSetValue("cmi.suspend_data", encode());
    api.LMSSetValue("cmi.core.session_time", time());
    api.LMSSetValue("cmi.core.exit", finished ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  window.coursekitLMS = {
    get: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
    set: function (key, value) { data[key] = String(value); save(key.indexOf("quiz/") === 0); },
    remove: function (key) { delete data[key]; save(key.indexOf("quiz/") === 0); },
    visit: function (href) {
      var path = place(href);
      if (path) api.LMSSetValue("cmi.core.lesson_location", path);
    }
  };
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);

  frame.src = place(String(api.LMSGetValue("cmi.core.lesson_location"))) || settings.start;
})();
