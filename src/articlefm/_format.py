"""House style for a whole file: what ``articlefm fmt`` writes.

The front matter is written again as a new article would be (key order,
quoting, indentation, blank lines: docs/format.md's house style, or a schema's
own order), unknown keys after the known ones. Comments on the lines above a
top-level key, and at the end of its line, move with that key; a comment
inside a block has no place in the new layout, so such a file is reported and
left for a person to format.
"""

from __future__ import annotations

import bisect
from typing import Any

import attrs

from . import _emit
from ._convert import converter
from ._document import _VERIFY_LIMITS, FIRST_LINE, Document, dumps, loads
from ._errors import ArticleError, Problem
from ._framing import split
from ._parse import parse
from ._tree import Mapping, Node, Scalar, Sequence, line_column

__all__ = ["format_document"]


def format_document(document: Document[Any], filename: str = "<document>") -> str:
    """The document's text in house style, its line endings, BOM and body kept.

    >>> import articlefm
    >>> doc = articlefm.loads("---\\n# Who\\ntitle: 'Hi'  # greeting\\nlayout:   post\\n---\\nBody\\n", schema=None)
    >>> print(articlefm.format_document(doc), end="")
    ---
    # Who
    title: Hi  # greeting
    layout: post
    ---
    Body
    >>> doc = articlefm.loads("---\\ntags:  # labels\\n  - a  # first\\n---\\n", schema=None)
    >>> articlefm.format_document(doc)
    Traceback (most recent call last):
    ...
    articlefm.ArticleError: <document>:3:8: a comment here has no place in house style; format this file by hand
    """
    text = dumps(document)
    frame = split(text, filename)
    front_matter = frame.front_matter
    meta = document.meta
    schema: Any = type(meta) if attrs.has(type(meta)) else None
    data = converter(document._strict, detailed=False).unstructure(meta) if schema is not None else meta
    above, after = _comments_by_key(front_matter, filename)
    new = _emit.front_matter(data, schema, frame.newline)
    if above or after:
        new = _with_comments(new, above, after)
    result = frame.join(new, document.body)
    again = loads(result, schema=schema, strict=document._strict, limits=_VERIFY_LIMITS)
    if again.meta != meta or again.body != document.body:  # never write what does not read back
        raise ArticleError([Problem("", 0, 0, "the house-style text does not read back as the file")], filename)
    return result


Above = dict[str | None, list[str]]  # comment lines above each top-level key (None: after the last one)
After = dict[str, str]  # the comment at the end of a top-level key's line, with the spaces before it


def _comments_by_key(front_matter: str, filename: str) -> tuple[Above, After]:
    """The comments by the top-level key they belong to; an error for any other comment."""
    if "#" not in front_matter:
        return {}, {}
    tree = parse(front_matter, _VERIFY_LIMITS)
    scalars = sorted((node.start, node.end) for node in _scalars(tree))
    starts = [start for start, _ in scalars]
    keys = {}
    if isinstance(tree, Mapping) and not tree.flow:
        keys = {line_column(front_matter, key.start)[0]: key.value for key, _ in tree.items}
    found: Above = {}
    after: After = {}
    pending: list[tuple[int, int, str]] = []  # comment lines waiting for their key: line, column, text
    offset = 0
    for number, line in enumerate(front_matter.splitlines(keepends=True), 1):
        start, offset = offset, offset + len(line)
        content_end = start + len(line.rstrip("\r\n"))
        following = bisect.bisect_left(starts, start)
        if following > 0 and scalars[following - 1][1] > start:
            continue  # a line of a multi-line scalar: its text, not a comment
        last = max((end for begin, end in scalars[following:] if begin < content_end), default=start)
        hash_at = front_matter.find("#", last, content_end)
        if hash_at >= 0 and not front_matter[start:hash_at].strip():
            pending.append((number, hash_at - start + 1, front_matter[hash_at:content_end]))
            continue
        if hash_at >= 0:
            if number not in keys:
                raise _misplaced(number, hash_at - start + 1, filename)
            spaces = len(front_matter[start:hash_at]) - len(front_matter[start:hash_at].rstrip(" "))
            after[keys[number]] = front_matter[hash_at - spaces : content_end]
        if line.strip() and pending:
            if number not in keys:
                raise _misplaced(pending[0][0], pending[0][1], filename)
            found[keys[number]] = [comment for _, _, comment in pending]
            pending = []
    if pending:
        found[None] = [comment for _, _, comment in pending]
    return found, after


def _misplaced(line: int, column: int, filename: str) -> ArticleError:
    message = "a comment here has no place in house style; format this file by hand"
    return ArticleError([Problem("", line + FIRST_LINE - 1, column, message)], filename)


def _scalars(node: Node) -> list[Scalar]:
    """Every scalar of the tree, keys included."""
    found: list[Scalar] = []
    stack: list[Node] = [node]
    while stack:
        here = stack.pop()
        if isinstance(here, Scalar):
            found.append(here)
        elif isinstance(here, Sequence):
            stack.extend(here.items)
        else:
            for key, value in here.items:
                found.append(key)
                stack.append(value)
    return found


def _with_comments(front_matter: str, above: Above, after: After) -> str:
    """The house-style front matter with each comment put back by its key."""
    newline = "\r\n" if front_matter.endswith("\r\n") else "\n"
    lines = front_matter.splitlines(keepends=True)
    tree = parse(front_matter, _VERIFY_LIMITS)
    items = tree.items if isinstance(tree, Mapping) else []
    at_line = {key.value: line_column(front_matter, key.start)[0] - 1 for key, _ in items}
    for key, comment in after.items():
        line = lines[at_line[key]]
        content = line.rstrip("\r\n")
        lines[at_line[key]] = content + comment + line[len(content) :]
    for key in sorted((key for key in above if key is not None), key=lambda name: -at_line[name]):
        lines[at_line[key] : at_line[key]] = [comment + newline for comment in above[key]]
    lines += [comment + newline for comment in above.get(None, [])]
    return "".join(lines)
