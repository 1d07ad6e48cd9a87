"""Documents to Arrow tables and Parquet files and back (articlefm.arrow): nothing lost, house style kept."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fixture_files import FIXTURE_FILES, read_text
from hypothesis import given
from hypothesis import strategies as st
from strategies import aware_datetimes, documents, extra_values, free_text

import articlefm
import articlefm.arrow
from articlefm import Article, ArticleError, Document
from articlefm._schema import spec

INT64_MAX = 2**63 - 1


def house_style(document: Document[Any]) -> str:
    """The text of the same document built in Python: no source, so written in house style."""
    return articlefm.dumps(Document(document.meta, document.body))


def through_parquet(table: pa.Table, folder: Path) -> pa.Table:
    pq.write_table(table, folder / "t.parquet")
    return pq.read_table(folder / "t.parquet")


def assert_same(back: Document[Any], document: Document[Any]) -> None:
    assert back == document
    assert articlefm.dumps(back) == house_style(document)


def test_schema_of_article() -> None:
    arrow_schema = articlefm.arrow.schema(Article)
    expected_names = [*_keys_with_offsets(Article), "extra", "path", "body"]
    assert arrow_schema.names == expected_names
    assert arrow_schema.field("publishedDateTime").type == pa.timestamp("us", tz="UTC")
    assert arrow_schema.field("publishedDateTime_utcoffset").type == pa.int32()
    assert arrow_schema.field("secured").type == pa.string()
    assert arrow_schema.field("topics").type == pa.list_(pa.string())
    assert not arrow_schema.field("title").nullable
    assert arrow_schema.field("excerpt").nullable
    related = arrow_schema.field("related").type.value_type
    assert related.field("publishedDateTime_utcoffset").type == pa.int32()
    assert related.field("provider").type.field("images").type.value_type.field("extra").type == pa.string()


def _keys_with_offsets(cls: type) -> list[str]:
    names = []
    for field in spec(cls).fields:
        names.append(field.key)
        if field.value_type is dt.datetime:
            names.append(field.key + "_utcoffset")
    return names


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
def test_every_fixture_round_trips_through_parquet(path: Path, tmp_path: Path) -> None:
    document = articlefm.load(path)
    table = through_parquet(articlefm.arrow.to_table([document]), tmp_path)
    assert table.schema.equals(articlefm.arrow.schema(Article))
    assert table["path"][0].as_py() == str(path.resolve())
    assert table["body"][0].as_py() == document.body
    [back] = articlefm.arrow.from_table(table)
    assert_same(back, document)
    # The timestamp is the same instant, written with the same offset: the file's own text has it.
    assert back.meta.published_date_time.utcoffset() == document.meta.published_date_time.utcoffset()
    assert articlefm.dumps(back).splitlines()[:6] == house_style(document).splitlines()[:6]
    assert "publishedDateTime" in read_text(path)


def test_offsets_that_differ_per_row_are_kept(tmp_path: Path) -> None:
    text = read_text(FIXTURE_FILES[0])
    zones = ["2020-06-24T23:48:00Z", "2020-06-25T01:48:00+02:00", "2020-06-24T16:18:00.5-07:30"]
    documents = [
        articlefm.loads(text.replace("publishedDateTime: 2020-06-24T23:48:00Z", f"publishedDateTime: {zone}"))
        for zone in zones
    ]
    table = through_parquet(articlefm.arrow.to_table(documents), tmp_path)
    assert table["publishedDateTime_utcoffset"].to_pylist() == [0, 7200, -27000]
    utc = dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.UTC)
    assert table["publishedDateTime"].to_pylist()[:2] == [utc, utc]
    backs = articlefm.arrow.from_table(table)
    for back, document, zone in zip(backs, documents, zones, strict=True):
        assert_same(back, document)
        assert f"publishedDateTime: {zone}\n" in articlefm.dumps(back)


def test_timestamps_at_the_ends_of_pythons_range() -> None:
    # Year 1 at +01:00 is in year 0 in UTC, which Python's datetime cannot hold: Arrow can.
    earliest = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    latest = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone(-dt.timedelta(hours=23, minutes=59)))
    document = articlefm.load(FIXTURE_FILES[0])
    for when in (earliest, latest):
        document.meta.published_date_time = when
        [back] = articlefm.arrow.from_table(articlefm.arrow.to_table([document]))
        assert back.meta.published_date_time.isoformat() == when.isoformat()
        assert_same(back, document)


def clamped(document: Document[Article]) -> Document[Article]:
    """The document with every integer field an int64 holds (the bigger ones are tested apart)."""

    def clamp(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                clamp(item)
        elif attrs.has(type(value)):
            for field in spec(typing.cast(type, type(value))).fields:
                item = getattr(value, field.name)
                if type(item) is int and item > INT64_MAX:
                    setattr(value, field.name, INT64_MAX)
                else:
                    clamp(item)

    clamp(document.meta)
    return document


@given(st.lists(documents().map(clamped), min_size=1, max_size=3))
def test_generated_documents_round_trip(tmp_path_factory: pytest.TempPathFactory, drawn: list[Document[Any]]) -> None:
    table = through_parquet(articlefm.arrow.to_table(drawn), tmp_path_factory.mktemp("p"))
    backs = articlefm.arrow.from_table(table)
    assert len(backs) == len(drawn)
    for back, document in zip(backs, drawn, strict=True):
        assert_same(back, document)


_KEYS = st.text(max_size=8) | st.sampled_from(["$timestamp", "$date", "$float", "$secured", "$map"])


@given(st.dictionaries(_KEYS, st.dictionaries(_KEYS, extra_values(), max_size=2) | extra_values(), max_size=4))
def test_unknown_keys_as_json_are_kept(extra: dict[str, Any]) -> None:
    back = articlefm.arrow.extra_from_json(articlefm.arrow.extra_to_json(extra))
    assert back == extra
    assert list(back) == list(extra)
    assert [type(value) for value in back.values()] == [type(value) for value in extra.values()]


def test_json_tags_are_escaped() -> None:
    extra = {
        "a": {"$date": "2020-01-01"},
        "b": {"$map": 1},
        "c": [float("inf"), float("-inf")],
        "d": {"$timestamp": 1, "other": 2},
        "e": articlefm.Secured("AAAAAAAAAAAAAAAAAAAAAA==;AAAAAAAAAAAAAAAAAAAAAA=="),
        "f": dt.date(2020, 1, 1),
        "g": dt.datetime(2020, 1, 1, 12),
    }
    text = articlefm.arrow.extra_to_json(extra)
    assert text is not None
    assert articlefm.arrow.extra_from_json(text) == extra
    assert type(articlefm.arrow.extra_from_json(text)["g"]) is dt.datetime
    assert articlefm.arrow.extra_to_json({}) is None


def test_an_integer_beyond_int64_is_a_clear_error() -> None:
    document = articlefm.load(FIXTURE_FILES[0])
    document.meta.images[0].width = 2**64
    with pytest.raises(ArticleError) as caught:
        articlefm.arrow.to_table([document])
    assert str(caught.value) == (
        f"{document._path}: images[0].width: expected an integer an Arrow int64 column holds, found one of 20 digits"
    )


def test_a_bad_value_in_a_table_is_an_error_naming_row_and_field() -> None:
    table = articlefm.arrow.to_table([articlefm.load(FIXTURE_FILES[0])])
    table = table.set_column(table.schema.get_field_index("quality"), "quality", pa.array([-5], pa.int64()))
    table = table.set_column(table.schema.get_field_index("path"), "path", pa.array([None], pa.string()))
    with pytest.raises(ArticleError) as caught:
        articlefm.arrow.from_table(table)
    assert str(caught.value) == "<row 0>: quality: expected an integer >= 0, found -5"


def test_a_table_of_another_schema_is_refused() -> None:
    table = articlefm.arrow.to_table([articlefm.load(FIXTURE_FILES[0])])
    with pytest.raises(ValueError, match=r"found none named \['path'\]"):
        articlefm.arrow.from_table(table.drop_columns(["path"]))
    with pytest.raises(ValueError, match=r"found others in \['quality'\]"):
        articlefm.arrow.from_table(
            table.set_column(table.schema.get_field_index("quality"), "quality", pa.array(["x"]))
        )
    with pytest.raises(TypeError, match="item 0: expected a Document of Article, found a Document of plain data"):
        articlefm.arrow.to_table([articlefm.loads("---\na: 1\n---\n", schema=None)])


# --- custom schemas -------------------------------------------------------------------------------------------------


@attrs.define
class Point:
    x: float
    label: str | None = None


@attrs.define
class Event:
    name: str
    when: dt.datetime
    day: dt.date
    seen: list[dt.datetime] = attrs.field(factory=list)
    points: list[Point] = attrs.field(factory=list)
    tags: list[list[str]] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict, metadata={"articlefm": {"key": "payload"}})
    count: int | None = 5
    flag: bool = False
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.define
class Bare:
    title: str


_WHEN = aware_datetimes() | st.datetimes()
_POINTS = st.builds(Point, x=st.floats(allow_nan=False), label=st.none() | free_text())
_EVENTS = st.builds(
    Event,
    name=free_text(),
    when=_WHEN,
    day=st.dates(),
    seen=st.lists(_WHEN, max_size=3),
    points=st.lists(_POINTS, max_size=3),
    tags=st.lists(st.lists(free_text(), max_size=2), max_size=2),
    data=st.dictionaries(st.text(max_size=5), extra_values(), max_size=3),
    count=st.none() | st.integers(-(2**63), INT64_MAX),
    flag=st.booleans(),
    extra=st.dictionaries(st.sampled_from(["x", "y", "with space"]), extra_values(), max_size=2),
)


def test_schema_of_a_custom_class() -> None:
    arrow_schema = articlefm.arrow.schema(Event)
    assert arrow_schema.names == [
        "name", "when", "when_utcoffset", "day", "seen", "seen_utcoffset", "points", "tags", "payload",
        "count", "flag", "extra", "path", "body",
    ]  # fmt: skip
    assert arrow_schema.field("seen_utcoffset").type == pa.list_(pa.int32())
    assert arrow_schema.field("points").type == pa.list_(
        pa.struct([pa.field("x", pa.float64(), nullable=False), pa.field("label", pa.string())])
    )
    assert arrow_schema.field("tags").type == pa.list_(pa.list_(pa.string()))
    assert arrow_schema.field("payload").type == pa.string()
    assert arrow_schema.field("day").type == pa.date32()
    assert articlefm.arrow.schema(Bare).names == ["title", "path", "body"]


@given(st.lists(_EVENTS, min_size=1, max_size=3), st.sampled_from(["\n", "", "text\r\n"]))
def test_custom_schema_round_trips(tmp_path_factory: pytest.TempPathFactory, events: list[Event], body: str) -> None:
    drawn = [Document(event, body) for event in events]
    table = through_parquet(articlefm.arrow.to_table(drawn, schema=Event), tmp_path_factory.mktemp("p"))
    backs = articlefm.arrow.from_table(table, schema=Event)
    for back, document in zip(backs, drawn, strict=True):
        assert back == document
        # Equal datetimes may differ in offset or in being naive: compare the text they are written as.
        assert back.meta.when.isoformat() == document.meta.when.isoformat()
        assert [w.isoformat() for w in back.meta.seen] == [w.isoformat() for w in document.meta.seen]
        assert articlefm.dumps(back) == house_style(document)


def test_colliding_column_names_are_refused() -> None:
    @attrs.define
    class Clash:
        when: dt.datetime
        offset: int = attrs.field(metadata={"articlefm": {"key": "when_utcoffset"}})

    @attrs.define
    class HasBody:
        body: str

    @attrs.define
    class Strange:
        when: complex

    with pytest.raises(ValueError, match=r"Clash: the column names \['when_utcoffset'\] are taken twice"):
        articlefm.arrow.schema(Clash)
    with pytest.raises(ValueError, match=r"HasBody: the column names \['body'\] are taken twice"):
        articlefm.arrow.schema(HasBody)
    with pytest.raises(TypeError, match="when: no Arrow column type for <class 'complex'>"):
        articlefm.arrow.schema(Strange)


# --- write_parquet --------------------------------------------------------------------------------------------------


def test_write_parquet_streams_files_into_one_file(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for index, path in enumerate(FIXTURE_FILES):
        (folder / f"{index:03}.md").write_bytes(path.read_bytes())
    (folder / "bad.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    out = tmp_path / "articles.parquet"
    with pytest.raises(ArticleError, match=r"bad\.md"):
        articlefm.arrow.write_parquet(folder, out)
    assert list(tmp_path.iterdir()) == [folder]  # nothing written, no temporary file left
    bad = articlefm.arrow.write_parquet(folder, out, errors="collect")
    assert [(path.name, type(error)) for path, error in bad] == [("bad.md", ArticleError)]
    table = pq.read_table(out)
    loaded = [(path, result) for path, result in articlefm.iter_load(folder) if isinstance(result, Document)]
    assert table["path"].to_pylist() == [str(path) for path, _ in loaded]
    assert articlefm.arrow.from_table(table) == [document for _, document in loaded]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["articles", "articles.parquet"]
    assert articlefm.arrow.write_parquet(folder, out, errors="skip") == []
    with pytest.raises(ValueError, match="errors: expected 'raise', 'collect' or 'skip', found 'ignore'"):
        articlefm.arrow.write_parquet(folder, out, errors="ignore")  # type: ignore[arg-type]
