"""Parse front-matter text into the source tree, and the tree into plain data.

The fast reader (:mod:`._scan`) reads the subset front matter is written in;
anything else goes to ruamel.yaml's parser (the C one when it is installed).
Its event stream is composed into the same tree here, without recursion, so hostile nesting
stops at the depth limit instead of exhausting the stack; a tag other than the
core schema's is refused before anything is built from it. Either way,
:func:`to_data` turns the tree into dicts, lists and strings, plain scalars
marked as :class:`~._tree.Plain`. A load that has nothing to place (no problem
in the text) needs the data alone: :func:`parse_data` reads the events straight
into it, and declines anything the tree's walk would report or must decide.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

from ruamel.yaml import YAML, events
from ruamel.yaml.error import MarkedYAMLError, YAMLError

try:  # libyaml's parser, which ruamel.yaml.clib wraps: events without a YAML() object (its set-up costs more)
    from _ruamel_yaml import CParser
except ImportError:  # no clib (not CPython): ruamel.yaml's own parser
    CParser = None

from ._limits import DEFAULT, Limits
from ._resolve import ResolveError, resolve_plain
from ._scan import MAYBE_TYPED, _normalized, scan
from ._track import TrackedDict, TrackedList
from ._tree import DOUBLE, PLAIN, Mapping, Node, Plain, Scalar, Sequence, line_column
from ._validate import describe, is_int

Data = Any  # dict[str, Data] | list[Data] | str | Plain

_STYLES = {None: PLAIN, "": PLAIN, '"': DOUBLE, "'": "'", "|": "|", ">": ">"}
# The YAML core schema's tags (YAML 1.2, 10.3): they construct nothing but what an untagged
# value can be. Any other tag is refused. ``!`` (the non-specific tag) makes a string.
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + name: name for name in ("str", "int", "float", "bool", "null")} | {"!": "str"}
_COLLECTION_TAGS = {_CORE + "seq": events.SequenceStartEvent, _CORE + "map": events.MappingStartEvent}
_KINDS: dict[Any, str] = {
    events.ScalarEvent: "a scalar",
    events.SequenceStartEvent: "a sequence",
    events.MappingStartEvent: "a mapping",
}
ACCEPTED_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!seq, !!map"
# An anchor or a tag, and the blanks and comments after it, before a node's own text.
_PROPERTY = re.compile(r"[&!]\S*(?:\s|#[^\n]*)*")


class Problems(Exception):
    """Problems found in front-matter text, each ``(offset, path, message)``."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def depth_message(limits: Limits) -> str:
    return f"expected at most {limits.max_depth} levels of nesting (Limits.max_depth)"


def parse(text: str, limits: Limits = DEFAULT) -> Node:
    """The source tree of ``text``; :class:`Problems` if it is not YAML."""
    tree = scan(text, limits.max_depth)
    if tree is None:
        tree = parse_full(text, limits)
    return tree


def parse_full(text: str, limits: Limits = DEFAULT) -> Node:
    """The source tree of ``text`` by ruamel.yaml's parser, whatever YAML it is; :class:`Problems` if it is not.

    >>> tree = parse_full("tags: &t [a, b]\\ncopy: *t\\n")
    >>> tree.items[1][1] is tree.items[0][1], tree.items[0][1].flow
    (True, True)
    """
    _check_characters(text)
    try:
        return _compose(_events(text), limits, text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        # The index, not ruamel's line and column: it counts NEL and U+2028 as line breaks.
        offset = min(mark.index, len(text)) if mark is not None else 0
        raise Problems([(offset, "", f"invalid YAML: {message}")]) from None
    except YAMLError as exc:
        raise Problems([(0, "", f"invalid YAML: {exc}")]) from None


def _events(text: str) -> Iterator[Any]:
    """The parser's events for ``text``."""
    if CParser is None:
        return iter(YAML(typ="safe").parse(text))
    return iter(CParser(text).get_event, None)  # no generator: one C call per event


# What YAML does not allow anywhere in a stream: C0 and C1 controls but tab, line feed, carriage
# return and NEL; DEL; surrogates; the non-characters U+FFFE and U+FFFF.
_UNACCEPTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _check_characters(text: str) -> None:
    """Refuse characters YAML does not allow, at their own position (ruamel.yaml cannot take surrogates)."""
    if _normalized(text) is not None:
        return  # the reader's quicker check refuses more (tab, NEL, U+2028...): these are fine
    found = _UNACCEPTABLE.search(text)
    if found is not None:
        code = ord(found.group())
        kind = "special" if code >= 0xD800 else "control"
        message = f"invalid YAML: unacceptable character #x{code:04x}: {kind} characters are not allowed"
        raise Problems([(found.start(), "", message)])


def _core_tag(event: Any, start: int, path: str) -> str | None:
    """The core-schema name of a node's tag (``"int"``); :class:`Problems` for any other tag or a misplaced one."""
    tag = event.tag
    if isinstance(event, events.ScalarEvent) and tag in _SCALAR_TAGS:
        return _SCALAR_TAGS[tag]
    if _COLLECTION_TAGS.get(tag) is type(event):
        return None  # it says what the node is anyway
    written = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag if tag.startswith("!") else f"!<{tag}>"
    if tag in _SCALAR_TAGS or tag in _COLLECTION_TAGS:
        expected = _KINDS.get(_COLLECTION_TAGS.get(tag), "a scalar")
        raise Problems([(start, path, f"expected {expected} after the tag {written}, found {_KINDS[type(event)]}")])
    message = f"expected no YAML tag but the core schema's ({ACCEPTED_TAGS}), found {written}"
    raise Problems([(start, path, message)])


def _own_start(text: str, start: int, end: int) -> int:
    """Where a node's own text starts: after its anchor and tag, at most at its end (an empty value)."""
    while start < end and text[start] in "&!":
        start = _PROPERTY.match(text, start).end()  # type: ignore[union-attr]  # it matches at & and !
    return min(start, end)


def _compose(stream: Any, limits: Limits, stream_text: str) -> Node:
    """The tree of the one document in an event stream; aliases share their anchor's node.

    The hot loop of the full parser: one ``type()`` look-up per event, the common scalar added to its
    collection inline, tags and anchors (rare) on a side path.
    """
    anchors: dict[str, Node] = {}
    open_anchors: set[str] = set()
    # Open collections, each with the key waiting for its value (mappings only).
    stack: list[list[Any]] = []  # [node, anchor, pending key]
    root: Node | None = None
    documents = 0
    max_depth = limits.max_depth
    styles = _STYLES
    for event in stream:
        kind = type(event)
        node: Node
        if kind is _ScalarEvent:
            start = event.start_mark.index
            end = event.end_mark.index
            anchor = event.anchor
            if event.ctag is None and anchor is None:
                if len(stack) > max_depth:
                    raise Problems([(start, "", depth_message(limits))])
                node = Scalar(event.value, styles.get(event.style, PLAIN), start, end)
                if stack:  # _attach, inline for the most common event
                    entry = stack[-1]
                    parent = entry[0]
                    if type(parent) is Sequence:
                        parent.items.append(node)
                    elif entry[2] is None:
                        entry[2] = node
                    else:
                        parent.items.append((entry[2], node))
                        entry[2] = None
                    continue
            else:
                tag = None if event.ctag is None else _core_tag(event, start, _next_path(stack))
                if len(stack) > max_depth:
                    raise Problems([(start, "", depth_message(limits))])
                start = _own_start(stream_text, start, end)
                node = Scalar(event.value, styles.get(event.style, PLAIN), start, end, tag)
                if anchor is not None:
                    anchors[anchor] = node
        elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
            start = event.start_mark.index
            if event.ctag is not None:
                _core_tag(event, start, _next_path(stack))
            if len(stack) > max_depth:
                raise Problems([(start, "", depth_message(limits))])
            anchor = event.anchor
            if anchor is not None or event.ctag is not None:
                start = _own_start(stream_text, start, event.end_mark.index)
            flow = bool(event.flow_style)
            node = Mapping([], start, start, flow) if kind is _MappingStartEvent else Sequence([], start, start, flow)
            if root is None:
                root = node
            _attach(stack, node)
            if anchor is not None:
                open_anchors.add(anchor)
            stack.append([node, anchor, None])
            continue
        elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
            collection, anchor, _ = stack.pop()
            if collection.flow:
                collection.end = event.end_mark.index
            elif collection.items:
                last = collection.items[-1]
                collection.end = (last[1] if type(collection) is Mapping else last).end
            if anchor is not None:  # an alias may use it from now on
                open_anchors.discard(anchor)
                anchors[anchor] = collection
            continue
        elif kind is _AliasEvent:
            start = event.start_mark.index
            if event.anchor in open_anchors:
                raise Problems([(start, "", f"expected no alias inside its own anchor, found *{event.anchor}")])
            found = anchors.get(event.anchor)
            if found is None:
                raise Problems([(start, "", f"expected an anchor &{event.anchor} before its alias")])
            node = found
        elif kind is _DocumentStartEvent:
            documents += 1
            if documents > 1:
                start = event.start_mark.index
                raise Problems([(start, "", "expected one YAML document in the front matter, found a second")])
            continue
        else:
            continue  # the stream's start and end, a document's end
        if root is None:
            root = node
        _attach(stack, node)
    return root if root is not None else Mapping([], 0, 0, flow=False)


_ScalarEvent = events.ScalarEvent
_MappingStartEvent, _MappingEndEvent = events.MappingStartEvent, events.MappingEndEvent
_SequenceStartEvent, _SequenceEndEvent = events.SequenceStartEvent, events.SequenceEndEvent
_AliasEvent, _DocumentStartEvent = events.AliasEvent, events.DocumentStartEvent


def _attach(stack: list[list[Any]], node: Node) -> None:
    """Add a node to the collection that holds it."""
    if not stack:
        return
    entry = stack[-1]
    parent = entry[0]
    if isinstance(parent, Sequence):
        parent.items.append(node)
    elif entry[2] is None:
        if not isinstance(node, Scalar):
            raise Problems([(node.start, _open_path(stack), "expected a string key, found a collection")])
        entry[2] = node
    else:
        parent.items.append((entry[2], node))
        entry[2] = None


def _open_path(stack: list[list[Any]]) -> str:
    """The path of the innermost open collection, as messages spell it."""
    path = ""
    for parent, _, _ in stack[:-1]:  # each holds the next as its last item
        if isinstance(parent, Sequence):
            path += f"[{len(parent.items) - 1}]"
        else:
            key = parent.items[-1][0].value
            path += f".{key}" if path else key
    return path


def _next_path(stack: list[list[Any]]) -> str:
    """The path of the node about to be added to the innermost open collection (a key: its mapping's)."""
    if not stack:
        return ""
    path = _open_path(stack)
    parent, _, key = stack[-1]
    if isinstance(parent, Sequence):
        return f"{path}[{len(parent.items)}]"
    if key is None:
        return path
    return f"{path}.{key.value}" if path else key.value


# The styles of a scalar that is not plain (any other is read as plain, as _STYLES reads it).
_NOT_PLAIN = frozenset(('"', "'", "|", ">"))
_ITEM = object()  # what a sequence waits for, where a mapping waits for a key or its value (see parse_data)


def parse_data(text: str, limits: Limits = DEFAULT, *, typed: bool = False) -> Data | None:
    """What ``to_data(parse_full(text))`` gives, read from the parser's events without a tree; ``None`` if that
    would report a problem, or the text has what only the tree's walk reads (a tag, a key that may not be a
    plain string, characters the fast reader refuses), or is not a mapping.

    The full path of a text the fast reader leaves, when nothing is wrong: nothing to place, so no spans.
    ``typed`` data is typed as :func:`._scan.scan_data` types it (what ``schema=None`` loads).

    >>> parse_data("tags: &t [a, b]\\ncopy: *t\\n")
    {'tags': ['a', 'b'], 'copy': ['a', 'b']}
    >>> parse_data("a: 1\\na: 2\\n") is None  # a repeated key: the slow path reports it
    True
    """
    if _normalized(text) is None:
        return None
    # What a plain scalar becomes: marked Plain, or typed (one that can be nothing but a string stays as it is).
    scalar: Callable[[str], Any] = resolve_plain if typed else Plain
    max_depth = limits.max_depth
    budget = limits.max_values  # values left, aliases expanded (as to_data counts them)
    anchors: dict[str, Data] = {}
    # Open collections, each [dict or list, the key waiting for its value (None: a key is next; _ITEM in a
    # sequence), its anchor]; the innermost also as ``entry``, with its depth (the root mapping's is 0).
    stack: list[list[Any]] = []
    entry: list[Any] = [None, _ITEM, None]  # the stream, which holds the root
    depth = -1
    root: Data = TrackedDict() if typed else {}  # an empty document's
    documents = 0
    try:
        for event in _events(text):
            kind = type(event)
            if kind is _ScalarEvent:
                if event.ctag is not None or depth < 0:
                    return None  # a tag; a scalar at the root (not a mapping)
                value = event.value
                key = entry[1]
                if key is None:
                    if event.style not in _NOT_PLAIN and (
                        not value
                        or value == "<<"
                        or (value[0] in MAYBE_TYPED and type(resolve_plain(value)) is not str)
                    ):
                        return None  # not a string key: the tree's walk reports it
                    if event.anchor is not None or value in entry[0]:
                        return None
                    entry[1] = value
                    continue
                if event.style not in _NOT_PLAIN and (not typed or not value or value[0] in MAYBE_TYPED):
                    value = scalar(value)
                if event.anchor is not None:
                    anchors[event.anchor] = value
                budget -= 1
                if depth >= max_depth:
                    return None
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                if event.ctag is not None or depth >= max_depth or entry[1] is None:
                    return None  # a tag; too deep; a collection as a key
                stack.append(entry)
                entry = [{}, None, event.anchor] if kind is _MappingStartEvent else [[], _ITEM, event.anchor]
                depth += 1
                budget -= 1
                continue
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                value, _, anchor = entry
                if typed:
                    value = TrackedDict(value) if value.__class__ is dict else TrackedList(value)
                if anchor is not None:
                    anchors[anchor] = value
                entry = stack.pop()
                depth -= 1
                if depth < 0:
                    root = value
                    continue
                key = entry[1]
            elif kind is _AliasEvent:
                key = entry[1]
                if depth < 0 or key is None or event.anchor not in anchors:
                    return None  # an alias at the root, as a key, or of an open or unknown anchor
                value, count = _expanded(anchors[event.anchor], depth + 1, max_depth)
                budget -= count
                if budget < 0:
                    return None
            elif kind is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return None
                continue
            else:
                continue  # the stream's start and end, a document's end
            if key is _ITEM:  # add the value to its collection
                entry[0].append(value)
            else:
                entry[0][key] = value
                entry[1] = None
    except (YAMLError, ValueError, OverflowError, _TooDeep):  # invalid YAML, a value that is not valid
        return None
    return root if isinstance(root, dict) and budget >= 0 else None


class _TooDeep(Exception):
    """An alias expands deeper than the depth limit."""


def _expanded(value: Data, depth: int, max_depth: int) -> tuple[Data, int]:
    """A copy of an anchor's data for one of its aliases at ``depth``, and how many values it holds."""
    if depth > max_depth:
        raise _TooDeep
    if isinstance(value, dict):
        count, copy = 1, {}
        for key, item in value.items():
            copy[key], counted = _expanded(item, depth + 1, max_depth)
            count += counted
        return type(value)(copy), count
    if isinstance(value, list):
        count, items = 1, []
        for item in value:
            item, counted = _expanded(item, depth + 1, max_depth)
            items.append(item)
            count += counted
        return type(value)(items), count
    return value, 1


class KeyProblems(Problems):
    """Only keys were wrong (repeated, or not strings); ``data`` holds everything else."""

    def __init__(self, problems: list[tuple[int, str, str]], data: Data) -> None:
        super().__init__(problems)
        self.data = data


def to_data(tree: Node, text: str, first_line: int = 1, limits: Limits = DEFAULT) -> Data:
    """Plain data from the tree: dicts, lists, ``str`` and :class:`Plain`.

    Aliases are expanded into copies (within ``limits``), keys must be strings
    and unique. Every problem is collected before raising: :class:`KeyProblems`
    if the only ones are bad keys (left out of its data, which can still be
    checked), else :class:`Problems`. ``first_line`` is the file line of the
    text's first line, for messages.
    """
    walk = _Walk(text, limits, first_line - 1)
    data = walk.data(tree, "", 0)
    if walk.problems:
        raise Problems(walk.problems + walk.key_problems)
    if walk.key_problems:
        raise KeyProblems(walk.key_problems, data)
    return data


class _Walk:
    def __init__(self, text: str, limits: Limits, lines_before: int) -> None:
        self.text = text
        self.problems: list[tuple[int, str, str]] = []
        self.key_problems: list[tuple[int, str, str]] = []
        self.limits = limits
        self.budget = limits.max_values
        self.lines_before = lines_before
        self.too_deep = False

    def data(self, node: Node, path: str, depth: int) -> Data:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                message = f"expected at most {self.limits.max_values:,} values after expanding aliases"
                self.problems.append((node.start, path, message + " (Limits.max_values)"))
            return None
        if depth > self.limits.max_depth:  # aliases can nest what the parser saw as shallow
            if not self.too_deep:
                self.too_deep = True
                self.problems.append((node.start, path, depth_message(self.limits)))
            return None
        if isinstance(node, Scalar):
            try:
                return scalar_data(node)
            except ValueError as exc:
                self.problems.append((node.start, path, str(exc)))
                return None
        # A child that is an untagged scalar within the limits is its data at once: no path, no call (the hot
        # loop of the full path); anything else is read by this method, with its path for messages.
        simple = self.budget > 0 and depth < self.limits.max_depth
        if isinstance(node, Sequence):
            items = []
            for index, item in enumerate(node.items):
                if simple and type(item) is Scalar and item.tag is None:
                    self.budget -= 1
                    simple = self.budget > 0
                    items.append(Plain(item.value) if item.style == PLAIN else item.value)
                else:
                    items.append(self.data(item, f"{path}[{index}]", depth + 1))
                    simple = self.budget > 0
            return items
        result: dict[str, Data] = {}
        first_seen: dict[str, int] = {}
        for key, value in node.items:
            name = key.value
            if key.tag is None and (key.style != PLAIN or (name and name[0] not in MAYBE_TYPED and name != "<<")):
                pass  # a string, whatever its text: quoted, or plain but not typed
            else:
                try:
                    meant = scalar_data(key)
                    resolved = resolve_plain(meant) if type(meant) is Plain else meant
                except ValueError as exc:  # looks like a number or a timestamp, but is not a valid one
                    self.key_problems.append((key.start, path, f"expected a string key: {exc}"))
                    continue
                if not isinstance(resolved, str) or (type(meant) is Plain and name == "<<"):
                    what = "a merge key '<<'" if name == "<<" else describe(resolved)
                    self.key_problems.append((key.start, path, f"expected a string key, found {what}"))
                    continue
            if name in first_seen:
                child = f"{path}.{name}" if path else name
                first = line_column(self.text, first_seen[name])[0] + self.lines_before
                self.key_problems.append((key.start, child, f"duplicate key, first defined on line {first}"))
                continue
            first_seen[name] = key.start
            if simple and type(value) is Scalar and value.tag is None:
                self.budget -= 1
                simple = self.budget > 0
                result[name] = Plain(value.value) if value.style == PLAIN else value.value
            else:
                result[name] = self.data(value, f"{path}.{name}" if path else name, depth + 1)
                simple = self.budget > 0
        return result


def scalar_data(node: Scalar) -> Data:
    """What a scalar means before a schema types it.

    A quoted, block or ``!!str`` scalar is a ``str``; a plain one is :class:`Plain`
    text, typed later; so is a scalar tagged ``!!int``, ``!!float``, ``!!bool`` or
    ``!!null`` whose text means a value of that type (quoted or not), except an
    integer's text tagged ``!!float``, which is that ``float``. A tagged text of
    another type is a :class:`ValueError`.
    """
    tag = node.tag
    if tag is None:
        return Plain(node.value) if node.style == PLAIN else node.value
    if tag == "str":
        return node.value
    text = node.value
    try:
        value = resolve_plain(text)
    except ResolveError:
        value = text
    if not fits_tag(tag, value):
        raise ValueError(f"expected {_TAGGED[tag][0]} after the tag !!{tag}, found {describe(value)}")
    if tag == "float" and is_int(value):
        return float(typing.cast(int, value))
    return Plain(text)


def fits_tag(tag: str, value: object) -> bool:
    """Whether a value may stand after a scalar's core-schema tag (``!!float`` takes integers too).

    >>> fits_tag("int", 5), fits_tag("int", True), fits_tag("float", 5), fits_tag("str", 5)
    (True, False, True, False)
    """
    return _TAGGED[tag][1](value)


# What each scalar tag needs its value to be.
_TAGGED: dict[str, tuple[str, Callable[[object], bool]]] = {
    "str": ("a string", lambda value: isinstance(value, str)),
    "int": ("an integer", is_int),
    "float": ("a number", lambda value: isinstance(value, float) or is_int(value)),
    "bool": ("true or false", lambda value: isinstance(value, bool)),
    "null": ("null", lambda value: value is None),
}
