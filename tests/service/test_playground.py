"""The playground page in a real browser (headless chromium): type a function, get its Rust
and its verification rows; a refusal's line is highlighted in the Python."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.service.conftest import KEY_A, Service

FUNCTION = "def area(w: int, h: int) -> int:\n    return w * h\n"
REFUSED = (
    "def ok(n: int) -> int:\n    return n + 1\n\n\n"
    "def untyped(x: complex) -> complex:\n    return x\n"
)


def _type(browser, selector: str, text: str) -> None:
    field = browser.find_element(By.ID, selector)
    field.clear()
    field.send_keys(text)


def _translate(browser) -> None:
    before = browser.find_element(By.ID, "units").text
    browser.find_element(By.ID, "translate").click()
    WebDriverWait(browser, 180).until(
        lambda b: (
            b.find_element(By.ID, "busy").get_attribute("hidden") is not None
            and (
                b.find_element(By.ID, "units").text != before
                or b.find_element(By.ID, "error").is_displayed()
            )
        )
    )


def test_playground_translates_verifies_and_highlights(service: Service, browser) -> None:
    browser.get(service.url + "/")
    assert browser.title == "Portalis playground"
    _type(browser, "api-key", KEY_A)
    _type(browser, "python", FUNCTION)
    browser.find_element(By.ID, "verify").click()
    _translate(browser)
    assert not browser.find_element(By.ID, "error").is_displayed()
    assert "pub fn area(w: i64, h: i64) -> i64" in browser.find_element(By.ID, "rust").text
    assert browser.find_element(By.ID, "status").text == "verified"
    rows = browser.find_elements(By.CSS_SELECTOR, "#verification tbody tr")
    assert len(rows) >= 3 and all(r.get_attribute("class") == "match" for r in rows)
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[2] == cells[3] and cells[4] == "✓"  # Python result == Rust result

    _type(browser, "python", REFUSED)
    browser.find_element(By.ID, "verify").click()  # off again
    _translate(browser)
    marked = browser.find_elements(By.CSS_SELECTOR, "#python-lines .line.refused")
    assert [m.get_attribute("data-line") for m in marked] == ["5"]
    assert marked[0].value_of_css_property("background-color") == "rgba(255, 213, 208, 1)"
    units = browser.find_element(By.ID, "units").text
    assert (
        "untyped 5-6 unsupported PT021 line 5: unsupported annotation: complex" in units
        and "ok 1-2 compiled" in units
    )

    browser.find_element(By.ID, "copy").click()
    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.ID, "copied").is_displayed())


def test_playground_shows_api_errors(service: Service, browser) -> None:
    browser.get(service.url + "/")
    _type(browser, "api-key", "not-a-key")
    _translate(browser)
    error = browser.find_element(By.ID, "error")
    assert error.is_displayed() and error.text.startswith("unauthorized:")
