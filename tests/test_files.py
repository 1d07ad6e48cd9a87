"""Files: ``load`` and ``dump`` on paths and streams; a save must never destroy what was on disk.

``dump(doc, path)`` builds and checks the text first, refuses to write over a file that changed on disk since the
document was loaded (the lost-update check), then replaces the file in one step: a temporary file in the same
folder, written, given the old file's mode and owner, fsynced, and renamed over the target. On Linux the
temporary file is created unnamed (``O_TMPFILE``) and named only once complete, so a writer killed halfway leaves
nothing behind; elsewhere it is a named file removed on failure.

Every test works on a copy of the sample file in ``tmp_path`` and asserts exact bytes, modes, messages and
exception types. Failures are injected by monkeypatching the ``os`` functions the writer calls, in this process
or in a child process that is then killed with SIGKILL. The only waiting is a hang guard on that child.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import articlefm
from articlefm import Article, ArticleError, Document, FileChangedError, _files, dump, dumps, load

SAMPLE = Path(__file__).parent / "fixtures" / "boston-facial-recognition.md"
ORIGINAL = SAMPLE.read_bytes()
NAME = "boston.md"
BOM = b"\xef\xbb\xbf"
OTHER_WRITER = b"heat: 3"  # what another program puts in place of "heat: -1"
HANG_SECONDS = 60  # hang guard for child processes; never an assertion about speed
INVALID_TOPIC = "topics[2]: expected a non-empty string, found an empty one"
# The temporary file's name: one fixed name under the writers' lock (a killed writer's is found and removed by the
# next), random ones where nothing could be locked.
LOCKED_TEMPORARY = ".boston.md.articlefm.tmp"
UNLOCKED_TEMPORARY = re.compile(r"\.boston\.md\.[0-9a-f]{12}\.tmp")


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


# The sample file with each framing the library must keep: line endings and byte order mark.
FRAMINGS = {
    "lf": ORIGINAL,
    "crlf": crlf(ORIGINAL),
    "bom-lf": BOM + ORIGINAL,
    "bom-crlf": BOM + crlf(ORIGINAL),
}


def edited_bytes(data: bytes) -> bytes:
    """``data`` as the library writes it after ``doc.meta.quality = 40``: that one value changes."""
    assert data.count(b"quality: 38") == 1
    return data.replace(b"quality: 38", b"quality: 40")


def changed_by_other(data: bytes) -> bytes:
    """``data`` as another program left it: a different heat."""
    assert data.count(b"heat: -1") == 1
    return data.replace(b"heat: -1", OTHER_WRITER)


EDITED = edited_bytes(ORIGINAL)
CHANGED = changed_by_other(ORIGINAL)


# --- helpers ----------------------------------------------------------------------------------------------------------


def sample(folder: Path, data: bytes = ORIGINAL, name: str = NAME, mode: int = 0o644) -> Path:
    """A copy of the sample (or ``data``) in ``folder``, with an exact mode whatever the umask."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def loaded_and_edited(path: str | os.PathLike[str]) -> Document[Article]:
    doc = load(path)
    doc.meta.quality = 40
    return doc


def file_mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def changed_message(path: str | os.PathLike[str]) -> str:
    return f"{os.fspath(path)} changed on disk since it was loaded; not written (overwrite=True replaces it)"


def removed_message(path: str | os.PathLike[str]) -> str:
    return f"{os.fspath(path)} was removed since it was loaded; not written (overwrite=True replaces it)"


def replaced_sources(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The temporary files ``os.replace`` renames over their targets from now on (it still renames them)."""
    sources: list[str] = []
    real_replace = os.replace

    def spy_replace(source: str, target: str) -> None:
        sources.append(source)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy_replace)
    return sources


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def unnamed_files_supported(folder: Path) -> None:
    """Skip unless the library can make unnamed files in ``folder`` (Linux, O_TMPFILE, a file system allowing it)."""
    handle = _files._unnamed_file(str(folder))
    if handle is None:
        pytest.skip("no O_TMPFILE here: the library falls back to a named temporary file")
    os.close(handle)


@pytest.fixture
def no_unnamed_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the fallback path: as if the system or file system had no O_TMPFILE."""

    def unavailable(folder: str) -> int | None:
        return None

    monkeypatch.setattr(_files, "_unnamed_file", unavailable)


WAYS = ["o_tmpfile", "named-fallback"]


@pytest.fixture(params=WAYS)
def write_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Each test using this runs on both ways of making the temporary file."""
    if request.param == "o_tmpfile":
        unnamed_files_supported(tmp_path)
    else:

        def unavailable(folder: str) -> int | None:
            return None

        monkeypatch.setattr(_files, "_unnamed_file", unavailable)
    return str(request.param)


# --- 1a. a writer killed halfway --------------------------------------------------------------------------------------

# The child loads the file, edits it and dumps it; ``os.<hook>`` is replaced so that when the writer calls it, the
# child reports what the temporary file holds (size, link count, mode) through a marker file, then blocks until the
# parent kills it. With ``fallback``, it writes as where there is no O_TMPFILE (a temporary file named from the
# start), and the ``open`` hook stops it just after creating that file.
CHILD = r"""
import json, os, sys, time
import articlefm, articlefm._files

path, marker, hook, fallback = sys.argv[1:5]
real = getattr(os, hook)

def block(*args, **kwargs):
    first = args[0]
    if hook == "open":
        if not args[1] & os.O_CREAT:  # the lock's own open, or a read
            return real(*args, **kwargs)
        first = real(*args, **kwargs)
    if hook == "replace":  # os.replace(temporary, path): the temporary file has a name now
        info = os.stat(first)
    else:  # os.open(...), os.fchmod(fd, mode), os.fsync(fd), os.link("/proc/self/fd/<fd>", name, ...)
        info = os.fstat(first if isinstance(first, int) else int(first.rsplit("/", 1)[1]))
    with open(marker + ".part", "w") as stream:
        json.dump({"size": info.st_size, "links": info.st_nlink, "mode": info.st_mode & 0o7777}, stream)
    os.rename(marker + ".part", marker)
    time.sleep(600)

if fallback == "yes":
    articlefm._files._unnamed_file = lambda folder: None
doc = articlefm.load(path)
doc.meta.quality = 40
setattr(os, hook, block)
articlefm.dump(doc, path)
"""


def kill_writer_at(hook: str, path: Path, marker: Path, *, fallback: bool = False) -> dict[str, int]:
    """Run a writer of ``path`` until it calls ``os.<hook>``, SIGKILL it, and return what it reported."""
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(marker), hook, "yes" if fallback else "no"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        try:
            deadline = time.monotonic() + HANG_SECONDS
            while not marker.exists():
                if child.poll() is not None:
                    _, err = child.communicate()
                    pytest.fail(f"the writer exited ({child.returncode}) before os.{hook}:\n{err.decode()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"hang guard: the writer did not reach os.{hook} in {HANG_SECONDS} s")
                time.sleep(0.01)
            report: dict[str, int] = json.loads(marker.read_text())
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.communicate()
        assert child.returncode == -signal.SIGKILL
    return report


@pytest.mark.parametrize(
    ("hook", "mode"),
    [
        ("fchmod", 0o600),  # every byte written and flushed; not yet given the old file's mode
        ("fsync", 0o640),  # given the old mode, not yet on disk
        ("link", 0o640),  # complete and on disk, about to be named
    ],
)
def test_a_writer_killed_halfway_leaves_the_file_intact_and_nothing_beside_it(
    tmp_path: Path, hook: str, mode: int
) -> None:
    folder = tmp_path / "articles"
    path = sample(folder, mode=0o640)
    unnamed_files_supported(folder)
    report = kill_writer_at(hook, path, tmp_path / "marker")
    # It was killed with the whole new text in a file that had no name.
    assert report == {"size": len(EDITED), "links": 0, "mode": mode}
    assert path.read_bytes() == ORIGINAL
    assert file_mode(path) == 0o640
    assert listing(folder) == [NAME]
    dump(loaded_and_edited(path), path, timeout=HANG_SECONDS)  # it held the writers' lock: the system released it
    assert path.read_bytes() == EDITED


def test_a_writer_killed_between_naming_and_renaming_leaves_a_whole_file_the_next_writer_removes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    path = sample(folder, mode=0o640)
    unnamed_files_supported(folder)
    report = kill_writer_at("replace", path, tmp_path / "marker")
    assert report == {"size": len(EDITED), "links": 1, "mode": 0o640}
    assert path.read_bytes() == ORIGINAL  # the old file is whole: the promise that matters most holds
    assert (folder / LOCKED_TEMPORARY).read_bytes() == EDITED
    assert listing(folder) == sorted([NAME, LOCKED_TEMPORARY])
    dump(loaded_and_edited(path), path, timeout=HANG_SECONDS)  # the killed writer's lock went with it
    assert path.read_bytes() == EDITED
    assert listing(folder) == [NAME]


@pytest.mark.parametrize(
    ("hook", "size", "mode"),
    [
        ("open", 0, 0o600),  # the named temporary file just created, empty
        ("fchmod", len(EDITED), 0o600),
        ("fsync", len(EDITED), 0o640),
        ("replace", len(EDITED), 0o640),
    ],
)
def test_a_killed_fallback_writer_leaves_the_file_intact_and_the_next_writer_cleans_up(
    tmp_path: Path, hook: str, size: int, mode: int
) -> None:
    """Without O_TMPFILE the temporary file has its name from the start: a kill anywhere leaves it, until the next
    writer of the file, which takes the killed writer's lock (the system released it) and removes it."""
    folder = tmp_path / "articles"
    path = sample(folder, mode=0o640)
    report = kill_writer_at(hook, path, tmp_path / "marker", fallback=True)
    assert report == {"size": size, "links": 1, "mode": mode}
    assert path.read_bytes() == ORIGINAL
    assert listing(folder) == sorted([NAME, LOCKED_TEMPORARY])
    dump(loaded_and_edited(path), path, timeout=HANG_SECONDS)
    assert path.read_bytes() == EDITED
    assert file_mode(path) == 0o640
    assert listing(folder) == [NAME]


# --- 1b. a write that fails -------------------------------------------------------------------------------------------


class HalfWritten:
    """A file object that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


FAILURES = ["write", "fchmod", "fsync", "link", "replace"]


def make_fail(monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException) -> None:
    """Make the writer's ``step`` raise ``error`` (``write`` writes half of the text first)."""
    if step == "write":
        real_fdopen = os.fdopen

        def half_written(*args: Any, **kwargs: Any) -> HalfWritten:
            return HalfWritten(real_fdopen(*args, **kwargs))

        monkeypatch.setattr(os, "fdopen", half_written)
        return

    def failing(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(os, step, failing)


@pytest.mark.parametrize(
    ("write_path", "step"),
    # The fallback's temporary file is created with its name: it never calls os.link.
    [(way, step) for way in WAYS for step in FAILURES if (way, step) != ("named-fallback", "link")],
    indirect=["write_path"],
)
def test_a_failing_write_raises_and_leaves_the_file_intact_and_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str, step: str
) -> None:
    path = sample(tmp_path, mode=0o640)
    doc = loaded_and_edited(path)
    error = OSError(errno.EIO, f"injected failure in {step}")
    make_fail(monkeypatch, step, error)
    with pytest.raises(OSError, match=r"^\[Errno \d+\] ") as raised:
        dump(doc, path)
    if step == "write":
        assert type(raised.value) is OSError
        assert (raised.value.errno, raised.value.strerror) == (errno.ENOSPC, "No space left on device")
    else:
        assert raised.value is error
    assert path.read_bytes() == ORIGINAL
    assert file_mode(path) == 0o640
    assert listing(tmp_path) == [NAME]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_an_interrupted_write_leaves_the_file_intact_and_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str, step: str
) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    make_fail(monkeypatch, step, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        dump(doc, path)
    assert path.read_bytes() == ORIGINAL
    assert listing(tmp_path) == [NAME]


def test_a_failing_write_of_a_new_file_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str
) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    folder = tmp_path / "target"
    folder.mkdir()
    make_fail(monkeypatch, "replace", OSError(errno.EIO, "injected"))
    with pytest.raises(OSError, match=r"^\[Errno 5\] injected$"):
        dump(doc, folder / NAME)
    assert listing(folder) == []


def test_after_a_failed_write_the_document_is_still_tied_to_the_file_it_was_loaded_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    make_fail(monkeypatch, "fsync", OSError(errno.EIO, "injected"))
    with pytest.raises(OSError, match="injected"):
        dump(doc, path)
    monkeypatch.undo()
    path.write_bytes(CHANGED)  # someone else writes while we were failing
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == changed_message(path)
    assert path.read_bytes() == CHANGED


def test_dumping_over_a_folder_raises_and_leaves_it_alone(tmp_path: Path, write_path: str) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    folder = tmp_path / "target"
    (folder / NAME).mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        dump(doc, folder / NAME)
    assert (folder / NAME).is_dir()
    assert listing(folder) == [NAME]
    assert listing(folder / NAME) == []


# --- 1c. a write that succeeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("framing", FRAMINGS)
def test_an_unedited_document_is_written_back_byte_for_byte(tmp_path: Path, write_path: str, framing: str) -> None:
    data = FRAMINGS[framing]
    path = sample(tmp_path, data)
    doc = load(path)
    dump(doc, path)
    assert path.read_bytes() == data
    dump(doc, tmp_path / "copy.md")
    assert (tmp_path / "copy.md").read_bytes() == data
    assert listing(tmp_path) == [NAME, "copy.md"]


@pytest.mark.parametrize("framing", FRAMINGS)
def test_an_edited_document_changes_only_the_edited_bytes(tmp_path: Path, write_path: str, framing: str) -> None:
    data = FRAMINGS[framing]
    path = sample(tmp_path, data)
    doc = loaded_and_edited(path)
    dump(doc, path)
    assert path.read_bytes() == edited_bytes(data)
    assert listing(tmp_path) == [NAME]
    assert load(path) == doc


def test_a_new_document_is_written_in_house_style_to_a_new_file(tmp_path: Path, write_path: str) -> None:
    doc = Document(meta=load(sample(tmp_path / "source")).meta)  # no source text: house style
    target = tmp_path / "new" / "article.md"
    target.parent.mkdir()
    dump(doc, target)
    assert target.read_bytes() == dumps(doc).encode("utf-8")
    assert listing(target.parent) == ["article.md"]
    assert load(target) == doc


def test_the_temporary_file_is_beside_the_target_and_unnamed_until_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample(tmp_path, mode=0o640)
    unnamed_files_supported(tmp_path)
    doc = loaded_and_edited(path)
    seen: list[tuple[str, int, int, int]] = []  # (step, links, size, mode) of the temporary file
    real_fsync, real_replace = os.fsync, os.replace

    def spy_fsync(handle: int) -> None:
        info = os.fstat(handle)
        if stat.S_ISREG(info.st_mode):  # not the folder's fsync after the rename
            seen.append(("fsync", info.st_nlink, info.st_size, stat.S_IMODE(info.st_mode)))
        real_fsync(handle)

    def spy_replace(source: str, target: str) -> None:
        assert os.path.dirname(source) == str(tmp_path)
        assert os.path.basename(source) == LOCKED_TEMPORARY
        assert target == str(path)
        info = os.stat(source)
        seen.append(("replace", info.st_nlink, info.st_size, stat.S_IMODE(info.st_mode)))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    dump(doc, path)
    assert seen == [("fsync", 0, len(EDITED), 0o640), ("replace", 1, len(EDITED), 0o640)]
    assert path.read_bytes() == EDITED
    assert listing(tmp_path) == [NAME]


def test_the_fallback_temporary_file_is_named_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_unnamed_files: None
) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    sources = replaced_sources(monkeypatch)
    dump(doc, path)
    assert len(sources) == 1
    assert os.path.dirname(sources[0]) == str(tmp_path)
    assert os.path.basename(sources[0]) == LOCKED_TEMPORARY
    assert path.read_bytes() == EDITED
    assert listing(tmp_path) == [NAME]


# --- 2a. cooperating writers ------------------------------------------------------------------------------------------

# Each writer loads the file, adds 1 to quality and dumps it, retrying on FileChangedError, until it has written
# ``rounds`` times; it prints how many writes succeeded and how many were refused.
INCREMENTER = r"""
import sys
import articlefm

path, rounds = sys.argv[1], int(sys.argv[2])
written = refused = 0
while written < rounds:
    doc = articlefm.load(path)
    doc.meta.quality += 1
    try:
        articlefm.dump(doc, path, timeout=60)
    except articlefm.FileChangedError:
        refused += 1
        continue
    written += 1
print(written, refused)
"""


@pytest.mark.parametrize("run", range(3))
def test_concurrent_writers_lose_no_update(tmp_path: Path, run: int) -> None:
    writers, rounds = 4, 40
    path = sample(tmp_path)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", INCREMENTER, str(path), str(rounds)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(writers)
    ]
    reports = []
    for child in children:
        out, err = child.communicate(timeout=HANG_SECONDS * 5)
        assert child.returncode == 0, err.decode()
        reports.append(tuple(map(int, out.split())))
    assert [written for written, _ in reports] == [rounds] * writers
    assert load(path).meta.quality == 38 + writers * rounds  # every successful write is in the file
    assert listing(tmp_path) == [NAME]


def hold_lock(path: Path) -> int:
    """Take the writers' lock on ``path`` (a file, or the folder of a new file) as another writer would."""
    handle = os.open(path, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_a_writer_waits_for_the_lock_and_gives_up_after_its_timeout(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    handle = hold_lock(path)
    try:
        with pytest.raises(TimeoutError) as raised:
            dump(doc, path, timeout=0.2)
    finally:
        os.close(handle)
    message = f"{path} is being written by another articlefm process; not written after waiting 0.2 s"
    assert str(raised.value) == message
    assert path.read_bytes() == ORIGINAL
    assert listing(tmp_path) == [NAME]
    dump(doc, path, timeout=0.2)  # released: the same document is written
    assert path.read_bytes() == EDITED


def test_a_new_file_is_written_under_its_folders_lock(tmp_path: Path) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    folder = tmp_path / "target"
    folder.mkdir()
    handle = hold_lock(folder)
    try:
        with pytest.raises(TimeoutError, match=r"not written after waiting 0\.1 s$"):
            dump(doc, folder / NAME, timeout=0.1)
    finally:
        os.close(handle)
    assert listing(folder) == []
    dump(doc, folder / NAME, timeout=0.1)
    assert (folder / NAME).read_bytes() == EDITED


@pytest.mark.parametrize(("replacement", "written"), [(ORIGINAL, True), (CHANGED, False)])
def test_a_waiting_writer_checks_the_file_the_one_before_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replacement: bytes, written: bool
) -> None:
    """The writer before it renames a new file over the path while this one waits on the old file's lock: this one
    must lock the new file and check that, not the file it first opened."""
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    handle = hold_lock(path)
    waiting = threading.Event()
    real_acquire = _files._acquire

    def acquire(*args: Any) -> bool:
        waiting.set()
        return real_acquire(*args)

    monkeypatch.setattr(_files, "_acquire", acquire)
    outcome: list[BaseException | None] = []

    def writer() -> None:
        try:
            dump(doc, path, timeout=HANG_SECONDS)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread to assert on
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert waiting.wait(HANG_SECONDS)
        newer = tmp_path / "newer"
        newer.write_bytes(replacement)
        os.replace(newer, path)  # what the writer holding the lock does last
    finally:
        os.close(handle)  # ... then it releases the old file's lock
    thread.join(HANG_SECONDS)
    assert not thread.is_alive()
    if written:
        assert outcome == [None]
        assert path.read_bytes() == EDITED
    else:
        assert isinstance(outcome[0], FileChangedError)
        assert path.read_bytes() == CHANGED
    assert listing(tmp_path) == [NAME]


class NoLocks:
    """``fcntl`` on a file system without locks, as some network file systems are."""

    LOCK_EX, LOCK_NB = fcntl.LOCK_EX, fcntl.LOCK_NB

    @staticmethod
    def flock(handle: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")


@pytest.mark.parametrize("fcntl_module", [None, NoLocks], ids=["no-fcntl", "no-locks-on-this-file-system"])
def test_without_locking_writes_still_happen_with_a_random_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str, fcntl_module: Any
) -> None:
    """Where nothing can be locked, writers cannot share one temporary name; the lost-update check still runs."""
    monkeypatch.setattr(_files, "fcntl", fcntl_module)
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    sources = replaced_sources(monkeypatch)
    dump(doc, path)
    assert len(sources) == 1
    assert UNLOCKED_TEMPORARY.fullmatch(os.path.basename(sources[0]))
    assert path.read_bytes() == EDITED
    assert listing(tmp_path) == [NAME]


# --- 2. lost updates --------------------------------------------------------------------------------------------------


def test_a_file_changed_on_disk_is_not_written_over(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    path.write_bytes(CHANGED)
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert isinstance(raised.value, OSError)
    assert raised.value.args == (changed_message(path),)
    assert str(raised.value) == (
        f"{tmp_path}/boston.md changed on disk since it was loaded; not written (overwrite=True replaces it)"
    )
    assert path.read_bytes() == CHANGED
    assert listing(tmp_path) == [NAME]


def test_an_unedited_document_is_not_written_over_a_changed_file_either(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = load(path)
    path.write_bytes(CHANGED)
    with pytest.raises(FileChangedError, match="changed on disk"):
        dump(doc, path)
    assert path.read_bytes() == CHANGED


def test_overwrite_replaces_a_changed_file(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    path.write_bytes(CHANGED)
    dump(doc, path, overwrite=True)
    assert path.read_bytes() == EDITED
    assert listing(tmp_path) == [NAME]


def test_a_removed_file_is_not_written_again(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    path.unlink()
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == removed_message(path)
    assert listing(tmp_path) == []
    with umask(0o022):
        dump(doc, path, overwrite=True)
    assert path.read_bytes() == EDITED
    assert file_mode(path) == 0o644
    assert listing(tmp_path) == [NAME]


def test_a_file_touched_but_not_changed_is_written(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    os.utime(path, (0, 0))
    dump(doc, path)
    assert path.read_bytes() == EDITED


def test_a_file_replaced_by_the_same_bytes_is_written(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    (tmp_path / "other.tmp").write_bytes(ORIGINAL)
    os.replace(tmp_path / "other.tmp", path)  # another program saved it unchanged: a new inode, same bytes
    dump(doc, path)
    assert path.read_bytes() == EDITED


# How the document was loaded, and how the same file is named when it is dumped (the test runs in tmp_path).
SPELLINGS: list[tuple[str, Callable[[Path], str | os.PathLike[str]]]] = [
    ("relative", lambda folder: NAME),
    ("dot", lambda folder: f"./{NAME}"),
    ("dotdot", lambda folder: f"sub/../{NAME}"),
    ("absolute", lambda folder: str(folder / NAME)),
    ("pathlib", lambda folder: folder / NAME),
    ("pathlib-relative", lambda folder: Path(NAME)),
]
SPELLING_PAIRS = [
    pytest.param(load_as, dump_as, id=f"{load_name}-then-{dump_name}")
    for load_name, load_as in SPELLINGS
    for dump_name, dump_as in SPELLINGS
    if load_name != dump_name
]


@pytest.mark.parametrize(("load_as", "dump_as"), SPELLING_PAIRS)
def test_a_change_is_found_whatever_the_spelling_of_the_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    load_as: Callable[[Path], str | os.PathLike[str]],
    dump_as: Callable[[Path], str | os.PathLike[str]],
) -> None:
    path = sample(tmp_path)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    doc = loaded_and_edited(load_as(tmp_path))
    path.write_bytes(CHANGED)
    target = dump_as(tmp_path)
    with pytest.raises(FileChangedError) as raised:
        dump(doc, target)
    assert str(raised.value) == changed_message(target)
    path.unlink()
    with pytest.raises(FileChangedError) as raised:
        dump(doc, target)
    assert str(raised.value) == removed_message(target)
    assert listing(tmp_path) == ["sub"]


def test_a_change_is_found_through_a_hard_link(tmp_path: Path) -> None:
    path = sample(tmp_path)
    other = tmp_path / "other-name.md"
    os.link(path, other)
    doc = loaded_and_edited(path)
    other.write_bytes(CHANGED)  # written in place: both names see it
    with pytest.raises(FileChangedError) as raised:
        dump(doc, other)
    assert str(raised.value) == changed_message(other)
    assert path.read_bytes() == other.read_bytes() == CHANGED


def test_a_change_is_found_through_a_symlinked_folder(tmp_path: Path) -> None:
    path = sample(tmp_path / "real")
    (tmp_path / "link").symlink_to("real")
    doc = loaded_and_edited(tmp_path / "link" / NAME)
    path.write_bytes(CHANGED)
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == changed_message(path)
    assert path.read_bytes() == CHANGED


def test_a_removal_is_found_through_a_symlinked_folder(tmp_path: Path) -> None:
    path = sample(tmp_path / "real")
    (tmp_path / "link").symlink_to("real")
    doc = loaded_and_edited(tmp_path / "link" / NAME)
    path.unlink()
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == removed_message(path)
    assert listing(tmp_path / "real") == []


def test_dumping_to_another_path_does_not_check_and_ties_the_document_to_it(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    path.write_bytes(CHANGED)
    copy = tmp_path / "copy.md"
    copy.write_bytes(b"whatever was here\n")
    dump(doc, copy)  # not the file it was loaded from: no check
    assert copy.read_bytes() == EDITED
    assert path.read_bytes() == CHANGED
    copy.write_bytes(changed_by_other(EDITED))
    with pytest.raises(FileChangedError) as raised:
        dump(doc, copy)
    assert str(raised.value) == changed_message(copy)
    assert copy.read_bytes() == changed_by_other(EDITED)


def test_after_a_dump_the_document_is_tied_to_what_it_wrote(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = loaded_and_edited(path)
    dump(doc, path)
    doc.meta.topics.append("Robotics")
    dump(doc, path)  # the file holds what the first dump wrote: no change found
    twice = EDITED.replace(b"  - AI\n", b"  - AI\n  - Robotics\n")
    assert path.read_bytes() == twice
    dump(doc, path)  # and again, with no edit in between
    assert path.read_bytes() == twice
    path.write_bytes(changed_by_other(twice))
    doc.meta.quality = 41
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == changed_message(path)
    assert path.read_bytes() == changed_by_other(twice)
    dump(doc, path, overwrite=True)
    thrice = twice.replace(b"quality: 40", b"quality: 41")
    assert path.read_bytes() == thrice
    doc.meta.heat = 2
    dump(doc, path)  # tied to what overwrite wrote
    assert path.read_bytes() == thrice.replace(b"heat: -1", b"heat: 2")
    assert listing(tmp_path) == [NAME]


def test_an_unedited_dump_keeps_the_document_tied_to_the_file(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = load(path)
    dump(doc, path)
    path.write_bytes(CHANGED)
    doc.meta.quality = 40
    with pytest.raises(FileChangedError, match="changed on disk"):
        dump(doc, path)
    assert path.read_bytes() == CHANGED


def test_a_new_document_is_tied_to_the_file_it_was_written_to(tmp_path: Path) -> None:
    doc = Document(meta=load(sample(tmp_path / "source")).meta)
    target = tmp_path / "article.md"
    target.write_bytes(b"an older file, replaced without a check: the document was not loaded from it\n")
    dump(doc, target)
    written = target.read_bytes()
    assert written == dumps(doc).encode("utf-8")
    target.write_bytes(changed_by_other(written))
    doc.meta.quality = 40
    with pytest.raises(FileChangedError) as raised:
        dump(doc, target)
    assert str(raised.value) == changed_message(target)
    assert target.read_bytes() == changed_by_other(written)


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_from_iter_load_remember_their_paths(tmp_path: Path, jobs: int) -> None:
    path = sample(tmp_path)
    [(found, doc)] = list(articlefm.iter_load(tmp_path, jobs=jobs))
    assert found == path
    assert isinstance(doc, Document)
    doc.meta.quality = 40
    path.write_bytes(CHANGED)
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == changed_message(path)
    dump(doc, path, overwrite=True)
    assert path.read_bytes() == EDITED


# --- 3. permissions and ownership -------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o604, 0o444], ids=oct)
@pytest.mark.parametrize("edit", [True, False], ids=["edited", "unedited"])
def test_an_existing_file_keeps_its_permissions(tmp_path: Path, write_path: str, mode: int, edit: bool) -> None:
    path = sample(tmp_path, mode=mode)
    doc = loaded_and_edited(path) if edit else load(path)
    with umask(0o077):  # the umask plays no part in replacing a file
        dump(doc, path)
    assert file_mode(path) == mode
    assert path.read_bytes() == (EDITED if edit else ORIGINAL)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002, 0o000, 0o277], ids=oct)
@pytest.mark.parametrize("new", [True, False], ids=["new-document", "loaded-document"])
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path: Path, write_path: str, mask: int, new: bool) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    if new:
        doc = Document(meta=doc.meta)
    folder = tmp_path / "target"
    folder.mkdir()
    with umask(mask):
        dump(doc, folder / NAME)
    assert file_mode(folder / NAME) == 0o666 & ~mask
    assert listing(folder) == [NAME]


@pytest.mark.parametrize(
    ("old_mode", "mask", "final"),
    [
        (0o644, 0o022, 0o644),
        (0o755, 0o000, 0o755),
        (None, 0o022, 0o644),
        (None, 0o000, 0o666),
        (None, 0o077, 0o600),
    ],
    ids=["existing-644", "existing-755", "new-umask-022", "new-umask-000", "new-umask-077"],
)
def test_the_temporary_file_is_readable_by_its_owner_only_until_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str, old_mode: int | None, mask: int, final: int
) -> None:
    """``_replace``: "readable by its owner only until it is complete; then it takes the old file's permissions".

    The final mode is applied (``os.fchmod``) after every byte is written and flushed, before the fsync and the
    rename; until then the file is 0o600 whatever the umask.
    """
    doc = loaded_and_edited(sample(tmp_path / "source"))
    folder = tmp_path / "target"
    path = sample(folder, mode=old_mode) if old_mode is not None else folder / NAME
    if old_mode is None:
        folder.mkdir()
    data = dumps(doc).encode("utf-8")
    seen: list[tuple[str, int, int]] = []  # (step, mode, size) of the temporary file
    real_fchmod, real_fsync, real_replace = os.fchmod, os.fsync, os.replace

    def spy_fchmod(handle: int, mode: int) -> None:
        info = os.fstat(handle)
        seen.append(("before fchmod", stat.S_IMODE(info.st_mode), info.st_size))
        real_fchmod(handle, mode)

    def spy_fsync(handle: int) -> None:
        info = os.fstat(handle)
        if stat.S_ISREG(info.st_mode):
            seen.append(("fsync", stat.S_IMODE(info.st_mode), info.st_size))
        real_fsync(handle)

    def spy_replace(source: str, target: str) -> None:
        info = os.stat(source)
        seen.append(("replace", stat.S_IMODE(info.st_mode), info.st_size))
        real_replace(source, target)

    monkeypatch.setattr(os, "fchmod", spy_fchmod)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    with umask(mask):
        dump(doc, path)
    assert seen == [("before fchmod", 0o600, len(data)), ("fsync", final, len(data)), ("replace", final, len(data))]
    assert file_mode(path) == final
    assert path.read_bytes() == data


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root can give files to other users and groups")


@needs_root
def test_an_existing_file_keeps_its_owner_and_group(tmp_path: Path, write_path: str) -> None:
    path = sample(tmp_path, mode=0o640)
    os.chown(path, 4321, 4322)
    doc = loaded_and_edited(path)
    dump(doc, path)
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4322, 0o640)
    assert path.read_bytes() == EDITED


@needs_root
def test_an_existing_file_keeps_its_group_in_a_setgid_folder(tmp_path: Path, write_path: str) -> None:
    """A new file in a setgid folder takes the folder's group; the replaced file must keep its own."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chown(folder, -1, 4323)
    os.chmod(folder, 0o2775)
    path = sample(folder, mode=0o640)
    os.chown(path, os.getuid(), os.getgid())  # the writer's own ids, not the folder's group
    doc = loaded_and_edited(path)
    dump(doc, path)
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (os.getuid(), os.getgid())
    assert path.read_bytes() == EDITED


# --- 4. symbolic links ------------------------------------------------------------------------------------------------


def symlink_message(link: str | os.PathLike[str], target: str) -> str:
    return f"{os.fspath(link)} is a symbolic link to {target}; not replaced: write to the file it names"


@pytest.mark.parametrize("relative", [True, False], ids=["relative-target", "absolute-target"])
def test_dumping_to_a_symbolic_link_raises_and_changes_neither_link_nor_file(
    tmp_path: Path, write_path: str, relative: bool
) -> None:
    path = sample(tmp_path / "real")
    link = tmp_path / "link.md"
    link_text = f"real/{NAME}" if relative else str(path)
    link.symlink_to(link_text)
    doc = loaded_and_edited(path)
    with pytest.raises(OSError, match="is a symbolic link") as raised:
        dump(doc, link)
    assert type(raised.value) is OSError
    assert str(raised.value) == symlink_message(link, link_text)
    assert os.readlink(link) == link_text
    assert path.read_bytes() == ORIGINAL
    assert listing(tmp_path) == ["link.md", "real"]
    assert listing(tmp_path / "real") == [NAME]


def test_dumping_to_a_dangling_symbolic_link_raises_and_creates_nothing(tmp_path: Path) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    link = tmp_path / "link.md"
    link.symlink_to("missing.md")
    with pytest.raises(OSError, match="is a symbolic link") as raised:
        dump(doc, link)
    assert type(raised.value) is OSError
    assert str(raised.value) == symlink_message(link, "missing.md")
    assert os.readlink(link) == "missing.md"
    assert listing(tmp_path) == ["link.md", "source"]


def test_loading_through_a_symbolic_link_and_writing_to_its_file(tmp_path: Path) -> None:
    path = sample(tmp_path / "real")
    link = tmp_path / "link.md"
    link.symlink_to(f"real/{NAME}")
    doc = load(link)
    assert doc == load(path)
    assert dumps(doc).encode("utf-8") == ORIGINAL
    doc.meta.quality = 40
    with pytest.raises(OSError, match="is a symbolic link") as raised:
        dump(doc, link)  # loaded through the link, still not replaced
    assert str(raised.value) == symlink_message(link, f"real/{NAME}")
    dump(doc, path)  # the same file: checked, unchanged, written
    assert path.read_bytes() == EDITED
    assert os.readlink(link) == f"real/{NAME}"
    assert link.read_bytes() == EDITED
    assert listing(tmp_path / "real") == [NAME]


def test_a_change_made_through_a_symbolic_link_is_found(tmp_path: Path) -> None:
    path = sample(tmp_path / "real")
    link = tmp_path / "link.md"
    link.symlink_to(f"real/{NAME}")
    doc = loaded_and_edited(link)
    path.write_bytes(CHANGED)
    with pytest.raises(FileChangedError) as raised:
        dump(doc, path)
    assert str(raised.value) == changed_message(path)
    assert path.read_bytes() == CHANGED


def test_errors_loading_through_a_symbolic_link_name_the_link(tmp_path: Path) -> None:
    sample(tmp_path / "real", ORIGINAL.replace(b"quality: 38", b"quality: high"))
    link = tmp_path / "link.md"
    link.symlink_to(f"real/{NAME}")
    with pytest.raises(ArticleError) as raised:
        load(link)
    assert str(raised.value) == f"{link}:10:10: quality: expected an integer, found string 'high'"


# --- 5. streams -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("framing", FRAMINGS)
def test_dump_writes_utf8_bytes_to_a_binary_stream(tmp_path: Path, framing: str) -> None:
    data = FRAMINGS[framing]
    doc = load(io.BytesIO(data))
    stream = io.BytesIO()
    dump(doc, stream)
    assert stream.getvalue() == data
    doc.meta.quality = 40
    stream = io.BytesIO()
    dump(doc, stream)
    assert stream.getvalue() == edited_bytes(data)
    assert stream.getvalue().decode("utf-8") == dumps(doc)


def test_dump_writes_non_ascii_text_as_utf8(tmp_path: Path) -> None:
    doc = load(sample(tmp_path))
    doc.meta.title = "Café, naïve résumé ✓ 東京"
    stream = io.BytesIO()
    dump(doc, stream)
    written = stream.getvalue()
    assert 'title: "Café, naïve résumé ✓ 東京"'.encode() in written.splitlines()
    assert written == dumps(doc).encode("utf-8")


def test_dump_to_an_open_file_writes_where_it_is(tmp_path: Path) -> None:
    doc = loaded_and_edited(sample(tmp_path / "source"))
    target = tmp_path / "out.md"
    with open(target, "wb") as stream:
        stream.write(b"prefix\n")
        dump(doc, stream)
    assert target.read_bytes() == b"prefix\n" + EDITED


@pytest.mark.parametrize("framing", FRAMINGS)
def test_load_from_a_stream_a_path_and_a_str_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, framing: str
) -> None:
    data = FRAMINGS[framing]
    path = sample(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    docs = [load(path), load(str(path)), load(NAME), load(Path(NAME)), load(io.BytesIO(data))]
    with open(path, "rb") as stream:
        docs.append(load(stream))
    for doc in docs:
        assert doc == docs[0]
        assert doc.meta.quality == 38
        assert dumps(doc).encode("utf-8") == data


def test_load_errors_name_the_path_or_the_stream(tmp_path: Path) -> None:
    bad = ORIGINAL.replace(b"quality: 38", b"quality: high")
    path = sample(tmp_path, bad)
    message = "10:10: quality: expected an integer, found string 'high'"
    sources: list[tuple[Path | str | io.BytesIO, str]] = [
        (path, str(path)),
        (str(path), str(path)),
        (io.BytesIO(bad), "<stream>"),
    ]
    for source, name in sources:
        with pytest.raises(ArticleError) as raised:
            load(source)
        assert str(raised.value) == f"{name}:{message}"
    with open(path, "rb") as stream, pytest.raises(ArticleError) as raised:
        load(stream)
    assert str(raised.value) == f"{path}:{message}"
    with pytest.raises(ArticleError) as raised:
        load(path, filename="shown.md")
    assert str(raised.value) == f"shown.md:{message}"


def test_loading_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        load(tmp_path / "missing.md")
    assert raised.value.filename == str(tmp_path / "missing.md")


# --- 6. an invalid model ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["absolute", "relative", "pathlib"])
def test_an_invalid_model_is_an_article_error_naming_the_path_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_path: str, spelling: str
) -> None:
    path = sample(tmp_path)
    monkeypatch.chdir(tmp_path)
    spellings: dict[str, str | os.PathLike[str]] = {"absolute": str(path), "relative": NAME, "pathlib": path}
    target = spellings[spelling]
    doc = load(target)
    doc.meta.topics.append("")
    with pytest.raises(ArticleError) as raised:
        dump(doc, target)
    assert str(raised.value) == f"{os.fspath(target)}: {INVALID_TOPIC}"
    assert raised.value.filename == os.fspath(target)
    assert [(p.path, p.line, p.column) for p in raised.value.problems] == [("topics[2]", 0, 0)]
    assert path.read_bytes() == ORIGINAL
    assert listing(tmp_path) == [NAME]


def test_an_invalid_model_creates_no_new_file(tmp_path: Path, write_path: str) -> None:
    doc = load(sample(tmp_path / "source"))
    doc.meta.topics.append("")
    target = tmp_path / "target" / NAME
    target.parent.mkdir()
    with pytest.raises(ArticleError) as raised:
        dump(doc, target)
    assert str(raised.value) == f"{target}: {INVALID_TOPIC}"
    assert listing(target.parent) == []


def test_an_invalid_model_is_reported_before_a_change_on_disk(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = load(path)
    doc.meta.topics.append("")
    path.write_bytes(CHANGED)
    with pytest.raises(ArticleError) as raised:
        dump(doc, path)
    assert str(raised.value) == f"{path}: {INVALID_TOPIC}"
    assert path.read_bytes() == CHANGED


def test_an_invalid_model_written_to_a_stream_names_the_stream(tmp_path: Path) -> None:
    doc = load(sample(tmp_path))
    doc.meta.topics.append("")
    stream = io.BytesIO()
    with pytest.raises(ArticleError) as raised:
        dump(doc, stream)
    assert str(raised.value) == f"<stream>: {INVALID_TOPIC}"
    assert stream.getvalue() == b""
    target = tmp_path / "out.md"
    with open(target, "wb") as named, pytest.raises(ArticleError) as raised:
        dump(doc, named)
    assert str(raised.value) == f"{target}: {INVALID_TOPIC}"
    assert target.read_bytes() == b""
