"""Collections on a real Dask cluster (articlefm.dask): two worker processes, the same results as iter_load."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import dask
import fsspec
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from fixture_files import FIXTURE_FILES, FIXTURES, repository_module

import articlefm
import articlefm.arrow
import articlefm.dask
from articlefm import Article, ArticleError, Document, Limits
from articlefm.dask import Saved

ROOT = Path(__file__).parents[1]
GENERATED = 3000
BAD = {  # file number: what is wrong with it
    7: b"no front matter at all\n",
    400: b"---\ntitle: [unclosed\n---\n",
    1234: b'---\ncategory: news\ntitle: "Missing keys"\n---\n',
    2001: b"\xff\xfe not UTF-8\n",
    2999: b"---\nquality: high\n",
}


def _corpus_module() -> Any:
    return repository_module("benchmarks/_corpus.py")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes of one thread each, started once for the module."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few thousand generated files in numbered folders, some of them bad."""
    folder = tmp_path_factory.mktemp("collection")
    paths = _corpus_module().write(folder, GENERATED, seed=3)
    for number, data in BAD.items():
        paths[number].write_bytes(data)
    (folder / ".hidden.md").write_bytes(b"left out, as iter_load leaves it\n")
    return folder


def reference(paths: Any) -> list[tuple[str, Document[Any] | ArticleError]]:
    return [(str(path), result) for path, result in articlefm.iter_load(paths)]


def assert_same_results(found: list[tuple[str, Any]], expected: list[tuple[str, Any]]) -> None:
    assert [path for path, _ in found] == [path for path, _ in expected]
    for (path, result), (_, wanted) in zip(found, expected, strict=True):
        assert type(result) is type(wanted), path
        if isinstance(wanted, ArticleError):
            assert str(result) == str(wanted)
        else:
            assert result == wanted, path
            assert articlefm.dumps(result) == articlefm.dumps(wanted), path


def test_the_fixture_corpus_on_two_workers(client: Client) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    pairs = articlefm.dask.read_articles(FIXTURES, errors="collect", files_per_partition=20).compute()
    assert [Path(path) for path, result in pairs if isinstance(result, Document)] == FIXTURE_FILES
    assert_same_results(pairs, reference(FIXTURES))


def test_a_generated_collection_with_bad_files(client: Client, collection: Path) -> None:
    articles = articlefm.dask.read_articles(collection, errors="collect", files_per_partition=250)
    assert articles.npartitions == GENERATED // 250
    pairs = articles.compute()
    expected = reference(collection)
    assert len(expected) == GENERATED
    assert_same_results(pairs, expected)
    bad = [Path(path).name for path, result in pairs if isinstance(result, ArticleError)]
    assert len(bad) == len(BAD)
    # skip leaves the bad ones out; raise stops at one, with its error.
    skipped = articlefm.dask.read_articles(collection, errors="skip", files_per_partition=250).compute()
    assert skipped == [result for _, result in expected if isinstance(result, Document)]
    with pytest.raises(ArticleError, match=r"\.md:"):
        articlefm.dask.read_articles(collection, files_per_partition=250).compute()


def test_work_runs_in_the_workers(client: Client, collection: Path) -> None:
    articles = articlefm.dask.read_articles(collection, errors="skip", files_per_partition=250)
    where = articles.map_partitions(lambda documents: [(os.getpid(), len(documents))]).compute()
    assert {pid for pid, _ in where} <= set(client.run(os.getpid).values())
    assert os.getpid() not in {pid for pid, _ in where}
    per_provider = dict(articles.map(lambda doc: doc.meta.provider.name).frequencies().compute())
    expected: dict[str, int] = {}
    for _, result in reference(collection):
        if isinstance(result, Document):
            expected[result.meta.provider.name] = expected.get(result.meta.provider.name, 0) + 1
    assert per_provider == expected


def test_parquet_dataset_equals_iter_load(client: Client, collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    articles = articlefm.dask.read_articles(collection, errors="collect", files_per_partition=500)
    bad = articlefm.dask.to_parquet(articles, out)
    expected = reference(collection)
    assert [(path, str(error)) for path, error in bad] == [
        (path, str(result)) for path, result in expected if isinstance(result, ArticleError)
    ]
    assert sorted(os.listdir(out)) == [f"part-{index:05}.parquet" for index in range(6)]
    table = pq.read_table(out)
    documents = [(path, result) for path, result in expected if isinstance(result, Document)]
    assert table.num_rows == len(documents)
    assert table["path"].to_pylist() == [str(Path(path).resolve()) for path, _ in documents]
    assert articlefm.arrow.from_table(table) == [document for _, document in documents]
    with pytest.raises(ValueError, match="out: expected a new or empty folder"):
        articlefm.dask.to_parquet(articles, out)


def _kill_once(marker: Path, victim: str) -> Any:
    """A map function that kills its worker process the first time it sees ``victim``, mid-task."""

    def step(document: Document[Any]) -> Document[Any]:
        if document._path is not None and document._path.endswith(victim):
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return document
            os.kill(os.getpid(), signal.SIGKILL)
        return document

    return step


def _victim(collection: Path, number: int) -> str:
    path, _ = reference(collection)[number]
    return os.sep + Path(path).name


def test_a_killed_worker_loses_no_result_and_leaves_no_half_file(
    client: Client, collection: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    articles = articlefm.dask.read_articles(collection, errors="skip", files_per_partition=500)
    out = tmp_path / "dataset"
    bad = articlefm.dask.to_parquet(articles.map(_kill_once(marker, _victim(collection, 1700))), out)
    assert marker.exists()  # a worker did die, and Dask ran its task again
    assert bad == []
    assert sorted(os.listdir(out)) == [f"part-{index:05}.parquet" for index in range(6)]  # nothing else
    expected = [result for _, result in reference(collection) if isinstance(result, Document)]
    assert articlefm.arrow.from_table(pq.read_table(out)) == expected
    assert len(client.scheduler_info()["workers"]) == 2  # the nanny started a new one


def test_write_back_from_the_workers_with_a_killed_worker(client: Client, collection: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    originals = {}
    for index, (path, result) in enumerate(reference(collection)[:1200]):
        name = folder / f"{index:04}.md"
        name.write_bytes(Path(path).read_bytes())
        originals[name] = result
    marker = tmp_path / "killed"

    def retopic(document: Document[Article]) -> Document[Article]:
        if document.meta.topics[:1] != ["Scaled"]:  # the same result when Dask runs it twice
            document.meta.topics.insert(0, "Scaled")
        return document

    articles = articlefm.dask.read_articles(folder, errors="skip", files_per_partition=300)
    edited = articles.map(retopic).map(_kill_once(marker, os.sep + "0450.md"))
    saved = edited.map(articlefm.dask.write_back).compute()
    assert marker.exists()
    good = {name: result for name, result in originals.items() if isinstance(result, Document)}
    assert sorted(Path(s.path) for s in saved if s.path) == sorted(name.resolve() for name in good)
    assert {s.outcome for s in saved} <= {"written", "unchanged"}
    # Files the killed task had written before it died were read again, already edited: unchanged.
    assert [s.outcome for s in saved].count("unchanged") > 0
    for name, before in good.items():
        after = articlefm.load(name)
        assert after.meta.topics == ["Scaled", *before.meta.topics]
        retopic(before)
        assert name.read_bytes().decode("utf-8") == articlefm.dumps(before)  # minimal diff, as dump
    assert sorted(os.listdir(folder)) == sorted(name.name for name in originals)  # no temporary files left


def test_write_back_reports_what_it_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(FIXTURE_FILES[0].read_bytes())
    document = articlefm.load(path)
    assert articlefm.dask.write_back(document) == Saved(str(path.resolve()), "unchanged")
    document.meta.quality = 40
    path.write_bytes(path.read_bytes().replace(b"heat: -1", b"heat: 3"))
    saved = articlefm.dask.write_back(document)
    assert saved.outcome == "refused"
    assert saved.reason.endswith("a.md changed on disk since it was loaded; not written (overwrite=True replaces it)")
    document = articlefm.load(path)
    document.meta.topics.append("")
    saved = articlefm.dask.write_back(document)
    assert (saved.outcome, saved.reason) == (
        "refused",
        f"{path}: topics[2]: expected a non-empty string, found an empty one",
    )
    assert articlefm.dask.write_back(Document(document.meta)) == Saved(
        None, "refused", "the document was not read from a local file"
    )


def test_everything_that_crosses_workers_pickles(collection: Path) -> None:
    pairs = articlefm.dask.read_articles(collection, errors="collect", files_per_partition=3000).compute(
        scheduler="sync"
    )
    good = next(result for _, result in pairs if isinstance(result, Document))
    bad = next(result for _, result in pairs if isinstance(result, ArticleError))
    options = {"schema": Article, "strict": True, "limits": Limits(max_depth=5)}
    fs, _ = fsspec.core.url_to_fs("memory://x")
    saved = Saved("a.md", "refused", "a.md changed on disk since it was loaded")
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        document = loads(dumps(good))
        assert document == good
        assert document._path == good._path
        assert articlefm.dumps(document) == articlefm.dumps(good)  # still its file's text, byte for byte
        document.meta.quality = 1  # and still tracked: an edit is written
        assert "quality: 1\n" in articlefm.dumps(document)
        error = loads(dumps(bad))
        assert (str(error), error.problems, error.filename) == (str(bad), bad.problems, bad.filename)
        assert loads(dumps(pairs[:3])) == pairs[:3]
        assert loads(dumps(saved)) == saved
        assert loads(dumps(options)) == options
        assert loads(dumps(fs)) == fs
        assert loads(dumps(articlefm.dask.write_back)) is articlefm.dask.write_back
    graph = articlefm.dask.read_articles(collection, files_per_partition=1000).map(articlefm.dask.write_back)
    assert len(cloudpickle.loads(cloudpickle.dumps(dict(graph.__dask_graph__())))) == len(graph.__dask_graph__())


def test_fsspec_urls(tmp_path: Path) -> None:
    memory = fsspec.filesystem("memory")
    for path in FIXTURE_FILES[:5]:
        memory.pipe_file(f"/news/{path.name}", path.read_bytes())
    memory.pipe_file("/news/sub/.hidden.md", b"left out\n")
    memory.pipe_file("/news/notes.txt", b"not an article\n")
    memory.pipe_file("/news/sub/bad.md", b"---\ntitle: [\n---\n")
    with dask.config.set(scheduler="sync"):  # memory:// is this process's: no worker process sees it
        pairs = articlefm.dask.read_articles("memory://news", errors="collect").compute()
        names = [path for path, _ in pairs]
        assert names == [
            *sorted(f"memory:///news/{path.name}" for path in FIXTURE_FILES[:5]),
            "memory:///news/sub/bad.md",
        ]
        by_name = {path.name: articlefm.load(path) for path in FIXTURE_FILES[:5]}
        for name, result in pairs[:5]:
            assert result == by_name[name.rsplit("/", 1)[1]]
        with pytest.raises(ArticleError) as caught:
            articlefm.loads(b"---\ntitle: [\n---\n", filename="memory:///news/sub/bad.md")
        assert str(pairs[5][1]) == str(caught.value)
        globbed = articlefm.dask.read_articles("memory://news/**/*.md", errors="collect").compute()
        assert [path for path, _ in globbed] == names  # hidden files left out, as by a walk
        missing = articlefm.dask.read_articles("memory://news/gone.md", errors="collect").compute()
        assert str(missing[0][1]) == "memory:///news/gone.md: cannot read the file: /news/gone.md"
        # A Parquet dataset in memory too, each part put in place whole.
        bad = articlefm.dask.to_parquet(articlefm.dask.read_articles("memory://news", errors="collect"), "memory://out")
        assert [path for path, _ in bad] == ["memory:///news/sub/bad.md"]
        assert memory.ls("/out", detail=False) == ["/out/part-00000.parquet"]
        with memory.open("/out/part-00000.parquet", "rb") as stream:
            table = pq.read_table(stream)
        assert table["path"].to_pylist() == names[:5]
    # file:// URLs are local paths, walked as iter_load walks them.
    local = articlefm.dask.read_articles(f"file://{FIXTURES}", errors="collect").compute(scheduler="sync")
    assert_same_results(local, reference(FIXTURES))


def test_bad_arguments_are_clear() -> None:
    with pytest.raises(ValueError, match="errors: expected 'raise', 'collect' or 'skip', found 'keep'"):
        articlefm.dask.read_articles("examples", errors="keep")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="files_per_partition: expected a positive integer, found 0"):
        articlefm.dask.read_articles("examples", files_per_partition=0)
    assert articlefm.dask.read_articles([]).compute(scheduler="sync") == []


def test_the_core_imports_neither_dask_nor_pyarrow() -> None:
    code = (
        "import sys, articlefm; articlefm.load('examples/boston-facial-recognition.md'); "
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'dask', 'distributed', 'fsspec', 'pyarrow'}))"
    )
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    assert found.stdout == "[]\n"
