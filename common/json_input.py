"""JSON from clients, refused when nested deeper than ``ONECHAT_MAX_JSON_DEPTH``.

Deeply nested input exhausts Python's recursion limit in the decoder, in
``json.dumps`` and in the database's JSON adapters alike; it is refused where
it enters instead.
"""

import json
from typing import Any

from django.conf import settings


class TooDeeplyNested(ValueError):
    """A JSON document nested deeper than the limit."""


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
    documents nested past the limit instead of exhausting the stack."""
    try:
        value = json.loads(text, **kwargs)
    except RecursionError:
        raise _too_deep() from None
    return check_depth(value)


def _too_deep() -> TooDeeplyNested:
    limit = settings.ONECHAT_MAX_JSON_DEPTH
    return TooDeeplyNested(f"JSON may be nested at most {limit} levels deep.")
