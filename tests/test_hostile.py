"""Hostile and broken input: every bad file or bad edit gives one ``ArticleError`` that says what and where.

Each input is the real sample file with one thing broken by ``str.replace`` (or built in the test when it is
huge), so each test shows exactly what is wrong. Every test asserts the problems' ``path``, ``line``, ``column``
and exact ``message``, and that no other exception escapes: a ``RecursionError``, ``MemoryError``, ``TypeError``
or a ruamel.yaml or cattrs exception is a bug. Inputs built to exhaust the machine (alias bombs, deep nesting,
50 MB front matter) run under a memory bound (``tracemalloc``) and a hang guard (``signal.alarm``); no test
asserts a speed.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import re
import signal
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar, cast

import attrs
import pytest
from fixture_files import CORPUS_FILES, SAMPLE, read_text

import articlefm
from articlefm import Article, ArticleError, Document, Image, Limits, Secured, dumps, load, loads

T = TypeVar("T")


TEXT = read_text(SAMPLE)
FRONT_MATTER = TEXT[4 : TEXT.index("\n---\n", 3) + 1]  # 5,433 characters, lines 2 to 96
TOKEN = re.search(r'^secured: "(.*)"$', TEXT, re.MULTILINE).group(1)  # type: ignore[union-attr]
PAYLOAD, IV = TOKEN.split(";")
SECURED_LINE = f'secured: "{TOKEN}"'
TITLE = "\ntitle: " + '"The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"\n'
TYPE = "\ntype: article\n"  # the article's own type line (related items indent theirs)
TOPICS = "\ntopics:\n  - Natural Language Processing\n  - AI\n"
EXCERPT_START = '\nexcerpt: "While'

MEMORY_BOUND = 64 * 2**20  # bytes: generous for inputs that are small but expand (bombs, deep nesting)
HANG_SECONDS = 30
CORE_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!seq, !!map"


def tag_message(written: str) -> str:
    return f"expected no YAML tag but the core schema's ({CORE_TAGS}), found {written}"


# --- helpers: editing the sample, bounding time and memory, catching only ArticleError --------------------------------


def edit(old: str, new: str, text: str = TEXT) -> str:
    """``text`` with the one occurrence of ``old`` replaced (several would make the test ambiguous)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def front_matter_of(text: str) -> str:
    """The front matter of a sample-shaped text (``\\n`` line endings, no BOM), found without the library."""
    return text[4 : text.index("\n---\n", 3) + 1]


class _Hung(BaseException):
    """Raised by the alarm: a ``BaseException``, so no ``except Exception`` in the library can swallow it."""


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Turn a hang into a test failure after ``seconds`` (a guard, not a speed requirement)."""

    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    except _Hung:
        pytest.fail(f"still running after {seconds} s: treated as a hang", pytrace=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def bounded_memory(limit: int = MEMORY_BOUND) -> Iterator[None]:
    """Fail if the block allocates more than ``limit`` bytes at its peak (measured with ``tracemalloc``)."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        if started:
            tracemalloc.stop()
    assert peak <= limit, f"peak memory {peak:,} bytes, expected at most {limit:,}"


def bounded(call: Callable[[], T], memory: int = MEMORY_BOUND) -> T:
    """``call()``, under the memory bound and the hang guard."""
    with bounded_memory(memory), hang_guard():
        return call()


def rejected(call: Callable[[], object], memory: int = MEMORY_BOUND) -> ArticleError:
    """The ``ArticleError`` that ``call`` raises, under the memory bound and the hang guard.

    Returning normally fails the test; any other exception fails it with that exception chained.
    """
    with bounded_memory(memory), hang_guard():
        try:
            call()
        except ArticleError as exc:
            error = exc
        except Exception as exc:
            raise AssertionError(f"expected ArticleError, got {type(exc).__name__}: {str(exc)[:500]}") from exc
        else:
            pytest.fail("expected ArticleError, but the call returned normally", pytrace=False)
    assert type(error) is ArticleError
    assert isinstance(error, ValueError)
    return error


def rejected_text(text: str | bytes, **options: Any) -> ArticleError:
    return rejected(lambda: loads(text, **options))


def problems_of(error: ArticleError) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.column, p.message) for p in error.problems]


def assert_only_problem(error: ArticleError, path: str, line: int, column: int, message: str) -> None:
    assert problems_of(error) == [(path, line, column, message)]


# --- YAML tags: rejected, never constructed ---------------------------------------------------------------------------


@pytest.fixture
def no_os_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any call of ``os.system`` a test failure (a constructed tag would call it)."""

    def forbidden(command: str) -> int:
        pytest.fail(f"os.system was called with {command!r}", pytrace=False)

    monkeypatch.setattr(os, "system", forbidden)


TAG_CASES = [
    pytest.param(TYPE, '\ntype: !!python/object/apply:os.system ["touch MARKER"]\n', 9, 7, "type",
                 "!!python/object/apply:os.system", id="python-object-apply"),
    pytest.param(TYPE, "\ntype: !!python/name:os.system\n", 9, 7, "type", "!!python/name:os.system",
                 id="python-name"),
    pytest.param(TYPE, '\ntype: !!python/object/new:os.system ["touch MARKER"]\n', 9, 7, "type",
                 "!!python/object/new:os.system", id="python-object-new"),
    pytest.param(TYPE, "\ntype: !custom article\n", 9, 7, "type", "!custom", id="custom-tag-on-value"),
    pytest.param(TYPE, "\ntype: !!binary article\n", 9, 7, "type", "!!binary", id="yaml-1.1-tag-on-value"),
    pytest.param(TYPE, "\ntype: !<tag:example.com,2000:app/x> article\n", 9, 7, "type",
                 "!<tag:example.com,2000:app/x>", id="verbatim-tag"),
    pytest.param(TYPE, "\n!custom type: article\n", 9, 1, "", "!custom", id="tag-on-key"),
    pytest.param("  - AI\n", "  - !custom AI\n", 20, 5, "topics[1]", "!custom", id="tag-on-nested-list-item"),
    pytest.param("  - AI\n", "  - [!custom AI]\n", 20, 6, "topics[1][0]", "!custom", id="tag-in-flow-list-item"),
    pytest.param("\nprovider:\n", "\nprovider: !!python/object:os.system\n", 14, 11, "provider",
                 "!!python/object:os.system", id="tag-on-mapping"),
    pytest.param(TYPE, "\ntype: &a !custom article\n", 9, 7, "type", "!custom", id="anchor-then-tag"),
    pytest.param(TYPE, "\ntype: !custom &a article\n", 9, 7, "type", "!custom", id="tag-then-anchor"),
    pytest.param(TYPE, "\ntype: &a\n  !custom article\n", 9, 7, "type", "!custom", id="anchor-then-tag-on-next-line"),
    pytest.param(
        TYPE,
        '\ntype: article\nlocale: !!python/object/apply:os.system ["touch MARKER"]\n',
        10,
        9,
        "locale",
        "!!python/object/apply:os.system",
        id="python-tag-under-unknown-key",
    ),
]  # fmt: skip


@pytest.mark.usefixtures("no_os_system")
@pytest.mark.parametrize(("old", "new", "line", "column", "path", "written"), TAG_CASES)
def test_yaml_tag_is_rejected_and_never_constructed(
    tmp_path: Path, old: str, new: str, line: int, column: int, path: str, written: str
) -> None:
    marker = tmp_path / "pwned"
    text = edit(old, new.replace("MARKER", str(marker)))
    for schema in (Article, None):
        error = rejected_text(text, schema=schema)
        assert_only_problem(error, path, line, column, tag_message(written))
    assert not marker.exists()


@pytest.mark.usefixtures("no_os_system")
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_yaml_tag_after_an_anchor_and_a_comment_is_rejected(tmp_path: Path, schema: Any) -> None:
    """The tag check must not depend on the tag following the anchor directly (a comment may come between)."""
    marker = tmp_path / "pwned"
    text = edit(TYPE, f'\ntype: article\nlocale: &x # note\n  !!python/object/apply:os.system ["touch {marker}"]\n')
    try:
        error = rejected_text(text, schema=schema)
        assert_only_problem(error, "locale", 10, 9, tag_message("!!python/object/apply:os.system"))
    finally:
        assert not marker.exists()


# --- alias bombs: rejected with bounded memory; aliases of normal size load and round-trip ----------------------------


def billion_laughs_mapping(key: str) -> str:
    """``key:`` holding the classic bomb: nine levels, each ten aliases of the level before (10**9 strings)."""
    lines = [f"{key}:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def billion_laughs_sequence(key: str) -> str:
    """The same bomb as the block-sequence items of ``key:``."""
    lines = [f"{key}:", "  - &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  - &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


# The problem is at the first value past the budget, in document order, and is located at the text that value
# comes from (an alias expands to copies of its anchor's node, so the position is inside the anchored text).
BOMB_CASES = [
    pytest.param(
        TYPE,
        "\ntype: article\n" + billion_laughs_mapping("locale"),
        "locale.e[7][8][8][8][0]",
        11,
        10,
        id="unknown-key",
    ),
    pytest.param(TOPICS, "\n" + billion_laughs_sequence("topics"), "topics[4][7][8][8][7][5]", 19, 29, id="known-key"),
]


@pytest.mark.parametrize(("old", "new", "path", "line", "column"), BOMB_CASES)
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_billion_laughs_is_rejected_with_bounded_memory(
    old: str, new: str, path: str, line: int, column: int, schema: Any
) -> None:
    error = rejected_text(edit(old, new), schema=schema)
    assert_only_problem(
        error, path, line, column, "expected at most 100,000 values after expanding aliases (Limits.max_values)"
    )


def test_billion_laughs_in_strict_mode_is_rejected_with_bounded_memory() -> None:
    error = rejected_text(edit(TYPE, "\ntype: article\n" + billion_laughs_mapping("locale")), strict=True)
    assert_only_problem(
        error,
        "locale.e[7][8][8][8][0]",
        11,
        10,
        "expected at most 100,000 values after expanding aliases (Limits.max_values)",
    )


ALIASES = (
    "\ntype: article\n"
    "base: &base {name: Ubergizmo Feed, tags: [a, b]}\n"
    "copy: *base\n"
    "list: &list\n"
    "  - x\n"
    "  - y\n"
    "again: *list\n"
)


@pytest.mark.parametrize("schema", [None, Article], ids=["schema-None", "Article"])
def test_anchors_and_aliases_of_normal_size_load_and_round_trip_byte_for_byte(schema: Any) -> None:
    text = edit(TYPE, ALIASES)
    doc = bounded(lambda: loads(text, schema=schema))
    data = doc.meta if schema is None else doc.meta.extra
    assert data["copy"] == data["base"] == {"name": "Ubergizmo Feed", "tags": ["a", "b"]}
    assert data["again"] == data["list"] == ["x", "y"]
    assert dumps(doc) == text


def test_alias_to_a_known_field_loads_and_round_trips_byte_for_byte() -> None:
    text = edit(TITLE, TITLE.replace('title: "', 'title: &title "'))
    related_title = (
        '  - title: "Democrats and civil liberties groups back law banning facial recognition across the US"\n'
    )
    text = edit(related_title, "  - title: *title\n", text)
    doc = loads(text)
    assert doc.meta.related[0].title == doc.meta.title
    assert dumps(doc) == text


def test_editing_an_unrelated_key_keeps_anchors_and_aliases() -> None:
    text = edit(TYPE, ALIASES)
    doc = loads(text, schema=None)
    doc.meta["quality"] = 40
    assert dumps(doc) == edit("\nquality: 38\n", "\nquality: 40\n", text)


@pytest.mark.parametrize("schema", [None, Article], ids=["schema-None", "Article"])
def test_editing_through_an_alias_changes_only_the_aliased_entries(schema: Any) -> None:
    """Changing a value reached through ``*base`` may rewrite the ``base``/``copy`` lines, nothing else."""
    text = edit(TYPE, ALIASES)
    doc = loads(text, schema=schema)
    data = doc.meta if schema is None else doc.meta.extra
    data["copy"]["name"] = "X"
    out = dumps(doc)
    assert loads(out, schema=schema) == doc
    untouched = [line for line in text.splitlines(keepends=True) if not line.startswith(("base:", "copy:"))]
    kept = [line for line in out.splitlines(keepends=True) if line in untouched]
    assert kept == untouched, "lines the edit did not touch were rewritten or moved"


# --- deep nesting: an ArticleError, never a RecursionError ------------------------------------------------------------

DEPTH_MESSAGE = "expected at most 100 levels of nesting (Limits.max_depth)"
LEVELS = 20_000


def deep_block_mapping() -> str:
    """5,000 levels of ``a:``, each indented one more space (12.5 million characters, built when needed)."""
    return "".join(" " * level + "a:\n" for level in range(1, 5_001))


def deep_block_sequence() -> str:
    """5,000 levels of ``-``, each indented one more space."""
    return "".join(" " * level + "-\n" for level in range(1, 5_001))


# Each case: the replaced text, a builder of its replacement, and where the first node more than 100 levels
# below the root mapping is.
DEPTH_CASES = [
    pytest.param(TYPE, lambda: "\ntype: article\nlocale: " + "[" * LEVELS + "]" * LEVELS + "\n", 10, 109,
                 id="flow-sequences"),
    pytest.param(TYPE, lambda: "\ntype: article\nlocale: " + "{a: " * LEVELS + "b" + "}" * LEVELS + "\n", 10, 406,
                 id="flow-mappings"),
    pytest.param(TYPE, lambda: "\ntype: " + "[" * LEVELS + "]" * LEVELS + "\n", 9, 107,
                 id="flow-sequences-in-known-key"),
    pytest.param(TYPE, lambda: "\ntype: article\nlocale:\n" + deep_block_mapping(), 110, 101, id="block-mappings"),
    pytest.param(TYPE, lambda: "\ntype: article\nlocale:\n" + deep_block_sequence(), 111, 102,
                 id="block-sequences"),
    pytest.param(TYPE, lambda: "\ntype: article\nlocale:\n  " + "- " * 5_000 + "x\n", 11, 203,
                 id="compact-sequences"),
]  # fmt: skip


# The deep block cases run to 12.5 million characters: over the default size limit, which is not under test here.
ROOMY = Limits(max_front_matter=20_000_000)


@pytest.mark.parametrize(("old", "build", "line", "column"), DEPTH_CASES)
def test_deep_nesting_is_an_article_error_not_a_recursion_error(
    old: str, build: Callable[[], str], line: int, column: int
) -> None:
    error = rejected_text(edit(old, build()), limits=ROOMY)
    assert_only_problem(error, "", line, column, DEPTH_MESSAGE)


def test_deep_unclosed_flow_sequence_is_refused_at_the_depth_limit_before_the_missing_bracket() -> None:
    error = rejected_text(edit(TYPE, "\ntype: article\nlocale: " + "[" * LEVELS + "\n"))
    assert_only_problem(error, "", 10, 109, DEPTH_MESSAGE)


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_deep_nesting_without_a_schema_is_an_article_error_not_a_recursion_error(strict: bool) -> None:
    text = edit(TYPE, "\ntype: article\nlocale:\n" + deep_block_mapping())
    error = rejected_text(text, schema=None, strict=strict, limits=ROOMY)
    assert_only_problem(error, "", 110, 101, DEPTH_MESSAGE)


def test_nesting_100_levels_below_the_root_is_accepted_and_101_is_not() -> None:
    """Levels count down from the root mapping (level 0): ``a: [[...]]`` with 100 lists nests 100 levels."""
    doc = loads("---\na: " + "[" * 100 + "]" * 100 + "\n---\n", schema=None)
    assert isinstance(doc.meta["a"], list)
    error = rejected_text("---\na: " + "[" * 101 + "]" * 101 + "\n---\n", schema=None)
    assert_only_problem(error, "", 2, 104, DEPTH_MESSAGE)


@pytest.mark.parametrize("aliased", [False, True], ids=["nested", "through-an-alias"])
def test_the_deepest_nesting_the_limits_allow_is_read_without_a_recursion_error(aliased: bool) -> None:
    """``Limits(max_depth=500)``, the most it may be: 499 lists below ``a`` (their item at level 500) load, typed
    for ``schema=None`` and, as an unknown key of an article, are typed into ``extra`` on the slow path."""
    limits = Limits(max_depth=500)
    nested = "[" * 499 + "1" + "]" * 499
    text = f"---\na: &x {nested}\nb: *x\n---\n" if aliased else f"---\na: {nested}\n---\n"
    value = loads(text, schema=None, limits=limits).meta["a"]
    for _ in range(499):
        assert isinstance(value, list)
        assert len(value) == 1
        value = value[0]
    assert value == 1
    error = rejected_text(text, limits=limits)  # an article without its required keys: every one reported
    assert {p.message for p in error.problems} >= {"missing required key 'category'", "missing required key 'title'"}


# --- size limits and articlefm.Limits --------------------------------------------------------------------------------

FIFTY_MB = 52_428_800


def sample_with_topics_to(size: int) -> str:
    """The sample with 1,000-character topics added until its front matter is exactly ``size`` characters."""
    missing = size - len(FRONT_MATTER)
    line = "  - " + "t" * 995 + "\n"
    count, rest = divmod(missing, len(line))
    if rest < 6:
        count, rest = count - 1, rest + len(line)
    text = edit("\ntopics:\n", "\ntopics:\n" + line * count + "  - " + "u" * (rest - 5) + "\n")
    assert len(front_matter_of(text)) == size
    return text


def sample_with_excerpt_to(size: int, filler: str = "x") -> str:
    """The sample with its excerpt grown until its front matter is exactly ``size`` characters."""
    text = edit(EXCERPT_START, '\nexcerpt: "' + filler * (size - len(FRONT_MATTER)) + "While")
    assert len(front_matter_of(text)) == size
    return text


def test_limits_is_a_frozen_attrs_class_with_the_documented_defaults() -> None:
    limits = Limits()
    assert attrs.has(type(limits))
    assert [field.name for field in attrs.fields(type(limits))] == ["max_front_matter", "max_depth", "max_values"]
    assert (limits.max_front_matter, limits.max_depth, limits.max_values) == (1_048_576, 100, 100_000)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        limits.max_depth = 5  # type: ignore[misc]
    assert Limits(max_depth=5) == Limits(max_depth=5)


@pytest.mark.parametrize(
    "build", [sample_with_topics_to, sample_with_excerpt_to], ids=["50-MB-of-lines", "one-50-MB-scalar"]
)
def test_front_matter_of_50_mb_is_rejected_by_the_default_limit(build: Callable[[int], str]) -> None:
    text = build(FIFTY_MB)
    error = rejected(lambda: loads(text))
    assert_only_problem(
        error,
        "",
        2,
        1,
        "expected a front matter of at most 1,048,576 characters, found 52,428,800 (Limits.max_front_matter)",
    )


def test_raising_the_front_matter_limit_lets_a_large_valid_file_load() -> None:
    text = sample_with_excerpt_to(1_500_000)
    error = rejected(lambda: loads(text))
    assert_only_problem(
        error,
        "",
        2,
        1,
        "expected a front matter of at most 1,048,576 characters, found 1,500,000 (Limits.max_front_matter)",
    )
    limits = Limits(max_front_matter=2_000_000)
    doc = bounded(lambda: loads(text, limits=limits))
    assert doc.meta.excerpt == "x" * (1_500_000 - len(FRONT_MATTER)) + str(loads(TEXT).meta.excerpt)
    assert dumps(doc) == text


def test_front_matter_limit_counts_characters_not_bytes() -> None:
    text = sample_with_excerpt_to(6_000, filler="é")  # 567 two-byte characters
    limits = Limits(max_front_matter=5_999)
    error = rejected(lambda: loads(text.encode("utf-8"), limits=limits))
    assert_only_problem(
        error, "", 2, 1, "expected a front matter of at most 5,999 characters, found 6,000 (Limits.max_front_matter)"
    )
    excerpt = loads(text.encode("utf-8"), limits=Limits(max_front_matter=6_000)).meta.excerpt
    assert excerpt is not None
    assert excerpt.startswith("éé")


def test_smaller_front_matter_limit_rejects_the_sample_and_its_exact_size_is_accepted() -> None:
    assert len(FRONT_MATTER) == 5_433
    error = rejected(lambda: loads(TEXT, limits=Limits(max_front_matter=5_432)))
    assert_only_problem(
        error, "", 2, 1, "expected a front matter of at most 5,432 characters, found 5,433 (Limits.max_front_matter)"
    )
    assert dumps(loads(TEXT, limits=Limits(max_front_matter=5_433))) == TEXT


def test_load_takes_limits_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "boston.md"
    path.write_bytes(SAMPLE.read_bytes())
    error = rejected(lambda: load(path, limits=Limits(max_front_matter=1_000)))
    assert str(error) == (
        f"{path}:2:1: expected a front matter of at most 1,000 characters, found 5,433 (Limits.max_front_matter)"
    )
    assert load(path, limits=Limits()).meta.quality == 38


def test_sample_nests_five_levels_so_max_depth_4_rejects_it_and_5_accepts_it() -> None:
    """related > item > images > item > url: the ``url`` key of related[0].images[0] is the first node too deep."""
    error = rejected(lambda: loads(TEXT, limits=Limits(max_depth=4)))
    assert_only_problem(error, "", 42, 9, "expected at most 4 levels of nesting (Limits.max_depth)")
    assert dumps(loads(TEXT, limits=Limits(max_depth=5))) == TEXT


def test_max_values_50_rejects_the_sample_at_its_51st_value() -> None:
    """Values are counted in document order, the root mapping first; keys do not count."""
    error = rejected(lambda: loads(TEXT, limits=Limits(max_values=50)))
    assert_only_problem(
        error,
        "related[1].cdnAmpWebUrl",
        51,
        19,
        "expected at most 50 values after expanding aliases (Limits.max_values)",
    )


def test_default_limits_accept_every_corpus_file() -> None:
    assert len(CORPUS_FILES) == 146
    limits = Limits()
    refused = []
    for path in CORPUS_FILES:
        try:
            doc = load(path, limits=limits)
        except ArticleError as exc:
            refused.append(str(exc))
        else:
            assert dumps(doc) == read_text(path), path
    assert refused == []


# --- encodings: bad bytes named by offset and position; a UTF-8 BOM is fine -------------------------------------------

SAMPLE_BYTES = TEXT.encode("utf-8")


def byte_edit(old: bytes, new: bytes) -> bytes:
    assert SAMPLE_BYTES.count(old) == 1
    return SAMPLE_BYTES.replace(old, new)


ENCODING_CASES = [
    pytest.param(
        byte_edit(b'\ntitle: "The City', b'\ntitle: "The Cit\xe9'),
        3,
        16,
        "found byte(s) e9 at byte offset 34",
        id="latin-1",
    ),
    pytest.param(
        byte_edit(b"name: Ubergizmo Feed", b"name: Uber\x80gizmo Feed"),
        15,
        13,
        "found byte(s) 80 at byte offset 704",
        id="lone-continuation-byte",
    ),
    pytest.param(
        SAMPLE_BYTES + b"\xe2\x82", 98, 1, "found byte(s) e2 82 at byte offset 5444", id="truncated-sequence-at-end"
    ),
    pytest.param(
        byte_edit(b"name: Ubergizmo Feed", b"name: Uber\xc0\xafgizmo Feed"),
        15,
        13,
        "found byte(s) c0 at byte offset 704",
        id="overlong-encoding",
    ),
    pytest.param(
        byte_edit(b"name: Ubergizmo Feed", b"name: Uber\xed\xa0\x80gizmo Feed"),
        15,
        13,
        "found byte(s) ed at byte offset 704",
        id="encoded-surrogate",
    ),
]


@pytest.mark.parametrize(("data", "line", "column", "found"), ENCODING_CASES)
def test_invalid_utf8_is_named_by_byte_offset_and_position(data: bytes, line: int, column: int, found: str) -> None:
    assert_only_problem(rejected_text(data), "", line, column, f"expected UTF-8, {found}")


def test_invalid_utf8_column_counts_characters_like_every_other_column() -> None:
    """Two-byte characters before the bad byte: the column is in characters, the offset in bytes."""
    data = byte_edit(b'\ntitle: "The City', '\ntitle: "Thé Ciťy'.encode() + b"\xe9")
    assert_only_problem(rejected_text(data), "", 3, 17, "expected UTF-8, found byte(s) e9 at byte offset 37")


@pytest.mark.parametrize(
    "data", [TEXT.encode("utf-16"), b"\xff\xfe" + TEXT.encode("utf-16-le"), b"\xfe\xff" + TEXT.encode("utf-16-be")],
    ids=["utf-16-native", "utf-16-le", "utf-16-be"],
)  # fmt: skip
def test_utf16_with_bom_is_rejected_by_name(data: bytes) -> None:
    assert_only_problem(rejected_text(data), "", 1, 1, "expected UTF-8, found a UTF-16 byte order mark")


@pytest.mark.parametrize("text", ["\ufeff" + TEXT, ("\ufeff" + TEXT).encode("utf-8")], ids=["str", "bytes"])
def test_utf8_bom_is_accepted_and_round_trips(text: str | bytes) -> None:
    doc = loads(text)
    assert doc.meta.quality == 38
    assert dumps(doc) == "\ufeff" + TEXT


CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        pytest.param("  name: Ubergizmo Feed", "  name: Uber{}gizmo Feed", 15, 13, id="plain"),
        pytest.param('\ntitle: "The City', '\ntitle: "The Ci{}ty', 3, 15, id="double-quoted"),
        pytest.param(TYPE, "\ntype: article\nlo{}cale: x\n", 10, 3, id="in-a-key"),
    ],
)
def test_raw_control_character_is_located_on_its_line_and_column(
    char: str, old: str, new: str, line: int, column: int
) -> None:
    text = edit(old, new.format(char))
    message = f"invalid YAML: unacceptable character #x{ord(char):04x}: control characters are not allowed"
    assert_only_problem(rejected_text(text), "", line, column, message)
    assert_only_problem(rejected_text(text.encode("utf-8")), "", line, column, message)
    assert_only_problem(rejected_text(text.replace("\n", "\r\n")), "", line, column, message)


def test_lone_surrogate_in_text_is_an_article_error_at_its_position() -> None:
    text = edit("  name: Ubergizmo Feed", "  name: Uber\ud800gizmo Feed")
    assert_only_problem(
        rejected_text(text),
        "",
        15,
        13,
        "invalid YAML: unacceptable character #xd800: special characters are not allowed",
    )


@pytest.mark.parametrize("char", ["\r", "\x85", "\u2028"], ids=["bare-CR", "NEL", "LS"])
def test_line_break_yaml_sees_inside_a_line_does_not_shift_the_position(char: str) -> None:
    """ruamel.yaml counts these as line breaks; the file's lines (and so the reported line) are ``\\n`` lines."""
    text = edit("  name: Ubergizmo Feed", f"  name: Ubergizmo{char}Feed")
    assert_only_problem(
        rejected_text(text), "", 16, 9, "invalid YAML: while scanning a simple key could not find expected ':'"
    )


# --- structure: framing, documents, keys, the root, duplicates --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "expected '---' as the first line, found an empty file", id="empty-file"),
        pytest.param("\n", "expected '---' as the first line, found ''", id="newline-only"),
        pytest.param("---", "front matter opened here is never closed by a '---' line", id="dashes-alone"),
        pytest.param("---\n", "front matter opened here is never closed by a '---' line", id="dashes-line-alone"),
        pytest.param(TEXT[4:], "expected '---' as the first line, found 'category: news'", id="no-opening-line"),
        pytest.param("--- \n" + TEXT[4:], "expected '---' as the first line, found '--- '", id="opening-with-space"),
        pytest.param(TEXT.replace("\n---\n", "\n--- \n"), "front matter opened here is never closed by a '---' line",
                     id="never-closed"),
        # After a BOM: the same problems, the BOM not shown.
        pytest.param("\ufeff", "expected '---' as the first line, found an empty file", id="bom-alone"),
        pytest.param("\ufeff" + TEXT[4:], "expected '---' as the first line, found 'category: news'",
                     id="bom-no-opening-line"),
        pytest.param("\ufeff---\r\n", "front matter opened here is never closed by a '---' line", id="bom-crlf-alone"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_broken_framing_is_reported_on_line_1(text: str, message: str, schema: Any) -> None:
    assert_only_problem(rejected_text(text, schema=schema), "", 1, 1, message)


def test_empty_front_matter_names_every_missing_required_key() -> None:
    error = rejected_text("---\n---\n")
    assert problems_of(error) == [
        (key, 2, 1, f"missing required key {key!r}")
        for key in ("category", "title", "publishedDateTime", "webUrl", "type", "provider")
    ]
    assert loads("---\n---\n", schema=None).meta == {}


ANOTHER_DOCUMENT = "expected one YAML document in the front matter, found a second"


@pytest.mark.parametrize(
    ("new", "line", "message"),
    [
        pytest.param("--- second\nlocale: en\n", 10, ANOTHER_DOCUMENT, id="dashes-with-text"),
        pytest.param("--- \nlocale: en\n", 10, ANOTHER_DOCUMENT, id="dashes-with-space"),
        pytest.param("--- # note\nlocale: en\n", 10, ANOTHER_DOCUMENT, id="dashes-with-comment"),
        pytest.param("...\nlocale: en\n", 11, "invalid YAML: did not find expected <document start>",
                     id="dots-then-more"),
    ],
)  # fmt: skip
def test_second_yaml_document_in_the_front_matter_is_rejected(new: str, line: int, message: str) -> None:
    error = rejected_text(edit(TYPE, "\ntype: article\n" + new))
    assert_only_problem(error, "", line, 1, message)


def test_document_end_marker_closing_the_front_matter_is_accepted_and_round_trips() -> None:
    text = edit("\n---\n", "\n...\n---\n")
    assert dumps(loads(text)) == text


@pytest.mark.parametrize(
    ("key", "column", "found"),
    [
        pytest.param("1: x\n", 1, "integer 1", id="int"),
        pytest.param("true: x\n", 1, "boolean true", id="bool"),
        pytest.param("null: x\n", 1, "null", id="null"),
        pytest.param("~: x\n", 1, "null", id="tilde"),
        pytest.param("1.5: x\n", 1, "float 1.5", id="float"),
        pytest.param("2020-01-01: x\n", 1, "date 2020-01-01", id="date"),
        pytest.param("[a]: x\n", 1, "a collection", id="flow-sequence"),
        pytest.param("{a: b}: x\n", 1, "a collection", id="flow-mapping"),
        pytest.param("? {a: b}\n: x\n", 3, "a collection", id="complex-mapping-key"),
        pytest.param("? [a]\n: x\n", 3, "a collection", id="complex-sequence-key"),
        pytest.param("<<: x\n", 1, "a merge key '<<'", id="merge-key"),
    ],
)
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_non_string_key_is_rejected(key: str, column: int, found: str, schema: Any) -> None:
    error = rejected_text(edit(TYPE, "\ntype: article\n" + key), schema=schema)
    assert_only_problem(error, "", 10, column, f"expected a string key, found {found}")


@pytest.mark.parametrize(
    ("key", "column", "found"),
    [
        pytest.param("1: x\n", 3, "integer 1", id="int"),
        pytest.param("[a]: x\n", 3, "a collection", id="flow-sequence"),
        pytest.param("? {a: b}\n  : x\n", 5, "a collection", id="complex-mapping-key"),
    ],
)
def test_non_string_key_in_a_nested_mapping_names_the_mapping(key: str, column: int, found: str) -> None:
    error = rejected_text(edit("  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  " + key))
    assert_only_problem(error, "provider", 17, column, f"expected a string key, found {found}")


def test_quoted_keys_that_look_like_other_types_are_strings() -> None:
    doc = loads(edit(TYPE, '\ntype: article\n"1": x\n"true": y\n"": z\n'))
    assert doc.meta.extra == {"1": "x", "true": "y", "": "z"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("---\n- a\n- b\n---\n", "a list", id="block-list"),
        pytest.param("---\n[a, b]\n---\n", "a list", id="flow-list"),
        pytest.param("---\nhello\n---\n", "a scalar", id="plain-scalar"),
        pytest.param('---\n"hello"\n---\n', "a scalar", id="quoted-scalar"),
        pytest.param("---\n~\n---\n", "a scalar", id="null"),
        pytest.param("---\n42\n---\n", "a scalar", id="integer"),
    ],
)
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_root_that_is_not_a_mapping_is_rejected(text: str, found: str, schema: Any) -> None:
    error = rejected_text(text, schema=schema)
    assert_only_problem(error, "", 2, 1, f"expected a mapping of keys to values as front matter, found {found}")


DUPLICATE_CASES = [
    pytest.param("\nquality: 38\n", "\nquality: 38\nquality: 39\n", "quality", 11, 1, 10, id="adjacent"),
    pytest.param("\nquality: 38\n", '\nquality: 38\n"quality": 39\n', "quality", 11, 1, 10, id="quoted-spelling"),
    pytest.param("\nsecured:", "\ncategory: news\n\nsecured:", "category", 95, 1, 2, id="far-apart"),
    pytest.param("    quality: 83\n", "    quality: 83\n    quality: 84\n", "related[0].quality", 41, 5, 40,
                 id="in-related-item"),
    pytest.param("      name: The Next Web\n", "      name: The Next Web\n      name: TNW\n",
                 "related[0].provider.name", 39, 7, 38, id="in-related-provider"),
    pytest.param("        width: 796\n", "        width: 796\n        width: 797\n",
                 "related[0].images[0].width", 44, 9, 43, id="in-related-image"),
    pytest.param(TYPE, "\ntype: article\nlocale: {a: 1, a: 2}\n", "locale.a", 10, 16, 10, id="in-flow-mapping"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "path", "line", "column", "first"), DUPLICATE_CASES)
@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_repeated_key_names_both_lines(
    old: str, new: str, path: str, line: int, column: int, first: int, schema: Any
) -> None:
    error = rejected_text(edit(old, new), schema=schema)
    assert_only_problem(error, path, line, column, f"duplicate key, first defined on line {first}")


def test_key_repeated_twice_reports_each_repeat() -> None:
    error = rejected_text(edit("\nquality: 38\n", "\nquality: 38\nquality: 39\nquality: 40\n"))
    assert problems_of(error) == [
        ("quality", 11, 1, "duplicate key, first defined on line 10"),
        ("quality", 12, 1, "duplicate key, first defined on line 10"),
    ]


# --- types and values -------------------------------------------------------------------------------------------------

QUALITY = "\nquality: 38\n"
DATE = "publishedDateTime: 2020-06-24T23:48:00Z\n"
WEB_URL = 'webUrl: "https://www.ubergizmo.com/2020/06/boston-ban-facial-recognition-surveillance/"\n'

TYPE_CASES = [
    pytest.param(QUALITY, "\nquality: true\n", "quality", 10, 10, "expected an integer, found boolean true",
                 id="quality-bool"),
    pytest.param(QUALITY, "\nquality: 3.0\n", "quality", 10, 10, "expected an integer, found float 3.0",
                 id="quality-float"),
    pytest.param(QUALITY, '\nquality: "38"\n', "quality", 10, 10, "expected an integer, found string '38'",
                 id="quality-quoted"),
    pytest.param(QUALITY, "\nquality: " + "1" * 5_000 + "\n", "quality", 10, 10,
                 "expected an integer of at most 4300 digits, found 5000 digits", id="quality-5000-digits"),
    pytest.param(QUALITY, "\nquality: -" + "1" * 5_000 + "\n", "quality", 10, 10,
                 "expected an integer of at most 4300 digits, found 5000 digits", id="quality-negative-5000-digits"),
    pytest.param(DATE, "publishedDateTime: 2020-06-24T23:48:00\n", "publishedDateTime", 5, 20,
                 "expected a timestamp with a time zone (Z or +HH:MM), found datetime 2020-06-24 23:48:00",
                 id="datetime-without-timezone"),
    pytest.param(DATE, "publishedDateTime: 2020-06-24\n", "publishedDateTime", 5, 20,
                 "expected a timestamp such as 2020-06-24T23:48:00Z, found date 2020-06-24", id="date-only"),
    pytest.param(DATE, "publishedDateTime: 2020-02-30T23:48:00Z\n", "publishedDateTime", 5, 20,
                 "expected a valid date and time, found '2020-02-30T23:48:00Z' (day is out of range for month)",
                 id="february-30"),
    pytest.param(DATE, "publishedDateTime: 2020-06-24T25:48:00Z\n", "publishedDateTime", 5, 20,
                 "expected a valid date and time, found '2020-06-24T25:48:00Z' (hour must be in 0..23)", id="hour-25"),
    pytest.param(WEB_URL, 'webUrl: "javascript:alert(1)"\n', "webUrl", 6, 9,
                 "expected an http:// or https:// URL with a host, found string 'javascript:alert(1)'",
                 id="url-javascript"),
    pytest.param(WEB_URL, 'webUrl: "ftp://example.com/a"\n', "webUrl", 6, 9,
                 "expected an http:// or https:// URL with a host, found string 'ftp://example.com/a'", id="url-ftp"),
    pytest.param(WEB_URL, 'webUrl: "https://"\n', "webUrl", 6, 9,
                 "expected an http:// or https:// URL with a host, found string 'https://'", id="url-no-host"),
    pytest.param(WEB_URL, 'webUrl: "http:///path"\n', "webUrl", 6, 9,
                 "expected an http:// or https:// URL with a host, found string 'http:///path'", id="url-empty-host"),
    pytest.param(TITLE, '\ntitle: ""\n', "title", 3, 8, "expected a non-empty string, found an empty one",
                 id="title-empty"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "path", "line", "column", "message"), TYPE_CASES)
def test_wrong_type_or_invalid_value_is_located(
    old: str, new: str, path: str, line: int, column: int, message: str
) -> None:
    assert_only_problem(rejected_text(edit(old, new)), path, line, column, message)


@pytest.mark.parametrize("schema", [Article, None], ids=["Article", "schema-None"])
def test_5000_digit_integer_under_an_unknown_key_is_located_at_its_key(schema: Any) -> None:
    error = rejected_text(edit(QUALITY, "\nquality: 38\nbig: " + "1" * 5_000 + "\n"), schema=schema)
    assert_only_problem(error, "big", 11, 6, "expected an integer of at most 4300 digits, found 5000 digits")


# --- secured tokens: every rule, and the token never shown ------------------------------------------------------------

SECURED_CASES = [
    pytest.param(PAYLOAD[:10] + "*" + PAYLOAD[11:] + ";" + IV,
                 "expected standard base64 in the payload, found characters or padding that are not base64",
                 id="bad-base64-character"),
    pytest.param(PAYLOAD[:-1] + ";" + IV,
                 "expected standard base64 in the payload, found characters or padding that are not base64",
                 id="bad-padding"),
    pytest.param(PAYLOAD[:40] + " " + PAYLOAD[40:] + ";" + IV,
                 "expected standard base64 in the payload, found whitespace", id="space-inside"),
    pytest.param(PAYLOAD + ";" + IV[:8] + "\\t" + IV[8:], "expected standard base64 in the iv, found whitespace",
                 id="tab-inside"),
    pytest.param(PAYLOAD + IV, "expected '<payload>;<iv>', found no ';'", id="no-semicolon"),
    pytest.param(PAYLOAD + ";" + IV + ";" + IV, "expected '<payload>;<iv>', found 2 ';'", id="two-semicolons"),
    pytest.param(PAYLOAD + ";" + base64.b64encode(bytes(15)).decode(),
                 "expected the iv to decode to 16 bytes, found 15", id="iv-15-bytes"),
    pytest.param(PAYLOAD + ";" + base64.b64encode(bytes(17)).decode(),
                 "expected the iv to decode to 16 bytes, found 17", id="iv-17-bytes"),
    pytest.param(";" + IV, "expected base64 text in the payload, found nothing", id="empty-payload"),
    pytest.param(base64.b64encode(bytes(17)).decode() + ";" + IV,
                 "expected the payload to decode to a non-empty multiple of 16 bytes, found 17",
                 id="payload-not-a-multiple-of-16"),
]  # fmt: skip


def assert_token_not_shown(error: ArticleError, token: str) -> None:
    shown = str(error) + repr(error) + repr(error.problems) + repr(error.args)
    for secret in {token, PAYLOAD[:16], PAYLOAD[-16:], IV[:12]} - {""}:
        assert secret not in shown


@pytest.mark.parametrize(("token", "message"), SECURED_CASES)
def test_bad_secured_token_is_located_and_never_shown(token: str, message: str) -> None:
    error = rejected_text(edit(SECURED_LINE, f'secured: "{token}"'))
    assert_only_problem(error, "secured", 95, 10, message)
    assert_token_not_shown(error, token)


@pytest.mark.parametrize(
    ("new", "line", "column", "message"),
    [
        pytest.param(f'secured: "{TOKEN}', 96, 1,
                     "invalid YAML: while scanning a quoted scalar found unexpected end of stream",
                     id="unclosed-quote"),
        pytest.param(f"secured: {TOKEN}: x", 95, 379, "invalid YAML: mapping values are not allowed in this context",
                     id="plain-with-colon"),
    ],
)  # fmt: skip
def test_secured_line_that_is_not_yaml_is_located_and_never_shown(
    new: str, line: int, column: int, message: str
) -> None:
    error = rejected_text(edit(SECURED_LINE, new))
    assert_only_problem(error, "", line, column, message)
    assert_token_not_shown(error, TOKEN)


# --- every problem at once, sorted by line ----------------------------------------------------------------------------


def test_five_different_problems_are_reported_at_once_sorted_by_line() -> None:
    bad = edit(SECURED_LINE, f'secured: "{PAYLOAD}{IV}"')
    bad = edit("\n    width: 900\n", "\n    width: 0\n", bad)
    bad = edit("  domain: ubergizmo.com\n", "  domain: not a host!\n", bad)
    bad = edit(QUALITY, "\nquality: true\n", bad)
    bad = edit(TITLE, '\ntitle: ""\n', bad)
    error = rejected_text(bad, filename="a.md")
    assert problems_of(error) == [
        ("title", 3, 8, "expected a non-empty string, found an empty one"),
        ("quality", 10, 10, "expected an integer, found boolean true"),
        ("provider.domain", 16, 11, "expected a host name such as 'example.com', found string 'not a host!'"),
        ("images[0].width", 24, 12, "expected an integer >= 1, found 0"),
        ("secured", 95, 10, "expected '<payload>;<iv>', found no ';'"),
    ]
    assert str(error).splitlines()[0] == "a.md:3:8: title: expected a non-empty string, found an empty one"
    assert_token_not_shown(error, PAYLOAD + IV)


def test_key_problems_and_value_problems_are_reported_together() -> None:
    """A duplicate or non-string key must not hide the value problems elsewhere in the file."""
    bad = edit("\n    width: 900\n", "\n    width: 0\n")
    bad = edit("\npublished: false\n", "\npublished: false\ntrue: x\n", bad)
    bad = edit(QUALITY, "\nquality: true\nquality: 39\n", bad)
    bad = edit(TITLE, '\ntitle: ""\n', bad)
    error = rejected_text(bad)
    assert problems_of(error) == [
        ("title", 3, 8, "expected a non-empty string, found an empty one"),
        ("quality", 10, 10, "expected an integer, found boolean true"),
        ("quality", 11, 1, "duplicate key, first defined on line 10"),
        ("", 14, 1, "expected a string key, found boolean true"),
        ("images[0].width", 26, 12, "expected an integer >= 1, found 0"),
    ]


# --- editing through the API: a bad assignment raises at once and changes nothing -------------------------------------


def set_naive_date(doc: Document[Article]) -> None:
    doc.meta.published_date_time = dt.datetime(2020, 6, 24, 23, 48)  # naive: the point of the test


ASSIGNMENT_CASES = [
    pytest.param(lambda d: setattr(d.meta, "quality", "high"), lambda d: d.meta.quality, 38,
                 "quality: expected an integer, found string 'high'", id="quality-string"),
    pytest.param(lambda d: setattr(d.meta, "quality", True), lambda d: d.meta.quality, 38,
                 "quality: expected an integer, found boolean true", id="quality-bool"),
    pytest.param(lambda d: setattr(d.meta, "quality", -3), lambda d: d.meta.quality, 38,
                 "quality: expected an integer >= 0, found -3", id="quality-negative"),
    pytest.param(lambda d: setattr(d.meta, "title", ""), lambda d: d.meta.title,
                 "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance",
                 "title: expected a non-empty string, found an empty one", id="title-empty"),
    pytest.param(lambda d: setattr(d.meta.provider, "domain", "not a host!"), lambda d: d.meta.provider.domain,
                 "ubergizmo.com", "domain: expected a host name such as 'example.com', found string 'not a host!'",
                 id="provider-domain"),
    pytest.param(lambda d: setattr(d.meta.images[0], "width", 0), lambda d: d.meta.images[0].width, 900,
                 "width: expected an integer >= 1, found 0", id="image-width-zero"),
    pytest.param(lambda d: setattr(d.meta, "secured", "x"), lambda d: d.meta.secured, Secured(TOKEN),
                 "secured: expected Secured, found a str value", id="secured-string"),
    pytest.param(set_naive_date, lambda d: d.meta.published_date_time,
                 dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.UTC),
                 "published_date_time: expected a timestamp with a time zone (Z or +HH:MM),"
                 " found datetime 2020-06-24 23:48:00", id="naive-datetime"),
    pytest.param(lambda d: setattr(d.meta, "topics", "AI"), lambda d: d.meta.topics,
                 ["Natural Language Processing", "AI"], "topics: expected a list, found string 'AI'",
                 id="topics-string"),
]  # fmt: skip


@pytest.mark.parametrize(("assign", "read", "old", "message"), ASSIGNMENT_CASES)
def test_bad_assignment_raises_at_once_and_leaves_the_model_unchanged(
    assign: Callable[[Document[Article]], None], read: Callable[[Document[Article]], object], old: object, message: str
) -> None:
    doc = loads(TEXT)
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        assign(doc)
    assert info.type is ValueError
    assert str(info.value) == message
    assert read(doc) == old
    assert dumps(doc) == TEXT


# --- editing through the API: bad values put in lists (unvalidated) are caught on write ------------------------------


def bad_related_image(doc: Document[Article]) -> None:
    """A real ``Image`` with an invalid width, built with validators off (``evolve`` alone would refuse)."""
    with attrs.validators.disabled():
        doc.meta.related[1].images[0] = attrs.evolve(doc.meta.related[1].images[0], width=0)


MUTATION_CASES = [
    pytest.param(lambda d: d.meta.topics.append(""), "topics[2]", "expected a non-empty string, found an empty one",
                 id="empty-topic"),
    pytest.param(lambda d: cast(list[Any], d.meta.topics).append(3), "topics[2]",
                 "expected a string, found integer 3", id="integer-topic"),
    pytest.param(lambda d: cast(list[Any], d.meta.images).append("not an image"), "images[1]",
                 "expected Image, found string 'not an image'", id="string-image"),
    pytest.param(lambda d: cast(list[Any], d.meta.related[0].images).__setitem__(0, "not an image"),
                 "related[0].images[0]", "expected Image, found string 'not an image'", id="string-related-image"),
    pytest.param(lambda d: cast(list[Any], d.meta.provider.images).append("logo"), "provider.images[0]",
                 "expected Image, found string 'logo'", id="string-provider-logo"),
    pytest.param(lambda d: d.meta.images.append(Image(url="/assets/logo.png", width=50, height=50)), "images[1].url",
                 "expected an http:// or https:// URL with a host (only provider logos may be site-relative),"
                 " found string '/assets/logo.png'", id="site-relative-article-image"),
    pytest.param(bad_related_image, "related[1].images[0].width", "expected an integer >= 1, found 0",
                 id="invalid-image-object"),
    pytest.param(lambda d: d.meta.extra.__setitem__("locale", {"en", "fr"}), "locale", "cannot write a set value",
                 id="set-in-extra"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "path", "message"), MUTATION_CASES)
def test_invalid_model_is_an_article_error_on_dumps_naming_the_field(
    mutate: Callable[[Document[Article]], None], path: str, message: str
) -> None:
    doc = loads(TEXT)
    mutate(doc)
    error = rejected(lambda: dumps(doc))
    assert_only_problem(error, path, 0, 0, message)
    assert error.filename == "<document>"
    assert str(error) == f"<document>: {path}: {message}"


def test_invalid_model_of_a_new_document_is_an_article_error_on_dumps() -> None:
    doc = Document(meta=loads(TEXT).meta)  # no source file: written in house style
    doc.meta.topics.append("")
    error = rejected(lambda: dumps(doc))
    assert str(error) == "<document>: topics[2]: expected a non-empty string, found an empty one"


@pytest.mark.parametrize(("mutate", "path", "message"), MUTATION_CASES)
def test_invalid_model_is_an_article_error_on_dump_and_the_file_is_left_alone(
    tmp_path: Path, mutate: Callable[[Document[Article]], None], path: str, message: str
) -> None:
    target = tmp_path / "boston.md"
    target.write_bytes(SAMPLE.read_bytes())
    doc = load(target)
    mutate(doc)
    error = rejected(lambda: articlefm.dump(doc, target))
    assert_only_problem(error, path, 0, 0, message)
    assert error.filename == str(target)
    assert str(error) == f"{target}: {path}: {message}"
    assert target.read_bytes() == SAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boston.md"]  # no temporary file left behind


# --- round trip: an edit never changes what the user did not touch ----------------------------------------------------


def test_editing_quality_keeps_secured_and_unknown_key_lines_byte_for_byte() -> None:
    text = edit(TYPE, "\ntype: article\nlocale: en-US\n")
    text = edit("  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  country: US # ISO 3166\n", text)
    doc = loads(text)
    assert doc.meta.extra == {"locale": "en-US"}
    assert doc.meta.provider.extra == {"country": "US"}
    doc.meta.quality = 40
    out = dumps(doc)
    assert out == edit(QUALITY, "\nquality: 40\n", text)
    for line in (SECURED_LINE, "locale: en-US", "  country: US # ISO 3166"):
        assert out.splitlines().count(line) == 1


def test_editing_quality_keeps_the_file_byte_for_byte_with_crlf_and_bom() -> None:
    text = "\ufeff" + edit(TYPE, "\ntype: article\nlocale: en-US\n").replace("\n", "\r\n")
    doc = loads(text.encode("utf-8"))
    doc.meta.quality = 40
    assert dumps(doc) == text.replace("\r\nquality: 38\r\n", "\r\nquality: 40\r\n")
