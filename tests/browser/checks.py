"""Checks every page visited by a browser test must pass, at every width.

Each raises AssertionError with what a person needs to find the fault; ``test_checks.py``
proves each one fails on a deliberately broken page.
"""

from axe_playwright_python.sync_playwright import Axe

# The project's class for text meant for screen readers only (static/css/members.css).
SCREEN_READER_ONLY = ".visually-hidden"
BLOCKING_IMPACTS = ("critical", "serious")

_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core finds no critical and no serious violation. Every rule runs, on the whole
    page: nothing is disabled or excluded."""
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe: {len(blocking)} critical/serious violation(s) on {page.url}"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(map(str, node['target']))}")
            if len(violation["nodes"]) > 5:
                lines.append(f"    … and {len(violation['nodes']) - 5} more")
        raise AssertionError("\n".join(lines))


_OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string'
         ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')');
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


def assert_no_horizontal_scroll(page) -> None:
    """The page is no wider than the window: nobody has to scroll sideways."""
    overflow = page.evaluate(_OVERFLOW)
    if overflow:
        raise AssertionError(
            f"{page.url} scrolls sideways at {overflow['width']} px "
            f"(scrollWidth {overflow['scrollWidth']}); too wide: {overflow['wide']}"
        )


_VISIBLE_HIDDEN_TEXT = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) return false;
    const style = getComputedStyle(el);
    const clipped = /rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(style.clip)
      || style.clipPath === 'inset(50%)';
    return !clipped && style.display !== 'none' && style.visibility !== 'hidden';
  })
  .map((el) => ({text: el.textContent.trim().slice(0, 60),
                 size: Math.round(el.getBoundingClientRect().width) + 'x'
                       + Math.round(el.getBoundingClientRect().height)}))"""


def assert_screen_reader_text_hidden(page) -> None:
    """Text meant for screen readers only takes no more than 1×1 px or is clipped away."""
    shown = page.evaluate(_VISIBLE_HIDDEN_TEXT, SCREEN_READER_ONLY)
    if shown:
        raise AssertionError(
            f"{page.url}: {len(shown)} screen-reader-only text(s) visible on screen: {shown[:8]}"
        )


def assert_page_ok(page) -> None:
    """All the generic checks, screen layout first (cheap), axe last."""
    assert_no_horizontal_scroll(page)
    assert_screen_reader_text_hidden(page)
    assert_accessible(page)
