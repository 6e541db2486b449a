"""What a page says about itself: Open Graph and Twitter card tags, else its
``<title>`` and meta description, read with the standard library's parser.

Every value is plain text (character references decoded, whitespace collapsed,
length bounded); the front ends draw it as text.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TITLE_CHARS = 200
DESCRIPTION_CHARS = 500
SITE_NAME_CHARS = 100
MAX_URL_CHARS = 2048


@dataclass(frozen=True)
class Summary:
    """A page's preview fields; empty strings for what it does not say."""

    title: str
    description: str
    image_url: str
    site_name: str
    canonical_url: str


class _Tags(HTMLParser):
    """Collects ``<meta>`` values (first one per name), the first ``<title>``
    and the canonical link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] | None = None
        self.in_title = False
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
        elif tag == "title" and self.title is None:
            self.title = []
            self.in_title = True
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title and self.title is not None:
            self.title.append(data)

    def first(self, *names: str) -> str:
        return next((self.meta[name] for name in names if self.meta.get(name)), "")


def summarise(html: str, *, url: str) -> Summary:
    """The preview fields of the page ``html`` served from ``url``."""
    tags = _Tags()
    tags.feed(html)
    tags.close()
    title = tags.first("og:title", "twitter:title") or "".join(tags.title or [])
    return Summary(
        title=_text(title, TITLE_CHARS),
        description=_text(
            tags.first("og:description", "twitter:description", "description"),
            DESCRIPTION_CHARS,
        ),
        image_url=web_url(
            tags.first("og:image", "og:image:url", "twitter:image"), base=url
        ),
        site_name=_text(tags.first("og:site_name"), SITE_NAME_CHARS),
        canonical_url=web_url(tags.first("og:url") or tags.canonical, base=url) or url,
    )


def web_url(value: str, *, base: str) -> str:
    """``value`` resolved against ``base`` if it is an http(s) URL of bounded
    length, else ""."""
    try:
        resolved = urljoin(base, value.strip()) if value.strip() else ""
        parts = urlsplit(resolved)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return resolved if len(resolved) <= MAX_URL_CHARS else ""


def _text(value: str, limit: int) -> str:
    collapsed = " ".join(value.split())
    if len(collapsed) <= limit:
        return collapsed
    return collapsed[: limit - 1].rstrip() + "…"
