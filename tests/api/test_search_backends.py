"""?search= in the API goes through our own Chinese search, on the database backend and on the
OpenSearch engine that `make test` starts, exactly as the reader search page does."""

import pytest

from tests.search import conftest as search_fixtures

engine = search_fixtures.engine
engine_url = search_fixtures.engine_url
backend_name = search_fixtures.backend_name

pytestmark = pytest.mark.django_db


def test_api_search_on_each_backend(backend_name, content, client):
    response = client.get(
        "/api/v2/pages/", {"type": "debunk.RebuttalPage", "search": "基站", "fields": "verdict"}
    )
    assert response.status_code == 200, response.content
    assert [item["title"] for item in response.json()["items"]] == ["5G基站传播病毒？谣言"]
    # Traditional characters, and a draft's words find nothing private.
    response = client.get("/api/v2/pages/", {"search": "緊急通知"})
    assert [item["title"] for item in response.json()["items"]] == ["网传全城自来水有毒？假的"]
    assert client.get("/api/v2/pages/", {"search": "秘密辟谣"}).json()["items"] == []
