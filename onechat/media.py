"""Uploads served by the development server, with the headers nginx sends."""

from pathlib import PurePath

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve

from conversations.attachments import INLINE_EXTENSIONS

# No script, form or plugin of an uploaded file runs on OneChat's origin.
MEDIA_CSP = "sandbox; default-src 'none'"


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded file: inline only when it is a plain raster image, never
    sniffed, always sandboxed (as deploy/nginx/default.conf.template)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    extension = PurePath(path).suffix.lstrip(".").lower()
    inline = extension in INLINE_EXTENSIONS
    response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
