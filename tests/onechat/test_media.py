"""The development server serves uploads so that nothing in them runs."""

import urllib.request

import pytest

from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

FILES = {
    "photo.png": b"\x89PNG\r\n\x1a\n",
    "diagram.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    "invoice.html": b"<script>alert(document.cookie)</script>",
    "notes.pdf": b"%PDF-1.4",
}


def test_uploads_are_downloads_except_raster_images(tmp_path):
    """Every upload is sandboxed and never sniffed; only raster images open
    inline, SVG, HTML and anything else are downloads."""
    folder = tmp_path / "attachments" / "0123abcd"
    folder.mkdir(parents=True)
    for name, content in FILES.items():
        (folder / name).write_bytes(content)
    with onechat_server(env={"MEDIA_ROOT": str(tmp_path)}) as server:
        headers = {}
        for name in FILES:
            url = f"{server.url}/media/attachments/0123abcd/{name}"
            with urllib.request.urlopen(url, timeout=10) as response:
                headers[name] = response.headers
    for name, got in headers.items():
        assert got["X-Content-Type-Options"] == "nosniff"
        assert got["Content-Security-Policy"].startswith("sandbox")
        expected = "inline" if name == "photo.png" else "attachment"
        assert got["Content-Disposition"] == expected, name
