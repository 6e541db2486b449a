"""What a widget request's headers say about the visitor's browser, as
Chatwoot adds it to a widget event's ``event_info``: the browser's language
(``Accept-Language``) and its name, version, device and platform (a coarse
reading of ``User-Agent``; unknown parts are left empty)."""

import re

from django.http import HttpRequest

# The first matching pattern names the browser, so the ones whose user agents
# also mention another browser (Edge and Opera say "Chrome", Chrome says
# "Safari") come first.
BROWSERS = (
    ("Microsoft Edge", r"Edg(?:e|A|iOS)?/([\d.]+)"),
    ("Opera", r"(?:OPR|Opera)/([\d.]+)"),
    ("Samsung Browser", r"SamsungBrowser/([\d.]+)"),
    ("Firefox", r"(?:Firefox|FxiOS)/([\d.]+)"),
    ("Chrome", r"(?:Chrome|CriOS)/([\d.]+)"),
    ("Safari", r"Version/([\d.]+).*Safari/"),
)
PLATFORMS = (
    ("iOS", r"(?:iPhone|iPad|iPod).*? OS ([\d_]+)"),
    ("Android", r"Android ([\d.]+)"),
    ("Windows", r"Windows NT ([\d.]+)"),
    ("ChromeOS", r"CrOS \S+ ([\d.]+)"),
    ("macOS", r"Mac OS X ([\d_.]+)"),
    ("Linux", r"Linux()"),
)
DEVICES = (
    ("iPad", r"iPad"),
    ("iPhone", r"iPhone"),
    ("Android", r"Android.*Mobile"),
    ("Android tablet", r"Android"),
)
# A header is the client's to write: only this much of it is read.
MAX_HEADER = 512


def _first(patterns: tuple, text: str) -> tuple[str, str]:
    for name, pattern in patterns:
        found = re.search(pattern, text)
        if found:
            version = found.group(1) if found.groups() else ""
            return name, version.replace("_", ".")
    return "", ""


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
    agent = request.headers.get("User-Agent", "")[:MAX_HEADER]
    name, version = _first(BROWSERS, agent)
    platform, platform_version = _first(PLATFORMS, agent)
    device, _ = _first(DEVICES, agent)
    return {
        "browser_name": name,
        "browser_version": version,
        "device_name": device,
        "platform_name": platform,
        "platform_version": platform_version,
    }
