"""The website widget's embed snippet, as the inbox settings show it."""

import json
import os

from django.conf import settings
from django.http import HttpRequest

from accounts.models import Inbox


def widget_base_url(request: HttpRequest | None) -> str:
    """The origin a snippet loads OneChat from: ``FRONTEND_URL`` when configured.

    Settings fill in a localhost default when the variable is unset; the snippet
    then names the origin the administrator is actually using.
    """
    if request is None or os.environ.get("FRONTEND_URL"):
        return settings.FRONTEND_URL
    return f"{request.scheme}://{request.get_host()}"


def embed_snippet(inbox: Inbox, base_url: str) -> str:
    """The script tag a website owner pastes to put ``inbox``'s widget on a page."""
    values = {
        "base": json.dumps(base_url.rstrip("/")),
        "token": json.dumps(inbox.website_token),
    }
    # JSON keeps quotes safe; escaping "<" keeps "</script>" out of the tag.
    values = {name: value.replace("<", "\\u003c") for name, value in values.items()}
    return (
        "<script>\n"
        "  (function (d, t) {\n"
        f"    var BASE_URL = {values['base']};\n"
        "    var g = d.createElement(t), s = d.getElementsByTagName(t)[0];\n"
        '    g.src = BASE_URL + "/packs/js/sdk.js";\n'
        "    g.async = true;\n"
        "    s.parentNode.insertBefore(g, s);\n"
        "    g.onload = function () {\n"
        "      window.onechatSDK.run({\n"
        f"        websiteToken: {values['token']},\n"
        "        baseUrl: BASE_URL\n"
        "      });\n"
        "    };\n"
        '  })(document, "script");\n'
        "</script>\n"
    )
