"""JSON from clients, refused when nested deeper than ``ONECHAT_MAX_JSON_DEPTH``
or holding a lone surrogate.

Deeply nested input exhausts Python's recursion limit in the decoder, in
``json.dumps`` and in the database's JSON adapters alike; a lone surrogate
(``"\\ud800"``, valid JSON) cannot be encoded as UTF-8, so no database stores
it and no response that repeats it can be written. Both are refused where they
enter instead.
"""

import json
from typing import Any

from django.conf import settings


class TooDeeplyNested(ValueError):
    """A JSON document nested deeper than the limit."""


class LoneSurrogate(ValueError):
    """A JSON document with a string that is no Unicode text."""


def nesting_depth(value: Any) -> int:
    """The number of arrays and objects nested at the deepest point of ``value``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def check_depth(value: Any) -> Any:
    """Return ``value``; raise ``TooDeeplyNested`` past the configured depth."""
    if nesting_depth(value) > settings.ONECHAT_MAX_JSON_DEPTH:
        raise _too_deep()
    return value


def load_json(text: str | bytes, **kwargs: Any) -> Any:
    """``json.loads`` that raises ``TooDeeplyNested`` (a ``ValueError``) for
    documents nested past the limit instead of exhausting the stack, and
    ``LoneSurrogate`` (a ``ValueError`` too) for strings no UTF-8 holds."""
    try:
        value = json.loads(text, **kwargs)
    except RecursionError:
        raise _too_deep() from None
    return check_text(check_depth(value))


def check_text(value: Any) -> Any:
    """Return ``value``; raise ``LoneSurrogate`` if one of its strings (keys
    included) holds a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode()
            except UnicodeEncodeError:
                raise LoneSurrogate(
                    "JSON strings must be Unicode text (no lone surrogates)."
                ) from None
    return value


def _too_deep() -> TooDeeplyNested:
    limit = settings.ONECHAT_MAX_JSON_DEPTH
    return TooDeeplyNested(f"JSON may be nested at most {limit} levels deep.")
