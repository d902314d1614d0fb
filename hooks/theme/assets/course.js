/* Course behaviour shared by every page, and what the other course scripts share: the course's
   settings and the learner's saved progress (`coursekit.store`). Runs again after each instant
   navigation. */
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("__coursekit").textContent);
  // The site's root, absolute: instant navigation keeps these settings from the first page.
  settings.root = new URL(settings.root, location.href).href;

  /* Inside a SCORM package in an LMS, the package's launch page holds the learner's progress in the
     LMS (scorm12.js): find it in a frame above this page. */
  function lmsSession() {
    for (var win = window; win.parent && win.parent !== win; win = win.parent) {
      try {
        if (win.parent.coursekitLMS) return win.parent.coursekitLMS;
      } catch (error) {
        return null; // the LMS's own frames, of another origin
      }
    }
    return null;
  }
  var lms = lmsSession();

  /* Saved progress lives under `<course id>/v1/`, so two courses on one origin keep theirs apart.
     Progress saved under an id the course had before is moved over once. In an LMS, progress is
     read from the LMS (quiz progress only from there: a shared computer's browser may hold someone
     else's), and this browser keeps a copy of what suspend_data has no room for. */
  var store = {
    prefix: settings.id + "/v1/",
    storage: function () {
      try {
        return window.localStorage; // null when blocked (private mode, policy): pages work, they just forget
      } catch (error) {
        return null;
      }
    },
    get: function (key) {
      var kept = lms && lms.get(key);
      if (kept !== null && kept !== undefined || lms && key.indexOf("quiz/") === 0) return kept === undefined ? null : kept;
      var s = store.storage();
      try { return s ? s.getItem(store.prefix + key) : null; } catch (error) { return null; }
    },
    set: function (key, value) {
      if (lms) lms.set(key, value);
      var s = store.storage();
      try { if (s) s.setItem(store.prefix + key, value); } catch (error) { /* full: keep what is on screen */ }
    },
    remove: function (key) {
      if (lms) lms.remove(key);
      var s = store.storage();
      try { if (s) s.removeItem(store.prefix + key); } catch (error) {}
    }
  };

  function carryOver() {
    var s = store.storage();
    if (!s) return;
    settings.formerIds.forEach(function (id) {
      var old = id + "/v1/", keys = [];
      for (var i = 0; i < s.length; i++) if (s.key(i).indexOf(old) === 0) keys.push(s.key(i));
      keys.forEach(function (key) {
        var rest = key.slice(old.length);
        try {
          if (s.getItem(store.prefix + rest) === null) s.setItem(store.prefix + rest, s.getItem(key));
          s.removeItem(key);
        } catch (error) {}
      });
    });
  }
  carryOver();
  window.coursekit = { settings: settings, store: store };

  /* The language switch links to the same page in each language. The header is not replaced
     by instant navigation, so re-point its links at the current page each time. */
  var roots = null;
  function updateLanguageSwitch() {
    var links = document.querySelectorAll(".md-select__link[data-md-root]");
    if (!roots) {
      roots = {};
      links.forEach(function (a) { roots[a.hreflang] = new URL(a.getAttribute("data-md-root"), location.href).href; });
    }
    var own = roots[document.documentElement.lang];
    if (!own || location.href.indexOf(own) !== 0) return;
    var path = location.href.slice(own.length).split("#")[0];
    links.forEach(function (a) { a.href = roots[a.hreflang] + path; });
  }

  /* A wide table scrolls inside Material's wrapper; make that scroll box reachable and named
     for keyboard and screen-reader users (WCAG 2.1.1). */
  function labelScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", settings.t["table-scrolls"]);
      }
    });
  }

  /* The 404 page. A host that has one 404 page for the whole site (GitHub Pages: the default
     language's) serves it below every language's root too: forward to that language's own 404
     page, which puts the address asked for back in the address bar. Then offer the search and
     the module the address was in. */
  function notFound() {
    var box = document.querySelector(".course-notfound");
    if (!box) return;
    var roots = JSON.parse(box.dataset.roots), own = roots[document.documentElement.lang], path = location.pathname;
    var asked = new URLSearchParams(location.search).get("from");
    var deepest = Object.keys(roots).filter(function (code) { return path.indexOf(roots[code]) === 0; })
      .sort(function (a, b) { return roots[b].length - roots[a].length; })[0];
    if (deepest && roots[deepest] !== own && !/404\.html$/.test(path)) {
      location.replace(roots[deepest] + "404.html?from=" + encodeURIComponent(path + location.search + location.hash));
      return;
    }
    if (asked && asked.charAt(0) === "/" && asked.charAt(1) !== "/") {
      history.replaceState(null, "", asked);
      path = location.pathname;
    }
    var search = box.querySelector("[data-notfound-search]");
    search.hidden = false;
    search.querySelector("button").addEventListener("click", function () {
      document.querySelector(".md-search__input").focus();
    });
    box.querySelectorAll("[data-notfound-module]").forEach(function (li) {
      li.hidden = path.indexOf(li.dataset.notfoundModule) !== 0;
    });
  }

  document$.subscribe(function () {
    updateLanguageSwitch();
    labelScrollingTables();
    notFound();
    if (lms) lms.visit(location.href); // the LMS's lesson_location: where the learner comes back to
  });
})();
