"""A rebuttal's share card: the og:image a share shows, drawn from the verdict and summary."""

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def og_image(client, url):
    html = client.get(url).content.decode()
    return re.search(r'<meta property="og:image" content="http://localhost(/share/[^"]+)">', html)[
        1
    ]


def test_share_card_is_a_wide_png_with_the_current_verdict(client, rebuttal):
    path = og_image(client, "/rumours/tap-water/")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (1200, 630)
    # The stamp is drawn in the verdict's colour (谣言: red) at the top left.
    assert image.getpixel((60, 80)) == (0xB4, 0x12, 0x1B)


def test_a_new_verdict_gets_a_new_card_and_old_links_lead_to_it(client, rebuttal):
    old = og_image(client, "/rumours/tap-water/")
    client.get(old)
    rebuttal.verdict = "misleading"
    rebuttal.save_revision().publish()
    new = og_image(client, "/rumours/tap-water/")
    assert new != old
    response = client.get(old)
    assert response.status_code == 302 and response["Location"] == new
    image = Image.open(io.BytesIO(b"".join(client.get(new).streaming_content)))
    assert image.getpixel((60, 80)) == (0xA3, 0x47, 0x00)


def test_no_card_for_drafts_or_unknown_pages(client, rebuttal):
    rebuttal.unpublish()
    assert client.get(f"/share/{rebuttal.pk}-abc.png").status_code == 404
    assert client.get("/share/999999-abc.png").status_code == 404


def test_share_control_offers_copy_share_and_a_qr_code(client, rebuttal):
    html = client.get("/rumours/tap-water/").content.decode()
    assert 'data-share-copy="http://localhost/rumours/tap-water/"' in html
    assert "data-share-url=" in html
    assert '<svg role="img" aria-label="本页二维码"' in html


def test_long_imported_claims_are_cut_in_the_title(column):
    from debunk.factories import RebuttalPageFactory

    claim = (
        "了慶祝Line破億下載率，請將此訊息傳給50個人，系統將自動統計，若以成功達成任務，可獲得代幣"
    )
    page = RebuttalPageFactory(parent=column, title=claim, claim_summary=claim)
    assert page.share_title.startswith("【谣言】了慶祝Line破億下載率")
    assert page.share_title.endswith("…") and len(page.share_title) == len("【谣言】") + 32
