"""Promise: a document packed in a worker and unpacked in the parent is the document that was loaded.

``iter_load`` with ``jobs`` sends each loaded document from a worker process as
builtins (:mod:`articlefm._transfer`). What arrives must be equal to what was
loaded, made of the same classes (tracked lists and dicts, the real model
classes that validate assignments), unedited (it writes back its source
without comparing), and as editable as a document loaded here.
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixture_files import FIXTURE_FILES as FILES
from hypothesis import given
from strategies import documents

import articlefm
from articlefm import Article, Document, Image, Provider, RelatedArticle, _track
from articlefm._document import loaded, unedited
from articlefm._transfer import pack, unpack

MODELS = (Article, Image, Provider, RelatedArticle)


def crossed(document: Document[Any]) -> Document[Any]:
    """The document as the parent receives it from a worker: packed, pickled, unpickled, unpacked."""
    return unpack(pickle.loads(pickle.dumps(pack(document), protocol=pickle.HIGHEST_PROTOCOL)))


def assert_same_build(loaded: Any, arrived: Any, where: str = "meta") -> None:
    """Equal, and built of the same classes all the way down (a list that is not tracked would miss edits)."""
    assert type(arrived) is type(loaded), where
    assert arrived == loaded, where
    if isinstance(loaded, MODELS):
        for field in attrs.fields(type(loaded)):
            assert_same_build(getattr(loaded, field.name), getattr(arrived, field.name), f"{where}.{field.name}")
    elif isinstance(loaded, list):
        for index, (old, new) in enumerate(zip(loaded, arrived, strict=True)):
            assert_same_build(old, new, f"{where}[{index}]")
    elif isinstance(loaded, dict):
        for key in loaded:
            assert_same_build(loaded[key], arrived[key], f"{where}[{key!r}]")


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_fixture_arrives_as_it_was_loaded(path: Path) -> None:
    loaded = articlefm.load(path)
    arrived = crossed(loaded)
    assert_same_build(loaded.meta, arrived.meta)
    assert arrived.body == loaded.body
    assert arrived._path == loaded._path
    assert arrived._strict is loaded._strict
    assert unedited(arrived)
    assert articlefm.dumps(arrived).encode("utf-8") == path.read_bytes()


def test_what_arrives_validates_assignments_and_writes_edits_as_a_loaded_one_does() -> None:
    loaded = articlefm.load(FILES[0])
    arrived = crossed(loaded)
    with pytest.raises(ValueError, match="quality"):
        arrived.meta.quality = -5
    assert arrived.meta.quality == loaded.meta.quality
    assert unedited(arrived)
    for doc in (loaded, arrived):
        doc.meta.title = "A new title"
        doc.meta.provider.images.append(Image(url="/logo.png", width=10, height=10))
        doc.meta.related[0].provider.extra["locale"] = "en"
        doc.meta.topics.remove("AI")
        doc.meta.extra["summary"] = ["one", "two"]
    assert not unedited(arrived)
    assert articlefm.dumps(arrived) == articlefm.dumps(loaded)
    assert 'title: "A new title"' in articlefm.dumps(arrived)


def test_unknown_keys_arrive_typed_and_tracked() -> None:
    text = FILES[0].read_text(encoding="utf-8")
    text = text.replace("\ntype: article\n", "\ntype: article\nlocale: en-US\nreviewed: 2024-01-02T03:04:05Z\n")
    text = text.replace("\nheat: -1\n", "\nheat: -1\nflags:\n  a: [1, 2]\n")
    loaded = articlefm.loads(text)
    arrived = crossed(loaded)
    assert_same_build(loaded.meta, arrived.meta)
    assert arrived.meta.extra["reviewed"] == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    arrived.meta.extra["flags"]["a"].append(3)
    assert not unedited(arrived)
    assert "a: [1, 2, 3]" in articlefm.dumps(arrived)


@given(documents())
def test_any_article_arrives_as_it_was_loaded(doc: Document[Article]) -> None:
    text = articlefm.dumps(doc)
    for strict in (False, True):
        try:
            loaded = articlefm.loads(text, strict=strict)
        except articlefm.ArticleError:
            assert strict  # only unknown keys can fail it, and only when strict
            continue
        arrived = crossed(loaded)
        assert_same_build(loaded.meta, arrived.meta)
        assert arrived.body == loaded.body
        assert arrived._strict is strict
        assert articlefm.dumps(arrived) == text


@attrs.define
class Note:
    title: str


@pytest.mark.parametrize("schema", [None, Note], ids=["schema=None", "a user's schema"])
def test_other_schemas_cross_as_ordinary_pickles(schema: Any) -> None:
    loaded = articlefm.loads("---\ntitle: Hello\n---\nBody\n", schema=schema)
    assert pack(loaded) is loaded
    arrived = crossed(loaded)
    assert arrived == loaded
    assert type(arrived.meta) is type(loaded.meta)
    assert articlefm.dumps(arrived) == "---\ntitle: Hello\n---\nBody\n"


def test_the_loaders_quick_constructor_sets_every_field_as_the_class_does() -> None:
    """``loaded`` (used by loads and unpack) must keep up with any field Document gains."""
    meta = articlefm.load(FILES[0]).meta
    quick = loaded(meta, "body", "text", {"a": 1}, 7, True, "/a.md")
    made = Document(meta, "body", _source="text", _data={"a": 1}, _read_at=7, _strict=True, _path="/a.md")
    assert type(quick) is Document
    for field in attrs.fields(Document):
        assert getattr(quick, field.name) == getattr(made, field.name), field.name
    count = _track.count
    quick.body = "new"  # an edit: the class's own __setattr__ counts it
    assert _track.count == count + 1
