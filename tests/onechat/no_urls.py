"""A URLconf with no routes: a page that reverses a URL fails with it."""

urlpatterns = []
