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
        # Fields loaded: reading a deferred one here would load it through a
        # new instance of this model, whose __init__ would do the same.
        self._snapshot = {
            name: self.__dict__[name]
            for name in self.tracked_fields
            if name in self.__dict__
        }
        self.saved_changes: dict[str, tuple[Any, Any]] = {}

    def save(self, *args: Any, **kwargs: Any) -> None:
        current = self._tracked_values()
        update_fields = kwargs.get("update_fields")
        self.saved_changes = {
            name: (self._snapshot[name], value)
            for name, value in current.items()
            if name in self._snapshot
            and self._snapshot[name] != value
            and (
                update_fields is None
                or name in update_fields
                or name.removesuffix("_id") in update_fields
            )
        }
        super().save(*args, **kwargs)
        self._snapshot = current

    def refresh_from_db(
        self, using: str | None = None, fields: Any = None, **kwargs: Any
    ) -> None:
        """Reload from the database; the reloaded values are the new snapshot."""
        super().refresh_from_db(using=using, fields=fields, **kwargs)
        for name in self.tracked_fields:
            # Read from __dict__: a field still deferred stays unloaded.
            if name in self.__dict__ and (
                fields is None or name in fields or name.removesuffix("_id") in fields
            ):
                self._snapshot[name] = self.__dict__[name]

    def _tracked_values(self) -> dict[str, Any]:
        # Deferred fields are left out: reading one would load it from the
        # database, and the rows a deletion collects load with every field
        # but the key deferred, so each load would start another one.
        return {
            name: getattr(self, name)
            for name in self.tracked_fields
            if name in self.__dict__
        }
