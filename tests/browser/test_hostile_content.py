"""Hostile markup (tests/hostile.py) on a rebuttal and in a video series' description, loaded in
headless Chromium: no payload runs (each would set window.__xss or open a dialog)."""

from django.conf import settings

import pytest

from core.markup import sanitise_stored_rich_text
from debunk.factories import RebuttalPageFactory
from tests.hostile import PAYLOADS
from video.factories import VideoSeriesPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # save() writes NUL and over-long text unchecked: PostgreSQL refuses them at the
    # database, SQLite stores them; rendering does not depend on the database.
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="PostgreSQL refuses NUL and over-long values before anything can render",
    ),
]

MARKER = "<p>后面还有</p>"


def description_chunks(payloads) -> list[str]:
    """The payloads as series descriptions, one <p> each. A payload that swallows what follows
    it (an unclosed comment or attribute) ends its description, so every payload reaches the
    browser."""
    chunks, current = [], []
    for payload in payloads:
        current.append(f"<p>{payload}</p>")
        if "后面还有" not in sanitise_stored_rich_text("".join(current) + MARKER):
            chunks.append("".join(current))
            current = []
    return [*chunks, "".join(current)] if current else chunks


def loads_without_running_script(page, url) -> list[str]:
    """What ran on `url`: a dialog's message, window.__xss, or a script not of ours."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="load")
    page.mouse.move(10, 10)
    page.mouse.move(200, 400)  # hover handlers, had any survived
    page.wait_for_timeout(300)  # animations and SVG timing events
    ran = [f"dialog: {message}" for message in dialogs]
    if page.evaluate("window.__xss !== undefined"):
        ran.append("window.__xss was set")
    ran += page.evaluate(
        """() => [...document.scripts]
            .filter(s => !(s.type === 'application/ld+json'
                           || (s.src && new URL(s.src).pathname.startsWith('/static/'))))
            .map(s => 'script: ' + s.outerHTML.slice(0, 80))"""
    )
    return ran


def test_no_payload_runs_on_the_rebuttal_or_the_series_page(live_server, site_tree, phone_page):
    rebuttal = RebuttalPageFactory(
        parent=site_tree["rumours"],
        claim_text="\n".join(PAYLOADS[:40]),
        short_answer="\n".join(PAYLOADS[40:80]),
        body=[
            block
            for payload in PAYLOADS
            for block in (
                {"type": "paragraph", "value": payload},
                {"type": "markdown", "value": payload},
                {"type": "quote", "value": {"text": payload, "attribution": payload[:200]}},
            )
        ],
    )
    assert loads_without_running_script(phone_page, live_server.url + rebuttal.url) == []
    assert phone_page.locator(".rich-text").count() == 2 * len(PAYLOADS)

    chunks = description_chunks(PAYLOADS)
    assert sum(chunk.count("<p>") for chunk in chunks) >= len(PAYLOADS)
    for number, description in enumerate(chunks):
        series = VideoSeriesPageFactory(
            parent=site_tree["videos"],
            tagline=PAYLOADS[number][:120],
            credit=PAYLOADS[-number - 1][:200],
            description=description,
        )
        ran = loads_without_running_script(phone_page, live_server.url + series.url)
        assert ran == [], (number, description[:300])
    assert phone_page.locator(".series-header__description").count() == 1
