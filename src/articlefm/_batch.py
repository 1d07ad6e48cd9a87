"""Many files: finding them, reading them in parallel, and checking them (``articlefm validate``).

Nothing here imports attrs, cattrs or the YAML parser: ``articlefm validate FILE`` with the
built-in schema needs only this, the fast reader and the generated check (:mod:`._article_check`),
unless a file is invalid (then the loader explains why). Checks run in worker processes forked
with a pipe each way (:func:`_forked`); :mod:`._files` loads many files with the same scheduling
(:func:`_parallel`) in a process pool.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from . import _bounds
from ._framing import decode, split
from ._scan import quick_data

if TYPE_CHECKING:
    import concurrent.futures
    from pathlib import Path

    from ._errors import ArticleError
    from ._limits import Limits

R = TypeVar("R")
PathLike = str | os.PathLike[str]
P = TypeVar("P", str, "Path")  # a file's path as a batch hands it on: its text, or a Path (iter_load's)
_CHUNK = 64  # files per task when loading in parallel: few enough messages, small enough memory
# Files per task when only checking them: a result is a few bytes, so larger tasks cost fewer messages
# (each costs the processes about a third of a millisecond), and the last one keeps a worker busy only briefly.
_CHECK_CHUNK = 4 * _CHUNK
_READ_SIZE = 65_536  # bytes asked for at a time; a real file is 1 to 30 KB


class _Article:
    """The default schema, articlefm's ``Article``, named without importing it (see :func:`check_files`)."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "ARTICLE"  # a worker's is this one

    def __repr__(self) -> str:
        return "ARTICLE"


ARTICLE: Any = _Article()


def schema_of(schema: Any) -> Any:
    """The schema itself: :class:`~articlefm.Article` for :data:`ARTICLE`, else ``schema``."""
    if schema is ARTICLE:
        from ._model import Article

        return Article
    return schema


def _read_bytes(path: str) -> bytes:
    """The file's bytes, read with the system calls themselves: a file object, even unbuffered, costs a
    small file half as much again (its size asked first, its mode checked, its name kept).

    A read that gives nothing is the end; a real article takes one read and that one.
    """
    handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        data = os.read(handle, _READ_SIZE)
        more = os.read(handle, _READ_SIZE) if data else b""
        if not more:
            return data
        parts = [data, more]
        while more:
            more = os.read(handle, _READ_SIZE)
            parts.append(more)
        return b"".join(parts)
    finally:
        os.close(handle)


def check_files(
    paths: Iterable[PathLike],
    *,
    jobs: int = 1,
    schema: Any = ARTICLE,
    strict: bool = False,
    limits: Limits | None = None,
) -> Iterator[tuple[str, Checked]]:
    """For each file :func:`~articlefm.iter_load` finds (its path as text), ``None`` if it is valid, else its
    error and whether it was unreadable.

    The command line's ``validate``: workers send back only that, never a document. ``limits`` is a
    :class:`~articlefm.Limits`, or ``None`` for the defaults. A file read with the defaults (the only
    ones the command line has) as an :data:`ARTICLE` is checked by :func:`checks_as_article` first,
    without attrs; only a file that does not pass it is loaded as an ``Article``, which says why.
    """
    options = {"schema": schema, "strict": strict, "limits": limits}
    files = _expand(paths)
    if jobs == 1:
        return _serial_chunks(files, _check_chunk, options)
    start = _forked if hasattr(os, "fork") else None
    return _parallel(
        files,
        options,
        jobs,
        remote=_check_chunk,
        local=_check_chunk,
        receive=None,
        chunk_size=_CHECK_CHUNK,
        start=start,
    )


Checked = tuple["ArticleError", bool] | None  # the error, and True if the file could not be read at all


def _check_chunk(paths: list[str], options: dict[str, Any]) -> list[Checked]:
    quick = options["schema"] is ARTICLE and not options["strict"] and options["limits"] is None
    return [_check_one(path, options, quick) for path in paths]


def _check_one(path: str, options: dict[str, Any], quick: bool) -> Checked:
    try:
        data = _read_bytes(path)
    except OSError as exc:
        return _unreadable(path, exc), True
    if quick and checks_as_article(data):
        return None
    from ._document import loads
    from ._errors import ArticleError
    from ._limits import DEFAULT

    limits = options["limits"] or DEFAULT
    try:
        loads(data, filename=path, schema=schema_of(options["schema"]), strict=options["strict"], limits=limits)
    except ArticleError as exc:  # (not tied to its file: nothing will write it)
        return exc, False
    return None


def checks_as_article(data: bytes) -> bool:
    """Whether the file ``data`` loads as an ``Article`` with the default limits, by the loader's fast path.

    The same steps as :func:`~articlefm.loads`, with the loader's compiled structuring of ``Article``
    generated into :mod:`._article_check`, so without attrs. ``False`` says only that the fast path
    does not accept it: the loader then decides, and says why.

    >>> from pathlib import Path
    >>> data = Path("examples/boston-facial-recognition.md").read_bytes()
    >>> checks_as_article(data), checks_as_article(data.replace(b"quality: 38", b"quality: high"))
    (True, False)
    """
    from ._article_check import check  # (here: the module's import is the cold start's)

    try:
        front_matter = split(decode(data, ""), "").front_matter
        if len(front_matter) > _bounds.MAX_FRONT_MATTER:
            return False
        scanned = quick_data(front_matter, _bounds.MAX_DEPTH, _bounds.MAX_VALUES)
        if scanned is None:
            return False
        check(scanned)
    except Exception:  # noqa: BLE001 - any problem at all: the loader decides, and explains
        return False
    return True


def _serial_chunks(
    files: Iterator[P], task: Callable[[list[str], dict[str, Any]], list[R]], options: dict[str, Any]
) -> Iterator[tuple[P, R]]:
    for chunk in iter(lambda: list(islice(files, _CHUNK)), []):
        yield from zip(chunk, task(list(map(os.fspath, chunk)), options), strict=True)


class _Planned:
    """A chunk of files, the worker's future of its results if a worker has it, else its results once computed."""

    __slots__ = ("chunk", "future", "results")

    def __init__(self, chunk: list[Any], future: concurrent.futures.Future[list[Any]] | None) -> None:
        self.chunk = chunk
        self.future = future
        self.results: list[Any] | None = None


def _parallel(
    files: Iterator[P],
    options: dict[str, Any],
    jobs: int,
    *,
    remote: Callable[[list[str], dict[str, Any]], list[Any]],
    local: Callable[[list[str], dict[str, Any]], list[Any]],
    receive: Callable[[Any], Any] | None,
    chunk_size: int | None = None,
    start: Callable[..., contextlib.AbstractContextManager[Callable[[list[str]], Any]]] | None = None,
) -> Iterator[tuple[P, Any]]:
    """Run ``remote`` on chunks of paths in ``jobs - 1`` workers and ``local`` here; results in input order.

    ``receive`` turns a worker's result into what ``local`` would have given
    (``iter_load``'s workers send documents packed). Chunks have ``chunk_size`` files (default :data:`_CHUNK`).
    ``start(workers, remote, options)`` starts the workers (default :func:`_executor`).
    """
    # This process runs chunks too, between taking in the workers' results (which costs it
    # time: see _transfer). A chunk goes to the workers while they have fewer than two each in
    # hand, else this process keeps it: the share of each adapts to how fast each side is.
    size = chunk_size or _CHUNK
    chunks = iter(lambda: list(islice(files, size)), [])
    first = next(chunks, None)
    second = next(chunks, None)
    if second is None:  # one chunk at most: starting workers would cost more than they save
        yield from zip(first or [], local(list(map(os.fspath, first or [])), options), strict=True)
        return
    chunks = itertools.chain((first or [], second), chunks)
    workers = jobs - 1
    with (start or _executor)(workers, remote, options) as submit:
        planned: deque[_Planned] = deque()
        try:
            for chunk in chunks:
                busy = sum(1 for entry in planned if entry.future is not None and not entry.future.done())
                future = submit(list(map(os.fspath, chunk))) if busy < 2 * workers else None
                planned.append(_Planned(chunk, future))
                if len(planned) > 2 * jobs:  # a few chunks ahead: memory stays flat however many files
                    yield from _finish(planned, options, local, receive)
            while planned:
                yield from _finish(planned, options, local, receive)
        finally:
            for entry in planned:
                if entry.future is not None:
                    entry.future.cancel()


@contextlib.contextmanager
def _executor(
    workers: int, remote: Callable[[list[str], dict[str, Any]], list[Any]], options: dict[str, Any]
) -> Iterator[Callable[[list[str]], Any]]:
    """Workers of a process pool: ``submit(paths)`` gives the future of ``remote(paths, options)``.

    Its threads take in large results while this process works (``iter_load``'s documents: see _transfer).
    """
    import concurrent.futures  # here: a process that never runs workers does not pay for the import

    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        yield lambda paths: pool.submit(remote, paths, options)


@contextlib.contextmanager
def _forked(
    workers: int, remote: Callable[[list[str], dict[str, Any]], list[Checked]], options: dict[str, Any]
) -> Iterator[Callable[[list[str]], _Pending]]:
    """Workers forked from this process, a pipe each way: what ``check_files`` runs, where the system forks.

    A check's result is a few bytes, so a pipe each way does, without the executor's threads,
    queues or pickling: starting :func:`_executor` (importing ``concurrent.futures`` and
    ``multiprocessing``) cost as much as checking a few hundred files. A worker is a copy of this
    process: it has ``remote`` and ``options`` already, and gets paths and sends results as
    :mod:`marshal` frames. This process takes results in whenever it looks at a chunk's future, and
    while it waits to send paths, so neither side waits for the other however large a frame.
    """
    started: list[_Worker] = []
    try:
        for _ in range(workers):
            started.append(_Worker(remote, options, started))
        yield lambda paths: min(started, key=lambda worker: len(worker.pending)).submit(paths)
    finally:
        for worker in started:
            worker.stop()


class _Pending:
    """A chunk a forked worker has: ``done()``, ``result()`` and ``cancel()`` as a future's."""

    __slots__ = ("checked", "ready", "worker")

    def __init__(self, worker: _Worker) -> None:
        self.worker = worker
        self.ready = False
        self.checked: list[Checked] = []

    def done(self) -> bool:
        if not self.ready:
            self.worker.take(wait=False)
        return self.ready

    def result(self) -> list[Checked]:
        while not self.ready:
            self.worker.take(wait=True)
        return self.checked

    def cancel(self) -> bool:
        return False  # (sent already: stopping the worker ends it)


class _Worker:
    """A forked worker: it reads chunks of paths from one pipe and writes their results to another."""

    pid: int
    tasks: int  # this process's ends of the two pipes
    results: int

    def __init__(
        self,
        remote: Callable[[list[str], dict[str, Any]], list[Checked]],
        options: dict[str, Any],
        others: list[_Worker],
    ) -> None:
        tasks_in, tasks_out = os.pipe()
        results_in, results_out = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns
            # (This process's ends closed, and the other workers': or a worker would never see its tasks end.)
            ends = [tasks_out, results_in, *(end for other in others for end in (other.tasks, other.results))]
            _work(tasks_in, results_out, ends, remote, options)
        os.close(tasks_in)
        os.close(results_out)
        os.set_blocking(results_in, False)
        os.set_blocking(tasks_out, False)
        self.tasks, self.results = tasks_out, results_in
        self.pending: deque[_Pending] = deque()
        self.received = bytearray()

    def submit(self, paths: list[str]) -> _Pending:
        import select

        pending = _Pending(self)
        self.pending.append(pending)
        frame = memoryview(_frame(paths))
        while frame:
            try:
                frame = frame[os.write(self.tasks, frame) :]
            except BlockingIOError:  # the pipe is full: the worker may be waiting for this process to take
                # in its results before it reads more paths, so take them in while waiting to send
                readable, _, _ = select.select([self.results], [self.tasks], [])
                if readable:
                    self.take(wait=False)
        return pending

    def take(self, *, wait: bool) -> None:
        """Take in the results the worker has sent; with ``wait``, at least one."""
        import select  # (a C module: quick)

        while True:
            try:
                data = os.read(self.results, _READ_SIZE)
            except BlockingIOError:
                if wait:
                    select.select([self.results], [], [])
                    continue
                return
            if not data:
                raise OSError(f"a worker process (pid {self.pid}) stopped before it sent its results")
            self.received += data
            if self._unframe():
                return

    def _unframe(self) -> bool:
        """Give each complete frame received to the oldest pending chunk; whether there was one."""
        found = False
        while (frame := _unframed(self.received)) is not _INCOMPLETE:
            if isinstance(frame, str):  # the worker failed: what it said
                raise RuntimeError(f"a worker process failed: {frame}")
            pending = self.pending.popleft()
            pending.checked = [_checked(result) for result in frame]
            pending.ready = found = True
        return found

    def stop(self) -> None:
        """End the worker (it ends when its tasks end) and wait for it."""
        for handle in (self.tasks, self.results):
            with contextlib.suppress(OSError):
                os.close(handle)
        os.waitpid(self.pid, 0)


def _work(
    tasks: int,
    results: int,
    others: list[int],
    remote: Callable[[list[str], dict[str, Any]], list[Checked]],
    options: dict[str, Any],
) -> None:
    """A forked worker's life: close ``others``, check each chunk of paths it is sent, send back the results,
    then exit."""
    code = 0
    try:
        for handle in others:
            os.close(handle)
        received = bytearray()
        while True:
            while (paths := _unframed(received)) is _INCOMPLETE:
                data = os.read(tasks, _READ_SIZE)
                if not data:
                    return
                received += data
            try:
                frame = _frame([_sent(result) for result in remote(paths, options)])
            except Exception as exc:  # noqa: BLE001 - said to the calling process, which raises it
                frame = _frame(f"{type(exc).__name__}: {exc}")
            while frame:
                frame = frame[os.write(results, frame) :]
    except BaseException:  # noqa: BLE001 - interrupted, or the calling process has gone: just end
        code = 1
    finally:
        os._exit(code)  # never the calling process's cleanup (its buffered output, its finally blocks)


def _frame(value: Any) -> bytes:
    """``value`` as a frame: its :mod:`marshal` bytes after their length."""
    import marshal

    data = marshal.dumps(value)
    return len(data).to_bytes(4, "little") + data


_INCOMPLETE: Any = object()  # what _unframed gives while a frame has not all come


def _unframed(received: bytearray) -> Any:
    """The value of the first frame in ``received``, taken off it; :data:`_INCOMPLETE` if it has not all come."""
    import marshal

    if len(received) < 4:
        return _INCOMPLETE
    size = int.from_bytes(received[:4], "little")
    if len(received) < 4 + size:
        return _INCOMPLETE
    value = marshal.loads(received[4 : 4 + size])
    del received[: 4 + size]
    return value


def _sent(checked: Checked) -> Any:
    """A check's result as marshal can write it: ``None``, or the error's file, whether unreadable, problems."""
    if checked is None:
        return None
    error, unreadable = checked
    return (error.filename, unreadable, [problem._fields() for problem in error.problems])


def _checked(sent: Any) -> Checked:
    """:func:`_sent`'s result as the check's."""
    if sent is None:
        return None
    from ._errors import ArticleError, Problem

    filename, unreadable, problems = sent
    return ArticleError([Problem(*problem) for problem in problems], filename), unreadable


def _finish(
    planned: deque[_Planned],
    options: dict[str, Any],
    local: Callable[[list[str], dict[str, Any]], list[Any]],
    receive: Callable[[Any], Any] | None,
) -> Iterator[tuple[Any, Any]]:
    """The oldest planned chunk's files and results, taken off ``planned``.

    While a worker still has that chunk, this process computes its own later ones
    meanwhile, rather than wait: results come in order, but no process idles for that.
    """
    head = planned[0]
    if head.future is not None:
        while not head.future.done():
            ahead = next((entry for entry in planned if entry.future is None and entry.results is None), None)
            if ahead is None:
                break
            ahead.results = local(list(map(os.fspath, ahead.chunk)), options)
        results = head.future.result()
        if receive is not None:
            results = list(map(receive, results))
    else:
        results = head.results if head.results is not None else local(list(map(os.fspath, head.chunk)), options)
    planned.popleft()
    return zip(head.chunk, results, strict=True)


def _unreadable(path: PathLike, exc: OSError) -> ArticleError:
    from ._errors import ArticleError, Problem

    what = "file"
    if isinstance(exc, IsADirectoryError):  # a folder the walk could not list: say why
        what = "folder"
        try:
            os.scandir(path).close()
        except OSError as listing:
            exc = listing
    return ArticleError([Problem("", 0, 0, f"{_CANNOT_READ}{what}: {exc.strerror or exc}")], str(path))


_CANNOT_READ = "cannot read the "


def was_unreadable(error: ArticleError) -> bool:
    """Whether :func:`iter_load` gave ``error`` for a file or folder it could not read at all."""
    return len(error.problems) == 1 and error.problems[0].message.startswith(_CANNOT_READ)


def _expand(paths: Iterable[PathLike]) -> Iterator[str]:
    """The file paths that ``paths`` name, as ``str(Path(...))`` writes them (see :func:`iter_load`).

    As text: a ``Path`` per file costs a batch a microsecond, and importing pathlib a cold start a few ms.
    """
    for item in paths:
        name = _path_text(os.fspath(item))
        if os.path.isdir(name):
            yield from _walk(name)
        elif not os.path.exists(name) and any(char in name for char in "*?["):
            import glob
            from pathlib import Path  # (sorted as paths, by their parts)

            matches = (Path(match) for match in glob.iglob(name, recursive=True))
            yield from map(str, sorted(match for match in matches if not match.is_dir()))
        else:
            yield name


def _path_text(name: str) -> str:
    """``name`` as ``str(pathlib.Path(name))`` writes it: on POSIX, without slashes repeated or at the end and
    without ``.`` parts (two leading slashes stay, ``..`` stays); elsewhere, by pathlib itself.

    >>> [_path_text(name) for name in ("news/", "./news//a.md", ".", "", "/", "//srv/x", "a/../b")]
    ['news', 'news/a.md', '.', '.', '/', '//srv/x', 'a/../b']
    """
    if os.sep != "/" or os.altsep is not None:
        from pathlib import Path

        return str(Path(name))
    stripped = name.lstrip("/")
    root = "//" if len(name) - len(stripped) == 2 else "/" if stripped != name else ""
    return root + "/".join(part for part in stripped.split("/") if part not in ("", ".")) or "."


def _walk(folder: str) -> Iterator[str]:
    """Every ``*.md`` file below ``folder``, sorted, one folder listing in memory at a time."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        yield folder  # reported as what cannot be read
        return
    for entry in entries:  # (joined here: entry.path would write ./name for the folder .)
        path = entry.name if folder == "." else os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):  # not a link to a folder: no loops
            yield from _walk(path)
        elif entry.name.endswith(".md") and not entry.is_dir():
            yield path
