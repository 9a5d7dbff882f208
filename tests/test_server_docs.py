"""The API's /docs page works offline: its Swagger UI comes from the package, not a CDN."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from sourcetrace.server import create_app


def test_docs_page_and_its_assets_are_served_locally(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "r.db", checker=lambda *a, **k: {})) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page.text)
        assert assets, page.text[:500]
        for asset in assets:
            assert not asset.startswith(("http://", "https://", "//")), asset
            assert client.get(asset).status_code == 200, asset
        assert client.get("/openapi.json").json()["info"]["title"] == "sourcetrace"
