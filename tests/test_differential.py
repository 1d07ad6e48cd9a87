"""Differential tests: articlefm against ruamel.yaml, and its fast scanner against its full parser.

1. Every fixture's front matter, loaded with ``schema=None``, equals what ruamel.yaml's own
   round-trip loader makes of it (converted to plain Python).
2. On every fixture front matter the fast scanner (``_scan.scan``) gives a tree, and that tree
   is the full parser's (``_parse.parse_full``) node for node: types, values, styles, spans;
   ``to_data`` of both is equal, types included (``Plain`` marks an unquoted scalar). The read
   path's shortcuts agree with it: ``scan_data`` gives the same data, ``locate`` the scalars an edit replaces,
   and the compiled structurer the same model (or failure) as cattrs' detailed converter.
3. On mutated fixture front matters (and on generated lines of the scanner's subset, and on each of
   about 140 tricky values in each context a value can stand in): whenever
   the scanner gives a tree, the full parser succeeds on the same text and gives the same tree;
   and ``to_data`` of the two trees has the same outcome (the same data, or the same problems,
   such as a duplicate key or a non-string key, which only ``to_data`` detects). When the full
   parser raises :class:`~articlefm._parse.Problems` (invalid YAML, tags, collection keys), the
   scanner must have declined the text (returned ``None``). The full path's quick route,
   ``parse_data`` (events read straight into data), gives ``to_data``'s data or declines, on every
   one of these texts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from fixture_files import FIXTURE_FILES, read_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

import articlefm
from articlefm import ArticleError, Limits, _parse, _resolve
from articlefm._compile import compiled
from articlefm._convert import converter, resolve_data
from articlefm._framing import split
from articlefm._model import Article
from articlefm._parse import Problems, parse_data, parse_full, to_data
from articlefm._resolve import resolve_plain
from articlefm._scan import _normalized, left_to_parser, locate, scan, scan_data
from articlefm._tree import Mapping, Node, Plain, Scalar, Sequence

PATHS = FIXTURE_FILES
TEXTS: dict[str, str] = {path.name: read_text(path) for path in PATHS}
NAMES = list(TEXTS)
FRONT_MATTERS: dict[str, str] = {name: split(text, name).front_matter for name, text in TEXTS.items()}


# --- comparable forms ---------------------------------------------------------------------------------------------


def plain_python(value: Any) -> Any:
    """ruamel.yaml's round-trip types as plain Python: CommentedMap -> dict, ScalarInt -> int, TimeStamp -> datetime."""
    if isinstance(value, CommentedMap | dict):
        return {plain_python(key): plain_python(item) for key, item in value.items()}
    if isinstance(value, CommentedSeq | list):
        return [plain_python(item) for item in value]
    if isinstance(value, ScalarBoolean | bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):  # ruamel.yaml's TimeStamp is a datetime subclass
        fields = (value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
        return dt.datetime(*fields, tzinfo=value.tzinfo)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    assert value is None, f"unexpected {type(value).__name__} from ruamel.yaml"
    return None


def canon(value: object) -> object:
    """A type-strict comparable form: bool is not int, a datetime's offset counts, key order counts."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, dt.datetime):
        return ("datetime", value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, dt.date):
        return ("date", value)
    if isinstance(value, str):
        return ("str", value)
    if value is None:
        return ("null",)
    if isinstance(value, list):
        return ("list", [canon(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(canon(key), canon(item)) for key, item in value.items()])
    raise TypeError(f"unexpected {type(value).__name__}")


def raw(value: object) -> object:
    """``to_data`` output with its exact types: ``Plain`` and ``str`` differ, dict order counts."""
    if type(value) is Plain:
        return ("Plain", str(value))
    if type(value) is str:
        return ("str", value)
    if isinstance(value, list):
        return ("list", [raw(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(raw(key), raw(item)) for key, item in value.items()])
    if value is None:
        return ("None",)
    raise TypeError(f"unexpected {type(value).__name__} from to_data")


def describe(node: Node, seen: frozenset[int] = frozenset()) -> object:
    """The tree as nested tuples: node type, value, style, flow, span; items in order."""
    if id(node) in seen:
        return ("cycle",)
    seen = seen | {id(node)}
    if isinstance(node, Scalar):
        return ("Scalar", node.value, node.style, node.start, node.end)
    if isinstance(node, Mapping):
        items = [(describe(key, seen), describe(value, seen)) for key, value in node.items]
        return ("Mapping", node.flow, node.start, node.end, items)
    assert isinstance(node, Sequence), f"not a tree node: {node!r}"
    return ("Sequence", node.flow, node.start, node.end, [describe(item, seen) for item in node.items])


def outcome(tree: Node, text: str) -> object:
    try:
        return ("data", raw(to_data(tree, text)))
    except Problems as exc:
        return ("problems", exc.problems)


def _event(name: str) -> None:
    if currently_in_test_context():
        event(name)


def loose(value: object) -> object:
    """Scanned data as the converters see it: a plain scalar that YAML reads as a string is just text.

    ``scan_data`` marks as :class:`Plain` only the plain scalars that may be another type; ``to_data``
    marks them all. Either way the same text reaches every field.
    """
    if type(value) is Plain:
        try:
            resolved = resolve_plain(value)
        except ValueError:
            return ("Plain", str(value))
        return ("text", str(value)) if isinstance(resolved, str) else ("Plain", str(value))
    if type(value) is str:
        return ("text", value)
    if isinstance(value, list):
        return ("list", [loose(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(key, loose(item)) for key, item in value.items()])
    assert value is None, f"unexpected {type(value).__name__} in scanned data"
    return ("None",)


@attrs.define
class PlainSchema:
    """A user's schema in plain attrs (no articlefm field helpers), with keys the generated front matter uses."""

    a: str | None = None
    b: list[str] = attrs.Factory(list)
    web_url: int | None = None
    k1: dt.datetime | None = None
    x_y: bool = False
    extra: dict[str, Any] = attrs.Factory(dict)


def check_fast_paths(text: str, tree: Node | None) -> None:
    """``scan_data`` and ``locate`` against the tree scanner, the compiled structurer against cattrs'."""
    data = scan_data(text)
    try:
        slow_data = to_data(tree, text) if tree is not None else None
    except Problems:  # a duplicate or non-string key: the data scanner leaves it to the slow path
        slow_data = None
    assert (data is None) == (slow_data is None)
    if data is None or tree is None:
        return
    assert loose(data) == loose(slow_data)
    # What schema=None loads: typed in the same walk, as resolve_data types the slow path's data.
    assert typed_outcome(lambda: scan_data(text, typed=True)) == typed_outcome(lambda: resolve_data(slow_data))
    for path, node, in_flow in _scalar_paths(tree, (), False):
        # What an edit replaces in place: a scalar with text, not a block scalar, not in a flow collection.
        replaceable = node.start != node.end and node.style not in ("|", ">") and not in_flow
        found = locate(text, path)
        if not replaceable:
            assert found is None, path
        else:
            assert found is not None, path
            assert (found.value, found.style, found.start, found.end) == (node.value, node.style, node.start, node.end)
    for path in _absent_paths(tree, ()):
        assert locate(text, path) is None, path
    for schema in (Article, PlainSchema):
        for strict in (False, True):
            fast = compiled(schema, strict)
            assert fast is not None
            slow = functools.partial(converter(strict).structure, cl=schema)
            assert structured(fast, data) == structured(slow, data)


def typed_outcome(make: Callable[[], Any]) -> object:
    """Typed data as a comparable form with its container types, or that typing it failed."""
    try:
        data = make()
    except (ValueError, OverflowError):
        return "fails"
    return container_types(data), canon(data)


def container_types(value: Any) -> object:
    if isinstance(value, dict):
        return type(value).__name__, [container_types(item) for item in value.values()]
    if isinstance(value, list):
        return type(value).__name__, [container_types(item) for item in value]
    return None


def structured(structure: Callable[[Any], Any], data: Any) -> object:
    """What a structuring function makes of data: the model, or that it fails (no matter how)."""
    try:
        return structure(data)
    except Exception:  # noqa: BLE001 - the fast path only says yes or no; the slow one explains
        return "fails"


def _absent_paths(node: Node, path: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """Paths one step past what the tree holds: a key it lacks, an index past the end, a step into a scalar."""
    if isinstance(node, Scalar):
        return [(*path, "absent"), (*path, 0)]
    if isinstance(node, Mapping):
        below = [found for key, value in node.items for found in _absent_paths(value, (*path, key.value))]
        return [(*path, "absent"), (*path, 0), *below]
    below = [found for index, item in enumerate(node.items) for found in _absent_paths(item, (*path, index))]
    return [(*path, len(node.items)), (*path, "absent"), *below]


def _scalar_paths(
    node: Node, path: tuple[str | int, ...], in_flow: bool
) -> list[tuple[tuple[str | int, ...], Scalar, bool]]:
    """Every scalar value with its path, and whether it is inside a flow collection."""
    if isinstance(node, Scalar):
        return [(path, node, in_flow)]
    in_flow = in_flow or node.flow
    if isinstance(node, Mapping):
        return [found for key, value in node.items for found in _scalar_paths(value, (*path, key.value), in_flow)]
    return [found for index, item in enumerate(node.items) for found in _scalar_paths(item, (*path, index), in_flow)]


def check_event_reader(text: str, full: Node | None, tree: Node | None) -> None:
    """``parse_data`` (the full parser's events read straight into data) against ``to_data`` of its tree.

    The same data, types included, whenever it gives any; ``None`` whenever the tree's walk finds a problem;
    and data for every text the scanner reads without a problem (it has nothing only the tree reads).
    """
    data = parse_data(text)
    try:
        slow_data = to_data(full, text) if full is not None else None
    except Problems:
        slow_data = None
    if slow_data is None or not isinstance(slow_data, dict):
        assert data is None
        assert parse_data(text, typed=True) is None
        return
    if tree is not None:
        assert data is not None, "the event reader declined a text the scanner reads"
    if data is None:
        _event("event reader: declined")
        return
    _event("event reader: accepted")
    assert raw(data) == raw(slow_data)
    typed = parse_data(text, typed=True)
    if typed is None:  # only a plain scalar that is no valid value (30 February) sends typed data back
        assert typed_outcome(lambda: resolve_data(slow_data)) == "fails"
    else:
        assert typed_outcome(lambda: typed) == typed_outcome(lambda: resolve_data(slow_data))


def check_scanner_against_full_parser(text: str) -> Node | None:
    """The differential property on one text; returns the scanner's tree."""
    tree = scan(text)
    check_fast_paths(text, tree)
    try:
        full = parse_full(text)
    except Problems as exc:
        problems = exc.problems
        full = None
    check_event_reader(text, full, tree)
    if full is None:
        assert tree is None, f"the scanner accepted text the full parser rejects: {problems}"
        _event("full parser: problems")
        return None
    if tree is None:
        _event("scanner: declined")
        return None
    _event("scanner: accepted")
    assert describe(tree) == describe(full)
    assert outcome(tree, text) == outcome(full, text)
    return tree


# --- 1. articlefm against ruamel.yaml's round-trip loader ----------------------------------------------------------


def test_every_fixture_is_collected() -> None:
    assert len(PATHS) == 147


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_schema_none_equals_ruamel_round_trip_loader(name: str) -> None:
    loaded = articlefm.loads(TEXTS[name], schema=None).meta
    expected = plain_python(YAML().load(FRONT_MATTERS[name]))
    assert canon(loaded) == canon(expected)
    assert isinstance(loaded["publishedDateTime"], dt.datetime)
    assert loaded["publishedDateTime"].utcoffset() is not None


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_schema_none_equals_ruamel_safe_loader(name: str) -> None:
    loaded = articlefm.loads(TEXTS[name], schema=None).meta
    assert canon(loaded) == canon(YAML(typ="safe").load(FRONT_MATTERS[name]))


# --- 2. the scanner against the full parser on every fixture -------------------------------------------------------


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_scanner_matches_full_parser(name: str) -> None:
    text = FRONT_MATTERS[name]
    tree = scan(text)
    assert tree is not None, "a real file must stay on the fast path"
    assert scan_data(text) is not None
    assert compiled(Article, False) is not None, "the models compile"
    check_fast_paths(text, tree)
    full = parse_full(text)
    assert describe(tree) == describe(full)
    assert raw(to_data(tree, text)) == raw(to_data(full, text))
    # Spans are real: every scalar's span holds its text as written.
    for scalar in _scalars(tree):
        written = text[scalar.start : scalar.end]
        if scalar.style == "":
            assert written == scalar.value
        else:
            assert written[0] == written[-1] == scalar.style


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_scanner_matches_full_parser_with_crlf(name: str) -> None:
    text = FRONT_MATTERS[name].replace("\n", "\r\n")
    tree = check_scanner_against_full_parser(text)
    assert tree is not None, "CRLF files are in the subset too"


def _scalars(node: Node) -> list[Scalar]:
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Mapping):
        return [scalar for key, value in node.items for scalar in (key, *_scalars(value))]
    return [scalar for item in node.items for scalar in _scalars(item)]


# --- 3. mutated front matter ---------------------------------------------------------------------------------------

INSERTIONS = [
    ":", "#", '"', "'", "-", " ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "?", "%", "@", "`", "~",
    "\t", "\\", "\n", "\r", "\r\n", ": ", " #", "- ", "-", "  ", "\ufeff", "\x85", "\u2028", "\x00", "\x7f",
    "é", "\u2019", "\\u", "\\x4", "\\U0001F600", "\\u2019", "\\\"", "''", '""', "null", "true", "0x1F", "...",
    "\\U00110000", "\\UFFFFFFFF", "\\ud800", "---", "<<: ", " &a", " *a", "&a ", "*a", "!!str ", ": |", ": >-",
    "\n  ", "\n- ", "a: b", "\n#",
]  # fmt: skip

_LINE = st.integers(0, 10_000)
MUTATION = st.one_of(
    st.tuples(st.just("delete-line"), _LINE),
    st.tuples(st.just("duplicate-line"), _LINE),
    st.tuples(st.just("swap-lines"), _LINE),
    st.tuples(st.just("insert"), _LINE, st.integers(0, 40), st.sampled_from(INSERTIONS)),
    st.tuples(st.just("insert-end"), _LINE, st.sampled_from(INSERTIONS)),
    st.tuples(st.just("delete-char"), _LINE, st.integers(0, 40)),
    st.tuples(st.just("indent"), _LINE, st.integers(-4, 4)),
    st.tuples(st.just("truncate-line"), _LINE, st.integers(0, 40)),
)


def mutate(text: str, mutation: tuple[Any, ...]) -> str:
    lines = text.split("\n")
    kind, line_number = mutation[0], mutation[1] % len(lines)
    line = lines[line_number]
    if kind == "delete-line":
        del lines[line_number]
    elif kind == "duplicate-line":
        lines.insert(line_number, line)
    elif kind == "swap-lines" and line_number + 1 < len(lines):
        lines[line_number], lines[line_number + 1] = lines[line_number + 1], line
    elif kind == "insert":
        column = mutation[2] % (len(line) + 1)
        lines[line_number] = line[:column] + mutation[3] + line[column:]
    elif kind == "insert-end":
        lines[line_number] = line + mutation[2]
    elif kind == "delete-char" and line:
        column = mutation[2] % len(line)
        lines[line_number] = line[:column] + line[column + 1 :]
    elif kind == "indent":
        change = mutation[2]
        dedent = min(-change, len(line) - len(line.lstrip(" ")))
        lines[line_number] = " " * change + line if change >= 0 else line[max(dedent, 0) :]
    elif kind == "truncate-line":
        lines[line_number] = line[: mutation[2]]
    return "\n".join(lines)


@st.composite
def mutated_front_matter(draw: st.DrawFn) -> str:
    text = FRONT_MATTERS[draw(st.sampled_from(NAMES))]
    if draw(st.booleans()):  # a window of lines: mutations matter more in a small text
        lines = text.splitlines(keepends=True)
        start = draw(st.integers(0, len(lines) - 1))
        text = "".join(lines[start : start + draw(st.integers(1, 12))])
    for mutation in draw(st.lists(MUTATION, min_size=1, max_size=4)):
        text = mutate(text, mutation)
    return text


_SETTINGS = settings(
    max_examples=max(300, settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(mutated_front_matter())
def test_scanner_never_disagrees_on_mutated_front_matter(text: str) -> None:
    check_scanner_against_full_parser(text)


# Lines of the scanner's subset and just outside it: keys, dashes, quoted and plain scalars with tricky characters.
_KEYS = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True),
    st.sampled_from(["a", "b", "webUrl", "x-y", "_k", "k1", "true", "null", "1", "0x1", "a b", "é", "-a", "a.b"]),
)
_PLAIN_VALUES = st.sampled_from(
    [
        "news", "a b", "38", "-1", "true", "null", "~", "", "2020-06-24T23:48:00Z", "https://x.com/a#b",
        "a:b", "a: b", "a #b", "a#b", "-a", "- a", "-", "?a", ":a", "a:", "{a}", "[a]", "a,b", "&a", "*a",
        "!a", "|", ">", "%a", "@a", "`a", "'a'", '"a"', "a'b", "0o17", ".inf", "1e3", "<<", "#", "a  ", "é\u2019",
    ]
)  # fmt: skip
_QUOTED_INNER = st.text(alphabet=st.sampled_from(list("ab \\\"'#:-xu0123456789ABCDEFnt/N_LP \t é\u2019")), max_size=8)
_SAFE_SCALARS = st.one_of(
    st.sampled_from(["news", "AI in Autos", "38", "-1", "false", "2020-06-24T23:48:00Z", "https://x.com/a?b=c#d"]),
    st.from_regex(r'"[A-Za-z0-9 .,:#/-]{0,12}"', fullmatch=True),
    st.from_regex(r"'[A-Za-z0-9 .,:#/-]{0,12}'", fullmatch=True),
)
_SCALARS = st.one_of(
    _SAFE_SCALARS,
    _SAFE_SCALARS,
    _SAFE_SCALARS,
    _PLAIN_VALUES,
    _QUOTED_INNER.map(lambda inner: f'"{inner}"'),
    _QUOTED_INNER.map(lambda inner: f"'{inner}'"),
    st.tuples(st.sampled_from(['"', "'"]), _QUOTED_INNER, st.sampled_from(["", " # c", "#c", "  ", " x"])).map(
        lambda parts: parts[0] + parts[1] + parts[0] + parts[2]
    ),
)


_SEPARATORS = st.sampled_from([": ", ": ", ": ", ": ", ": ", ":  ", " : ", ":"])
_COMMENTS = st.sampled_from(["", "", "", " # c", "  #c", " #", "#c"])
_CLEAN_COMMENTS = st.sampled_from(["", "", "", " # c", "  #c", " #"])


# Multi-line values: folded plain and quoted scalars, block scalars; each a list of lines after ``key:``.
_FOLD_WORDS = st.sampled_from(["a", "b c", "38", "x:y", "-a", "#", "a #b", "'q'", '"q"', "\\", "\\n", "- a", "b:", "é"])
_BLOCK_HEADERS = st.sampled_from(
    ["|", ">", "|-", ">-", "|+", ">+", "|2", ">1", "|1-", "|-1", ">+2", "| # c", ">-  #c", "|0", "|10"]
)
_CLEAN_FOLD_WORDS = st.sampled_from(["a", "b c", "38", "x:y", "-a", "C#", "it's", 'say "hi"', "é", "a  b", "true"])
_CLEAN_KEYS = st.from_regex(r"[a-z][a-zA-Z0-9_-]{0,6}", fullmatch=True).filter(
    lambda key: key not in ("null", "true", "false")
)
_CLEAN_HEADERS = st.sampled_from(["|", ">", "|-", ">-", "|+", ">+", "|2", "|-", "| # c"])
_FLOW_ITEMS = st.one_of(
    _SAFE_SCALARS,
    st.sampled_from(
        ["a b", "C#", "-1", "a:b", "", " ", "[a]", "{a: b}", "a #b", "?a", "'it''s'", '"\\t"', "a,", "null"]
    ),
)


@st.composite
def multi_line_value(draw: st.DrawFn, indent: int, clean: bool) -> list[str]:
    """The lines of a value written over several lines, starting with the rest of the ``key:`` line."""
    below = " " * (indent + draw(st.sampled_from([2, 2, 4] if clean else [2, 2, 1, 4, 0])))
    words = draw(st.lists(_CLEAN_FOLD_WORDS if clean else _FOLD_WORDS, min_size=1, max_size=4))
    gaps = [draw(st.sampled_from(["", "", "", "\n", "\n  \n"])) for _ in words]
    kind = draw(st.sampled_from(["plain", "plain-below", "double", "single", "block", "block"]))
    if kind == "block":
        lines = [" " + draw(_CLEAN_HEADERS if clean else _BLOCK_HEADERS)]
        for word, gap in zip(words, gaps, strict=True):
            lines += gap.split("\n")[1:] if gap else []
            lines.append(below + draw(st.sampled_from(["", "", " "])) + word)
        return lines + [""] * draw(st.integers(0, 2))
    quote = {"plain": "", "plain-below": "", "double": '"', "single": "'"}[kind]
    if clean and quote:
        words = [word.replace(quote, quote * 2 if quote == "'" else "\\" + quote) for word in words]
    elif clean:
        words = [word if word[0] not in "'\"-" else "a" for word in words]
    tail = draw(st.sampled_from(["", "", " "] if clean else ["", "", " ", "\\", " # c"]))
    lines = ["" if kind == "plain-below" else " " + quote + words[0] + tail]
    if kind == "plain-below":
        lines.append(below + words[0] + tail)
    for word, gap in zip(words[1:], gaps[1:], strict=True):
        lines += gap.split("\n")[1:] if gap else []
        lines.append(below + word + draw(st.sampled_from(["", "", " ", "\\"])))
    lines[-1] += quote + draw(_CLEAN_COMMENTS if clean else _COMMENTS)
    return lines


@st.composite
def flow_value(draw: st.DrawFn, clean: bool) -> str:
    items = draw(st.lists(_SAFE_SCALARS.filter(lambda item: ":" not in item) if clean else _FLOW_ITEMS, max_size=4))
    spaced = draw(st.sampled_from([", ", ",", " , "]))
    inner = " " * draw(st.integers(0, 1))
    if draw(st.booleans()):
        body = spaced.join(items)
        text = "[" + inner + body + inner + "]"
    else:
        keys = draw(st.lists(_CLEAN_KEYS if clean else _KEYS, min_size=len(items), max_size=len(items), unique=clean))
        colons = [": "] if clean else [": ", ":", " : "]
        pairs = (f"{key}{draw(st.sampled_from(colons))}{item}" for key, item in zip(keys, items, strict=True))
        text = "{" + inner + spaced.join(pairs) + inner + "}"
    return text + draw(st.sampled_from(["", "", " # c"] if clean else ["", "", " # c", "#c", " ,", "]"]))


@st.composite
def subset_block(draw: st.DrawFn, indent: int, depth: int, clean: bool = False) -> list[str]:
    """A block mapping in (or near, unless ``clean``) the reader's subset, tricky keys and scalars included."""
    pad = " " * indent
    lines: list[str] = []
    keys = draw(st.lists(_CLEAN_KEYS, min_size=1, max_size=3, unique=True)) if clean else None
    for position in range(len(keys) if keys else draw(st.integers(1, 3))):
        key = keys[position] if keys else draw(_KEYS)
        kind = draw(st.integers(0, 6 if depth < 3 else 1))
        if kind <= 1:
            scalar = draw(_SAFE_SCALARS if clean else _SCALARS)
            lines.append(pad + key + draw(_SEPARATORS) + scalar + draw(_CLEAN_COMMENTS if clean else _COMMENTS))
        elif kind == 2:
            lines.append(pad + key + ":" + draw(_CLEAN_COMMENTS if clean else _COMMENTS))
            lines += draw(subset_block(indent + draw(st.sampled_from([2, 2, 1, 4])), depth + 1, clean))
        elif kind == 3:
            lines.append(pad + key + ":" + draw(_CLEAN_COMMENTS if clean else _COMMENTS))
        elif kind == 4:
            lines.append(pad + key + ":" + draw(_CLEAN_COMMENTS if clean else _COMMENTS))
            dash = indent + draw(st.sampled_from([0, 2, 2, 4]))
            for _ in range(draw(st.integers(1, 3))):
                item_kind = draw(st.integers(0, 3))
                if item_kind == 0:
                    lines.append(
                        " " * dash
                        + "- "
                        + draw(_SAFE_SCALARS if clean else _SCALARS)
                        + draw(_CLEAN_COMMENTS if clean else _COMMENTS)
                    )
                elif item_kind == 1:
                    item = draw(subset_block(dash + 2, depth + 1, clean))
                    lines.append(" " * dash + "- " + item[0][dash + 2 :])
                    lines += item[1:]
                elif item_kind == 2:
                    lines.append(" " * dash + "- " + draw(flow_value(clean)))
                else:
                    value = draw(multi_line_value(dash, clean))
                    lines.append(" " * dash + "-" + (value[0] or " " + value[1].lstrip(" ")))
                    lines += value[1:] if value[0] else value[2:]
        elif kind == 5:
            lines.append(pad + key + ":" + " " + draw(flow_value(clean)))
        else:
            value = draw(multi_line_value(indent, clean))
            lines.append(pad + key + ":" + value[0])
            lines += value[1:]
    return lines


@st.composite
def subset_text(draw: st.DrawFn, clean: bool = False) -> str:
    """Front matter of generated lines; ``clean``: lines of the subset, mostly, so most texts are compared tree
    for tree; else tricky lines in and out of it, a quarter of them mutated."""
    lines = draw(subset_block(0, 0, clean))
    out = []
    for line in lines:
        out.append(draw(st.sampled_from(["", "", "", "", "", "", "\n", "# c\n", "   # c\n", "  \n"])) + line + "\n")
    text = "".join(out)
    if not clean and draw(st.integers(0, 3)) == 0:
        text = mutate(text, draw(MUTATION))
    return text


@_SETTINGS
@given(subset_text(), st.booleans())
def test_scanner_never_disagrees_on_generated_lines(text: str, crlf: bool) -> None:
    check_scanner_against_full_parser(text.replace("\n", "\r\n") if crlf else text)


@_SETTINGS
@given(subset_text(clean=True), st.booleans())
def test_scanner_never_disagrees_on_generated_front_matter(text: str, crlf: bool) -> None:
    check_scanner_against_full_parser(text.replace("\n", "\r\n") if crlf else text)


# Known-tricky inputs, so that a regression does not depend on hypothesis finding it again.
TRICKY = [
    "a: b\n",
    # YAML ends an implicit key within 1024 characters: longer keys are the full parser's (and invalid)
    "k" * 1016 + ": v\n",
    "k" * 1016 + "        : v\n",
    "k" * 1017 + ": v\n",
    "k" * 1025 + ": v\n",
    "k" * 1020 + "     : v\n",
    "a:\n  - " + "k" * 1025 + ": v\n",
    "a: {" + "k" * 1025 + ": v}\n",
    "a:\n",
    "a:   \n",
    "a: # c\n",
    "a:\n  - x\n",
    "a:\n- x\n- y\n",
    "A:\n- A: news\nB: news\n",  # a key after an indentless sequence of mappings (locate once missed B)
    "a:\n- x\nb:\n- y\n",  # two indentless sequences: a's items end at b
    "a:\nb: 1\n",  # a null: nothing below it
    "- k:\n  - x\n  j: 2\n",
    "a:\n  - k:\n    - x\n    j: 2\n",
    "a:\n  - b: 1\n    c: 2\n",
    "a: 'it''s'\n",
    'a: "\\u2019\\x41\\t"\n',
    "a: x # c\n",
    "a: x#c\n",
    "a: 1\na: 2\n",
    "true: 1\n",
    "1: a\n",
    "null: a\n",
    "a: b: c\n",
    "a: [b]\n",
    "a: -b\n",
    "a: - b\n",
    "-\n",
    "- a\n",
    "a:\n  b:\n  c: 1\n",
    "a:\n    b: 1\n  c: 2\n",
    "a: 'x' y\n",
    'a: "x" # c\n',
    'a: "x"# c\n',
    "a: b\n  c\n",
    "a:\n  -\n",
    "a:\n  - \n",
    "a:  b  \n",
    "a:\tb\n",
    "a: b\r\n",
    "a: b\rc: d\n",
    "\n\n# only comments\n",
    "",
    "   \n",
    "  a: 1\n",
    "a: 1\n b: 2\n",
    "a:\n  - x\n  y: 1\n",
    "a:\n  b: 1\n  - x\n",
    "a: '\n",
    'a: "\n',  # a lone quote opens a scalar that runs on (the data scanner once read it as "")
    'a: "  \nb: c\n',
    '- "\n',
    'a:\n  - "\n  - b\n',
    'a: "\\"\n',
    'a: "\\ud800"\n',
    'a: "\\U0010FFFF"\n',
    'a: "\\U00110000"\n',
    'a: "\\UFFFFFFFF"\n',
    '- "\\U00110000"\n',
    "a: \ufeffb\n",
    "a: \x85\n",
    "? a\n: b\n",
    "a: &x b\nc: *x\n",
    "a: !t b\n",
    "a: b #\n",
    "a: --- b\n",
    "a: ... b\n",
    "a: %b\n",
    "a: b:\n",
    "a-: 1\n",
    "a : 1\n",
    "a:b\n",
    # The wider subset: flow collections, folded and block scalars, values below their key, comments.
    "tags: [a, b]\n",
    "tags: [ a , 'b''c' , \"d\\te\" ]  # c\n",
    "tags: []\nmore: {}\n",
    "a: [a, b,]\n",
    "a: [a:b]\n",
    "a: [a #b]\n",
    "a: [a#b, C#]\n",
    "a: [-1, ?a, -]\n",
    # Flow sequences whose items are cut at their quotes or commas (plain data), and what keeps them from it.
    'a: ["x, y", "z"]\nb: [\'x, y\', \'z\']\nc: [ "a" ,"b" ]  # c\nd: [ ]\ne: [a b , -1, true, null, ~]\n',
    'a: ["it\'s", "b"]\nb: [\'say "hi"\', \'b\']\nc: ["a # b", "C#"]\nd: [\'a\\b\', \'c\']\n',
    'a: ["a", \'b\']\nb: [\'a\', "b"]\nc: ["a", b]\nd: [a, "b"]\ne: ["a",\'b"c\']\nf: [\'a\', b"c]\n',
    'a: ["", "b"]\nb: [\'\', \'b\']\nc: [\'it\'\'s\', \'b\']\nd: ["a\\"b", "c"]\ne: ["\\t", "\\x41"]\n',
    "a: [a, b #c]\n",
    'a: ["a", "b" #c]\n',
    "a: [a\"b, c]\nb: [a'b, c]\n",
    "a: [[a]]\n",
    "a: {k: v, j: 1}\n",
    "a: {k: v, k: w}\n",
    "a: {k:v}\n",
    "a: {true: v}\n",
    "a: [a\n  , b]\n",
    "- [a]\n",
    "a:\n  - [a, b]\n  - {c: d}\n",
    "a: b\n  c\n\n  d\nb: 1\n",
    "a: b\n  c: d\n",
    "a: b\n  - c\n",
    "a: b # c\n  d\n",
    "a: b\n  # c\n  d\n",
    "a:\n  b\n  c\n",
    "a: # c\n  b\n",
    "a:\n  'b'\n",
    "a:\n- b\n  c\n- d\n",
    'a: "b\n  c \\\n  d"\nb: 1\n',
    'a: "b\n\n  c"\n',
    'a: "b\nc"\n',
    'a: "\n  b"\n',
    'a: "b\n  "\n',
    'a: "b\\ \n  c"\n',
    'a: "b\\\\\n  c"\n',
    'a: "b\\\n\n  c"\n',
    "a: 'b\n  c''d\n\n  e'\n",
    "a: 'b\n  c' x\n",
    "a: |\n  x\n  y\n\nb: 1\n",
    "a: >-\n  x\n\n  y\n\n\nb: 1\n",
    "a: |+\n  x\n\n",
    "a: |\n  x",
    "a: |\n  x\n   \n  y\n",
    "a: |\n  x\n    \n",
    "a: >\n  x\n   y\n  z\n",
    "a: >\n\n  x\n  y\n",
    "a: |\n\n   \n  x\n",
    "a: |\nb: 1\n",
    "a: |2\n   x\n",
    "a:\n  b: |1\n    x\n",
    "- a: |2\n     x\n",
    "a:\n- |1\n  x\n",
    "a: |-2 # c\n   x\n",
    "a: |x\n  y\n",
    "a: | x\n  y\n",
    "a: |\n  # not a comment\n# a comment\nb: 1\n",
    "a: |\n    x\n  y\n",
    "a:\n  - |\n    x\n  - y\n",
    # Read from content lines, then again from every line: a folded scalar with a blank line, after others.
    "a: x\nb: c\n\n  d\ne: [f]\n",
    "a:\n  - x\n\n    y\n  - z\n",
    "a: 'x\n\n  y'\nb: 1\n",
    'a: "x\n  # not a comment"\n',
    "a: x\n  # c\nb: 1\n",
    "a: x |\nb: y >\n",
    "a: -\n",
    '- "x"\n',
    'a:\n  - "x"\n  -\n',
    "a: 2020-02-30\nb: [2020-02-30]\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scanner_never_disagrees_on_tricky_input(text: str) -> None:
    check_scanner_against_full_parser(text)


# Values written on their key's line: what looks like another type, each quoted style and its escapes, flow
# collections and what breaks them, block scalar headers, indicators, characters near the subset's edge.
ONE_LINE_VALUES = [
    "x", "x y", "-x", "-", "- x", "?x", ":x", "x:", "x: y", "x:y", "x #y", "x#y", "#x", "x ", "~", "null", "Null",
    "NULL", "true", "yes", "on", "0", "-0", "+1", "010", "0o17", "0x1F", "0b11", "1_000", "1e3", "1.5", ".5", "-.inf",
    ".NaN", "1:20", "2020-01-01", "2020-1-1", "2020-01-01 10:00:00", "2020-01-01T10:00:00.1234567Z", "2020-02-30",
    "2020-01-01T25:00:00Z", "x\\y", "x'y", 'x"y', "x,y", "[x]", "{x: y}", "[x, y]", "[]", "{}", "[ ]", "[x,]",
    "[x, [y]]", "{x: [y]}", "['a', \"b\"]", "[a, 'b''c']", "{a: 1, b: 2}", "{a: 1, a: 2}", "[a:b]", "[a: b]", "'x'",
    "''", "'x''y'", "'x' y", '"x"', '""', '"x\\"y"', '"\\t"', '"\\x41\\u0041"', '"x" y', '"x" # c', "'x' # c",
    "x # c", "&a x", "*a", "!x y", "!!str 1", "%x", "@x", "`x", "|", ">", "|-", ">+", "|2", "x |", "\u00e9",
    "x\u00a0y", "\u2026", "'\u00e9'", '"\u00e9"', "---", "...", "x ---", "=", "<<", "a: b: c",
]  # fmt: skip
# Values over several lines: the first line, then the lines below it (indented from their owner's column).
MULTI_LINE_VALUES = [
    ("|", ["  a", "  b"]), ("|", ["  a", "", "  b"]), ("|-", ["  a", ""]), ("|+", ["  a", "", ""]),
    (">", ["  a", "  b"]), (">", ["  a", "   b", "  c"]), (">-", ["  a", "", "  b"]), ("|2", ["   a"]),
    ("|1", ["  a"]), ("|", ["   a", "  b"]), ("|", ["  # a", "  b"]), ("|", [""]), ("|", ["  a", " "]),
    ("|", ["  a", "     "]), ("x", ["  y"]), ("x", ["  y", "", "  z"]), ("x", ["  # y"]), ("x", ["  - y"]),
    ("x", ["  y: z"]), ("x # c", ["  y"]), ('"x', ['  y"']), ('"x', ["", '  y"']), ('"x\\', ['  y"']),
    ("'x", ["  y'"]), ("'x", ["  y''z'"]), ('"x', ['y"']), ("", ["  x"]), ("", ["  - x"]), ("", ["- x"]),
    ("", ["  x: y"]), ("", ["  'x'"]), ("", ["  # c", "  x"]), ("# c", ["  x"]), ("", ["  [x]"]),
    ("", ["  |", "    x"]), ("[x,", ["  y]"]), ("", []), ("", [""]), ("", ["  - x", "  - y: z", "    w: 1"]),
    ("", ["  -", "    x"]), ("|", ["   ", "  a"]), ("|", [" ", "  a"]), (">", ["", "  a", "", "", "  b"]),
]  # fmt: skip


def in_every_context(first: str, below: list[str]) -> list[str]:
    """Front matters holding the value as a root entry's, a nested one's, a sequence item (indented under its key
    or not), a mapping item's entry, and between comments; with and without a final line break, LF and CRLF."""

    def entry(prefix: str) -> str:
        return f"{prefix} {first}" if first else prefix

    def lines_below(column: int) -> list[str]:
        return [" " * column + line if line.strip() else line for line in below]

    contexts = [
        [entry("k:"), *lines_below(0)],
        ["a: 1", entry("k:"), *lines_below(0), "b: 2"],
        ["p:", entry("  k:"), *lines_below(2), "  q: 1", "z: 0"],
        ["s:", entry("-"), *lines_below(0), "- last"],
        ["s:", entry("  -"), *lines_below(2), "  - last"],
        ["s:", entry("  - k:"), *lines_below(4), "    j: 1", "t: 2"],
        ["s:", entry("- k:"), *lines_below(2), "- j: 1"],
        ["# top", entry("k:"), *lines_below(0), "", "# end"],
    ]
    texts = ["\n".join(lines) + end for lines in contexts for end in ("\n", "")]
    return texts + [text.replace("\n", "\r\n") for text in texts]


VALUES: list[tuple[str, list[str]]] = [(value, []) for value in ONE_LINE_VALUES] + MULTI_LINE_VALUES


@pytest.mark.parametrize(("first", "below"), VALUES, ids=repr)
def test_scanner_never_disagrees_on_any_tricky_value_in_any_context(first: str, below: list[str]) -> None:
    for text in in_every_context(first, below):
        check_scanner_against_full_parser(text)


# What the load path sends to the full parser at a glance, without the reader's attempt: anchors on values, flow
# sequences continued on the next lines.
LEFT_AT_A_GLANCE = [
    "a: 1\nb: &x [1, 2]\nc: *x\n",
    "a:\n  - &x 1\n  - *x\n",
    "a: 1\naliases: [\n  /x/,\n  /y/\n]\nb: 2\n",
    "a:\n  - [\n    b]\n",
]
# Their look-alikes in text the reader reads: sent there all the same, and read the same.
LOOK_ALIKES = [
    'a: "Q: &A"\n',
    "a: |\n  see: &more\n  - &also\n  and [\nb: 1\n",
    "a: 'x\n  - &y'\n",
    "a: 1  # b: &c\n",
    'a: "x [\n  y"\n',
    "a: b [\n  c\nd: [e]\n",
    "a: 1  # see [\n",
]
# Left to the reader's attempt, which gives up: an anchor on a key, a quoted key.
LEFT_TO_THE_ATTEMPT = ["&x a: 1\nb: 2\n", 'a: 1\n"og:title": x\n']


@pytest.mark.parametrize("text", LEFT_AT_A_GLANCE + LOOK_ALIKES + LEFT_TO_THE_ATTEMPT)
def test_the_load_path_leaves_some_texts_to_the_full_parser_at_a_glance(text: str) -> None:
    check_scanner_against_full_parser(text)
    assert (scan_data(text) is None) == (text not in LOOK_ALIKES)
    assert left_to_parser(text) == (text not in LEFT_TO_THE_ATTEMPT)
    document = articlefm.loads(f"---\n{text}---\nbody\n", schema=None)
    assert canon(document.meta) == canon(resolve_data(to_data(parse_full(text), text)))


@st.composite
def look_alike(draw: st.DrawFn) -> str:
    """Generated front matter with lines that look like an anchor on a value or an open flow sequence, somewhere."""
    lines = draw(subset_text(clean=True)).splitlines(keepends=True)
    at = draw(st.integers(0, len(lines)))
    look_alikes = ['zz: "Q: &A"\n', "# see: &x\n", "zz: 'a - &b'\n", "zz: |\n  k: &x\n  - &y [\n", 'zz: "a [\n  b"\n']
    return "".join([*lines[:at], draw(st.sampled_from(look_alikes)), *lines[at:]])


@_SETTINGS
@given(st.one_of(look_alike(), mutated_front_matter(), subset_text()))
def test_the_load_path_reads_what_the_reader_reads(text: str) -> None:
    """A load gives the reader's data wherever the reader reads the text, also when it sends the text to the
    full parser at a glance (a look-alike of an anchor or of an open flow sequence)."""
    try:
        data = scan_data(text, typed=True)
    except (ValueError, OverflowError):  # a value the load reports
        return
    wrapped = f"---\n{text}---\n"
    if data is None or not text.endswith("\n") or split(wrapped, "").front_matter != text:
        return
    _event("load path: " + ("a look-alike sent to the full parser" if left_to_parser(text) else "the reader"))
    loaded = articlefm.loads(wrapped, schema=None).meta
    assert typed_outcome(lambda: loaded) == typed_outcome(lambda: data)


# What only the full parser reads, at and around the limits: anchors and aliases (expanded, counted and nested
# as to_data counts them), tags, merge keys, keys that are not strings, more than one document.
ANCHORED = [
    "a: &x 1\nb: *x\n",
    "a: &x [1, {b: c}]\nd: *x\ne: [*x, *x]\n",
    "a: &x\n  b: &y [1, 2]\n  c: *y\nd: *x\n",
    "a: &x [1, 2]\nb: &x 3\nc: *x\n",  # an anchor defined again: the alias takes the latest
    "a: &x [*x]\n",  # an alias inside its own anchor
    "a: *x\n",
    "a: &x 1\n*x : 2\n",
    "&x a: 1\n",
    "a: &x [&y [&z [1]]]\nb: *x\nc: *y\n",
    "l1: &a [1, 1, 1]\nl2: &b [*a, *a, *a]\nl3: [*b, *b, *b]\n",
    "a: !!str 1\n",
    "a: !custom x\n",
    "<<: {a: 1}\nb: 2\n",
    "'<<': 1\n",
    "1: a\n",
    "true: a\n",
    "'true': a\n",
    "? [a]\n: b\n",
    "? a\n: b\n",
    "a: 1\na: 2\n",
    "a: 1\n---\nb: 2\n",
    "- a\n",
    "just text\n",
    "",
    "# only a comment\n",
    "a: 2020-02-30\n",
    "a: {b: &x {c: [1]}, d: *x}\n",
]


@pytest.mark.parametrize("text", ANCHORED)
@pytest.mark.parametrize(("max_depth", "max_values"), [(100, 100_000), (3, 100_000), (2, 100_000), (100, 9), (100, 5)])
def test_event_reader_agrees_with_the_tree_within_limits(text: str, max_depth: int, max_values: int) -> None:
    limits = Limits(max_depth=max_depth, max_values=max_values)
    data = parse_data(text, limits)
    try:
        slow_data = to_data(parse_full(text, limits), text, limits=limits)
    except Problems:
        slow_data = None
    if not isinstance(slow_data, dict):  # a problem, or not a mapping: the slow path reports it
        assert data is None
        return
    if data is None:  # declined: only for what only the tree reads (a tag, a merge key, a key's type or anchor)
        assert re.search(r"!|<<|^(?:true|1):|^\? \[|^&", text, re.M), text
        return
    assert raw(data) == raw(slow_data)
    typed = parse_data(text, limits, typed=True)
    expected = typed_outcome(lambda: resolve_data(slow_data))
    assert (typed_outcome(lambda: typed) if typed is not None else "fails") == expected


@pytest.mark.parametrize("text", [*TRICKY, *(FRONT_MATTERS[name] for name in NAMES[:5])])
def test_the_pure_python_parser_gives_what_the_c_parser_gives(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ruamel.yaml.clib (not CPython), ruamel.yaml's own parser reads the events: the same tree, or the same
    problems."""

    def outcome_of_full_parse() -> object:
        try:
            return describe(parse_full(text))
        except Problems as exc:
            return exc.problems

    with_c = outcome_of_full_parse()
    monkeypatch.setattr(_parse, "CParser", None)
    assert outcome_of_full_parse() == with_c


# --- articlefm's typing of plain scalars against ruamel.yaml's --------------------------------------------------------

# Number patterns without a digit: ruamel.yaml fails converting them (a ValueError); strings here.
DIGITLESS = ["0b_", "0x_", "0o_", "-_", "+_", "._", "-._"]
PLAIN_SCALARS = [
    "010", "0o17", "0x1F", "-0x1F", "+0o17", "0b101", "1_000", "1_0.5", "+5", "-3", "00", ".5", "._1", "1.",
    "1._", "1e3", "1e+3", "1.0E3", "-1.5e-3", ".inf", "-.Inf", "+.inf", ".NaN", "yes", "no", "on", "off", "y", "~",
    "null", "Null", "NULL", "nULL", "true", "False", "TRUE", "tRUE", "1:20", "1:20:30", "12:30", "0o8", "0x", "0b",
    "2020-06-24", "2020-6-4", "2020-06-24T23:48:00Z", "2020-06-24t23:48:00z", "2019-12-23T10:08:00-07:00",
    "2020-06-24 23:48:00", "2020-06-24 23:48:00 Z", "2020-06-24T23:48:00 +05:30", "2020-06-24T23:48:00+5",
    "2020-06-24T23:48:00+0530", "2020-06-24T23:48:00.5+05:30", "2020-06-24T23:48:00.Z", "2020-06-24T23:48:00-00:00",
    "2020-06-24T23:48:00.123456Z", "2020-06-24T23:48:00.123456789Z", "2020-06-24T23:48:00.9999999Z",
    "0001-01-01T00:00:00Z", "2020-02-30T00:00:00Z", "2020-06-24T24:00:00Z", "-", "+", *DIGITLESS,
]  # fmt: skip


@pytest.mark.parametrize("value", PLAIN_SCALARS)
def test_plain_scalar_types_match_ruamel(value: str) -> None:
    """``schema=None`` types a plain scalar as ruamel.yaml does (``_resolve`` says it follows ruamel.yaml)."""
    text = f"k: {value}\n"
    try:
        expected = YAML(typ="safe").load(text)
    except ValueError:
        if value in DIGITLESS:
            assert articlefm.loads(f"---\n{text}---\n", schema=None).meta == {"k": value}
            return
        with pytest.raises(ArticleError):  # not a valid value (30 February): articlefm refuses it too
            articlefm.loads(f"---\n{text}---\n", schema=None)
        return
    except YAMLError:  # ruamel.yaml refuses it: articlefm must refuse it too, as an ArticleError
        with pytest.raises(ArticleError):
            articlefm.loads(f"---\n{text}---\n", schema=None)
        return
    assert canon(articlefm.loads(f"---\n{text}---\n", schema=None).meta) == canon(expected)


# --- the whole read path on mutated input ---------------------------------------------------------------------------


@_SETTINGS
@given(st.one_of(mutated_front_matter(), subset_text()), st.booleans())
def test_mutated_files_load_or_fail_cleanly_and_round_trip(front_matter: str, article: bool) -> None:
    """Bad input raises :class:`ArticleError` and nothing else; what loads is written back byte for byte."""
    text = "---\n" + front_matter + "---\n"
    try:
        doc: articlefm.Document[Any] = articlefm.loads(text) if article else articlefm.loads(text, schema=None)
    except ArticleError:
        return
    assert articlefm.dumps(doc) == text


# --- the scanner's character check against a plain regular expression ------------------------------------------------

# What the subset refuses anywhere, as one character class: controls (tab too), NEL and the other
# C1 controls, the YAML 1.1 line breaks, BOM, surrogates, the non-characters U+FFFE and U+FFFF.
UNSAFE = re.compile("[\x00-\x08\t\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_CHARACTERS = st.sampled_from(
    ["a", "é", "\x00", "\t", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "\u2028", "\u2029", "\ufeff",
     "\ufffe", "\uffff", "\ud800", "\udfff", "\U0001f600", "\n", "\r\n", "\r", " ", "\u00c2"]
)  # fmt: skip


@given(st.lists(_CHARACTERS, max_size=8).map("".join))
def test_scanner_refuses_exactly_the_unsafe_characters(text: str) -> None:
    """``_normalized`` searches UTF-8 bytes for speed; it must refuse what the character class refuses."""
    lf = text.replace("\r\n", "\n")
    expected = None if "\r" in lf or UNSAFE.search(lf) else lf
    assert _normalized(text) == expected


# --- resolve_plain's shortcuts against its general rules ----------------------------------------------------------

_DIGITS = st.from_regex(r"[0-9]{1,25}", fullmatch=True)
# Timestamps as real files write them, with fields out of range too (30 February, hour 24, offset 99:99).
_ISO = st.from_regex(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[-+][0-9]{2}:[0-9]{2})", fullmatch=True
)


@given(
    st.one_of(_DIGITS, _ISO, st.sampled_from(["2020-02-30T10:00:00Z", "2020-06-24T24:00:00Z", "0000-01-01T00:00:00Z"]))
)
def test_the_common_plain_scalars_resolve_as_the_general_rules_say(text: str) -> None:
    """Decimal digits and ISO timestamps are read in C first (``int``, ``fromisoformat``): the same value, or the
    same error, as the YAML patterns and ``parse_timestamp`` give."""
    general: Callable[[str], object] = _resolve._int if text.isdigit() else _resolve.parse_timestamp
    assert typed_outcome(lambda: resolve_plain(text)) == typed_outcome(lambda: general(text))
