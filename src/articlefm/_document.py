"""Documents, and the read and write paths between them and text.

Read: frame, scan to plain data, structure with the fast converter. Only
when that fails (or the text is outside the scanner's subset) does the slow
path run: the full parser, the source tree with its spans, the detailed
converter, and every problem placed at its line and column.

Write: an unedited document is its source text. An edited one is diffed
against the source tree and spliced (:mod:`._write`), or emitted in house
style (:mod:`._emit`) when it has no source; either way the new text must
load back as the document before it is returned.
"""

from __future__ import annotations

import sys
from typing import Any, Generic, TypeVar, overload

import attrs
from cattrs.errors import BaseValidationError

from . import _emit
from ._compile import compiled
from ._convert import MissingKey, UnknownKey, converter, failure_message, iter_failures, resolve_data
from ._errors import ArticleError, Problem
from ._framing import decode, split
from ._limits import DEFAULT, Limits
from ._model import Article, Image, Provider, RelatedArticle
from ._parse import Problems, parse, to_data
from ._scan import scan_data
from ._track import mutations, on_setattr
from ._tree import Mapping, Node, Sequence, line_column
from ._write import Restructure, splice, splice_values

__all__ = ["Document", "dumps", "loads"]

T = TypeVar("T")
FIRST_LINE = 2  # the front matter starts on the line after the opening ---
# Schemas whose every change is counted (see _track); None is plain dicts and lists.
_TRACKED_SCHEMAS = frozenset((None, Article, RelatedArticle, Provider, Image))
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
        # The change count is this process's: a copy starts unedited only if this one is.
        state = (self._source, self._strict, self._path, unedited(self))
        return (_rebuild, (type(self), self.meta, self.body, state))


def _rebuild(cls: type[Document[T]], meta: T, body: str, state: tuple[Any, ...]) -> Document[T]:
    source, strict, path, was_unedited = state
    read_at = mutations() if was_unedited else None
    return cls(meta, body, _source=source, _read_at=read_at, _strict=strict, _path=path)


def unedited(document: Document[Any]) -> bool:
    """Whether the document is exactly what its source text says, without comparing anything."""
    return document._read_at is not None and document._read_at == mutations()


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
    frame = split(text, filename)
    front_matter = frame.front_matter
    if len(front_matter) > limits.max_front_matter:
        message = (
            f"expected a front matter of at most {limits.max_front_matter:,} characters, "
            f"found {len(front_matter):,} (Limits.max_front_matter)"
        )
        raise ArticleError([Problem("", FIRST_LINE, 1, message)], filename)
    meta, data = _read(front_matter, schema, strict, filename, limits)
    read_at = mutations() if schema in _TRACKED_SCHEMAS else None
    return Document(meta, frame.body, _source=source, _data=data, _read_at=read_at, _strict=strict)


def _read(source: str, schema: Any, strict: bool, filename: str, limits: Limits) -> tuple[Any, Any]:
    """The model of a front matter, and its scanned data if the fast path read it.

    The fast path, or the slow one that explains why not.
    """
    data = scan_data(source, limits.max_depth, limits.max_values)
    if data is not None:
        try:
            if schema is None:
                return resolve_data(data), None  # the model is the data: nothing to compare with
            structure = compiled(schema, strict)
            if structure is not None:
                return structure(data), data
            return converter(strict, detailed=False).structure(data, schema), data
        except Exception:  # noqa: BLE001 - the slow path below finds and reports every problem
            pass
    return _read_slowly(source, schema, strict, filename, limits), None


def _read_slowly(source: str, schema: Any, strict: bool, filename: str, limits: Limits) -> Any:
    try:
        tree = parse(source, limits)
        data = to_data(tree, source, FIRST_LINE, limits)
    except Problems as exc:
        raise ArticleError(
            [_problem(source, offset, path, message) for offset, path, message in exc.problems], filename
        ) from None
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a scalar"
        message = f"expected a mapping of keys to values as front matter, found {found}"
        raise ArticleError([_problem(source, 0, "", message)], filename)
    if schema is None:
        try:
            return resolve_data(data)
        except ValueError:
            schema = Any  # the converter says which value is wrong, and where
    try:
        return converter(strict).structure(data, schema)
    except (BaseValidationError, ValueError, TypeError) as exc:
        problems = []
        for path, failure in iter_failures(exc):
            node = _find(tree, path, key=isinstance(failure, UnknownKey), missing=isinstance(failure, MissingKey))
            problems.append(_problem(source, node.start, _path_text(path), failure_message(failure)))
        raise ArticleError(problems, filename) from None


def _problem(source: str, offset: int, path: str, message: str) -> Problem:
    line, column = line_column(source, offset)
    return Problem(path, line + FIRST_LINE - 1, column, message)


def _path_text(path: tuple[str | int, ...]) -> str:
    """``("related", 2, "images", 0, "width")`` -> ``related[2].images[0].width``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _find(tree: Node, path: tuple[str | int, ...], *, key: bool, missing: bool) -> Node:
    """The node at ``path``: its key for an unknown key, its mapping for a missing one."""
    node = tree
    steps = path[:-1] if missing else path
    for position, part in enumerate(steps):
        if isinstance(node, Mapping):
            found = next(((k, v) for k, v in node.items if k.value == part), None)
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


# --- write --------------------------------------------------------------------------------------------------------


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
    return text if text is not None else write(document, "<document>")


def write(document: Document[Any], filename: str) -> str:
    """The text of an edited (or new) document; ``filename`` names it in errors."""
    meta = document.meta
    schema: Any = type(meta) if attrs.has(type(meta)) else None
    data = converter(document._strict, detailed=False).unstructure(meta) if schema is not None else meta
    text = source_text(document)
    if text is None:
        new = "---\n" + _emit.front_matter(data, schema) + "---\n" + document.body
        return _checked(new, document, schema, data, filename)
    frame = split(text, filename)
    front_matter = frame.front_matter
    # Values changed in place: the quick path. Anything else, or a quick result that does
    # not load back, goes to the differ; a differ result that does not, to house style.
    quick = splice_values(front_matter, data, schema or Any, document._data)
    if quick is not None:
        try:
            return _checked(frame.join(quick, document.body), document, schema, data, filename)
        except _Unreadable:
            pass
    try:
        edited = splice(front_matter, parse(front_matter, _VERIFY_LIMITS), data, schema or Any, frame.newline)
    except Restructure:
        edited = _emit.front_matter(data, schema, frame.newline)
    if edited is None and document.body == frame.body:
        return text
    new = frame.join(front_matter if edited is None else edited, document.body)
    try:
        return _checked(new, document, schema, data, filename)
    except _Unreadable:
        whole = frame.join(_emit.front_matter(data, schema, frame.newline), document.body)
        return _checked(whole, document, schema, data, filename)


class _Unreadable(ValueError):
    """Written text that does not load back as the (valid) document: a bug, reported as such."""


def _checked(text: str, document: Document[Any], schema: Any, data: Any, filename: str) -> str:
    """``text`` if it loads back as ``document``; never write what does not."""
    try:
        again = loads(text, schema=schema, strict=document._strict, limits=_VERIFY_LIMITS)
    except ArticleError:
        again = None
    if again is not None and again.meta == document.meta and again.body == document.body:
        return text
    if schema is not None:
        _raise_model_problems(data, schema, document._strict, filename)
    raise _Unreadable("the document does not read back as it is and was not written")


def _raise_model_problems(data: Any, schema: Any, strict: bool, filename: str) -> None:
    """Raise :class:`ArticleError` for every invalid value in a model's data, if any."""
    try:
        converter(strict).structure(data, schema)
    except (BaseValidationError, ValueError, TypeError) as exc:
        problems = [Problem(_path_text(path), 0, 0, failure_message(f)) for path, f in iter_failures(exc)]
        raise ArticleError(problems, filename) from None
