"""The widget's catalogue: every language complete, no words outside it."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

WIDGET_JS = Path(__file__).parents[2] / "widget" / "static" / "widget"
KIT_JS = Path(__file__).parents[2] / "common" / "static" / "kit"
LANGUAGES = {"en", "es", "fr", "de", "pt-BR", "it", "nl", "ar"}
# Strings put on the page directly, not through ``t()``.
DRAWN_LITERAL = re.compile(
    r"""(?:textContent|placeholder|title|alt)\s*=\s*["'`][^"'`]*[A-Za-z]"""
    r"""|setAttribute\(\s*["'](?:aria-label|title|placeholder|alt)["']\s*,\s*["'`]"""
)


@pytest.fixture(scope="module")
def catalogue():
    """The widget's STRINGS, read by Node from the module itself."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    script = (
        f"import('{(WIDGET_JS / 'i18n.js').as_uri()}')"
        ".then((m) => console.log(JSON.stringify(m.STRINGS)))"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def test_every_language_translates_every_key(catalogue):
    """Each language has every English key, none empty, and the same placeholders."""
    assert set(catalogue) >= LANGUAGES
    english = catalogue["en"]
    for language, strings in catalogue.items():
        assert set(strings) == set(english), language
        for key, text in strings.items():
            assert text.strip(), f"{language}.{key} is empty"
            placeholders = set(re.findall(r"\{\w+\}", english[key]))
            assert set(re.findall(r"\{\w+\}", text)) == placeholders, (
                f"{language}.{key}"
            )


def test_translations_differ_from_english(catalogue):
    """A language is translated, not English copied (a few words may match)."""
    english = catalogue["en"]
    for language, strings in catalogue.items():
        if language == "en":
            continue
        same = [key for key in english if strings[key] == english[key]]
        assert len(same) <= 2, (language, same)


# The SDK runs on the host page, not the widget's.
PAGE_SCRIPTS = [path for path in WIDGET_JS.glob("*.js") if path.name != "sdk.js"]


@pytest.mark.parametrize(
    "path",
    sorted([*PAGE_SCRIPTS, *KIT_JS.glob("*.js")]),
    ids=lambda path: path.name,
)
def test_no_words_outside_the_catalogue(path):
    """The widget's page scripts and the shared kit draw words only through ``t()``
    or a caller-given label."""
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
