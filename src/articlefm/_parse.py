"""Parse front-matter text into the source tree, and the tree into plain data.

The fast scanner reads the subset real files use; anything else goes to
ruamel.yaml's composer (the C one when it is installed), whose nodes are
turned into the same tree. Either way, :func:`to_data` turns the tree into
dicts, lists and strings, plain scalars marked as :class:`~._tree.Plain`.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML, nodes
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ._resolve import resolve_plain
from ._scan import scan
from ._tree import DOUBLE, PLAIN, Mapping, Node, Plain, Scalar, Sequence, line_column

Data = Any  # dict[str, Data] | list[Data] | str | Plain

MAX_NESTING = 100
MAX_VALUES = 100_000  # after alias expansion

_STYLES = {None: PLAIN, "": PLAIN, '"': DOUBLE, "'": "'", "|": "|", ">": ">"}
_TAGGED = re.compile(r"(?:&\S+\s+)?!")


class Problems(Exception):
    """Problems found in front-matter text, each ``(offset, path, message)``."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def parse(text: str) -> Node:
    """The source tree of ``text``; :class:`Problems` if it is not YAML."""
    tree = scan(text)
    if tree is None:
        tree = _parse_full(text)
    return tree


def _parse_full(text: str) -> Node:
    yaml = YAML(typ="safe")
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        offset = _offset(text, mark.line, mark.column) if mark is not None else 0
        raise Problems([(offset, "", f"invalid YAML: {message}")]) from None
    except (YAMLError, RecursionError) as exc:
        raise Problems([(0, "", f"invalid YAML: {exc}")]) from None
    if root is None:
        return Mapping([], 0, 0, flow=False)
    return _Converter(text).node(root, 0)


def _offset(text: str, line: int, column: int) -> int:
    """Offset of a 0-based line and column."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + column, len(text))


class _Converter:
    """ruamel.yaml nodes to source-tree nodes; aliases keep pointing to one node."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[int, Node] = {}

    def node(self, node: nodes.Node, depth: int) -> Node:
        known = self.seen.get(id(node))
        if known is not None:
            return known
        start = node.start_mark.index
        if depth > MAX_NESTING:
            raise Problems([(start, "", f"expected at most {MAX_NESTING} levels of nesting")])
        if _TAGGED.match(self.text, start):
            raise Problems([(start, "", "expected no YAML tag, found one (tags are not supported)")])
        converted: Node
        if isinstance(node, nodes.ScalarNode):
            style = _STYLES.get(node.style, PLAIN)
            converted = Scalar(node.value, style, start, node.end_mark.index)
        elif isinstance(node, nodes.MappingNode):
            flow = bool(node.flow_style)
            mapping = Mapping([], start, node.end_mark.index, flow)
            self.seen[id(node)] = mapping
            for key, value in node.value:
                key_node = self.node(key, depth + 1)
                if not isinstance(key_node, Scalar):
                    raise Problems([(key.start_mark.index, "", "expected a string key, found a collection")])
                mapping.items.append((key_node, self.node(value, depth + 1)))
            if not flow:
                mapping.end = mapping.items[-1][1].end if mapping.items else start
            converted = mapping
        else:
            assert isinstance(node, nodes.SequenceNode)
            flow = bool(node.flow_style)
            sequence = Sequence([], start, node.end_mark.index, flow)
            self.seen[id(node)] = sequence
            sequence.items.extend(self.node(item, depth + 1) for item in node.value)
            if not flow:
                sequence.end = sequence.items[-1].end if sequence.items else start
            converted = sequence
        self.seen[id(node)] = converted
        return converted


def to_data(tree: Node, text: str, first_line: int = 1) -> Data:
    """Plain data from the tree: dicts, lists, ``str`` and :class:`Plain`.

    Aliases are expanded into copies (at most :data:`MAX_VALUES` values), keys
    must be strings and unique. Every problem is collected before raising.
    ``first_line`` is the file line of the text's first line, for messages.
    """
    problems: list[tuple[int, str, str]] = []
    budget = [MAX_VALUES]
    data = _data(tree, "", text, problems, budget, first_line - 1)
    if problems:
        raise Problems(problems)
    return data


def _data(
    node: Node, path: str, text: str, problems: list[tuple[int, str, str]], budget: list[int], lines_before: int
) -> Data:
    budget[0] -= 1
    if budget[0] < 0:
        if budget[0] == -1:
            problems.append((node.start, path, f"expected at most {MAX_VALUES:,} values after expanding aliases"))
        return None
    if isinstance(node, Scalar):
        return Plain(node.value) if node.style == PLAIN else node.value
    if isinstance(node, Sequence):
        return [
            _data(item, f"{path}[{index}]", text, problems, budget, lines_before)
            for index, item in enumerate(node.items)
        ]
    result: dict[str, Data] = {}
    first_seen: dict[str, int] = {}
    for key, value in node.items:
        name = key.value
        if key.style == PLAIN:
            resolved = resolve_plain(name)
            if not isinstance(resolved, str) or name == "<<":
                what = "a merge key '<<'" if name == "<<" else f"{type(resolved).__name__} {name!r}"
                problems.append((key.start, path, f"expected a string key, found {what}"))
                continue
        child = f"{path}.{name}" if path else name
        if name in first_seen:
            first = line_column(text, first_seen[name])[0] + lines_before
            problems.append((key.start, child, f"duplicate key, first defined on line {first}"))
            continue
        first_seen[name] = key.start
        result[name] = _data(value, child, text, problems, budget, lines_before)
    return result
