"""Article collections on Dask: read, map, write back and export where the files are.

Needs the ``dask`` extra (``pip install 'articlefm[dask]'``: dask's bags,
``dask.distributed`` and fsspec); Parquet export needs the ``arrow`` extra too.
``import articlefm`` alone never imports dask.

:func:`read_articles` makes a :class:`dask.bag.Bag` of documents. The paths are
listed when it is called (names only: no file is opened), a partition of
``files_per_partition`` names per task; each task reads its files in the worker
that runs it. Whatever runs the bag (a ``dask.distributed.Client``, on a laptop
or pointed at a cluster's scheduler, or Dask's default local scheduler) runs
the same code. Map your work over the bag, so that it runs where the files are
read, and only its results travel back:

>>> import articlefm.dask
>>> articles = articlefm.dask.read_articles("examples", files_per_partition=2)
>>> articles.npartitions
2
>>> sorted(articles.map(lambda doc: doc.meta.provider.domain).frequencies().compute())
[('dailydot.com', 1), ('fool.com', 1), ('ubergizmo.com', 1)]
"""

from __future__ import annotations

import io
import os
import typing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Literal

import attrs
import dask.bag as db
import fsspec
from dask.base import tokenize
from dask.highlevelgraph import HighLevelGraph

from ._batch import PathLike, _expand
from ._document import Document, loads, unedited
from ._errors import ArticleError, FileChangedError, OnError, Problem, check_on_error
from ._files import _load_one, dump, replace_file
from ._limits import DEFAULT, Limits
from ._model import Article

__all__ = ["Saved", "read_articles", "to_parquet", "write_back"]

_LOCK_TIMEOUT = 60.0  # seconds to wait for another writer of a part file (dump's lock)
FILES_PER_PARTITION = 1000  # a task of a few tenths of a second: Dask's overhead per task is about a millisecond


def read_articles(
    paths: PathLike | Iterable[PathLike],
    *,
    schema: Any = Article,
    strict: bool = False,
    limits: Limits = DEFAULT,
    errors: OnError = "raise",
    files_per_partition: int = FILES_PER_PARTITION,
) -> db.Bag:
    """A bag of the documents in files, folders and globs, read in partitions by Dask's workers.

    ``paths`` is what :func:`articlefm.iter_load` takes, in the same order, or
    any fsspec URL Dask accepts (``s3://bucket/news/**/*.md``, ``memory://news``):
    a folder gives every ``*.md`` file below it, hidden ones left out. Options
    are those of :func:`articlefm.load`. A bad file's :class:`ArticleError`
    is raised when the bag is computed (``errors="raise"``), or the bag holds
    ``(path, Document or ArticleError)`` pairs (``"collect"``), or bad files
    are left out (``"skip"``). A document read from a local file remembers it,
    so :func:`write_back` can save it there.

    >>> import articlefm.dask
    >>> pairs = articlefm.dask.read_articles("examples/*.md", errors="collect").compute()
    >>> [(path.rsplit("/", 1)[1], type(result).__name__) for path, result in pairs][0]
    ('2015-02-17-meet-the-new-face-detection-algorithm-that-will-change-image-search.md', 'Document')
    """
    check_on_error(errors)
    if isinstance(files_per_partition, bool) or not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise ValueError(f"files_per_partition: expected a positive integer, found {files_per_partition!r}")
    options = {"schema": schema, "strict": strict, "limits": limits}
    names = _listed([paths] if isinstance(paths, (str, os.PathLike)) else paths)
    partitions = list(iter(lambda: list(islice(names, files_per_partition)), []))
    if not partitions:
        return typing.cast(db.Bag, db.from_sequence([], npartitions=1))  # type: ignore[no-untyped-call]
    listing = db.from_sequence(partitions, npartitions=len(partitions))  # type: ignore[no-untyped-call]
    return typing.cast(db.Bag, listing.map_partitions(_read_partition, options, errors))


def _listed(paths: Iterable[PathLike]) -> Iterator[str]:
    """The file names (local paths, or URLs) that ``paths`` gives, in order."""
    for item in paths:
        text = os.fspath(item)
        if "://" not in text:
            yield from map(str, _expand([text]))
            continue
        fs, path = fsspec.core.url_to_fs(text)
        if "file" in _protocols(fs):
            yield from map(str, _expand([path]))  # a local file system: walked as iter_load walks it
        elif any(char in path for char in "*?["):
            static = path[: min(path.index(char) for char in "*?[" if char in path)].rsplit("/", 1)[0]
            matches = fs.glob(path, detail=True)  # with each match's type: no request per file to ask it
            files = (name for name, info in matches.items() if info["type"] != "directory")
            yield from (fs.unstrip_protocol(name) for name in sorted(files) if not _hidden(name[len(static) :]))
        elif fs.isdir(path):
            found = fs.find(path)
            shown = (name for name in found if name.endswith(".md") and not _hidden(name[len(path) :]))
            yield from (fs.unstrip_protocol(name) for name in sorted(shown))
        else:
            yield fs.unstrip_protocol(path)


def _protocols(fs: Any) -> tuple[str, ...]:
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))


def _read_partition(partitions: list[list[str]], options: dict[str, Any], errors: OnError) -> list[Any]:
    """A task: read one partition's files (``from_sequence`` hands it a list holding its list of names)."""
    results: list[Any] = []
    folders: dict[str, str] = {}
    for names in partitions:
        for name in names:
            result = _read(name, options, folders)
            if isinstance(result, ArticleError):
                if errors == "raise":
                    raise result
                if errors == "skip":
                    continue
            results.append((name, result) if errors == "collect" else result)
    return results


def _read(name: str, options: dict[str, Any], folders: dict[str, str]) -> Document[Any] | ArticleError:
    if "://" not in name:
        return _load_one(name, options, folders)
    try:
        with fsspec.open(name, "rb") as stream:
            data = stream.read()
    except OSError as exc:
        return ArticleError([Problem("", 0, 0, f"cannot read the file: {exc.strerror or exc}")], name)
    try:
        return loads(data, filename=name, **options)
    except ArticleError as exc:
        return exc


# --- writing back ---------------------------------------------------------------------------------------------------


@attrs.frozen
class Saved:
    """What :func:`write_back` did with one document: ``written``, ``unchanged`` or ``refused``, and why.

    >>> Saved("news/a.md", "refused", "news/a.md changed on disk since it was loaded")
    Saved(path='news/a.md', outcome='refused', reason='news/a.md changed on disk since it was loaded')
    """

    path: str | None
    outcome: Literal["written", "unchanged", "refused"]
    reason: str = ""


def write_back(document: Document[Any]) -> Saved:
    """Save an edited document to the file it was read from, as :func:`articlefm.dump` does; say what happened.

    Map it over a bag in the same task that edits (``bag.map(edit).map(write_back)``): each
    worker writes its own files, with ``dump``'s minimal diffs, atomic replacement and
    lost-update check. An unedited document is not written (``unchanged``); one whose file
    changed on disk since it was read, that is not valid, that was not read from a local
    file or that cannot be written is ``refused``, with the reason, and the run goes on.

    Dask runs a task again when a worker dies: an edit that may run twice must give the
    same result the second time (set a value, do not add to one); a file written by the
    first run is then ``unchanged``.

    >>> import articlefm, articlefm.dask, pathlib, shutil, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = shutil.copy("examples/boston-facial-recognition.md", folder / "boston.md")
    >>> def retitle(doc):
    ...     doc.meta.title = doc.meta.title.upper()
    ...     return doc
    >>> [saved.outcome for saved in articlefm.dask.read_articles(folder).map(retitle).map(articlefm.dask.write_back)]
    ['written']
    >>> articlefm.load(folder / "boston.md").meta.title[:12]
    'THE CITY OF '
    >>> shutil.rmtree(folder)
    """
    path = document._path
    if path is None:
        return Saved(None, "refused", "the document was not read from a local file")
    if unedited(document):
        return Saved(path, "unchanged")
    try:
        dump(document, path)
    except (ArticleError, FileChangedError) as exc:
        return Saved(path, "refused", str(exc))
    except OSError as exc:
        return Saved(path, "refused", f"{path}: cannot write the file: {exc.strerror or exc}")
    return Saved(path, "written")


# --- Parquet ----------------------------------------------------------------------------------------------------


def to_parquet(articles: db.Bag, out: PathLike, *, schema: type = Article) -> list[tuple[str, ArticleError]]:
    """Write a bag of documents (or of pairs, from ``errors="collect"``) as a Parquet dataset; the bad files.

    Each partition is one file, ``out/part-00000.parquet`` and on, written by the worker that
    reads it (:func:`articlefm.arrow.to_table`'s columns) and put in place whole: a worker
    killed while writing leaves no half file, and the task Dask runs again writes it. ``out``
    is a local folder or an fsspec URL; it must be new or empty. DuckDB, Polars, pyarrow and
    Dask read the folder as one table. Returns the ``(path, ArticleError)`` pairs of the bag.

    >>> import articlefm.dask, pyarrow.parquet, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     articlefm.dask.to_parquet(articlefm.dask.read_articles("examples"), folder)
    ...     pyarrow.parquet.read_table(folder).num_rows
    []
    3
    """
    import articlefm.arrow  # noqa: F401 - fails here, not in the workers, if the arrow extra is missing

    target = os.fspath(out)
    fs, folder = fsspec.core.url_to_fs(target)
    if fs.exists(folder) and fs.ls(folder):
        raise ValueError(f"out: expected a new or empty folder, found {target} with files in it")
    fs.makedirs(folder, exist_ok=True)
    # Each partition is written by the task that reads it (Dask fuses the two): its documents never
    # wait in a worker's memory for another task, nor travel to another worker.
    name = "articlefm-to-parquet-" + tokenize(articles, target, schema)
    layer: dict[Any, Any] = {
        (name, index): (_write_partition, (articles.name, index), index, fs, folder, schema)
        for index in range(articles.npartitions)
    }
    graph = HighLevelGraph.from_collections(name, layer, dependencies=[typing.cast(Any, articles)])
    written = db.Bag(graph, name, articles.npartitions)
    return list(written.compute())  # type: ignore[no-untyped-call]


def _write_partition(
    items: Iterable[Any], index: int, fs: Any, folder: str, schema: type
) -> list[tuple[str, ArticleError]]:
    import pyarrow.parquet as pq

    from .arrow import to_table

    documents: list[Any] = []
    bad: list[tuple[str, ArticleError]] = []
    for item in items:
        if isinstance(item, tuple) and isinstance(item[1], ArticleError):
            bad.append(item)
        else:
            documents.append(item)
    buffer = io.BytesIO()
    pq.write_table(to_table(documents, schema=schema), buffer)
    name = f"part-{index:05}.parquet"
    if "file" in _protocols(fs):
        path = os.path.join(folder, name)
        replace_file(
            path, buffer.getvalue(), timeout=_LOCK_TIMEOUT
        )  # a task run again replaces a killed run's leftovers
    else:  # whole or not at all: under a hidden name (which readers skip) until complete
        temporary = f"{folder}/.{name}.tmp"
        fs.pipe_file(temporary, buffer.getvalue())
        fs.mv(temporary, f"{folder}/{name}")
    return bad
