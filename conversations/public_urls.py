"""URL routes (filled in by the owning feature)."""

urlpatterns: list = []
