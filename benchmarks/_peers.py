"""The alternatives the benchmark times against articlefm, each a function of one file's text.

Every peer takes the whole file text (``str``, as read with ``newline=""`` so
CRLF is kept; a UTF-8 BOM may lead it) and returns what that library gives:

- :func:`frontmatter_loads`: python-frontmatter ``loads`` (a regex split, then
  PyYAML's ``CSafeLoader`` when libyaml is there, as here; untyped);
- :func:`pyyaml_load`: the front matter through PyYAML's ``CSafeLoader``
  (libyaml), untyped;
- :func:`ruamel_load`: the front matter through ruamel.yaml's round-trip
  loader, configured to write the real files back byte for byte;
- :func:`ruamel_edit_dump`: the same load, ``title`` + ``"!"`` (kept
  double-quoted), dumped back to the whole file text;
- :func:`pydantic_load`: PyYAML ``CSafeLoader`` then :func:`pydantic_validate`.

:func:`pydantic_validate` validates already-parsed data (the ``dict`` from
:func:`pyyaml_load`) with pydantic v2 models equivalent to articlefm's
``Article``, ``Provider``, ``Image`` and ``RelatedArticle`` (the rules of
docs/format.md), to compare the structuring step alone. :func:`split_front_matter`
is the naive split the YAML peers use.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Callable
from typing import Annotated, Any

import frontmatter
import yaml  # type: ignore[import-untyped,unused-ignore]
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

__all__ = [
    "PEERS",
    "ArticleModel",
    "ImageModel",
    "ProviderModel",
    "RelatedArticleModel",
    "frontmatter_loads",
    "pydantic_load",
    "pydantic_validate",
    "pyyaml_load",
    "ruamel_append_related",
    "ruamel_edit_dump",
    "ruamel_load",
    "split_front_matter",
]

# ---------------------------------------------------------------- framing


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front_matter, body)`` split the way a simple reader does it.

    A leading BOM is dropped; the first line must be ``---`` (``\\n`` or
    ``\\r\\n``, which then ends every line); the front matter runs to the next
    ``---`` line, which it ends with its line break; the body is the rest.
    No YAML is looked at.

    >>> split_front_matter("---\\ntitle: Hi\\n---\\nBody\\n")
    ('title: Hi\\n', 'Body\\n')
    """
    text = text.removeprefix("\ufeff")
    newline = "\r\n" if text.startswith("---\r\n") else "\n"
    opening = "---" + newline
    if not text.startswith(opening):
        raise ValueError("no front matter: the first line is not '---'")
    closing = newline + "---" + newline
    end = text.find(closing, len(opening) - len(newline))
    if end >= 0:
        return text[len(opening) : end + len(newline)], text[end + len(closing) :]
    if text.endswith(newline + "---"):
        return text[len(opening) : len(text) - 3], ""
    raise ValueError("the front matter is never closed by a '---' line")


# ---------------------------------------------------------------- untyped peers


def frontmatter_loads(text: str) -> frontmatter.Post:
    """python-frontmatter's ``loads``.

    The BOM is dropped first: with it, python-frontmatter finds no front
    matter and returns the whole text as content, doing none of the work.
    """
    return frontmatter.loads(text.removeprefix("\ufeff"))


def pyyaml_load(text: str) -> Any:
    """The front matter as plain data, by PyYAML's libyaml ``CSafeLoader`` (YAML 1.1)."""
    return yaml.load(split_front_matter(text)[0], Loader=yaml.CSafeLoader)


def _round_trip_yaml(*, article_layout: bool = True) -> YAML:
    """ruamel.yaml set up to write the real files back byte for byte (``article_layout``), or any front
    matter as a user would set it up: quotes kept, no line wrapping, its default indentation.

    Without ``preserve_quotes``, ``width`` and the articles' indentation, not one of the
    fixtures comes back unchanged (quotes dropped, long lines wrapped,
    sequences unindented); with them, every one does.
    """
    round_trip = YAML(typ="rt")
    round_trip.preserve_quotes = True
    round_trip.width = 1 << 20
    if article_layout:
        round_trip.indent(mapping=2, sequence=4, offset=2)
    return round_trip


_ROUND_TRIP = _round_trip_yaml()
_ROUND_TRIP_ANY = _round_trip_yaml(article_layout=False)


def ruamel_load(text: str) -> Any:
    """The front matter as ruamel.yaml's round-trip ``CommentedMap`` (pure Python: ``rt`` has no C loader)."""
    return _ROUND_TRIP.load(split_front_matter(text)[0])


def ruamel_edit_dump(text: str) -> str:
    """Load as :func:`ruamel_load`, append ``"!"`` to ``title``, and dump the whole file to a string.

    The edit is the one ``benchmarks/run.py`` makes with articlefm, and the
    result is the same text. The BOM is kept; a CRLF file is edited as LF and
    turned back (ruamel.yaml writes the blank lines it keeps as LF, whatever
    ``line_break`` says).
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    crlf = text.startswith("---\r\n", len(bom))
    front_matter, body = split_front_matter(text.replace("\r\n", "\n") if crlf else text)
    data = _ROUND_TRIP.load(front_matter)
    data["title"] = DoubleQuotedScalarString(data["title"] + "!")
    stream = io.StringIO()
    _ROUND_TRIP.dump(data, stream)
    edited = f"{bom}---\n{stream.getvalue()}---\n{body}"
    return edited.replace("\n", "\r\n") if crlf else edited


def ruamel_set(text: str, key: str, value: Any) -> str:
    """Set one top-level ``key`` of any front matter with ruamel.yaml's round trip, as a user would set it up
    (quotes kept, no line wrapping; its default indentation), and dump the whole file to a string."""
    front_matter, body = split_front_matter(text)
    data = _ROUND_TRIP_ANY.load(front_matter)
    data[key] = value
    stream = io.StringIO()
    _ROUND_TRIP_ANY.dump(data, stream)
    return f"---\n{stream.getvalue()}---\n{body}"


def frontmatter_set(text: str, key: str, value: Any) -> str:
    """Set one top-level ``key`` with python-frontmatter: ``loads``, assign, ``dumps``."""
    post = frontmatter_loads(text)
    post[key] = value
    return frontmatter.dumps(post)


def ruamel_append_related(text: str, item: dict[str, Any]) -> str:
    """Load as :func:`ruamel_load`, append ``item`` to ``related`` (made if absent), dump the whole file.

    The structural edit ``benchmarks/run.py`` times against articlefm's; ruamel.yaml lays the new item out its
    own way.
    """
    front_matter, body = split_front_matter(text)
    data = _ROUND_TRIP.load(front_matter)
    related = data.get("related")
    if related is None:
        related = data["related"] = CommentedSeq()
    related.append(CommentedMap(item))
    stream = io.StringIO()
    _ROUND_TRIP.dump(data, stream)
    return f"---\n{stream.getvalue()}---\n{body}"


# ---------------------------------------------------------------- pydantic models

# The rules of docs/format.md, as articlefm's _validate.py words them. Fields are
# plain ``str`` with patterns (pydantic's URL types reject real URLs with
# spaces, and would normalise the text).
_URL = r"^https?://[^/?#\s]"
_IMAGE_URL = r"^(?:https?://[^/?#\s]|/[^/\s])"  # provider logos may be site-relative
_HOST = r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$"
_ABSOLUTE_URL = re.compile(_URL)
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\Z")


def _base64(part: str, name: str) -> bytes:
    if not part or not _BASE64.match(part):
        raise ValueError(f"expected standard base64 in the {name}")
    try:
        return base64.b64decode(part, validate=True)
    except binascii.Error:
        raise ValueError(f"expected standard base64 in the {name}") from None


def _check_secured(token: str) -> str:
    """``"<payload>;<iv>"``: two base64 parts, a 16-byte iv, a payload of 16-byte blocks. Kept as text."""
    if token.count(";") != 1:
        raise ValueError("expected '<payload>;<iv>'")
    payload_text, iv_text = token.split(";")
    payload = _base64(payload_text, "payload")
    if len(_base64(iv_text, "iv")) != 16:
        raise ValueError("expected the iv to decode to 16 bytes")
    if not payload or len(payload) % 16:
        raise ValueError("expected the payload to decode to a non-empty multiple of 16 bytes")
    return token


def _check_absolute(image: ImageModel) -> ImageModel:
    if not _ABSOLUTE_URL.match(image.url):
        raise ValueError("expected an http:// or https:// URL with a host (only provider logos may be site-relative)")
    return image


Url = Annotated[str, StringConstraints(pattern=_URL)]
ImageUrl = Annotated[str, StringConstraints(pattern=_IMAGE_URL)]
Host = Annotated[str, StringConstraints(pattern=_HOST)]
NonEmptyText = Annotated[str, StringConstraints(min_length=1)]
Secured = Annotated[str, AfterValidator(_check_secured)]

# Strict: no coercion ("38" is not an int, true is not 1, a quoted timestamp is
# not a datetime), as in articlefm. Unknown keys are kept, as in ``extra``.
_CONFIG = ConfigDict(strict=True, extra="allow", alias_generator=to_camel)


class ImageModel(BaseModel):
    model_config = _CONFIG

    url: ImageUrl
    width: Annotated[int, Field(ge=1)]
    height: Annotated[int, Field(ge=1)]
    is_cached: bool | None = None
    title: str | None = None


ArticleImage = Annotated[ImageModel, AfterValidator(_check_absolute)]


class ProviderModel(BaseModel):
    model_config = _CONFIG

    name: NonEmptyText
    domain: Host
    images: list[ImageModel] = Field(default_factory=list)


class RelatedArticleModel(BaseModel):
    model_config = _CONFIG

    title: NonEmptyText
    excerpt: str | None = None
    published_date_time: AwareDatetime
    web_url: Url
    amp_web_url: Url | None = None
    cdn_amp_web_url: Url | None = None
    type: str
    provider: ProviderModel
    quality: Annotated[int, Field(ge=0)] | None = None
    images: list[ArticleImage] = Field(default_factory=list)


class ArticleModel(BaseModel):
    model_config = _CONFIG

    category: str
    title: NonEmptyText
    excerpt: str | None = None
    published_date_time: AwareDatetime
    original_url: Url | None = None
    web_url: Url
    amp_web_url: Url | None = None
    cdn_amp_web_url: Url | None = None
    type: str
    quality: Annotated[int, Field(ge=0)] | None = None
    heat: Annotated[int, Field(ge=-1)] | None = None
    published: bool | None = None
    provider: ProviderModel
    topics: list[NonEmptyText] = Field(default_factory=list)
    images: list[ArticleImage] = Field(default_factory=list)
    related: list[RelatedArticleModel] = Field(default_factory=list)
    secured: Secured | None = None


def pydantic_validate(data: Any) -> ArticleModel:
    """Already-parsed front matter (e.g. :func:`pyyaml_load`'s ``dict``) as a validated :class:`ArticleModel`.

    Raises ``pydantic.ValidationError`` (a ``ValueError``) listing every problem.
    The rules are articlefm's, but PyYAML types plain scalars by YAML 1.1
    before the model sees them, where articlefm gives a ``str`` field the text
    as written: ``type: yes`` or ``category: 5`` load in articlefm and fail
    here (no real or generated file has such a value).
    """
    return ArticleModel.model_validate(data)


def pydantic_load(text: str) -> ArticleModel:
    """The typed pydantic pipeline: :func:`pyyaml_load`, then :func:`pydantic_validate`."""
    return ArticleModel.model_validate(pyyaml_load(text))


PEERS: dict[str, Callable[[str], object]] = {
    "python-frontmatter loads (untyped)": frontmatter_loads,
    "PyYAML CSafeLoader": pyyaml_load,
    "ruamel.yaml round-trip load": ruamel_load,
    "ruamel.yaml load + one edit + dump": ruamel_edit_dump,
    "PyYAML CSafeLoader + pydantic": pydantic_load,
}
"""The text-in peers by display name, for a benchmark table."""
