"""Remember a model's field values as loaded, to tell what a save changed.

Receivers use this to tell ``conversation.status_changed`` from
``conversation.updated``, as the reference does with its saved-changes check.
"""

from typing import Any

from django.db import models


class TrackedFieldsModel(models.Model):
    """Keep a snapshot of ``tracked_fields`` and expose ``saved_changes`` after save."""

    tracked_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._snapshot = self._tracked_values()
        self.saved_changes: dict[str, tuple[Any, Any]] = {}

    def save(self, *args: Any, **kwargs: Any) -> None:
        current = self._tracked_values()
        update_fields = kwargs.get("update_fields")
        self.saved_changes = {
            name: (self._snapshot.get(name), value)
            for name, value in current.items()
            if self._snapshot.get(name) != value
            and (
                update_fields is None
                or name in update_fields
                or name.removesuffix("_id") in update_fields
            )
        }
        super().save(*args, **kwargs)
        self._snapshot = current

    def _tracked_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.tracked_fields}
