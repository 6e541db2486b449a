"""URL converters; importing this module registers them."""

from django.urls import register_converter


class IdConverter:
    """A database id: 1 to 18 digits, so every match fits a 64-bit column.

    Django's ``int`` converter takes any length, and an id past the column's
    range fails inside the database instead of answering 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
