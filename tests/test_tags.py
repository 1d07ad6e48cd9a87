"""The YAML core schema's tags: accepted, typed as the tag says, kept on round trip and on edits.

``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!seq`` and ``!!map``, spelled ``!!x`` or
``!<tag:yaml.org,2002:x>``, construct nothing an untagged value could not be. ruamel.yaml's safe loader,
which constructs them, is the oracle for what each means. Every other tag stays an ``ArticleError``
(tests/test_hostile.py).
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from fixture_files import SAMPLE, read_text
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

import articlefm
from articlefm import ArticleError

SAMPLE_TEXT = read_text(SAMPLE)
SPELLINGS = ["!!{}", "!<tag:yaml.org,2002:{}>"]

# (tag, the value's text after it, what it means)
TAGGED = [
    ("str", "38", "38"),
    ("str", "true", "true"),
    ("str", "2020-06-24T23:48:00Z", "2020-06-24T23:48:00Z"),
    ("str", '"quoted"', "quoted"),
    ("str", "'single'", "single"),
    ("str", "", ""),
    ("int", "38", 38),
    ("int", "-1", -1),
    ("int", "0x1F", 31),
    ("int", '"12"', 12),
    ("float", "1.5", 1.5),
    ("float", "1", 1.0),
    ("float", "1e3", 1000.0),
    ("float", "'2'", 2.0),
    ("float", ".inf", math.inf),
    ("bool", "true", True),
    ("bool", "False", False),
    ("bool", '"true"', True),
    ("null", "", None),
    ("null", "~", None),
    ("null", "null", None),
    ("seq", "[a, 1]", ["a", 1]),
    ("map", "{x: 1}", {"x": 1}),
]


def front_matter(text: str) -> str:
    return "---\n" + text + "---\n"


def same(old: Any, new: Any) -> bool:
    """Equal, and of the same type all the way down (``1 == 1.0 == True`` is not enough)."""
    if isinstance(old, dict):
        return type(new) is dict and old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return type(new) is list and len(old) == len(new) and all(map(same, old, new))
    return type(old) is type(new) and bool(old == new)


def plain(value: Any) -> Any:
    """Tracked containers as built-in ones, to compare with the oracle."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def oracle(text: str) -> Any:
    return plain(YAML(typ="safe").load(text))


@pytest.mark.parametrize("spelling", SPELLINGS, ids=["shorthand", "verbatim"])
@pytest.mark.parametrize(("tag", "value", "meaning"), TAGGED, ids=[f"{t}-{v!r}" for t, v, _ in TAGGED])
def test_a_core_tag_gives_its_type_and_round_trips(spelling: str, tag: str, value: str, meaning: Any) -> None:
    line = f"a: {spelling.format(tag)} {value}".rstrip(" ") + "\n"
    text = front_matter(line + "b: [x]\n")
    doc = articlefm.loads(text, schema=None)
    assert same(plain(doc.meta), {"a": meaning, "b": ["x"]})
    assert same(plain(doc.meta), oracle(line + "b: [x]\n"))
    assert articlefm.dumps(doc) == text
    doc.meta["b"].append("z")  # another entry's edit leaves the tagged one as it was
    assert articlefm.dumps(doc) == front_matter(line + "b: [x, z]\n")


@pytest.mark.parametrize("spelling", SPELLINGS, ids=["shorthand", "verbatim"])
@pytest.mark.parametrize(
    ("tag", "old", "new", "written"),
    [
        ("int", "38", 40, "40"),
        ("float", "1", 2.5, "2.5"),
        ("bool", "true", False, "false"),
        ("str", "38", "a b", "a b"),
        ("str", '"x"', "y", '"y"'),
    ],
)
def test_editing_a_tagged_value_keeps_its_tag_and_anchor(
    spelling: str, tag: str, old: str, new: Any, written: str
) -> None:
    prefix = f"a: &anchor {spelling.format(tag)} "
    doc = articlefm.loads(front_matter(prefix + old + "\nb: [x]\n"), schema=None)
    doc.meta["a"] = new
    out = articlefm.dumps(doc)
    assert out == front_matter(prefix + written + "\nb: [x]\n")
    assert same(plain(articlefm.loads(out, schema=None).meta), {"a": new, "b": ["x"]})


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [
        ("a:", "edited", "a: edited"),  # a null written as nothing
        ("a: # why", "edited", "a: edited # why"),
        ("a: !!str", "edited", "a: !!str edited"),  # an empty string under its tag
        ("a: &x", 5, "a: &x 5"),
        ("a: !!int 5", "five", "a: five"),  # a value its tag does not allow: the entry is written again
        ("a: !!null", "x y", "a: x y"),
    ],
)
def test_a_value_set_where_nothing_or_another_type_was_written_changes_only_its_entry(
    old: str, new: Any, written: str
) -> None:
    doc = articlefm.loads(front_matter(f"{old}\nb: [x]\n"), schema=None)
    doc.meta["a"] = new
    assert articlefm.dumps(doc) == front_matter(f"{written}\nb: [x]\n")


def test_tags_in_an_article_type_its_fields_and_edits_keep_them() -> None:
    text = (
        SAMPLE_TEXT.replace("quality: 38\n", "quality: !!int 38\n")
        .replace("published: false\n", "published: !!bool false\n")
        .replace("\ntype: article\n", "\ntype: !!str article\n")
        .replace("\nprovider:\n", "\nprovider: !!map\n")
        .replace("\ntopics:\n", "\ntopics: !!seq\n")
    )
    assert text.count("!!") == 5
    doc = articlefm.loads(text)
    assert (doc.meta.quality, doc.meta.published, doc.meta.type) == (38, False, "article")
    assert articlefm.dumps(doc) == text
    doc.meta.quality = 40
    doc.meta.topics.append("Robotics")
    doc.meta.provider.name = "Ubergizmo"
    expected = (
        text.replace("quality: !!int 38\n", "quality: !!int 40\n")
        .replace("  - AI\n", "  - AI\n  - Robotics\n")
        .replace("  name: Ubergizmo Feed\n", "  name: Ubergizmo\n")
    )
    assert articlefm.dumps(doc) == expected


def test_a_tagged_timestamp_text_is_a_string_not_a_timestamp() -> None:
    text = SAMPLE_TEXT.replace("publishedDateTime: 2020-06-24", "publishedDateTime: !!str 2020-06-24", 1)
    with pytest.raises(ArticleError) as raised:
        articlefm.loads(text, filename="a.md")
    found = "string '2020-06-24T23:48:00Z'"
    assert str(raised.value) == (
        f"a.md:5:26: publishedDateTime: expected an unquoted timestamp such as 2020-06-24T23:48:00Z, found {found}"
    )


def test_every_tagged_value_that_is_not_of_its_type_is_reported_at_once() -> None:
    text = front_matter("a: !!int abc\nb: !!bool yes\nc:\n  - !!null x\n  - !!float '1.2.3'\nd: !!int 5\n")
    with pytest.raises(ArticleError) as raised:
        articlefm.loads(text, schema=None, filename="t.md")
    assert [(p.path, p.line, p.column, p.message) for p in raised.value.problems] == [
        ("a", 2, 10, "expected an integer after the tag !!int, found string 'abc'"),
        ("b", 3, 11, "expected true or false after the tag !!bool, found string 'yes'"),
        ("c[0]", 5, 12, "expected null after the tag !!null, found string 'x'"),
        ("c[1]", 6, 13, "expected a number after the tag !!float, found string '1.2.3'"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a: !!str [x]\n", "a: expected a scalar after the tag !!str, found a sequence"),
        ("a: !!seq x\n", "a: expected a sequence after the tag !!seq, found a scalar"),
        ("a: !!map [x]\n", "a: expected a mapping after the tag !!map, found a sequence"),
    ],
)
def test_a_collection_tag_on_the_wrong_kind_of_node_is_reported(line: str, message: str) -> None:
    with pytest.raises(ArticleError) as raised:
        articlefm.loads(front_matter(line), schema=None, filename="t.md")
    assert str(raised.value) == f"t.md:2:4: {message}"


def test_a_key_tagged_str_is_a_string_and_one_tagged_int_is_not() -> None:
    assert articlefm.loads(front_matter("!!str 1: x\n"), schema=None).meta == {"1": "x"}
    with pytest.raises(ArticleError, match=r"^t\.md:2:7: expected a string key, found integer 1$"):
        articlefm.loads(front_matter("!!int 1: x\n"), schema=None, filename="t.md")


# --- generated front matter with tags anywhere ---------------------------------------------------------------------

_SCALAR = st.sampled_from([(tag, value) for tag, value, _ in TAGGED if tag not in ("seq", "map")])


@st.composite
def tagged_entry(draw: st.DrawFn, key: str) -> tuple[str, str]:
    """``(key: and the value's anchor and tag, the value's text)``."""
    tag, value = draw(_SCALAR)
    properties = [draw(st.sampled_from(SPELLINGS)).format(tag)]
    if draw(st.booleans()):
        properties.insert(draw(st.integers(0, 1)), f"&{key}_anchor")
    return f"{key}: {' '.join(properties)}", value


@st.composite
def tagged_front_matter(draw: st.DrawFn) -> list[tuple[str, str]]:
    keys = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=6, unique=True))
    return [draw(tagged_entry(key)) if draw(st.booleans()) else (f"{key}:", "plain") for key in keys]


# A new value of the same type as the old one (a null stays null: no edit).
NEW_VALUES: dict[type, list[Any]] = {
    str: ["edited", "two words", "38"],
    int: [7, -3],
    float: [0.5, 2.0],
    bool: [False, True],
    type(None): [None],
}


@given(tagged_front_matter(), st.data())
def test_generated_tagged_front_matter_reads_as_ruamel_does_and_one_edit_changes_one_line(
    entries: list[tuple[str, str]], data: st.DataObject
) -> None:
    lines = [f"{prefix} {value}".rstrip(" ") for prefix, value in entries]
    text = "".join(line + "\n" for line in lines)
    doc = articlefm.loads(front_matter(text), schema=None)
    assert same(plain(doc.meta), oracle(text))
    assert articlefm.dumps(doc) == front_matter(text)
    index = data.draw(st.integers(0, len(entries) - 1))
    key = entries[index][0].split(":")[0]
    new = data.draw(st.sampled_from(NEW_VALUES[type(doc.meta[key])]))
    doc.meta[key] = new
    out = articlefm.dumps(doc)
    out_lines = out.splitlines()[1:-1]
    assert out_lines[:index] + out_lines[index + 1 :] == lines[:index] + lines[index + 1 :]
    assert out_lines[index].startswith(entries[index][0])  # the key, the anchor and the tag as they were
    assert same(plain(articlefm.loads(out, schema=None).meta), {**plain(doc.meta), key: new})
