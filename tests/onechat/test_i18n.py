"""The server's catalogue: every language complete, no words outside it."""

import gettext
import json
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).parents[2]
LOCALE = ROOT / "onechat" / "locale"
TEMPLATES = sorted((ROOT / "dashboard" / "templates").rglob("*.html"))
ENTRY = re.compile(r'(#, fuzzy\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)')
# What a template may show without the catalogue: the product's name.
NAMES = {"OneChat"}
DOMAINS = ("django", "djangojs")


def po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (header left out); fuzzy entries count as
    untranslated."""
    entries = {}
    for fuzzy, msgid, msgstr in ENTRY.findall(path.read_text()):
        key = _unquoted(msgid)
        if key:
            entries[key] = "" if fuzzy else _unquoted(msgstr)
    return entries


def _unquoted(lines: str) -> str:
    """A .po string's quoted lines as the text they spell (``\\n`` a newline)."""
    return "".join(json.loads(f'"{part}"') for part in re.findall(r'"(.*)"', lines))


def catalogues() -> dict[str, Path]:
    """``<language>/<domain>`` -> .po file: the server's words (django) and the
    dashboard scripts' (djangojs)."""
    return {
        f"{path.parents[1].name}/{path.stem}": path
        for path in LOCALE.glob("*/LC_MESSAGES/*.po")
    }


def test_a_catalogue_for_every_language_but_english():
    """Each of settings.LANGUAGES except English has both catalogues."""
    expected = {translation.to_locale(code) for code, _ in settings.LANGUAGES} - {"en"}
    assert set(catalogues()) == {
        f"{language}/{domain}" for language in expected for domain in DOMAINS
    }


@pytest.mark.parametrize("catalogue", sorted(catalogues()))
def test_every_message_is_translated_and_compiled(catalogue):
    """Every msgid of a catalogue has a translation with the same placeholders,
    all languages' catalogues of a domain hold the same msgids, and the
    committed .mo matches the .po. A failure names the msgids at fault."""
    path = catalogues()[catalogue]
    entries = po_entries(path)
    reference = po_entries(catalogues()[f"de/{path.stem}"])
    assert sorted(set(reference) - set(entries)) == [], f"{catalogue}: missing"
    assert sorted(set(entries) - set(reference)) == [], f"{catalogue}: not in de"
    untranslated = sorted(msgid for msgid, msgstr in entries.items() if not msgstr)
    assert untranslated == [], f"{catalogue}: not translated"
    compiled = gettext.GNUTranslations(path.with_suffix(".mo").open("rb"))
    for msgid, msgstr in entries.items():
        placeholders = sorted(re.findall(r"%\(\w+\)s", msgid))
        assert sorted(re.findall(r"%\(\w+\)s", msgstr)) == placeholders, msgid
        unescaped = msgid.encode().decode("unicode_escape").encode("latin-1")
        assert (
            compiled.gettext(unescaped.decode())
            == msgstr.encode().decode("unicode_escape").encode("latin-1").decode()
        ), f"{catalogue}: stale .mo for {msgid!r}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_no_words_outside_the_catalogue(path):
    """A dashboard template shows words only through {% translate %} and
    {% blocktranslate %} (or values from the context)."""
    source = path.read_text()
    # Translated blocks, and the page's CSS classes (not words).
    source = re.sub(
        r"{% blocktranslate.*?{% endblocktranslate %}"
        r"|{% block body_class %}.*?{% endblock %}",
        "",
        source,
        flags=re.S,
    )
    source = re.sub(r"{%.*?%}|{{.*?}}|<!--.*?-->", "", source, flags=re.S)
    source = re.sub(r"<script.*?</script>|<[^>]*>", " ", source, flags=re.S)
    words = [word for word in re.findall(r"[^\W\d_]{2,}", source) if word not in NAMES]
    assert words == [], path.name


def test_the_dashboard_speaks_the_agents_language(client, django_user_model):
    """The sign-in page follows Accept-Language, in German and in Arabic (RTL)."""
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert 'lang="de" dir="ltr"' in german.content.decode()
    assert "Anmelden" in german.content.decode()
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert 'lang="ar" dir="rtl"' in arabic.content.decode()
    assert "تسجيل الدخول" in arabic.content.decode()
