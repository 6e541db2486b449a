"""OneChat's error pages: a browser gets the product's page, in its language;
the APIs keep answering JSON."""

import re
from pathlib import Path

import pytest

from django.test import Client, RequestFactory

from api.views import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.onechat.error_urls")]

TEMPLATES = Path(__file__).parents[2] / "templates"
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}
FRENCH = {**BROWSER, "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}
# Words of Django's own error pages, which OneChat's replace.
DJANGO_WORDS = (
    "The requested resource was not found on this server",
    "<h1>Not Found</h1>",
    "CSRF verification failed",
    "Bad Request (400)",
    "403 Forbidden",
    "Server Error (500)",
    "More information is available with DEBUG=True",
)


def page_of(response) -> str:
    """The HTML of an error page, checked for what every OneChat page has."""
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert re.search(r'<a class="brand" href="/">OneChat</a>', html)
    assert '<link rel="stylesheet" href="/static/dashboard/dashboard.css' in html
    assert re.search(r'<a class="button primary" href="/">[^<]+</a>', html)
    for words in DJANGO_WORDS:
        assert words not in html
    return html


def test_unknown_page_is_onechats_404(client):
    """A browser asking for a page that does not exist gets OneChat's 404."""
    response = client.get("/no-such-page", **BROWSER)
    assert response.status_code == 404
    html = page_of(response)
    assert "Page not found" in html
    assert "Back to conversations" in html


def test_refused_page_is_onechats_403(client):
    """A page refused with PermissionDenied is OneChat's 403."""
    response = client.get("/refused", **BROWSER)
    assert response.status_code == 403
    assert "Forbidden" in page_of(response)


def test_unreadable_request_is_onechats_400(client, settings):
    """A body Django refuses (too large) before the sign-in form reads it is
    OneChat's 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/", {"email": "x" * 500, "password": "y"}, **BROWSER)
    assert response.status_code == 400
    assert "Bad request" in page_of(response)


def test_sign_in_without_csrf_token_is_onechats_403():
    """The sign-in form posted without its CSRF token: OneChat's page, which
    names no Django setting."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/", {"email": "a@example.com", "password": "x"}, **BROWSER)
    assert response.status_code == 403
    html = page_of(response)
    assert "Forbidden" in html
    assert "Reload the page and try again." in html


def test_failing_page_is_onechats_500():
    """An exception in a page's view is OneChat's 500 page."""
    client = Client(raise_request_exception=False)
    response = client.get("/failing", **BROWSER)
    assert response.status_code == 500
    assert "Server error" in page_of(response)


def test_the_500_page_reads_no_database_and_reverses_no_url(
    django_assert_num_queries, settings
):
    """The 500 page is drawn from the request's headers alone: no session, no
    query, no URL reversing, no static files manifest (any could be what
    failed)."""
    settings.ROOT_URLCONF = "tests.onechat.no_urls"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    request = RequestFactory().get("/failing", **FRENCH)
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Erreur du serveur" in page_of(response)


@pytest.mark.parametrize(
    ("method", "path", "status", "words"),
    [
        ("get", "/no-such-page", 404, ["Page non trouvée", "la page demandée est"]),
        ("get", "/refused", 403, ["Interdit"]),
        ("get", "/failing", 500, ["Erreur du serveur"]),
    ],
)
def test_error_pages_speak_the_browsers_language(method, path, status, words):
    """With Accept-Language French the pages' words are French where the
    catalogues have them, and the page says so in ``lang``."""
    client = Client(raise_request_exception=False)
    response = getattr(client, method)(path, **FRENCH)
    assert response.status_code == status
    html = page_of(response)
    assert '<html lang="fr" dir="ltr">' in html
    assert response["Content-Language"] == "fr"
    assert "Retour aux conversations" in html
    for word in words:
        assert word in html


def test_csrf_and_bad_request_pages_speak_the_browsers_language(settings):
    """The CSRF and 400 pages follow Accept-Language too."""
    refused = Client(enforce_csrf_checks=True).post("/", {"email": "a"}, **FRENCH)
    assert refused.status_code == 403
    assert "Interdit" in page_of(refused)
    assert '<html lang="fr" dir="ltr">' in refused.content.decode()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    too_big = Client().post("/", {"email": "x" * 500}, **FRENCH)
    assert too_big.status_code == 400
    assert "Retour aux conversations" in page_of(too_big)


@pytest.mark.parametrize(
    ("path", "status", "answer"),
    [
        ("/api/v1/no-such-path", 404, {"error": "Not found."}),
        ("/public/api/v1/no-such-path", 404, {"error": "Not found."}),
        (
            "/api/v1/refused",
            403,
            {"error": "You do not have permission to perform this action."},
        ),
        ("/api/v1/failing", 500, {"error": "Server error."}),
    ],
)
def test_api_paths_keep_their_json_errors(path, status, answer):
    """Under the APIs a browser's request still gets JSON, never a page."""
    response = Client(raise_request_exception=False).get(path, **BROWSER)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == answer


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: path.name
)
def test_no_words_outside_the_catalogue(path):
    """A project template shows words only through {% translate %} (or values
    from the context), as the dashboard's do."""
    source = path.read_text()
    source = re.sub(
        r"{% blocktranslate.*?{% endblocktranslate %}"
        r"|{% comment %}.*?{% endcomment %}"
        r"|{% block body_class %}.*?{% endblock %}",
        "",
        source,
        flags=re.S,
    )
    source = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}|<!--.*?-->", "", source, flags=re.S)
    source = re.sub(r"<script.*?</script>|<[^>]*>", " ", source, flags=re.S)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", source) if w != "OneChat"]
    assert words == [], path.name
