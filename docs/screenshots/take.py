"""Screenshots of the home page, a rebuttal and the search page at 390 px, from a running site
(`make run`'s demo), in headless Debian Chromium:

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        page = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="zh-CN"
        ).new_page()
        page.goto(base + "/")
        page.screenshot(path=str(HERE / "home.png"), full_page=True)
        first = page.locator(".home-latest .rebuttal-card__title a").first
        first.click()
        page.wait_for_load_state()
        page.screenshot(path=str(HERE / "rebuttal.png"), full_page=True)
        page.goto(base + "/search/")
        box = page.get_by_role("combobox")
        box.press_sequentially("网传", delay=40)
        page.get_by_role("option").first.wait_for()
        box.press("Enter")
        page.wait_for_load_state()
        page.screenshot(path=str(HERE / "search.png"), full_page=False)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
