"""The fast reader: the subset of YAML that front matter is written in, read in one walk.

The subset: a block mapping at the root with simple keys (``title:``); block
mappings and sequences below it, sequences indented under their key or not;
scalars plain, single- or double-quoted, on one line or folded over several;
block scalars (``|``, ``>``, with chomping and indentation indicators); flow
sequences and flow mappings of scalars on one line (``tags: [a, b]``); empty
values; blank lines and comments anywhere a comment may be. Anything else
(anchors, tags, nested flow collections, complex keys, tabs, unusual
characters, an indentation it is not sure of) makes the reader return
``None`` and the full YAML parser takes over. It never guesses: the
differential tests hold it to the full parser on every fixture and on
generated input.

One regular expression cuts the text into lines of indent, ``- ``, ``key:``
and the rest (in C, in one call), and one walker (:class:`_Reader`) reads
them, every YAML rule written once. It builds either of two results:

- :func:`scan_data` makes plain data (dicts, lists, ``str``, :class:`Plain`)
  and nothing else. It is the read path, and the reason loading is fast.
- :func:`scan` makes the source tree, with the span of every value, for the
  write path and for placing errors; :func:`locate` finds one scalar, and stops there.

Both are the same walk, so ``scan_data(t) == to_data(scan(t))`` by construction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from ._resolve import resolve_plain
from ._track import TrackedDict, TrackedList
from ._tree import DOUBLE, FOLDED, LITERAL, PLAIN, SINGLE, Mapping, Node, Plain, Scalar, Sequence

# Characters the subset does not allow anywhere: controls, tab, the YAML 1.1 line breaks,
# BOM, surrogates, non-characters; their rules belong to the full parser. Controls are looked
# for in UTF-8 (one-byte controls but \n and \r, which are handled apart; C1 controls), the
# rest as characters (a surrogate cannot be encoded at all).
_CONTROL_BYTES = bytes((*range(0x0A), *range(0x0B, 0x20), 0x7F))
_C1_CONTROL = re.compile(b"\xc2[\x80-\x9f]")
_UNSAFE_CHARACTERS = ("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff")
# A line: indent, an optional ``-`` item marker, an optional ``key:`` (the key, then the spaces, colon and
# spaces after it), the rest. Every line matches; what the rest may be is decided by the walker. The
# quantifiers are possessive (no backtracking): nothing shorter could match where the longest did not. An optional
# part is an alternative with an empty one, ``(x|)``: ``(x)?`` would enter the engine's repeat machinery on every
# line, which cost a tenth of the pattern's time.
# A key the subset reads: plain, simple. YAML ends an implicit key within 1024 characters of its start; here the
# key takes at most 1016 and the spaces before its colon 8 (a longer one is left to the full parser).
_KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,1015}+"
_KEY_COLON = r"( {0,8}+:(?: ++|$))"
_LINE = re.compile(rf"^( *+)(- ++|-$|)(?:({_KEY}){_KEY_COLON}|)(.*+)$", re.M)
_Line = tuple[str, str, str, str, str]  # indent, dash, key, separator, rest
# The same lines, but content lines only: blank and comment lines never reach Python. Plain data is read from
# these first; a value that needs the lines between (a folded or block scalar) has it read again from all lines.
_CONTENT_LINE = re.compile(rf"^( *+)(?=[^ \n#])(- ++|-$|)(?:({_KEY}){_KEY_COLON}|)(.*+)$", re.M)
# What is likely a block scalar's header, after a key or a dash (substring tests: a regex would try every offset).
_BLOCK_HEADERS = (": |", ": >", "- |", "- >")
# Keys the subset's key pattern allows but YAML reads as null or a bool.
_NOT_STRING_KEYS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))

# Quoted scalars: the text of one line up to a closing quote or the line's end, each escape one YAML knows.
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_ESCAPE_CODE = r"(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre \"/\\N_LP])"
_ESCAPE = re.compile(r"\\(" + _ESCAPE_CODE + ")")
_DOUBLE_TEXT = r'(?:[^"\\]++|\\' + _ESCAPE_CODE + r")*+"
_SINGLE_TEXT = r"(?:[^']++|'')*+"
_DOUBLE_PART = re.compile(_DOUBLE_TEXT)
_SINGLE_PART = re.compile(_SINGLE_TEXT)
# After a value on its line: nothing, or spaces and a comment.
_LINE_END_TEXT = r"(?: *+| ++#.*+)$"
_LINE_END = re.compile(_LINE_END_TEXT)
# A block scalar's header: ``|`` or ``>``, then chomping and indentation indicators in either order.
_BLOCK_HEADER = re.compile(r"([|>])(?:([1-9])([-+]?)|([-+])([1-9]?))?(?: ++#.*+| *+)$")


def _flow_item(group: str) -> str:
    """A flow collection's item: quoted, or plain without ``:``, ``,`` or brackets; ``group`` opens each form."""
    plain = r"[^\s\"',\[\]{}#&*!|>%@`?:-][^,\[\]{}:]*+|-[^\s,\[\]{}:#][^,\[\]{}:]*+"
    return f" *+(?:\"{group}{_DOUBLE_TEXT})\"|'{group}{_SINGLE_TEXT})'|{group}{plain})) *+"


# A flow sequence or mapping of scalars on one line, checked whole (its items in group 1), then read item by
# item: a mapping's key in group 1, an item's forms in groups 2-4.
_FLOW_SEQUENCE = re.compile(rf"\[((?:{_flow_item('(?:')}(?:,{_flow_item('(?:')})*+| *+))\]{_LINE_END_TEXT}")
_FLOW_MAPPING = re.compile(
    rf"{{((?: *+{_KEY}: ++{_flow_item('(?:')}(?:, *+{_KEY}: ++{_flow_item('(?:')})*+| *+))}}{_LINE_END_TEXT}"
)
_FLOW_ITEM = re.compile("()" + _flow_item("("))  # no key: group 1 is empty
_FLOW_ENTRY = re.compile(rf" *+({_KEY}): ++{_flow_item('(')}")

# What a plain scalar may not start with (``-``, ``?``, ``:`` may, followed by a non-space, outside flow).
_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_INDICATORS = re.compile(r"[\[\]{},:]")
# A plain scalar YAML may read as a null, a bool, a number or a timestamp starts with one of
# these; any other plain scalar is a string, the same as if it were quoted.
MAYBE_TYPED = frozenset("~nNtTfF-+.0123456789")
MAX_DEPTH = 64  # deeper front matter is no real article: the full parser decides
_TRACKED = (TrackedDict, TrackedList)  # the mapping and sequence types of typed data
_NULL = Plain("")


class _Fallback(Exception):
    """The input is outside the subset."""


class _AllLines(Exception):
    """Reading content lines only, the reader met a value that needs every line (blank lines are part of it)."""


def plain_fits(text: str, in_flow: bool = False) -> bool:
    """Whether ``text`` written as a one-line plain scalar is read back as exactly that text.

    The rule the reader reads plain scalars by, and the writer writes them by
    (it also checks characters and types, see :func:`._emit.plain_reads_back`).

    >>> plain_fits("AI in Autos"), plain_fits("-1"), plain_fits("- a"), plain_fits("a: b"), plain_fits("a:b", True)
    (True, True, False, False, False)
    """
    if not text:
        return False
    first = text[0]
    if first in _PLAIN_START_FORBIDDEN and not (
        first in ("-" if in_flow else "-?:") and len(text) > 1 and text[1] not in " ,[]{}"
    ):
        return False
    if in_flow and _FLOW_INDICATORS.search(text):
        return False
    return text[-1] not in " :" and ": " not in text and " #" not in text


def _normalized(text: str) -> str | None:
    """``text`` with CRLF as LF, or ``None`` if it has characters outside the subset."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    # Searches at memchr speed beat a character-class scan: the text as UTF-8 (a surrogate cannot be
    # encoded, and is outside the subset) for controls, the text for each unsafe character (in UTF-8,
    # their bytes would be searched for among the many of curly quotes and dashes: 20 times slower).
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return None
    if len(data) != len(text):  # not ASCII: the multi-byte characters outside the subset
        if b"\xc2" in data and _C1_CONTROL.search(data):
            return None
        for unsafe in _UNSAFE_CHARACTERS:
            if unsafe in text:
                return None
    return text


def _levels(max_depth: int) -> int:
    """How many levels of collections below the root the walker may open.

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


def _double(raw: str) -> str:
    return _ESCAPE.sub(_unescape, raw) if "\\" in raw else raw


def _single(raw: str) -> str:
    return raw.replace("''", "'")


def scan_data(
    text: str, max_depth: int = MAX_DEPTH, max_values: int | None = None, *, typed: bool = False
) -> dict[str, Any] | None:
    """Plain data of ``text`` if it is in the subset, else ``None``.

    Plain scalars that YAML may read as another type than a string (``38``,
    ``true``, ``2020-06-24``) come as :class:`Plain`, to be typed by the
    schema; the rest, quoted or not, as ``str``. Anything the full path
    reports as a problem (a duplicate key, ``true:`` as a key, more than
    ``max_depth`` levels or ``max_values`` values) also gives ``None``.

    ``typed`` data is what ``schema=None`` loads: plain scalars typed as YAML
    reads them (a :class:`ValueError` if one is not a valid value, such as
    30 February), in the lists and dicts that count their changes.

    >>> scan_data('title: "Hello"\\ntags: [AI, news]\\n')
    {'title': 'Hello', 'tags': ['AI', 'news']}
    >>> scan_data("title: &anchor text\\n") is None
    True
    """
    normalized = _normalized(text)
    if normalized is None:
        return None
    lines: list[_Line] = _CONTENT_LINE.findall(normalized)
    # Each line holds at most three values (an item, its mapping's value, a flow item); each comma one more
    # (commas are counted only if there could be too many: there are no more of them than characters).
    bound = 3 * len(lines) + 1
    if max_values is not None and bound + len(normalized) > max_values and bound + normalized.count(",") > max_values:
        return None  # the full path counts exactly
    depth = _levels(max_depth)
    try:
        try:
            if ("|" in normalized or ">" in normalized) and any(header in normalized for header in _BLOCK_HEADERS):
                raise _AllLines  # it will need every line: no second pass over content lines
            data: dict[str, Any] = _Reader(lines, None, None, typed=typed).mapping(0, 0, depth, False)[0]
        except _AllLines:
            ends_with_newline = normalized.endswith("\n")
            if len(lines) == normalized.count("\n") + (not ends_with_newline):  # no blank or comment line
                reader = _Reader(lines, ends_with_newline, None, typed=typed, count=len(lines))
            else:
                reader = _Reader(_LINE.findall(normalized), ends_with_newline, None, typed=typed)
            data = reader.mapping(0, 0, depth, False)[0]
    except _Fallback:
        return None
    return data


def quick_data(text: str, max_depth: int, max_values: int | None, *, typed: bool = False) -> dict[str, Any] | None:
    """What the load path reads without the full parser: :func:`scan_data`'s data, or ``None`` when the text is
    left to the full parser, at a glance (:func:`left_to_parser`) or after the reader's attempt.

    ``loads`` reads by it, and ``validate``'s quick check accepts only what it reads.

    >>> quick_data("title: Hello\\n", 100, None), quick_data("a: &x 1\\nb: *x\\n", 100, None)
    ({'title': 'Hello'}, None)
    """
    return None if left_to_parser(text) else scan_data(text, max_depth, max_values, typed=typed)


def left_to_parser(text: str) -> bool:
    """Whether ``text`` shows at a glance what the reader always leaves to the full parser: an anchor on a value
    (``key: &name`` or ``- &name``; its aliases come after it) or a flow sequence continued on the next lines
    (``key: [`` at a line's end).

    A load sends such a text to the full parser without the reader's attempt, which would read the lines up to
    it and give up. A look-alike in a quoted, plain or block scalar or a comment (``"Q: &A"``) sends there a text
    the reader reads, which the full parser reads the same, only slower. What else the reader leaves (a quoted
    key, a tag) costs more to look for in every text than it saves.

    >>> left_to_parser("base: &base\\n  a: 1\\ncopy: *base\\n"), left_to_parser("tags: [\\n  a, b]\\n")
    (True, True)
    >>> left_to_parser("url: /?a=1&b=2\\ntitle: R & D\\ntags: [a, b]\\n")
    False
    """
    # Each is found by its one character (a memchr costs a few instructions a kilobyte, a search for two
    # characters or a regular expression a few a character), then what is around it is looked at.
    anchor = text.find("&")
    while anchor >= 0:
        if anchor >= 2 and text[anchor - 2 : anchor] in (": ", "- "):
            return True
        anchor = text.find("&", anchor + 1)
    bracket = text.find("[")
    while bracket >= 0:
        if text.startswith("\n", bracket + 1):
            return True
        bracket = text.find("[", bracket + 1)
    return False


def scan(text: str, max_depth: int = MAX_DEPTH) -> Node | None:
    """The source tree of ``text`` if it is in the subset, else ``None``.

    An empty front matter gives an empty mapping.

    >>> tree = scan('title: "Hello"\\n')
    >>> key, value = tree.items[0]
    >>> key.value, value.value, value.style, (value.start, value.end)
    ('title', 'Hello', '"', (7, 14))
    """
    normalized = _normalized(text)
    if normalized is None:
        return None
    reader = _Reader(_LINE.findall(normalized), normalized.endswith("\n"), list(_line_starts(text)))
    try:
        return reader.mapping(0, 0, _levels(max_depth), False)[0]  # type: ignore[no-any-return]
    except _Fallback:
        return None


@functools.lru_cache(maxsize=1024)
def root_key_line(key: str) -> re.Pattern[str]:
    """The line that starts the top-level entry ``key`` (LF or CRLF lines).

    In the subset, a line that starts with ``key:`` is a root key's (a value's lines are indented), so an
    entry runs from its key's line to the next key's: the writer reads an edited entry alone so.

    >>> root_key_line("b").search("a: 1\\nb:\\n  - x\\n").start()
    5
    """
    return re.compile(f"^{re.escape(key)} *+:(?: |\r?$)", re.M)


def locate(text: str, path: tuple[str | int, ...]) -> Scalar | None:
    """The scalar at ``path`` if it is one an edit can replace in place (written on one line or folded, not
    a block scalar, an item of a flow collection or an empty value); else ``None``.

    ``text`` is one the reader reads (:func:`scan_data` gave its data). An
    edit of a few values needs their spans, not the whole tree: the lines are
    cut and walked only as far as the value.

    >>> node = locate('a: 1\\nb:\\n  - x\\n  - "y"\\n', ("b", 1))
    >>> node.value, node.style, (node.start, node.end)
    ('y', '"', (18, 21))
    """
    normalized = text.replace("\r\n", "\n") if "\r" in text else text
    first = 0  # the offset of the first line walked: the line of the path's root key, if found
    lines: list[_Line] | _Lazy | None = None
    if normalized is text and path and isinstance(path[0], str):
        key_line = root_key_line(path[0]).search(normalized)
        if key_line is not None:
            first = key_line.start()
            end = normalized.find("\n", first) + 1 or len(text)
            line = cast(_Line, _LINE.match(normalized, first).groups(""))  # type: ignore[union-attr]  # always
            # A root key's value on its line, and the next line not indented (or none): that line is all it takes.
            if len(path) == 1 and line[4][:1] not in ("", "#") and text[end : end + 1] not in (" ", "\n"):
                lines = [line]
    try:
        if lines is not None:  # read as the walk reads it, with nothing after it
            mapping = _Reader(lines, True, [first, end], count=1).mapping(0, 0, MAX_DEPTH, False)[0]
            return _replaceable(mapping.items[0][1])
        lines = _Lazy(match.groups("") for match in _LINE.finditer(normalized, first))
        count = normalized.count("\n", first) + (not normalized.endswith("\n"))
        reader = _Reader(lines, normalized.endswith("\n"), _Lazy(_line_starts(text, first)), path, count=count)
        reader.mapping(0, 0, MAX_DEPTH, False)
    except _Found as found:
        return _replaceable(found.node)
    except _Fallback:
        pass
    return None


def _replaceable(node: Node) -> Scalar | None:
    """``node`` if it is a scalar an edit can replace in place."""
    if isinstance(node, Scalar) and node.start != node.end and node.style not in (LITERAL, FOLDED):
        return node
    return None


def _line_starts(text: str, first: int = 0) -> Iterator[int]:
    """Each line's offset in ``text`` (CRLF included) from the line at ``first``, then the text's end."""
    yield first
    newline = text.find("\n", first)
    while newline >= 0:
        yield newline + 1
        newline = text.find("\n", newline + 1)
    yield len(text)


class _Lazy:
    """The items of an iterator, taken from it only as far as they are asked for."""

    __slots__ = ("items", "more")

    def __init__(self, more: Iterator[Any]) -> None:
        self.items: list[Any] = []
        self.more = more

    def __getitem__(self, index: int) -> Any:
        items = self.items
        while len(items) <= index:
            items.append(next(self.more))
        return items[index]


class _Found(Exception):
    """Not an error: a walk with a target found it."""

    def __init__(self, node: Node) -> None:
        self.node = node


class _Reader:
    """One walk over the lines of a front matter, making plain data or, given line offsets, the source tree.

    Each method reads one construct from a line index and returns what it made and the next line's index.
    ``owner`` is the column of the mapping's keys or the sequence's dashes a value belongs to: the lines of
    a value (a folded scalar, a block scalar's text) are indented more than that.
    """

    __slots__ = ("content", "count", "deeper", "ends_with_newline", "lines", "maybe_typed", "path", "starts",
                 "target", "typed")  # fmt: skip

    def __init__(
        self,
        lines: list[_Line] | _Lazy,
        ends_with_newline: bool | None,
        starts: list[int] | _Lazy | None,
        target: tuple[str | int, ...] | None = None,
        typed: bool = False,
        count: int | None = None,
    ) -> None:
        """``ends_with_newline`` is None if ``lines`` are content lines only; ``starts`` None for plain data;
        ``count`` the number of lines, if ``lines`` and ``starts`` are :class:`_Lazy`.

        With a ``target`` path (and ``starts``), the walk raises :class:`_Found` with the node at that path
        as soon as it is made. ``typed`` plain data has its plain scalars typed (see :func:`scan_data`).
        """
        # What a plain scalar that may be typed becomes, and the mapping and sequence types of typed data.
        self.maybe_typed: Callable[[str], Any] = resolve_plain if typed else Plain
        self.typed = _TRACKED if typed else None
        self.target = list(target) if target is not None else None
        self.path: list[str | int] = []  # of the value being read, when there is a target
        if count is None:
            assert isinstance(lines, list)  # only lazy lines come with their count
            if ends_with_newline:
                lines.pop()  # the empty match after the last newline is no line
            count = len(lines)
        self.lines = lines
        self.count = count
        self.ends_with_newline = ends_with_newline
        self.content = ends_with_newline is None
        # A line indented deeper than the lines it follows may continue a value across blank lines: only
        # all lines tell; with all of them, it is outside the subset.
        self.deeper = _AllLines if self.content else _Fallback
        self.starts = starts

    # --- collections ---

    def mapping(self, index: int, column: int, depth: int, item: bool) -> tuple[Any, int]:
        """The block mapping whose keys are at ``column``; with ``item``, its first key follows a dash."""
        if depth < 0:
            raise _Fallback
        lines, count, starts, content, target = self.lines, self.count, self.starts, self.content, self.target
        maybe_typed = self.maybe_typed
        pad = " " * column  # indents compare as strings of spaces: no len() per line
        data: dict[str, Any] = {}
        entries: list[tuple[Scalar, Node]] = []
        while index < count:
            indent, dash, key, separator, rest = lines[index]
            if indent != pad or not key or dash:
                if item:
                    item = False  # its dash belongs to the sequence
                elif not key and not dash and (not rest or rest[0] == "#"):
                    index += 1  # a blank or comment line
                    continue
                elif indent > pad:
                    raise self.deeper
                elif indent < pad:
                    break
                else:
                    raise _Fallback
            key_line = index
            if target is not None:
                self.path.append(key)
            if not rest or rest[0] == "#":  # the value is below: a collection or a scalar, or it is a null
                below = index + 1
                while (
                    below < count and not lines[below][2] and not lines[below][1] and lines[below][4][:1] in ("", "#")
                ):
                    below += 1  # a blank or comment line
                under = lines[below] if below < count else ("", "", "", "", "")
                if under[1] and under[0] >= pad:  # an indentless sequence's dashes are at the keys' column
                    value, index = self.sequence(below, len(under[0]), depth - 1)
                elif under[0] <= pad:
                    colon_end = column + len(key) + len(separator.rstrip(" "))
                    value, index = self.scalar(_NULL, PLAIN, index, colon_end, index, colon_end), index + 1
                elif under[2]:
                    value, index = self.mapping(below, len(under[0]), depth - 1, False)
                elif under[4][0] not in "[{|>":  # a scalar: its own rules decide
                    value, index = self.value(below, under[4], column, len(under[0]), depth)
                else:
                    raise _Fallback
            # The most common values, one-line quoted (no escape, no quote within) or plain scalars, without a
            # call: with all lines, the next one must show that the value ends on its line.
            elif content or index + 1 == count or (lines[index + 1][0] <= pad and any(lines[index + 1])):
                first = rest[0]
                if first in "\"'" and rest.find(first, 1) == len(rest) - 1 and (first == "'" or "\\" not in rest):
                    value = rest[1:-1]
                    if starts is not None:
                        start = starts[index] + column + len(key) + len(separator)
                        value = Scalar(value, DOUBLE if first == '"' else SINGLE, start, start + len(rest))
                    index += 1
                elif first in "[{":  # a flow collection, one line too (see value)
                    value, index = self.flow(index, rest, column + len(key) + len(separator), depth - 1), index + 1
                elif plain_fits(rest):
                    if starts is not None:
                        start = starts[index] + column + len(key) + len(separator)
                        value = Scalar(rest, PLAIN, start, start + len(rest))
                    else:
                        value = maybe_typed(rest) if first in MAYBE_TYPED else rest
                    index += 1
                else:
                    value, index = self.value(index, rest, column, column + len(key) + len(separator), depth)
            else:
                value, index = self.value(index, rest, column, column + len(key) + len(separator), depth)
            if starts is None:
                if key in data:
                    raise _Fallback  # the full path reports it
                data[key] = value
            else:
                if target is not None:
                    self.reached(value)
                key_start = starts[key_line] + column
                entries.append((Scalar(key, PLAIN, key_start, key_start + len(key)), value))
        if starts is None:
            if not _NOT_STRING_KEYS.isdisjoint(data):
                raise _Fallback  # ``true:`` or ``null:``: the full path reports the key
            return (data if self.typed is None else self.typed[0](data)), index
        if not entries:
            return Mapping([], 0, 0, flow=False), index  # an empty front matter
        return Mapping(entries, entries[0][0].start, entries[-1][1].end, flow=False), index

    def sequence(self, index: int, column: int, depth: int) -> tuple[Any, int]:
        """The block sequence whose dashes are at ``column``."""
        if depth < 0:
            raise _Fallback
        lines, count, target, content = self.lines, self.count, self.target, self.content
        pad = " " * column
        items: list[Any] = []
        first_line = index
        while index < count:
            indent, dash, key, _, rest = lines[index]
            if indent != pad or not dash:
                if not key and not dash and (not rest or rest[0] == "#"):
                    index += 1  # a blank or comment line
                    continue
                if indent > pad:
                    raise self.deeper
                break
            if target is not None:
                self.path.append(len(items))
            if key:  # ``- key: value``: the item is a mapping whose first entry is on this line
                item, index = self.mapping(index, column + len(dash), depth - 1, True)
            elif content and plain_fits(rest):  # the most common items, without a call (see mapping)
                item = self.maybe_typed(rest) if rest[0] in MAYBE_TYPED else rest
                index += 1
            elif (
                content
                and rest[:1] in ('"', "'")
                and rest.find(rest[0], 1) == len(rest) - 1
                and (rest[0] == "'" or "\\" not in rest)
            ):
                item = rest[1:-1]
                index += 1
            elif rest and rest[0] != "#":
                item, index = self.value(index, rest, column, column + len(dash), depth)
            else:
                raise _Fallback  # an empty item, or one below its dash
            if target is not None:
                self.reached(item)
            items.append(item)
        if self.starts is None:
            return (items if self.typed is None else self.typed[1](items)), index
        return Sequence(items, self.starts[first_line] + column, items[-1].end, flow=False), index

    def reached(self, node: Node) -> None:
        """The value at ``self.path`` is read: stop if it is the target."""
        if self.path == self.target:
            raise _Found(node)
        self.path.pop()

    # --- scalars ---

    def scalar(self, value: str, style: str, line: int, column: int, end_line: int, end_column: int) -> Any:
        """A scalar's data, or its node from ``column`` of ``line`` to ``end_column`` of ``end_line``."""
        if self.starts is None:
            return self.maybe_typed(value) if style == PLAIN and (not value or value[0] in MAYBE_TYPED) else value
        return Scalar(value, style, self.starts[line] + column, self.starts[end_line] + end_column)

    def value(self, index: int, rest: str, owner: int, column: int, depth: int) -> tuple[Any, int]:
        """The value whose text starts with ``rest``, at ``column`` of line ``index``."""
        first = rest[0]
        if first == '"':
            return self.quoted(index, rest, owner, column, _DOUBLE_PART, _double, DOUBLE)
        if first == "'":
            return self.quoted(index, rest, owner, column, _SINGLE_PART, _single, SINGLE)
        if first in "[{":
            return self.flow(index, rest, column, depth - 1), index + 1
        if first in "|>":
            return self.block(index, rest, owner, column)
        return self.plain(index, rest, owner, column)

    def plain(self, index: int, rest: str, owner: int, column: int) -> tuple[Any, int]:
        """A plain scalar, folded over the lines below it indented more than ``owner``."""
        comment = rest.find(" #")
        ended = comment >= 0  # a comment ends the scalar
        text = (rest[:comment] if ended else rest).rstrip(" ")
        if not plain_fits(text):
            raise _Fallback
        lines, count = self.lines, self.count
        last, end = index, column + len(text)
        below = index + 1
        breaks = 0
        while not ended and below < count:
            indent, dash, key, _, line = lines[below]
            if not dash and not key and not line:
                breaks += 1  # an empty line: a line break in the value
            elif len(indent) <= owner or dash or key or line[0] == "#":
                break
            elif self.content:
                raise _AllLines  # folded over lines that may have blank ones between
            else:
                comment = line.find(" #")
                ended = comment >= 0
                line = (line[:comment] if ended else line).rstrip(" ")
                if not plain_fits(line):
                    raise _Fallback
                text += "\n" * breaks if breaks else " "
                text += line
                breaks = 0
                last, end = below, len(indent) + len(line)
            below += 1
        return self.scalar(text, PLAIN, index, column, last, end), last + 1

    def quoted(
        self, index: int, rest: str, owner: int, column: int, pattern: re.Pattern[str], decode: Any, style: str
    ) -> tuple[Any, int]:
        """A quoted scalar from ``rest`` on, its lines up to the closing quote folded into one value."""
        quote = rest[0]
        lines, count = self.lines, self.count
        text, offset, line, text_column = rest, 1, index, column  # the text of the current line, from its part
        value = separator = ""
        while True:
            end = pattern.match(text, offset).end()  # type: ignore[union-attr]  # it matches the empty string
            part = text[offset:end]
            if end < len(text) and text[end] == quote:
                if not _LINE_END.match(text, end + 1):
                    raise _Fallback  # more after the closing quote
                value += separator + decode(part)
                return self.scalar(value, style, index, column, line, text_column + end + 1), line + 1
            if self.content:
                raise _AllLines  # folded over lines that may have blank ones between
            escaped = quote == '"' and end == len(text) - 1 and text[end] == "\\"
            if not escaped:
                if end < len(text):
                    raise _Fallback  # an escape YAML does not know
                part = part.rstrip(" ")  # spaces before a line break are not part of the value
                if quote == '"' and part.endswith("\\"):
                    raise _Fallback  # an escaped space, or a backslash, before the line break
            value += separator + decode(part)
            empty = 0  # the empty lines before the next line of text
            line += 1
            while line < count:
                raw = "".join(lines[line])
                text = raw.lstrip(" ")
                if text:
                    break
                empty += 1
                line += 1
            else:
                raise _Fallback  # not closed before the end
            text_column, offset = len(raw) - len(text), 0
            if text_column <= owner or (escaped and empty):
                raise _Fallback  # not indented under its key, or an escaped break before empty lines
            separator = "" if escaped else "\n" * empty if empty else " "

    def block(self, index: int, rest: str, owner: int, column: int) -> tuple[Any, int]:
        """A literal (``|``) or folded (``>``) block scalar: the lines below, indented more than ``owner``."""
        header = _BLOCK_HEADER.match(rest)
        if header is None:
            raise _Fallback
        if self.content:
            raise _AllLines
        style, digit, chomp = header.group(1), header.group(2) or header.group(5), header.group(3) or header.group(4)
        lines, count = self.lines, self.count
        below = index + 1
        if digit:
            indent = owner + int(digit)
        else:  # the first line of text sets the indentation; empty lines before it may not have more spaces
            first = below
            while first < count and not lines[first][1] and not lines[first][2] and not lines[first][4]:
                first += 1
            if first == count or any(len(lines[empty][0]) > len(lines[first][0]) for empty in range(below, first)):
                raise _Fallback
            indent = len(lines[first][0])
        if indent <= owner:
            raise _Fallback  # no text: the full parser decides what an empty block scalar is
        texts: list[str] = []
        while below < count:
            raw = "".join(lines[below])
            if not raw.strip(" "):
                if len(raw) > indent:
                    raise _Fallback  # spaces beyond the indentation are text: the full parser decides
                texts.append("")
            elif len(lines[below][0]) < indent:
                break
            else:
                texts.append(raw[indent:])
            below += 1
        else:
            if not self.ends_with_newline:
                raise _Fallback  # the last line has no line break to keep or clip
        trailing = 0
        while texts and not texts[-1]:
            texts.pop()
            trailing += 1
        if not texts:
            raise _Fallback
        if style == "|":
            value = "\n".join(texts)
        else:  # folded: lines of text joined by a space, empty lines between them as line breaks
            value = ""
            empty = 0
            for text in texts:
                if not text:
                    empty += 1
                    continue
                if text[0] == " ":
                    raise _Fallback  # a more-indented line is not folded: the full parser decides
                value += ("\n" * empty if empty or not value else " ") + text
                empty = 0
        if chomp != "-":
            value += "\n" * (1 + trailing if chomp == "+" else 1)
        return self.scalar(value, style, index, column, below, 0), below

    def flow(self, index: int, rest: str, column: int, depth: int) -> Any:
        """A flow sequence or mapping of scalars, on one line."""
        is_mapping = rest[0] == "{"
        whole = (_FLOW_MAPPING if is_mapping else _FLOW_SEQUENCE).match(rest)
        if depth < 0 or whole is None:
            raise _Fallback
        items = _FLOW_ENTRY if is_mapping else _FLOW_ITEM
        keys: list[str] = []  # a mapping's
        values: list[Any] = []
        starts = self.starts
        if starts is None:  # plain data: the items' text alone, cut in C where the quotes allow it
            maybe_typed = self.maybe_typed
            inner = rest[1 : whole.end(1)]
            first = inner.lstrip(" ")[:1]
            parts = inner.split(first) if first in ('"', "'") and not is_mapping else None
            if parts and ("\\" if first == '"' else "''") not in inner and not "".join(parts[::2]).strip(" ,"):
                values = parts[1::2]  # every item quoted alike, none escaped: the texts between the quotes
            elif not is_mapping and '"' not in inner and "'" not in inner:  # plain items only: cut at the commas
                if " #" in inner:
                    raise _Fallback  # a comment within: the full parser decides
                for text in inner.split(",") if first else ():
                    text = text.strip(" ")
                    values.append(maybe_typed(text) if text[0] in MAYBE_TYPED else text)
            else:
                for key, double, single, plain in items.findall(rest, 1, whole.end(1)):
                    keys.append(key)
                    if plain:
                        value = plain.rstrip(" ")
                        if " #" in value:
                            raise _Fallback  # a comment within: the full parser decides
                        values.append(maybe_typed(value) if value[0] in MAYBE_TYPED else value)
                    else:  # quoted ("" and '' alike are empty)
                        values.append(_double(double) if double else _single(single))
        else:
            nodes = []
            offset = starts[index] + column  # of ``rest`` in the text
            for item in items.finditer(rest, 1, whole.end(1)):
                keys.append(item.group(1))
                nodes.append(Scalar(item.group(1), PLAIN, offset + item.start(1), offset + item.end(1)))
                if item.group(4) is not None:  # plain
                    value = item.group(4).rstrip(" ")
                    if " #" in value:
                        raise _Fallback
                    start = offset + item.start(4)
                    values.append(Scalar(value, PLAIN, start, start + len(value)))
                else:  # quoted: the span takes in the quotes
                    double = item.group(2) is not None
                    group, value = (2, _double(item.group(2))) if double else (3, _single(item.group(3)))
                    start, end = offset + item.start(group) - 1, offset + item.end(group) + 1
                    values.append(Scalar(value, DOUBLE if double else SINGLE, start, end))
        if is_mapping and (not _NOT_STRING_KEYS.isdisjoint(keys) or (len(set(keys)) != len(keys) and starts is None)):
            raise _Fallback  # ``{true: x}``, or a repeated key in plain data: the full path reports it
        if starts is None:
            if not is_mapping:
                return values if self.typed is None else self.typed[1](values)
            mapping = dict(zip(keys, values, strict=True))
            return mapping if self.typed is None else self.typed[0](mapping)
        start, end = offset, offset + whole.end(1) + 1
        if not is_mapping:
            return Sequence(values, start, end, flow=True)
        return Mapping(list(zip(nodes, values, strict=True)), start, end, flow=True)
