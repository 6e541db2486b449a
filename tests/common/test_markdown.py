import time

import pytest

from common.markdown import render_markdown

REL = 'target="_blank" rel="noopener noreferrer nofollow"'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "**bold** _it_ `code`",
            "<p><strong>bold</strong> <em>it</em> <code>code</code></p>",
        ),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("3. x\n4. y", '<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>'),
        ("> said\nthis", "<blockquote>\n<p>said<br>\nthis</p>\n</blockquote>"),
        ("```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"),
        ("one\ntwo", "<p>one<br>\ntwo</p>"),
        ("~~gone~~", "<p><s>gone</s></p>"),
        ("", ""),
    ],
)
def test_draws_the_safe_subset(text, html):
    """Emphasis, lists, quotes, code, strike-through and line breaks are drawn."""
    assert render_markdown(text) == html


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[docs](https://example.com/a?b=1&c=2)", "https://example.com/a?b=1&amp;c=2"),
        ("see https://example.com/path now", "https://example.com/path"),
        ("www.example.org", "http://www.example.org"),
        ("[write](mailto:help@example.com)", "mailto:help@example.com"),
    ],
)
def test_links_open_in_a_new_tab_without_referrer(text, href):
    """http, https and mailto links, bare URLs included, carry target and rel."""
    assert f'<a href="{href}" {REL}>' in render_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<!-- note --><b>x</b>",
        "<iframe src=x></iframe>",
        "```html\n<script>alert(1)</script>\n```",
    ],
)
def test_raw_html_is_shown_as_text(text):
    """Markup in a message is escaped, never a live tag."""
    html = render_markdown(text)
    for tag in ("<script", "<img", "<iframe", "<b>", "<!--", "<a "):
        assert tag not in html
    assert "&lt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](/api/v1/profile)",
        "[x](//evil.example)",
        "<javascript:alert(1)>",
    ],
)
def test_other_links_stay_text(text):
    """Only http, https and mailto become links."""
    assert "href" not in render_markdown(text)


def test_images_are_not_drawn():
    """An image would make every reader fetch the writer's URL: it stays a link."""
    html = render_markdown("![pixel](https://tracker.example/p.gif)")
    assert "<img" not in html
    assert f'<a href="https://tracker.example/p.gif" {REL}>pixel</a>' in html


def test_headings_and_rules_stay_text():
    """A chat message has no headings or rules: ``#`` and ``---`` stay text."""
    assert render_markdown("# big") == "<p># big</p>"
    assert "<hr" not in render_markdown("a\n\n---\n\nb")


@pytest.mark.parametrize(
    "text",
    [
        "*" * 10_000,
        "_" * 10_000,
        "*a **" * 2_000,
        "**a*" * 2_500,
        "[" * 9_996 + "](x)",
        "[a](<" * 2_000,
        ">" * 10_000,
        "".join("  " * depth + "- x\n" for depth in range(100)),
        "`" * 10_000,
        "https://a.example/ " * 500,
        "*" * 100_000,
    ],
    ids=[
        "asterisks",
        "underscores",
        "emphasis-bomb",
        "unbalanced-emphasis",
        "brackets",
        "link-destinations",
        "quotes",
        "nested-lists",
        "backticks",
        "many-urls",
        "100-KB-of-asterisks",
    ],
)
def test_hostile_input_finishes(text):
    """Pathological Markdown up to the drawn length (10,000 characters), and
    100 KB of asterisks, render in bounded time, safely."""
    start = time.monotonic()
    html = render_markdown(text)
    # A generous bound: the point is no catastrophic backtracking.
    assert time.monotonic() - start < 20
    assert "<script" not in html


def test_long_messages_are_drawn_as_text():
    """Past 10,000 characters a message is escaped text with its line breaks."""
    text = "**not bold** <b>x</b>\n" + "a" * 10_000
    assert render_markdown(text) == (
        "<p>**not bold** &lt;b&gt;x&lt;/b&gt;<br>\n" + "a" * 10_000 + "</p>"
    )


def test_mentions_are_drawn_as_name_chips():
    """Chatwoot's mention markup is the name in a chip: no link, no URL."""
    drawn = render_markdown(
        "[@Ana B](mention://user/3/Ana%20B) and [@Sales](mention://team/2/Sales)"
    )
    assert drawn == (
        '<p><span class="mention">@Ana B</span> and '
        '<span class="mention">@Sales</span></p>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "[@x](mention://robot/3/x)",
        "[@x](mention://user/abc/x)",
        '<span class="mention">fake</span>',
    ],
)
def test_other_mention_lookalikes_stay_text(text):
    """Only a user's or team's mention URL makes a chip; a typed span is text."""
    assert '<span class="mention">' not in render_markdown(text)


def test_markup_in_a_mentioned_name_is_text():
    """A name holding markup is drawn as text inside the chip."""
    drawn = render_markdown("[@<b>x</b>](mention://user/1/x)")
    assert drawn == '<p><span class="mention">@&lt;b&gt;x&lt;/b&gt;</span></p>'
