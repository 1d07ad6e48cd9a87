"""``articlefm validate``'s check without attrs: the generated module is current, and it is the loader's fast path.

``articlefm validate`` with the built-in schema checks each file with ``_batch.checks_as_article``
(the loader's compiled structuring of ``Article``, generated into ``_article_check``) and loads
only the files it does not accept, to say why. So it must accept exactly what ``loads`` reads by
its fast path (a document's ``_data`` is set then only), never an invalid file; and the command's
output and exit code must be what the loader's route gives (``--schema articlefm:Article`` forces
that route), byte for byte, on every fixture and on mutated files.
"""

from __future__ import annotations

import pickle
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_files import FIXTURES, SAMPLE, read_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_differential import mutate, mutated_front_matter, subset_text

import articlefm
from articlefm import _bounds, _checkgen
from articlefm._batch import ARTICLE, checks_as_article

ALL_FIXTURES = sorted(path for path in FIXTURES.rglob("*.md") if path.name != "README.md")
SAMPLE_TEXT = read_text(SAMPLE)


def test_the_generated_module_is_current() -> None:
    """Fails after a change to the models, their rules or the compiler: run ``python -m articlefm._checkgen``."""
    assert _checkgen.TARGET.read_text(encoding="utf-8") == _checkgen.generate()


def test_a_worker_knows_the_built_in_schema_by_its_name() -> None:
    """Where ``--jobs N`` cannot fork its workers, it sends them the schema through a process pool: the built-in
    one must arrive as itself, or they would load every file."""
    assert pickle.loads(pickle.dumps(ARTICLE)) is ARTICLE


def read_by_the_fast_path(data: bytes) -> bool:
    """Whether ``loads`` reads ``data`` as an ``Article``, and by its fast path (the compiled structuring)."""
    try:
        document = articlefm.loads(data)
    except articlefm.ArticleError:
        return False
    return document._data is not None


def assert_the_same(data: bytes) -> None:
    assert checks_as_article(data) == read_by_the_fast_path(data)


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_the_check_accepts_what_the_loader_reads_quickly_on_every_fixture(path: Path) -> None:
    assert_the_same(path.read_bytes())


def test_the_check_accepts_the_real_articles() -> None:
    """Not a check that declines everything: every real article the loader reads quickly, it accepts."""
    corpus = [path for path in ALL_FIXTURES if "corpus" in path.parts]
    accepted = [path for path in corpus if checks_as_article(path.read_bytes())]
    assert len(corpus) > 100
    assert len(accepted) == sum(read_by_the_fast_path(path.read_bytes()) for path in corpus) > 100


def test_the_check_keeps_the_default_limits() -> None:
    """A front matter in the fast reader's subset, but over a default limit, is no valid Article."""
    excerpt = "x" * (_bounds.MAX_FRONT_MATTER - len(SAMPLE_TEXT) + 100)
    over_size = SAMPLE_TEXT.replace("\nexcerpt: ", f'\nexcerpt: "{excerpt}"\nexcerpt2: ', 1).encode()
    topics = ", ".join("t" for _ in range(_bounds.MAX_VALUES))  # with the rest, over the limit
    over_values = SAMPLE_TEXT.replace("\ntopics:\n", f"\ntags: [{topics}]\ntopics:\n", 1).encode()
    for data in (over_size, over_values):
        assert (checks_as_article(data), read_by_the_fast_path(data)) == (False, False)
        with pytest.raises(articlefm.ArticleError):
            articlefm.loads(data)


# Values the rules and conversions decide on: out of range, of another type, null, quoted, unusual forms.
TRICKY_VALUES = [
    "", "~", "null", "Null", "true", "yes", "False", "0", "-1", "-2", "1", "38", "+5", "0x1F", "1e3", "1.5",
    "99999999999999999999", "'5'", '"5"', "''", '""', "high", "-", "[]", "[a, b]", "[1, '']", "{}", "{a: 1}",
    "2020-06-24T23:48:00Z", "2020-06-24T23:48:00", "2020-06-24", "2020-02-30T10:00:00Z", "2020-06-24 23:48:00+05:30",
    "'2020-06-24T23:48:00Z'", "2020-06-24T23:48:00.5-07:00", "https://example.com/a", "'https://example.com'",
    "http://", "ftp://example.com", "/assets/logo.png", "example.com", "exa mple.com", "'example.com'", "a\\u00e9",
    '"\\u00e9"', "|\n  text", ">-\n  text", "\n  - a\n  - b", "\n  a: 1", "\n  - url: /x\n    width: 1\n    height: 1",
    "\n  - url: https://e.com/x\n    width: 0\n    height: 1", "'c2VjcmV0'", "c2VjcmV0", "'not base64!'",
    # What the loader leaves to the full parser at a glance, though its fast path would read it.
    "news [", "'Q: &A'",
]  # fmt: skip
_KEY_LINE = re.compile(r"^( *(?:- )?)([A-Za-z]+):( .*)?$")


def replace_values(text: str, choices: list[tuple[int, int]]) -> str:
    """``text`` with the value of some ``key: value`` lines replaced by tricky values (``(line, value)`` indexes)."""
    lines = text.split("\n")
    keyed = [number for number, line in enumerate(lines) if _KEY_LINE.match(line)]
    for line_choice, value_choice in choices:
        number = keyed[line_choice % len(keyed)]
        match = _KEY_LINE.match(lines[number])
        if match is None:  # (a line an earlier replacement has changed)
            continue
        lines[number] = f"{match[1]}{match[2]}: {TRICKY_VALUES[value_choice % len(TRICKY_VALUES)]}"
    return "\n".join(lines)


def single_replacements() -> list[str]:
    """The sample with one value replaced, for every ``key: value`` line and every tricky value."""
    lines = SAMPLE_TEXT.split("\n")
    keyed = sum(1 for line in lines if _KEY_LINE.match(line))
    return [
        replace_values(SAMPLE_TEXT, [(line, value)]) for line in range(keyed) for value in range(len(TRICKY_VALUES))
    ]


SINGLE_REPLACEMENTS = single_replacements()


def test_the_check_accepts_what_the_loader_reads_quickly_with_any_one_value_changed() -> None:
    for text in SINGLE_REPLACEMENTS:
        assert_the_same(text.encode())


CHOICES = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=3)
_SETTINGS = settings(
    max_examples=max(300, settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(CHOICES, st.sampled_from([SAMPLE, *[path for path in ALL_FIXTURES if "corpus" in path.parts][:40]]))
def test_the_check_accepts_what_the_loader_reads_quickly_with_values_changed(
    choices: list[tuple[int, int]], path: Path
) -> None:
    assert_the_same(replace_values(read_text(path), choices).encode())


@_SETTINGS
@given(st.one_of(mutated_front_matter(), subset_text()), st.sampled_from(["", "\r\n"]))
def test_the_check_accepts_what_the_loader_reads_quickly_on_mutated_front_matter(front_matter: str, crlf: str) -> None:
    text = f"---\n{front_matter}---\nBody\n"
    assert_the_same((text.replace("\n", crlf) if crlf else text).encode())


# --- the command line: the same output and exit code as the loader's route ----------------------------------------


def mutated_folder(folder: Path, count: int) -> Path:
    """``count`` files made from the fixtures by the mutations above, chosen by a seeded generator."""
    chooser = random.Random(10)
    articles = [path for path in ALL_FIXTURES if "corpus" in path.parts] + [SAMPLE]
    for index, text in enumerate(SINGLE_REPLACEMENTS[::5]):  # (a fifth of them: each run costs a process)
        (folder / f"single-{index:03d}.md").write_text(text, encoding="utf-8", newline="")
    for index in range(count):
        text = read_text(chooser.choice(articles))
        if index % 2:
            text = replace_values(text, [(chooser.randrange(10_000), chooser.randrange(10_000)) for _ in range(2)])
        else:
            # A mutation of test_differential's, drawn here with the seeded generator.
            kind = chooser.choice(["delete-line", "duplicate-line", "swap-lines", "insert", "delete-char", "indent"])
            line, column = chooser.randrange(200), chooser.randrange(40)
            insert = chooser.choice(["#", ":", " ", "- ", '"', "'", "\t", "&a ", "[", "null", "\n  "])
            mutation = {
                "insert": (kind, line, column, insert),
                "indent": (kind, line, chooser.randrange(-4, 5)),
                "delete-char": (kind, line, column),
            }.get(kind, (kind, line))
            text = mutate(text, mutation)
        (folder / f"{index:03d}.md").write_text(text, encoding="utf-8", newline="")
    return folder


def validate(*args: str) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "articlefm", "validate", *args]
    done = subprocess.run(command, capture_output=True, check=False)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_validate_prints_what_the_loaders_route_prints(tmp_path: Path, output: str) -> None:
    mutated = mutated_folder(tmp_path, 200)
    paths = [str(FIXTURES), str(mutated)]
    quick = validate("--format", output, "--jobs", "1", *paths)
    assert quick == validate("--format", output, "--jobs", "1", "--schema", "articlefm:Article", *paths)
    code, _, err = quick
    valid, invalid = (int(count) for count in re.findall(r"\d+", err.splitlines()[-1]))
    assert (code, valid > 100, invalid > 100) == (1, True, True)  # both kinds, many of each
    if output == "text":
        assert quick == validate("--format", output, "--jobs", "2", *paths)
