"""The widget scripts' catalogue (Django's djangojs domain, in widget/locale):
every word the scripts draw goes through ``gettext()``/``ngettext()``, every
msgid is translated in every language and compiled, and the widget page hands
the scripts the catalogues of all its languages.

After adding words: ``make messages`` (extracts, compiles, runs these checks).
"""

import gettext
import json
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation

from tests import factories
from tests.onechat.test_i18n import po_entries
from widget.views import widget_catalogs

ROOT = Path(__file__).parents[2]
WIDGET_JS = ROOT / "widget" / "static" / "widget"
KIT_JS = ROOT / "common" / "static" / "kit"
LOCALE = ROOT / "widget" / "locale"
LANGUAGES = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
# The SDK runs on the host page, not the widget's; i18n.js only reads catalogues.
SCRIPTS = sorted(
    path for path in WIDGET_JS.glob("*.js") if path.name not in {"sdk.js", "i18n.js"}
)
STRING = r"""(["'])((?:(?!\1)[^\\]|\\.)*)\1"""
MARKED = re.compile(rf"""\bgettext\(\s*{STRING}\s*\)""")
MARKED_PLURAL = re.compile(rf"""\bngettext\(\s*{STRING}\s*,\s*{STRING}\s*,""")
PLURAL_ENTRY = re.compile(
    r'msgid ((?:".*"\n)+)msgid_plural ((?:".*"\n)+)((?:msgstr\[\d+\] (?:".*"\n?)+)+)'
)
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Strings put on the page directly, not through ``gettext()``.
DRAWN_LITERAL = re.compile(
    r"""(?:textContent|placeholder|title|alt)\s*=\s*["'`][^"'`]*[A-Za-z]"""
    r"""|setAttribute\(\s*["'](?:aria-label|title|placeholder|alt)["']\s*,\s*["'`]"""
)


def _text(literal: str) -> str:
    return json.loads(f'"{literal}"')


def _unquoted(lines: str) -> str:
    return "".join(json.loads(f'"{part}"') for part in re.findall(r'"(.*)"', lines))


def marked_msgids() -> dict[str, list[str]]:
    """msgid -> the scripts that mark it with ``gettext("…")``."""
    msgids: dict[str, list[str]] = {}
    for path in SCRIPTS:
        for _, text in MARKED.findall(path.read_text()):
            msgids.setdefault(_text(text), []).append(path.name)
    return msgids


def marked_plurals() -> dict[str, str]:
    """singular msgid -> plural msgid of each ``ngettext("…", "…", n)``."""
    plurals = {}
    for path in SCRIPTS:
        for _, singular, _, plural in MARKED_PLURAL.findall(path.read_text()):
            plurals[_text(singular)] = _text(plural)
    return plurals


def po_plurals(path: Path) -> dict[str, tuple[str, list[str]]]:
    """singular msgid -> (plural msgid, the translated forms) of a .po file."""
    entries = {}
    for singular, plural, forms in PLURAL_ENTRY.findall(path.read_text()):
        texts = [_unquoted(form) for form in re.split(r"msgstr\[\d+\] ", forms)[1:]]
        entries[_unquoted(singular)] = (_unquoted(plural), texts)
    return entries


def po_file(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "djangojs.po"


def test_the_scripts_mark_words():
    """The scans below see the scripts' words (a broken pattern would pass
    every check with nothing to check)."""
    assert "We are online" in marked_msgids()
    assert "%(name)s is typing…" in marked_msgids()
    assert marked_plurals() == {"%(count)s minute": "%(count)s minutes"}


def test_a_catalogue_for_every_language_but_english():
    """Each of settings.LANGUAGES except English has the widget's catalogue."""
    expected = {translation.to_locale(code) for code, _ in settings.LANGUAGES} - {"en"}
    assert set(LANGUAGES) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_word_is_translated(language):
    """Every msgid the widget scripts mark is in the language's catalogue with a
    translation keeping its placeholders, and every plural has all the
    language's forms. A failure lists the msgids to add (``make messages``) or
    translate."""
    entries = po_entries(po_file(language))
    marked = marked_msgids()
    missing = sorted(m for m in marked if m not in entries)
    untranslated = sorted(m for m in marked if m in entries and not entries[m])
    assert (missing, untranslated) == ([], []), (
        f"{language}: missing {missing}, untranslated {untranslated}"
    )
    for msgid in marked:
        placeholders = sorted(PLACEHOLDER.findall(msgid))
        assert sorted(PLACEHOLDER.findall(entries[msgid])) == placeholders, msgid
    plurals = po_plurals(po_file(language))
    forms = int(re.search(r"nplurals=(\d+)", po_file(language).read_text()).group(1))
    for singular, plural in marked_plurals().items():
        assert singular in plurals, f"{language}: missing plural {singular!r}"
        assert plurals[singular][0] == plural
        texts = plurals[singular][1]
        assert len(texts) == forms and all(texts), f"{language}: {singular!r}"
        # A form for a single number may spell it out; the last (most numbers)
        # keeps the placeholders.
        assert set(PLACEHOLDER.findall(texts[-1])) == set(PLACEHOLDER.findall(plural))


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_stale_and_the_mo_matches(language):
    """The catalogue holds no msgid the scripts no longer mark, and the
    committed .mo has every translation of the .po."""
    entries = po_entries(po_file(language))
    plurals = po_plurals(po_file(language))
    assert sorted(set(entries) - set(marked_msgids())) == [], language
    assert sorted(set(plurals) - set(marked_plurals())) == [], language
    with po_file(language).with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [m for m, text in entries.items() if catalogue.gettext(m) != text]
    for singular, (plural, texts) in plurals.items():
        if catalogue.ngettext(singular, plural, 5) not in texts:
            stale.append(singular)
    assert stale == [], f"{language}: stale .mo for {stale}"


def test_translations_differ_from_english():
    """A language is translated, not English copied (a few words may match)."""
    for language in LANGUAGES:
        entries = po_entries(po_file(language))
        same = [msgid for msgid, text in entries.items() if text == msgid]
        assert len(same) <= 2, (language, same)


def test_gettext_takes_only_literals():
    """``makemessages`` sees only ``gettext("…")`` with a literal: a variable
    passed to it would never reach the catalogue."""
    for path in SCRIPTS:
        calls = re.findall(r"\b(?:n?gettext)\(\s*[^\"'\s]", path.read_text())
        assert calls == [], path.name


@pytest.mark.parametrize(
    "path",
    sorted([*SCRIPTS, *KIT_JS.glob("*.js")]),
    ids=lambda path: path.name,
)
def test_no_words_outside_the_catalogue(path):
    """The widget's page scripts and the shared kit draw words only through
    ``gettext()`` or a caller-given label."""
    source = path.read_text()
    assert not DRAWN_LITERAL.findall(source), path.name


@pytest.mark.parametrize(
    "line",
    [
        'text.textContent = "Seen";',
        "input.placeholder = 'Type here';",
        'button.setAttribute("aria-label", "Close chat");',
    ],
)
def test_the_scanner_finds_drawn_words(line):
    """The scanner above recognises a word drawn without the catalogue."""
    assert DRAWN_LITERAL.search(line)


@pytest.mark.django_db
def test_the_page_carries_every_language_of_the_widget(client):
    """The widget page embeds the widget's catalogue of each language it
    speaks (the visitor may switch while it is open), not the dashboard's."""
    inbox = factories.InboxFactory()
    for token in (inbox.website_token, "unknown"):
        url = f"/widget?website_token={token}"
        page = client.get(url).content.decode()
        embedded = re.search(r'id="widget-catalogs"[^>]*>(.*?)</script>', page, re.S)
        catalogs = json.loads(embedded.group(1))
        assert sorted(catalogs) == ["ar", "de", "es", "fr", "it", "nl", "pt-BR"]
        assert catalogs["fr"]["We are online"] == "Nous sommes en ligne"
        assert catalogs["pt-BR"]["Send message"] == "Enviar mensagem"
        assert catalogs["ar"]["%(count)s minute"][1] == "دقيقة واحدة"
        assert len(catalogs["ar"]["%(count)s minute"]) == 6
        assert "Search conversations" not in catalogs["de"]
    assert widget_catalogs()["de"] == {
        **{msgid: text for msgid, text in po_entries(po_file("de")).items()},
        **{s: forms for s, (_, forms) in po_plurals(po_file("de")).items()},
    }
