/* Course behaviour shared by every page. Runs again after each instant navigation. */
(function () {
  "use strict";

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
  var TABLE_LABEL = { zh: "表格（可左右滚动）", en: "Table (scrolls sideways)" };
  function labelScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", TABLE_LABEL[document.documentElement.lang] || TABLE_LABEL.en);
      }
    });
  }

  document$.subscribe(function () {
    updateLanguageSwitch();
    labelScrollingTables();
  });
})();
