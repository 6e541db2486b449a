"""Message Markdown drawn as safe HTML: one parser, one sanitiser, one subset.

A message body is Markdown written by a person (seed 000: "unparsed Markdown
formatting and no HTML"). markdown-it-py parses it with raw HTML off (markup in a
message is shown as text), then nh3 (the Rust ``ammonia`` sanitiser) keeps only
the subset both front ends draw: emphasis, lists, block and inline code, quotes,
links and line breaks. Links go to http, https or mailto only, open in a new tab
and carry ``rel="noopener noreferrer nofollow"``. Bare URLs become links.
Chatwoot's mention markup in a note, ``[@Name](mention://user/<id>/Name)`` (or
``mention://team/...``), is drawn as the name in a chip,
``<span class="mention">@Name</span>``, never as a link.
"""

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

LINK_SCHEMES = ("http:", "https:", "mailto:")
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_CLASSES = {"span": {"mention"}}
LINK_REL = "noopener noreferrer nofollow"
MENTION_URL = re.compile(r"mention://(?:user|team)/\d{1,18}/[^\s]*")


def _valid_link(url: str) -> bool:
    # A link the subset refuses stays as its literal text.
    return url.strip().lower().startswith(LINK_SCHEMES) or bool(
        MENTION_URL.fullmatch(url.strip())
    )


def _mention_chips(state) -> None:
    """Turn each link to a ``mention://`` URL into a chip: a span, no href."""
    for block in state.tokens:
        opened = False
        for token in block.children or ():
            if token.type == "link_open" and MENTION_URL.fullmatch(
                str(token.attrGet("href") or "")
            ):
                token.tag, token.attrs, opened = "span", {"class": "mention"}, True
            elif token.type == "link_close" and opened:
                token.tag, opened = "span", False


def _parser() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark", {"html": False, "linkify": True, "breaks": True}
    ).enable(["linkify", "strikethrough"])
    # Headings, rules and images are not part of a chat message; an image would
    # also make every reader's browser fetch a URL the writer chose.
    parser.disable(["heading", "lheading", "hr", "image"])
    parser.validateLink = _valid_link
    parser.core.ruler.push("mention_chips", _mention_chips)
    return parser


_PARSER = _parser()


# Short texts only, so the cache stays a few megabytes whatever is sent.
CACHED_LENGTH = 2000
# Longer texts are drawn as plain text: pathological Markdown costs about
# 16 ms of CPU per thousand characters (bench/message_markdown.py), and a message is
# drawn again for every read. The widget's composer stops at this length.
MARKDOWN_LENGTH = 10_000


def render_markdown(text: str) -> str:
    """The sanitised HTML of a message's Markdown ``text`` ("" for none).

    Short texts are cached: the same message is drawn for its event and for each
    REST read, and short replies repeat.
    """
    if not text:
        return ""
    if len(text) <= CACHED_LENGTH:
        return _cached_render(text)
    if len(text) > MARKDOWN_LENGTH:
        return "<p>" + html.escape(text, quote=False).replace("\n", "<br>\n") + "</p>"
    return _render(text)


@lru_cache(maxsize=1024)
def _cached_render(text: str) -> str:
    return _render(text)


def _render(text: str) -> str:
    drawn = _PARSER.render(text)
    return nh3.clean(
        drawn,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    ).strip()
