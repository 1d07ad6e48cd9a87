"""One field of a document by its path: ``title``, ``provider.domain``, ``images[0].width``, ``related[1]``.

Paths name keys as the file does (``publishedDateTime``) or as Python does
(``published_date_time``). Values are record values (see :mod:`._records`):
JSON's types, timestamps as their text. A change goes through the record, so
it is validated like a load and written with a minimal diff.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

from ._document import Document, _path_text
from ._records import RESERVED, from_record, to_record
from ._schema import list_item, optional_inner, spec
from ._tree import Plain

__all__ = ["get_field", "parse_value", "set_field", "unset_field"]

_STEP = re.compile(r"\.?([^.\[\]]+)|\[(-?[0-9]+)\]")
Part = str | int


def get_field(document: Document[Any], field: str) -> Any:
    """The value at ``field`` as record data: text, numbers, booleans, ``None``, lists, dicts.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> articlefm.get_field(doc, "provider.domain"), articlefm.get_field(doc, "images[0].width")
    ('ubergizmo.com', 900)
    >>> articlefm.get_field(doc, "published_date_time")
    '2020-06-24T23:48:00Z'
    >>> articlefm.get_field(doc, "related[5]")
    Traceback (most recent call last):
    ...
    LookupError: related[5]: no such item (related has 4)
    """
    parts = _file_path(document, field)
    return _walk(to_record(document, body=False), parts, field)[parts[-1]]


def set_field(document: Document[Any], field: str, value: Any, *, append: bool = False) -> None:
    """Set the value at ``field`` (``append=True``: add it to the list there); only its lines change on write.

    The value is record data (timestamps as text); :func:`parse_value` reads one
    from the command line's text. An invalid value raises
    :class:`~articlefm.ArticleError` and leaves the document as it was.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> articlefm.set_field(doc, "quality", 40)
    >>> articlefm.set_field(doc, "topics", "Robotics", append=True)
    >>> doc.meta.quality, doc.meta.topics[-1]
    (40, 'Robotics')
    >>> articlefm.set_field(doc, "images[0].width", 0)
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: <document>: images[0].width: expected an integer >= 1, found 0
    """
    parts = _file_path(document, field)
    record = to_record(document, body=False)
    parent = _walk(record, parts, field, create=True)
    last = parts[-1]
    if append:
        current = parent.get(last) if isinstance(parent, dict) else parent[last]
        if current is None:
            current = []
        if not isinstance(current, list):
            raise LookupError(f"{field}: not a list, cannot append to it")
        parent[last] = [*current, value]
    elif isinstance(parent, list) and last == len(parent):
        parent.append(value)  # one past the end: a new item
    else:
        parent[last] = value
    from_record(record, document, filename="<document>")


def unset_field(document: Document[Any], field: str) -> None:
    """Remove the key or list item at ``field``; a required key cannot be removed.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> articlefm.unset_field(doc, "topics[0]")
    >>> articlefm.unset_field(doc, "heat")
    >>> doc.meta.topics, doc.meta.heat
    (['AI'], None)
    >>> articlefm.unset_field(doc, "title")
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: <document>: title: missing required key 'title'
    """
    parts = _file_path(document, field)
    record = to_record(document, body=False)
    parent = _walk(record, parts, field)
    del parent[parts[-1]]
    from_record(record, document, filename="<document>")


def parse_value(text: str) -> Any:
    """A value written on the command line: JSON for a structure (``{...}``, ``[...]``), else a YAML plain scalar.

    A plain scalar takes the type of the field it is set to: ``40`` is an
    integer for ``quality`` and text for ``title``, ``true`` a boolean for
    ``published``, ``2021-01-01T00:00:00Z`` a timestamp for ``publishedDateTime``.

    >>> from articlefm._fields import parse_value
    >>> parse_value('{"name": "Example", "domain": "example.com"}')
    {'name': 'Example', 'domain': 'example.com'}
    """
    if text[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ValueError(f"expected JSON after {text[0]!r}: {exc}") from None
    return Plain(text)


def _parts(field: str) -> list[Part]:
    parts: list[Part] = []
    position = 0
    for match in _STEP.finditer(field):
        if match.start() != position or (match.group(0).startswith(".") and not parts):
            break
        parts.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        position = match.end()
    if not parts or position != len(field) or isinstance(parts[0], int):
        raise LookupError(f"{field}: expected a field such as title, provider.domain or images[0].width")
    return parts


def _file_path(document: Document[Any], field: str) -> list[Part]:
    """The parts of ``field``, each key as the file spells it (Python names mapped through the schema)."""
    tp: Any = type(document.meta) if attrs.has(type(document.meta)) else Any
    parts: list[Part] = []
    for part in _parts(field):
        tp = optional_inner(tp) or tp
        if isinstance(part, int):
            tp = list_item(tp) or Any
        elif attrs.has(tp):
            class_spec = spec(tp)
            known = class_spec.by_key.get(part) or class_spec.by_name.get(part)
            part, tp = (known.key, known.type) if known is not None else (part, Any)
        if not parts and part in RESERVED:
            raise LookupError(f"{field}: {part!r} is not a front-matter key")
        parts.append(part)
    return parts


def _walk(record: Any, parts: list[Part], field: str, *, create: bool = False) -> Any:
    """The dict or list holding the last part; ``create``: missing mappings on the way are made."""
    here = record
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        name = _path_text(tuple(parts[: depth + 1]))
        if isinstance(part, int):
            if not isinstance(here, list):
                raise LookupError(f"{name}: {_path_text(tuple(parts[:depth]))} is not a list")
            if not -len(here) <= part < len(here) + (create and last):
                raise LookupError(f"{name}: no such item ({_path_text(tuple(parts[:depth]))} has {len(here)})")
        elif not isinstance(here, dict):
            raise LookupError(f"{name}: {_path_text(tuple(parts[:depth]))} is not a mapping")
        elif part not in here:
            if not create:
                raise LookupError(f"{name}: no such key")
            if not last:
                here[part] = {}
        if last:
            return here
        here = here[part]
    return here
