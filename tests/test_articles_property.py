"""Property tests on whole generated articles (strategies in ``strategies.py``).

1. Write then load gives the document back, field by field (types and offsets too).
2. Text round trip: loading the written text and writing it again gives the same text (also
   with every value replaced by an equal copy, and with CRLF line ends and/or a BOM).
3. Edit round trip: one field of a loaded document changed (set, added or removed; a list
   item appended, inserted, replaced or removed; at any depth; in an LF, CRLF or BOM file)
   is written so that the text loads back as the edited model, only that field's lines
   change (into lines of the right shape), the line ends and BOM stay, and the ``secured``
   line and the unknown keys' lines are byte-identical.
4. House style: a new article is written as docs/format.md says.
5. Strict mode: an article without unknown keys loads strictly; every unknown key is an
   error that names it, at its line and column.

The oracle for 3 and 4 is :class:`Layout`: where each key of a model goes in the house
style, computed from the model alone by docs/format.md's rules (one line per scalar, a block
below ``key:`` indented 2, list items ``- `` indented 2 with a mapping's first key on the
dash line, a blank line before ``provider``, ``topics``, ``images``, ``related`` and
``secured``), with the unknown keys after the known ones, where the writer keeps them.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from strategies import (
    articles,
    camel,
    documents,
    extra_keys,
    extra_values,
    field_values,
    list_items,
)

import articlefm
from articlefm import Article, ArticleError, Document, Image, Secured

Part = str | int
Path = tuple[Part, ...]


# --- helpers --------------------------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Lines ending in ``\\n`` (kept); YAML's other line breaks never end a line of a written file."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def same(expected: Any, actual: Any, path: str = "meta") -> None:
    """``actual`` is ``expected`` field by field: equal, of the same type, datetimes with the same offset.

    Lists and dicts may be subclasses (a loaded document's containers track their changes);
    scalars and keys must be of the exact type.
    """
    if attrs.has(type(expected)):
        assert type(actual) is type(expected), f"{path}: {type(actual).__name__} != {type(expected).__name__}"
        for field in attrs.fields(type(expected)):
            same(getattr(expected, field.name), getattr(actual, field.name), f"{path}.{field.name}")
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: {actual!r} is not a dict"
        assert list(actual) == list(expected), f"{path}: keys {list(actual)!r} != {list(expected)!r}"
        for key in expected:
            assert type(next(k for k in actual if k == key)) is str, f"{path}: key {key!r} is not a str"
            same(expected[key], actual[key], f"{path}[{key!r}]")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: {actual!r} is not a list"
        assert len(actual) == len(expected), f"{path}: {len(actual)} items != {len(expected)}"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            same(want, got, f"{path}[{index}]")
    else:
        assert type(actual) is type(expected), f"{path}: {actual!r} ({type(actual).__name__}) != {expected!r}"
        if isinstance(expected, float):
            assert expected == actual, f"{path}: {actual!r} != {expected!r}"
            assert math.copysign(1, expected) == math.copysign(1, actual), f"{path}: sign of {actual!r}"
        else:
            assert expected == actual, f"{path}: {actual!r} != {expected!r}"
        if isinstance(expected, dt.datetime):
            assert expected.utcoffset() == actual.utcoffset(), f"{path}: offset of {actual!r} != {expected!r}"


def equivalent(old: Any, new: Any) -> bool:
    try:
        same(old, new)
    except AssertionError:
        return False
    return True


def get(meta: Any, path: Path) -> Any:
    for part in path:
        meta = meta[part] if isinstance(part, int) else getattr(meta, part)
    return meta


def present(value: Any) -> bool:
    """Whether a field's value is written (docs/format.md: absent optional keys, empty lists, are not)."""
    return value is not None and value != []


def extra_part(key: str) -> str:
    """A path part for a key of a mapping (``extra``, or a mapping inside it): never an attribute name."""
    return f"[{key!r}]"


def is_extra(part: Part) -> bool:
    return isinstance(part, str) and part.startswith("[")


def path_text(path: Path, keys: dict[Path, str]) -> str:
    """How a problem names a path: file keys joined by ``.``, indexes in brackets (``related[0].images[1].url``)."""
    text = ""
    for position, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = keys[path[: position + 1]]
        text += f".{key}" if text else key
    return text


# --- the house-style layout -----------------------------------------------------------------------------------------

BLANK_LINE_BEFORE = {"provider", "topics", "images", "related", "secured"}  # of Article, by docs/format.md
QUOTED = {"title", "excerpt", "original_url", "web_url", "amp_web_url", "cdn_amp_web_url", "url", "secured"}


@attrs.define
class Span:
    """Where one key's entry (or one list item) is: ``start`` (its blank line, if any) to ``end``, exclusive."""

    start: int
    key_line: int
    end: int
    indent: int  # of the key (entries) or of the dash (items)
    prefix: str | None  # the text its first line starts with, for schema keys and items of schema lists
    key: str | None  # the file key, for entries
    value: Any


class Layout:
    """The lines of a model written in house style, computed from the model alone.

    Line 0 is the opening ``---``; ``end`` is the index of the closing one.
    """

    def __init__(self, meta: Article) -> None:
        self.spans: dict[Path, Span] = {}
        self.blank_lines: set[int] = set()
        self.line = 1
        self.mapping(meta, (), 0, on_dash=False, schema=True)
        self.end = self.line

    @staticmethod
    def entries(value: Any) -> list[tuple[Part, str, Any, bool]]:
        """A mapping's entries in house order: (path part, file key, value, blank line before)."""
        if isinstance(value, dict):
            return [(extra_part(key), key, item, False) for key, item in value.items()]
        result: list[tuple[Part, str, Any, bool]] = []
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if field.name == "extra" or not present(item):
                continue
            blank = type(value) is Article and field.name in BLANK_LINE_BEFORE and bool(result)
            result.append((field.name, camel(field.name), item, blank))
        result.extend((extra_part(key), key, item, False) for key, item in value.extra.items())
        return result

    @staticmethod
    def is_mapping(value: Any) -> bool:
        return attrs.has(type(value)) or (isinstance(value, dict) and bool(value))

    @staticmethod
    def is_sequence(value: Any) -> bool:
        return isinstance(value, list) and bool(value)

    def mapping(self, value: Any, path: Path, indent: int, on_dash: bool, schema: bool) -> None:
        for position, (part, key, item, blank) in enumerate(self.entries(value)):
            start = self.line
            if blank:
                self.blank_lines.add(self.line)
                self.line += 1
            key_line = self.line
            lead = " " * (indent - 2) + "- " if on_dash and position == 0 else " " * indent
            known = schema and not is_extra(part)
            self.line += 1
            if self.is_mapping(item):
                self.mapping(item, (*path, part), indent + 2, on_dash=False, schema=known)
            elif self.is_sequence(item):
                self.sequence(item, (*path, part), indent + 2, schema=known)
            prefix = lead + key + ":" if known else None
            self.spans[(*path, part)] = Span(start, key_line, self.line, indent, prefix, key, item)

    def sequence(self, items: list[Any], path: Path, indent: int, schema: bool) -> None:
        for index, item in enumerate(items):
            start = self.line
            if self.is_mapping(item):
                self.mapping(item, (*path, index), indent + 2, on_dash=True, schema=schema)
            elif self.is_sequence(item):
                self.sequence(item, (*path, index), indent + 2, schema=False)
            else:
                self.line += 1
            prefix = " " * indent + "- " if schema else None
            self.spans[(*path, index)] = Span(start, start, self.line, indent, prefix, None, item)

    def keys(self) -> dict[Path, str]:
        return {path: span.key for path, span in self.spans.items() if span.key is not None}


def extra_paths(layout: Layout) -> list[Path]:
    """The unknown keys of the model (not keys inside their values): the first extra part of a path is last."""
    return [path for path in layout.spans if is_extra(path[-1]) and not any(map(is_extra, path[:-1]))]


FRAMINGS = ("LF", "CRLF", "BOM", "BOM+CRLF")


def reframe(text: str, closing: int, framing: str) -> str:
    """``text`` (written by articlefm, closing ``---`` at line ``closing``) with CRLF front matter and/or a BOM.

    Only the delimiters and the front matter change: the body is kept as it is.
    """
    lines = split_lines(text)
    if "CRLF" in framing:
        lines[: closing + 1] = [line.removesuffix("\n") + "\r\n" for line in lines[: closing + 1]]
    return ("\ufeff" if "BOM" in framing else "") + "".join(lines)


# --- 1. write then load ---------------------------------------------------------------------------------------------


@given(documents())
def test_write_then_load(doc: Document[Article]) -> None:
    text = articlefm.dumps(doc)
    again = articlefm.loads(text)
    assert again == doc
    same(doc.meta, again.meta)
    assert again.body == doc.body


# --- 2. text round trip ---------------------------------------------------------------------------------------------


@given(documents(), st.sampled_from(FRAMINGS[1:]))
def test_text_round_trip(doc: Document[Article], framing: str) -> None:
    text = articlefm.dumps(doc)
    assert articlefm.dumps(articlefm.loads(text)) == text
    assert articlefm.dumps(articlefm.loads(text.encode("utf-8"))) == text
    # Every value replaced by an equal copy: the writer must see that nothing changed.
    loaded = articlefm.loads(text)
    loaded.meta = copy.deepcopy(loaded.meta)
    assert articlefm.dumps(loaded) == text
    # The same file as a Windows editor or a BOM would leave it (docs/format.md: both round-trip).
    variant = reframe(text, Layout(doc.meta).end, framing)
    again = articlefm.loads(variant)
    assert again == doc
    assert articlefm.dumps(again) == variant
    again.meta = copy.deepcopy(again.meta)
    assert articlefm.dumps(again) == variant


# --- 3. edit round trip ---------------------------------------------------------------------------------------------


@attrs.frozen
class Edit:
    """One change: set ``owner.name``; or, to the list at ``owner``, append an item, or insert, replace
    or remove its item ``index``."""

    kind: Literal["set", "append", "insert", "replace", "remove"]
    owner: Path
    name: str = ""
    index: int = -1

    @property
    def shape(self) -> tuple[str, ...]:
        """The edit with list indexes left out, to draw every kind of edit about as often."""
        return (self.kind, *(part for part in self.owner if isinstance(part, str)), self.name)


def edits(meta: Article) -> list[Edit]:
    """Every edit of the model: each field at any depth set, each list appended to, each item replaced or
    removed or a new one inserted before it."""
    found: list[Edit] = []

    def visit(value: Any, path: Path) -> None:
        for field in attrs.fields(type(value)):
            if field.name == "extra":
                continue
            found.append(Edit("set", path, field.name))
            item = getattr(value, field.name)
            if isinstance(item, list):
                found.append(Edit("append", (*path, field.name)))
                for index, element in enumerate(item):
                    found.extend(
                        Edit(kind, (*path, field.name), index=index) for kind in ("insert", "replace", "remove")
                    )
                    if attrs.has(type(element)):
                        visit(element, (*path, field.name, index))
            elif attrs.has(type(item)):
                visit(item, (*path, field.name))

    visit(meta, ())
    return found


def new_value(edit: Edit, meta: Article) -> st.SearchStrategy[Any]:
    owner = get(meta, edit.owner)
    if edit.kind == "set":
        logo = isinstance(owner, Image) and "provider" in edit.owner
        return field_values(type(owner), not logo)[edit.name]
    parent = get(meta, edit.owner[:-1])
    return list_items(type(parent), str(edit.owner[-1]), "provider" not in edit.owner)


def apply(edit: Edit, meta: Article, value: Any) -> None:
    if edit.kind == "set":
        setattr(get(meta, edit.owner), edit.name, value)
    elif edit.kind == "append":
        get(meta, edit.owner).append(value)
    elif edit.kind == "insert":
        get(meta, edit.owner).insert(edit.index, value)
    elif edit.kind == "replace":
        get(meta, edit.owner)[edit.index] = value
    else:
        del get(meta, edit.owner)[edit.index]


@attrs.frozen
class Region:
    """The old text's lines ``[start, end)`` that the edit may replace, and what may replace them.

    ``first``: the text the first non-blank new line starts with (``None``: no non-blank lines);
    ``indent``: every later non-blank line is indented more; ``lines``: how many lines exactly, if known;
    ``blank``: whether one blank line may be added (a key with a blank line before it added); the
    blank lines among the old lines may stay, whatever the edit.
    """

    start: int
    end: int
    first: str | None
    indent: int
    lines: int | None
    blank: bool
    value: Path  # the edited value's path: protected lines below it are part of the edit


def field_gap(layout: Layout, meta: Article, owner: Path, name: str) -> tuple[int, int, int]:
    """Where an absent field of ``owner`` goes: after the present entry before it, up to the next one's key line."""
    value = get(meta, owner)
    names = [field.name for field in attrs.fields(type(value)) if field.name != "extra"]
    order: list[Part] = [*names, *(extra_part(key) for key in value.extra)]
    position = order.index(name)
    before = [part for part in order[:position] if (*owner, part) in layout.spans]
    after = [part for part in order[position + 1 :] if (*owner, part) in layout.spans]
    assert before, f"{name} is first in {owner}: required fields come first"
    previous = layout.spans[(*owner, before[-1])]
    end = layout.spans[(*owner, after[0])].key_line if after else previous.end
    return previous.end, end, previous.indent


def region(layout: Layout, meta: Article, edit: Edit, value: Any) -> Region:
    """The lines of the old text that ``edit`` may change (``meta`` is the model before the edit)."""
    if edit.kind == "set":
        path = (*edit.owner, edit.name)
        old = get(meta, path)
        scalar = not isinstance(value, list) and not attrs.has(type(value))
        blank = type(get(meta, edit.owner)) is Article and edit.name in BLANK_LINE_BEFORE
        if present(old):
            span = layout.spans[path]
            if present(value):
                return Region(span.key_line, span.end, span.prefix, span.indent, 1 if scalar else None, False, path)
            return Region(span.start, span.end, None, span.indent, None, False, path)
        if not present(value):
            return Region(1, 1, None, 0, 0, False, path)
        start, end, indent = field_gap(layout, meta, edit.owner, edit.name)
        first = " " * indent + camel(edit.name) + ":"
        return Region(start, end, first, indent, 1 if scalar else None, blank, path)
    items = get(meta, edit.owner)
    owner, name = edit.owner[:-1], str(edit.owner[-1])
    blank = type(get(meta, owner)) is Article and name in BLANK_LINE_BEFORE
    new_item = (*edit.owner, -1)  # a path below which nothing of the old text is
    scalar = not attrs.has(type(value))
    if edit.kind == "append":
        if items:
            last = layout.spans[(*edit.owner, len(items) - 1)]
            return Region(last.end, last.end, " " * last.indent + "- ", last.indent, None, False, new_item)
        start, end, indent = field_gap(layout, meta, owner, name)
        return Region(start, end, " " * indent + camel(name) + ":", indent, None, blank, new_item)
    span = layout.spans[(*edit.owner, edit.index)]
    if edit.kind == "insert":
        return Region(span.start, span.start, " " * span.indent + "- ", span.indent, None, False, new_item)
    if edit.kind == "replace":
        first = " " * span.indent + "- "
        return Region(span.start, span.end, first, span.indent, 1 if scalar else None, False, (*edit.owner, edit.index))
    if len(items) > 1:
        return Region(span.start, span.end, None, span.indent, 0, False, (*edit.owner, edit.index))
    span = layout.spans[edit.owner]
    return Region(span.start, span.end, None, span.indent, None, False, edit.owner)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def check_edit(before: list[str], after: list[str], where: Region, layout: Layout) -> None:
    """Only ``where``'s lines changed, into lines of the right shape; protected lines byte-identical."""
    kept = len(before) - where.end
    assert len(after) >= where.start + kept, "lines outside the edited field were removed"
    assert after[: where.start] == before[: where.start], "a line before the edited field changed"
    assert after[len(after) - kept :] == before[where.end :], "a line after the edited field changed"
    middle = after[where.start : len(after) - kept]
    written = [line for line in middle if line.strip()]
    blank_lines = sum(not line.strip() for line in before[where.start : where.end]) + where.blank
    assert len(middle) - len(written) <= blank_lines, f"blank lines added: {middle!r}"
    if where.first is None:
        assert not written, f"lines written for a removal: {written!r}"
    else:
        assert written, "nothing written for the edited field"
        assert written[0].startswith(where.first), f"{written[0]!r} does not start with {where.first!r}"
        for line in written[1:]:
            assert indent_of(line) > where.indent, f"{line!r} is outside the edited field"
    if where.lines is not None:
        assert len(written) == where.lines, f"{len(written)} lines written, expected {where.lines}: {written!r}"
    # (c) the secured line and every unknown key's lines: the same bytes, only moved.
    shift = len(after) - len(before)
    protected = [path for path in extra_paths(layout) if path[: len(where.value)] != where.value]
    if ("secured",) in layout.spans and where.value != ("secured",):
        protected.append(("secured",))
    for path in protected:
        span = layout.spans[path]
        if span.end <= where.start:
            moved = span.key_line
        else:
            assert span.key_line >= where.end, f"{path} overlaps the edited lines"
            moved = span.key_line + shift
        old = "".join(before[span.key_line : span.end])
        new = "".join(after[moved : moved + span.end - span.key_line])
        assert new == old, f"{path}: {old!r} became {new!r}"


@given(documents(), st.data())
def test_edit_round_trip(doc: Document[Article], data: st.DataObject) -> None:
    layout = Layout(doc.meta)
    framing = data.draw(st.sampled_from(FRAMINGS), label="framing")
    text = reframe(articlefm.dumps(doc), layout.end, framing)
    loaded = articlefm.loads(text)
    candidates = edits(loaded.meta)
    shape = data.draw(st.sampled_from(sorted({edit.shape for edit in candidates})), label="kind")
    edit = data.draw(st.sampled_from([edit for edit in candidates if edit.shape == shape]), label="edit")
    value = data.draw(new_value(edit, loaded.meta), label="value")
    if edit.kind in ("set", "replace"):
        old_value = get(loaded.meta, (*edit.owner, edit.name) if edit.kind == "set" else (*edit.owner, edit.index))
        unchanged = equivalent(old_value, value)
    else:
        unchanged = False
    where = region(layout, loaded.meta, edit, value)
    apply(edit, loaded.meta, value)
    expected = copy.deepcopy(loaded.meta)

    out = articlefm.dumps(loaded)

    # (a) it loads back as the edited model
    again = articlefm.loads(out)
    assert again.meta == expected
    same(expected, again.meta)
    assert again.body == doc.body
    if unchanged:
        assert out == text
    # (b) and (c)
    after = split_lines(out)
    check_edit(split_lines(text), after, where, layout)
    closing = after.index("---\r\n" if "CRLF" in framing else "---\n", 1)
    newline = "\r\n" if "CRLF" in framing else "\n"
    endings = {"\r\n" if line.endswith("\r\n") else line[-1:] for line in after[: closing + 1]}
    assert endings == {newline}, f"line endings changed: {endings!r}"
    assert out.startswith("\ufeff") == ("BOM" in framing), "the BOM changed"


# --- 4. house style -------------------------------------------------------------------------------------------------

_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"\n\Z')
_TIMESTAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d*[1-9])?)(Z|[+-]\d\d:\d\d)\n\Z")
# Text no YAML reader takes for anything but itself written plain: a letter, then letters, digits and ``._-``,
# spaces only inside; not a YAML 1.1 or 1.2 keyword.
_SIMPLE = re.compile(r"[A-Za-z](?:[A-Za-z0-9._ -]*[A-Za-z0-9._-])?\Z")
_KEYWORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"}
# Characters YAML does not allow raw (outside its printable set), and the line breaks other than \n.
_MUST_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\x85\u2028\u2029\r]")
_RUAMEL = YAML(typ="safe")  # YAML 1.2, as articlefm reads it


def simple(value: str) -> bool:
    return bool(_SIMPLE.match(value)) and value.lower() not in _KEYWORDS


def check_scalar(name: str, value: Any, rest: str, path: Path) -> None:
    """The text after ``key:`` (or ``- ``) for one scalar of a schema field, by the house style."""
    if name in QUOTED:
        assert _DOUBLE_QUOTED.match(rest), f"{path}: {rest!r} is not one double-quoted line"
    elif isinstance(value, dt.datetime):
        match = _TIMESTAMP.match(rest)
        assert match, f"{path}: {rest!r} is not a timestamp like 2020-06-24T23:48:00Z"
        assert (match[2] == "Z") == (value.utcoffset() == dt.timedelta(0)), f"{path}: {rest!r} (Z only for UTC)"
    elif isinstance(value, bool):
        assert rest == ("true\n" if value else "false\n"), f"{path}: {rest!r}"
    elif isinstance(value, int):
        assert rest == f"{value}\n", f"{path}: {rest!r}"
    elif isinstance(value, str):  # category, type, provider name and domain, topics items
        if simple(value):
            assert rest == value + "\n", f"{path}: {rest!r} is quoted, but {value!r} needs no quotes"
        elif not rest.startswith('"'):
            try:
                loaded = _RUAMEL.load("k: " + rest)
            except YAMLError as exc:
                raise AssertionError(f"{path}: plain {rest!r} is not a string to ruamel.yaml: {exc}") from None
            assert loaded == {"k": value}, f"{path}: plain {rest!r} reads as {loaded!r}"
        else:
            assert _DOUBLE_QUOTED.match(rest), f"{path}: {rest!r} is not one double-quoted line"


@given(articles(), st.sampled_from(["\n", "", "body\n"]))
def test_house_style(meta: Article, body: str) -> None:
    text = articlefm.dumps(Document(meta=meta, body=body))
    layout = Layout(meta)
    lines = split_lines(text)
    assert lines[0] == "---\n"
    assert lines[layout.end] == "---\n", f"line {layout.end} is {lines[layout.end]!r}: a value was wrapped or lost"
    assert "".join(lines[layout.end + 1 :]) == body
    for number in range(1, layout.end):
        line = lines[number]
        assert not _MUST_ESCAPE.search(line), f"line {number} {line!r} holds a character YAML must escape"
        assert (line == "\n") == (number in layout.blank_lines), f"line {number} {line!r}: blank lines"
    for path, span in layout.spans.items():
        line = lines[span.key_line]
        if span.prefix is None:  # an unknown key's entry, or inside one
            if span.key is not None and not any(map(is_extra, path[:-1])):
                assert line[: span.indent] == " " * span.indent, f"{path}: {line!r} not at {span.indent}"
                assert line[span.indent] != " ", f"{path}: {line!r} not at {span.indent}"
            continue
        assert line.startswith(span.prefix), f"{path}: {line!r} does not start with {span.prefix!r}"
        value = span.value
        if isinstance(value, list) or attrs.has(type(value)):
            if span.key is not None:
                assert line == span.prefix + "\n", f"{path}: {line!r}"
            continue
        if isinstance(value, Secured):
            value = str(value)
        rest = line[len(span.prefix) :]
        if span.key is not None:
            assert rest.startswith(" "), f"{path}: {line!r}"
            rest = rest[1:]
        name = next(part for part in reversed(path) if isinstance(part, str))
        check_scalar(name, value, rest, path)


# --- 5. strict mode -------------------------------------------------------------------------------------------------


@given(documents(with_extras=False))
def test_strict_without_unknown_keys(doc: Document[Article]) -> None:
    text = articlefm.dumps(doc)
    assert articlefm.loads(text, strict=True) == doc


def objects(meta: Article, path: Path = ()) -> list[Path]:
    """The paths of the model objects (each has an ``extra``)."""
    found = [path]
    for field in attrs.fields(type(meta)):
        item = getattr(meta, field.name)
        if attrs.has(type(item)):
            found.extend(objects(item, (*path, field.name)))
        elif isinstance(item, list):
            for index, element in enumerate(item):
                if attrs.has(type(element)):
                    found.extend(objects(element, (*path, field.name, index)))
    return found


@given(articles(), st.data())
def test_strict_names_every_unknown_key(meta: Article, data: st.DataObject) -> None:
    where = data.draw(st.sampled_from(objects(meta)), label="object")
    owner = get(meta, where)
    key = data.draw(extra_keys(type(owner)).filter(lambda key: key not in owner.extra), label="key")
    owner.extra[key] = data.draw(extra_values(), label="value")
    text = articlefm.dumps(Document(meta=meta))
    layout = Layout(meta)
    keys = layout.keys()
    expected = sorted(
        (
            path_text(path, keys),
            layout.spans[path].key_line + 1,  # Problem lines count the opening --- as line 1
            layout.spans[path].indent + 1,
            f"unknown key {keys[path]!r} (strict mode)",
        )
        for path in extra_paths(layout)
    )

    assert articlefm.loads(text) == Document(meta=meta)
    with pytest.raises(ArticleError) as info:
        articlefm.loads(text, strict=True)

    found = sorted((problem.path, problem.line, problem.column, problem.message) for problem in info.value.problems)
    assert found == expected
