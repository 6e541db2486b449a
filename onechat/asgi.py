"""ASGI entry point: HTTP through Django, websockets at /cable through realtime."""

import gc
import os
from importlib import import_module

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from realtime.routing import CableRouter  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": CableRouter(),
    }
)

# Load the URLconf and its views now, not on the first request, then hide
# everything loaded so far (it lives as long as the process) from the cyclic
# garbage collector: full collections scan only what came after, and pause
# the event loop for tens of milliseconds instead of 70 to 190
# (bench/throughput.py: p99 at 75 messages/s went from 131 ms to 42 ms).
import_module(settings.ROOT_URLCONF)
gc.freeze()
