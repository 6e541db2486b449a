"""What a widget request's headers say about the visitor's browser, as
Chatwoot adds it to a widget event's ``event_info``: the browser's language
(``Accept-Language``) and its name, version, device and platform, read from
``User-Agent`` by ua-parser (the uap-core patterns that browsers and bots are
kept up to date in); unknown parts are left empty."""

import re

import ua_parser

from django.http import HttpRequest

# A header is the client's to write: only this much of it is read.
MAX_HEADER = 512


LANGUAGE_TAG = r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}"


def language_tag(value: str) -> str:
    """``value`` if it is a language tag (``fr``, ``pt-BR``), else empty."""
    return value if re.fullmatch(LANGUAGE_TAG, value) else ""


def browser_language(request: HttpRequest) -> str:
    """The language the browser prefers most (``fr`` of ``fr-FR,fr;q=0.9``),
    empty when it names none."""
    header = request.headers.get("Accept-Language", "")[:MAX_HEADER]
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, quality = part.strip().partition(";q=")
        if not language_tag(tag):
            continue
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        ranked.append((-weight, position, tag))
    if not ranked:
        return ""
    return re.split(r"[-_]", min(ranked)[2])[0].lower()


def browser_details(request: HttpRequest) -> dict[str, str]:
    """The browser's name and version, its device and its platform, read
    from ``User-Agent`` in the keys of Chatwoot's ``event_info.browser``."""
    found = ua_parser.parse(request.headers.get("User-Agent", "")[:MAX_HEADER])
    browser, system, device = found.user_agent, found.os, found.device
    return {
        "browser_name": browser.family if browser else "",
        "browser_version": _version(browser) if browser else "",
        "device_name": device.family if device else "",
        "platform_name": system.family if system else "",
        "platform_version": _version(system) if system else "",
    }


def _version(part: ua_parser.UserAgent | ua_parser.OS) -> str:
    numbers = (part.major, part.minor, part.patch)
    return ".".join(number for number in numbers if number)
