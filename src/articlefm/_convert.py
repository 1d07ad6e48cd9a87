"""The type hooks: plain data to typed values, and the configured cattrs converter built on them.

Plain scalars arrive as :class:`~._tree.Plain` text and are typed here, by the
target type: a ``str`` field gets the text as written, an ``int`` field the
YAML 1.2 integer (never a bool).

It comes in two modes with the same type hooks. The *fast* one structures
and lets the models' own attrs validators check each rule once, in
``__init__``; it stops at the first failure. The *detailed* one runs each
field's rule in its hook, so cattrs' detailed validation collects every
failure with its path; the loader uses it only to report a file the fast one
rejected. The converter itself is in :mod:`._cattrs`, imported when first asked
for: the compiled structurer (:mod:`._compile`) uses the hooks alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from typing import TYPE_CHECKING, Any

from ._resolve import BOOLS, NULLS, Resolved, parse_timestamp, resolve_plain
from ._secured import Secured
from ._track import TrackedDict, TrackedList
from ._tree import Plain
from ._validate import NestedError, describe, is_int

if TYPE_CHECKING:
    import cattrs

PathPart = str | int


class UnknownKey(ValueError):
    """A key the schema does not know, in strict mode."""


class MissingKey(ValueError):
    """A required key is absent."""


def is_null(value: object) -> bool:
    """Whether a value (data as read) is YAML's null."""
    return value is None or (type(value) is Plain and value in NULLS)


def _typed(value: Any) -> Any:
    """A plain scalar's YAML value; anything else as it is."""
    return resolve_plain(value) if type(value) is Plain else value


def resolve_data(value: Any) -> Any:
    """Plain data with every plain scalar typed (for ``schema=None`` and ``extra``)."""
    if type(value) is str:  # quoted, or plain text that is a string whatever the schema: the commonest
        return value
    if type(value) is Plain:
        return resolve_plain(value)
    # Loops, not comprehensions: one frame a level (a comprehension is a second), so the deepest data the
    # limits allow (Limits.max_depth) stays within the interpreter's recursion limit.
    if isinstance(value, list):  # a string item as it is, without a call: the commonest again
        items = []
        for item in value:
            items.append(item if type(item) is str else resolve_data(item))
        return TrackedList(items)
    if isinstance(value, dict):
        entries = {}
        for key, item in value.items():
            entries[key] = item if type(item) is str else resolve_data(item)
        return TrackedDict(entries)
    return value


# Each type hook tries the common case first, then types the value in full.


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str) and not is_null(value):
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
    if type(value) is str:  # quoted, as tokens are written
        return Secured(value)
    if isinstance(value, Secured):
        return value
    if not isinstance(value, str) or is_null(value):
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


@functools.cache
def converter(strict: bool, detailed: bool = True) -> cattrs.Converter:
    """The converter for lenient (unknown keys kept) or strict loading; fast or detailed."""
    from ._cattrs import Converter

    return Converter(strict, detailed)


def failure_message(exc: BaseException) -> str:
    """What to tell the user about one leaf failure."""
    return str(exc) if isinstance(exc, (ValueError, TypeError)) else f"{type(exc).__name__}: {exc}"
