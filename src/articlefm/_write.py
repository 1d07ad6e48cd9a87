"""The write path: an edited document's text, as a plan of edits to the text it was read from.

An unedited document is its source (see :func:`._document.unedited`); a
document without one is written whole in house style (:mod:`._emit`). For any
other, a *plan* is a list of :class:`Edit` s: a value's span replaced, an entry
or item inserted or removed, one entry written again in its neighbours' style.
Plans are tried in order, cheapest first, each decided whole before any text is
made; the first whose text loads back as the document is the one written:

1. :func:`plan_values`: only scalar values changed; their spans, from the
   scanned data the document was read as, without building the source tree.
   Its text is checked by reading again only the entries it changed
   (:func:`_entries_read_back`), where that is certain to tell.
2. :func:`plan`: the source tree against the model's data, each change in place
   or, where it has no place, its entry written again.
3. :func:`plan` with ``whole_entries``: each changed top-level entry written
   again whole, and no other (what the one before could not write so that it
   reads back).
4. The whole front matter in house style: the last resort, which no known
   text reaches (the promise's property tests fail on any that would).
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
from ._convert import converter
from ._errors import ArticleError, Problem
from ._framing import split
from ._parse import fits_tag, parse, scalar_data
from ._resolve import BOOLS, NULLS, ResolveError, resolve_plain
from ._scan import locate, root_key_line, scan_data
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
    text = _document.source_text(document)
    if text is not None:
        frame = split(text, filename)
        front_matter, body = frame.front_matter, document.body
        values = plan_values(front_matter, document.meta, tp, document._data)
        edited = apply(front_matter, values[0]) if values is not None else None
        if values is not None and edited is not None:
            yield frame.join(edited, body), _entries_read_back(edited, values, document, schema)
    try:
        new = converter(document._strict, detailed=False).unstructure(document.meta) if schema else document.meta
    except Exception as exc:  # a model cattrs cannot unstructure (see write)
        raise _emit.Unwritable(str(exc)) from exc
    if text is None:
        yield "---\n" + _emit.front_matter(new, schema) + "---\n" + document.body, False
        return
    tree = parse(front_matter, _document._VERIFY_LIMITS)
    for whole_entries in (False, True):
        edits = plan(front_matter, tree, new, tp, frame.newline, whole_entries=whole_entries)
        edited = apply(front_matter, edits) if edits is not None else None
        if edited is not None:
            yield text if edits == [] and body == frame.body else frame.join(edited, body), False
    yield frame.join(_emit.front_matter(new, schema, frame.newline), body), False


def _reads_back(text: str, document: Document[Any], schema: Any) -> bool:
    """Whether ``text`` loads back as ``document``: never write what does not."""
    try:
        again = _document.loads(text, schema=schema, strict=document._strict, limits=_document._VERIFY_LIMITS)
    except ArticleError:
        return False
    return bool(again.meta == document.meta and again.body == document.body)


def _entries_read_back(edited: str, plan: tuple[list[Edit], list[str]], document: Document[Any], schema: Any) -> bool:
    """Whether a value plan's front matter is sure to load back as ``document``, reading again only the
    top-level entries it changed: the model is structured from the data the source was read as, those
    entries' values replaced. ``False`` when unsure (the whole text is then read back).

    That data is kept only when the fast reader read the source, so the source is in the reader's subset.
    There each top-level entry starts a line with its key and the lines of its value are indented (or items
    of it), so an entry reads the same alone as among the others (``tests/test_write_plan.py`` holds the
    reader to it). An edit that adds no line keeps every line start, and so each entry where it was.
    """
    edits, keys = plan
    data = document._data
    structure = compiled(schema, document._strict) if schema is not None else None
    if data is None or structure is None or any("\n" in edit.text for edit in edits):
        return False
    roots = list(data)
    new = dict(data)
    for key in keys:
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
        return bool(structure(new) == document.meta)
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


def plan_values(text: str, model: Any, tp: Any, old: Any = None) -> tuple[list[Edit], list[str]] | None:
    """The plan that rewrites ``text``'s changed scalar values, if that is all that changed, and the
    top-level keys of the entries it changes.

    ``None`` when the text is outside the scanner's subset or more than values
    changed: then :func:`plan` compares the whole tree. This plan compares the
    text's plain data (``old``, kept from the load, or scanned again) with the
    model itself, then locates only the values that differ.
    """
    if old is None:
        old = scan_data(text)
        if old is None:
            return None
    changes: list[tuple[Any, Any, Any, bool]] = []
    if not _changed_values(old, model, optional_inner(tp) or tp, False, (), changes):
        return None
    edits = []
    for path, value, value_type, quoted in changes:
        node = locate(text, path)
        if node is None:
            return None
        edits.append(Edit(node.start, node.end, _emit.scalar(value, value_type, quoted, style=node.style)))
    return edits, list(dict.fromkeys(path[0] for path, *_ in changes))


def _changed_values(old: Any, new: Any, tp: Any, quoted: bool, path: tuple[str | int, ...], changes: list[Any]) -> bool:
    """Add ``(path, value, type, quoted)`` for each scalar of ``new`` (a model's value) that ``old`` does not
    hold; ``False`` if more than scalars changed (a key or item added or removed, a value changing kind).

    ``old`` is scanned data; ``tp`` the value's type, ``| None`` left out.
    """
    if isinstance(new, (list, dict)):
        if isinstance(new, list) and isinstance(old, list) and len(old) == len(new):
            items: Any = enumerate(new)
            item_type = list_item(tp) or Any
        elif isinstance(new, dict) and isinstance(old, dict) and old.keys() == new.keys():
            items, item_type = new.items(), Any
        else:
            return False
        for key, value in items:
            old_value = old[key]  # (``is``, below: a string the model shares with the data it was read from)
            if value is not old_value and not _changed_values(
                old_value, value, item_type, False, (*path, key), changes
            ):
                return False
        return True
    if isinstance(old, (dict, list)):
        return isinstance(old, dict) and attrs.has(type(new)) and _changed_fields(old, new, path, changes)
    if new is None:  # a value emptied: the differ removes the entry, as a new file would not have it
        return type(old) is Plain and old in NULLS
    if not _same(old, new, tp):
        changes.append((path, new, tp, quoted))
    return True


def _changed_fields(old: dict[str, Any], new: Any, path: tuple[str | int, ...], changes: list[Any]) -> bool:
    """:func:`_changed_values` for a model object and the mapping it was read from."""
    cls: type = type(new)
    class_spec = spec(cls)
    present = 0
    for field in class_spec.fields:
        value = getattr(new, field.name)
        key = field.key
        if key in old:
            present += 1
            old_value = old[key]
            # (``is``: a string the model shares with the data it was read from)
            if value is not old_value and not _changed_values(
                old_value, value, field.value_type, field.quoted, (*path, key), changes
            ):
                return False
        elif not field.is_default(value):
            return False  # a key to add
    if class_spec.extra:
        for key, value in getattr(new, class_spec.extra).items():
            if key not in old or not _changed_values(old[key], value, Any, False, (*path, key), changes):
                return False
            present += 1
    return present == len(old)  # else a key to remove


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
        return meant == new and resolve_plain(meant) is not None
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
    return type(old) is kind and bool(old == new)


def plan(text: str, tree: Node, new: Any, tp: Any, newline: str, *, whole_entries: bool = False) -> list[Edit] | None:
    """The plan that edits ``text`` (read as ``tree``) to hold ``new``; ``[]`` if nothing changed.

    Each change is written in place, as small as it can be; a value with no
    place to go makes its entry be written again, and so does an alias of an
    anchor an edit changes. With ``whole_entries``, each top-level entry that
    changed (or reads an anchor in one written again) is written again whole
    and the others are left as they are. ``None`` if the tree has no place for
    the changes.
    """
    differ = _Differ(text, newline)
    if not isinstance(tree, Mapping) or tree.flow:
        placed = differ.value(tree, new, tp, quoted=False)
    elif not tree.items:  # nothing but comments, or nothing at all: the new entries go after them
        return [Edit(len(text), len(text), _emit.front_matter(new, tp, newline))] if new else []
    else:  # its entries (the front matter itself is never written again; a block collection has items,
        # so only the front matter can have none, above)
        placed = differ.mapping(tree, new, tp, whole_entries=whole_entries)
        if placed and differ.edits and not whole_entries:
            differ.unalias(tree, new, tp)
    return differ.edits if placed else None


def _column(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


class _Differ:
    """Compares a source tree with the data it should now hold, adding to ``edits`` the plan that makes it so.

    Each method returns whether it placed its changes; ``False`` leaves the
    caller to write the whole value again (its own edits are then dropped).
    """

    def __init__(self, text: str, newline: str) -> None:
        self.text = text
        self.newline = newline
        self.edits: list[Edit] = []

    def equal(self, node: Node, new: Any, tp: Any) -> bool:
        scratch = _Differ(self.text, self.newline)
        return scratch.value(node, new, tp, quoted=False) and not scratch.edits

    def value(self, node: Node, new: Any, tp: Any, quoted: bool) -> bool:
        tp = optional_inner(tp) or tp
        if isinstance(node, Scalar):
            if isinstance(new, (dict, list)):
                return False
            if _same(scalar_data(node), new, tp):
                return True
            if node.style in (LITERAL, FOLDED):
                return self.block_scalar(node, new)
            if "\n" in self.text[node.start : node.end] or not (node.tag is None or fits_tag(node.tag, new)):
                return False  # a multi-line scalar, or a tag the new value is not of: the entry is written again
            rendered = _emit.scalar(new, tp, quoted, style=node.style)
            if node.start == node.end and not self.text[node.start - 1].isspace():
                rendered = " " + rendered  # a null written as nothing, after its colon or its tag
            self.edits.append(Edit(node.start, node.end, rendered))
            return True
        if node.flow:
            if self.equal_flow(node, new, tp):
                return True
            if not _emit.flow_writable(new):
                return False  # a value flow style cannot hold: the entry is written again
            self.edits.append(Edit(node.start, node.end, self.flow_text(node, new, tp)))
            return True
        if isinstance(node, Mapping) is not isinstance(new, dict) or not isinstance(new, (dict, list)):
            return False
        if not new:  # emptied: written again, unless every key says its field's default, which the model leaves out
            return isinstance(node, Mapping) and _all_defaults(node, tp)
        if isinstance(node, Mapping) and isinstance(new, dict):
            return self.mapping(node, new, tp)
        return isinstance(node, Sequence) and isinstance(new, list) and self.sequence(node, new, list_item(tp) or Any)

    def flow_text(self, node: Mapping | Sequence, new: Any, tp: Any) -> str:
        """A flow collection written again: unchanged items keep their text, new ones their neighbours' style."""
        style = next((item.style for item in _children(node) if isinstance(item, Scalar)), None)
        if isinstance(node, Sequence) and isinstance(new, list):
            item_tp = list_item(tp) or Any
            # Items paired as in a block sequence: the same ends, then the middles item by item.
            prefix, suffix = self.same_ends(node.items, new, item_tp)
            middle = node.items[prefix : len(node.items) - suffix]
            old: list[Node | None] = list(node.items[:prefix])
            old += [middle[index] if index < len(middle) else None for index in range(len(new) - prefix - suffix)]
            old += node.items[len(node.items) - suffix :]
            pieces = [
                self.text[item.start : item.end]
                if item is not None and self.equal(item, value, item_tp)
                else _emit.flow(value, item_tp, style)
                for item, value in zip(old, new, strict=True)
            ]
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
                    key = self.text[entry[0].start : entry[0].end] if entry else _emit.scalar(name, in_flow=True)
                    pieces.append(f"{key}: {_emit.flow(value, value_tp, style)}")
            return "{" + ", ".join(pieces) + "}"
        return _emit.flow(new, tp, style)

    def equal_flow(self, node: Mapping | Sequence, new: Any, tp: Any) -> bool:
        if not node.items:
            return bool(new == {} if isinstance(node, Mapping) else new == [])
        if isinstance(node, Mapping):
            block = Mapping(node.items, node.start, node.end, flow=False)
            return isinstance(new, dict) and self.equal(block, new, tp)
        if not isinstance(new, list) or len(new) != len(node.items):
            return False
        item_tp = list_item(optional_inner(tp) or tp) or Any
        return all(self.equal(item, value, item_tp) for item, value in zip(node.items, new, strict=True))

    def mapping(self, node: Mapping, new: dict[str, Any], tp: Any, *, whole_entries: bool = False) -> bool:
        fields = spec(tp).by_key if attrs.has(tp) else {}
        old = {key.value: (key, value) for key, value in node.items}
        for name, (key, value) in old.items():
            if name not in new and not _kept(name, value, tp) and not self.remove_entry(node, key, value):
                return False
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
                if whole_entries:  # (an entry reading an anchor in one written again is written again too)
                    readers = _aliased(value, key.start)
                    placed = self.equal(value, item, item_tp) and not any(
                        self.changes(edit, target) for edit in self.edits for target in readers
                    )
                elif value.start < key.start:  # an alias: its anchor's text is not this entry's to edit
                    placed = self.equal(value, item, item_tp)
                else:
                    placed = self.value(value, item, item_tp, quoted)
                if not placed:
                    del self.edits[done:]
                    self.rewrite_entry(key, end, _emit.after_key(item, item_tp, quoted, indent, self.newline))
                previous = end
                continue
            lines = _emit.entry(name, item, item_tp, quoted, indent, self.newline)
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

    def unalias(self, node: Mapping, new: dict[str, Any], tp: Any) -> None:
        """Write again whole each entry that reads an anchor an edit changes (as the value the model gives it):
        in place, the alias would read the new text."""
        fields = spec(tp).by_key if attrs.has(tp) else {}
        for key, value in node.items:
            if key.value not in new or not _aliased(value, key.start):
                continue
            end = self.value_end(key, value)
            others = [edit for edit in self.edits if not key.end <= edit.start <= end]  # (its own: after its key)
            if any(self.changes(edit, target) for edit in others for target in _aliased(value, key.start)):
                self.edits = others
                field = fields.get(key.value)
                item_tp, quoted = (field.type, field.quoted) if field else (Any, False)
                self.rewrite_entry(key, end, _emit.after_key(new[key.value], item_tp, quoted, 0, self.newline))

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

    def same_ends(self, old: list[Node], new: list[Any], item_tp: Any) -> tuple[int, int]:
        """How many items at the start, then at the end, of ``old`` and ``new`` are the same."""
        prefix = 0
        while prefix < min(len(old), len(new)) and self.equal(old[prefix], new[prefix], item_tp):
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and self.equal(old[-1 - suffix], new[-1 - suffix], item_tp):
            suffix += 1
        return prefix, suffix

    def sequence(self, node: Sequence, new: list[Any], item_tp: Any) -> bool:
        old = node.items
        ends = self.item_ends(node)
        # Alias items: their node is their anchor's text, which is not this list's to edit or remove.
        aliases = {index for index, item in enumerate(old) if item.start < (ends[index - 1] if index else node.start)}
        prefix, suffix = self.same_ends(old, new, item_tp)
        old_middle = old[prefix : len(old) - suffix]
        new_middle = new[prefix : len(new) - suffix]
        for index, (old_item, new_item) in enumerate(zip(old_middle, new_middle, strict=False), prefix):
            if index in aliases:
                if not self.equal(old_item, new_item, item_tp):
                    return False
                continue
            done = len(self.edits)
            if not self.value(old_item, new_item, item_tp, quoted=False):
                del self.edits[done:]
                column = _column(self.text, old_item.start)
                end = self.text_end(old_item.end)
                self.edits.append(Edit(old_item.start, end, _emit.inline(new_item, item_tp, column, self.newline)))
        first_removed = prefix + len(new_middle)
        before = ends[first_removed - 1] if 0 < first_removed <= len(old) else 0  # what removed lines follow
        for index in range(first_removed, prefix + len(old_middle)):
            item = old[index]
            start = self.item_start(item)
            if start is None or index in aliases:
                return False
            self.edits.append(Edit(start, self.removal_end(before, line_end(self.text, self.text_end(item.end))), ""))
        extra = new_middle[len(old_middle) :]
        if extra:
            dash = self.item_start(old[0])
            if dash is None:
                return False
            dash_column = _column(self.text, self.text.index("-", dash))
            lines = "".join(
                " " * dash_column + "- " + _emit.inline(item, item_tp, dash_column + 2, self.newline) + self.newline
                for item in extra
            )
            kept = prefix + len(old_middle)
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


def _holds_default(node: Node, field: FieldSpec) -> bool:
    """Whether an entry the model leaves out (its field is at its default) says that default already."""
    if _empty(node):
        return True
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = attrs.NOTHING if default.takes_self else default.factory()
    if not isinstance(node, Scalar) or default is attrs.NOTHING:
        return False
    return _same(scalar_data(node), default, field.value_type)


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


Failures = list[tuple[tuple[str | int, ...], str]]


def _model_problems(value: Any, tp: Any, strict: bool, path: tuple[str | int, ...]) -> Failures:
    """Every value of a model that breaks its field's rule or cannot be written, with its path."""
    tp = optional_inner(tp) or tp
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
