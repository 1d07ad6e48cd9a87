"""House style: how articlefm writes a value that has no text yet.

Keys in schema order, free text and URLs double-quoted, other strings plain
when YAML reads them back as the same string, indent 2 (list items too), a
blank line before the fields the schema marks, ``Z`` for UTC, no wrapping.
New documents are written whole in this style; an edit writes only its new
values with it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import attrs

from ._resolve import ResolveError, format_timestamp, resolve_plain
from ._scan import plain_fits
from ._schema import list_item, optional_inner, spec
from ._secured import Secured
from ._tree import DOUBLE, PLAIN, SINGLE

# Characters a double-quoted scalar escapes: controls, YAML line breaks, BOM, surrogates.
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t",
                  "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e"}  # fmt: skip
_PLAIN_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_SINGLE_UNSAFE = re.compile("['\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# Plain scalars YAML 1.1 types but YAML 1.2 does not: booleans, base-60 numbers, dotted numbers
# (YAML 1.1 reads "1.2.3" as a float), the merge key and the value key.
_YAML_1_1_TYPED = re.compile(
    r"""(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|<<|=
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    |[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?)\Z""",
    re.X,
)
# A plain scalar that starts a line (a key at the root) and begins with a document marker ends the document there.
_DOCUMENT_MARKERS = ("--- ", "... ")


class Unwritable(TypeError):
    """A value YAML cannot hold: a model's problem (lists change in place unchecked), which the writer names."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def double_quoted(value: str) -> str:
    r"""``value`` as a one-line double-quoted scalar.

    >>> print(double_quoted('He said "hi"\n'))
    "He said \"hi\"\n"
    """
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def plain_reads_back(value: str, in_flow: bool = False) -> bool:
    """Whether ``value`` written plain reads back as the same string in any YAML reader.

    articlefm would read ``123`` in a ``str`` field as text, but other readers
    would not, so such values are quoted; so are the words YAML 1.1 readers
    (Jekyll's among them) type: ``yes``, ``off``, ``1:20``, ``<<``, ``=``.

    >>> plain_reads_back("news"), plain_reads_back("123"), plain_reads_back("yes"), plain_reads_back("<<")
    (True, False, False, False)
    """
    if not plain_fits(value, in_flow) or _PLAIN_UNSAFE.search(value) or _YAML_1_1_TYPED.match(value):
        return False
    if value.startswith(_DOCUMENT_MARKERS):
        return False
    try:
        return isinstance(resolve_plain(value), str)
    except ResolveError:  # looks like a value of another type but is not a valid one (30 February): quote it
        return False


def scalar(value: Any, tp: Any = Any, quoted: bool = False, style: str | None = None, in_flow: bool = False) -> str:
    """One scalar's text. ``style`` is the style of the text it replaces, or of its neighbours.

    >>> scalar(38), scalar(True), scalar("news"), scalar("A title", str, quoted=True)
    ('38', 'true', 'news', '"A title"')
    """
    if isinstance(value, Secured):
        value = str(value)
    if isinstance(value, str):
        if style == SINGLE and not _SINGLE_UNSAFE.search(value):
            return f"'{value}'"
        if (style == PLAIN or (style is None and not quoted)) and plain_reads_back(value, in_flow):
            return value
        return double_quoted(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if "." in text or "e" in text else text + ".0"
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise Unwritable(f"cannot write a {type(value).__name__} value")


# A block scalar's header: its style, then indentation and chomping indicators in either order, then a comment.
_BLOCK_HEADER = re.compile(r"([|>])([1-9]?)([-+]?)([1-9]?)(.*)")
# What a block scalar cannot hold: the characters a double-quoted scalar escapes, but tab and line feed.
_BLOCK_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def block(value: Any, header: str, indent: int, newline: str) -> str | None:
    r"""``value`` as a block scalar like the one whose ``header`` (``|``, ``>-``, ``|2 # note``...) it replaces.

    Its lines are at ``indent``; the text ends with a newline. The style is
    kept, but a folded one becomes literal for text of several lines (folding
    would join them), and the chomping indicator says how many line breaks
    the text ends with. ``None`` if no block scalar can hold the text.

    >>> print(block("one\ntwo\n", "|", 2, "\n"), end="")
    |
      one
      two
    >>> block("one", ">  # note", 4, "\n")
    '>-  # note\n    one\n'
    >>> block(" leading space", "|", 2, "\n") is None
    True
    """
    if isinstance(value, Secured):
        value = str(value)
    if not isinstance(value, str) or _BLOCK_UNSAFE.search(value):
        return None
    match = _BLOCK_HEADER.match(header)
    if match is None:
        return None
    style, digit_before, _, digit_after, rest = match.groups()
    text = value.rstrip("\n")
    lines = text.split("\n")
    explicit = any(char.isdigit() for char in digit_before + digit_after)
    if not text or (lines[0][:1] in (" ", "\t") and not explicit) or any(line.isspace() for line in lines):
        return None  # its indentation could not be told from the text's own
    if style == ">" and len(lines) > 1:
        style = "|"
    breaks = len(value) - len(text)
    chomping = "-" if breaks == 0 else "" if breaks == 1 else "+"
    body = "".join((" " * indent + line if line else "") + newline for line in lines)
    return style + digit_before + chomping + digit_after + rest + newline + body + newline * max(breaks - 1, 0)


def _field_types(tp: Any, value: dict[str, Any]) -> dict[str, tuple[Any, bool, bool]]:
    """For each key of a mapping: its type, whether quoted, whether a blank line goes before."""
    tp = optional_inner(tp) or tp
    if attrs.has(tp):
        fields = spec(tp).by_key
        return {
            key: (fields[key].type, fields[key].quoted, fields[key].blank_line_before)
            if key in fields
            else (Any, False, False)
            for key in value
        }
    return dict.fromkeys(value, (Any, False, False))


def item_type(tp: Any) -> Any:
    tp = optional_inner(tp) or tp
    return list_item(tp) or Any


def entry(key: str, value: Any, tp: Any, quoted: bool, indent: int, newline: str) -> str:
    """``key: value`` lines at ``indent``, ending with a newline."""
    return " " * indent + scalar(key) + ":" + after_key(value, tp, quoted, indent, newline) + newline


def after_key(value: Any, tp: Any, quoted: bool, indent: int, newline: str) -> str:
    """What follows ``key:``: `` scalar``, or a newline and the block below."""
    if isinstance(value, dict) and value:
        return newline + mapping_lines(value, tp, indent + 2, newline).removesuffix(newline)
    if isinstance(value, list) and value:
        return newline + sequence_lines(value, tp, indent + 2, newline).removesuffix(newline)
    if isinstance(value, (dict, list)):
        return " {}" if isinstance(value, dict) else " []"
    return " " + scalar(value, optional_inner(tp) or tp, quoted)


def mapping_lines(value: dict[str, Any], tp: Any, indent: int, newline: str, first_indent: int | None = None) -> str:
    """A block mapping's lines; the first line indented by ``first_indent`` if given."""
    parts = []
    types = _field_types(tp, value)
    for position, (key, item) in enumerate(value.items()):
        item_tp, quoted, blank = types[key]
        if blank and position:
            parts.append(newline)
        line = entry(key, item, item_tp, quoted, indent, newline)
        if position == 0 and first_indent is not None:
            line = " " * first_indent + line[indent:]
        parts.append(line)
    return "".join(parts)


def sequence_lines(value: list[Any], tp: Any, indent: int, newline: str, first_indent: int | None = None) -> str:
    """A block sequence's lines, items at ``indent``."""
    parts = []
    for position, item in enumerate(value):
        prefix = " " * (indent if position or first_indent is None else first_indent) + "- "
        parts.append(prefix + inline(item, item_type(tp), indent + 2, newline) + newline)
    return "".join(parts)


def inline(value: Any, tp: Any, column: int, newline: str, quoted: bool = False) -> str:
    """A value whose first line starts at ``column`` (after ``- ``); no final newline."""
    if isinstance(value, dict) and value:
        return mapping_lines(value, tp, column, newline, first_indent=0).removesuffix(newline)
    if isinstance(value, list) and value:
        return sequence_lines(value, tp, column, newline, first_indent=0).removesuffix(newline)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return scalar(value, optional_inner(tp) or tp, quoted)


def flow(value: Any, tp: Any = Any, style: str | None = None) -> str:
    """A value in flow style (``[a, b]``, ``{k: v}``); strings in ``style`` where they can be."""
    if isinstance(value, dict):
        types = _field_types(tp, value)
        return (
            "{" + ", ".join(f"{scalar(k, in_flow=True)}: {flow(v, types[k][0], style)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, item_type(tp), style) for item in value) + "]"
    return scalar(value, optional_inner(tp) or tp, style=DOUBLE if style is None else style, in_flow=True)


def flow_writable(value: Any) -> bool:
    """Whether :func:`flow` writes ``value`` so that it reads back: a timestamp's colons end a plain scalar in a
    flow collection (ruamel.yaml reads YAML 1.1 there), and quoted it would be a string.

    >>> flow_writable(["news", 1, dt.date(2024, 5, 1)]), flow_writable({"at": dt.datetime(2024, 5, 1, 9, 30)})
    (True, False)
    """
    if isinstance(value, dict):
        return all(flow_writable(item) for item in value.values())
    if isinstance(value, list):
        return all(flow_writable(item) for item in value)
    return not isinstance(value, dt.datetime)


def front_matter(data: dict[str, Any], tp: Any, newline: str = "\n") -> str:
    """A whole front matter (without delimiters) in house style."""
    return mapping_lines(data, tp, 0, newline)
