"""A fast scanner for the subset of YAML the real files use.

The subset: block mappings with simple keys, block sequences (``- item``,
``- key: value``), plain and quoted one-line scalars, blank lines and
whole-line comments. Anything else (flow collections, block scalars, anchors,
tags, multi-line scalars, tabs, unusual characters, odd indentation) makes
:func:`scan` return ``None`` and the full YAML parser takes over. It never
guesses: a differential test holds it to the full parser on every fixture and
on generated input.
"""

from __future__ import annotations

import re

from ._tree import DOUBLE, PLAIN, SINGLE, Mapping, Node, Scalar, Sequence

# Characters the subset does not allow anywhere: controls, tab, the YAML 1.1
# line breaks, BOM, surrogates, non-characters. Their rules belong to the
# full parser.
_UNSAFE = re.compile("[\x00-\x08\t\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# ``key:`` then a space or the end of the line.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*) *:(?: +|$)")
# One-line quoted scalars, each escape one YAML knows; a comment may follow.
_DOUBLE = re.compile(
    r'"((?:[^"\\]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre "/\\N_LP]))*)"'
    r"(?: +#.*)?$"
)
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?$")
# Plain scalars: a safe first character, no ": ", no " #", not ending in ":".
_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_END_COMMENT = re.compile(r" +#.*$| +$")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre \"/\\N_LP])")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_MAX_DEPTH = 64  # deeper front matter is no real article: the full parser decides


class _Fallback(Exception):
    """The input is outside the subset."""


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _ESCAPES[code]
    point = int(code[1:], 16)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        raise _Fallback  # not a character: the full parser reports it
    return chr(point)


class _Line:
    __slots__ = ("content", "indent", "start")

    def __init__(self, indent: int, start: int, content: str) -> None:
        self.indent = indent  # column of the first character of ``content``
        self.start = start  # offset of that character in the text
        self.content = content  # the line from ``indent`` on, without the line break


def scan(text: str) -> Node | None:
    """The tree of ``text`` if it is in the subset, else ``None``.

    An empty front matter gives an empty mapping.
    """
    if _UNSAFE.search(text) or "\r" in text.replace("\r\n", "\n"):
        return None
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        content = raw.rstrip("\r")
        stripped = content.lstrip(" ")
        if stripped and stripped[0] != "#":
            indent = len(content) - len(stripped)
            lines.append(_Line(indent, offset + indent, stripped.rstrip(" ")))
        offset += len(raw) + 1
    if not lines:
        return Mapping([], 0, 0, flow=False)
    try:
        parser = _Parser(lines)
        if lines[0].indent != 0:
            return None
        node = parser.mapping(0, 0)
        if parser.index != len(lines):
            return None
    except _Fallback:
        return None
    return node


class _Parser:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.index = 0

    def mapping(self, indent: int, depth: int) -> Mapping:
        if depth > _MAX_DEPTH:
            raise _Fallback
        lines = self.lines
        items: list[tuple[Scalar, Node]] = []
        start = lines[self.index].start
        while self.index < len(lines):
            line = lines[self.index]
            if line.indent != indent:
                if line.indent > indent:
                    raise _Fallback
                break
            match = _KEY.match(line.content)
            if match is None:
                raise _Fallback
            key_text = match.group(1)
            key = Scalar(key_text, PLAIN, line.start, line.start + len(key_text))
            rest = line.content[match.end() :]
            self.index += 1
            if rest:
                value: Node = self.scalar(rest, line.start + match.end())
                if self.index < len(lines) and lines[self.index].indent > indent:
                    raise _Fallback  # a multi-line scalar
            else:
                value = self.nested(indent, line.start + match.end(), depth)
            items.append((key, value))
        end = _end(items[-1][1])
        return Mapping(items, start, end, flow=False)

    def nested(self, indent: int, after_colon: int, depth: int) -> Node:
        """The block under ``key:``: a mapping, a sequence, or nothing (null)."""
        lines = self.lines
        if self.index < len(lines):
            line = lines[self.index]
            is_item = line.content == "-" or line.content.startswith("- ")
            if line.indent > indent:
                if is_item:
                    return self.sequence(line.indent, depth + 1)
                return self.mapping(line.indent, depth + 1)
            if line.indent == indent and is_item:
                return self.sequence(indent, depth + 1)
        return Scalar("", PLAIN, after_colon, after_colon)

    def sequence(self, indent: int, depth: int) -> Sequence:
        if depth > _MAX_DEPTH:
            raise _Fallback
        lines = self.lines
        items: list[Node] = []
        start = lines[self.index].start
        while self.index < len(lines):
            line = lines[self.index]
            if line.indent != indent or not line.content.startswith("- "):
                if line.indent > indent or (line.indent == indent and line.content == "-"):
                    raise _Fallback
                break
            rest = line.content[2:]
            skipped = len(rest) - len(rest.lstrip(" "))
            rest = rest[skipped:]
            column = indent + 2 + skipped
            if _KEY.match(rest):
                # ``- key: value``: the item is a mapping whose first line starts here.
                self.lines[self.index] = _Line(column, line.start + 2 + skipped, rest)
                items.append(self.mapping(column, depth + 1))
            else:
                self.index += 1
                items.append(self.scalar(rest, line.start + 2 + skipped))
                if self.index < len(lines) and lines[self.index].indent > indent:
                    raise _Fallback
        return Sequence(items, start, _end(items[-1]), flow=False)

    def scalar(self, text: str, start: int) -> Scalar:
        first = text[0]
        if first == '"':
            match = _DOUBLE.match(text)
            if match is None:
                raise _Fallback
            raw = match.group(1)
            value = _ESCAPE.sub(_unescape, raw) if "\\" in raw else raw
            return Scalar(value, DOUBLE, start, start + len(raw) + 2)
        if first == "'":
            match = _SINGLE.match(text)
            if match is None:
                raise _Fallback
            raw = match.group(1)
            return Scalar(raw.replace("''", "'"), SINGLE, start, start + len(raw) + 2)
        if first in _PLAIN_START_FORBIDDEN and not (first in "-?:" and len(text) > 1 and text[1] != " "):
            raise _Fallback
        if " #" in text or text.endswith(" "):
            text = _PLAIN_END_COMMENT.sub("", text)
        if ": " in text or text.endswith(":"):
            raise _Fallback
        return Scalar(text, PLAIN, start, start + len(text))


def _end(node: Node) -> int:
    return node.end
