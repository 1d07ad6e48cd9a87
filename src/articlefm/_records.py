"""Records: an article as one plain, JSON-ready dict, and back.

A record holds the front matter's keys as the file spells them
(``publishedDateTime``), unknown keys included, with JSON's types: text,
numbers, booleans, ``None``, lists and dicts. Timestamps are their text exactly
as the file writes it, ``secured`` its token text. Two more keys say where the
article lives: ``path``, the file, and ``body``, the text after the front matter
(left out on request). One definition serves every exporter (JSON Lines, CSV,
Arrow, Parquet) and the importer.

Applying a record to a loaded document changes only the values that differ,
so the file's text changes only there, exactly as an edit in Python would.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
from cattrs.errors import BaseValidationError

from ._batch import PathLike
from ._cattrs import iter_failures
from ._convert import converter, failure_message, resolve_data
from ._document import _VERIFY_LIMITS, Document, _path_text, dumps, unedited
from ._errors import ArticleError, Problem
from ._files import dump, iter_load, load
from ._framing import split
from ._limits import DEFAULT, Limits
from ._model import Article
from ._parse import parse, to_data
from ._resolve import ResolveError, format_timestamp, resolve_plain
from ._scan import scan_data
from ._schema import list_item, optional_inner, spec
from ._tree import Plain

__all__ = [
    "RESERVED",
    "Record",
    "from_record",
    "import_records",
    "iter_records",
    "plan_import",
    "record_file_name",
    "to_record",
    "write_planned",
]

Record = dict[str, Any]
# The record's own keys, beside the front matter's.
RESERVED = ("path", "body")
_MISSING: Any = object()
_LONGEST_SLUG = 100  # characters of the title kept in a new file's name (the real files' longest is near 150)


# --- export -------------------------------------------------------------------------------------------------------


def to_record(document: Document[Any], path: PathLike | None = None, *, body: bool = True) -> Record:
    """The record of a document: its front matter as plain data, then ``path`` (if given) and ``body``.

    >>> import articlefm
    >>> doc = articlefm.loads("---\\ntitle: Hi\\npublishedDateTime: 2020-06-24T23:48:00.000-07:00\\n---\\nText\\n",
    ...                       schema=None)
    >>> articlefm.to_record(doc, "a.md")
    {'title': 'Hi', 'publishedDateTime': '2020-06-24T23:48:00.000-07:00', 'path': 'a.md', 'body': 'Text\\n'}
    """
    meta = document.meta
    typed = converter(document._strict, detailed=False).unstructure(meta) if attrs.has(type(meta)) else meta
    record: Record = _plain(typed, _raw_data(document))
    for key in RESERVED:
        if key in record:
            message = f"the key {key!r} is the record's own ({key} of the article): rename it to export this file"
            raise ArticleError([Problem(key, 0, 0, message)], os.fspath(path) if path is not None else "<document>")
    if path is not None:
        record["path"] = os.fspath(path)
    if body:
        record["body"] = document.body
    return record


def iter_records(
    paths: PathLike | Iterable[PathLike],
    *,
    body: bool = True,
    jobs: int = 1,
    schema: Any = Article,
    strict: bool = False,
    limits: Limits = DEFAULT,
) -> Iterator[tuple[Path, Record | ArticleError]]:
    """``(path, record or ArticleError)`` for every file, lazily: memory does not grow with the files.

    ``paths`` and the options are as for :func:`~articlefm.iter_load`; an
    invalid file gives its :class:`~articlefm.ArticleError` in the stream.

    >>> import articlefm
    >>> for path, record in articlefm.iter_records("examples", body=False):
    ...     print(record["path"] == str(path), record["publishedDateTime"], record["provider"]["domain"])
    True 2015-02-17T14:27:00Z dailydot.com
    True 2023-04-21T09:47:00Z fool.com
    True 2020-06-24T23:48:00Z ubergizmo.com
    """
    for path, result in iter_load(paths, jobs=jobs, schema=schema, strict=strict, limits=limits):
        if isinstance(result, ArticleError):
            yield path, result
            continue
        try:
            yield path, to_record(result, path, body=body)
        except ArticleError as exc:
            yield path, exc


def _raw_data(document: Document[Any]) -> Any:
    """The front matter as the parser gives it (plain scalars as :class:`Plain`), for the text of timestamps."""
    if unedited(document) and document._data is not None:
        return document._data
    front_matter = split(dumps(document), "<document>").front_matter
    data = scan_data(front_matter)
    return data if data is not None else to_data(parse(front_matter, _VERIFY_LIMITS), front_matter)


def _plain(value: Any, raw: Any) -> Any:
    """A typed value as record data; ``raw``, the same value as parsed, gives each timestamp's text as written."""
    if isinstance(value, dict):
        raw_entries = raw if isinstance(raw, dict) else {}
        return {key: _plain(item, raw_entries.get(key)) for key, item in value.items()}
    if isinstance(value, list):
        raw_items = raw if isinstance(raw, list) and len(raw) == len(value) else [None] * len(value)
        return [_plain(item, raw_item) for item, raw_item in zip(value, raw_items, strict=True)]
    if isinstance(value, dt.date):
        if isinstance(raw, str) and _timestamp(raw) == value:
            return str(raw)
        return format_timestamp(value) if isinstance(value, dt.datetime) else value.isoformat()
    return str(value) if isinstance(value, str) else value  # Secured's text; a plain str, not Plain


def _timestamp(text: str) -> Any:
    """The date or datetime ``text`` writes, or ``None``."""
    try:
        value = resolve_plain(text)
    except ResolveError:
        return None
    return value if isinstance(value, dt.date) else None


# --- import -------------------------------------------------------------------------------------------------------


def from_record(
    record: Record,
    document: Document[Any] | None = None,
    *,
    schema: Any = Article,
    strict: bool = False,
    filename: str = "<record>",
) -> Document[Any]:
    """Apply a record to ``document`` (changed in place and returned), or build a new document from it.

    Only the values that differ from the document's change, so writing it back
    changes only their lines. Keys the document has and the record lacks are
    removed; ``None`` for a key the document lacks means absent, as the news
    API writes it; ``path`` is ignored and a missing ``body`` keeps the body.
    Timestamps are given as text; other text stays text. A record that does not fit the schema raises
    :class:`~articlefm.ArticleError` naming every bad field, and changes nothing.

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> record = articlefm.to_record(doc)
    >>> record["quality"] = 40
    >>> before = articlefm.dumps(doc)
    >>> after = articlefm.dumps(articlefm.from_record(record, doc))
    >>> [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    [('quality: 38', 'quality: 40')]
    """
    front = {key: value for key, value in record.items() if key not in RESERVED}
    if document is not None:
        schema = type(document.meta) if attrs.has(type(document.meta)) else None
        strict = document._strict
        old_typed = converter(strict, detailed=False).unstructure(document.meta) if schema is not None else None
        old = to_record(document, body=False)
        data = _data(front, old, old_typed if schema is not None else document.meta, schema or Any)
    else:
        data = _data(front, _MISSING, None, schema or Any)
    meta = structure(data, schema, strict, filename)
    body = record.get("body")
    if body is not None and not isinstance(body, str):
        raise ArticleError([Problem("body", 0, 0, f"expected text, found {type(body).__name__}")], filename)
    if document is None:
        return Document(meta=meta, body="\n" if body is None else body)
    if meta != document.meta:
        document.meta = meta
    if body is not None and body != document.body:
        document.body = body
    return document


def structure(data: Any, schema: Any, strict: bool, filename: str) -> Any:
    """The model of plain data (as the parser gives it, or typed values), or every problem as one ArticleError."""
    if not isinstance(data, dict):
        raise ArticleError([Problem("", 0, 0, "expected a mapping of keys to values")], filename)
    try:
        if schema is None:
            return resolve_data(data)
        return converter(strict).structure(data, schema)
    except BaseValidationError as exc:
        problems = [Problem(_path_text(path), 0, 0, failure_message(failure)) for path, failure in iter_failures(exc)]
        raise ArticleError(problems, filename) from None
    except (ValueError, TypeError) as exc:  # a validator that needs the whole instance, run by attrs' __init__
        raise ArticleError([Problem("", 0, 0, str(exc))], filename) from None


def _data(new: Any, old: Any, old_typed: Any, tp: Any) -> Any:
    """Record data ready to structure as ``tp``: where it equals the old record, the old typed value.

    Elsewhere, text becomes a plain scalar (a timestamp, written unquoted) where
    ``tp`` is a timestamp, or the old value was one and the text is one too; and ``None`` for a key the old
    data lacks is dropped.
    """
    if old is not _MISSING and _same(new, old):
        return old_typed
    if isinstance(new, dict):
        old_items = old if isinstance(old, dict) else {}
        typed_items = old_typed if isinstance(old_typed, dict) else {}
        return {
            key: _data(item, old_items.get(key, _MISSING), typed_items.get(key), _child_type(tp, key))
            for key, item in new.items()
            if item is not None or key in old_items
        }
    if isinstance(new, list):
        old_list = old if isinstance(old, list) else []
        typed_list = old_typed if isinstance(old_typed, list) and len(old_typed) == len(old_list) else []
        item_type = _child_type(tp, 0)
        return [
            _data(item, old_list[index], typed_list[index], item_type)
            if index < len(typed_list)
            else _data(item, _MISSING, None, item_type)
            for index, item in enumerate(new)
        ]
    if isinstance(new, str) and (_is_timestamp_type(tp) or (isinstance(old_typed, dt.date) and _timestamp(new))):
        return Plain(new)
    return new


def _child_type(tp: Any, key: str | int) -> Any:
    """The type of ``tp``'s item ``key`` (a file key, or a list index), ``Any`` if the schema does not say."""
    tp = optional_inner(tp) or tp
    if isinstance(key, int):
        return list_item(tp) or Any
    if attrs.has(tp):
        field = spec(tp).by_key.get(key)
        return field.type if field is not None else Any
    return Any


def _is_timestamp_type(tp: Any) -> bool:
    return (optional_inner(tp) or tp) in (dt.datetime, dt.date)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same JSON types all through (``1`` is not ``true``, nor ``1.0``)."""
    if type(a) is not type(b) and not (isinstance(a, str) and isinstance(b, str)):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(item, b[key]) for key, item in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def record_file_name(record: Record) -> str:
    """The file name the real collection gives an article: ``YYYY-MM-DD-`` and the title as a slug.

    The title is lower-cased, apostrophes and other punctuation dropped, words
    joined by hyphens and cut at a word to at most 100 characters.

    >>> from articlefm._records import record_file_name
    >>> record_file_name({"publishedDateTime": "2021-03-08T10:00:00Z", "title": "Meet Russia's New Killer Robot!"})
    '2021-03-08-meet-russias-new-killer-robot.md'
    """
    published = record.get("publishedDateTime")
    title = record.get("title")
    if not isinstance(published, str) or _timestamp(published) is None or not isinstance(title, str):
        raise ValueError("a record without a path needs a title and a publishedDateTime to name its file")
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title.replace("'", "").replace("\u2019", "")).lower())
    slug = "-".join(word.replace("_", "-") for word in words)
    if len(slug) > _LONGEST_SLUG:
        slug = slug[: _LONGEST_SLUG + 1].rsplit("-", 1)[0]
    return f"{published[:10]}-{slug or 'article'}.md"


# --- import into files --------------------------------------------------------------------------------------------

Numbered = tuple[int, int, Record]  # the line and column where the record starts in its input, the record


def import_records(
    records: Iterable[Record],
    *,
    root: PathLike = ".",
    overwrite: bool = False,
    schema: Any = Article,
    strict: bool = False,
) -> list[Path]:
    """Write records to their files; the files that changed or were created, in order.

    A record whose ``path`` (relative to ``root``) exists updates that file
    with a minimal diff; one whose file does not exist creates it in house
    style. No record writes outside ``root`` (by ``..`` or an absolute path):
    records may come from anywhere. Without a ``path``, the file is named as the collection names its
    files (:func:`record_file_name`) in ``root``, and an existing file is
    replaced only with ``overwrite=True``. Every record is checked before any
    file is written: if any is invalid, :class:`~articlefm.ArticleError` names
    each (as ``<records>:N:1``, record ``N``) and no file changes.

    >>> import articlefm, shutil, tempfile
    >>> root = tempfile.mkdtemp()
    >>> record = articlefm.to_record(articlefm.load("examples/boston-facial-recognition.md"))
    >>> record["path"] = "news/boston.md"
    >>> [path.name for path in articlefm.import_records([record], root=root)]
    ['boston.md']
    >>> record["quality"] = 40
    >>> [path.name for path in articlefm.import_records([record], root=root)]  # only that line changes
    ['boston.md']
    >>> del record["path"]
    >>> [path.name for path in articlefm.import_records([record], root=root)]
    ['2020-06-24-the-city-of-boston-will-be-banning-the-use-of-facial-recognition-based-surveillance.md']
    >>> articlefm.import_records([{**record, "quality": "high"}], root=root)
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: <records>:1:1: quality: expected an integer, found string 'high'
    >>> shutil.rmtree(root)
    """
    numbered = ((number, 1, record) for number, record in enumerate(records, 1))
    return write_planned(
        plan_import(numbered, "<records>", root=root, overwrite=overwrite, schema=schema, strict=strict)
    )


def plan_import(
    records: Iterable[Numbered],
    source: str,
    *,
    root: PathLike = ".",
    overwrite: bool = False,
    schema: Any = Article,
    strict: bool = False,
) -> list[tuple[Path, Document[Any]]]:
    """The documents to write, each with its file, or an ArticleError naming every bad record in ``source``."""
    planned: list[tuple[Path, Document[Any]]] = []
    problems: list[Problem] = []
    targets: dict[Path, int] = {}
    for line, column, record in records:
        try:
            path, document = _planned(record, Path(root), overwrite, schema, strict)
        except ArticleError as exc:
            problems += [Problem(problem.path, line, column, problem.message) for problem in exc.problems]
            continue
        if path in targets:
            message = f"{path}: the record on line {targets[path]} writes this file too"
            problems.append(Problem("", line, column, message))
            continue
        targets[path] = line
        if document is not None:
            planned.append((path, document))
    if problems:
        raise ArticleError(problems, source)
    return planned


def write_planned(planned: list[tuple[Path, Document[Any]]]) -> list[Path]:
    """Write what :func:`plan_import` planned (each file atomically); the paths written."""
    for path, document in planned:
        path.parent.mkdir(parents=True, exist_ok=True)
        dump(document, path)
    return [path for path, _ in planned]


def _planned(record: Any, root: Path, overwrite: bool, schema: Any, strict: bool) -> tuple[Path, Document[Any] | None]:
    """The file a record writes and its new document; ``None`` for a file it leaves as it is."""
    if not isinstance(record, dict):
        raise ArticleError([Problem("", 0, 0, f"expected a JSON object, found {type(record).__name__}")])
    where = record.get("path")
    if where is not None and not isinstance(where, str):
        raise ArticleError([Problem("path", 0, 0, f"expected text, found {type(where).__name__}")])
    if where is None:
        try:
            path = root / record_file_name(record)
        except ValueError as exc:
            raise ArticleError([Problem("", 0, 0, str(exc))]) from None
        document = from_record(record, schema=schema, strict=strict)
        if path.exists() and not overwrite:
            raise ArticleError([Problem("", 0, 0, f"{path} exists; not replaced (--overwrite replaces it)")])
        return path, document
    path = root / where
    if not path.resolve().is_relative_to(root.resolve()):  # records may come from anywhere: write only below root
        message = f"expected a file inside the root folder {str(root)!r}, found {where!r} (a root above it takes it)"
        raise ArticleError([Problem("path", 0, 0, message)])
    try:
        document = load(path, schema=schema, strict=strict)
    except FileNotFoundError:
        return path, from_record(record, schema=schema, strict=strict)
    except OSError as exc:
        raise ArticleError([Problem("path", 0, 0, f"cannot read {path}: {exc.strerror or exc}")]) from None
    except ArticleError as exc:
        found = "; ".join(problem.format(str(path)) for problem in exc.problems)
        raise ArticleError([Problem("path", 0, 0, f"the file is invalid, not updated: {found}")]) from None
    before = dumps(document)
    from_record(record, document, schema=schema, strict=strict)
    return path, (document if dumps(document) != before else None)
