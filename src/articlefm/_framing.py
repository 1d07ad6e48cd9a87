"""Framing: split a file into BOM, front matter and body, and put them back.

This module knows delimiters, the byte order mark and line endings. It knows
nothing of YAML.
"""

from __future__ import annotations

import attrs

from ._errors import ArticleError, Problem

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@attrs.frozen
class Frame:
    """The pieces of a file and what is needed to join them again.

    ``text`` is the whole file as text (without the BOM); the front matter is
    ``text[fm_start:fm_end]`` and the body ``text[body_start:]``.
    """

    text: str
    bom: bool
    newline: str
    fm_start: int
    fm_end: int
    body_start: int

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
        return ("\ufeff" if self.bom else "") + self.text[: self.fm_start] + front_matter + closing + body


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
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        found = data[exc.start : exc.end].hex(" ")
        message = f"expected UTF-8, found byte(s) {found} at byte offset {exc.start}"
        raise ArticleError([Problem("", line, column, message)], filename) from None


def split(text: str, filename: str) -> Frame:
    """Find the front matter between the first line ``---`` and the next one."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip("\r") != "---":
        found = repr(first[:40]) if text else "an empty file"
        message = f"expected '---' as the first line, found {found}"
        raise ArticleError([Problem("", 1, 1, message)], filename)
    newline = "\r\n" if first.endswith("\r") else "\n"
    fm_start = len(text) if first_end < 0 else first_end + 1
    line_start = fm_start
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        stop = len(text) if line_end < 0 else line_end
        if text[line_start:stop].rstrip("\r") == "---":
            body_start = len(text) if line_end < 0 else line_end + 1
            return Frame(text, bom, newline, fm_start, line_start, body_start)
        if line_end < 0:
            break
        line_start = line_end + 1
    message = "front matter opened here is never closed by a '---' line"
    raise ArticleError([Problem("", 1, 1, message)], filename)
