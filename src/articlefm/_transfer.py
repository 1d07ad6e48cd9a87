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

from . import _track
from ._document import Document, loaded
from ._model import Article, Image, Provider, RelatedArticle, filling_class
from ._schema import spec
from ._track import TrackedDict, TrackedList

__all__ = ["Packed", "pack", "unpack"]

_MODELS = frozenset((Article, Image, Provider, RelatedArticle))

# (the model's class, its values packed, body, source text, strict, path)
Packed = tuple[type, tuple[Any, ...], str, "str | bytes | None", bool, "str | None"]


def pack(document: Document[Any]) -> Packed | Document[Any]:
    """A just-loaded document as builtins, or the document itself when its schema is not a built-in model.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> unpack(pack(doc)) == doc
    True
    """
    cls: type = type(document.meta)
    if cls not in _MODELS:
        return document
    return (cls, _packer(cls)(document.meta), document.body, document._source, document._strict, document._path)


def unpack(packed: Packed | Document[Any]) -> Document[Any]:
    """The document :func:`pack` was given: equal, unedited, and written back as its source."""
    if isinstance(packed, Document):
        return packed
    cls, values, body, source, strict, path = packed
    meta = _unpacker(cls)(values)
    return loaded(meta, body, source, None, _track.count, strict, path)


def _model_of(tp: Any) -> type | None:
    return tp if isinstance(tp, type) and tp in _MODELS else None


@functools.cache
def _packer(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    class_spec = spec(cls)
    names: dict[str, Any] = {}
    values = []
    for field in class_spec.fields:
        value = f"m.{field.name}"
        if model := _model_of(field.value_type):
            names[f"_pack_{field.name}"] = _packer(model)
            values.append(f"(None if {value} is None else _pack_{field.name}({value}))")
        elif model := _model_of(field.item_type):
            names[f"_pack_{field.name}"] = _packer(model)
            values.append(f"[_pack_{field.name}(item) for item in {value}]")
        elif field.item_type is not None:
            values.append(f"list({value})")
        else:
            values.append(value)
    if class_spec.extra:  # most are empty: None then, and the parent makes a new one
        values.append(f"(m.{class_spec.extra} or None)")
    source = "def pack(m):\n    return (" + "".join(f"{value}, " for value in values) + ")\n"
    return typing.cast(Callable[[Any], tuple[Any, ...]], _define(source, "pack", cls, names))


@functools.cache
def _unpacker(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    class_spec = spec(cls)
    names: dict[str, Any] = {
        "_new": object.__new__,
        "_Filling": filling_class(cls),
        "_cls": cls,
        "_TrackedList": TrackedList,
        "_TrackedDict": TrackedDict,
    }
    # Every value in place first, in the order pack gave them; then the ones that need building.
    targets = [f"m.{field.name}" for field in class_spec.fields]
    if class_spec.extra:
        targets.append(f"m.{class_spec.extra}")
    lines = ["m = _new(_Filling)", "".join(f"{target}, " for target in targets) + "= values"]
    for field in class_spec.fields:
        value = f"m.{field.name}"
        if model := _model_of(field.value_type):
            names[f"_unpack_{field.name}"] = _unpacker(model)
            lines.append(f"if {value} is not None: {value} = _unpack_{field.name}({value})")
        elif model := _model_of(field.item_type):
            names[f"_unpack_{field.name}"] = _unpacker(model)
            lines.append(f"{value} = _TrackedList([_unpack_{field.name}(item) for item in {value}])")
        elif field.item_type is not None:
            lines.append(f"{value} = _TrackedList({value})")
    if class_spec.extra:
        lines.append(f"if m.{class_spec.extra} is None: m.{class_spec.extra} = _TrackedDict()")
    lines += ["m.__class__ = _cls", "return m"]
    source = "def unpack(values):\n    " + "\n    ".join(lines) + "\n"
    return typing.cast(Callable[[tuple[Any, ...]], Any], _define(source, "unpack", cls, names))


def _define(source: str, name: str, cls: type, names: dict[str, Any]) -> object:
    exec(compile(source, f"<articlefm {name} {cls.__qualname__}>", "exec"), names)
    return names[name]
