"""Records (``_records``): an article as a plain dict and back, with minimal diffs.

1. Every fixture file: its record is JSON, timestamps and ``secured`` as their text, and
   applying the record (through JSON) to the loaded file changes no byte.
2. A record builds a new document in house style: the sample's record gives the sample.
3. Properties: for any article, record -> JSON -> record applied changes nothing; one field
   changed in the record changes exactly that field's line.
4. Records shaped like the news API's items; invalid records; file names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fixture_files import FIXTURE_FILES, SAMPLE, read_text
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import documents, field_values

import articlefm
from articlefm import ArticleError, Document
from articlefm._records import from_record, iter_records, record_file_name, to_record
from articlefm._resolve import format_timestamp

TEXT = SAMPLE.read_text(encoding="utf-8")


def through_json(record: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(record))
    return result


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed (``- ``) and added (``+ ``) from ``before`` to ``after``."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line[:2] in ("- ", "+ ")]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
def test_a_fixture_files_record_changes_nothing_when_applied(path: Path) -> None:
    text = read_text(path)
    document = articlefm.loads(text)
    record = through_json(to_record(document, path))
    assert record["path"] == str(path)
    assert record["body"] == document.body
    published = record["publishedDateTime"]
    assert published in text  # as written
    assert dt.datetime.fromisoformat(published) == document.meta.published_date_time
    if document.meta.secured is not None:
        assert record["secured"] == str(document.meta.secured)
    assert articlefm.dumps(from_record(record, document)) == text


def test_the_record_of_the_sample_file() -> None:
    document = articlefm.load(SAMPLE)
    record = to_record(document, body=False)
    assert list(record)[:6] == ["category", "title", "excerpt", "publishedDateTime", "webUrl", "ampWebUrl"]
    assert record["publishedDateTime"] == "2020-06-24T23:48:00Z"
    assert record["quality"] == 38
    assert record["heat"] == -1
    assert record["provider"] == {"name": "Ubergizmo Feed", "domain": "ubergizmo.com"}
    assert record["images"][0] == {
        "url": "https://i0.wp.com/cdnssl.ubergizmo.com/wp-content/uploads/2018/04/security-camera.jpg",
        "width": 900,
        "height": 600,
        "isCached": True,
        "title": "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance",
    }
    assert record["related"][0]["publishedDateTime"] == "2020-06-26T12:46:00Z"
    assert "body" not in record
    assert "path" not in record


def test_timestamps_are_their_text_as_written_even_in_unknown_keys() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "publishedDateTime: 2020-06-24T23:48:00Z",
        "publishedDateTime: 2020-06-24T16:48:00.000-07:00\nupdatedDateTime: 2020-06-25 01:00:00Z\nday: 2020-06-25",
        1,
    )
    document = articlefm.loads(text)
    record = to_record(document)
    assert record["publishedDateTime"] == "2020-06-24T16:48:00.000-07:00"
    assert record["updatedDateTime"] == "2020-06-25 01:00:00Z"
    assert record["day"] == "2020-06-25"
    record["day"] = "2020-06-26"
    after = articlefm.dumps(from_record(through_json(record), document))
    assert changed_lines(text, after) == ["- day: 2020-06-25\n", "+ day: 2020-06-26\n"]
    assert articlefm.loads(after).meta.extra["day"] == dt.date(2020, 6, 26)  # still a date, not a string


def test_an_edited_documents_record_holds_its_new_values() -> None:
    document = articlefm.load(SAMPLE)
    document.meta.published_date_time = dt.datetime(2021, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    document.meta.topics.append("Robotics")
    record = to_record(document)
    assert record["publishedDateTime"] == "2021-01-02T03:04:05Z"
    assert record["topics"][-1] == "Robotics"


def test_a_record_builds_a_new_document_in_house_style() -> None:
    text = SAMPLE.read_text(encoding="utf-8")  # the sample is in house style
    record = through_json(to_record(articlefm.loads(text), "elsewhere.md"))
    document = from_record(record)
    assert articlefm.dumps(document) == text
    without_body = {key: value for key, value in record.items() if key != "body"}
    assert from_record(without_body).body == "\n"


def test_plain_data_records_round_trip() -> None:
    text = "---\nlayout: post\ntags: [a, b]\nwhen: 2024-05-01 09:30:00+02:00\ncount: 010\n---\nBody\n"
    document = articlefm.loads(text, schema=None)
    record = to_record(document, body=False)
    assert record == {"layout": "post", "tags": ["a", "b"], "when": "2024-05-01 09:30:00+02:00", "count": 10}
    assert articlefm.dumps(from_record(record, document)) == text
    record["tags"].append("c")
    assert articlefm.dumps(from_record(record, document)) == text.replace("[a, b]", "[a, b, c]")


def test_news_api_items_are_accepted() -> None:
    """Extra keys (tags, locale, updatedDateTime), nulls for absent optional values."""
    sample = to_record(articlefm.load(SAMPLE), body=False)
    item = {
        **sample,
        "originalUrl": None,
        "quality": None,
        "tags": ["ai", "privacy"],
        "locale": "en-US",
        "updatedDateTime": "2020-06-25T01:00:00Z",
    }
    text = articlefm.dumps(from_record(item))
    assert "originalUrl" not in text
    assert "\nquality" not in text
    assert text.endswith('tags:\n  - ai\n  - privacy\nlocale: en-US\nupdatedDateTime: "2020-06-25T01:00:00Z"\n---\n\n')
    assert to_record(articlefm.loads(text), body=False) == {
        key: value for key, value in item.items() if value is not None
    }  # the text of a timestamp in an unknown key stays text


def test_a_null_for_a_key_the_file_has_as_null_is_kept() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("type: article", "type: article\nnote:", 1)
    document = articlefm.loads(text)
    record = to_record(document)
    assert record["note"] is None
    assert articlefm.dumps(from_record(record, document)) == text


def test_keys_the_record_lacks_are_removed() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = articlefm.loads(text)
    record = to_record(document)
    del record["heat"]
    assert changed_lines(text, articlefm.dumps(from_record(record, document))) == ["- heat: -1\n"]


def test_an_invalid_record_names_every_bad_field_and_changes_nothing() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = articlefm.loads(text)
    record = to_record(document)
    record.update(quality=-3, published="yes", publishedDateTime="soon")
    record["images"][0]["width"] = True
    del record["title"]
    with pytest.raises(ArticleError) as raised:
        from_record(record, document, filename="in.jsonl:3")
    assert str(raised.value).splitlines() == [
        "in.jsonl:3: title: missing required key 'title'",
        "in.jsonl:3: publishedDateTime: expected a timestamp such as 2020-06-24T23:48:00Z, found string 'soon'",
        "in.jsonl:3: quality: expected an integer >= 0, found -3",
        "in.jsonl:3: published: expected true or false, found string 'yes'",
        "in.jsonl:3: images[0].width: expected an integer, found boolean true",
    ]
    assert articlefm.dumps(document) == text
    with pytest.raises(ArticleError, match=r"^<record>: body: expected text, found int$"):
        from_record({**to_record(document), "body": 3}, document)
    with pytest.raises(ArticleError, match="strict mode"):
        from_record({**to_record(document), "locale": "en"}, schema=articlefm.Article, strict=True)


def test_a_front_matter_key_named_like_a_record_key_is_an_error() -> None:
    document = articlefm.loads("---\ntitle: Hi\npath: /news/hi\n---\n", schema=None)
    with pytest.raises(ArticleError, match=r"^a\.md: path: the key 'path' is the record's own"):
        to_record(document, "a.md")


def test_iter_records_streams_records_and_errors(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text.replace("heat: -1", "heat: -5"), encoding="utf-8")
    (tmp_path / "c.md").write_text(text.replace("\ntype: article", "\ntype: article\nbody: x", 1), encoding="utf-8")
    results = list(iter_records(tmp_path, body=False))
    assert [path.name for path, _ in results] == ["a.md", "b.md", "c.md"]
    assert isinstance(results[0][1], dict)
    assert results[0][1]["path"] == str(tmp_path / "a.md")
    assert str(results[1][1]) == f"{tmp_path / 'b.md'}:11:7: heat: expected an integer >= -1, found -5"
    assert str(results[2][1]).startswith(f"{tmp_path / 'c.md'}: body: the key 'body' is the record's own")


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Meet Russia's New Killer Robot", "2021-03-08-meet-russias-new-killer-robot.md"),
        (
            "Artificial Intelligence Market Next Big Thing | Major Giants Microsoft, IBM",
            "2021-03-08-artificial-intelligence-market-next-big-thing-major-giants-microsoft-ibm.md",
        ),
        ("Your Self-Driving Car Still Isn\u2019t Ready", "2021-03-08-your-self-driving-car-still-isnt-ready.md"),
        ("!!!", "2021-03-08-article.md"),
        ("word " * 40, "2021-03-08-" + "-".join(["word"] * 20) + ".md"),
    ],
)
def test_file_names_are_made_as_the_collection_makes_them(title: str, name: str) -> None:
    assert record_file_name({"title": title, "publishedDateTime": "2021-03-08T10:00:00Z"}) == name


def test_a_file_name_needs_a_title_and_a_time() -> None:
    with pytest.raises(ValueError, match="needs a title and a publishedDateTime"):
        record_file_name({"title": "Hi", "publishedDateTime": "soon"})


# --- properties -----------------------------------------------------------------------------------------------------


def _no_reserved_keys(document: Document[Any]) -> bool:
    return not {"path", "body"} & set(document.meta.extra)


@given(documents())
def test_any_articles_record_applied_changes_no_byte(document: Document[Any]) -> None:
    assume(_no_reserved_keys(document))
    text = articlefm.dumps(document)
    loaded = articlefm.loads(text)
    record = through_json(to_record(loaded, "a.md"))
    assert articlefm.dumps(from_record(record, loaded)) == text
    # Built anew, the same article, except that a null stands for an absent key where there is no file.
    assert to_record(from_record(record), "a.md") == _without_nulls(record)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    return [_without_nulls(item) for item in value] if isinstance(value, list) else value


_SCALAR_FIELDS = {
    name: strategy
    for name, strategy in field_values(articlefm.Article).items()
    if name not in ("provider", "topics", "images", "related", "extra")
}


def _record_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    return str(value) if isinstance(value, articlefm.Secured) else value


@given(documents(), st.sampled_from(sorted(_SCALAR_FIELDS)), st.data())
def test_one_field_changed_in_a_record_changes_only_its_line(
    document: Document[Any], name: str, data: st.DataObject
) -> None:
    assume(_no_reserved_keys(document))
    text = articlefm.dumps(document)
    loaded = articlefm.loads(text)
    record = through_json(to_record(loaded))
    key = articlefm._schema.spec(articlefm.Article).by_name[name].key
    new = data.draw(_SCALAR_FIELDS[name])
    record[key] = _record_value(new)
    after = articlefm.dumps(from_record(through_json(record), loaded))
    assert getattr(articlefm.loads(after).meta, name) == new
    # Its line, and the blank line before it where the house style puts one (``secured``), added or removed with it.
    assert all(line[2:].startswith(f"{key}:") or line in ("+ \n", "- \n") for line in changed_lines(text, after))


def test_a_field_removed_through_a_record_takes_the_blank_line_the_house_style_put_before_it() -> None:
    """Found in the full suite by the property above (the blank line had been allowed only when added)."""
    loaded = articlefm.loads(TEXT)
    record = through_json(to_record(loaded))
    record["secured"] = None
    after = articlefm.dumps(from_record(through_json(record), loaded))
    secured = next(line for line in TEXT.splitlines(keepends=True) if line.startswith("secured:"))
    assert changed_lines(TEXT, after) == ["- \n", "- " + secured]


@given(documents(), st.sampled_from(sorted(_SCALAR_FIELDS)), st.data())
def test_files_exported_then_imported_change_no_byte_and_one_change_changes_one_file(
    document: Document[Any], name: str, data: st.DataObject
) -> None:
    """Through files: iter_records, then import_records (as ``articlefm export`` then ``import`` do)."""
    assume(_no_reserved_keys(document))
    text = articlefm.dumps(document)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.md").write_bytes(text.encode("utf-8"))
        (root / "b.md").write_bytes(TEXT.encode("utf-8"))
        records = [through_json(record) for _, record in iter_records(root) if isinstance(record, dict)]
        assert len(records) == 2
        assert articlefm.import_records(records, root=root) == []  # nothing differs: nothing written
        assert (root / "a.md").read_bytes() == text.encode("utf-8")
        key = articlefm._schema.spec(articlefm.Article).by_name[name].key
        new = data.draw(_SCALAR_FIELDS[name])
        records[0][key] = _record_value(new)
        written = articlefm.import_records(records, root=root)
        after = (root / "a.md").read_bytes().decode("utf-8")
        assert written == ([root / "a.md"] if after != text else [])
        assert (root / "b.md").read_bytes() == TEXT.encode("utf-8")
        assert all(line[2:].startswith(f"{key}:") or line in ("+ \n", "- \n") for line in changed_lines(text, after))
