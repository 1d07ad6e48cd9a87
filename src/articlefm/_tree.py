"""The source tree: front-matter values with the span and style of their text.

Both parsers (the fast scanner and the full YAML parser) produce this tree. Spans
are offsets into the front-matter text; ``end`` is just past the last character
of the value (for a collection, of its last item). The tree is built to read a
file, to place an error, or to write an edit, and is never kept afterwards.
"""

from __future__ import annotations

from typing import TypeAlias

# Scalar styles as YAML writes them.
PLAIN = ""
DOUBLE = '"'
SINGLE = "'"
LITERAL = "|"
FOLDED = ">"


class Scalar:
    """A scalar's text (decoded), style and span; ``tag`` is its core-schema tag (``"int"``), if it has one.

    The span is the value's own text: an anchor or a tag before it is not part of
    it, so an edit replaces the value and keeps them.
    """

    __slots__ = ("end", "start", "style", "tag", "value")

    def __init__(self, value: str, style: str, start: int, end: int, tag: str | None = None) -> None:
        self.value = value
        self.style = style
        self.start = start
        self.end = end
        self.tag = tag


class Mapping:
    __slots__ = ("end", "flow", "items", "start")

    def __init__(self, items: list[tuple[Scalar, Node]], start: int, end: int, flow: bool) -> None:
        self.items = items
        self.start = start
        self.end = end
        self.flow = flow


class Sequence:
    __slots__ = ("end", "flow", "items", "start")

    def __init__(self, items: list[Node], start: int, end: int, flow: bool) -> None:
        self.items = items
        self.start = start
        self.end = end
        self.flow = flow


Node: TypeAlias = Scalar | Mapping | Sequence


class Plain(str):
    """A plain (unquoted) scalar's text, its type not yet decided.

    YAML types a plain scalar by its text (``38`` is an int, ``true`` a bool);
    the converter decides with the schema in hand, so a ``str`` field gets the
    text as written and every reader resolves the text the same way.
    """

    __slots__ = ()


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset just past the newline of the line holding ``offset`` (or the end)."""
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1
