"""Promise: ``iter_load`` loads many files lazily, in a stable order, the same with or without worker processes.

Inputs are files, folders (every ``*.md`` below, sorted by name at each level)
and glob patterns (matches sorted), in the order given; one bad or unreadable
file gives an :class:`~articlefm.ArticleError` and the run goes on. With
``jobs=2`` the sequence is exactly the one ``jobs=1`` gives, every document
arrives unedited (it writes back its file's text without comparing), and no
worker process outlives the iterator. Every test works on copies of the
fixtures in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
from collections.abc import Generator, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
import pytest
from fixture_files import CORPUS_FILES, SAMPLE
from hypothesis import given
from hypothesis import strategies as st

import articlefm
import articlefm._batch
from articlefm import ArticleError, Document, Limits, Problem
from articlefm._document import unedited

SAMPLE_BYTES = SAMPLE.read_bytes()
SAMPLE_TEXT = SAMPLE_BYTES.decode("utf-8")
FRONT_MATTER_SIZE = len(SAMPLE_TEXT[len("---\n") : SAMPLE_TEXT.index("\n---\n") + 1])
WITH_LOCALE = SAMPLE_TEXT.replace("\ntype: article\n", "\ntype: article\nlocale: en-US\n", 1)
BAD_QUALITY = SAMPLE_TEXT.replace("\nquality: 38\n", "\nquality: high\n")
NO_SUCH_FILE = "cannot read the file: No such file or directory"
NOT_A_DIRECTORY = "cannot read the file: Not a directory"

Result = tuple[Path, Document[Any] | ArticleError]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def paths_of(results: list[Result]) -> list[Path]:
    return [path for path, _ in results]


def document(result: Document[Any] | ArticleError) -> Document[Any]:
    assert isinstance(result, Document), str(result)
    return result


def error(result: Document[Any] | ArticleError) -> ArticleError:
    assert isinstance(result, ArticleError), result
    return result


def close(iterator: Iterator[Result]) -> None:
    assert isinstance(iterator, Generator)
    iterator.close()


def children() -> set[int]:
    return {process.pid for process in multiprocessing.active_children() if process.pid is not None}


@pytest.fixture(params=["1", "2", "2-chunks-of-1"])
def jobs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """1 or 2 jobs; with chunks of one file, even a few files are shared out between this process and a worker."""
    if request.param == "2-chunks-of-1":
        monkeypatch.setattr(articlefm._batch, "_CHUNK", 1)
    return 1 if request.param == "1" else 2


@pytest.fixture(params=["default", "1"])
def chunks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunk size of ``jobs=2``: the library's own, or one file."""
    if request.param == "1":
        monkeypatch.setattr(articlefm._batch, "_CHUNK", 1)


def crossed(doc: Document[Any]) -> bool:
    """Whether a document came from a worker process: unpickled, it no longer has the data it was scanned as.

    (Internal, but it makes sure the tests of the process boundary do cross it.)
    """
    return doc._data is None


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of articles, nested, with files that are not ``*.md`` and a folder named like one.

    ::

        root/README            (not .md)
        root/a.md
        root/b/x.md            ("b" sorts before "b.md")
        root/b.md
        root/bb.md
        root/c/a.md
        root/c/deep/m.md
        root/c/notes.txt       (not .md)
        root/c/z.md
        root/dir.md/inner.md   (a folder named *.md is walked)
        root/x.markdown        (not .md)
    """
    root = tmp_path / "root"
    texts = iter(text_of(path) for path in CORPUS_FILES)
    for name in ["a.md", "b/x.md", "b.md", "bb.md", "c/a.md", "c/deep/m.md", "c/z.md", "dir.md/inner.md"]:
        write(root / name, next(texts))
    for name in ["README", "c/notes.txt", "x.markdown"]:
        write(root / name, "not an article\n")
    return root


WALK = ["a.md", "b/x.md", "b.md", "bb.md", "c/a.md", "c/deep/m.md", "c/z.md", "dir.md/inner.md"]


def summary(results: list[Result], root: Path) -> list[str]:
    """``NAME: ok`` for each document, ``NAME: ERROR`` for each error, names relative to ``root``."""
    return [
        f"{path.relative_to(root)}: " + ("ok" if isinstance(result, Document) else str(result).replace(f"{root}/", ""))
        for path, result in results
    ]


def check_documents(results: list[Result]) -> None:
    """Every result is a document that writes back its file's text exactly."""
    for path, result in results:
        doc = document(result)
        assert unedited(doc)
        assert articlefm.dumps(doc) == text_of(path)


# --- what is loaded, in what order ------------------------------------------------------------------------------------


def test_files_in_the_order_given(tree: Path, jobs: int) -> None:
    given: list[str | Path] = [tree / "c" / "z.md", tree / "a.md", str(tree / "b.md"), tree / "a.md"]
    results = list(articlefm.iter_load(given, jobs=jobs))
    assert paths_of(results) == [tree / "c" / "z.md", tree / "a.md", tree / "b.md", tree / "a.md"]
    assert all(type(path) is type(Path()) for path in paths_of(results))
    check_documents(results)


def test_folder_walked_sorted_by_name_at_each_level(tree: Path, jobs: int) -> None:
    results = list(articlefm.iter_load([tree], jobs=jobs))
    assert paths_of(results) == [tree / name for name in WALK]
    check_documents(results)


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
def test_a_single_path_instead_of_an_iterable(tree: Path, as_str: bool) -> None:
    def given(path: Path) -> str | Path:
        return str(path) if as_str else path

    assert paths_of(list(articlefm.iter_load(given(tree / "b.md")))) == [tree / "b.md"]
    assert paths_of(list(articlefm.iter_load(given(tree / "c")))) == [
        tree / "c/a.md",
        tree / "c/deep/m.md",
        tree / "c/z.md",
    ]
    assert paths_of(list(articlefm.iter_load(given(tree / "c" / "*.md")))) == [tree / "c/a.md", tree / "c/z.md"]
    assert paths_of(list(articlefm.iter_load(given(tree / "missing.md")))) == [tree / "missing.md"]


def test_relative_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    results = list(articlefm.iter_load("c"))
    assert paths_of(results) == [Path("c/a.md"), Path("c/deep/m.md"), Path("c/z.md")]
    check_documents(results)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("c/**/*.md", ["c/a.md", "c/deep/m.md", "c/z.md"]),
        ("c/*.md", ["c/a.md", "c/z.md"]),
        ("?.md", ["a.md", "b.md"]),
        ("[ab]*.md", ["a.md", "b.md", "bb.md"]),
        ("*/*.md", ["b/x.md", "c/a.md", "c/z.md", "dir.md/inner.md"]),
    ],
)
def test_glob_patterns_matches_sorted(tree: Path, pattern: str, expected: list[str], jobs: int) -> None:
    results = list(articlefm.iter_load([str(tree / pattern)], jobs=jobs))
    assert paths_of(results) == [tree / name for name in expected]
    check_documents(results)


def test_recursive_glob_gives_only_files(tree: Path, jobs: int) -> None:
    """``**/*.md`` also matches the folder ``dir.md``: it is no article file (and the file in it is matched)."""
    results = list(articlefm.iter_load(str(tree / "**" / "*.md"), jobs=jobs))
    assert summary(results, tree) == [f"{name}: ok" for name in WALK]


def test_a_mix_in_the_order_given(tree: Path, jobs: int) -> None:
    given: list[str | os.PathLike[str]] = [
        tree / "c",
        tree / "b.md",
        str(tree / "?.md"),
        str(tree / "a.md"),
        tree / "b",
    ]
    results = list(articlefm.iter_load(given, jobs=jobs))
    expected = ["c/a.md", "c/deep/m.md", "c/z.md", "b.md", "a.md", "b.md", "a.md", "b/x.md"]
    assert paths_of(results) == [tree / name for name in expected]
    check_documents(results)


def test_any_iterable_of_paths(tree: Path) -> None:
    def generated() -> Iterator[Path]:
        yield tree / "b.md"
        yield tree / "c"

    expected = [tree / name for name in ["b.md", "c/a.md", "c/deep/m.md", "c/z.md"]]
    assert paths_of(list(articlefm.iter_load(generated()))) == expected
    assert paths_of(list(articlefm.iter_load((tree / "b.md", tree / "c")))) == expected
    assert list(articlefm.iter_load([])) == []


# --- bad and unreadable files -----------------------------------------------------------------------------------------


def test_bad_and_unreadable_files_give_errors_and_the_run_goes_on(tmp_path: Path, jobs: int) -> None:
    good = write(tmp_path / "good.md", SAMPLE_TEXT)
    bad = write(tmp_path / "bad.md", BAD_QUALITY)
    missing = tmp_path / "missing.md"
    under_a_file = good / "x.md"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    not_utf8 = write(tmp_path / "latin.md", SAMPLE_TEXT.replace("Ubergizmo Feed", "\xdcbergizmo").encode("latin-1"))
    no_front_matter = write(tmp_path / "plain.md", "hello\n")
    given = [good, missing, bad, under_a_file, dangling, not_utf8, no_front_matter, good]
    results = list(articlefm.iter_load(given, jobs=jobs))
    assert paths_of(results) == given
    assert articlefm.dumps(document(results[0][1])) == SAMPLE_TEXT
    assert articlefm.dumps(document(results[-1][1])) == SAMPLE_TEXT
    expected = [
        (missing, [Problem("", 0, 0, NO_SUCH_FILE)], f"{missing}: {NO_SUCH_FILE}"),
        (
            bad,
            [Problem("quality", 10, 10, "expected an integer, found string 'high'")],
            f"{bad}:10:10: quality: expected an integer, found string 'high'",
        ),
        (under_a_file, [Problem("", 0, 0, NOT_A_DIRECTORY)], f"{under_a_file}: {NOT_A_DIRECTORY}"),
        (dangling, [Problem("", 0, 0, NO_SUCH_FILE)], f"{dangling}: {NO_SUCH_FILE}"),
        (
            not_utf8,
            [Problem("", 15, 9, "expected UTF-8, found byte(s) dc at byte offset 700")],
            f"{not_utf8}:15:9: expected UTF-8, found byte(s) dc at byte offset 700",
        ),
        (
            no_front_matter,
            [Problem("", 1, 1, "expected '---' as the first line, found 'hello'")],
            f"{no_front_matter}:1:1: expected '---' as the first line, found 'hello'",
        ),
    ]
    for (path, result), (expected_path, problems, message) in zip(results[1:-1], expected, strict=True):
        err = error(result)
        assert path == expected_path
        assert err.problems == problems
        assert err.filename == str(path)
        assert str(err) == message


def test_folder_with_a_symlink_loop(tmp_path: Path, jobs: int) -> None:
    """A link back up the tree is not followed round and round: each file once, and the run ends normally."""
    root = tmp_path / "root"
    write(root / "a.md", SAMPLE_TEXT)
    (root / "loop").symlink_to(tmp_path, target_is_directory=True)
    results = list(articlefm.iter_load(root, jobs=jobs))
    assert summary(results, root) == ["a.md: ok"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.md", SAMPLE_TEXT)
    locked.chmod(0)
    try:
        [(_, result)] = list(articlefm.iter_load(locked))
    finally:
        locked.chmod(0o644)
    assert error(result).problems == [Problem("", 0, 0, "cannot read the file: Permission denied")]
    assert str(result) == f"{locked}: cannot read the file: Permission denied"


def test_errors_are_values_not_raised(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", BAD_QUALITY)
    iterator = articlefm.iter_load([bad, tmp_path / "missing.md", bad])
    assert [type(result) for _, result in iterator] == [ArticleError, ArticleError, ArticleError]


# --- jobs=2 is jobs=1 -------------------------------------------------------------------------------------------------


def _edited(text: str, index: int) -> str | bytes:
    """A valid variation of an article, one of several kinds."""
    kind = index % 6
    if kind == 0:
        return text.replace("\n", "\r\n")
    if kind == 1:
        return "\ufeff" + text
    if kind == 2:
        return text.replace("\ntype: article\n", "\ntype: article\nlocale: en-US\n", 1)
    if kind == 3:
        return text.replace("\n---\n", "\n---\nA body with a line.\n", 1) if text.count("\n---\n") else text
    if kind == 4:
        return text.replace("\npublished: ", "\n# a comment\npublished: ", 1)
    return text.encode("utf-8")


INVALID: dict[str, str | bytes] = {
    "bad-quality.md": BAD_QUALITY,
    "no-category.md": SAMPLE_TEXT.replace("category: news\n", ""),
    "not-utf8.md": SAMPLE_TEXT.replace("Ubergizmo Feed", "\xdcbergizmo").encode("latin-1"),
    "empty.md": "",
    "unclosed.md": "---\ntitle: x\n",
    "a-list.md": "---\n- a\n---\n",
    "bad-width.md": SAMPLE_TEXT.replace("width: 900", "width: 0").replace("heat: -1", "heat: -7"),
    "tagged.md": SAMPLE_TEXT.replace("quality: 38", "quality: !!python/int 38"),
}


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 300 files: every fixture, an edited copy of each, and a few invalid ones, in nested folders."""
    root = tmp_path_factory.mktemp("many")
    files = [SAMPLE, *CORPUS_FILES]
    for index, source in enumerate(files):
        text = text_of(source)
        write(root / "as-is" / f"{index % 4}" / source.name, text)
        write(root / "edited" / f"{index:03}-{source.name}", _edited(text, index))
    for name, content in INVALID.items():
        write(root / "invalid" / name, content)
    write(root / "edited" / "000-not-an-article.txt", "ignored\n")
    return root


@pytest.mark.usefixtures("chunks")
def test_jobs_2_gives_exactly_what_jobs_1_gives(many: Path) -> None:
    one = list(articlefm.iter_load(many))
    two = list(articlefm.iter_load(many, jobs=2))
    assert len(one) == 2 * (1 + len(CORPUS_FILES)) + len(INVALID)
    assert any(crossed(result) for _, result in two if isinstance(result, Document))
    assert paths_of(two) == paths_of(one)
    assert sum(isinstance(result, ArticleError) for _, result in one) == len(INVALID)
    # Received unedited: nothing has been changed since they were read (or unpickled).
    assert all(unedited(result) for _, result in [*one, *two] if isinstance(result, Document))
    for (path, first), (_, second) in zip(one, two, strict=True):
        assert type(first) is type(second)
        if isinstance(first, Document):
            assert isinstance(second, Document)
            assert second.meta == first.meta
            assert second.body == first.body
            assert articlefm.dumps(second) == articlefm.dumps(first) == text_of(path)
        else:
            assert isinstance(second, ArticleError)
            assert second.problems == first.problems
            assert second.filename == first.filename == str(path)
            assert str(second) == str(first)


@pytest.mark.usefixtures("chunks")
def test_jobs_2_over_an_explicit_list_with_repeats(many: Path) -> None:
    files = sorted(many.rglob("*.md"))
    given = [*files, *reversed(files[:70]), many / "missing.md", *files[:5]]
    one = list(articlefm.iter_load(given))
    two = list(articlefm.iter_load(given, jobs=2))
    assert paths_of(one) == paths_of(two) == given
    assert [type(result) for _, result in one] == [type(result) for _, result in two]
    assert [str(result) for _, result in one if isinstance(result, ArticleError)] == [
        str(result) for _, result in two if isinstance(result, ArticleError)
    ]


# --- laziness and clean-up --------------------------------------------------------------------------------------------

ENOUGH = 10_000  # far more than a few chunks ahead; an endless input read to here was being materialized


class Endless:
    """The given paths over and over, counting how many were taken."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.taken = 0

    def __iter__(self) -> Iterator[Path]:
        for path in itertools.cycle(self.paths):
            self.taken += 1
            if self.taken > ENOUGH:
                raise AssertionError(f"{ENOUGH:,} paths taken from an endless input: it is being materialized")
            yield path


def test_lazy_with_one_job(tree: Path) -> None:
    given = Endless([tree / "b.md", tree / "a.md", tree / "missing.md"])
    iterator = articlefm.iter_load(given)
    path, result = next(iterator)
    assert path == tree / "b.md"
    assert articlefm.dumps(document(result)) == text_of(tree / "b.md")
    assert given.taken == 1
    rest = list(itertools.islice(iterator, 5))
    assert paths_of(rest) == [tree / "a.md", tree / "missing.md", tree / "b.md", tree / "a.md", tree / "missing.md"]
    assert given.taken == 6
    close(iterator)


@pytest.mark.usefixtures("chunks")
def test_lazy_with_two_jobs(tree: Path) -> None:
    before = children()
    given = Endless([tree / "b.md", tree / "a.md", tree / "missing.md"])
    iterator = articlefm.iter_load(given, jobs=2)
    path, result = next(iterator)
    assert path == tree / "b.md"
    assert articlefm.dumps(document(result)) == text_of(tree / "b.md")
    assert given.taken < ENOUGH
    rest = list(itertools.islice(iterator, 299))
    expected = [tree / name for name in ["a.md", "missing.md", "b.md"] * 100][:299]
    assert paths_of(rest) == expected
    assert all(isinstance(result, ArticleError) == (path.name == "missing.md") for path, result in rest)
    close(iterator)
    assert children() <= before


@pytest.mark.usefixtures("chunks")
def test_no_workers_left_after_break(tree: Path) -> None:
    before = children()
    seen = []
    for path, _ in articlefm.iter_load(Endless([tree / "a.md", tree / "b.md"]), jobs=2):
        seen.append(path)
        if len(seen) == 3:
            break
    assert seen == [tree / "a.md", tree / "b.md", tree / "a.md"]
    assert children() <= before


@pytest.mark.usefixtures("chunks")
def test_no_workers_left_after_close_before_the_first_result(tree: Path) -> None:
    before = children()
    iterator = articlefm.iter_load(Endless([tree / "a.md"]), jobs=2)
    close(iterator)  # never started: nothing to clean up
    iterator = articlefm.iter_load(Endless([tree / "a.md"]), jobs=2)
    next(iterator)
    close(iterator)
    assert children() <= before


@pytest.mark.usefixtures("chunks")
def test_no_workers_left_after_a_full_run(tree: Path) -> None:
    before = children()
    assert len(list(articlefm.iter_load(tree, jobs=2))) == len(WALK)
    assert children() <= before


# --- options ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1])
def test_jobs_must_be_positive(tree: Path, bad: int) -> None:
    with pytest.raises(ValueError, match=f"^jobs: expected a positive integer, found {bad}$"):
        list(articlefm.iter_load(tree, jobs=bad))


def test_schema_none(tmp_path: Path, jobs: int) -> None:
    path = write(tmp_path / "a.md", WITH_LOCALE)
    results = list(articlefm.iter_load([path, path], jobs=jobs, schema=None))
    for _, result in results:
        assert document(result).meta == articlefm.loads(WITH_LOCALE, schema=None).meta
    doc = document(results[1][1])
    assert isinstance(doc.meta, dict)
    assert doc.meta == articlefm.loads(WITH_LOCALE, schema=None).meta
    assert doc.meta["locale"] == "en-US"
    assert unedited(doc)
    assert articlefm.dumps(doc) == WITH_LOCALE
    doc.meta["provider"]["name"] = "Uber Feed"
    assert articlefm.dumps(doc) == WITH_LOCALE.replace("  name: Ubergizmo Feed\n", "  name: Uber Feed\n")


def test_strict(tmp_path: Path, jobs: int) -> None:
    path = write(tmp_path / "a.md", WITH_LOCALE)
    sample = write(tmp_path / "b.md", SAMPLE_TEXT)
    for _, lenient in articlefm.iter_load([path, path], jobs=jobs):
        assert document(lenient).meta.extra == {"locale": "en-US"}
    results = list(articlefm.iter_load([sample, path, path, sample], jobs=jobs, strict=True))
    for _, strict in results[1:3]:
        assert error(strict).problems == [Problem("locale", 10, 1, "unknown key 'locale' (strict mode)")]
        assert str(strict) == f"{path}:10:1: locale: unknown key 'locale' (strict mode)"
    doc = document(results[3][1])
    assert articlefm.dumps(doc) == SAMPLE_TEXT
    doc.meta.extra["locale"] = "en-US"  # strict came along: an unknown key cannot be written
    with pytest.raises(ArticleError) as info:
        articlefm.dumps(doc)
    assert str(info.value) == "<document>: locale: unknown key 'locale' (strict mode)"


def test_limits(tmp_path: Path, jobs: int) -> None:
    path = write(tmp_path / "a.md", SAMPLE_TEXT)
    message = (
        f"expected a front matter of at most 100 characters, found {FRONT_MATTER_SIZE:,} (Limits.max_front_matter)"
    )
    for _, result in articlefm.iter_load([path, path], jobs=jobs, limits=Limits(max_front_matter=100)):
        assert error(result).problems == [Problem("", 2, 1, message)]
        assert str(result) == f"{path}:2:1: {message}"
    for _, result in articlefm.iter_load([path, path], jobs=jobs, limits=Limits(max_front_matter=FRONT_MATTER_SIZE)):
        assert articlefm.dumps(document(result)) == SAMPLE_TEXT


@attrs.define
class Author:
    name: str
    email: str | None = None


@attrs.define
class Post:
    title: str
    date_published: dt.datetime
    authors: list[Author]
    draft: bool = False
    extra: dict[str, object] = attrs.Factory(dict)


POST = """---
title: Hello
datePublished: 2024-05-01T09:30:00+02:00
authors:
  - name: Ada  # the first author
layout: post
---
Body
"""


def test_user_schema(tmp_path: Path, jobs: int) -> None:
    path = write(tmp_path / "post.md", POST)
    bad = write(tmp_path / "bad.md", POST.replace("name: Ada", "email: ada@example.com"))
    (_, failed), (_, result) = list(articlefm.iter_load([bad, path], jobs=jobs, schema=Post))
    doc = document(result)
    assert doc.meta == Post(
        title="Hello",
        date_published=dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        authors=[Author(name="Ada")],
        extra={"layout": "post"},
    )
    assert articlefm.dumps(doc) == POST
    doc.meta.authors.append(Author(name="Grace"))
    assert articlefm.dumps(doc) == POST.replace("# the first author\n", "# the first author\n  - name: Grace\n")
    assert str(failed) == f"{bad}:5:5: authors[0].name: missing required key 'name'"


# --- across the process boundary --------------------------------------------------------------------------------------


@pytest.fixture
def chunks_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articlefm._batch, "_CHUNK", 1)


@pytest.mark.usefixtures("chunks_of_one")
def test_documents_from_workers_are_unedited_and_editable(tmp_path: Path) -> None:
    texts = [
        SAMPLE_TEXT,
        "\ufeff" + SAMPLE_TEXT.replace("\n", "\r\n"),
        SAMPLE_TEXT.replace("Ubergizmo", "Übergizmo \U0001f600"),
    ]
    paths = [write(tmp_path / f"{index}.md", texts[index % 3]) for index in range(6)]
    docs = [document(result) for _, result in articlefm.iter_load(paths, jobs=2)]
    assert any(crossed(doc) for doc in docs)
    assert all(unedited(doc) for doc in docs)
    assert [articlefm.dumps(doc) for doc in docs] == texts * 2
    for index, doc in enumerate(docs):
        doc.meta.quality = 40 + index
    newlines = ["\n", "\r\n", "\n"] * 2
    edited = [text.replace("quality: 38", f"quality: {40 + index}") for index, text in enumerate(texts * 2)]
    assert [articlefm.dumps(doc) for doc in docs] == edited
    for doc, newline in zip(docs, newlines, strict=True):
        doc.meta.topics.append("Robotics")
        assert articlefm.dumps(doc).count(f"  - AI{newline}  - Robotics{newline}") == 1
    articlefm.dump(docs[1], paths[1])
    assert articlefm.dumps(articlefm.load(paths[1])) == articlefm.dumps(docs[1])


@pytest.mark.usefixtures("chunks_of_one")
def test_documents_from_workers_keep_their_path(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", SAMPLE_TEXT)
    docs = [document(result) for _, result in articlefm.iter_load([path] * 4, jobs=2)]
    doc = next(doc for doc in docs if crossed(doc))
    write(path, SAMPLE_TEXT.replace("heat: -1", "heat: 3"))  # someone else edits the file
    doc.meta.quality = 40
    with pytest.raises(articlefm.FileChangedError):
        articlefm.dump(doc, path)


def test_documents_and_errors_pickle(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md", SAMPLE_TEXT)
    bad = write(tmp_path / "bad.md", BAD_QUALITY)
    (_, doc), (_, err), (_, missing) = list(articlefm.iter_load([good, bad, tmp_path / "missing.md"]))
    for original in (err, missing):
        again = pickle.loads(pickle.dumps(original))
        assert type(again) is ArticleError
        assert again.problems == error(original).problems
        assert again.filename == error(original).filename
        assert str(again) == str(original)
    again_doc = pickle.loads(pickle.dumps(doc))
    assert unedited(again_doc)
    assert again_doc == doc
    assert articlefm.dumps(again_doc) == SAMPLE_TEXT


# --- paths as text --------------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths: elsewhere pathlib itself writes them")
@given(st.text(alphabet="/.a", max_size=12))
def test_a_path_is_written_as_pathlib_writes_it(name: str) -> None:
    """The walk keeps paths as text (no pathlib at start-up, no Path per file) and writes them as Path would."""
    assert articlefm._batch._path_text(name) == str(PurePosixPath(name))


def test_every_way_to_name_a_folder_gives_the_paths_pathlib_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", SAMPLE_TEXT)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.md", SAMPLE_TEXT)
    monkeypatch.chdir(tmp_path)
    names = [".", "./", "sub/", "./sub//", "sub/b.md", f"{tmp_path}/", f"{tmp_path}//sub/./b.md", "*.md", "./sub/*.md"]
    for name in names:
        checked = [path for path, _ in articlefm._batch.check_files([name])]
        loaded = [path for path, _ in articlefm.iter_load(name)]
        if "*" in name:
            expected = sorted(Path(match) for match in Path().glob(name.removeprefix("./")))
        elif Path(name).is_dir():
            expected = sorted(
                Path(name) / found.relative_to(Path(name).resolve()) for found in Path(name).resolve().rglob("*.md")
            )
        else:
            expected = [Path(name)]
        assert checked == [str(path) for path in expected], name
        assert loaded == expected, name


@pytest.mark.parametrize("extra", [-1, 0, 1, 65_536, 200_003])
def test_a_file_is_read_whole_at_any_size(tmp_path: Path, extra: int) -> None:
    """Files are read in parts of 64 KiB (``_batch._read_bytes``): a body around and past them is read whole."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = "b" * (65_536 - len(text.encode()) + extra) + "\n"
    path = tmp_path / "a.md"
    path.write_text(text + body, encoding="utf-8")
    assert articlefm.load(path).body == articlefm.loads(text).body + body
    assert [checked for _, checked in articlefm._batch.check_files([str(path)])] == [None]


# --- check_files' forked workers --------------------------------------------------------------------------------


def child_processes() -> set[int]:
    """This process's children, running or not yet reaped (Linux: from /proc; elsewhere nothing to compare)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers: elsewhere check_files uses the executor")
@pytest.mark.parametrize("jobs", [2, 3])
def test_forked_workers_give_what_this_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Valid, invalid, unreadable (a dangling link) and non-UTF-8 files, in chunks of a few files: workers send
    back the same results (problems and all, as marshal frames) as this process computes, in the same order."""
    monkeypatch.setattr(articlefm._batch, "_CHECK_CHUNK", 3)
    texts = [text_of(path) for path in CORPUS_FILES[:20]]
    bad = SAMPLE_TEXT.replace("quality: 38", "quality: high").replace("heat: -1", "heat: -5")
    for index in range(40):
        write(tmp_path / f"{index:02d}.md", bad if index % 5 == 1 else texts[index % len(texts)])
    write(tmp_path / "07.md", b"---\ntitle: \xff\n---\n")
    (tmp_path / "08.md").unlink()
    (tmp_path / "08.md").symlink_to(tmp_path / "nowhere.md")
    names = [str(path) for path in sorted(tmp_path.glob("*.md"))]

    def results(jobs: int) -> list[tuple[str, Any]]:
        checked = articlefm._batch.check_files(names, jobs=jobs)
        return [(path, None if c is None else (c[0].problems, c[0].filename, c[1])) for path, c in checked]

    before = child_processes()
    expected = results(1)
    assert [found[2] for _, found in expected if found is not None].count(True) == 1  # the link
    assert results(jobs) == expected
    assert child_processes() <= before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_a_forked_worker_that_fails_or_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    files = iter([f"{index}.md" for index in range(4)])

    def failing(paths: list[str], options: dict[str, Any]) -> list[Any]:
        if os.getpid() != parent:
            raise ValueError("broken")
        return [None] * len(paths)

    def dying(paths: list[str], options: dict[str, Any]) -> list[Any]:
        if os.getpid() != parent:
            os._exit(3)
        return [None] * len(paths)

    parent = os.getpid()
    before = child_processes()
    forked = articlefm._batch._forked
    run = articlefm._batch._parallel
    with pytest.raises(RuntimeError, match="a worker process failed: ValueError: broken"):
        list(run(files, {}, 2, remote=failing, local=failing, receive=None, chunk_size=1, start=forked))
    assert child_processes() <= before
    files = iter([f"{index}.md" for index in range(4)])
    with pytest.raises(OSError, match=r"a worker process \(pid \d+\) stopped before it sent its results"):
        list(run(files, {}, 2, remote=dying, local=dying, receive=None, chunk_size=1, start=forked))
    assert child_processes() <= before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_forked_workers_end_when_the_reader_stops_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``articlefm validate ... | head``: the results are not all read; the workers end, none is left behind."""
    monkeypatch.setattr(articlefm._batch, "_CHECK_CHUNK", 2)
    for index in range(30):
        write(tmp_path / f"{index:02d}.md", SAMPLE_TEXT)
    before = child_processes()
    checked = articlefm._batch.check_files([str(tmp_path)], jobs=3)
    assert isinstance(checked, Generator)
    assert [next(checked)[1] for _ in range(5)] == [None] * 5
    assert len(child_processes() - before) == 2  # (the workers: so the check below could fail)
    checked.close()
    assert child_processes() <= before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_forked_workers_never_wait_for_each_other_on_full_pipes(tmp_path: Path) -> None:
    """Long paths make a chunk of tasks larger than a pipe holds, and files with many problems a chunk of results:
    this process must take in results while it waits to send more paths, or each side waits for the other."""
    folder = tmp_path / ("d" * 200)
    unknown = "".join(f"\nextra{index}: x" for index in range(40))  # 40 problems a file with --strict
    bad = SAMPLE_TEXT.replace("\nexcerpt:", unknown + "\nexcerpt:").replace("quality: 38", "quality: high")
    for index in range(3 * articlefm._batch._CHECK_CHUNK):
        write(folder / f"{index:04d}{'n' * 200}.md", bad)
    command = [
        sys.executable,
        "-m",
        "articlefm",
        "validate",
        "--strict",
        "--jobs",
        "2",
        "--format",
        "json",
        str(tmp_path),
    ]
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert (done.returncode, len(lines)) == (1, 3 * articlefm._batch._CHECK_CHUNK)
    assert {len(json.loads(line)["problems"]) for line in lines} == {41}
