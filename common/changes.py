"""Applying a service's field changes to a model instance, written once."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

# JSON attribute fields that a change merges into, key by key, as Chatwoot does.
ATTRIBUTE_FIELDS = ("additional_attributes", "custom_attributes")


def apply_changes(
    instance: models.Model,
    fields: Mapping[str, Any],
    *,
    merge: Iterable[str] = (),
) -> list[str]:
    """Set ``fields`` on ``instance`` and return their names (for
    ``save(update_fields=...)``).

    A dict given for a field named in ``merge`` is merged into the one the
    instance holds instead of replacing it; ``None`` leaves that field as it is.
    """
    merged = set(merge)
    changed = []
    for name, value in fields.items():
        if name in merged:
            if value is None:
                continue
            value = {**getattr(instance, name), **value}
        setattr(instance, name, value)
        changed.append(name)
    return changed
