"""Browser tests: Playwright for Python driving Debian's Chromium, never a downloaded one.

Every page a test visits is checked with axe-core (WCAG 2.1 A and AA): the check runs in the
page on each `load` and reports back through a binding, and once more on the last page when
the test ends. Any violation, or any error in the browser console (a CSP refusal, a script
error), fails the test. A full-page screenshot of the last page is kept in test-artifacts/.
"""

import contextlib
import json
import re
from pathlib import Path

import pytest
from dsfr.models import DsfrConfig
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from ens.core.site import write_site_config

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The DSFR's script finishes the markup over a few animation frames after it starts: a
# visible modal that is not a <dialog> gets its role, or, for the header's menu on a wide
# screen, loses its label. Until then a page shows a transient state no user keeps; under
# load it can last longer than any fixed wait, so the check waits for the state itself
# (bounded: a page that never settles is checked anyway, and fails).
DSFR_SETTLED = (
    "document.documentElement.hasAttribute('data-fr-js') && "
    "![...document.querySelectorAll('.fr-modal[aria-labelledby]:not([role]):not(dialog)')]"
    ".some(m => m.checkVisibility({visibilityProperty: true}))"
)
AXE_ON_LOAD = (
    f"const AXE_OPTIONS = {json.dumps(AXE_OPTIONS)};"
    + f"const settled = () => {DSFR_SETTLED};"
    + """
if (window.top === window) {
  const check = (tries) => {
    if (!settled() && tries > 0) { setTimeout(() => check(tries - 1), 50); return; }
    // Its components are set up over the next animation frames.
    setTimeout(() => axe.run(document, AXE_OPTIONS)
      .then(r => window.__ensReportAxe(location.pathname, r.violations)), 300);
  };
  window.addEventListener('load', () => check(100));
}
"""
)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The served application; the DSFR site configuration is restored after each flush."""
    write_site_config(DsfrConfig)
    return live_server


def _summarise(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]


@pytest.fixture
def page(browser, site, request):
    context = browser.new_context(locale="fr-FR", base_url=site.url)
    context.set_default_timeout(10_000)
    violations: dict[str, list[str]] = {}
    console_errors: list[str] = []

    def report_axe(_source, path, found):
        if found:
            violations.setdefault(path, []).extend(_summarise(found))

    context.expose_binding("__ensReportAxe", report_axe)
    context.add_init_script(AXE_SOURCE + AXE_ON_LOAD)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and console_errors.append(f"{msg.location.get('url', '?')}: {msg.text}")
        ),
    )
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    yield page

    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    if page.url.startswith("http"):
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        with contextlib.suppress(PlaywrightTimeoutError):  # never settled: axe reports it
            page.wait_for_function(f"() => {DSFR_SETTLED}", timeout=5_000)
        page.wait_for_timeout(300)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        last = page.evaluate(
            "(opts) => axe.run(document, opts).then(r => r.violations)", AXE_OPTIONS
        )
        if last:
            violations[page.url] = _summarise(last)
    context.close()
    assert not violations, f"accessibility violations (WCAG 2.1 A/AA): {violations}"
    assert not console_errors, f"errors in the browser console: {console_errors}"
