"""Documents, and the read and write paths between them and text.

Read: frame, scan to plain data (or, outside the scanner's subset, read the
full parser's events into it), structure with the fast converter. Only when
that fails does the slow path run: the full parser, the source tree with its
spans, the detailed converter, and every problem placed at its line and column.

Write: an unedited document is its source text (:func:`unedited`);
any other is written by :mod:`._write`, as a plan of edits to that text or in
house style when it has none, and must load back as the document.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

import attrs

from . import _track
from ._compile import compiled
from ._errors import ArticleError, Problem
from ._framing import bounds, decode
from ._limits import DEFAULT, Limits
from ._model import MODELS, Article, filling_class
from ._scan import quick_data
from ._track import on_setattr
from ._tree import Mapping, Node, Scalar, Sequence, line_column

# The slow read path (the full parser, cattrs) and the write path are imported where they run:
# loading a valid file in the reader's subset, the usual case, never needs them (tests/test_cli.py).

__all__ = ["Document", "dumps", "loads"]

T = TypeVar("T")
FIRST_LINE = 2  # the front matter starts on the line after the opening ---
# Schemas whose every change is counted (see _track); None is plain dicts and lists.
_TRACKED_SCHEMAS = MODELS | {None}
# Written text is read back to check it; what the model holds is within bounds by definition.
_VERIFY_LIMITS = Limits(max_front_matter=sys.maxsize, max_depth=500, max_values=sys.maxsize)


@attrs.define(eq=False)
class Document(Generic[T]):
    """Typed front matter (``meta``) and the body after it, verbatim.

    A document loaded from a file remembers that file's text, so writing it
    back changes only what was changed. A document built in Python is written
    in the house style:

    >>> import articlefm
    >>> doc = articlefm.loads("---\\ntitle: Hello\\n---\\nBody\\n", schema=None)
    >>> doc.meta, doc.body
    ({'title': 'Hello'}, 'Body\\n')
    """

    meta: T = attrs.field(on_setattr=on_setattr)
    body: str = attrs.field(default="\n", on_setattr=on_setattr)
    # Private, set by the loader and by dump; not edits, so not counted.
    # The text it was read from (as UTF-8 bytes where that is smaller), None if built in Python.
    _source: str | bytes | None = attrs.field(
        default=None, kw_only=True, repr=False, on_setattr=attrs.setters.NO_OP, alias="_source"
    )
    # The plain data its front matter was scanned as (see _scan), shared with meta where they hold
    # the same strings: an edit is found by comparing it with the model, not by reading the text.
    _data: dict[str, Any] | None = attrs.field(
        default=None, kw_only=True, repr=False, on_setattr=attrs.setters.NO_OP, alias="_data"
    )
    # The count of changes (see _track) when it was read, if its schema counts them all.
    _read_at: int | None = attrs.field(
        default=None, kw_only=True, repr=False, on_setattr=attrs.setters.NO_OP, alias="_read_at"
    )
    _strict: bool = attrs.field(
        default=False, kw_only=True, repr=False, on_setattr=attrs.setters.NO_OP, alias="_strict"
    )
    # The file it was read from or last written to, for dump's lost-update check.
    _path: str | None = attrs.field(
        default=None, kw_only=True, repr=False, on_setattr=attrs.setters.NO_OP, alias="_path"
    )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return bool(self.meta == other.meta and self.body == other.body)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (restored, (self.meta, self.body, self._state()))

    def _state(self) -> tuple[Any, ...]:
        """What a copy needs besides ``meta`` and ``body`` (see :func:`restored`)."""
        return (self._source, self._strict, self._path, unedited(self))

    def _tie(self, path: str) -> None:
        """Remember the file the document was read from, for ``dump``'s lost-update check."""
        self._path = path

    def _wrote(self, data: bytes, path: str) -> None:
        """``path`` now holds ``data``, written from this document: later writes diff against it and check it."""
        if not unedited(self):
            self._source = data
            self._data = None
            self._read_at = None
        self._path = path


def restored(meta: Any, body: str, state: tuple[Any, ...]) -> Document[Any]:
    """A copy of a document from its ``meta``, ``body`` and ``_state()``, in this process or another.

    The change count is this process's: the copy starts unedited only if the original was.
    """
    source, strict, path, was_unedited = state
    return loaded(meta, body, source, None, _track.count if was_unedited else None, strict, path)


_DocumentFilling = filling_class(Document)


def loaded(
    meta: Any, body: str, source: str | bytes | None, data: Any, read_at: int | None, strict: bool, path: str | None
) -> Document[Any]:
    """A document as a loader makes it: as ``Document(...)`` would, a few microseconds sooner."""
    document: Any = object.__new__(_DocumentFilling)
    document.meta = meta
    document.body = body
    document._source = source
    document._data = data
    document._read_at = read_at
    document._strict = strict
    document._path = path
    document.__class__ = Document
    return document  # type: ignore[no-any-return]  # not typing.cast: a call per load


def unedited(document: Document[Any]) -> bool:
    """Whether the document is exactly what its source text says, without comparing anything."""
    return document._read_at is not None and document._read_at == _track.count


def source_text(document: Document[Any]) -> str | None:
    source = document._source
    return source.decode("utf-8") if isinstance(source, bytes) else source


def source_bytes(document: Document[Any]) -> bytes | None:
    source = document._source
    return source.encode("utf-8") if isinstance(source, str) else source


# --- read ---------------------------------------------------------------------------------------------------------


@overload
def loads(text: str | bytes, *, strict: bool = ..., filename: str = ..., limits: Limits = ...) -> Document[Article]: ...
@overload
def loads(
    text: str | bytes, *, schema: type[T], strict: bool = ..., filename: str = ..., limits: Limits = ...
) -> Document[T]: ...
@overload
def loads(
    text: str | bytes, *, schema: None, strict: bool = ..., filename: str = ..., limits: Limits = ...
) -> Document[dict[str, Any]]: ...
def loads(
    text: str | bytes,
    *,
    schema: Any = Article,
    strict: bool = False,
    filename: str = "<string>",
    limits: Limits = DEFAULT,
) -> Document[Any]:
    """Read an article from text (``str``, or UTF-8 ``bytes``).

    ``schema`` is any attrs class (default :class:`Article`), or ``None`` for a
    plain ``dict``. ``strict=True`` makes unknown keys errors instead of kept.
    ``limits`` bounds what hostile input can cost (:class:`Limits`). Bad input
    raises :class:`ArticleError` listing every problem.

    >>> import articlefm, pathlib
    >>> text = pathlib.Path("examples/boston-facial-recognition.md").read_bytes()
    >>> doc = articlefm.loads(text)
    >>> doc.meta.quality, doc.meta.published_date_time.isoformat()
    (38, '2020-06-24T23:48:00+00:00')
    >>> bad = text.replace(b"quality: 38", b"quality: high").replace(b"heat: -1", b"heat: -5")
    >>> articlefm.loads(bad, filename="a.md")
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: a.md:10:10: quality: expected an integer, found string 'high'
    a.md:11:7: heat: expected an integer >= -1, found -5
    """
    source: str | bytes = text
    if isinstance(text, (bytes, bytearray, memoryview)):
        source = bytes(text)
        text = decode(source, filename)
        if sys.getsizeof(text) <= sys.getsizeof(source):
            source = text  # ASCII or Latin-1: the text is as small, and needs no decoding to write
    _, fm_start, fm_end, body_start = bounds(text, filename)
    front_matter = text[fm_start:fm_end]
    if len(front_matter) > limits.max_front_matter:
        message = (
            f"expected a front matter of at most {limits.max_front_matter:,} characters, "
            f"found {len(front_matter):,} (Limits.max_front_matter)"
        )
        raise ArticleError([Problem("", FIRST_LINE, 1, message)], filename)
    meta, data = _read(front_matter, schema, strict, filename, limits)
    read_at = _track.count if schema in _TRACKED_SCHEMAS else None
    return loaded(meta, text[body_start:], source, data, read_at, strict, None)


def _read(source: str, schema: Any, strict: bool, filename: str, limits: Limits) -> tuple[Any, Any]:
    """The model of a front matter, and its scanned data if the fast path read it.

    The fast path, or the slow one that explains why not.
    """
    try:
        data = quick_data(source, limits.max_depth, limits.max_values, typed=schema is None)
    except (ValueError, OverflowError):  # a plain scalar that is no valid value (30 February): placed below
        from ._parse import parse

        return _read_slowly(source, schema, strict, filename, limits, parse), None
    scanned = data  # kept by the document, for its writes; not the full parser's data (see _write)
    if data is None:  # outside the reader's subset, or a problem it leaves to the full parser
        from ._parse import parse_data, parse_full

        data = parse_data(source, limits, typed=schema is None)
        if data is None:  # a problem: placed by the slow path
            return _read_slowly(source, schema, strict, filename, limits, parse_full), None
    if schema is None:
        return data, None  # typed data is the model: nothing to compare with
    try:
        structure = compiled(schema, strict)
        if structure is not None:
            return structure(data), scanned
        from ._convert import converter

        return converter(strict, detailed=False).structure(data, schema), scanned
    except Exception:  # noqa: BLE001 - the slow path below finds and reports every problem
        pass
    from ._parse import parse

    return _read_slowly(source, schema, strict, filename, limits, parse), None


def _read_slowly(
    source: str, schema: Any, strict: bool, filename: str, limits: Limits, parser: Callable[[str, Limits], Node]
) -> Any:
    """The slow path, with every problem placed; ``parser`` makes the tree (the reader's tree is the full
    parser's wherever the reader reads the text, so it need not be tried again once it has declined)."""
    from cattrs.errors import BaseValidationError

    from ._cattrs import iter_failures
    from ._convert import MissingKey, UnknownKey, converter, failure_message
    from ._parse import KeyProblems, Problems, to_data

    problems = []
    try:
        tree = parser(source, limits)
        data = to_data(tree, source, FIRST_LINE, limits)
    except KeyProblems as exc:  # bad keys are left out: the rest is checked too, to report all at once
        problems = [_problem(source, offset, path, message) for offset, path, message in exc.problems]
        data = exc.data
    except Problems as exc:
        raise ArticleError(
            [_problem(source, offset, path, message) for offset, path, message in exc.problems], filename
        ) from None
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a scalar"
        message = f"expected a mapping of keys to values as front matter, found {found}"
        raise ArticleError([_problem(source, 0, "", message)], filename)
    try:
        model = converter(strict).structure(data, Any if schema is None else schema)
    except (BaseValidationError, ValueError, TypeError) as exc:
        find = _Finder(tree)
        for path, failure in iter_failures(exc):
            node = find(path, key=isinstance(failure, UnknownKey), missing=isinstance(failure, MissingKey))
            problems.append(_problem(source, node.start, _path_text(path), failure_message(failure)))
    if problems:
        raise ArticleError(problems, filename)
    return model


def _problem(source: str, offset: int, path: str, message: str) -> Problem:
    line, column = line_column(source, offset)
    return Problem(path, line + FIRST_LINE - 1, column, message)


def _path_text(path: tuple[str | int, ...]) -> str:
    """``("related", 2, "images", 0, "width")`` -> ``related[2].images[0].width``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Finder:
    """Finds the node at a failure's path; mappings are indexed once, however many failures."""

    def __init__(self, tree: Node) -> None:
        self.tree = tree
        self.entries: dict[int, dict[str, tuple[Scalar, Node]]] = {}

    def __call__(self, path: tuple[str | int, ...], *, key: bool, missing: bool) -> Node:
        """The node at ``path``: its key for an unknown key, its mapping for a missing one."""
        node = self.tree
        steps = path[:-1] if missing else path
        for position, part in enumerate(steps):
            if isinstance(node, Mapping):
                entries = self.entries.get(id(node))
                if entries is None:
                    entries = self.entries[id(node)] = {}
                    for entry in node.items:
                        entries.setdefault(entry[0].value, entry)  # the first of repeated keys, as loaded
                found = entries.get(part) if isinstance(part, str) else None
                if found is None:
                    return node
                if key and position == len(steps) - 1:
                    return found[0]
                node = found[1]
            elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node.items):
                node = node.items[part]
            else:
                return node
        return node


# --- write (the edited path: :mod:`._write`) ---------------------------------------------------------------------


def dumps(document: Document[Any]) -> str:
    """The document as text: unchanged parts exactly as read, new parts in house style.

    An invalid model (lists can be changed in place without validation) raises
    :class:`ArticleError` naming each bad field; nothing is written.

    >>> import articlefm, pathlib
    >>> text = pathlib.Path("examples/boston-facial-recognition.md").read_text(encoding="utf-8")
    >>> doc = articlefm.loads(text)
    >>> articlefm.dumps(doc) == text
    True
    >>> doc.meta.quality = 40
    >>> [line for line in articlefm.dumps(doc).splitlines() if line.startswith("quality")]
    ['quality: 40']
    >>> doc.meta.topics.append("")
    >>> articlefm.dumps(doc)
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: <document>: topics[2]: expected a non-empty string, found an empty one
    """
    text = source_text(document) if unedited(document) else None
    if text is not None:
        return text
    from ._write import write

    return write(document, "<document>")
