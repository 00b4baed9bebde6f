"""The HTML glossary in a real browser: Debian's Chromium, headless, driven by Selenium.

The page must work where it is read, not only parse: the search box filters as one types,
the links between related concepts land on their concept, nothing is fetched from outside,
and the console stays free of errors. A screenshot is saved in the test's folder and its path
printed (`pytest -s` shows it).

It needs a browser, which a machine with only Python does not have, so it is marked `browser`
and left out of a plain `pytest` (the README's test command must pass on such a machine).
`.ci/run` installs Chromium and its driver and runs it with `pytest -m browser`; on a machine
without them it fails with the command that installs them, it never skips.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from helpers import invoke

pytestmark = pytest.mark.browser

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
DRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
INSTALL = "apt-get install -y chromium chromium-driver (as .ci/run does)"


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    missing = [str(path) for path in (CHROMIUM, DRIVER) if not path.exists()]
    assert not missing, f"missing {', '.join(missing)}: {INSTALL}"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(argument)
    options.add_argument("--disable-dev-shm-usage")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "glossary.html"
    invoke("lexicon", "export", "-o", str(path), "--title", "CRM glossary")
    return path


def _shown(browser: WebDriver) -> list[str]:
    articles = browser.find_elements(By.CSS_SELECTOR, "article.concept")
    return [a.get_attribute("id") or "" for a in articles if a.is_displayed()]


def test_the_page_is_self_contained(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for outside in ("http://", "https://", "<link", "src="):
        assert outside not in text, outside


def test_search_filters_and_links_land_on_their_concept(browser: WebDriver, page: Path) -> None:
    browser.get(page.as_uri())
    assert browser.title == "CRM glossary"
    everything = _shown(browser)
    assert len(everything) > 200
    count = browser.find_element(By.ID, "count")
    assert count.text == f"{len(everything)} of {len(everything)} concepts"

    search = browser.find_element(By.ID, "search")
    search.send_keys("mid-office-oplossing")
    assert _shown(browser) == ["concept-klantbeeld"]
    assert count.text == f"1 of {len(everything)} concepts"
    search.clear()
    search.send_keys("WDROZENIE")  # case and diacritics are ignored: wdrożenie
    assert "concept-pl.wdrozenie" in _shown(browser)
    search.clear()
    search.send_keys("zzz-nothing")
    assert _shown(browser) == []
    search.clear()
    search.send_keys(" ")
    assert len(_shown(browser)) == len(everything)

    # The first link between related concepts on the page (which ones are related depends on
    # the shipped lexicons' words: see exchange/related.py).
    link = browser.find_element(By.CSS_SELECTOR, "article.concept .related a")
    target = link.get_attribute("href") or ""
    link.click()
    assert browser.current_url.endswith(target.rpartition("#")[2])

    shot = page.parent / "glossary.png"
    browser.get(page.as_uri())
    search = browser.find_element(By.ID, "search")
    search.send_keys("klant")
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"\nscreenshot of the glossary page: {shot}")  # noqa: T201

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_text_from_the_lexicon_is_shown_never_run(browser: WebDriver, tmp_path: Path) -> None:
    lexicon = tmp_path / "x.yaml"
    lexicon.write_text(
        "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n"
        "  - id: x\n    sales: quote builder\n    it: quote engine\n"
        "    note: '<img src=x onerror=\"document.title=1\"><script>document.title=2</script>'\n",
        encoding="utf-8",
    )
    page = tmp_path / "x.html"
    invoke("lexicon", "export", "--no-builtin", "-l", str(lexicon), "-o", str(page))
    browser.get(page.as_uri())
    assert browser.title == "Glossary"
    note = browser.find_element(By.CSS_SELECTOR, "#concept-x .note").text
    assert note.startswith("<img src=x")
