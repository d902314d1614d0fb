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

  document$.subscribe(function () {
    updateLanguageSwitch();
  });
})();
