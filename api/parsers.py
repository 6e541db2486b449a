"""The APIs' JSON parser: DRF's, refusing input nested too deeply."""

import codecs
from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

from common.json_input import load_json


class JSONParser(parsers.JSONParser):
    """Parse a JSON body; a 400 for malformed JSON or nesting past
    ``ONECHAT_MAX_JSON_DEPTH`` (which would otherwise exhaust the stack)."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict | None = None,
    ) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            parse_constant = json.strict_constant if self.strict else None
            return load_json(text, parse_constant=parse_constant)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
