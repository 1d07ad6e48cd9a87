"""Files: load from a path, write atomically without losing updates, load many at once."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar, overload

from ._batch import PathLike, _expand, _parallel, _read_bytes, _unreadable
from ._document import Document, loads, source_bytes, unedited
from ._errors import ArticleError, FileChangedError
from ._limits import DEFAULT, Limits
from ._model import Article

if TYPE_CHECKING:
    from pathlib import Path

    from ._transfer import Packed

try:
    import fcntl
except ImportError:  # not a POSIX system: writes are not locked (docs/security.md)
    fcntl = None  # type: ignore[assignment]

__all__ = ["dump", "iter_load", "load"]

T = TypeVar("T")
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another articlefm writer of the same file


# --- one file -----------------------------------------------------------------------------------------------------


@overload
def load(
    source: PathLike | IO[bytes], *, strict: bool = ..., filename: str = ..., limits: Limits = ...
) -> Document[Article]: ...
@overload
def load(
    source: PathLike | IO[bytes], *, schema: type[T], strict: bool = ..., filename: str = ..., limits: Limits = ...
) -> Document[T]: ...
@overload
def load(
    source: PathLike | IO[bytes], *, schema: None, strict: bool = ..., filename: str = ..., limits: Limits = ...
) -> Document[dict[str, Any]]: ...
def load(source: PathLike | IO[bytes], **options: Any) -> Document[Any]:
    """Read an article from a path or a binary file; options as for :func:`loads`.

    A document loaded from a path remembers it, so :func:`dump` can tell if
    the file changed on disk before writing over it.

    >>> import articlefm
    >>> articlefm.load("examples/boston-facial-recognition.md").meta.provider.name
    'Ubergizmo Feed'
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        return _load_path(path, options.pop("filename", path), options, None)
    options.setdefault("filename", str(getattr(source, "name", "<stream>")))
    return loads(source.read(), **options)


def _load_path(path: str, filename: str, options: dict[str, Any], folders: dict[str, str] | None) -> Document[Any]:
    document = loads(_read_bytes(path), filename=filename, **options)
    document._tie(_canonical(path, folders))
    return document


def dump(
    document: Document[Any], target: PathLike | IO[bytes], *, overwrite: bool = False, timeout: float = LOCK_TIMEOUT
) -> None:
    """Write the document to a path (replaced atomically) or to a binary file.

    The text is built and checked before anything is written: an invalid
    model raises :class:`ArticleError` and leaves the file as it was. A path
    is replaced in one step (a temporary file beside it, flushed to disk,
    then renamed over it), keeping the old file's permissions, so a crash
    leaves the old file or the new one, never a mix. If the document was
    loaded from this path and the file has changed on disk since, nothing is
    written and :class:`FileChangedError` is raised, unless ``overwrite=True``.
    The check and the replacement happen under a lock that every articlefm
    writer of the path takes, so no update made through articlefm is lost;
    a writer that holds it longer than ``timeout`` seconds makes this one
    raise :class:`TimeoutError`. A symbolic link is not replaced: write to
    the file it points to.

    >>> import articlefm, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "a.md"
    ...     path.write_bytes(pathlib.Path("examples/boston-facial-recognition.md").read_bytes())
    ...     doc = articlefm.load(path)
    ...     doc.meta.quality = 40
    ...     articlefm.dump(doc, path)
    ...     b"quality: 40" in path.read_bytes()
    ...     _ = path.write_text(path.read_text().replace("heat: -1", "heat: 3"))  # someone else edits it
    ...     articlefm.dump(doc, path)
    Traceback (most recent call last):
    ...
    articlefm.FileChangedError: ...a.md changed on disk since it was loaded; not written (overwrite=True replaces it)
    """
    if not isinstance(target, (str, os.PathLike)):
        target.write(_encoded(document, str(getattr(target, "name", "<stream>"))))
        return
    path = os.fspath(target)
    data = _encoded(document, path)
    check = document._path is not None and not overwrite and _same_file(document._path, path)
    replace_file(path, data, unchanged_from=document if check else None, timeout=timeout)
    document._wrote(data, _canonical(path))


def replace_file(
    path: str, data: bytes, *, unchanged_from: Document[Any] | None = None, timeout: float = LOCK_TIMEOUT
) -> None:
    """Replace ``path`` with ``data`` in one step, under the writers' lock (what :func:`dump` writes with).

    With ``unchanged_from``, only if the file still holds what that document was read from
    (:class:`FileChangedError` otherwise).
    """
    with _write_lock(path, timeout) as locked:
        if unchanged_from is not None:
            _check_unchanged(unchanged_from, path)
        _replace(path, data, locked)


def _encoded(document: Document[Any], filename: str) -> bytes:
    data = source_bytes(document) if unedited(document) else None
    if data is not None:
        return data
    from ._write import write  # (imported where it runs: see _document)

    return write(document, filename).encode("utf-8")


def _canonical(path: str, folders: dict[str, str] | None = None) -> str:
    """The path with its folder's symbolic links resolved (not the file's own: ``dump`` refuses those).

    A batch passes ``folders``, the folders it has resolved so far: its files share a few.
    """
    if folders is None:
        folders = {}
    folder, name = os.path.split(os.path.abspath(path))
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def _same_file(origin: str, path: str) -> bool:
    if _canonical(path) == origin:
        return True
    try:
        return os.path.samefile(origin, path)
    except OSError:
        return False


def _check_unchanged(document: Document[Any], path: str) -> None:
    """Raise :class:`FileChangedError` unless ``path`` holds what the document was read from."""
    try:
        with open(path, "rb") as stream:
            current = stream.read()
    except FileNotFoundError:
        current = None
    if current != source_bytes(document):
        what = "changed on disk" if current is not None else "was removed"
        raise FileChangedError(f"{path} {what} since it was loaded; not written (overwrite=True replaces it)")


# --- the writers' lock ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _write_lock(path: str, timeout: float) -> Iterator[bool]:
    """Hold the lock that every articlefm writer of ``path`` takes; yield whether there is one.

    The lock is an advisory ``flock`` on the file itself, or on its folder while the file
    does not exist: no lock file is ever made, and the system drops the lock of a killed
    writer. A writer that had to wait finds ``path`` replaced by the one before it, so after
    locking it checks that ``path`` still names what it locked, and otherwise starts again
    on the new file. Where nothing can be locked (no ``fcntl``, a file it may not open, a
    symbolic link or a folder at ``path``, which the write refuses), it yields ``False``.
    """
    deadline = time.monotonic() + timeout
    while True:
        handle = _lock_handle(path)
        if handle is None:
            yield False
            return
        try:
            if not _acquire(handle, path, timeout, deadline):
                yield False
                return
            if _still_names(path, handle):
                yield True
                return
        finally:
            os.close(handle)  # which releases the lock


def _lock_handle(path: str) -> int | None:
    """An open handle on what locks ``path``: the file, or its folder while there is no file."""
    if fcntl is None:
        return None
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return None
    target = path if info is not None else os.path.dirname(os.path.abspath(path))
    for flags in (os.O_RDONLY, os.O_WRONLY):  # a write-only file can be locked too
        try:
            return os.open(target, flags | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return _lock_handle(path) if info is not None else None  # removed meanwhile: lock its folder
        except OSError:
            continue
    return None


def _acquire(handle: int, path: str, timeout: float, deadline: float) -> bool:
    """Lock ``handle``, waiting until ``deadline``; ``False`` if its file system has no locks."""
    pause = 0.001
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"{path} is being written by another articlefm process; not written after waiting {timeout:g} s"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):  # e.g. some network file systems
                return False
            raise


def _still_names(path: str, handle: int) -> bool:
    """Whether ``path`` is still what ``handle`` locked: that file, or (a folder's lock) no file yet."""
    locked = os.fstat(handle)
    try:
        current = os.lstat(path)
    except FileNotFoundError:
        return stat.S_ISDIR(locked.st_mode)
    return stat.S_ISREG(locked.st_mode) and (current.st_dev, current.st_ino) == (locked.st_dev, locked.st_ino)


# --- replacing a file -------------------------------------------------------------------------------------------


def _replace(path: str, data: bytes, locked: bool) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The file is written unnamed where the system allows it (Linux's O_TMPFILE), and named
    only once complete, just before the rename: a writer killed while writing leaves nothing
    behind. Elsewhere it is a named temporary file, removed if the write fails. Either way it
    is readable by its owner only until it is complete; then it takes the old file's
    permissions and owner. Under the writers' lock the temporary file has one fixed name,
    so a killed writer's leftover (killed between naming and renaming, or anywhere in the
    named fallback) is found and removed by the next writer.
    """
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and stat.S_ISLNK(old.st_mode):
        raise OSError(f"{path} is a symbolic link to {os.readlink(path)}; not replaced: write to the file it names")
    folder, base = os.path.split(os.path.abspath(path))
    fixed = f".{base}.articlefm.tmp" if locked else None
    if fixed is not None:
        from pathlib import Path  # (imported where used: the many-files routes read paths as text)

        Path(folder, fixed).unlink(missing_ok=True)  # a killed writer's: nobody else writes it while we hold the lock
    mode = stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode()
    temporary = None
    try:
        handle = _unnamed_file(folder)
        if handle is None:
            handle, temporary = _named_file(folder, base, fixed)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if old is not None:
                _keep_owner(stream.fileno(), old)
            os.fsync(stream.fileno())
            if temporary is None:
                temporary = _name(stream.fileno(), folder, base, fixed)
        os.replace(temporary, path)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise
    _sync_folder(folder)


def _temporary_names(base: str, fixed: str | None) -> Iterator[str]:
    """Names to try for the temporary file: the fixed one, or random ones until one is free."""
    if fixed is not None:
        yield fixed
        return
    import secrets  # here: only a write without the writers' lock needs it, not every command's start-up

    while True:
        yield f".{base}.{secrets.token_hex(6)}.tmp"


def _named_file(folder: str, base: str, fixed: str | None) -> tuple[int, str]:
    """A new, empty, named temporary file in ``folder``, readable by its owner only."""
    names = _temporary_names(base, fixed)
    while True:
        temporary = os.path.join(folder, next(names))
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600), temporary
        except FileExistsError:
            if fixed is not None:
                raise


def _unnamed_file(folder: str) -> int | None:
    """A new file in ``folder`` with no name yet, if the system and file system allow it."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):  # naming it later goes through /proc
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:  # not supported by this file system
        return None


def _name(handle: int, folder: str, base: str, fixed: str | None) -> str:
    """Give the unnamed file a (temporary) name in its folder."""
    folder_handle = os.open(folder, os.O_RDONLY)
    try:
        names = _temporary_names(base, fixed)
        while True:
            name = next(names)
            try:
                # With a folder handle, os.link is linkat(..., AT_SYMLINK_FOLLOW), which can name an open file.
                os.link(f"/proc/self/fd/{handle}", name, dst_dir_fd=folder_handle, follow_symlinks=True)
            except FileExistsError:
                if fixed is not None:
                    raise
                continue
            return os.path.join(folder, name)
    finally:
        os.close(folder_handle)


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no other way to read it; restored at once
    os.umask(mask)
    return 0o666 & ~mask


def _keep_owner(handle: int, old: os.stat_result) -> None:
    new = os.fstat(handle)  # not the process's ids: a setgid folder gives new files its group
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        # Only root may give a file away: otherwise it belongs to whoever wrote it.
        with contextlib.suppress(PermissionError):
            os.fchown(handle, old.st_uid, old.st_gid)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


# --- many files ---------------------------------------------------------------------------------------------------


def iter_load(
    paths: PathLike | Iterable[PathLike],
    *,
    jobs: int = 1,
    schema: Any = Article,
    strict: bool = False,
    limits: Limits = DEFAULT,
) -> Iterator[tuple[Path, Document[Any] | ArticleError]]:
    """Load many files: ``(path, Document or ArticleError)`` pairs, lazily, in a stable order.

    ``paths`` is a path or an iterable of them: files, folders (every ``*.md``
    file below them, sorted by name in each folder) and glob patterns
    (``news/**/*.md``, the files it matches, sorted). Hidden files and
    folders (``.name``) are left out, as globs leave them, and symbolic links
    to folders are not followed. A file or folder that cannot be read gives an
    :class:`ArticleError` too, so one bad file never stops a run. ``jobs``
    processes load in parallel, this one included; results still come in input
    order, a few chunks ahead at most.

    >>> import articlefm
    >>> for path, result in articlefm.iter_load("examples"):
    ...     print(path.name, "ok" if isinstance(result, articlefm.Document) else result)
    2015-02-17-meet-the-new-face-detection-algorithm-that-will-change-image-search.md ok
    2023-04-21-investing-in-ai-stocks.md ok
    boston-facial-recognition.md ok
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs: expected a positive integer, found {jobs!r}")
    from pathlib import Path

    options = {"schema": schema, "strict": strict, "limits": limits}
    files = map(Path, _expand([paths] if isinstance(paths, (str, os.PathLike)) else paths))
    return (
        _serial(files, options)
        if jobs == 1
        else _parallel(files, options, jobs, remote=_load_packed, local=_load_chunk, receive=_unpacked)
    )


def _serial(files: Iterator[Path], options: dict[str, Any]) -> Iterator[tuple[Path, Document[Any] | ArticleError]]:
    folders: dict[str, str] = {}
    for path in files:
        yield path, _load_one(path, options, folders)


def _load_chunk(paths: list[str], options: dict[str, Any]) -> list[Document[Any] | ArticleError]:
    folders: dict[str, str] = {}
    return [_load_one(path, options, folders) for path in paths]


def _load_packed(paths: list[str], options: dict[str, Any]) -> list[Packed | Document[Any] | ArticleError]:
    """A worker's task: load the files, and pack the documents to send them quickly (see _transfer).

    The paths come as strings: a pickled ``Path`` is rebuilt by parsing it again, at a cost.
    """
    from ._transfer import pack

    folders: dict[str, str] = {}
    results = (_load_one(path, options, folders) for path in paths)
    return [result if isinstance(result, ArticleError) else pack(result) for result in results]


def _unpacked(result: Packed | Document[Any] | ArticleError) -> Document[Any] | ArticleError:
    from ._transfer import unpack

    return result if isinstance(result, ArticleError) else unpack(result)


def _load_one(path: PathLike, options: dict[str, Any], folders: dict[str, str]) -> Document[Any] | ArticleError:
    name = os.fspath(path)
    try:
        return _load_path(name, name, options, folders)
    except ArticleError as exc:
        return exc
    except OSError as exc:
        return _unreadable(path, exc)
