"""JSON Schema of schema classes, checked by an independent validator (the ``jsonschema`` package).

Front matter becomes JSON instance data as ``articlefm.json_data`` says: what
``schema=None`` reads, timestamps as their ISO 8601 text. Every valid file
validates; every invalid file whose problem JSON Schema can express fails it at
the path articlefm reports.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixture_files import FIXTURE_FILES, SAMPLE, read_text
from hypothesis import given
from schema_checks import articlefm_failures, instance, schema_failures
from strategies import articles

import articlefm

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.md"))
SAMPLE_TEXT = read_text(SAMPLE)


# --- every valid file validates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*FIXTURE_FILES, *EXAMPLES], ids=lambda path: path.name)
def test_every_valid_file_validates_against_the_article_schema(path: Path) -> None:
    text = read_text(path)
    assert articlefm_failures(text, articlefm.Article) == set()
    assert schema_failures(articlefm.json_schema(articlefm.Article), instance(text)) == set()


@pytest.mark.parametrize("path", [*FIXTURE_FILES, *EXAMPLES], ids=lambda path: path.name)
def test_the_strict_schema_agrees_with_strict_loading(path: Path) -> None:
    text = read_text(path)
    strict_schema = articlefm.json_schema(articlefm.Article, strict=True)
    assert schema_failures(strict_schema, instance(text)) == articlefm_failures(text, articlefm.Article, strict=True)


# --- invalid files fail at the same path --------------------------------------------------------------------------

TOKEN = re.search(r'^secured: "(.*)"$', SAMPLE_TEXT, re.MULTILINE).group(1)  # type: ignore[union-attr]
# Each: the edit of the sample file, and the path articlefm and JSON Schema both name.
INVALID = [
    ("category: news\n", "", "category"),
    ("type: article\nquality", "quality", "type"),
    ("provider:\n  name: Ubergizmo Feed\n", "provider:\n", "provider.name"),
    (
        'title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"\nexcerpt',
        'title: ""\nexcerpt',
        "title",
    ),
    (
        'title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"\nexcerpt',
        "title: [a, b]\nexcerpt",
        "title",
    ),
    ("quality: 38\n", "quality: -1\n", "quality"),
    ("quality: 38\n", "quality: 3.5\n", "quality"),
    ("heat: -1\n", "heat: -2\n", "heat"),
    ("published: false\n", "published: yes\n", "published"),
    ("publishedDateTime: 2020-06-24T23:48:00Z\n", "publishedDateTime: 2020-06-24T23:48:00\n", "publishedDateTime"),
    ("publishedDateTime: 2020-06-24T23:48:00Z\n", "publishedDateTime: 2020-06-24\n", "publishedDateTime"),
    ('webUrl: "https://www.ubergizmo.com/', 'webUrl: "ftp://www.ubergizmo.com/', "webUrl"),
    ("  domain: ubergizmo.com\n", "  domain: not a host!\n", "provider.domain"),
    ("  - AI\n", '  - ""\n', "topics[1]"),
    ("    width: 900\n", "    width: 0\n", "images[0].width"),
    ('  - url: "https://i0.wp.com/', '  - url: "/i0.wp.com/', "images[0].url"),
    ('    isCached: true\n    title: "The City', '    isCached: 1\n    title: "The City', "images[0].isCached"),
    ("    provider:\n      name: The Next Web\n", "    provider:\n", "related[0].provider.name"),
    ("    quality: 83\n", "    quality: -3\n", "related[0].quality"),
    (
        "    publishedDateTime: 2020-06-26T12:46:00Z\n",
        "    publishedDateTime: 2020-06-26 12:46\n",
        "related[0].publishedDateTime",
    ),
    ("topics:\n", "topics: AI\nx:\n", "topics"),
]


@pytest.mark.parametrize(("old", "new", "path"), INVALID, ids=[case[2] + ":" + case[1][:20] for case in INVALID])
def test_an_invalid_file_fails_the_schema_at_the_path_articlefm_names(old: str, new: str, path: str) -> None:
    assert SAMPLE_TEXT.count(old) == 1
    text = SAMPLE_TEXT.replace(old, new)
    assert articlefm_failures(text, articlefm.Article) == {path}
    assert schema_failures(articlefm.json_schema(articlefm.Article), instance(text)) == {path}


@pytest.mark.parametrize(
    ("token", "valid"),
    [(TOKEN, True), ("no separator", False), (TOKEN.replace(";", ";;"), False), (TOKEN[:-4] + "AAA=", False)],
)
def test_the_secured_pattern_agrees_with_the_token_rule(token: str, valid: bool) -> None:
    text = SAMPLE_TEXT.replace(TOKEN, token)
    expected = set() if valid else {"secured"}
    assert articlefm_failures(text, articlefm.Article) == expected
    assert schema_failures(articlefm.json_schema(articlefm.Article), instance(text)) == expected


def test_strict_schema_names_an_unknown_key_where_strict_loading_does() -> None:
    text = SAMPLE_TEXT.replace("  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  logo: x\n").replace(
        "category: news\n", "category: news\nlayout: post\n"
    )
    strict_schema = articlefm.json_schema(articlefm.Article, strict=True)
    assert articlefm_failures(text, articlefm.Article, strict=True) == {"layout", "provider.logo"}
    assert schema_failures(strict_schema, instance(text)) == {"layout", "provider.logo"}
    assert schema_failures(articlefm.json_schema(articlefm.Article), instance(text)) == set()


# --- the schema's shape -------------------------------------------------------------------------------------------


def test_article_schema_names_its_draft_defs_and_required_keys() -> None:
    schema = articlefm.json_schema(articlefm.Article)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (schema["title"], schema["description"]) == ("Article", "A news article's front matter.")
    assert schema["required"] == ["category", "title", "publishedDateTime", "webUrl", "type", "provider"]
    assert sorted(schema["$defs"]) == ["Image", "Provider", "RelatedArticle"]
    assert schema["properties"]["provider"] == {"$ref": "#/$defs/Provider"}
    assert schema["properties"]["publishedDateTime"]["format"] == "date-time"
    assert schema["properties"]["webUrl"]["format"] == "uri"
    assert schema["additionalProperties"] is True
    assert all(definition["additionalProperties"] is True for definition in schema["$defs"].values())


@articlefm.key_naming("kebab")
@attrs.define
class Sidebar:
    """Where the page sits in the sidebar."""

    order: int = attrs.field(validator=attrs.validators.ge(1))
    nav_label: str | None = None


@attrs.define
class Seo:
    og_title: str = attrs.field(
        validator=attrs.validators.and_(attrs.validators.min_len(3), attrs.validators.max_len(60))
    )


@articlefm.key_naming("snake")
@attrs.define
class Page:
    """A documentation page.

    Example values and details stay out of the description.
    """

    title: str = attrs.field(metadata={"articlefm": {"description": "The page's heading."}})
    layout: str = attrs.field(validator=attrs.validators.in_(["page", "post"]))
    last_mod: dt.date
    sidebar: Sidebar
    seo: Seo | None = None
    permalink: str = attrs.field(default="", metadata={"articlefm": {"key": "url"}})
    tags: list[str] = attrs.Factory(list)
    status: str | None = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.in_(["draft"])))
    slug: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"[a-z0-9-]+"))
    )


PAGE = """\
---
title: Install
layout: page
last_mod: 2024-05-01
url: /install/
sidebar:
  order: 2
  nav-label: Setup
seo:
  og_title: Installing it
slug: install
status: null
---
"""


def test_a_custom_schema_says_its_key_naming_validators_and_metadata() -> None:
    schema = articlefm.json_schema(Page)
    assert (schema["title"], schema["description"]) == ("Page", "A documentation page.")
    assert list(schema["properties"]) == [
        "title",
        "layout",
        "last_mod",
        "sidebar",
        "seo",
        "url",
        "tags",
        "status",
        "slug",
    ]
    assert schema["properties"]["title"] == {"description": "The page's heading.", "type": "string"}
    assert schema["properties"]["layout"] == {"type": "string", "enum": ["page", "post"]}
    assert schema["properties"]["last_mod"] == {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    }
    assert schema["properties"]["slug"] == {"type": ["string", "null"], "pattern": "^(?:[a-z0-9-]+)$", "default": None}
    assert schema["properties"]["status"] == {"type": ["string", "null"], "enum": ["draft", None], "default": None}
    assert schema["properties"]["seo"] == {"anyOf": [{"$ref": "#/$defs/Seo"}, {"type": "null"}], "default": None}
    sidebar = schema["$defs"]["Sidebar"]
    assert sidebar["properties"] == {
        "order": {"type": "integer", "minimum": 1},
        "nav-label": {"type": ["string", "null"], "default": None},
    }
    assert schema["$defs"]["Seo"]["properties"]["og_title"] == {"type": "string", "minLength": 3, "maxLength": 60}
    assert schema["required"] == ["title", "layout", "last_mod", "sidebar"]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("  order: 2\n", "  order: 0\n", "sidebar.order"),
        ("layout: page\nlast", "layout: home\nlast", "layout"),
        ("  og_title: Installing it\n", "  og_title: No\n", "seo.og_title"),
        ("slug: install\n", "slug: Install!\n", "slug"),
        ("status: null\n", "status: gone\n", "status"),
        ("  og_title: Installing it\n", "  og_title: [a]\n", "seo.og_title"),
        ("last_mod: 2024-05-01\n", "last_mod: May 1\n", "last_mod"),
        ("  order: 2\n", "  order: two\n", "sidebar.order"),
        ("last_mod: 2024-05-01\n", "", "last_mod"),
    ],
)
def test_a_custom_schema_fails_where_its_validators_do(old: str, new: str, path: str) -> None:
    assert articlefm_failures(PAGE, Page) == set()
    assert schema_failures(articlefm.json_schema(Page), instance(PAGE)) == set()
    text = PAGE.replace(old, new)
    assert articlefm_failures(text, Page) == {path}
    assert schema_failures(articlefm.json_schema(Page), instance(text)) == {path}


@attrs.define
class Node:
    name: str
    children: list[Node] = attrs.Factory(list)


def test_a_class_that_holds_itself_refers_to_the_root() -> None:
    schema = articlefm.json_schema(Node)
    assert schema["properties"]["children"] == {"type": "array", "items": {"$ref": "#"}, "default": []}
    assert "$defs" not in schema
    data = {"name": "a", "children": [{"name": "b", "children": [{"name": 3}]}]}
    assert schema_failures(schema, data) == {"children[0].children[0].name"}


def test_two_classes_of_one_name_get_two_definitions() -> None:
    first = attrs.define(type("Item", (), {"__annotations__": {"name": "str"}}))
    second = attrs.define(type("Item", (), {"__annotations__": {"size": "int"}}))
    holder = attrs.define(type("Holder", (), {"__annotations__": {"a": first, "b": second}}))
    schema = articlefm.json_schema(holder)
    assert schema["properties"] == {"a": {"$ref": "#/$defs/Item"}, "b": {"$ref": "#/$defs/Item2"}}
    assert list(schema["$defs"]["Item2"]["properties"]) == ["size"]


@pytest.mark.parametrize(
    ("match", "pattern", "valid", "invalid"),
    [(re.fullmatch, "^(?:ab)$", "ab", "abc"), (re.match, "^(?:ab)", "abc", "cab"), (re.search, "ab", "cab", "ba")],
)
def test_a_matches_re_pattern_is_anchored_as_attrs_matches_it(
    match: Any, pattern: str, valid: str, invalid: str
) -> None:
    @attrs.define
    class Coded:
        code: str = attrs.field(validator=attrs.validators.matches_re("ab", func=match))

    schema = articlefm.json_schema(Coded)
    assert schema["properties"]["code"] == {"type": "string", "pattern": pattern}
    for value, problems in ((valid, set()), (invalid, {"code"})):
        assert articlefm_failures(f"---\ncode: {value}\n---\n", Coded) == problems
        assert schema_failures(schema, {"code": value}) == problems


def test_a_type_the_loader_cannot_read_is_a_clear_error() -> None:
    @attrs.define
    class Odd:
        when: dt.time

    with pytest.raises(TypeError, match=r"cannot say <class 'datetime.time'> in JSON Schema"):
        articlefm.json_schema(Odd)

    @attrs.define
    class Either:
        value: int | str

    with pytest.raises(TypeError, match=r"cannot say int \| str in JSON Schema"):
        articlefm.json_schema(Either)
    with pytest.raises(TypeError, match="expected an attrs class, found <class 'dict'>"):
        articlefm.json_schema(dict)


def test_json_data_writes_timestamps_as_iso_text_and_tokens_as_text() -> None:
    meta = articlefm.loads(SAMPLE_TEXT).meta
    data = articlefm.json_data(articlefm.loads(SAMPLE_TEXT, schema=None).meta)
    assert data["publishedDateTime"] == "2020-06-24T23:48:00+00:00"
    assert data["related"][0]["publishedDateTime"] == "2020-06-26T12:46:00+00:00"
    assert articlefm.json_data({"secured": meta.secured, "day": dt.date(2024, 5, 1)}) == {
        "secured": TOKEN,
        "day": "2024-05-01",
    }


# --- every article articlefm writes validates -------------------------------------------------------------------


@given(articles(with_extras=False), articles())
def test_every_valid_article_validates_against_the_schema(
    article: articlefm.Article, extended: articlefm.Article
) -> None:
    text = articlefm.dumps(articlefm.Document(article, ""))
    assert articlefm_failures(text, articlefm.Article, strict=True) == set()
    # A str field reads a plain scalar's text; JSON data has what YAML types it as, which the writer
    # quotes when another reader would retype it: so no difference is left to explain.
    assert schema_failures(articlefm.json_schema(articlefm.Article, strict=True), instance(text)) == set()
    text = articlefm.dumps(articlefm.Document(extended, ""))  # unknown keys too: the lenient schema
    assert schema_failures(articlefm.json_schema(articlefm.Article), instance(text)) == set()
