"""The new words of an email reply: quoted mail, the reply marker, Outlook's
header block and the signature are cut; an HTML-only reply is read as text."""

import pytest

from continuity.quoting import html_to_text, new_words


@pytest.mark.parametrize(
    "text",
    [
        "Thanks!\n\nOn Mon, 7 Dec 2026, Shop <a@b.c> wrote:\n> earlier",
        "Thanks!\n\nOn Mon, 7 Dec 2026 at 10:00, Shop <\na@b.c> wrote:\n> earlier",
        "Thanks!\n\nLe lun. 7 déc. 2026, Shop a écrit :\n> plus tôt",
        "Thanks!\n##- Type your reply above this line -##\nold",
        "Thanks!\n-----Original Message-----\nFrom: Shop\nold",
        "Thanks!\n\nFrom: Shop <a@b.c>\nSent: Monday\nold",
        "Thanks!\n-- \nVera, Sales",
        "> quoted first\nThanks!",
    ],
)
def test_only_the_new_words_are_kept(text):
    assert new_words(text) == "Thanks!"


def test_an_html_reply_becomes_lines_of_text():
    """Blocks become lines, entities are decoded, styles and markup dropped;
    the quote under Gmail's "On … wrote:" goes too."""
    markup = (
        "<html><head><style>p {color: red}</style></head><body>"
        "<div>Fish &amp; chips<br>tonight</div>"
        '<div class="gmail_quote">On Mon, Shop wrote:<blockquote>old</blockquote>'
        "</div><script>alert(1)</script></body></html>"
    )
    assert new_words(html_to_text(markup)) == "Fish & chips\ntonight"
