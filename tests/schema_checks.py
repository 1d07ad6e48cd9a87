"""Where a file fails: as articlefm reports it, and as an independent JSON Schema validator does.

Both as articlefm writes paths (``related[0].provider.name``), a missing or unknown
key at the key's own path, so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jsonschema

import articlefm
from articlefm import ArticleError


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def instance(text: str) -> Any:
    return articlefm.json_data(articlefm.loads(text, schema=None).meta)


def path_text(parts: Iterable[str | int]) -> str:
    """A path as articlefm's problems write it: ``related[0].provider.name``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def schema_failures(schema: dict[str, Any], data: Any) -> set[str]:
    """The paths where the instance fails the schema; a missing key at the key's own path, as articlefm says."""
    return _paths(validator(schema).iter_errors(data))


def _paths(errors: Iterable[jsonschema.ValidationError]) -> set[str]:
    paths = set()
    for error in errors:
        rule: Any = error.validator_value
        schema: Any = error.schema
        found: Any = error.instance
        if error.validator == "anyOf" and {"type": "null"} in rule and found is not None:
            # An optional value that is not null: its errors are those of the other branch.
            paths |= _paths(sub for sub in error.context or () if rule[sub.schema_path[0]] != {"type": "null"})
        elif error.validator == "required":
            missing = [key for key in rule if key not in found]
            paths |= {path_text([*error.absolute_path, key]) for key in missing}
        elif error.validator == "additionalProperties":
            known = schema.get("properties", {})
            paths |= {path_text([*error.absolute_path, key]) for key in found if key not in known}
        else:
            paths.add(path_text(error.absolute_path))
    return paths


def articlefm_failures(text: str, schema: type, strict: bool = False) -> set[str]:
    try:
        articlefm.loads(text, schema=schema, strict=strict)
    except ArticleError as exc:
        return {problem.path for problem in exc.problems}
    return set()
