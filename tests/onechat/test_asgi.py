"""The ASGI application: few thread hops per request, a frozen startup heap."""

import gc
import sys

import pytest
from asgiref.sync import SyncToAsync, async_to_sync

from django.test import AsyncClient

pytestmark = pytest.mark.django_db


def test_a_request_hops_to_worker_threads_only_a_few_times(monkeypatch):
    """The middleware chain runs synchronously behind one hop, not with a hop
    per middleware hook (16 for a plain request when WhiteNoise sat on top)."""
    hops = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        hops.append(self.func)
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    response = async_to_sync(AsyncClient().get)("/public/api/v1/nothing")
    assert response.status_code == 404
    # The chain, and the request_started / request_finished signal receivers.
    assert len(hops) <= 6, hops


def test_the_loaded_application_is_hidden_from_the_garbage_collector():
    """Once the ASGI application is loaded, with its URLconf and views, what it
    loaded is frozen: full collections no longer scan it."""
    import onechat.asgi  # noqa: F401

    assert "onechat.urls" in sys.modules
    assert "widget.public_views" in sys.modules
    assert gc.get_freeze_count() > 10_000
