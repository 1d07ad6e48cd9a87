"""Framing: split a file into BOM, front matter and body, and put them back.

This module knows delimiters, the byte order mark and line endings. It knows
nothing of YAML.
"""

from __future__ import annotations

from ._errors import ArticleError, Problem

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Frame:
    """The pieces of a file and what is needed to join them again.

    ``text`` is the whole file as text (a BOM included); the front matter is
    ``text[fm_start:fm_end]`` and the body ``text[body_start:]``. (A plain
    class: attrs' frozen ``__init__`` costs a call per field.)
    """

    __slots__ = ("body_start", "fm_end", "fm_start", "newline", "text")

    def __init__(self, text: str, newline: str, fm_start: int, fm_end: int, body_start: int) -> None:
        self.text = text
        self.newline = newline
        self.fm_start = fm_start
        self.fm_end = fm_end
        self.body_start = body_start

    @property
    def front_matter(self) -> str:
        return self.text[self.fm_start : self.fm_end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def join(self, front_matter: str, body: str) -> str:
        """The file with a new front matter and body, framing kept as it was."""
        closing = self.text[self.fm_end : self.body_start]
        if not closing.endswith("\n") and body:
            closing += self.newline  # the body needs its own line
        return self.text[: self.fm_start] + front_matter + closing + body


def decode(data: bytes, filename: str) -> str:
    """UTF-8 bytes to text; other encodings are named, bad bytes located."""
    if data.startswith(_UTF16_BOMS):
        raise ArticleError(
            [Problem("", 1, 1, "expected UTF-8, found a UTF-16 byte order mark")],
            filename,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # in characters
        found = data[exc.start : exc.end].hex(" ")
        message = f"expected UTF-8, found byte(s) {found} at byte offset {exc.start}"
        raise ArticleError([Problem("", line, column, message)], filename) from None


def split(text: str, filename: str) -> Frame:
    r"""Find the front matter between the first line ``---`` and the next one.

    A delimiter line is ``---`` and nothing else (CRs before its line feed are
    allowed, so CRLF files frame the same way); a BOM may come before the first.

    >>> frame = split("---\ntitle: Hi\n---\nBody\n", "a.md")
    >>> frame.front_matter, frame.body, frame.newline
    ('title: Hi\n', 'Body\n', '\n')
    """
    return Frame(text, *bounds(text, filename))


def bounds(text: str, filename: str) -> tuple[str, int, int, int]:
    r"""The opening line's line break, where the front matter starts and ends and where the body starts: what
    :func:`split` finds, without the :class:`Frame`, which a load does not need.

    >>> text = "\ufeff---\r\ntitle: Hi\r\n---\r\nBody\r\n"
    >>> newline, start, end, body = bounds(text, "a.md")
    >>> newline, text[start:end], text[body:]
    ('\r\n', 'title: Hi\r\n', 'Body\r\n')
    """
    # The usual delimiter lines (``---`` and a line feed) are told by a slice each, without a call: a load of a
    # small file spends a few percent of its time here. Any other goes through _delimiter_end (a BOM, CRs).
    if text[:4] == "---\n":
        newline, fm_start = "\n", 4
    else:
        first_end = _delimiter_end(text, 1 if text.startswith("\ufeff") else 0)
        if first_end < 0:
            text = text.removeprefix("\ufeff")
            found = repr(text.partition("\n")[0][:40]) if text else "an empty file"
            raise ArticleError([Problem("", 1, 1, f"expected '---' as the first line, found {found}")], filename)
        newline = "\r\n" if text[first_end - 1] == "\r" else "\n"
        fm_start = min(first_end + 1, len(text))
    # The closing line starts right after a line feed; str.find keeps the search in C.
    candidate = fm_start - 1  # the opening line's line feed
    while fm_start < len(text):
        candidate = text.find("\n---", candidate)
        if candidate < 0:
            break
        line_start = candidate + 1
        if text[line_start + 3 : line_start + 4] == "\n":
            return newline, fm_start, line_start, line_start + 4
        end = _delimiter_end(text, line_start)
        if end >= 0:
            return newline, fm_start, line_start, min(end + 1, len(text))
        candidate = line_start
    message = "front matter opened here is never closed by a '---' line"
    raise ArticleError([Problem("", 1, 1, message)], filename)


def _delimiter_end(text: str, start: int) -> int:
    """If a ``---`` line starts at ``start``, the offset of its line feed (or the end); else -1."""
    if not text.startswith("---", start):
        return -1
    end = start + 3
    while end < len(text) and text[end] == "\r":
        end += 1
    if end < len(text) and text[end] != "\n":
        return -1
    return end
