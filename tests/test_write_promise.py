"""The writer's promise: an edit never rewrites text outside the top-level entry that holds it.

A changed value is written in place where it can be; a value with no faithful place (a new type under a tag, an
anchor some alias elsewhere reads) makes its top-level entry be written again, in house style, and nothing else.
Block scalars are edited as block scalars. Each example asserts the whole output; the property holds the promise
over generated front matter of every construct the reader knows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import _YAML_LOOKING
from test_roundtrip import front_matter_text

import articlefm


def edited(front_matter: str, edit: Any, *, newline: str = "\n") -> str:
    """The front matter after ``edit(meta)``, written back (``newline`` for the delimiters)."""
    doc = articlefm.loads(f"---{newline}{front_matter}---{newline}", schema=None)
    edit(doc.meta)
    out = articlefm.dumps(doc)
    assert out.startswith(f"---{newline}")
    assert out.endswith(f"---{newline}")
    return out[len(f"---{newline}") : -len(f"---{newline}")]


def setter(key: str, value: Any) -> Any:
    return lambda meta: meta.__setitem__(key, value)


def deleter(key: str) -> Any:
    return lambda meta: meta.__delitem__(key)


# --- block scalars --------------------------------------------------------------------------------------------------

BEFORE, AFTER = "a: [x]  # flow, kept\n", "z: 1\n"


@pytest.mark.parametrize(
    ("block", "new", "written"),
    [
        ("d: >\n  text\n", "X", "d: >-\n  X\n"),
        ("d: |\n  l1\n  l2\n", "n1\nn2\n", "d: |\n  n1\n  n2\n"),
        ("d: |-\n  l1\n  l2\n", "n1\nn2", "d: |-\n  n1\n  n2\n"),
        ("d: |+\n  l1\n\n", "n1\n\n", "d: |+\n  n1\n\n"),
        ("d: |\n  l1\n", "n1", "d: |-\n  n1\n"),  # the chomping follows the new text
        ("d: >-\n  l1\n  l2\n", "one line", "d: >-\n  one line\n"),
        ("d: >\n  l1\n", "two\nlines\n", "d: |\n  two\n  lines\n"),  # folding would join them
        ("d: |  # why\n    deeper\n", "n\n", "d: |  # why\n    n\n"),  # header comment and indentation kept
        ("d: |2\n  indented\n", "n\n", "d: |2\n  n\n"),
        ("d: |2\n   indented\n", " n\n", "d: |2\n   n\n"),  # its indentation indicator says where the text starts
        ("d: |\n  l1\n", " leading space\n", 'd: " leading space\\n"\n'),  # no block scalar can hold it
        ("d: |\n  l1\n", 5, "d: 5\n"),
    ],
)
def test_a_block_scalar_is_replaced_as_a_block_scalar(block: str, new: Any, written: str) -> None:
    assert edited(BEFORE + block + AFTER, setter("d", new)) == BEFORE + written + AFTER


@pytest.mark.parametrize("block", ["d: >\n  text\n", "d: |+\n  l1\n\n\n", "d: |-\n  l1\n  l2\n"])
def test_deleting_a_block_scalar_removes_its_lines_only(block: str) -> None:
    assert edited(BEFORE + block + AFTER, deleter("d")) == BEFORE + AFTER
    assert edited(BEFORE + AFTER + block, deleter("d")) == BEFORE + AFTER


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("a: |\n  1\nb:\n  c: 0\n   \nd: 2\n", "a: |\n  1\nd: 2\n"),  # a line of spaces would join a's text
        ("a: |+\n  1\nb: 0\n\nd: 2\n", "a: |+\n  1\nd: 2\n"),  # and a blank line a kept one's
        ("a: |\n  1\nb: 0\n\n", "a: |\n  1\n"),
        ("a: |\n 1\nb:\n c: |\n  0\n #\nd: 2\n", "a: |\n 1\nd: 2\n"),  # and an indented comment line
        ("a: |\n  x\nb: 1\n# a comment\nd: 2\n", "a: |\n  x\n# a comment\nd: 2\n"),  # but not one at the left
    ],
)
def test_deleting_the_entry_after_a_block_scalar_leaves_no_line_that_would_join_it(
    front_matter: str, expected: str
) -> None:
    """Found by a thorough run of the property below: the blank lines after the deleted entry joined the block
    scalar before it, and the document did not read back."""
    assert edited(front_matter, deleter("b")) == expected


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("d:\n  - |+\n    l1\n\n  - y\n\nz: 1\n", "d:\n  - |+\n    l1\n\nz: 1\n"),
        ("d:\n  - |+\n    l1\n\n  - y\n\n  - w\nz: 1\n", "d:\n  - |+\n    l1\n\n  - w\nz: 1\n"),
        ("d:\n  - |+\n    l1\n\n  - y\n  - w\n\nz: 1\n", "d:\n  - |+\n    l1\n\n  - w\n\nz: 1\n"),
    ],
)
def test_removing_the_item_after_a_kept_block_scalar_leaves_its_blank_lines_as_they_were(
    front_matter: str, expected: str
) -> None:
    """The blank lines after the removed item would follow the ``|+`` text and be read as its own."""

    def remove_second(meta: Any) -> None:
        del meta["d"][1]

    assert edited(front_matter, remove_second) == expected


def test_block_scalar_items_are_replaced_removed_and_appended_after() -> None:
    text = "d:\n  - |\n    l1\n  - y\nz: 1\n"

    def replace_first(meta: Any) -> None:
        meta["d"][0] = "n\n"

    def remove_first(meta: Any) -> None:
        del meta["d"][0]

    def append_after_block(meta: Any) -> None:
        meta["d"].insert(1, "w")

    assert edited(text, replace_first) == "d:\n  - |\n    n\n  - y\nz: 1\n"
    assert edited(text, remove_first) == "d:\n  - y\nz: 1\n"
    assert edited(text, append_after_block) == "d:\n  - |\n    l1\n  - w\n  - y\nz: 1\n"


def test_block_scalars_keep_crlf() -> None:
    front_matter = "a: [x]\r\nd: |\r\n  l1\r\nz: 1\r\n"
    assert edited(front_matter, setter("d", "n1\nn2\n"), newline="\r\n") == "a: [x]\r\nd: |\r\n  n1\r\n  n2\r\nz: 1\r\n"
    assert edited(front_matter, deleter("d"), newline="\r\n") == "a: [x]\r\nz: 1\r\n"


# --- entries written again whole, and only they ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "edit", "expected"),
    [
        # The alias reads the anchor: changed in place, it would read the new value, so its entry is written again
        # (as the value it had); the flow list after them stays as it was.
        ("a: &x b\nc: *x\nd: [x]\n", setter("a", "z"), "a: &x z\nc: b\nd: [x]\n"),
        ("a: &x [1]\nc:\n  # note\n  *x\nd: [x]\n", setter("a", [2]), "a: &x [2]\nc:\n  - 1\nd: [x]\n"),
        # A value its tag does not allow: the entry, not its neighbours.
        ("a: !!int 5\nb: [x]\n", setter("a", "five"), "a: five\nb: [x]\n"),
        # Nothing but a comment: the new entries come after it.
        ("# only a comment\n", setter("a", "z"), "# only a comment\na: z\n"),
        # A scalar becomes a structure in its entry.
        ("a: 1  # one\nb: [x]\n", setter("a", {"k": [1, 2]}), "a:  # one\n  k:\n    - 1\n    - 2\nb: [x]\n"),
    ],
)
def test_what_cannot_be_edited_in_place_rewrites_its_own_entry_only(
    front_matter: str, edit: Any, expected: str
) -> None:
    assert edited(front_matter, edit) == expected


# --- the property ----------------------------------------------------------------------------------------------------


def top_level_entries(front_matter: str) -> list[list[str]]:
    """Each top-level entry's lines, in order, but for blank lines and comment lines (which belong to none)."""
    entries: list[list[str]] = []
    for line in front_matter.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() and not (line.startswith("- ") or line == "-"):  # (an indentless list is its key's)
            entries.append([])
        entries[-1].append(line)
    return entries


_SCALARS = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.text("ab \n", max_size=8),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.just(dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)),
)


@st.composite
def an_edit(draw: st.DrawFn, meta: dict[str, Any]) -> tuple[int, Any, bool]:
    """``(index of the top-level entry, the edit, whether it deletes that entry)``."""
    keys = list(meta)
    index = draw(st.integers(0, len(keys) - 1))
    key, value = keys[index], meta[keys[index]]
    kind = draw(st.sampled_from(["set", "delete", "inner"]))
    new = draw(_SCALARS)
    if kind == "delete":
        return index, deleter(key), True
    if kind == "inner" and isinstance(value, list) and value:
        edits = [
            lambda m: m[key].append(new),
            lambda m: m[key].insert(0, new),
            lambda m: m[key].pop(0),
            lambda m: m[key].pop(),
            lambda m: m[key].__setitem__(-1, new),
        ]
        return index, draw(st.sampled_from(edits)), False
    if kind == "inner" and isinstance(value, dict) and value:
        inner = draw(st.sampled_from(list(value)))
        edits = [lambda m: m[key].__setitem__(inner, new), lambda m: m[key].pop(inner), lambda m: m[key].update(zz=new)]
        return index, draw(st.sampled_from(edits)), False
    structures = st.one_of(st.lists(_SCALARS, max_size=3), st.dictionaries(st.sampled_from("pq"), _SCALARS, max_size=2))
    return index, setter(key, draw(st.one_of(_SCALARS, structures))), False


def drawn_edit_made(front_matter: str, doc: articlefm.Document[Any], data: st.DataObject) -> tuple[int, bool, str]:
    """Draw an edit of ``doc`` (read from ``front_matter``) and write it: the edited top-level entry's index,
    whether the edit deletes it, and the new front matter, which must load back as the edited data."""
    index, edit, deletes = data.draw(an_edit(doc.meta), label="edit")
    expected = articlefm.loads("---\n" + front_matter + "---\n", schema=None).meta
    edit(expected)
    out = edited(front_matter, edit)
    assert articlefm.loads("---\n" + out + "---\n", schema=None).meta == expected
    return index, deletes, out


@settings(
    max_examples=max(300, settings().max_examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(front_matter=front_matter_text(), data=st.data())
def test_an_edit_never_changes_another_top_level_entry(front_matter: str, data: st.DataObject) -> None:
    doc = articlefm.loads("---\n" + front_matter + "---\n", schema=None)
    index, deletes, out = drawn_edit_made(front_matter, doc, data)
    before, after = top_level_entries(front_matter), top_level_entries(out)
    if deletes:
        assert after == before[:index] + before[index + 1 :]
    else:
        assert after[:index] + after[index + 1 :] == before[:index] + before[index + 1 :]


_ANCHORED = ["[1, 2]", "{p: 1}", "text", "'quoted'", "\n  - 1\n  - 2", "\n  k: v", "|\n  literal"]


@settings(
    max_examples=max(300, settings().max_examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(front_matter=front_matter_text(), anchored=st.sampled_from(_ANCHORED), data=st.data())
def test_an_edit_beside_aliases_changes_only_its_entry_and_those_reading_it(
    front_matter: str, anchored: str, data: st.DataObject
) -> None:
    """As above, with an anchored first entry that later entries read, at the top and as a list's items (the last
    among them): an edit of the anchored entry may also write again the entries that read it, and nothing else."""
    text = f"base_0: &a {anchored}\n{front_matter}copy_0: *a\nlist_0:\n  - x\n  - *a\n  - y\n  - *a\n"
    try:
        doc = articlefm.loads("---\n" + text + "---\n", schema=None)
    except articlefm.ArticleError:
        assume(False)  # a generated key repeats one of these
    index, deletes, out = drawn_edit_made(text, doc, data)
    before, after = top_level_entries(text), top_level_entries(out)
    readers = [len(before) - 2, len(before) - 1] if index == 0 else []
    if deletes:
        before = before[:index] + before[index + 1 :]
        readers = [reader - 1 for reader in readers]
    else:
        before[index] = after[index] = []
    for reader in readers:
        before[reader] = after[reader] = []
    assert after == before


def test_a_text_no_plan_can_place_is_still_written_whole_rather_than_not_at_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last resort, for a case the writer does not place yet (the property above fails on any such case)."""
    from articlefm import _write

    def cannot(*args: Any, **kwargs: Any) -> bool:
        return False

    monkeypatch.setattr(_write._Differ, "plan", cannot)
    assert edited("a: [x]  # flow\nb: 1\n", setter("c", 3)) == "a:\n  - x\nb: 1\nc: 3\n"


# --- the property on a typed model ---------------------------------------------------------------------------------


@attrs.define
class Part:
    name: str = "v"
    count: int | None = None


@attrs.define
class Typed:
    """A schema with a field of each kind of type (and no ``extra``: unknown keys stay in the file only)."""

    title: str = "x"
    count: int | None = None
    ratio: float | None = None
    flag: bool | None = None
    day: dt.date | None = None
    at: dt.datetime | None = None
    note: str | None = None
    counts: list[int] = attrs.Factory(list)
    ratios: list[float] = attrs.Factory(list)
    names: list[str] = attrs.Factory(list)
    table: dict[str, Any] = attrs.Factory(dict)
    part: Part | None = None
    anything: Any = None


# Value texts of every kind: YAML-looking plain scalars (some that look like a value and are none), tags, quoted
# and block scalars, flow and block collections, anchors, comments, scalars over several lines.
_VALUE_TEXTS = [
    *_YAML_LOOKING, "2024-02-30T10:00:00", "1e", "0x", "+.5", "1:2:3", "2020-02-29", "1_0", ".", "-.inf", "+12",
    "0b2", "00", "1e999", "-0.0", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.1", "!!float 1", "!!str 12",
    "!!int '3'", "!!bool yes", "!!null ''", "! x", "|\n  a\n  b", ">-\n  a\n\n  b", "|+\n  a\n\n", "'it''s'",
    '"a\\tb"', "[]", "{}", "[1, 2]", "{name: 1}", "&A 1", "\n  - 1\n  - 2", "\n  name: w\n  count: 2", "# c",
    "x # c", "\n  # c\n  - 1", "a\n  b", '"a\n  b"', "'a\n\n  b'", "[a,\n  b]", "2020-01-01 00:00:00 +01:00",
]  # fmt: skip
_NEW_VALUES: dict[str, list[Any]] = {
    "title": ["y", "", "null", "a: b", "line\nbreak"],
    "count": [3, None, -0],
    "ratio": [2.5, float("inf"), 1.0, None],
    "flag": [True, None],
    "day": [dt.date(2020, 1, 2), None],
    "at": [dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2020, 1, 1)],
    "note": [None, "z", "two\nlines"],
    "counts": [[1], [], [1, 2, 3]],
    "ratios": [[1.5], []],
    "names": [["a"], [], ["x y", "null"]],
    "table": [{}, {"p": 1}, {"p": [1]}],
    "part": [None, Part(), Part("w", 2)],
    "anything": [None, 1, "s", [1], {"q": 2}],
}


@settings(max_examples=max(1000, settings().max_examples), suppress_health_check=[HealthCheck.filter_too_much])
@given(
    field=st.sampled_from(list(_NEW_VALUES)),
    text=st.sampled_from(_VALUE_TEXTS),
    edited_field=st.sampled_from(list(_NEW_VALUES)),
    data=st.data(),
)
def test_an_edit_of_a_typed_model_beside_any_value_changes_only_its_entry(
    field: str, text: str, edited_field: str, data: st.DataObject
) -> None:
    """Any value a field of any type reads, any field set to a value of its type: the text reads back as the
    model, and no other top-level entry changes (``unknown``, which the model does not hold, neither)."""
    separator = "" if text.startswith("\n") else " "
    front_matter = f"title: x\n{field}:{separator}{text}\nunknown: kept\n"
    try:
        doc = articlefm.loads(f"---\n{front_matter}---\n", schema=Typed)
    except articlefm.ArticleError:
        assume(False)  # not a value that field reads
    assume(".nan" not in text.lower())  # (NaN is not equal to itself: test_write_plan has its own test)
    setattr(doc.meta, edited_field, data.draw(st.sampled_from(_NEW_VALUES[edited_field]), label="new value"))
    out = articlefm.dumps(doc)
    assert articlefm.loads(out, schema=Typed).meta == doc.meta
    key = f"{edited_field}:"
    before, after = (
        [entry for entry in top_level_entries(written) if not entry[0].startswith(key)]
        for written in (front_matter, out.removeprefix("---\n").removesuffix("---\n"))
    )
    assert after == before
