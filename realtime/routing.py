"""Websocket routes: the ActionCable endpoint."""

from django.urls import path

from realtime.consumers import CableConsumer

websocket_urlpatterns = [path("cable", CableConsumer.as_asgi())]
