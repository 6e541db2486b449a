"""The new words of an email reply: what the visitor typed above the quoted
mail their client added (our reply marker, an "On … wrote:" line, an
"Original Message" block, ``>`` lines, the signature)."""

import html
import re

from django.utils.html import strip_tags

# The line continuity's mails start with: ``##- … -##``.
MARKER = re.compile(r"^\W*##-")
# "On <date>, <name> wrote:" in the languages OneChat speaks.
QUOTE_HEADER = re.compile(
    r"^(on|le|am|el|em|il|op|في)\s.*"
    r"(wrote|a écrit|schrieb|escribió|escreveu|ha scritto|schreef|كتب)\s*:?$",
    re.IGNORECASE,
)
ORIGINAL = re.compile(r"^-{2,}\s*[\w ]+\s*-{2,}$")
FORWARD_HEADER = re.compile(r"^(from|von|de|da|van|من)\s*:", re.IGNORECASE)
SIGNATURE = "-- "
BLOCK_EDGE = re.compile(
    r"<br\s*/?>|</?(p|div|li|tr|h\d|blockquote)\b[^>]*>", re.IGNORECASE
)
# Never words of the reply: styles, scripts, and the quoted mail.
HIDDEN = re.compile(
    r"<(style|script|head|blockquote)\b.*?</\1>", re.IGNORECASE | re.DOTALL
)


def html_to_text(markup: str) -> str:
    """The words of an HTML part, one line per block."""
    markup = HIDDEN.sub("", markup)
    return html.unescape(strip_tags(BLOCK_EDGE.sub("\n", markup)))


def _quote_starts(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(
        MARKER.match(line)
        or QUOTE_HEADER.match(line)
        or QUOTE_HEADER.match(f"{line} {following}")
        or ORIGINAL.match(line)
        or (FORWARD_HEADER.match(line) and ":" in following)
        or lines[index] == SIGNATURE
    )


def new_words(text: str) -> str:
    """The reply's own words, quoted text and signature left out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for index, line in enumerate(lines):
        if _quote_starts(lines, index):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
