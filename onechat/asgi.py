"""ASGI entry point: HTTP through Django, websockets at /cable through realtime."""

import gc
import os
import sys
from importlib import import_module

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
django.setup(set_prefix=False)

from onechat.requests import (  # noqa: E402
    ChatwootClientsASGIHandler,
    keep_token_header_in_daphne,
)

# What get_asgi_application() returns, reading Chatwoot clients' requests.
django_asgi_app = ChatwootClientsASGIHandler()
if "daphne.server" in sys.modules:
    # Served by daphne (runserver, tests): its own header filter runs first.
    # Not imported under uvicorn, which would load Twisted for nothing.
    keep_token_header_in_daphne()

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
