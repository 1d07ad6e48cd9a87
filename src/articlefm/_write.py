"""The write path: an edited document's text, as a plan of edits to the text it was read from.

An unedited document is its source (see :func:`._document.unedited`); a
document without one is written whole in house style (:mod:`._emit`). For any
other, a *plan* is a list of :class:`Edit` s: a value's span replaced, an entry
or item inserted or removed, one entry written again in its neighbours' style.
One differ (:class:`_Differ`) makes the plan, deciding it whole before any text
is made, from the data the source was read as and the model; the first plan
whose text loads back as the document is the one written:

1. Each change in place, as small as it can be. While only values change, their
   spans are found without building the source tree, and the text is checked by
   reading again only the entries it changed (:func:`_entries_read_back`), where
   that is certain to tell.
2. Each changed top-level entry written again whole, and no other (what the one
   before could not write so that it reads back).
3. The whole front matter in house style: the last resort, which no known text
   reaches (the promise's property tests fail on any that would), and never
   where it would lose keys the model does not hold (:func:`_unkept_keys`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from . import _document, _emit
from ._compile import compiled
from ._convert import converter, is_null
from ._errors import ArticleError, Problem
from ._framing import split
from ._parse import fits_tag, parse, scalar_data, to_data
from ._resolve import BOOLS, ResolveError, resolve_plain
from ._scan import locate, root_key_line, scan, scan_data
from ._schema import FieldSpec, list_item, optional_inner, spec
from ._secured import Secured
from ._tree import FOLDED, LITERAL, Mapping, Node, Plain, Scalar, Sequence, line_end, line_start
from ._validate import NestedError, describe, is_int

if TYPE_CHECKING:
    from ._document import Document

# An alias's ``*name`` after its key's colon or its item's dash (comments may come between; after ``? key``,
# the colon is on the next line)
_ALIAS = re.compile(r"(?:\s|#[^\n]*|[-:?])*\*[^\s,\[\]{}]+")


def write(document: Document[Any], filename: str) -> str:
    """The text of an edited (or new) document; ``filename`` names it in errors.

    A model that cannot be written (lists are changed in place without
    validation) raises :class:`ArticleError` with a problem for each bad value.
    """
    meta = document.meta
    if not _is_mapping(meta):
        raise ArticleError(
            [Problem("", 0, 0, f"expected a mapping of keys to values, found {describe(meta)}")], filename
        )
    schema: Any = type(meta) if attrs.has(type(meta)) else None
    error: Exception
    try:
        for text, sure in _candidates(document, schema, filename):
            if sure or _reads_back(text, document, schema):
                return text
        error = ValueError("the document does not read back as it is and was not written")
    except _emit.Unwritable as exc:  # a value no plan can write: its problem is found below
        error = exc
    problems = _model_problems(meta, schema or Any, document._strict, ())
    if problems:
        located = [Problem(_document._path_text(path), 0, 0, message) for path, message in problems]
        raise ArticleError(located, filename) from None
    raise error


def _candidates(document: Document[Any], schema: Any, filename: str) -> Iterator[tuple[str, bool]]:
    """The texts of the plans above, in order, each made only if the one before does not read back, and
    whether it is already known to read back."""
    tp = schema or Any
    meta, body = document.meta, document.body
    text = _document.source_text(document)
    if text is None:
        yield "---\n" + _emit.front_matter(_plain(meta, schema, document._strict), schema) + "---\n" + body, False
        return
    frame = split(text, filename)
    source = _Source(frame.front_matter, document._data)
    for whole_entries in (False, True):
        differ = _Differ(frame.front_matter, frame.newline, schema, document._strict, source)
        edited = apply(frame.front_matter, differ.edits) if differ.plan(meta, tp, whole_entries) else None
        if edited is not None:
            sure = source.tree_unread() and _entries_read_back(edited, differ, source.data, document, schema)
            yield text if not differ.edits and body == frame.body else frame.join(edited, body), sure
    if not _unkept_keys(source.data, tp):  # (written from the model, they would be lost: nothing is written)
        yield frame.join(_emit.front_matter(_plain(meta, schema, document._strict), schema, frame.newline), body), False


def _unkept_keys(data: Any, tp: Any) -> bool:
    """Whether ``data``, read for a value of type ``tp``, holds keys that a class without ``extra`` leaves in the
    file: the model does not hold them."""
    tp = optional_inner(tp) or tp
    if attrs.has(tp) and isinstance(data, dict):
        class_spec = spec(tp)
        fields = class_spec.by_key
        if class_spec.extra is None and not fields.keys() >= data.keys():
            return True
        return any(_unkept_keys(value, fields[key].type) for key, value in data.items() if key in fields)
    item_type = list_item(tp)
    return item_type is not None and isinstance(data, list) and any(_unkept_keys(item, item_type) for item in data)


def _plain(value: Any, schema: Any, strict: bool, tp: Any = Any) -> Any:
    """A model's value (of type ``tp``) as the plain data :mod:`._emit` writes: as the schema's converter gives it."""
    if schema is None:
        return value  # plain data already
    try:  # (by its type: a list of a schema's objects is tracked, which cattrs would leave as it is)
        as_type = None if tp is Any or value is None else optional_inner(tp) or tp
        return converter(strict, detailed=False).unstructure(value, unstructure_as=as_type)
    except Exception as exc:  # a model cattrs cannot unstructure (see write)
        raise _emit.Unwritable(str(exc)) from exc


def _reads_back(text: str, document: Document[Any], schema: Any) -> bool:
    """Whether ``text`` loads back as ``document``: never write what does not."""
    try:
        again = _document.loads(text, schema=schema, strict=document._strict, limits=_document._VERIFY_LIMITS)
    except ArticleError:
        return False
    return _equal(again.meta, document.meta) and again.body == document.body


def _equal(again: Any, model: Any) -> bool:
    """Whether a model read back equals the model written: ``==``, but a NaN equals a NaN (``.nan`` reads
    back as one, and attrs compares field by field, where a NaN is not even equal to itself)."""
    if again == model:
        return True
    if isinstance(again, float) and isinstance(model, float):
        return again != again and model != model
    if isinstance(again, list) and isinstance(model, list):
        return len(again) == len(model) and all(map(_equal, again, model))
    if isinstance(again, dict) and isinstance(model, dict):
        return again.keys() == model.keys() and all(_equal(again[key], model[key]) for key in again)
    cls = type(again)
    if cls is type(model) and attrs.has(cls):
        return all(_equal(getattr(again, field.name), getattr(model, field.name)) for field in attrs.fields(cls))
    return False


def _entries_read_back(edited: str, differ: _Differ, data: Any, document: Document[Any], schema: Any) -> bool:
    """Whether a front matter whose values ``differ`` replaced in place is sure to load back as ``document``,
    reading again only the top-level entries it changed: the model is structured from the data the source was
    read as (``data``), those entries' values replaced. ``False`` when unsure (the whole text is then read back).

    The values were located without the tree, so the source is in the fast reader's subset. There each
    top-level entry starts a line with its key and the lines of its value are indented (or items of it), so
    an entry reads the same alone as among the others (``tests/test_write_plan.py`` holds the reader to it).
    An edit that adds no line keeps every line start, and so each entry where it was.
    """
    structure = compiled(schema, document._strict) if schema is not None else None
    if structure is None or any("\n" in edit.text for edit in differ.edits):
        return False
    roots = list(data)
    new = dict(data)
    for key in dict.fromkeys(differ.roots):  # (a key once, however many of its values were replaced)
        following = roots.index(key) + 1
        start = root_key_line(key).search(edited)
        end = root_key_line(roots[following]).search(edited, start.end()) if start and following < len(roots) else None
        if start is None or (following < len(roots) and end is None):
            return False
        read = scan_data(edited[start.start() : end.start() if end else None])
        if read is None or list(read) != [key]:
            return False
        new[key] = read[key]
    try:
        return _equal(structure(new), document.meta)
    except Exception:  # noqa: BLE001 - not sure, then: the whole text is read back and its problems found
        return False


# --- plans ---------------------------------------------------------------------------------------------------------


@attrs.frozen
class Edit:
    """One step of a plan: ``text`` in place of the source's ``[start:end]`` (an insertion if empty, a removal
    if ``text`` is)."""

    start: int
    end: int
    text: str


def apply(text: str, edits: list[Edit]) -> str | None:
    """``text`` with the plan's edits made; ``None`` if two replacements overlap.

    Lines removed may be claimed by two removals (a blank line between two
    entries removed), and an insertion may fall in lines removed (a new first
    entry where the first was): they are made once, and after the removal.
    """
    parts: list[str] = []
    position = 0
    # Insertions sort before a removal at the same offset; equal ones keep their order.
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            if edit.start != edit.end and (edit.text or parts[-1]):
                return None
            edit = Edit(position, max(position, edit.end), edit.text)
        parts.append(text[position : edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def _same(meant: Any, new: Any, tp: Any) -> bool:
    """Whether a scalar the source says ``meant`` (as read: ``str`` if quoted, :class:`Plain` if plain, a
    value if tagged) reads as ``new`` in a field of type ``tp``."""
    if isinstance(new, Secured):
        new = str(new)  # a token is written as its text
    kind = type(new)
    if type(meant) is str:  # quoted, a block scalar, or tagged !!str
        return kind is str and meant == new
    if type(meant) is not Plain:  # an integer's text tagged !!float
        return kind is type(meant) and bool(meant == new)
    if kind is str and tp in (str, Secured):
        return meant == new and not is_null(meant)  # (a string field reads a plain text as itself, but null)
    if kind is bool and meant in BOOLS:
        return BOOLS[meant] is new
    try:
        old = resolve_plain(meant)  # (which reads digits and the usual timestamps first, in C)
    except (ResolveError, ValueError):
        return False
    if tp is float and kind is float and is_int(old):
        return bool(old == new)  # a float field reads ``40`` as 40.0: the text still says it
    if isinstance(old, dt.datetime):
        return isinstance(new, dt.datetime) and old == new and old.utcoffset() == new.utcoffset()
    return type(old) is kind and (bool(old == new) or _equal(old, new))  # (_equal only when unequal: a NaN)


class _Source:
    """A front matter's text, the data it was read as, and its tree, built only if an edit needs it.

    Data the fast reader read (kept by the document, or scanned again) says
    the text is in its subset, where :func:`locate` finds a value's span
    without the tree; other text is parsed, and its data taken from the tree.
    """

    __slots__ = ("_tree", "data", "scanned", "text")

    def __init__(self, text: str, data: dict[str, Any] | None) -> None:
        self.text = text
        self.data: Any = data if data is not None else scan_data(text)
        self.scanned = self.data is not None
        self._tree = None if self.scanned else parse(text, _document._VERIFY_LIMITS)
        if self._tree is not None:
            self.data = to_data(self._tree, text, limits=_document._VERIFY_LIMITS)

    @property
    def tree(self) -> Node:
        if self._tree is None:
            self._tree = scan(self.text) or parse(self.text, _document._VERIFY_LIMITS)
        return self._tree

    def tree_unread(self) -> bool:
        """Whether no edit needed the tree: the values changed were found by :func:`locate`."""
        return self._tree is None

    def node(self, path: tuple[str | int, ...]) -> Node:
        return _document._Finder(self.tree)(path, key=False, missing=False)


def _entries(new: Any, old: Any) -> Iterator[tuple[str, Any, FieldSpec | None]]:
    """A mapping's entries as a model (a ``dict`` or a class's object) holds them, in the order they are
    written: key, value and its field if a class's (``old`` is the file's data, see :func:`_written`)."""
    if isinstance(new, dict):
        yield from ((key, value, None) for key, value in new.items())
        return
    cls: type = type(new)
    class_spec = spec(cls)
    for field in class_spec.fields:
        value = getattr(new, field.name)
        if _written(field, value, field.key in old):
            yield field.key, value, field
    if class_spec.extra:  # (a key that shadows a field never reads back: it is named then, see write)
        yield from ((key, value, None) for key, value in getattr(new, class_spec.extra).items())


def _written(field: FieldSpec, value: Any, in_file: bool) -> bool:
    """Whether a field has an entry: not at its default (as in a new file), or the file has the key
    (``in_file``) and the value says something (``draft: false`` stays, set false; a value emptied goes)."""
    if in_file and value is not None and (value or not isinstance(value, list)):
        return True
    return not field.is_default(value)


def _is_mapping(value: Any) -> bool:
    return isinstance(value, dict) or attrs.has(type(value))


def _typed(field: FieldSpec | None) -> tuple[Any, bool]:
    """An entry's type (``| None`` left out, as the differ takes types), and whether its strings are quoted."""
    return (field.value_type, field.quoted) if field is not None else (Any, False)


@functools.cache
def _item_type(tp: Any) -> Any:
    """The type of a list's items (``| None`` left out, as the differ takes types)."""
    item = list_item(tp) or Any
    return optional_inner(item) or item


def _column(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


class _Differ:
    """Compares the data a front matter was read as with the model it should now hold, adding to ``edits`` the
    plan that makes it so: the one differ of the write path.

    It walks the data and the model together. While only scalars change, it
    needs no tree: each value's span is found by :func:`locate` (``node`` is
    ``None``: *located*). Where more changes, or :func:`locate` cannot tell,
    the collection that holds the change is walked again with its tree node,
    and each change is placed in the tree: a value replaced, an entry or item
    inserted or removed, or (with no place for it) its entry or item written
    again. Each method returns whether it placed its changes; ``False`` leaves
    the caller to write the whole value again (its own edits are then dropped).
    A *dry* differ (no source) only tells whether nothing changed.
    """

    __slots__ = ("edits", "newline", "roots", "schema", "source", "strict", "text")

    def __init__(self, text: str, newline: str, schema: Any, strict: bool, source: _Source | None) -> None:
        self.text = text
        self.newline = newline
        self.schema = schema
        self.strict = strict
        self.source = source
        self.edits: list[Edit] = []
        self.roots: list[str] = []  # the top-level keys of the values located and replaced

    def plan(self, new: Any, tp: Any, whole_entries: bool) -> bool:
        """Plan the edits that make the front matter hold the model ``new``; whether it could.

        With ``whole_entries``, each top-level entry that changed (or reads an
        anchor in one written again) is written again whole and the others are
        left as they are.
        """
        assert self.source is not None
        old = self.source.data
        root = None if self.source.scanned and not whole_entries else self.source.tree
        if root is not None and (not isinstance(root, Mapping) or root.flow):
            return self.value((), old, root, new, tp, quoted=False)
        if not old:  # nothing but comments, or nothing at all: the new entries go after them
            data = self.plain(new, tp)
            if data:
                self.edits.append(Edit(len(self.text), len(self.text), _emit.front_matter(data, tp, self.newline)))
            return True
        if root is None:  # the fast reader read it: a block mapping
            if self.located_mapping((), old, new):
                return True
            self.edits, self.roots = [], []
            root = self.source.tree
        assert isinstance(root, Mapping)
        placed = self.mapping((), old, root, new, tp, whole_entries=whole_entries)
        if placed and self.edits and not whole_entries:
            self.unalias(root, old, new)
        return placed

    def equal(self, old: Any, new: Any, tp: Any) -> bool:
        return _Differ(self.text, self.newline, self.schema, self.strict, None).value((), old, None, new, tp, False)

    def plain(self, value: Any, tp: Any) -> Any:
        return _plain(value, self.schema, self.strict, tp)

    def value(self, path: tuple[str | int, ...], old: Any, node: Node | None, new: Any, tp: Any, quoted: bool) -> bool:
        """Make the value at ``path``, read as ``old`` (at ``node`` in the tree, or located), hold ``new`` (of
        type ``tp``, without ``| None``)."""
        if new is old:  # (a string the model shares with the data it was read from)
            return True
        if not isinstance(old, (dict, list)):
            if _same(old, new, tp):
                return True
            if self.source is None or isinstance(new, list) or _is_mapping(new):
                return False  # (a scalar become a collection: its entry or item is written again)
            return self.scalar(path, node, new, tp, quoted)
        if node is None:  # located first: the tree only where it takes more
            edits, roots = len(self.edits), len(self.roots)
            if isinstance(old, list):
                if isinstance(new, list) and self.located_sequence(path, old, new, _item_type(tp)):
                    return True
            elif _is_mapping(new) and self.located_mapping(path, old, new):
                return True
            del self.edits[edits:], self.roots[roots:]
            if self.source is None:
                return False
            node = self.source.node(path)
        if isinstance(node, (Mapping, Sequence)) and node.flow:
            if self.equal(old, new, tp):
                return True
            if not _emit.flow_writable(self.plain(new, tp)):
                return False  # a value flow style cannot hold: the entry is written again
            self.edits.append(Edit(node.start, node.end, self.flow_text(node, old, new, tp)))
            return True
        if isinstance(old, list):
            assert isinstance(node, Sequence)  # (the node old was read from)
            return isinstance(new, list) and self.sequence(path, old, node, new, _item_type(tp))
        assert isinstance(node, Mapping)
        return _is_mapping(new) and self.mapping(path, old, node, new, tp)

    def scalar(self, path: tuple[str | int, ...], node: Node | None, new: Any, tp: Any, quoted: bool) -> bool:
        """Write ``new`` in place of a scalar, in its style (a block scalar's where the text allows)."""
        if node is None:
            node = locate(self.text, path)
            if node is None:
                return False  # the tree tells where it is, or that it has no place
            self.roots.append(str(path[0]))
        assert isinstance(node, Scalar)  # (old, read from it, is a scalar)
        if node.style in (LITERAL, FOLDED):
            return self.block_scalar(node, new)
        if not (node.tag is None or fits_tag(node.tag, new)):
            return False  # a tag the new value is not of: the entry is written again
        rendered = _emit.scalar(new, tp, quoted, style=node.style)
        if node.start == node.end and not self.text[node.start - 1].isspace():
            rendered = " " + rendered  # a null written as nothing, after its colon or its tag
        self.edits.append(Edit(node.start, node.end, rendered))
        return True

    def flow_text(self, node: Mapping | Sequence, old: Any, new: Any, tp: Any) -> str:
        """A flow collection written again: unchanged items keep their text, new ones their neighbours' style."""
        style = next((item.style for item in _children(node) if isinstance(item, Scalar)), None)
        if isinstance(node, Sequence) is not isinstance(new, list) or (
            isinstance(node, Mapping) and not _is_mapping(new)
        ):
            return _emit.flow(self.plain(new, tp), tp, style)  # another kind of value
        if isinstance(node, Sequence):
            item_tp = _item_type(tp)
            # Items paired as in a block sequence: the same ends, then the middles item by item.
            prefix, suffix = self.same_ends(old, new, item_tp)
            pairs = list(zip(node.items, old, strict=True))
            middle = pairs[prefix : len(pairs) - suffix]
            paired = pairs[:prefix] + [
                middle[index] if index < len(middle) else None for index in range(len(new) - prefix - suffix)
            ]
            paired += pairs[len(pairs) - suffix :]
            pieces = [
                self.text[pair[0].start : pair[0].end]
                if pair is not None and self.equal(pair[1], value, item_tp)
                else _emit.flow(self.plain(value, item_tp), item_tp, style)
                for pair, value in zip(paired, new, strict=True)
            ]
            return "[" + ", ".join(pieces) + "]"
        old_entries = {key.value: (key, value) for key, value in node.items}
        pieces = []
        for name, value, field in _entries(new, old):
            value_tp = _typed(field)[0]
            entry = old_entries.get(name)
            if entry is not None and self.equal(old[name], value, value_tp):
                pieces.append(self.text[entry[0].start : entry[1].end])
            else:
                key = self.text[entry[0].start : entry[0].end] if entry else _emit.scalar(name, in_flow=True)
                pieces.append(f"{key}: {_emit.flow(self.plain(value, value_tp), value_tp, style)}")
        return "{" + ", ".join(pieces) + "}"

    def mapping(
        self,
        path: tuple[str | int, ...],
        old: dict[str, Any],
        node: Mapping,
        new: Any,
        tp: Any,
        *,
        whole_entries: bool = False,
    ) -> bool:
        entries = {name: (value, field) for name, value, field in _entries(new, old)}
        removed = [name for name, value in old.items() if name not in entries and not _kept(name, value, new)]
        if path and not entries:  # emptied: written again, unless every key says its field's default
            return not removed
        items = {key.value: (key, value) for key, value in node.items}
        for name in removed:
            if not self.remove_entry(node, *items[name]):
                return False
        indent = _column(self.text, node.items[0][0].start)
        blank_lines = self.uses_blank_lines(node, tp)
        previous: int | None = None  # where the last entry kept ends
        for name, (item, field) in entries.items():
            item_tp, quoted = _typed(field)
            if name in items:
                key, value = items[name]
                end = self.value_end(key, value)
                done = len(self.edits)
                if whole_entries:  # (an entry reading an anchor in one written again is written again too)
                    readers = _aliased(value, key.start)
                    placed = self.equal(old[name], item, item_tp) and not any(
                        self.changes(edit, target) for edit in self.edits for target in readers
                    )
                elif value.start < key.start:  # an alias: its anchor's text is not this entry's to edit
                    placed = self.equal(old[name], item, item_tp)
                else:
                    placed = self.value((*path, name), old[name], value, item, item_tp, quoted)
                if not placed:
                    del self.edits[done:]
                    self.rewrite_entry(
                        key, end, _emit.after_key(self.plain(item, item_tp), item_tp, quoted, indent, self.newline)
                    )
                previous = end
                continue
            lines = _emit.entry(name, self.plain(item, item_tp), item_tp, quoted, indent, self.newline)
            if previous is None:
                at = line_start(self.text, node.start)
                if self.text[at : node.start].strip():
                    return False  # the mapping starts after a dash: the item is written again
            else:
                if field is not None and field.blank_line_before and blank_lines:
                    lines = self.newline + lines
                at = line_end(self.text, previous)  # (a front matter's last line ends with a line break)
            self.edits.append(Edit(at, at, lines))
        return True

    def located_mapping(self, path: tuple[str | int, ...], old: dict[str, Any], new: Any) -> bool:
        """:meth:`mapping` without the tree: the same keys (but those the model leaves out at the default the
        file says), each value placed. (It walks a class's fields itself: the write path's hottest loop.)"""
        written = 0
        fields: tuple[FieldSpec, ...] = ()
        if isinstance(new, dict):
            extra = new
        else:
            cls: type = type(new)
            class_spec = spec(cls)
            fields, extra = class_spec.fields, getattr(new, class_spec.extra) if class_spec.extra else {}
        for field in fields:
            value = getattr(new, field.name)
            key = field.key
            if key not in old:  # (an entry to add, unless the field has none: see _written)
                if value is not field.default and _written(field, value, False):
                    return False
                continue
            old_value = old[key]
            if value is not old_value:
                # (Only a value emptied may have no entry; a scalar read as the same value, the most common
                # case, is passed over without the call.)
                if (value is None or (not value and isinstance(value, list))) and not _written(field, value, True):
                    continue
                if not (type(old_value) is Plain and _same(old_value, value, field.value_type)) and not self.value(
                    (*path, key), old_value, None, value, field.value_type, field.quoted
                ):
                    return False
            written += 1
        for name, value in extra.items():
            if name not in old:
                return False
            written += 1
            if value is not old[name] and not self.value((*path, name), old[name], None, value, Any, False):
                return False
        if written == len(old):
            return True
        names = {name for name, _, _ in _entries(new, old)}
        return all(_kept(name, value, new) for name, value in old.items() if name not in names)

    def rewrite_entry(self, key: Scalar, end: int, after_key: str) -> None:
        """Write an entry's value again, from its colon to ``end``, as ``after_key`` (what follows ``key:``).

        A comment after the old value stays on the key's line: after the value
        if it is a scalar, after the colon if it is a block below.
        """
        colon = self.text.index(":", key.end)
        line_rest = self.text[end : line_end(self.text, end)].rstrip("\r\n")
        if after_key.startswith(self.newline) and line_rest.lstrip(" ").startswith("#"):
            self.edits.append(Edit(colon, end + len(line_rest), ":" + line_rest + after_key))
        else:
            self.edits.append(Edit(colon, max(end, colon + 1), ":" + after_key))

    def uses_blank_lines(self, node: Mapping, tp: Any) -> bool:
        """Whether this mapping puts a blank line before the fields that want one."""
        fields = spec(tp).by_key if attrs.has(tp) else {}
        marked = [key for key, _ in node.items if key.value in fields and fields[key.value].blank_line_before]
        if not marked:
            return True
        return any(self.blank_before(line_start(self.text, key.start)) for key in marked)

    def blank_before(self, at: int) -> bool:
        if at == 0:
            return False
        previous = line_start(self.text, at - 1)
        return not self.text[previous:at].strip()

    def block_scalar(self, node: Scalar, new: Any) -> bool:
        """Write ``new`` in place of a block scalar, as a block scalar like it where the text allows."""
        header_end = line_end(self.text, node.start)
        header = self.text[node.start : header_end].rstrip("\r\n")
        lines = self.text[header_end : node.end].splitlines()
        # The indentation its header gives, or that of its first line of text, or (it has none) the key's and 2.
        digits = [char for char in header[1:3] if char.isdigit()]
        parent = _indent(self.text[line_start(self.text, node.start) :])
        first_text = next((line for line in lines if line.strip()), None)
        indent = parent + int(digits[0]) if digits else parent + 2 if first_text is None else _indent(first_text)
        rendered = _emit.block(new, header, indent, self.newline)
        if rendered is None or scalar_data(_reread_block(rendered)) != new:
            return False  # not text a block scalar can hold: the entry is written again
        self.edits.append(Edit(node.start, self.text_end(node.end), rendered.removesuffix(self.newline)))
        return True

    def text_end(self, end: int) -> int:
        """``end`` before the line break that closes a block scalar's span: the text of a value stops at its line."""
        if end and self.text[end - 1] == "\n":
            end -= 2 if self.text[end - 2 : end] == "\r\n" else 1
        return end

    def value_end(self, key: Scalar, value: Node) -> int:
        """Where an entry's value ends in the text (before a block scalar's last line break)."""
        return self.text_end(self.end(value, key.end))

    def end(self, node: Node, after: int) -> int:
        """Where ``node``, written after offset ``after``, ends: an alias (its node is its anchor's, earlier in
        the text), or a block collection whose last item is one, ends after the alias's ``*name``."""
        if node.start < after:
            alias = _ALIAS.match(self.text, after)
            assert alias is not None, "an alias is written after its key or its dash"
            return alias.end()
        if isinstance(node, Scalar) or node.flow:
            return node.end
        if isinstance(node, Mapping):
            key, last = node.items[-1]
            return self.end(last, key.end)
        return self.item_ends(node)[-1]

    def item_ends(self, node: Sequence) -> list[int]:
        """Where each item of a block sequence ends in the text."""
        ends: list[int] = []
        for item in node.items:
            ends.append(self.end(item, ends[-1] if ends else node.start))
        return ends

    def unalias(self, node: Mapping, old: dict[str, Any], new: Any) -> None:
        """Write again whole each entry that reads an anchor an edit changes (as the value the model gives it):
        in place, the alias would read the new text."""
        entries = {name: (value, field) for name, value, field in _entries(new, old)}
        for key, value in node.items:
            if key.value not in entries or not _aliased(value, key.start):
                continue
            end = self.value_end(key, value)
            others = [edit for edit in self.edits if not key.end <= edit.start <= end]  # (its own: after its key)
            if any(self.changes(edit, target) for edit in others for target in _aliased(value, key.start)):
                self.edits = others
                item, field = entries[key.value]
                item_tp, quoted = _typed(field)
                self.rewrite_entry(
                    key, end, _emit.after_key(self.plain(item, item_tp), item_tp, quoted, 0, self.newline)
                )

    def changes(self, edit: Edit, node: Node) -> bool:
        """Whether ``edit`` changes what an anchored ``node`` reads as."""
        if (edit.start < node.end and node.start < edit.end) or edit.start == node.start:
            return True  # it overlaps the node's text, or replaces it where it is empty
        if edit.start != edit.end or isinstance(node, Scalar) or node.flow:
            return False
        # An insertion on the line after a block collection, at its indentation or deeper: an item added to it.
        at = line_end(self.text, self.text_end(node.end))
        return edit.start == at and _indent(edit.text) >= _column(self.text, node.start)

    def remove_entry(self, node: Mapping, key: Scalar, value: Node) -> bool:
        value_end = self.value_end(key, value)
        start = line_start(self.text, key.start)
        index = next(index for index, (other, _) in enumerate(node.items) if other is key)
        before = self.end(node.items[index - 1][1], node.items[index - 1][0].end) if index else 0  # (a block
        # scalar's blank lines are its own)
        end = self.removal_end(before, line_end(self.text, value_end))
        if (
            self.blank_before(start)
            and line_start(self.text, start - 1) >= before
            and (end >= len(self.text) or not self.text[end : line_end(self.text, end)].strip())
        ):
            start = line_start(self.text, start - 1)  # the blank line that set this entry apart
        if self.text[start : key.start].strip() not in ("", "?"):
            return False  # the key shares its line with something else
        self.edits.append(Edit(start, end, ""))
        return True

    def removal_end(self, before: int, end: int) -> int:
        """``end`` of lines removed after a value ending at ``before``: past the blank lines that follow them if
        that value is a block scalar (its span ends with a line break), as they would join its text."""
        if before and self.text[before - 1] == "\n":
            while end < len(self.text):
                line = self.text[end : line_end(self.text, end)]
                if line.strip() and not (line[0] == " " and line.lstrip(" ").startswith("#")):
                    break  # (an indented comment line would join it too)
                end = line_end(self.text, end)
        return end

    def same_ends(self, old: list[Any], new: list[Any], item_tp: Any) -> tuple[int, int]:
        """How many items at the start, then at the end, of ``old`` and ``new`` are the same."""
        prefix = 0
        while prefix < min(len(old), len(new)) and self.equal(old[prefix], new[prefix], item_tp):
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and self.equal(old[-1 - suffix], new[-1 - suffix], item_tp):
            suffix += 1
        return prefix, suffix

    def located_sequence(self, path: tuple[str | int, ...], old: list[Any], new: list[Any], item_tp: Any) -> bool:
        """:meth:`sequence` without the tree: as many items, each placed."""
        if len(old) != len(new):
            return False
        for index, value in enumerate(new):
            item = old[index]
            if value is not item and not self.value((*path, index), item, None, value, item_tp, False):
                return False
        return True

    def sequence(
        self, path: tuple[str | int, ...], old: list[Any], node: Sequence, new: list[Any], item_tp: Any
    ) -> bool:
        ends = self.item_ends(node)
        # Alias items: their node is their anchor's text, which is not this list's to edit or remove.
        aliases = {
            index for index, item in enumerate(node.items) if item.start < (ends[index - 1] if index else node.start)
        }
        prefix, suffix = self.same_ends(old, new, item_tp)
        middle = range(prefix, len(old) - suffix)
        new_middle = new[prefix : len(new) - suffix]
        for index, new_item in zip(middle, new_middle, strict=False):
            if index in aliases:
                if not self.equal(old[index], new_item, item_tp):
                    return False
                continue
            done = len(self.edits)
            old_item = node.items[index]
            if not self.value((*path, index), old[index], old_item, new_item, item_tp, quoted=False):
                del self.edits[done:]
                column = _column(self.text, old_item.start)
                end = self.text_end(old_item.end)
                inline = _emit.inline(self.plain(new_item, item_tp), item_tp, column, self.newline)
                self.edits.append(Edit(old_item.start, end, inline))
        first_removed = prefix + len(new_middle)
        before = ends[first_removed - 1] if 0 < first_removed <= len(old) else 0  # what removed lines follow
        for index in range(first_removed, middle.stop):
            item = node.items[index]
            start = self.item_start(item)
            if start is None or index in aliases:
                return False
            self.edits.append(Edit(start, self.removal_end(before, line_end(self.text, self.text_end(item.end))), ""))
        extra = new_middle[len(middle) :]
        if extra:
            dash = self.item_start(node.items[0])
            if dash is None:
                return False
            dash_column = _column(self.text, self.text.index("-", dash))
            lines = "".join(
                " " * dash_column
                + "- "
                + _emit.inline(self.plain(item, item_tp), item_tp, dash_column + 2, self.newline)
                + self.newline
                for item in extra
            )
            kept = middle.stop
            at = line_end(self.text, self.text_end(ends[kept - 1])) if kept else dash
            self.edits.append(Edit(at, at, lines))
        return True

    def item_start(self, item: Node) -> int | None:
        """Start of the line of a block sequence item whose dash begins the line; ``None`` if it does not."""
        start = line_start(self.text, item.start)
        return start if self.text[start : item.start].strip() == "-" else None


def _aliased(node: Node, start: int) -> list[Node]:
    """The nodes an entry starting at ``start`` (its value ``node``) reads through aliases of earlier anchors."""
    found: list[Node] = []
    seen: set[int] = set()
    pending = [node]
    while pending:
        node = pending.pop()
        if node.start < start:
            found.append(node)
        elif not isinstance(node, Scalar) and id(node) not in seen:  # (an alias of an anchor in the entry)
            seen.add(id(node))
            pending += _children(node)
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reread_block(rendered: str) -> Scalar:
    """The scalar a block scalar's text (header and lines, as :func:`_emit.block` writes them) reads as."""
    tree = parse("k: " + rendered)
    assert isinstance(tree, Mapping)
    value = tree.items[0][1]
    assert isinstance(value, Scalar)
    return value


def _children(node: Mapping | Sequence) -> list[Node]:
    return [value for _, value in node.items] if isinstance(node, Mapping) else node.items


def _kept(key: str, old: Any, new: Any) -> bool:
    """Whether an entry (read as ``old``) that the model ``new`` leaves out stays: a key a class without
    ``extra`` does not know (it never held it, so it cannot have removed it), or a field emptied (see
    :func:`_written`) whose entry reads as what it holds (a null as ``None``, ``[]`` as an empty list)."""
    cls = type(new)
    if not attrs.has(cls):
        return False
    class_spec = spec(cls)
    field = class_spec.by_key.get(key)
    if field is None:
        return class_spec.extra is None
    value = getattr(new, field.name)
    return is_null(old) if value is None else old == [] == value


Failures = list[tuple[tuple[str | int, ...], str]]


def _model_problems(value: Any, tp: Any, strict: bool, path: tuple[str | int, ...]) -> Failures:
    """Every value of a model that breaks its field's rule or cannot be written, with its path."""
    inner = optional_inner(tp)
    if inner is not None and value is None:
        return []
    tp = inner or tp
    if not attrs.has(tp):
        item_type = list_item(tp)
        if item_type is not None and isinstance(value, list):
            return [
                found
                for index, item in enumerate(value)
                for found in _model_problems(item, item_type, strict, (*path, index))
            ]
        return _data_problems(value, path) if tp is Any else []
    if not isinstance(value, tp):
        return [(path, f"expected {tp.__name__}, found {describe(value)}")]
    class_spec = spec(tp)
    failures: Failures = []
    for field in class_spec.fields:
        item = getattr(value, field.name)
        here = (*path, field.key)
        item_check = field.check.item if field.check is not None else None
        if item_check is not None and isinstance(item, list):
            for index, element in enumerate(item):
                failed = _failure(item_check, element, (*here, index))
                failures += failed or _model_problems(element, list_item(field.type), strict, (*here, index))
            continue
        failed = _failure(field.check, item, here) if field.check is not None else []
        if not failed and field.attribute is not None:
            failed = _failure(functools.partial(field.attribute.validator, value, field.attribute), item, here)
        failures += failed or _model_problems(item, field.type, strict, here)
    if class_spec.extra:
        for key, item in getattr(value, class_spec.extra).items():
            if key in class_spec.by_key:
                message = f"{class_spec.extra}[{key!r}] shadows the field {class_spec.by_key[key].name!r}"
                failures.append(((*path, key), message))
            elif strict:
                failures.append(((*path, key), f"unknown key {key!r} (strict mode)"))
            else:
                failures += _data_problems(item, (*path, key))
    return failures


def _failure(check: Any, value: Any, path: tuple[str | int, ...]) -> Failures:
    try:
        check(value)
    except NestedError as exc:
        return [((*path, *exc.path), str(exc))]
    except (ValueError, TypeError) as exc:
        return [(path, str(exc))]
    return []


_WRITABLE = (str, int, float, dt.date, Secured, type(None))  # bool is an int; datetime a date


def _data_problems(value: Any, path: tuple[str | int, ...]) -> Failures:
    """The values in plain data (``extra``, or ``schema=None``) that YAML cannot hold."""
    if isinstance(value, dict):
        failures: Failures = []
        for key, item in value.items():
            if isinstance(key, str):
                failures += _data_problems(item, (*path, key))
            else:
                failures.append((path, f"expected a string key, found {describe(key)}"))
        return failures
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _data_problems(item, (*path, index))]
    if isinstance(value, _WRITABLE):
        return []
    return [(path, f"cannot write a {type(value).__name__} value")]
