"""The dashboard scripts' catalogue (Django's djangojs domain): every word the
scripts draw goes through ``gettext()``, every msgid is translated in every
language, and the page hands the scripts the catalogue of the agent's language.

After adding words: ``make messages`` (extracts, compiles, runs these checks).
"""

import json
import re
from pathlib import Path

import pytest

from accounts.models import User
from dashboard.views import scripts_catalog
from tests import factories
from tests.onechat.test_i18n import LOCALE, po_entries

ROOT = Path(__file__).parents[2]
SCRIPTS = sorted(
    path
    for path in (ROOT / "dashboard" / "static" / "dashboard").rglob("*.js")
    if path.name != "i18n.js"
)
LANGUAGES = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
MARKED = re.compile(r"""\bgettext\(\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*\)""")
# Places whose string is read by the agent: properties and calls that draw text.
DRAWN_AT = re.compile(
    r"""(?:\b(?:placeholder|title|alt|label)|["']aria-label["'])\s*:\s*$"""
    r"""|\b(?:textContent|innerText|placeholder|title)\s*=\s*$"""
    r"""|\b(?:toast|confirm|alert)\(\s*$"""
    r"""|setAttribute\(\s*["'](?:aria-label|title|placeholder|alt)["']\s*,\s*$"""
)
# A capitalised English word, or a sentence: words meant for a person.
PROSE = re.compile(r"\b[A-Z][a-z]+\b|\s.*\w[.…?!]$")
# What a regex literal (not a division) follows.
REGEX_AFTER = re.compile(r"[(,=:\[!&|?{};]\s*$|\breturn\s*$")
# Strings that look like words but are names for the machine.
MACHINE = re.compile(
    r"""(?:\.key\s*[!=]==|\bkey\s*[!=]==|\b\w+_type\s*:|\bpattern\s*:)\s*$"""
)
# An HTTP header's name (Content-Type), not words.
HEADER_NAME = re.compile(r"(?:[A-Z][a-z]*-)+[A-Z][a-z]+")


def string_literals(source: str) -> list[tuple[str, str]]:
    """Each string literal of a script as (code before it, its text); a template
    literal gives its fixed parts, and the code inside ``${…}`` is scanned too.
    Comments are skipped; a ``/`` after an operator starts a regex literal."""
    found: list[tuple[str, str]] = []

    def scan(i: int, until_brace: bool) -> int:
        depth = 0
        while i < len(source):
            char = source[i]
            if source.startswith("//", i):
                i = source.find("\n", i) % (len(source) + 1)
            elif source.startswith("/*", i):
                i = source.index("*/", i) + 2
            elif char in "\"'":
                end = i + 1
                while source[end] != char:
                    end += 2 if source[end] == "\\" else 1
                found.append((source[max(0, i - 80) : i], source[i + 1 : end]))
                i = end + 1
            elif char == "`":
                start, parts, i = i, [], i + 1
                while source[i] != "`":
                    if source[i] == "\\":
                        parts.append(source[i : i + 2])
                        i += 2
                    elif source.startswith("${", i):
                        i = scan(i + 2, until_brace=True)
                    else:
                        parts.append(source[i])
                        i += 1
                found.append((source[max(0, start - 80) : start], "".join(parts)))
                i += 1
            elif char == "/" and REGEX_AFTER.search(source[max(0, i - 20) : i]):
                end = i + 1
                while source[end] != "/":
                    if source[end] == "[":
                        end = source.index("]", end)
                    end += 2 if source[end] == "\\" else 1
                i = end + 1
            elif until_brace and char == "{":
                depth += 1
                i += 1
            elif until_brace and char == "}":
                if depth == 0:
                    return i + 1
                depth -= 1
                i += 1
            else:
                i += 1
        return i

    scan(0, until_brace=False)
    return found


def unmarked_words(source: str) -> list[str]:
    """The string literals of ``source`` that a person reads but that do not go
    through ``gettext()``."""
    words = []
    for before, text in string_literals(source):
        if re.search(r"\bgettext\(\s*$|\bfrom\s*$|\bimport\(\s*$", before):
            continue
        if not re.search(r"[^\W\d_]{2,}", text) or MACHINE.search(before):
            continue
        if re.fullmatch(r"https?://\S*", text):  # an example address, not words
            continue
        if HEADER_NAME.fullmatch(text):
            continue
        if DRAWN_AT.search(before) or PROSE.search(text.strip()):
            words.append(text)
    return words


def marked_msgids() -> dict[str, list[str]]:
    """msgid -> the scripts that mark it with ``gettext("…")``."""
    msgids: dict[str, list[str]] = {}
    for path in SCRIPTS:
        for _, text in MARKED.findall(path.read_text()):
            msgids.setdefault(json.loads(f'"{text}"'), []).append(path.name)
    return msgids


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_words_outside_the_catalogue(path):
    """A dashboard script draws words only through ``gettext()`` (or values
    from the server)."""
    assert unmarked_words(path.read_text()) == [], path.name


def test_the_check_finds_unmarked_words():
    """The check above sees words drawn as children, labels, placeholders and
    toasts, and lets marked words and machine names through."""
    source = """
      h("p", {}, "No conversations here.");
      h("input", { placeholder: "search", "aria-label": `Search ${name}` });
      toast(`could not load: ${error.message}`);
      if (event.key === "Enter") h("b", {}, gettext("Send"), url.replace(/["']/g, ""));
      import("./thread.js"); // "Not a string"
    """
    assert unmarked_words(source) == [
        "No conversations here.",
        "search",
        "Search ",
        "could not load: ",
    ]


def test_gettext_takes_only_literals():
    """``makemessages`` sees only ``gettext("…")`` with a literal: a variable
    passed to it would never reach the catalogue."""
    for path in SCRIPTS:
        calls = re.findall(r"\bgettext\(\s*[^\"'\s]", path.read_text())
        assert calls == [], path.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_word_is_translated(language):
    """Every msgid the scripts mark is in the language's djangojs catalogue with
    a translation keeping its placeholders. A failure lists the msgids to add
    (``make messages``) or translate."""
    entries = po_entries(LOCALE / language / "LC_MESSAGES" / "djangojs.po")
    marked = marked_msgids()
    missing = sorted(m for m in marked if m not in entries)
    untranslated = sorted(m for m in marked if m in entries and not entries[m])
    assert (missing, untranslated) == ([], []), (
        f"{language}: missing {missing}, untranslated {untranslated}"
    )
    for msgid in marked:
        placeholders = sorted(re.findall(r"%\(\w+\)s", msgid))
        assert sorted(re.findall(r"%\(\w+\)s", entries[msgid])) == placeholders


@pytest.mark.django_db
def test_the_page_carries_the_agents_catalogue(client):
    """The conversations page embeds the djangojs catalogue of the agent's
    profile language; English needs none."""
    member = factories.AccountUserFactory()
    account, user = member.account, member.user
    client.force_login(user)
    url = f"/app/accounts/{account.id}/conversations"
    assert 'id="dashboard-catalog"' in client.get(url).content.decode()
    User.objects.filter(pk=user.pk).update(ui_settings={"locale": "de"})
    german = client.get(url).content.decode()
    catalog = json.loads(
        re.search(r'id="dashboard-catalog"[^>]*>(.*?)</script>', german).group(1)
    )
    assert catalog["Search conversations"] == "Unterhaltungen durchsuchen"
    # A translation holding markup stays inside the JSON: it ends no element.
    paste = "Paste this before </body> on every page of your website."
    assert catalog[paste].startswith("Fügen Sie dies vor </body>")
    assert "</body> auf" not in german
    assert scripts_catalog("en") == {}
