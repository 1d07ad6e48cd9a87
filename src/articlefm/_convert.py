"""The configured cattrs converter: plain data to models and back.

Plain scalars arrive as :class:`~._tree.Plain` text and are typed here, by the
target type: a ``str`` field gets the text as written, an ``int`` field the
YAML 1.2 integer (never a bool).

It comes in two modes with the same type hooks. The *fast* one structures
and lets the models' own attrs validators check each rule once, in
``__init__``; it stops at the first failure. The *detailed* one runs each
field's rule in its hook, so cattrs' detailed validation collects every
failure with its path; the loader uses it only to report a file the fast one
rejected.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._resolve import BOOLS, NULLS, Resolved, parse_timestamp, resolve_plain
from ._resolve import ISO_TIMESTAMP as ISO_TIMESTAMP  # where the writer looks for it
from ._schema import FieldSpec, list_item, optional_inner, spec
from ._secured import Secured
from ._track import TrackedDict, TrackedList
from ._tree import Plain
from ._validate import NestedError, Rule, describe, is_int

PathPart = str | int


class UnknownKey(ValueError):
    """A key the schema does not know, in strict mode."""


class MissingKey(ValueError):
    """A required key is absent."""


class _FileKeyNote(AttributeValidationNote):
    """Names a key as the file spells it (an unknown key), where cattrs' notes name attributes."""


def _is_null(value: object) -> bool:
    return value is None or (type(value) is Plain and value in NULLS)


def _typed(value: Any) -> Any:
    """A plain scalar's YAML value; anything else as it is."""
    return resolve_plain(value) if type(value) is Plain else value


def resolve_data(value: Any) -> Any:
    """Plain data with every plain scalar typed (for ``schema=None`` and ``extra``)."""
    if type(value) is Plain:
        return resolve_plain(value)
    if isinstance(value, list):
        return TrackedList([resolve_data(item) for item in value])
    if isinstance(value, dict):
        return TrackedDict({key: resolve_data(item) for key, item in value.items()})
    return value


# Each type hook tries the common case first, then types the value in full.


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str) and not _is_null(value):
        return str.__str__(value)
    raise ValueError(f"expected a string, found {describe(_typed(value))}")


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is Plain and len(value) < 19 and value.isdigit() and value.isascii():
        return int(value)
    typed = _typed(value)
    if is_int(typed):
        return typing.cast(int, typed)
    raise ValueError(f"expected an integer, found {describe(typed)}")


def _structure_float(value: Any, _: Any) -> float:
    typed = _typed(value)
    if isinstance(typed, float) or is_int(typed):
        return float(typed)
    raise ValueError(f"expected a number, found {describe(typed)}")


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is Plain and value in BOOLS:
        return BOOLS[value]
    typed = _typed(value)
    if isinstance(typed, bool):
        return typed
    raise ValueError(f"expected true or false, found {describe(typed)}")


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    typed: Resolved = value
    if type(value) is Plain:
        typed = resolve_plain(value)
        if typed == value and value[:1].isdigit():
            typed = parse_timestamp(value)  # says what is wrong with it
    elif isinstance(value, str):
        raise ValueError(f"expected an unquoted timestamp such as 2020-06-24T23:48:00Z, found {describe(value)}")
    if isinstance(typed, dt.datetime):
        return typed
    raise ValueError(f"expected a timestamp such as 2020-06-24T23:48:00Z, found {describe(typed)}")


def _structure_date(value: Any, _: Any) -> dt.date:
    typed = _typed(value)
    if isinstance(typed, dt.date) and not isinstance(typed, dt.datetime):
        return typed
    raise ValueError(f"expected a date such as 2020-06-24, found {describe(typed)}")


def _structure_secured(value: Any, _: Any) -> Secured:
    if isinstance(value, Secured):
        return value
    if not isinstance(value, str) or _is_null(value):
        raise ValueError(f"expected a '<payload>;<iv>' token, found {describe(_typed(value))}")
    return Secured(str.__str__(value))


def _structure_any(value: Any, _: Any) -> Any:
    try:
        return resolve_data(value)
    except ValueError as exc:
        raise _first_unresolvable(value, ()) or exc from None


def _first_unresolvable(value: Any, path: tuple[PathPart, ...]) -> NestedError | None:
    """The first plain scalar in ``value`` that is not a valid value of the type it looks like, with its path."""
    if type(value) is Plain:
        try:
            resolve_plain(value)
        except ValueError as exc:
            return NestedError(path, str(exc))
    elif isinstance(value, (list, dict)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            found = _first_unresolvable(item, (*path, key))
            if found is not None:
                return found
    return None


class _Converter(cattrs.Converter):
    def __init__(self, strict: bool, detailed: bool) -> None:
        super().__init__(detailed_validation=detailed)
        self.strict = strict
        self.detailed = detailed
        for tp, hook in (
            (str, _structure_str),
            (int, _structure_int),
            (float, _structure_float),
            (bool, _structure_bool),
            (dt.datetime, _structure_datetime),
            (dt.date, _structure_date),
            (Secured, _structure_secured),
            (Any, _structure_any),
        ):
            self.register_structure_hook(tp, hook)
        self.register_structure_hook_factory(lambda tp: optional_inner(tp) is not None, self._optional_hook)
        self.register_structure_hook_factory(lambda tp: list_item(tp) is not None, self._list_hook)
        self.register_structure_hook_factory(attrs.has, self._class_hook)
        for tp in (dt.datetime, dt.date, Secured):
            self.register_unstructure_hook(tp, _keep if tp is not Secured else str)
        self.register_unstructure_hook_factory(attrs.has, self._class_unstructure_hook)

    def _optional_hook(self, tp: Any) -> Callable[[Any, Any], Any]:
        inner = optional_inner(tp)
        handler = self.get_structure_hook(inner)

        def structure(value: Any, _: Any) -> Any:
            if type(value) is str and inner is str:
                return value  # quoted text, the most common optional value, without another call
            if value is None or (type(value) is Plain and value in NULLS):
                return None
            return handler(value, inner)

        return structure

    def _list_hook(self, tp: Any, item_check: Rule | None = None) -> Callable[[Any, Any], list[Any]]:
        item_type = list_item(tp)
        handler = self.get_structure_hook(item_type)
        if not self.detailed:

            def structure_fast(value: Any, _: Any) -> list[Any]:
                if not isinstance(value, list):
                    raise ValueError(f"expected a list, found {describe(_typed(value))}")
                return TrackedList([handler(item, item_type) for item in value])

            return structure_fast
        if item_check is not None:
            handler = self._checked(item_type, item_check.check)

        def structure(value: Any, _: Any) -> list[Any]:
            if not isinstance(value, list):
                raise ValueError(f"expected a list, found {describe(_typed(value))}")
            result: TrackedList[Any] = TrackedList()
            errors = []
            for index, item in enumerate(value):
                try:
                    list.append(result, handler(item, item_type))  # a new list: no change to count
                except Exception as exc:  # noqa: BLE001 - collected with the index, re-raised below
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ [{index}]", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"while structuring {tp}", errors, tp)
            return result

        return structure

    def _class_hook(self, cls: type) -> Callable[[Any, Any], Any]:
        class_spec = spec(cls)
        overrides = {
            field.name: override(rename=field.key, struct_hook=self._field_hook(field) if self.detailed else None)
            for field in class_spec.fields
        }
        if class_spec.extra:
            overrides[class_spec.extra] = override(omit=True)
        build: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, self, _cattrs_forbid_extra_keys=False, **typing.cast(dict[str, Any], overrides)
        )
        known = frozenset(class_spec.by_key)
        extra = class_spec.extra
        strict = self.strict
        detailed = self.detailed

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"expected a mapping, found {describe(_typed(value))}")
            if known.issuperset(value):
                return build(value, cls)
            errors: list[Exception] = []
            extra_values: dict[str, Any] = {}
            for key in value:
                if key in known:
                    continue
                try:
                    if strict:
                        raise UnknownKey(f"unknown key {key!r} (strict mode)")
                    if extra:
                        extra_values[key] = _structure_any(value[key], Any)
                except ValueError as exc:
                    if not detailed:
                        raise
                    exc.__notes__ = [_FileKeyNote(f"@ {key}", key, Any)]
                    errors.append(exc)
            try:
                result = build({key: item for key, item in value.items() if key in known}, cls)
            except ClassValidationError as exc:
                raise ClassValidationError(exc.message, [*exc.exceptions, *errors], cls) from None
            if errors:
                raise ClassValidationError(f"while structuring {cls.__name__}", errors, cls)
            if extra:
                # Set as attrs' own __init__ does: not an edit (nothing to validate or count), frozen classes too.
                object.__setattr__(result, extra, TrackedDict(extra_values))
            return result

        return structure

    def _field_hook(self, field: FieldSpec) -> Callable[[Any, Any], Any]:
        """Structure one field and run its rule, so a failure carries the field's path."""
        item_check = field.check.item if field.check is not None else None
        if item_check is not None and list_item(field.type) is not None:
            return self._list_hook(field.type, item_check)  # each item checked, with its index
        if field.attribute is not None:
            return self._checked(field.type, functools.partial(_run_validator, field))
        return self._checked(field.type, field.check.check if field.check is not None else None)

    def _checked(self, tp: Any, check: Callable[[Any], object] | None) -> Callable[[Any, Any], Any]:
        """``tp``'s hook, then ``check`` (a rule, or a user's validators) on what it made."""
        handler = self.get_structure_hook(tp)
        if check is None:
            return handler

        def structure(value: Any, _: Any) -> Any:
            result = handler(value, tp)
            check(result)
            return result

        return structure

    def _class_unstructure_hook(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        class_spec = spec(cls)
        overrides = {field.name: override(rename=field.key) for field in class_spec.fields}
        if class_spec.extra:
            overrides[class_spec.extra] = override(omit=True)
        build: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, self, _cattrs_omit_if_default=True, **typing.cast(dict[str, Any], overrides)
        )
        extra = class_spec.extra
        keys = [field.key for field in class_spec.fields]

        def unstructure(value: Any) -> dict[str, Any]:
            built = build(value)  # fields left at their default (None, []) are absent
            result = {key: built[key] for key in keys if key in built}  # in schema order
            if extra is None:
                return result
            for key, item in getattr(value, extra).items():
                if key in class_spec.by_key:
                    raise ValueError(f"{extra}[{key!r}] shadows the field {class_spec.by_key[key].name!r}")
                result[key] = self.unstructure(item)
            return result

        return unstructure


def _run_validator(field: FieldSpec, value: Any) -> None:
    """A user's attrs validator on the value alone; ones that need the instance run in ``__init__``."""
    try:
        field.attribute.validator(None, field.attribute, value)
    except (ValueError, TypeError):
        raise
    except Exception:  # noqa: BLE001 - it needs the instance: attrs runs it in __init__
        return


def _keep(value: Any) -> Any:
    return value


@functools.cache
def converter(strict: bool, detailed: bool = True) -> cattrs.Converter:
    """The converter for lenient (unknown keys kept) or strict loading; fast or detailed."""
    return _Converter(strict, detailed)


def iter_failures(
    exc: BaseException, path: tuple[PathPart, ...] = ()
) -> Iterator[tuple[tuple[PathPart, ...], BaseException]]:
    """Each leaf failure in a cattrs error tree, with its path of file keys and indexes."""
    if isinstance(exc, ClassValidationError):
        class_spec = spec(exc.cl) if attrs.has(exc.cl) else None
        for sub in exc.exceptions:
            note = next((n for n in getattr(sub, "__notes__", []) if isinstance(n, AttributeValidationNote)), None)
            if note is None:
                yield path, sub
                continue
            field = class_spec.by_name.get(note.name) if class_spec and not isinstance(note, _FileKeyNote) else None
            key = field.key if field else note.name
            if isinstance(sub, KeyError):
                yield (*path, key), MissingKey(f"missing required key {key!r}")
            else:
                yield from iter_failures(sub, (*path, key))
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            index = next(
                (n.index for n in getattr(sub, "__notes__", []) if isinstance(n, IterableValidationNote)), None
            )
            yield from iter_failures(sub, path if index is None else (*path, index))
    elif isinstance(exc, NestedError):
        yield (*path, *exc.path), exc
    else:
        yield path, exc


def failure_message(exc: BaseException) -> str:
    """What to tell the user about one leaf failure."""
    return str(exc) if isinstance(exc, (ValueError, TypeError)) else f"{type(exc).__name__}: {exc}"
