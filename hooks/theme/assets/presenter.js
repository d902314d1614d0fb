/* The presenter view of a module (partials/presenter.html): one slide at a time for the projector,
   moved by the keyboard (→, space or Page Down: next; ←, Page Up: previous; Home, End) or the
   buttons; P opens the presenter window, which shows the notes of the slide's activity, the next
   slide and a timer, and follows (and steers) the projector window. The handout buttons print every
   slide, two or four to a page. Own code, a page of its own: nothing is loaded from anywhere else. */
(function () {
  "use strict";

  var stage = document.querySelector(".presenter__stage");
  var slides = [].slice.call(stage.querySelectorAll(".slide"));
  var console_ = document.querySelector(".presenter__console");
  var count = document.querySelector("[data-count]");
  var presenting = location.hash == "#presenter";
  var peer = presenting ? window.opener : null;
  var current = 0, started = Date.now();

  function show(index, quiet) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i != current; });
    count.textContent = count.getAttribute("data-format").replace("{n}", current + 1).replace("{total}", slides.length);
    if (presenting) {
      preview(slides[current + 1]);
      var activity = slides[current].getAttribute("data-activity");
      [].forEach.call(console_.querySelectorAll("[data-notes]"), function (notes) {
        notes.hidden = notes.getAttribute("data-notes") != activity;
      });
    }
    if (location.hash != "#presenter") history.replaceState(null, "", "#" + (current + 1));
    if (!quiet && peer && !peer.closed) peer.postMessage({ coursekitSlide: current }, "*");
  }

  function go(step) { show(current + step); }

  // The next slide, small, as the projector will show it.
  function preview(next) {
    var place = console_.querySelector("[data-next]");
    place.textContent = "";
    if (!next) return;
    var copy = next.cloneNode(true);
    copy.hidden = false;
    copy.removeAttribute("aria-label");
    [].forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    place.appendChild(copy);
  }

  // A slide with more than it has room for is set smaller, down to half its size, so that nothing
  // is cut off; what does not fit in three quarters goes on to a slide of its own, by whole
  // paragraphs, lists and tables. A slide's text scales with its width, so it is measured at one
  // width: every window and paper then has the same slides.
  function overflows(body) { return body.scrollHeight > body.clientHeight + 1; }

  function fit(slide, smallest) {
    var body = slide.querySelector(".slide__body"), scale = 1;
    slide.style.removeProperty("--fit");
    while (overflows(body) && scale > smallest) {
      scale -= .05;
      slide.style.setProperty("--fit", scale.toFixed(2));
    }
    return !overflows(body);
  }

  function layout(slide) {
    var body = slide.querySelector(".slide__body");
    if (fit(slide, .5) || body.children.length < 2) return [slide];
    var rest = slide.cloneNode(true), carried = rest.querySelector(".slide__body");
    carried.textContent = "";
    rest.querySelector(".slide__title").textContent = stage.getAttribute("data-continued")
      .replace("{title}", slide.querySelector(".slide__title").textContent);
    slide.style.setProperty("--fit", ".75");
    while (overflows(body) && body.children.length > 1) carried.insertBefore(body.lastElementChild, carried.firstChild);
    fit(slide, .5);
    slide.after(rest);
    return [slide].concat(layout(rest));
  }

  function paginate() {
    var all = [];
    slides.forEach(function (slide) {
      slide.hidden = false;
      slide.style.setProperty("--w", "1600px");
      all = all.concat(layout(slide));
    });
    all.forEach(function (slide, i) {
      slide.style.removeProperty("--w");
      slide.setAttribute("aria-label", count.getAttribute("data-format").replace("{n}", i + 1).replace("{total}", all.length));
    });
    return all;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, textarea")) return;
    var keys = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key in keys && !(event.key == " " && event.target.closest("button, a"))) go(keys[event.key]);
    else if (event.key == "Home") show(0);
    else if (event.key == "End") show(slides.length - 1);
    else if (event.key == "p" || event.key == "P") openPresenter();
    else return;
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-go")) go(+button.getAttribute("data-go"));
    else if (button.hasAttribute("data-open-presenter")) openPresenter();
    else if (button.hasAttribute("data-handout")) handout(button.getAttribute("data-handout"));
    else if (button.hasAttribute("data-timer-reset")) started = Date.now();
  });

  // The other window moved: follow it without telling it back.
  window.addEventListener("message", function (event) {
    if (event.data && typeof event.data.coursekitSlide == "number") show(event.data.coursekitSlide, true);
  });

  function openPresenter() {
    if (presenting) return;
    peer = window.open(location.pathname + "#presenter", "coursekit-presenter", "width=1100,height=720");
  }

  // The handout: paper shows every slide (presenter.css), `per` to a page; then the view as it was.
  function handout(per) {
    document.body.setAttribute("data-printing", per);
    window.print();
  }
  window.addEventListener("afterprint", function () {
    document.body.removeAttribute("data-printing");
  });

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000), minutes = Math.floor(seconds / 60);
    var elapsed = console_.querySelector("[data-elapsed]");
    elapsed.textContent = (minutes < 10 ? "0" : "") + minutes + ":" + (seconds % 60 < 10 ? "0" : "") + seconds % 60;
    var notes = console_.querySelector("[data-notes]:not([hidden])");
    // Past the planned end of the slide's activity, the timer says so.
    elapsed.classList.toggle("presenter__elapsed--late", !!notes && minutes >= +notes.getAttribute("data-to"));
  }

  slides = paginate();
  if (presenting) {
    document.body.classList.add("presenter--console");
    console_.hidden = false;
    setInterval(tick, 1000);
    tick();
  }
  var start = parseInt(location.hash.slice(1), 10);
  show(isNaN(start) ? 0 : start - 1, true);
  if (presenting && peer) peer.postMessage({ coursekitAsk: true }, "*");
  window.addEventListener("message", function (event) {
    if (event.data && event.data.coursekitAsk && event.source) {
      peer = event.source;
      peer.postMessage({ coursekitSlide: current }, "*");
    }
  });
})();
