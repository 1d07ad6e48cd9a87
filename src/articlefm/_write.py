"""Surgical writes: change only the text of what changed.

The new data (the model, unstructured) is compared with the source tree of the
file it was loaded from. Each difference becomes an edit of the front-matter
text: a scalar's span replaced, an entry's or item's lines removed, new lines
inserted where the house style puts them. Anything the edits cannot express
(a scalar becoming a list, say) re-renders that one entry's value.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

import attrs

from . import _emit
from ._convert import ISO_TIMESTAMP
from ._parse import fits_tag, scalar_data
from ._resolve import BOOLS, NULLS, ResolveError, resolve_plain
from ._scan import locate, scan_data
from ._schema import list_item, optional_inner, spec
from ._secured import Secured
from ._tree import FOLDED, LITERAL, PLAIN, Mapping, Node, Plain, Scalar, Sequence, line_end, line_start

_ALIAS = re.compile(r" *: *\*[^\s,\[\]{}]+")  # ``: *name`` after a key


class Restructure(Exception):
    """This value cannot be edited in place; re-render the entry holding it."""


class _Edit:
    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text


# --- the common case: some values changed, nothing added, removed or reshaped ---------------------------------


class _Reshaped(Exception):
    """Keys or items were added or removed, or a value changed kind: the differ's work."""


def splice_values(text: str, model: Any, tp: Any, old: Any = None) -> str | None:
    """``text`` with its changed scalar values rewritten, if that is all that changed.

    ``None`` when the text is outside the scanner's subset or more than values
    changed: then :func:`splice` compares the whole tree. This path compares
    the text's plain data (``old``, kept from the load, or scanned again) with
    the model itself, then locates only the values that differ. A wrong guess
    here costs nothing but time: the caller checks that the result loads back
    as the model.
    """
    if old is None:
        old = scan_data(text)
        if old is None:
            return None
    changes: list[tuple[tuple[str | int, ...], Any, Any, bool]] = []
    try:
        _changed_values(old, model, optional_inner(tp) or tp, False, (), changes)
    except _Reshaped:
        return None
    edits = []
    for path, value, value_type, quoted in changes:
        node = locate(text, path)
        if node is None:
            return None
        edits.append(_Edit(node.start, node.end, _emit.scalar(value, value_type, quoted, style=node.style)))
    return _apply(text, edits)


def _changed_values(old: Any, new: Any, tp: Any, quoted: bool, path: tuple[str | int, ...], changes: list[Any]) -> None:
    """Add ``(path, value, type, quoted)`` for each scalar of ``new`` (a model's value) that ``old`` does not hold.

    ``old`` is scanned data; ``tp`` the value's type, ``| None`` left out. Anything
    but a changed scalar (a key or item added or removed, a value changing kind)
    raises :class:`_Reshaped`.
    """
    if isinstance(new, list):
        if not isinstance(old, list) or len(old) != len(new):
            raise _Reshaped
        item_type = list_item(tp) or Any
        for index, (old_item, new_item) in enumerate(zip(old, new, strict=True)):
            _changed_values(old_item, new_item, item_type, False, (*path, index), changes)
    elif isinstance(new, dict):
        if not isinstance(old, dict) or old.keys() != new.keys():
            raise _Reshaped
        for key, value in new.items():
            _changed_values(old[key], value, Any, False, (*path, key), changes)
    elif isinstance(old, (dict, list)):
        if not isinstance(old, dict) or not attrs.has(type(new)):
            raise _Reshaped
        _changed_fields(old, new, path, changes)
    elif new is None:
        if not (type(old) is Plain and old in NULLS):
            raise _Reshaped  # a value emptied: the differ removes the entry, as a new file would not have it
    elif type(old) is str:
        text = str(new) if isinstance(new, Secured) else new  # a token is written as its text
        if type(text) is not str or text != old:
            changes.append((path, new, tp, quoted))
    elif not _same_plain(old, new):
        changes.append((path, new, tp, quoted))


def _changed_fields(old: dict[str, Any], new: Any, path: tuple[str | int, ...], changes: list[Any]) -> None:
    """:func:`_changed_values` for a model object and the mapping it was read from."""
    cls: type = type(new)
    class_spec = spec(cls)
    present = 0
    for field in class_spec.fields:
        value = getattr(new, field.name)
        if field.key in old:
            present += 1
            _changed_values(old[field.key], value, field.value_type, field.quoted, (*path, field.key), changes)
        elif not field.is_default(value):
            raise _Reshaped  # a key to add
    if class_spec.extra:
        for key, value in getattr(new, class_spec.extra).items():
            if key not in old:
                raise _Reshaped
            present += 1
            _changed_values(old[key], value, Any, False, (*path, key), changes)
    if present != len(old):
        raise _Reshaped  # a key to remove


def _same_plain(old: str, new: Any) -> bool:
    """Whether a plain scalar that may be typed (a :class:`Plain`) reads as ``new``."""
    kind = type(new)
    if kind is int:  # the usual values first, without the resolver
        if old.isdigit() and old.isascii() and old[0] != "0":
            return bool(int(old) == new)
    elif kind is bool:
        if old in BOOLS:
            return BOOLS[old] is new
    elif kind is dt.datetime and ISO_TIMESTAMP.match(old):
        try:
            value = dt.datetime.fromisoformat(old)
        except ValueError:
            return False
        return bool(value == new and value.utcoffset() == new.utcoffset())
    return _same_scalar(Scalar(old, PLAIN, 0, 0), new, str if kind is str else Any)


def _apply(text: str, edits: list[_Edit]) -> str:
    """``text`` with the edits made; :class:`Restructure` if two overlap."""
    parts = []
    position = 0
    # Insertions sort before a removal at the same offset; equal ones keep their order.
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise Restructure  # overlapping edits: a case the differ does not handle
        parts.append(text[position : edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


# --- the general case: compare the whole tree ------------------------------------------------------------------


def splice(text: str, tree: Node, new: Any, tp: Any, newline: str) -> str | None:
    """``text`` edited to hold ``new``; ``None`` when nothing changed.

    Raises :class:`Restructure` when the front matter must be written whole.
    """
    differ = _Differ(text, newline)
    differ.value(tree, new, tp, quoted=False)
    if not differ.edits:
        return None
    return _apply(text, differ.edits)


def _same_scalar(node: Scalar, new: Any, tp: Any) -> bool:
    """Whether the scalar's text reads as ``new`` in a field of type ``tp``."""
    if isinstance(new, Secured):
        new = str(new)
    meant = scalar_data(node)  # the source loaded: a tagged text means its tag's type
    if type(meant) is str:  # quoted, a block scalar, or tagged !!str
        return type(new) is str and meant == new
    if type(meant) is not Plain:  # an integer's text tagged !!float
        return type(new) is type(meant) and bool(meant == new)
    if tp in (str, Secured) and type(new) is str:
        return node.value == new and resolve_plain(node.value) is not None
    try:
        old = resolve_plain(node.value)
    except ResolveError:
        return False
    if type(old) is not type(new) and not (isinstance(old, dt.datetime) and isinstance(new, dt.datetime)):
        return False
    if isinstance(old, dt.datetime):
        return bool(old == new and old.utcoffset() == typing.cast(dt.datetime, new).utcoffset())
    return bool(old == new)


def _column(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


class _Differ:
    def __init__(self, text: str, newline: str) -> None:
        self.text = text
        self.newline = newline
        self.edits: list[_Edit] = []

    def equal(self, node: Node, new: Any, tp: Any) -> bool:
        scratch = _Differ(self.text, self.newline)
        try:
            scratch.value(node, new, tp, quoted=False)
        except Restructure:
            return False
        return not scratch.edits

    def value(self, node: Node, new: Any, tp: Any, quoted: bool) -> None:
        tp = optional_inner(tp) or tp
        if isinstance(node, Scalar):
            if isinstance(new, (dict, list)) or node.style in (LITERAL, FOLDED):
                if isinstance(new, (dict, list)) or not _same_scalar(node, new, tp):
                    raise Restructure
                return
            if not _same_scalar(node, new, tp):
                if "\n" in self.text[node.start : node.end] or not (node.tag is None or fits_tag(node.tag, new)):
                    raise Restructure  # a multi-line scalar, or a tag the new value is not of: re-render the entry
                rendered = _emit.scalar(new, tp, quoted, style=node.style)
                if node.start == node.end and not self.text[node.start - 1].isspace():
                    rendered = " " + rendered  # a null written as nothing, after its colon or its tag
                self.edits.append(_Edit(node.start, node.end, rendered))
            return
        if node.flow:
            if not self.equal_flow(node, new, tp):
                self.edits.append(_Edit(node.start, node.end, self.flow_text(node, new, tp)))
            return
        if not isinstance(new, dict if isinstance(node, Mapping) else list):
            raise Restructure
        if not node.items or not new:
            if node.items or new:
                raise Restructure  # emptied, or filled from empty: re-render the entry
            return
        if isinstance(node, Mapping) and isinstance(new, dict):
            self.mapping(node, new, tp)
        elif isinstance(node, Sequence) and isinstance(new, list):
            self.sequence(node, new, list_item(tp) or Any)

    def flow_text(self, node: Mapping | Sequence, new: Any, tp: Any) -> str:
        """A flow collection written again: unchanged items keep their text, new ones their neighbours' style."""
        style = next((item.style for item in _flow_values(node) if isinstance(item, Scalar)), None)
        if isinstance(node, Sequence) and isinstance(new, list):
            item_tp = list_item(tp) or Any
            pieces = []
            for index, value in enumerate(new):
                old = node.items[index] if index < len(node.items) else None
                if old is not None and self.equal(old, value, item_tp):
                    pieces.append(self.text[old.start : old.end])
                else:
                    pieces.append(_emit.flow(value, item_tp, style))
            return "[" + ", ".join(pieces) + "]"
        if isinstance(node, Mapping) and isinstance(new, dict):
            fields = spec(tp).by_key if attrs.has(tp) else {}
            old_entries = {key.value: (key, value) for key, value in node.items}
            pieces = []
            for name, value in new.items():
                value_tp = fields[name].type if name in fields else Any
                entry = old_entries.get(name)
                if entry is not None and self.equal(entry[1], value, value_tp):
                    pieces.append(self.text[entry[0].start : entry[1].end])
                else:
                    pieces.append(f"{_emit.scalar(name, in_flow=True)}: {_emit.flow(value, value_tp, style)}")
            return "{" + ", ".join(pieces) + "}"
        return _emit.flow(new, tp, style)

    def equal_flow(self, node: Node, new: Any, tp: Any) -> bool:
        if isinstance(node, (Mapping, Sequence)) and not node.items:
            return bool(new == {} if isinstance(node, Mapping) else new == [])
        if isinstance(node, Mapping):
            block = Mapping(node.items, node.start, node.end, flow=False)
            return isinstance(new, dict) and self.equal(block, new, tp)
        if isinstance(node, Sequence):
            if not isinstance(new, list) or len(new) != len(node.items):
                return False
            item_tp = list_item(optional_inner(tp) or tp) or Any
            return all(self.equal(item, value, item_tp) for item, value in zip(node.items, new, strict=True))
        return False

    def mapping(self, node: Mapping, new: dict[str, Any], tp: Any) -> None:
        fields = spec(tp).by_key if attrs.has(tp) else {}
        old = {key.value: (key, value) for key, value in node.items}
        for name, (key, value) in old.items():
            if name not in new and not (name in fields and _empty(value)):
                self.remove_entry(node, key, value)
        indent = _column(self.text, node.items[0][0].start)
        blank_lines = self.uses_blank_lines(node, fields)
        previous: int | None = None  # where the last entry kept ends
        for name, item in new.items():
            field = fields.get(name)
            item_tp = field.type if field else Any
            quoted = field.quoted if field else False
            if name in old:
                key, value = old[name]
                end = self.value_end(key, value)
                done = len(self.edits)
                try:
                    if value.start < key.start:  # an alias: its anchor's text is not this entry's to edit
                        if not self.equal(value, item, item_tp):
                            raise Restructure
                    else:
                        self.value(value, item, item_tp, quoted)
                except Restructure:
                    del self.edits[done:]
                    colon = self.text.index(":", key.end)
                    rendered = ":" + _emit.after_key(item, item_tp, quoted, indent, self.newline)
                    self.edits.append(_Edit(colon, max(end, colon + 1), rendered))
                previous = end
                continue
            lines = _emit.entry(name, item, item_tp, quoted, indent, self.newline)
            if previous is None:
                at = line_start(self.text, node.start)
                if self.text[at : node.start].strip():
                    raise Restructure  # the mapping starts after a dash: re-render the item
                self.edits.append(_Edit(at, at, lines))
            else:
                if field is not None and field.blank_line_before and blank_lines:
                    lines = self.newline + lines
                at = line_end(self.text, previous)
                if at == len(self.text) and not self.text.endswith("\n"):
                    lines = self.newline + lines.removesuffix(self.newline)
                self.edits.append(_Edit(at, at, lines))

    def uses_blank_lines(self, node: Mapping, fields: dict[str, Any]) -> bool:
        """Whether this mapping puts a blank line before the fields that want one."""
        marked = [key for key, _ in node.items if key.value in fields and fields[key.value].blank_line_before]
        if not marked:
            return True
        return any(self.blank_before(line_start(self.text, key.start)) for key in marked)

    def blank_before(self, at: int) -> bool:
        if at == 0:
            return False
        previous = line_start(self.text, at - 1)
        return not self.text[previous:at].strip()

    def value_end(self, key: Scalar, value: Node) -> int:
        """Where an entry's value ends: an alias (``key: *name``) ends after its name, not its anchor's value."""
        if value.start >= key.start:
            return value.end
        alias = _ALIAS.match(self.text, key.end)
        if alias is None:
            raise Restructure
        return alias.end()

    def remove_entry(self, node: Mapping, key: Scalar, value: Node) -> None:
        start = line_start(self.text, key.start)
        end = line_end(self.text, self.value_end(key, value))
        if self.blank_before(start) and (
            end >= len(self.text) or not self.text[end : line_end(self.text, end)].strip()
        ):
            start = line_start(self.text, start - 1)  # the blank line that set this entry apart
        if self.text[start : key.start].strip():
            raise Restructure  # the key shares its line with something else
        self.edits.append(_Edit(start, end, ""))

    def sequence(self, node: Sequence, new: list[Any], item_tp: Any) -> None:
        old = node.items
        prefix = 0
        while prefix < min(len(old), len(new)) and self.equal(old[prefix], new[prefix], item_tp):
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and self.equal(old[-1 - suffix], new[-1 - suffix], item_tp):
            suffix += 1
        old_middle = old[prefix : len(old) - suffix]
        new_middle = new[prefix : len(new) - suffix]
        for old_item, new_item in zip(old_middle, new_middle, strict=False):
            done = len(self.edits)
            try:
                self.value(old_item, new_item, item_tp, quoted=False)
            except Restructure:
                del self.edits[done:]
                column = _column(self.text, old_item.start)
                self.edits.append(
                    _Edit(old_item.start, old_item.end, _emit.inline(new_item, item_tp, column, self.newline))
                )
        for old_item in old_middle[len(new_middle) :]:
            start = self.item_start(old_item)
            self.edits.append(_Edit(start, line_end(self.text, old_item.end), ""))
        extra = new_middle[len(old_middle) :]
        if extra:
            dash = self.item_start(old[0])
            dash_column = _column(self.text, self.text.index("-", dash))
            anchor = old[prefix + len(old_middle) - 1] if prefix + len(old_middle) else None
            lines = "".join(
                " " * dash_column + "- " + _emit.inline(item, item_tp, dash_column + 2, self.newline) + self.newline
                for item in extra
            )
            if anchor is None:
                self.edits.append(_Edit(dash, dash, lines))
            else:
                at = line_end(self.text, anchor.end)
                if at == len(self.text) and not self.text.endswith("\n"):
                    lines = self.newline + lines.removesuffix(self.newline)
                self.edits.append(_Edit(at, at, lines))

    def item_start(self, item: Node) -> int:
        """Start of the line of a block sequence item whose dash begins the line."""
        start = line_start(self.text, item.start)
        if self.text[start : item.start].strip() != "-":
            raise Restructure
        return start


def _flow_values(node: Mapping | Sequence) -> list[Node]:
    return [value for _, value in node.items] if isinstance(node, Mapping) else node.items


def _empty(node: Node) -> bool:
    """Whether the node says no more than an absent key (null or an empty list)."""
    if isinstance(node, Scalar):
        meant = scalar_data(node)
        return type(meant) is Plain and resolve_plain(meant) is None
    return not node.items
