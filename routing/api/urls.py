from django.urls import path

from routing.api import views

urlpatterns = [
    path("queue", views.QueueView.as_view(), name="queue"),
]
