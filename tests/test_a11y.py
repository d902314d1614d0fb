"""Accessibility of the real built site in a real browser: axe-core finds no WCAG 2.1 A/AA
violation on any page, in every language and colour scheme, and a keyboard alone reaches every
control of a lesson and its quiz, each with a focus indicator one can see."""

from __future__ import annotations

import pytest

from conftest import ROOT
from coursekit.course import model

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGS = {"zh": "", "en": "en/", "zh-TW": "zh-tw/"}  # zh-TW: converted from zh at build time
# Material stores a scheme the learner picks; until then its palette follows the system setting.
SCHEMES = {"light": "default", "dark": "slate"}
LESSON = "01-why-complaints/"
# One page of each type, and what shows it is that type (so a renamed page cannot pass unseen).
TYPES = {
    "": ("home", ".md-content"),
    LESSON: ("lesson with quiz", ".quiz .quiz-q input"),
    f"{LESSON}exercises/": ("exercise sheet", ".course-card"),
    f"{LESSON}guide/": ("guide", ".md-typeset table"),
    "instructors/schedule/": ("schedule", ".md-typeset table"),
    "progress/": ("progress", ".md-typeset a[href*='01-why-complaints']"),
    "glossary/": ("glossary", ".course-glossary dt"),
    "404.html": ("404", ".md-content h1"),
}


def site_pages() -> list[str]:
    """Every page of the course as a path below a language's root, and the 404 page."""
    course, _ = model.load(ROOT / "course", ROOT, ("zh", "en"))
    stems = {p.neutral.removesuffix(".md") for p in course.pages}
    return sorted(s.removesuffix("index") if s.split("/")[-1] == "index" else f"{s}/" for s in stems) + ["404.html"]


def open_page(browser, url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    return context, page


def test_every_page_type_is_among_the_pages_checked():
    assert set(TYPES) <= set(site_pages()), set(TYPES) - set(site_pages())


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", site_pages())
def test_no_axe_violations(browser, site_url, path, lang, scheme):
    context, page = open_page(browser, f"{site_url}{LANGS[lang]}{path}", scheme)
    try:
        if path in TYPES:
            kind, sign = TYPES[path]
            assert page.locator(sign).count(), f"{path} is no longer the {kind} page ({sign} not found): update TYPES"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async tags => (await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
                .violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` + v.nodes.slice(0, 5).map(
                    n => `    ${n.target.join(" ")}: ${n.html.slice(0, 160)}\\n      ${n.failureSummary.replace(/\\n/g, " ")}`
                ).join("\\n") + (v.nodes.length > 5 ? `\\n    ... ${v.nodes.length - 5} more` : ""))""",
            TAGS,
        )
    finally:
        context.close()
    assert not violations, f"{LANGS[lang]}{path} ({scheme}):\n" + "\n".join(violations)


# The keyboard: Tab through the whole page, noting each element that takes focus and how it shows it.

CONTROLS = "a[href], button, input, select, textarea, summary, [tabindex]"
# Each control the keyboard should reach gets a key; a group of radio buttons is one stop
# (Tab enters it, the arrow keys move inside it).
MARK_CONTROLS = """selector => {
    // Rendered and not disabled; it may be transparent until focused (the skip link, heading anchors).
    const controls = [...document.querySelectorAll(selector)].filter(el => el.tabIndex >= 0 && !el.disabled
        && !el.closest("[hidden], [inert]") && el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length);
    const names = {};
    controls.forEach((el, i) => el.dataset.kbd = el.type === "radio" ? `radio ${el.name}` : String(i));
    controls.forEach(el => names[el.dataset.kbd] = describe(el));
    return names;
}"""
DESCRIBE = """() => { window.describe = el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${
    (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`; }"""
# Where focus is, whether it is on screen, and how it shows: an outline or box-shadow on the element
# or on its visible label, with the outline's contrast against what is behind it (3:1, WCAG 1.4.11).
FOCUSED = """async () => {
    // Two frames: what Material does on focus (opening the search box) has happened.
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(v => (v /= 255) <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [.2126, .7152, .0722][i], 0);
    const background = node => {
        for (; node && node.nodeType === 1; node = node.parentElement) {
            const c = parse(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || c[3] > .5) return c;
        }
        return document.body.dataset.mdColorScheme === "slate" ? [30, 33, 41] : [255, 255, 255];
    };
    const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
    const onScreen = n => { const r = n.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth
            && n.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
    // A hidden radio button shows through a label: its own, or one beside it (Material's scheme toggle).
    const labels = [...(el.labels || []), ...(el.type === "radio" ? el.parentElement.querySelectorAll(":scope > label") : [])];
    const shown = [el, ...labels].filter(onScreen);
    let indicator = null;
    for (const node of shown) {
        const s = getComputedStyle(node);
        if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1 && parse(s.outlineColor)[3] !== 0) {
            const ratio = contrast(parse(s.outlineColor).slice(0, 3), background(node.parentElement));
            indicator = {how: `outline ${s.outlineWidth} ${s.outlineColor}`, ratio};
        } else if (s.boxShadow !== "none") {
            indicator = {how: `box-shadow ${s.boxShadow}`, ratio: 3};
        }
        if (indicator) break;
    }
    return {kbd: el.dataset.kbd ?? null, what: describe(el), shown: shown.length > 0, indicator};
}"""
# Judge the settled state of focus, not a frame of Material's fade-in transitions.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def mark_controls(page) -> dict[str, str]:
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate(DESCRIBE)
    return page.evaluate(MARK_CONTROLS, CONTROLS)


def walk(page, limit: int = 600) -> tuple[set[str], list[str]]:
    """Press Tab until focus comes round again; the controls reached and every focus problem seen."""
    reached, problems, first = set(), [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue  # focus went out to the browser; the next Tab brings it back to the top
        if focused["kbd"] is not None and focused["kbd"] == first:
            break
        first = first if first is not None else focused["kbd"]
        reached.add(focused["kbd"])
        if not focused["shown"]:
            problems.append(f"focus is on something not on screen: {focused['what']}")
        elif focused["indicator"] is None:
            problems.append(f"no visible focus indicator (outline or box-shadow): {focused['what']}")
        elif focused["indicator"]["ratio"] < 3:
            problems.append(f"focus indicator contrast {focused['indicator']['ratio']:.2f}:1 < 3:1 ({focused['indicator']['how']}): {focused['what']}")
    else:
        problems.append(f"focus did not come round after {limit} presses of Tab")
    return reached, problems


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_reaches_every_control_of_a_lesson_and_its_quiz_with_visible_focus(browser, site_url, lang, scheme):
    context, page = open_page(browser, f"{site_url}{LANGS[lang]}{LESSON}", scheme)
    try:
        controls = mark_controls(page)
        reached, problems = walk(page)
        missed = [name for key, name in controls.items() if key not in reached]
        quiz = page.locator(".quiz").first
        assert quiz.locator("input").count() >= 4 and quiz.locator("[data-action=check]").count() >= 4
        assert not problems and not missed, "\n".join(problems + [f"not reachable with Tab: {m}" for m in missed])

        # Answer the first question with the keyboard alone: the controls that appear are reachable too.
        first = quiz.locator(".quiz-q").first
        first.locator("input").first.focus()
        page.keyboard.press("Space")
        first.locator("[data-action=check]").focus()
        page.keyboard.press("Enter")
        retry = first.locator("[data-action=retry]")
        retry.wait_for(state="visible")
        mark_controls(page)
        reached, problems = walk(page)
        assert retry.get_attribute("data-kbd") in reached
        assert page.locator(".quiz__footer [data-action=reset]").get_attribute("data-kbd") in reached
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_keyboard_check_finds_a_hidden_focus_ring_and_an_unreachable_control(browser, site_url):
    """A broken copy of the lesson: focus outlines removed, and a quiz button taken out of the Tab order."""
    context, page = open_page(browser, f"{site_url}en/{LESSON}", "light")
    try:
        page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }")
        mark_controls(page)
        check = page.locator(".quiz [data-action=check]").first
        check.evaluate("button => button.tabIndex = -1")
        reached, problems = walk(page)
        assert any("no visible focus indicator" in p and "input" in p for p in problems), problems
        assert check.get_attribute("data-kbd") not in reached
    finally:
        context.close()


def test_axe_finds_a_violation_in_a_broken_page(browser, site_url):
    """A broken copy of a page (an image without alt text, a low-contrast paragraph): axe must see it."""
    context, page = open_page(browser, f"{site_url}en/{LESSON}", "dark")
    try:
        page.evaluate("""() => {
            const article = document.querySelector("article");
            article.insertAdjacentHTML("afterbegin", '<img src="../assets/favicon.svg"><p style="color:#2a2d35">faint</p>');
        }""")
        page.add_script_tag(path=str(AXE))
        ids = page.evaluate("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(v => v.id)", TAGS)
    finally:
        context.close()
    assert {"image-alt", "color-contrast"} <= set(ids)
