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
from ._parse import fits_tag, parse, scalar_data
from ._resolve import BOOLS, NULLS, ResolveError, resolve_plain
from ._scan import locate, scan_data
from ._schema import FieldSpec, list_item, optional_inner, spec
from ._secured import Secured
from ._tree import FOLDED, LITERAL, PLAIN, Mapping, Node, Plain, Scalar, Sequence, line_end, line_start
from ._validate import is_int

_ALIAS = re.compile(r"[ \t]*:(?:\s|#[^\n]*)*\*[^\s,\[\]{}]+")  # ``: *name`` after a key (comments may come between)


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
    elif not _same_plain(old, new, tp):
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


def _same_plain(old: str, new: Any, tp: Any) -> bool:
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
    return _same_scalar(Scalar(old, PLAIN, 0, 0), new, str if kind is str else float if tp is float else Any)


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


def splice(text: str, tree: Node, new: Any, tp: Any, newline: str, *, whole_entries: bool = False) -> str | None:
    """``text`` edited to hold ``new``; ``None`` when nothing changed.

    Each change is written in place, as small as it can be. With
    ``whole_entries``, each top-level entry that changed (or uses an alias,
    whose anchor may be one that changed) is written again whole, in house
    style, and the others are left as they are: a second way for what the
    first could not write so that it reads back. Without it, a change that
    has no place to go raises :class:`Restructure`.
    """
    differ = _Differ(text, newline)
    if not whole_entries or not isinstance(tree, Mapping) or tree.flow:
        differ.value(tree, new, tp, quoted=False)
    elif not tree.items:  # nothing but comments, or nothing at all: the new entries go after them
        return text + _emit.front_matter(new, tp, newline) if new else None
    else:
        differ.mapping(tree, new, tp, whole_entries=True)
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
    if tp is float and type(new) is float and is_int(old):
        return bool(old == new)  # a float field reads ``40`` as 40.0: the text still says it
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
            if isinstance(new, (dict, list)):
                raise Restructure
            if node.style in (LITERAL, FOLDED):
                if not _same_scalar(node, new, tp):
                    self.block_scalar(node, new)
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
            if isinstance(node, Mapping) and node.items and _all_defaults(node, tp):
                return  # every key says its field's default, which the model leaves out: nothing changed
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

    def mapping(self, node: Mapping, new: dict[str, Any], tp: Any, *, whole_entries: bool = False) -> None:
        fields = spec(tp).by_key if attrs.has(tp) else {}
        old = {key.value: (key, value) for key, value in node.items}
        for name, (key, value) in old.items():
            if name not in new and not _kept(name, value, tp):
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
                    if whole_entries:
                        if _uses_alias(value, key.start) or not self.equal(value, item, item_tp):
                            raise Restructure
                    elif value.start < key.start:  # an alias: its anchor's text is not this entry's to edit
                        if not self.equal(value, item, item_tp):
                            raise Restructure
                    else:
                        self.value(value, item, item_tp, quoted)
                except Restructure:
                    del self.edits[done:]
                    self.rewrite_entry(key, end, _emit.after_key(item, item_tp, quoted, indent, self.newline))
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

    def rewrite_entry(self, key: Scalar, end: int, after_key: str) -> None:
        """Write an entry's value again, from its colon to ``end``, as ``after_key`` (what follows ``key:``).

        A comment after the old value stays on the key's line: after the value
        if it is a scalar, after the colon if it is a block below.
        """
        colon = self.text.index(":", key.end)
        line_rest = self.text[end : line_end(self.text, end)].rstrip("\r\n")
        if after_key.startswith(self.newline) and line_rest.lstrip(" ").startswith("#"):
            self.edits.append(_Edit(colon, end + len(line_rest), ":" + line_rest + after_key))
        else:
            self.edits.append(_Edit(colon, max(end, colon + 1), ":" + after_key))

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

    def block_scalar(self, node: Scalar, new: Any) -> None:
        """Write ``new`` in place of a block scalar, as a block scalar like it where the text allows."""
        header_end = line_end(self.text, node.start)
        header = self.text[node.start : header_end].rstrip("\r\n")
        lines = self.text[header_end : node.end].splitlines()
        # The indentation its header gives, or that of its first line of text, or (it has none) the key's and 2.
        digits = [char for char in header[1:3] if char.isdigit()]
        parent = _indent(self.line_of(node.start))
        first_text = next((line for line in lines if line.strip()), None)
        indent = parent + int(digits[0]) if digits else parent + 2 if first_text is None else _indent(first_text)
        rendered = _emit.block(new, header, indent, self.newline)
        if rendered is None or scalar_data(_reread_block(rendered)) != new:
            raise Restructure  # not text a block scalar can hold: the entry is written again
        self.edits.append(_Edit(node.start, self.text_end(node.end), rendered.removesuffix(self.newline)))

    def line_of(self, offset: int) -> str:
        return self.text[line_start(self.text, offset) : line_end(self.text, offset)]

    def text_end(self, end: int) -> int:
        """``end`` before the line break that closes a block scalar's span: the text of a value stops at its line."""
        if end and self.text[end - 1] == "\n":
            end -= 2 if self.text[end - 2 : end] == "\r\n" else 1
        return end

    def value_end(self, key: Scalar, value: Node) -> int:
        """Where an entry's value ends: an alias (``key: *name``) ends after its name, not its anchor's value."""
        if value.start >= key.start:
            return self.text_end(value.end)
        alias = _ALIAS.match(self.text, key.end)
        if alias is None:
            raise Restructure
        return alias.end()

    def remove_entry(self, node: Mapping, key: Scalar, value: Node) -> None:
        start = line_start(self.text, key.start)
        end = line_end(self.text, self.value_end(key, value))
        index = next(index for index, (other, _) in enumerate(node.items) if other is key)
        before = node.items[index - 1][1].end if index else 0  # a block scalar's blank lines are its own
        if before and self.text[before - 1] == "\n":
            # The entry before ends with a block scalar: blank lines after this one would join it.
            while end < len(self.text) and not self.text[end : line_end(self.text, end)].strip():
                end = line_end(self.text, end)
        if (
            self.blank_before(start)
            and line_start(self.text, start - 1) >= before
            and (end >= len(self.text) or not self.text[end : line_end(self.text, end)].strip())
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
                end = self.text_end(old_item.end)
                self.edits.append(_Edit(old_item.start, end, _emit.inline(new_item, item_tp, column, self.newline)))
        for old_item in old_middle[len(new_middle) :]:
            start = self.item_start(old_item)
            self.edits.append(_Edit(start, line_end(self.text, self.text_end(old_item.end)), ""))
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
                at = line_end(self.text, self.text_end(anchor.end))
                if at == len(self.text) and not self.text.endswith("\n"):
                    lines = self.newline + lines.removesuffix(self.newline)
                self.edits.append(_Edit(at, at, lines))

    def item_start(self, item: Node) -> int:
        """Start of the line of a block sequence item whose dash begins the line."""
        start = line_start(self.text, item.start)
        if self.text[start : item.start].strip() != "-":
            raise Restructure
        return start


def _uses_alias(node: Node, start: int) -> bool:
    """Whether ``node``, the value of an entry starting at ``start``, is or holds an alias of an earlier anchor."""
    seen: set[int] = set()
    pending = [node]
    while pending:
        node = pending.pop()
        if node.start < start:
            return True
        if isinstance(node, Scalar) or id(node) in seen:  # (an alias of an anchor in the entry: walked once)
            continue
        seen.add(id(node))
        pending.extend(value for _, value in node.items) if isinstance(node, Mapping) else pending.extend(node.items)
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reread_block(rendered: str) -> Scalar:
    """The scalar a block scalar's text (header and lines, as :func:`_emit.block` writes them) reads as."""
    tree = parse("k: " + rendered)
    assert isinstance(tree, Mapping)
    value = tree.items[0][1]
    assert isinstance(value, Scalar)
    return value


def _flow_values(node: Mapping | Sequence) -> list[Node]:
    return [value for _, value in node.items] if isinstance(node, Mapping) else node.items


def _holds_default(node: Node, field: FieldSpec) -> bool:
    """Whether an entry the model leaves out (its field is at its default) says that default already."""
    if _empty(node):
        return True
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = attrs.NOTHING if default.takes_self else default.factory()
    return isinstance(node, Scalar) and default is not attrs.NOTHING and _same_scalar(node, default, field.value_type)


def _kept(key: str, node: Node, tp: Any) -> bool:
    """Whether an entry the model's data leaves out stays: a field at the default it says, or a
    key a class without ``extra`` does not know (it never held it, so it cannot have removed it)."""
    if not attrs.has(tp):
        return False
    class_spec = spec(tp)
    field = class_spec.by_key.get(key)
    return _holds_default(node, field) if field is not None else class_spec.extra is None


def _all_defaults(node: Mapping, tp: Any) -> bool:
    return all(_kept(key.value, value, tp) for key, value in node.items)


def _empty(node: Node) -> bool:
    """Whether the node says no more than an absent key (null or an empty list)."""
    if isinstance(node, Scalar):
        meant = scalar_data(node)
        return type(meant) is Plain and resolve_plain(meant) is None
    return not node.items
