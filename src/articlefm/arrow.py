"""Documents as Arrow tables and Parquet files, and back, without losing anything.

Needs the ``arrow`` extra (``pip install 'articlefm[arrow]'``, which brings
pyarrow); ``import articlefm`` alone never imports pyarrow.

A table has one row per document and the columns of the document's record
(the one definition of an exported article, which the command line's export
shares): the front matter's keys as the file spells them, then ``path`` and
``body``. In this order:

- one column per field of the schema, named by its file key
  (``publishedDateTime``): text, integers (int64), floats, booleans, dates,
  timestamps, lists and structs (a nested attrs class, its fields named the
  same way), ``Secured`` as its text;
- for each timestamp field, ``<key>_utcoffset`` beside it: the instant is in
  the timestamp column (UTC, which is how DuckDB, Polars and pandas compare
  and group it), the offset it was written with in seconds east of UTC
  (``+02:00`` is 7200, ``Z`` is 0; null for a timestamp without a zone). An
  Arrow timestamp column has one time zone, the files' offsets differ from
  row to row: together the two give back the timestamp exactly as it was;
- ``extra`` (for a class with an ``extra`` field; a struct gets one too): the
  keys the schema does not know, as one JSON object in text, null when there
  are none (see :func:`extra_to_json`). A record holds unknown keys beside the
  known ones as JSON-ready values, a timestamp as its text; a table cannot
  have a column per unknown key, and keeps each value's type;
- ``path``: the file the document was read from (text, null if none);
- ``body``: the text after the front matter.

>>> import articlefm, articlefm.arrow
>>> doc = articlefm.load("examples/boston-facial-recognition.md")
>>> table = articlefm.arrow.to_table([doc])
>>> table.column_names[:3], table.column_names[-3:]
(['category', 'title', 'excerpt'], ['extra', 'path', 'body'])
>>> str(table["publishedDateTime"][0]), table["publishedDateTime_utcoffset"][0].as_py()
('2020-06-24 23:48:00+00:00', 0)
>>> [back] = articlefm.arrow.from_table(table)
>>> back == doc and articlefm.dumps(back) == articlefm.dumps(articlefm.Document(doc.meta, doc.body))
True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import tempfile
import typing
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from ._batch import PathLike
from ._document import Document, _path_text
from ._errors import ArticleError, OnError, Problem, check_on_error
from ._files import iter_load
from ._limits import DEFAULT, Limits
from ._model import Article
from ._records import RESERVED, structure
from ._schema import list_item, optional_inner, spec
from ._secured import Secured

__all__ = ["extra_from_json", "extra_to_json", "from_table", "schema", "to_table", "write_parquet"]

PATH, BODY = RESERVED
OFFSET_SUFFIX = "_utcoffset"
_TIMESTAMP = pa.timestamp("us", tz="UTC")
_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)
_INT64 = (-(2**63), 2**63 - 1)
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
    Secured: pa.string(),
}
_ROWS_PER_BATCH = 1024  # write_parquet's rows per row group: a few MB of documents in memory at a time


# --- the schema ---------------------------------------------------------------------------------------------------


def schema(cls: type = Article) -> pa.Schema:
    """The Arrow schema of the table :func:`to_table` makes for documents of ``cls`` (any attrs schema class).

    >>> import articlefm.arrow
    >>> arrow_schema = articlefm.arrow.schema()
    >>> arrow_schema.field("provider").type.field("images").type
    ListType(list<item: struct<url: string not null, width: int64 not null, height: int64 not null, \
isCached: bool, title: string, extra: string>>)
    >>> arrow_schema.field("publishedDateTime").type, arrow_schema.field("secured").type
    (TimestampType(timestamp[us, tz=UTC]), DataType(string))
    """
    fields = [*_class_fields(cls, ()), pa.field(PATH, pa.string()), pa.field(BODY, pa.string(), nullable=False)]
    _check_unique([field.name for field in fields], cls, ())
    return pa.schema(fields)


def _class_fields(cls: type, where: tuple[str, ...]) -> list[pa.Field]:
    if not attrs.has(cls):
        raise TypeError(f"expected an attrs class as the schema, found {cls!r}")
    class_spec = spec(cls)
    fields = []
    for field in class_spec.fields:
        nullable = optional_inner(field.type) is not None
        fields.append(pa.field(field.key, _arrow_type(field.value_type, (*where, field.key)), nullable=nullable))
        offset = _offset_type(field.value_type)
        if offset is not None:
            fields.append(pa.field(field.key + OFFSET_SUFFIX, offset))  # null for a naive timestamp
    if class_spec.extra is not None:
        fields.append(pa.field(class_spec.extra, pa.string()))
    _check_unique([field.name for field in fields], cls, where)
    return fields


def _check_unique(names: list[str], cls: type, where: tuple[str, ...]) -> None:
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        at = f" (at {'.'.join(where)})" if where else ""
        raise ValueError(
            f"{cls.__name__}{at}: the column names {repeated} are taken twice: a file key is also the name of "
            f"a column articlefm adds ({PATH!r}, {BODY!r}, the extra field's name or '<key>{OFFSET_SUFFIX}')"
        )


def _arrow_type(tp: Any, where: tuple[str, ...]) -> pa.DataType:
    tp = optional_inner(tp) or tp
    if tp in _SCALARS:
        return _SCALARS[tp]
    if tp is dt.datetime:
        return _TIMESTAMP
    if tp is Any or tp is dict or typing.get_origin(tp) is dict:
        return pa.string()  # any YAML value: JSON text, as extra
    item = list_item(tp)
    if item is not None:
        return pa.list_(_arrow_type(item, where))
    if attrs.has(tp):
        return pa.struct(_class_fields(tp, where))
    raise TypeError(f"{'.'.join(where)}: no Arrow column type for {tp!r}")


def _offset_type(tp: Any) -> pa.DataType | None:
    """The type of the offsets column beside a field of type ``tp``, if it holds timestamps."""
    tp = optional_inner(tp) or tp
    if tp is dt.datetime:
        return pa.int32()
    item = list_item(tp)
    if item is not None:
        inner = _offset_type(item)
        return None if inner is None else pa.list_(inner)
    return None


# --- documents to a table -----------------------------------------------------------------------------------------


def to_table(
    documents: Iterable[Document[Any] | tuple[PathLike, Document[Any]]], *, schema: type = Article
) -> pa.Table:
    """A table of documents of ``schema``, one row each (columns as the module's docstring says).

    ``documents`` holds documents, or ``(path, document)`` pairs as :func:`articlefm.iter_load`
    gives them (without its errors): the path column holds the pair's path, else the file a
    document was loaded from.

    >>> import articlefm, articlefm.arrow
    >>> pairs = [pair for pair in articlefm.iter_load("examples")]
    >>> table = articlefm.arrow.to_table(pairs)
    >>> table.num_rows, table["provider"][0]["domain"].as_py()
    (3, 'dailydot.com')
    """
    rows = []
    for index, item in enumerate(documents):
        path: str | None
        if isinstance(item, tuple):
            path, document = os.fspath(item[0]), item[1]
        else:
            document, path = item, getattr(item, "_path", None)
        if not isinstance(document, Document) or not isinstance(document.meta, schema):
            found = type(document).__name__
            if isinstance(document, Document):
                meta = document.meta
                found = f"a Document of {'plain data' if isinstance(meta, dict) else type(meta).__name__}"
            raise TypeError(f"item {index}: expected a Document of {schema.__name__}, found {found}")
        try:
            row = _class_row(document.meta, schema)
        except _Unfit as exc:
            name = path or f"<document {index}>"
            raise ArticleError([Problem(_path_text(exc.path), 0, 0, exc.message)], name) from None
        rows.append({**row, PATH: path, BODY: document.body})
    return pa.Table.from_pylist(rows, schema=_schema_of(schema))


_SCHEMAS: dict[type, pa.Schema] = {}


def _schema_of(cls: type) -> pa.Schema:
    found = _SCHEMAS.get(cls)
    if found is None:
        found = _SCHEMAS[cls] = schema(cls)
    return found


class _Unfit(ValueError):
    """A value an Arrow column cannot hold (an integer beyond int64), at its path."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# Each type's conversion is planned once (a function per type, nested for nested types): a table of many
# documents then costs no type inspection per value.
Convert = Callable[[Any], Any]


def _class_row(value: Any, cls: type) -> dict[str, Any]:
    return typing.cast(dict[str, Any], _writer(cls)(value))


@functools.cache
def _writer(tp: Any) -> Convert:
    """The function from a value of type ``tp`` (or ``None``) to what its Arrow column takes."""
    tp = optional_inner(tp) or tp
    if tp is dt.datetime:
        return _nullable(_instant)
    if tp is Secured:
        return _nullable(str)
    if tp is int:
        return _fit_int64
    if tp is Any or tp is dict or typing.get_origin(tp) is dict:
        return _nullable(_json_text)
    item = list_item(tp)
    if item is not None:
        return _nullable(functools.partial(_list_row, _writer(item)))
    if attrs.has(tp):
        return _nullable(_struct_writer(tp))
    return _same


def _struct_writer(cls: type) -> Convert:
    class_spec = spec(cls)
    plan = []
    for field in class_spec.fields:
        offsets = _offset_writer(field.value_type)
        plan.append((field.name, field.key, _writer(field.value_type), field.key + OFFSET_SUFFIX, offsets))
    extra = class_spec.extra

    def write(value: Any) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name, key, convert, offset_key, offsets in plan:
            item = getattr(value, name)
            try:
                row[key] = convert(item)
            except _Unfit as exc:
                exc.path = (key, *exc.path)
                raise
            if offsets is not None:
                row[offset_key] = offsets(item)
        if extra is not None:
            row[extra] = extra_to_json(getattr(value, extra))
        return row

    return write


def _list_row(convert: Convert, value: list[Any]) -> list[Any]:
    if convert is _same:
        return value
    items = []
    for index, item in enumerate(value):
        try:
            items.append(convert(item))
        except _Unfit as exc:
            exc.path = (index, *exc.path)
            raise
    return items


def _nullable(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _same(value: Any) -> Any:
    return value


def _fit_int64(value: Any) -> Any:
    if value is not None and not _INT64[0] <= value <= _INT64[1]:
        raise _Unfit((), f"expected an integer an Arrow int64 column holds, found one of {len(str(value))} digits")
    return value


@functools.cache
def _offset_writer(tp: Any) -> Convert | None:
    """The function from a value of type ``tp`` to its offsets column, if it holds timestamps."""
    tp = optional_inner(tp) or tp
    if tp is dt.datetime:
        return _nullable(_offset)
    item = list_item(tp)
    inner = _offset_writer(item) if item is not None else None
    if inner is None:
        return None
    return _nullable(lambda value: [inner(element) for element in value])


def _offset(value: dt.datetime) -> int | None:
    offset = value.utcoffset()
    return None if offset is None else _seconds(offset)


def _seconds(offset: dt.timedelta) -> int:
    if offset.microseconds:
        raise ValueError(f"expected a UTC offset of whole seconds, found {offset}")
    return offset.days * 86400 + offset.seconds


def _instant(value: dt.datetime) -> int:
    """Microseconds since 1970 UTC (the wall clock for a naive one), computed without leaving years 1 to 9999."""
    local = value.replace(tzinfo=None) - _EPOCH
    offset = value.utcoffset()
    return (local - offset if offset is not None else local) // _MICROSECOND


# --- unknown keys as JSON -----------------------------------------------------------------------------------------

# JSON has no timestamps, dates, infinities or Secured tokens: such a value is an object of one of these keys. An
# object that would read as one is wrapped in {"$map": ...}, so any mapping comes back as it was.
_TAGS = ("$timestamp", "$date", "$float", "$secured", "$map")


def extra_to_json(extra: dict[str, Any]) -> str | None:
    """The unknown keys as JSON text (``None`` if there are none), every YAML value kept exactly.

    Timestamps, dates, infinite or NaN floats and ``Secured`` tokens, which
    JSON does not have, become ``{"$timestamp": ISO text}`` (the offset as
    written), ``{"$date": ...}``, ``{"$float": "inf"}``, ``{"$secured": ...}``;
    a mapping that would read as one of those is wrapped in ``{"$map": ...}``.

    >>> import datetime as dt
    >>> when = dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    >>> text = extra_to_json({"locale": "en-US", "updated": when, "$date": 1})
    >>> text
    '{"locale": "en-US", "updated": {"$timestamp": "2020-06-24T23:48:00+02:00"}, "$date": 1}'
    >>> extra_from_json(text)["updated"] == when
    True
    """
    return _json_text(extra) if extra else None


def extra_from_json(text: str | None) -> dict[str, Any]:
    """The unknown keys back from :func:`extra_to_json`'s text.

    >>> extra_from_json('{"size": {"$float": "-inf"}, "tags": ["a"], "odd": {"$map": {"$date": "x"}}}')
    {'size': -inf, 'tags': ['a'], 'odd': {'$date': 'x'}}
    >>> extra_from_json(None)
    {}
    """
    if text is None:
        return {}
    value = _untagged(json.loads(text))
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object of unknown keys, found {type(value).__name__}")
    return value


def _json_text(value: Any) -> str:
    return json.dumps(_tagged(value), ensure_ascii=False, allow_nan=False)


def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        mapping = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"expected a string key, found {key!r}")
            mapping[key] = _tagged(item)
        return {"$map": mapping} if len(mapping) == 1 and next(iter(mapping)) in _TAGS else mapping
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    if isinstance(value, dt.datetime):
        return {"$timestamp": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if isinstance(value, Secured):
        return {"$secured": str(value)}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise ValueError(f"cannot keep a {type(value).__name__} value")


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        tag, inner = next(iter(value.items()))
        if tag == "$map":
            return {key: _untagged(item) for key, item in inner.items()}
        if tag == "$timestamp":
            return dt.datetime.fromisoformat(inner)
        if tag == "$date":
            return dt.date.fromisoformat(inner)
        if tag == "$float":
            return float(inner)
        if tag == "$secured":
            return Secured(inner)
    return {key: _untagged(item) for key, item in value.items()}


# --- a table to documents -----------------------------------------------------------------------------------------


def from_table(table: pa.Table, *, schema: type = Article) -> list[Document[Any]]:
    """The documents of a table :func:`to_table` made (or one read from its Parquet files), in row order.

    Each is validated like a loaded file: a bad value raises :class:`ArticleError` naming the row's
    path (or its number) and the field. A document from a table has no source text, so ``dumps`` writes
    it in house style.

    >>> import articlefm, articlefm.arrow
    >>> documents = [result for _, result in articlefm.iter_load("examples")]
    >>> articlefm.arrow.from_table(articlefm.arrow.to_table(documents)) == documents
    True
    """
    expected = _schema_of(schema)
    missing = [name for name in expected.names if name not in table.column_names]
    if missing:
        raise ValueError(f"expected the columns of {schema.__name__} documents, found none named {missing}")
    table = table.select(expected.names)
    if not table.schema.equals(expected):
        wrong = [f.name for f in expected if table.schema.field(f.name).type != f.type]
        raise ValueError(f"expected the column types of {schema.__name__} documents, found others in {wrong}")
    rows = table.cast(_integer_timestamps(expected)).to_pylist()
    return [_document(row, schema, index) for index, row in enumerate(rows)]


def _integer_timestamps(arrow_schema: pa.Schema) -> pa.Schema:
    """The schema with int64 for timestamps: Python's datetime cannot hold every instant (year 1 at +01:00)."""

    def plain(tp: pa.DataType) -> pa.DataType:
        if pa.types.is_timestamp(tp):
            return pa.int64()
        if pa.types.is_list(tp):
            return pa.list_(plain(tp.value_type))
        if pa.types.is_struct(tp):
            return pa.struct([field.with_type(plain(field.type)) for field in tp])
        return tp

    return pa.schema([field.with_type(plain(field.type)) for field in arrow_schema])


def _document(row: dict[str, Any], cls: type, index: int) -> Document[Any]:
    meta = structure(_class_data(row, cls), cls, False, row[PATH] or f"<row {index}>")
    return Document(meta, row[BODY])


def _class_data(row: dict[str, Any], cls: type) -> dict[str, Any]:
    """A row as the plain data a file's front matter gives, typed: file keys, then the unknown ones."""
    return typing.cast(dict[str, Any], _struct_reader(cls)(row))


@functools.cache
def _reader(tp: Any) -> Callable[[Any, Any], Any]:
    """The function from a column's value (and its offsets', if any) to the value of type ``tp``."""
    tp = optional_inner(tp) or tp
    if tp is dt.datetime:
        return _timestamp
    if tp is Any or tp is dict or typing.get_origin(tp) is dict:
        return lambda value, _: None if value is None else _untagged(json.loads(value))
    item = list_item(tp)
    if item is not None:
        convert = _reader(item)

        def read_list(value: Any, offsets: Any) -> Any:
            if value is None:
                return None
            if offsets is None:
                return [convert(element, None) for element in value]
            return [convert(element, at) for element, at in zip(value, offsets, strict=True)]

        return read_list
    if attrs.has(tp):
        read = _struct_reader(tp)
        return lambda value, _: None if value is None else read(value)
    return lambda value, _: value


@functools.cache
def _struct_reader(cls: type) -> Convert:
    class_spec = spec(cls)
    plan = [(field.key, _reader(field.value_type), field.key + OFFSET_SUFFIX) for field in class_spec.fields]
    extra = class_spec.extra

    def read(row: dict[str, Any]) -> dict[str, Any]:
        data = {key: convert(row[key], row.get(offset_key)) for key, convert, offset_key in plan}
        if extra is not None:
            data.update(extra_from_json(row[extra]))
        return data

    return read


def _timestamp(value: int | None, offset: int | None) -> dt.datetime | None:
    if value is None:
        return None
    if offset is None:
        return _EPOCH + value * _MICROSECOND
    shift = dt.timedelta(seconds=offset)  # added before the epoch is: the instant may be out of Python's range
    return (_EPOCH + (value * _MICROSECOND + shift)).replace(tzinfo=dt.timezone(shift))


# --- files to a Parquet file --------------------------------------------------------------------------------------


def write_parquet(
    paths: PathLike | Iterable[PathLike],
    out: PathLike,
    *,
    schema: type = Article,
    strict: bool = False,
    limits: Limits = DEFAULT,
    errors: OnError = "raise",
    jobs: int = 1,
) -> list[tuple[Path, ArticleError]]:
    """Read files, folders and globs (as :func:`articlefm.iter_load` does) into one Parquet file.

    Memory stays bounded however many files: they are read and written a
    row group of 1,024 documents at a time. ``out`` is replaced atomically
    once complete: a run that fails leaves no half file and any old one as
    it was (a run killed outright may leave a hidden ``.NAME.*.tmp`` beside
    it). A bad file raises its :class:`ArticleError` (``errors="raise"``, and
    nothing is written), or is left out of the table and returned with its
    error (``"collect"``) or silently (``"skip"``).

    >>> import articlefm.arrow, pyarrow.parquet, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "articles.parquet"
    ...     articlefm.arrow.write_parquet("examples", out)
    ...     pyarrow.parquet.read_table(out, columns=["title"])["title"][2].as_py()
    []
    'The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance'
    """
    check_on_error(errors)
    bad: list[tuple[Path, ArticleError]] = []

    def documents() -> Iterator[tuple[Path, Document[Any]]]:
        for path, result in iter_load(paths, jobs=jobs, schema=schema, strict=strict, limits=limits):
            if isinstance(result, ArticleError):
                if errors == "raise":
                    raise result
                if errors == "collect":
                    bad.append((path, result))
                continue
            yield path, result

    target = os.fspath(out)
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        with pq.ParquetWriter(temporary, _schema_of(schema)) as writer:
            stream = documents()
            while batch := list(islice(stream, _ROWS_PER_BATCH)):
                writer.write_table(to_table(batch, schema=schema))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return bad
