"""A schema of another kind of article, for ``--schema blog:Post`` in tests/test_cli.py."""

from __future__ import annotations

import datetime as dt

import attrs


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
