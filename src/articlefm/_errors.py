"""The one exception bad input raises, and the problems it carries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

# What a reader of many files does with a bad one: raise its ArticleError, collect it with its path, or skip it.
OnError = Literal["raise", "collect", "skip"]

__all__ = ["ArticleError", "FileChangedError", "Problem"]


class Problem:
    """One thing wrong with a file.

    ``path`` names the field as the file spells it (``related[2].images[0].width``),
    or is ``""`` for a problem with the file as a whole. ``line`` and ``column``
    are 1-based positions in the file, the opening ``---`` being line 1; they
    are 0 for a problem in a model being written, which has no position yet.

    A problem is a value: frozen, compared and hashed by its fields. (A plain class rather than
    attrs: ``articlefm validate`` imports this module on its way to checking a file, and attrs
    would cost its cold start as much as the rest of it.)

    >>> Problem("quality", 12, 10, "expected an integer, found 'high'")
    Problem(path='quality', line=12, column=10, message="expected an integer, found 'high'")
    >>> Problem("quality", 12, 10, "...") == Problem("quality", 12, 10, "...")
    True
    """

    __slots__ = ("column", "line", "message", "path")
    __match_args__ = ("path", "line", "column", "message")

    path: str
    line: int
    column: int
    message: str

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        for name, value in zip(self.__match_args__, (path, line, column, message), strict=True):
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self.__match_args__, self._fields(), strict=True))
        return f"Problem({fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Problem is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Problem is frozen: cannot delete {name}")

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, int, str]]:
        return (type(self), self._fields())

    def format(self, filename: str) -> str:
        """The problem as one ``FILE:LINE:COL: PATH: MESSAGE`` line.

        >>> Problem("title", 3, 8, "expected a non-empty string").format("a.md")
        'a.md:3:8: title: expected a non-empty string'
        >>> Problem("title", 0, 0, "expected a non-empty string").format("<document>")
        '<document>: title: expected a non-empty string'
        """
        where = f"{filename}:{self.line}:{self.column}" if self.line else filename
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ArticleError(ValueError):
    """Everything wrong with one file, reported at once.

    ``str(err)`` lists one problem a line, as ``FILE:LINE:COL: PATH: MESSAGE``.

    >>> err = ArticleError([Problem("", 1, 1, "expected '---' as the first line")], "a.md")
    >>> print(err)
    a.md:1:1: expected '---' as the first line
    >>> err.problems[0].line
    1
    """

    __module__ = "articlefm"  # tracebacks name it as users import it

    def __init__(self, problems: Iterable[Problem], filename: str = "<string>") -> None:
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.line, p.column))
        self.filename = filename
        super().__init__("\n".join(p.format(filename) for p in self.problems))

    def __reduce__(self) -> tuple[type[ArticleError], tuple[list[Problem], str]]:
        return (type(self), (self.problems, self.filename))


class FileChangedError(OSError):
    r"""A file changed on disk after its document was loaded, so writing over it would lose that change.

    Nothing was written. ``dump(document, path, overwrite=True)`` replaces it anyway.

    >>> import articlefm, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = path.write_text("---\ntitle: One\n---\n", encoding="utf-8")
    >>> doc = articlefm.load(path, schema=None)
    >>> _ = path.write_text("---\ntitle: Two\n---\n", encoding="utf-8")  # someone else saves it
    >>> doc.meta["title"] = "Three"
    >>> try:
    ...     articlefm.dump(doc, path)
    ... except articlefm.FileChangedError as exc:
    ...     print(isinstance(exc, OSError), path.read_text(encoding="utf-8").splitlines()[1])
    True title: Two
    """

    __module__ = "articlefm"


def check_on_error(errors: object) -> None:
    """Raise a ``ValueError`` unless ``errors`` is one of :data:`OnError`'s values."""
    if errors not in ("raise", "collect", "skip"):
        raise ValueError(f"errors: expected 'raise', 'collect' or 'skip', found {errors!r}")
