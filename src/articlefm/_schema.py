"""What an attrs class says about its file keys: names, types, rules, style.

Any attrs class is a schema. A field's file key is its name by the class's
key naming (camelCase unless :func:`~._naming.key_naming` says otherwise)
unless ``metadata={"articlefm": {"key": "..."}}`` names it; a ``dict`` field
named ``extra`` receives the keys the class does not know.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

import attrs

from ._model import META
from ._naming import check_held, file_key
from ._validate import Rule


@attrs.frozen
class FieldSpec:
    name: str
    key: str
    type: Any
    check: Rule | None
    quoted: bool
    blank_line_before: bool
    attribute: Any  # the attrs attribute, when it has a user's validator the loader runs
    default: Any  # attrs' default: a value, an attrs.Factory, or attrs.NOTHING
    value_type: Any  # ``type`` without ``| None``
    item_type: Any  # for a ``list[X]`` field, ``X``; else None

    def is_default(self, value: Any) -> bool:
        """Whether ``value`` is the field's default (a field the writer leaves out)."""
        if self.default is attrs.NOTHING:
            return False
        if isinstance(self.default, attrs.Factory):  # type: ignore[arg-type]
            return bool(value == self.default.factory())
        return bool(value == self.default)


@attrs.frozen
class ClassSpec:
    cls: type
    fields: tuple[FieldSpec, ...]
    by_key: dict[str, FieldSpec]
    by_name: dict[str, FieldSpec]
    extra: str | None  # the attribute holding unknown keys, if any


@functools.cache
def spec(cls: type) -> ClassSpec:
    """The :class:`ClassSpec` of an attrs class (computed once per class)."""
    hints = typing.get_type_hints(cls)
    check_held(cls, list(hints.values()))
    fields = []
    extra = None
    for field in attrs.fields(cls):
        meta = field.metadata.get(META, {})
        if meta.get("extra") or (field.name == "extra" and _is_dict(hints[field.name])):
            extra = field.name
            continue
        fields.append(
            FieldSpec(
                name=field.name,
                key=meta["key"] if "key" in meta else file_key(cls, field.name),
                type=hints[field.name],
                check=meta.get("check"),
                quoted=meta.get("quoted", False),
                blank_line_before=meta.get("blank_line_before", False),
                attribute=field if field.validator is not None and "check" not in meta else None,
                default=field.default,
                value_type=optional_inner(hints[field.name]) or hints[field.name],
                item_type=list_item(optional_inner(hints[field.name]) or hints[field.name]),
            )
        )
    return ClassSpec(
        cls=cls,
        fields=tuple(fields),
        by_key={f.key: f for f in fields},
        by_name={f.name: f for f in fields},
        extra=extra,
    )


def _is_dict(tp: Any) -> bool:
    return tp is dict or typing.get_origin(tp) is dict


@functools.cache
def optional_inner(tp: Any) -> Any | None:
    """``X`` for ``X | None`` (or ``Optional[X]``), else ``None``."""
    args = typing.get_args(tp)
    if type(None) in args and len(args) == 2:
        return next(arg for arg in args if arg is not type(None))
    return None


@functools.cache
def list_item(tp: Any) -> Any | None:
    """``X`` for ``list[X]``, else ``None``."""
    if typing.get_origin(tp) is list:
        args = typing.get_args(tp)
        return args[0] if args else Any
    return None
