"""JSON Schema (draft 2020-12) for any schema class, for editors and other languages.

What the loader reads, said in JSON Schema as far as it can say it: the file's
keys, which are required, each value's type, and the rules the validators check
that JSON Schema can express (each rule's ``json_schema`` keywords, see
``_validate``; and attrs' own ``ge``, ``in_``, ``matches_re``, ``min_len`` ...).
Timestamps are strings: a JSON Schema tool sees front matter as JSON data, see
:func:`json_data`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from typing import Any

import attrs

from ._model import META
from ._schema import FieldSpec, list_item, optional_inner, spec
from ._secured import Secured
from ._validate import Rule

__all__ = ["json_data", "json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# A YAML timestamp as text (the YAML 1.1 timestamp form that ruamel.yaml reads), zone optional;
# a datetime field needs the time, a date field only the date.
_TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?"
    r"([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?$"
)

# Secured's rule as far as a pattern can say it: standard base64 payload, ';', an iv of 16 bytes.
_SECURED = r"^[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]{22}==$"

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.datetime: {"type": "string", "pattern": _TIMESTAMP},
    dt.date: {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    Secured: {"type": "string", "pattern": _SECURED},
    Any: {},
    dict: {"type": "object"},
}


def json_schema(cls: type, *, strict: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a schema class's front matter.

    Properties are the file's keys; ``required`` the fields without a default;
    titles from the class names, descriptions from their docstrings' first
    paragraph and from a field's ``metadata={"articlefm": {"description": ...}}``;
    nested classes in ``$defs``. ``strict=True`` forbids unknown keys, as
    ``load(strict=True)`` does. Timestamps are strings (see :func:`json_data`).

    >>> import attrs, articlefm
    >>> @attrs.define
    ... class Post:
    ...     '''A blog post.'''
    ...     title: str
    ...     tags: list[str] = attrs.Factory(list)
    >>> articlefm.json_schema(Post, strict=True)  # doctest: +NORMALIZE_WHITESPACE
    {'$schema': 'https://json-schema.org/draft/2020-12/schema', 'title': 'Post',
     'description': 'A blog post.', 'type': 'object',
     'properties': {'title': {'type': 'string'},
                    'tags': {'type': 'array', 'items': {'type': 'string'}, 'default': []}},
     'required': ['title'], 'additionalProperties': False}
    """
    if not attrs.has(cls):
        raise TypeError(f"expected an attrs class, found {cls!r}")
    builder = _Builder(cls, strict)
    schema = {"$schema": DRAFT, **builder.object_schema(cls)}
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema


class _Builder:
    def __init__(self, root: type, strict: bool) -> None:
        self.strict = strict
        self.defs: dict[str, dict[str, Any]] = {}
        self.refs: dict[type, str] = {root: "#"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        class_spec = spec(cls)
        schema: dict[str, Any] = {"title": cls.__name__}
        description = _first_paragraph(cls.__doc__)
        if description:
            schema["description"] = description
        schema["type"] = "object"
        attributes = attrs.fields_dict(cls)
        schema["properties"] = {
            field.key: self.field_schema(field, attributes[field.name].metadata.get(META, {}))
            for field in class_spec.fields
        }
        required = [field.key for field in class_spec.fields if field.default is attrs.NOTHING]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = not self.strict
        return schema

    def field_schema(self, field: FieldSpec, meta: dict[str, Any]) -> dict[str, Any]:
        validator = field.attribute.validator if field.attribute is not None else None  # a user's, if any
        schema = self.type_schema(field.type, field.check, validator)
        for word in ("description", "title"):
            if meta.get(word):
                schema = {word: meta[word], **schema}
        default = _json_default(field.default)
        if default is not attrs.NOTHING:
            schema["default"] = default
        return schema

    def type_schema(self, tp: Any, rule: Rule | None = None, validator: Any = None) -> dict[str, Any]:
        """``tp``'s schema with the keywords of its rules: a rule of ``_validate``, an attrs validator."""
        inner = optional_inner(tp)
        if inner is not None:
            inner_rule = rule.optional or rule if rule is not None else None
            inner_validator = (
                getattr(validator, "validator", validator) if _is(validator, "_OptionalValidator") else validator
            )
            present = self.type_schema(inner, inner_rule, inner_validator)
            if isinstance(present.get("type"), str):  # null passes every other keyword of a typed schema
                if "enum" in present:
                    present["enum"] = [*present["enum"], None]
                return {**present, "type": [present["type"], "null"]}
            return {"anyOf": [present, {"type": "null"}]}
        item = list_item(tp)
        if item is not None:
            schema: dict[str, Any] = {
                "type": "array",
                "items": self.type_schema(item, rule.item if rule is not None else None),
            }
        elif attrs.has(tp):
            schema = {"$ref": self.ref(tp)}
        elif typing.get_origin(tp) is dict:
            schema = dict(_SCALARS[dict])
        elif tp in _SCALARS:
            schema = dict(_SCALARS[tp])
        else:
            raise TypeError(f"cannot say {tp!r} in JSON Schema: the loader does not read it either")
        if rule is not None:
            schema.update(rule.json_schema)
        schema.update(_validator_keywords(validator, schema.get("type")))
        return schema

    def ref(self, cls: type) -> str:
        known = self.refs.get(cls)
        if known is not None:
            return known
        name = cls.__name__
        number = 2
        while name in self.defs:  # two classes of one name: the second is Name2
            name = f"{cls.__name__}{number}"
            number += 1
        self.refs[cls] = f"#/$defs/{name}"
        self.defs[name] = {}  # taken before it is built, so a class that holds itself refers to it
        self.defs[name] = self.object_schema(cls)
        return self.refs[cls]


def _first_paragraph(doc: str | None) -> str:
    """A docstring's first paragraph on one line (examples and details stay out)."""
    if not doc:
        return ""
    paragraph = inspect.cleandoc(doc).split("\n\n")[0]
    return " ".join(paragraph.split())


def _json_default(default: Any) -> Any:
    """A field's default as JSON, or ``attrs.NOTHING`` when it has none (or none JSON can hold)."""
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return attrs.NOTHING
        default = default.factory()
    if default is None or isinstance(default, (bool, int, float, str)):
        return default
    if isinstance(default, list) and not default:
        return []
    if isinstance(default, dict) and not default:
        return {}
    return attrs.NOTHING


def _is(validator: Any, name: str) -> bool:
    return type(validator).__name__ == name and type(validator).__module__.startswith("attr")


_BOUNDS = {">=": "minimum", ">": "exclusiveMinimum", "<=": "maximum", "<": "exclusiveMaximum"}


def _validator_keywords(validator: Any, json_type: str | None) -> dict[str, Any]:
    """The JSON Schema keywords of attrs' own validators (``and_`` of them too); others say nothing."""
    if validator is None:
        return {}
    if isinstance(validator, (list, tuple)) or _is(validator, "_AndValidator"):
        parts = validator if isinstance(validator, (list, tuple)) else validator._validators
        return {word: rule for part in parts for word, rule in _validator_keywords(part, json_type).items()}
    if _is(validator, "_NumberValidator") and validator.compare_op in _BOUNDS:
        return {_BOUNDS[validator.compare_op]: validator.bound}
    if _is(validator, "_InValidator"):
        options = list(validator.options)
        if all(option is None or isinstance(option, (bool, int, float, str)) for option in options):
            return {"enum": options}
    if _is(validator, "_MatchesReValidator"):  # a JSON Schema pattern searches: anchor it as attrs matches
        anchored = {"fullmatch": "^(?:{})$", "match": "^(?:{})", "search": "{}"}[validator.match_func.__name__]
        return {"pattern": anchored.format(validator.pattern.pattern)}
    if _is(validator, "_MinLengthValidator"):
        return {"minItems" if json_type == "array" else "minLength": validator.min_length}
    if _is(validator, "_MaxLengthValidator"):
        return {"maxItems" if json_type == "array" else "maxLength": validator.max_length}
    return {}


def json_data(value: Any) -> Any:
    """Front matter as a JSON Schema tool sees it: timestamps as their ISO 8601 text.

    Give it what ``load(..., schema=None)`` reads (YAML 1.2 values: a timestamp
    is a ``datetime``, ``1.10`` a float). A ``date`` or ``datetime`` becomes its
    ``isoformat()`` text, a :class:`Secured` its token; lists and mappings are
    copied, other values are kept.

    >>> import articlefm
    >>> doc = articlefm.loads("---\\ndate: 2024-05-01T09:30:00Z\\ntags: [a]\\n---\\n", schema=None)
    >>> articlefm.json_data(doc.meta)
    {'date': '2024-05-01T09:30:00+00:00', 'tags': ['a']}
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Secured):
        return str(value)
    if isinstance(value, dict):
        return {str(key): json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    return value
