"""Load and dump: the read path and the write path, end to end."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any, Generic, TypeVar, overload

import attrs
from cattrs.errors import BaseValidationError

from . import _emit
from ._convert import MissingKey, UnknownKey, converter, failure_message, iter_failures, resolve_data
from ._errors import ArticleError, Problem
from ._framing import Frame, decode, split
from ._model import Article
from ._parse import Problems, parse, to_data
from ._tree import Mapping, Node, Sequence, line_column
from ._write import Restructure, splice

__all__ = ["Document", "dump", "dumps", "load", "loads"]

T = TypeVar("T")
FIRST_LINE = 2  # the front matter starts on the line after the opening ---


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

    meta: T
    body: str = "\n"
    _frame: Frame | None = attrs.field(default=None, init=False, repr=False, alias="_frame")
    _strict: bool = attrs.field(default=False, init=False, repr=False, alias="_strict")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return bool(self.meta == other.meta and self.body == other.body)

    __hash__ = None  # type: ignore[assignment]


@overload
def loads(text: str | bytes, *, strict: bool = ..., filename: str = ...) -> Document[Article]: ...
@overload
def loads(text: str | bytes, *, schema: type[T], strict: bool = ..., filename: str = ...) -> Document[T]: ...
@overload
def loads(text: str | bytes, *, schema: None, strict: bool = ..., filename: str = ...) -> Document[dict[str, Any]]: ...
def loads(
    text: str | bytes, *, schema: Any = Article, strict: bool = False, filename: str = "<string>"
) -> Document[Any]:
    """Read an article from text (``str``, or UTF-8 ``bytes``).

    ``schema`` is any attrs class (default :class:`Article`), or ``None`` for a
    plain ``dict``. ``strict=True`` makes unknown keys errors instead of kept.
    Bad input raises :class:`ArticleError` listing every problem.

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
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = decode(bytes(text), filename)
    frame = split(text, filename)
    meta = _read(frame, schema, strict, filename)
    document: Document[Any] = Document(meta, frame.body)
    document._frame = frame
    document._strict = strict
    return document


def _read(frame: Frame, schema: Any, strict: bool, filename: str) -> Any:
    source = frame.front_matter
    try:
        tree = parse(source)
        data = to_data(tree, source, FIRST_LINE)
    except Problems as exc:
        raise ArticleError(
            [_problem(source, offset, path, message) for offset, path, message in exc.problems], filename
        ) from None
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a scalar"
        raise ArticleError(
            [_problem(source, 0, "", f"expected a mapping of keys to values as front matter, found {found}")], filename
        )
    if schema is None:
        try:
            return resolve_data(data)
        except ValueError:
            return _structure_failures(source, tree, data, Any, strict, filename)
    return _structure_failures(source, tree, data, schema, strict, filename)


def _structure_failures(source: str, tree: Node, data: Any, schema: Any, strict: bool, filename: str) -> Any:
    """Structure ``data``; on failure, raise every problem located in the file."""
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


def load(source: str | os.PathLike[str] | IO[bytes], **options: Any) -> Document[Any]:
    """Read an article from a path or a binary file; options as for :func:`loads`.

    >>> import articlefm
    >>> articlefm.load("examples/boston-facial-recognition.md").meta.provider.name
    'Ubergizmo Feed'
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        options.setdefault("filename", str(path))
        return loads(path.read_bytes(), **options)
    options.setdefault("filename", str(getattr(source, "name", "<stream>")))
    return loads(source.read(), **options)


def dumps(document: Document[Any]) -> str:
    """The document as text: unchanged parts exactly as read, new parts in house style.

    >>> import articlefm, pathlib
    >>> text = pathlib.Path("examples/boston-facial-recognition.md").read_text(encoding="utf-8")
    >>> doc = articlefm.loads(text)
    >>> articlefm.dumps(doc) == text
    True
    >>> doc.meta.quality = 40
    >>> [line for line in articlefm.dumps(doc).splitlines() if line.startswith("quality")]
    ['quality: 40']
    """
    meta = document.meta
    schema: Any = type(meta) if attrs.has(type(meta)) else None
    data = converter(document._strict).unstructure(meta) if schema is not None else meta
    frame = document._frame
    if frame is None:
        text = "---\n" + _emit.front_matter(data, schema) + "---\n" + document.body
        return _verified(text, document, schema)
    source = frame.front_matter
    try:
        edited = splice(source, parse(source), data, schema or Any, frame.newline)
    except Restructure:
        edited = _emit.front_matter(data, schema, frame.newline)
    if edited is None and document.body == frame.body:
        return ("\ufeff" if frame.bom else "") + frame.text
    text = frame.join(source if edited is None else edited, document.body)
    try:
        return _verified(text, document, schema)
    except ValueError:
        # The splice did not give back the model: write the front matter whole instead.
        whole = frame.join(_emit.front_matter(data, schema, frame.newline), document.body)
        return _verified(whole, document, schema)


def _verified(text: str, document: Document[Any], schema: Any) -> str:
    """``text`` if it loads back as ``document``; never write what does not."""
    try:
        again = loads(text, schema=schema, strict=document._strict)
    except ArticleError as exc:
        raise ValueError(f"the document is not valid and was not written:\n{exc}") from None
    if again.meta != document.meta or again.body != document.body:
        raise ValueError("the document does not read back as it is and was not written")
    return text


def dump(document: Document[Any], target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the document to a path (replaced atomically) or a binary file.

    The text is built and checked before anything is written, and a path is
    replaced in one step: a failed write leaves the old file as it was.

    >>> import articlefm, pathlib, tempfile
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "a.md"
    ...     articlefm.dump(doc, path)
    ...     path.read_bytes() == pathlib.Path("examples/boston-facial-recognition.md").read_bytes()
    True
    """
    data = dumps(document).encode("utf-8")
    if not isinstance(target, (str, os.PathLike)):
        target.write(data)
        return
    path = Path(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
