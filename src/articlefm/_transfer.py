"""Loaded documents as builtins, to cross from a worker process to the parent quickly.

:func:`articlefm.iter_load` with ``jobs`` loads files in worker processes, and
the parent takes every document in: a cost paid once per file, in the one
process every result passes through. Pickling the models as objects costs a
Python call per object on each side, and about half a load in all. Packed,
a model is a tuple of its field values (nested models are tuples too, lists
are lists), which the C pickler handles alone; the parent rebuilds each class
with one compiled function. That takes a fifth of a load.

Only freshly loaded documents of the built-in models are packed: they are
valid, and no model is shared between two places, so the tuples say all there
is. Anything else crosses as an ordinary pickle.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

from ._codegen import define
from ._document import Document, restored
from ._model import MODELS, filling_class
from ._schema import spec
from ._track import TrackedDict, TrackedList

__all__ = ["Packed", "pack", "unpack"]

# (the model's class, its values packed, body, source text, strict, path)
Packed = tuple[
    type, tuple[Any, ...], str, tuple[Any, ...]
]  # the model's class, its values, the body, Document._state()


def pack(document: Document[Any]) -> Packed | Document[Any]:
    """A just-loaded document as builtins, or the document itself when its schema is not a built-in model.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> unpack(pack(doc)) == doc
    True
    """
    cls: type = type(document.meta)
    if cls not in MODELS:
        return document
    return (cls, _packer(cls)(document.meta), document.body, document._state())


def unpack(packed: Packed | Document[Any]) -> Document[Any]:
    """The document :func:`pack` was given: equal, unedited, and written back as its source."""
    if isinstance(packed, Document):
        return packed
    cls, values, body, state = packed
    return restored(_unpacker(cls)(values), body, state)


# How each kind of field crosses: the packed value's expression, and the line that rebuilds it
# from there ({v}: the field on the model, {n}: its name). Plain values cross as they are.
_CROSSING = {
    "model": ("(None if {v} is None else _pack_{n}({v}))", "if {v} is not None: {v} = _unpack_{n}({v})"),
    "models": ("[_pack_{n}(item) for item in {v}]", "{v} = _TrackedList([_unpack_{n}(item) for item in {v}])"),
    "list": ("list({v})", "{v} = _TrackedList({v})"),
    "value": ("{v}", ""),
}


def _fields(cls: type) -> list[tuple[str, str, type | None]]:
    """Each field's name, its kind in :data:`_CROSSING`, and its model class."""
    fields: list[tuple[str, str, type | None]] = []
    for field in spec(cls).fields:
        if field.value_type in MODELS:
            fields.append((field.name, "model", field.value_type))
        elif field.item_type in MODELS:
            fields.append((field.name, "models", field.item_type))
        else:
            fields.append((field.name, "value" if field.item_type is None else "list", None))
    return fields


@functools.cache
def _packer(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names: dict[str, Any] = {}
    values = []
    for name, kind, model in _fields(cls):
        if model is not None:
            names[f"_pack_{name}"] = _packer(model)
        values.append(_CROSSING[kind][0].format(v=f"m.{name}", n=name))
    extra = spec(cls).extra
    if extra:  # most are empty: None then, and the parent makes a new one
        values.append(f"(m.{extra} or None)")
    source = "def pack(m):\n    return (" + "".join(f"{value}, " for value in values) + ")\n"
    return typing.cast(Callable[[Any], tuple[Any, ...]], define(source, "pack", f"pack {cls.__qualname__}", names))


@functools.cache
def _unpacker(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    names: dict[str, Any] = {
        "_new": object.__new__,
        "_Filling": filling_class(cls),
        "_cls": cls,
        "_TrackedList": TrackedList,
        "_TrackedDict": TrackedDict,
    }
    fields = _fields(cls)
    extra = spec(cls).extra
    # Every value in place first, in the order pack gave them; then the ones that need building.
    targets = [f"m.{name}" for name, _, _ in fields] + ([f"m.{extra}"] if extra else [])
    lines = ["m = _new(_Filling)", "".join(f"{target}, " for target in targets) + "= values"]
    for name, kind, model in fields:
        if model is not None:
            names[f"_unpack_{name}"] = _unpacker(model)
        if rebuild := _CROSSING[kind][1]:
            lines.append(rebuild.format(v=f"m.{name}", n=name))
    if extra:
        lines.append(f"if m.{extra} is None: m.{extra} = _TrackedDict()")
    lines += ["m.__class__ = _cls", "return m"]
    source = "def unpack(values):\n    " + "\n    ".join(lines) + "\n"
    return typing.cast(Callable[[tuple[Any, ...]], Any], define(source, "unpack", f"unpack {cls.__qualname__}", names))
