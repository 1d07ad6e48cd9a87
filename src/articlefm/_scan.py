"""A fast scanner for the subset of YAML the real files use.

The subset: block mappings with simple keys, block sequences (``- item``,
``- key: value``), plain and quoted one-line scalars, blank lines and
whole-line comments. Anything else (flow collections, block scalars, anchors,
tags, multi-line scalars, tabs, unusual characters, odd indentation) makes the
scanner return ``None`` and the full YAML parser takes over. It never
guesses: a differential test holds it to the full parser on every fixture and
on generated input.

One regular expression cuts the text into lines of ``indent``, ``- ``,
``key:`` and value (in C, in one call); two builders read those lines:

- :func:`scan_data` makes plain data (dicts, lists, ``str``, :class:`Plain`)
  and nothing else. It is the read path, and the reason loading is fast.
- :func:`scan` makes the source tree, with the span of every value, for the
  write path and for placing errors.

Both apply the same rules and must agree: ``scan_data(t) == to_data(scan(t))``.
"""

from __future__ import annotations

import re
from typing import Any

from ._tree import DOUBLE, PLAIN, SINGLE, Mapping, Node, Plain, Scalar, Sequence

# Characters the subset does not allow anywhere: controls, tab, the YAML 1.1 line breaks,
# BOM, surrogates, non-characters; their rules belong to the full parser. Looked for in
# UTF-8: one-byte controls (\n and \r are handled apart), C1 controls, and U+2028, U+2029,
# U+FEFF, U+FFFE, U+FFFF (a surrogate cannot be encoded at all).
_CONTROL_BYTES = bytes((*range(0x0A), *range(0x0B, 0x20), 0x7F))
_C1_CONTROL = re.compile(b"\xc2[\x80-\x9f]")
_UNSAFE_SEQUENCES = (b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
# A line: indent, an optional ``-`` item marker, an optional ``key:``, the rest.
# Every line matches; what the rest may be is decided by the builders. The quantifiers are
# possessive (no backtracking): nothing shorter could match where the longest did not.
_LINE = re.compile(r"^( *+)(-(?: ++|(?=\r?$)))?(?:([A-Za-z_][A-Za-z0-9_-]*+)( *+:(?: ++|(?=\r?$))))?(.*+)$", re.M)
# Keys the subset's key pattern allows but YAML reads as null or a bool.
_NOT_STRING_KEYS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))
# One-line quoted scalars, each escape one YAML knows; a comment may follow.
_DOUBLE = re.compile(
    r'"((?:[^"\\]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre "/\\N_LP]))*)"'
    r"(?: +#.*)?$"
)
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?$")
# Plain scalars: a safe first character, no ": ", no " #", not ending in ":".
_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre \"/\\N_LP])")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
# A plain scalar YAML may read as a null, a bool, a number or a timestamp starts with one of
# these; any other plain scalar is a string, the same as if it were quoted.
_MAYBE_TYPED = frozenset("~nNtTfF-+.0123456789")
MAX_DEPTH = 64  # deeper front matter is no real article: the full parser decides
_NULL = Plain("")

_TreeLine = tuple[int, str, str, str, int, int, int]  # ... and the offsets of the key, the colon's end, the value


class _Fallback(Exception):
    """The input is outside the subset."""


def _normalized(text: str) -> str | None:
    """``text`` with CRLF as LF, or ``None`` if it has characters outside the subset."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    # Byte searches at memchr speed beat a character-class scan: the text as UTF-8 (a surrogate
    # cannot be encoded, and is outside the subset), then each control and unsafe sequence.
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return None
    if len(data) != len(text) and (  # not ASCII: the multi-byte characters outside the subset
        (b"\xc2" in data and _C1_CONTROL.search(data)) or any(unsafe in data for unsafe in _UNSAFE_SEQUENCES)
    ):
        return None
    return text


def _levels(max_depth: int) -> int:
    """How many levels of collections below the root the builders may open.

    A node's depth counts from the root mapping (0), keys and scalars included,
    as the full parser counts it; every collection holds a node one level
    deeper, so collections stop one level above the limit.
    """
    return min(max_depth - 1, MAX_DEPTH)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _ESCAPES[code]
    point = int(code[1:], 16)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        raise _Fallback  # not a character: the full parser reports it
    return chr(point)


def _scalar(text: str) -> tuple[str, str, int]:
    """A one-line scalar: its value, its style, and the length of its text (without a comment)."""
    first = text[0]
    if first == '"':
        if text[-1] == '"' and "\\" not in text and text.find('"', 1) == len(text) - 1:
            return text[1:-1], DOUBLE, len(text)  # the common case, without a regex
        match = _DOUBLE.match(text)
        if match is None:
            raise _Fallback
        raw = match.group(1)
        return (_ESCAPE.sub(_unescape, raw) if "\\" in raw else raw), DOUBLE, len(raw) + 2
    if first == "'":
        match = _SINGLE.match(text)
        if match is None:
            raise _Fallback
        raw = match.group(1)
        return raw.replace("''", "'"), SINGLE, len(raw) + 2
    if first in _PLAIN_START_FORBIDDEN and not (first in "-?:" and len(text) > 1 and text[1] != " "):
        raise _Fallback
    comment = text.find(" #")
    if comment >= 0:  # str methods, not a regex: a long run of spaces must not cost quadratic time
        text = text[:comment].rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Fallback
    return text, PLAIN, len(text)


def _data_scalar(text: str) -> str:
    """A one-line scalar's value (see :func:`scan_data` for types); trailing spaces allowed."""
    first = text[0]
    if first == '"':
        if text.find('"', 1) == len(text) - 1 and "\\" not in text:  # closed by the only other quote, at the end
            return text[1:-1]
    elif first not in _PLAIN_START_FORBIDDEN and text[-1] not in " :" and ": " not in text and " #" not in text:
        return text if first not in _MAYBE_TYPED else Plain(text)
    value, style, _ = _scalar(text.rstrip(" "))
    return Plain(value) if style is PLAIN and value[:1] in _MAYBE_TYPED else value


# --- plain data (the read path) ----------------------------------------------------------------------------------

# The same lines as _LINE, but content lines only: blank and comment lines never reach Python.
# Indents stay strings of spaces, which compare as their lengths do.
_CONTENT_LINE = re.compile(r"^( *+)(?=[^ \n#])(-(?: ++|$))?(?:([A-Za-z_][A-Za-z0-9_-]*+) *+:(?: ++|$))?(.*+)$", re.M)
_DataLine = tuple[str, str, str, str]  # indent, dash, key, value


def scan_data(text: str, max_depth: int = MAX_DEPTH, max_values: int | None = None) -> dict[str, Any] | None:
    """Plain data of ``text`` if it is in the subset, else ``None``.

    Plain scalars that YAML may read as another type than a string (``38``,
    ``true``, ``2020-06-24``) come as :class:`Plain`, to be typed by the
    schema; the rest, quoted or not, as ``str``. Anything the full path
    reports as a problem (a duplicate key, ``true:`` as a key, more than
    ``max_depth`` levels or ``max_values`` values) also gives ``None``.

    >>> scan_data('title: "Hello"\\ntopics:\\n  - AI\\n')
    {'title': 'Hello', 'topics': ['AI']}
    >>> scan_data("title: [flow, style]\\n") is None
    True
    """
    normalized = _normalized(text)
    if normalized is None:
        return None
    lines: list[_DataLine] = _CONTENT_LINE.findall(normalized)
    if not lines:
        return {}
    if lines[0][0] or (max_values is not None and 2 * len(lines) + 1 > max_values):
        return None  # the full path places the error, or counts exactly
    try:
        data, index = _data_mapping(lines, 0, "", _levels(max_depth), False)
    except _Fallback:
        return None
    return data if index == len(lines) else None


def _data_mapping(
    lines: list[_DataLine], index: int, indent: str, depth: int, item: bool
) -> tuple[dict[str, Any], int]:
    """The entries at ``indent`` from line ``index`` on; ``depth`` is the levels left.

    With ``item``, the first line is ``- key: value``, its key at ``indent``.
    """
    if depth < 0:
        raise _Fallback
    result: dict[str, Any] = {}
    count = len(lines)
    while index < count:
        line_indent, dash, key, value = lines[index]
        if item:
            item = False  # its dash belongs to the sequence
        elif line_indent != indent:
            if line_indent > indent:
                raise _Fallback
            break
        elif dash or not key:
            raise _Fallback
        if key in result:
            raise _Fallback
        index += 1
        if value:  # a more indented line next is refused by the next turn
            if value[0] == '"' and value.find('"', 1) == len(value) - 1 and "\\" not in value:
                result[key] = value[1:-1]  # _data_scalar's first case, inline: the most common value
            else:
                result[key] = _data_scalar(value)
            continue
        if index < count:
            below, below_dash = lines[index][0], lines[index][1]
            if below > indent or (below == indent and below_dash):
                if below_dash:
                    result[key], index = _data_sequence(lines, index, below, depth - 1)
                else:
                    result[key], index = _data_mapping(lines, index, below, depth - 1, False)
                continue
        result[key] = _NULL
    if not _NOT_STRING_KEYS.isdisjoint(result):
        raise _Fallback  # ``true:`` or ``null:``: the full path reports the key
    return result, index


def _data_sequence(lines: list[_DataLine], index: int, indent: str, depth: int) -> tuple[list[Any], int]:
    if depth < 0:
        raise _Fallback
    items: list[Any] = []
    count = len(lines)
    while index < count:
        line_indent, dash, key, value = lines[index]
        if line_indent != indent or not dash:
            if line_indent > indent:
                raise _Fallback
            break
        if key:  # ``- key: value``: the item is a mapping whose first entry is on this line
            item, index = _data_mapping(lines, index, indent + " " * len(dash), depth - 1, True)
            items.append(item)
        else:
            if not value:
                raise _Fallback
            items.append(_data_scalar(value))
            index += 1
    return items, index


# --- the source tree (the write path, and placing errors) --------------------------------------------------------


def scan(text: str, max_depth: int = MAX_DEPTH) -> Node | None:
    """The source tree of ``text`` if it is in the subset, else ``None``.

    An empty front matter gives an empty mapping.

    >>> tree = scan('title: "Hello"\\n')
    >>> key, value = tree.items[0]
    >>> key.value, value.value, value.style, (value.start, value.end)
    ('title', 'Hello', '"', (7, 14))
    """
    if _normalized(text) is None:
        return None
    crlf = "\r" in text
    lines: list[_TreeLine] = []
    offset = 0
    for indent, dash, key, separator, value in _LINE.findall(text):
        start = offset
        offset += len(indent) + len(dash) + len(key) + len(separator) + len(value) + 1
        if crlf and value[-1:] == "\r":
            value = value[:-1]
        if dash or key or (value and value[0] != "#"):
            key_start = start + len(indent) + len(dash)
            colon_end = key_start + len(key) + len(separator.rstrip(" "))
            value_start = key_start + len(key) + len(separator)
            lines.append((len(indent), dash, key, value.rstrip(" "), key_start, colon_end, value_start))
    if not lines:
        return Mapping([], 0, 0, flow=False)
    if lines[0][0]:
        return None
    items: list[tuple[Scalar, Node]] = []
    try:
        index = _tree_mapping(lines, 0, 0, _levels(max_depth), items)
    except _Fallback:
        return None
    if index != len(lines):
        return None
    return Mapping(items, items[0][0].start, items[-1][1].end, flow=False)


def _tree_mapping(lines: list[_TreeLine], index: int, indent: int, depth: int, items: list[tuple[Scalar, Node]]) -> int:
    """Like :func:`_data_mapping`, adding ``(key, value)`` nodes to ``items``."""
    if depth < 0:
        raise _Fallback
    count = len(lines)
    while index < count:
        line = lines[index]
        if line[0] != indent:
            if line[0] > indent:
                raise _Fallback
            break
        if line[1] or not line[2]:
            raise _Fallback
        index = _tree_entry(lines, index, indent, depth, items)
    return index


def _tree_entry(lines: list[_TreeLine], index: int, indent: int, depth: int, items: list[tuple[Scalar, Node]]) -> int:
    _, _, key, value, key_start, colon_end, value_start = lines[index]
    key_node = Scalar(key, PLAIN, key_start, key_start + len(key))
    index += 1
    count = len(lines)
    if value:
        decoded, style, length = _scalar(value)
        items.append((key_node, Scalar(decoded, style, value_start, value_start + length)))
        if index < count and lines[index][0] > indent:
            raise _Fallback  # a multi-line scalar
        return index
    if index < count:
        below, dash = lines[index][0], lines[index][1]
        if below > indent or (below == indent and dash):
            node: Node
            if dash:
                node, index = _tree_sequence(lines, index, below, depth - 1)
            else:
                entries: list[tuple[Scalar, Node]] = []
                index = _tree_mapping(lines, index, below, depth - 1, entries)
                node = Mapping(entries, entries[0][0].start, entries[-1][1].end, flow=False)
            items.append((key_node, node))
            return index
    items.append((key_node, Scalar("", PLAIN, colon_end, colon_end)))
    return index


def _tree_sequence(lines: list[_TreeLine], index: int, indent: int, depth: int) -> tuple[Sequence, int]:
    if depth < 0:
        raise _Fallback
    items: list[Node] = []
    start = lines[index][4] - len(lines[index][1])  # the first dash
    count = len(lines)
    while index < count:
        line_indent, dash, key, value, key_start, _, _ = lines[index]
        if line_indent != indent or not dash:
            if line_indent > indent:
                raise _Fallback
            break
        if key:
            column = indent + len(dash)
            entries: list[tuple[Scalar, Node]] = []
            index = _tree_entry(lines, index, column, depth - 1, entries)
            index = _tree_mapping(lines, index, column, depth - 1, entries)
            items.append(Mapping(entries, entries[0][0].start, entries[-1][1].end, flow=False))
        else:
            if not value:
                raise _Fallback
            decoded, style, length = _scalar(value)
            items.append(Scalar(decoded, style, key_start, key_start + length))
            index += 1
            if index < count and lines[index][0] > indent:
                raise _Fallback
    return Sequence(items, start, items[-1].end, flow=False), index


# --- one value's span, without the tree (the write path's common case) ----------------------------------------


def locate(text: str, path: tuple[str | int, ...]) -> Scalar | None:
    """The one-line scalar at ``path`` in subset text, found line by line; ``None`` if there is none.

    An edit of a few values needs their spans, not the whole tree: this reads
    the lines only as far as the value, and builds one node.

    >>> node = locate('a: 1\\nb:\\n  - x\\n  - "y"\\n', ("b", 1))
    >>> node.value, node.style, (node.start, node.end)
    ('y', '"', (18, 21))
    """
    lines = _content_lines(text)
    line = next(lines, None)
    column = 0  # where the keys of the current mapping, or the dashes of the current sequence, are
    item_line = False  # whether ``line``, a ``- key:`` line, holds the current mapping's first entry
    for position, step in enumerate(path):
        last = position == len(path) - 1
        while line is not None:  # find the step's line among the current container's lines
            indent, dash, key = line[0], line[1], line[2]
            if item_line:
                item_line = False
                if key == step:
                    break
                if isinstance(step, int):
                    return None  # an index into a mapping
            elif indent < column:
                return None  # the container ended before the step
            elif indent != column:
                pass  # a line inside an entry or item before the step
            elif isinstance(step, str):
                # A dash at the keys' column is an item of the previous key's indentless sequence.
                if key == step and not dash:
                    break
            else:
                if not dash:
                    return None  # a key at the dashes' column ends an indentless sequence
                if step == 0:
                    break
                step -= 1
            line = next(lines, None)
        if line is None:
            return None
        indent, dash, key, value, _, value_start = line
        key_column = indent + len(dash) if key else indent
        if isinstance(step, int) and key:  # ``- key: value``: the item is a mapping
            if last:
                return None
            column, item_line = key_column, True
            continue
        if last:
            if not value:
                return None
            decoded, style, length = _scalar(value)
            return Scalar(decoded, style, value_start, value_start + length)
        line = next(lines, None)  # the nested container's first line
        if line is None or value or line[0] < key_column or (line[0] == key_column and not line[1]):
            return None  # a scalar or a null holds no container
        column = line[0]
    return None


def _content_lines(text: str) -> Any:
    """Content lines as ``(indent, dash, key, value, key_start, value_start)``, lazily."""
    for match in _LINE.finditer(text):
        indent, dash, key, separator, value = match.groups("")
        if value[-1:] == "\r":
            value = value[:-1]
        if dash or key or (value and value[0] != "#"):
            key_start = match.start() + len(indent) + len(dash)
            yield len(indent), dash, key, value.rstrip(" "), key_start, key_start + len(key) + len(separator)
