"""Compare payloads with the seed-002 samples: same keys, same JSON types."""

import json
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).parent / "samples"

# Fields a real payload may carry as null although the sample shows a value.
NULLABLE = {
    "email",
    "identifier",
    "phone_number",
    "name",
    "pubsub_token",
    "content",
    "content_type",
    "source_id",
    "sender_type",
    "sender_id",
    "assignee",
    "team",
}

# Free-form objects: only their type is compared, not their keys.
FREE_FORM = {"additional_attributes", "custom_attributes", "content_attributes"}


def sample(name: str) -> dict:
    """The ``data`` of the sample frame ``name`` (``message_created``, ...)."""
    frame = json.loads((SAMPLES / f"{name}.json").read_text())
    return frame["message"]["data"]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    return type(value).__name__


def shape_errors(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Differences in keys and JSON types between ``actual`` and ``expected``.

    Every key of ``expected`` must be in ``actual`` with the same JSON type
    (ints and floats are told apart); extra keys in ``actual`` are allowed. A
    null in the sample accepts anything; a null in ``actual`` is accepted for
    the fields in ``NULLABLE``. Lists are compared item by item against the
    sample's first item.
    """
    if expected is None:
        return []
    key = path.rsplit(".", 1)[-1]
    if actual is None:
        return (
            []
            if key in NULLABLE
            else [f"{path}: null, expected {_json_type(expected)}"]
        )
    if _json_type(actual) != _json_type(expected):
        return [f"{path}: {_json_type(actual)}, expected {_json_type(expected)}"]
    errors: list[str] = []
    if isinstance(expected, dict) and key not in FREE_FORM:
        for name, value in expected.items():
            if name not in actual:
                errors.append(f"{path}.{name}: missing")
            else:
                errors += shape_errors(actual[name], value, f"{path}.{name}")
    elif isinstance(expected, list) and expected:
        for index, item in enumerate(actual):
            errors += shape_errors(item, expected[0], f"{path}[{index}]")
    return errors


def assert_shape(actual: Any, sample_name: str, *, drop: tuple[str, ...] = ()) -> None:
    """Assert ``actual`` has the keys and types of sample ``sample_name``.

    ``drop`` names top-level sample keys that do not apply (for example
    ``account_id`` when checking a nested conversation).
    """
    expected = {k: v for k, v in sample(sample_name).items() if k not in drop}
    errors = shape_errors(json.loads(json.dumps(actual)), expected, sample_name)
    assert not errors, "\n".join(errors)
