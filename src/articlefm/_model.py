"""The article model: plain attrs classes, validated on assignment.

They know nothing about files. Each field's metadata says how the file spells
its key (camelCase of the attribute unless given), its rule, and how the house
style writes it; :mod:`._schema` reads that metadata for any attrs class.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import typing
from collections.abc import Callable
from typing import Any

import attrs

from . import _validate as v
from ._codegen import define
from ._secured import Secured
from ._track import TrackedDict, TrackedList, on_setattr

__all__ = ["MODELS", "Article", "Image", "Provider", "RelatedArticle"]

META = "articlefm"  # the metadata namespace this library reads

# Assignments are validated, and counted so an unedited document is known to be unedited.
_ON_SETATTR = [attrs.setters.validate, on_setattr]


def _field(
    check: v.Rule,
    *,
    default: Any = attrs.NOTHING,
    factory: Any = None,
    quoted: bool = False,
    blank_line_before: bool = False,
) -> Any:
    """An attrs field with a rule and its house-style writing."""
    return attrs.field(
        default=default,
        factory=factory,
        validator=v.validator(check),
        metadata={META: {"check": check, "quoted": quoted, "blank_line_before": blank_line_before}},
    )


class _Model:
    """What the models share: pickling (and copying) by their values, quickly.

    One C-level read of the values, and one compiled function to set them back
    without the validating, counting ``__setattr__`` (a copy is not an edit).
    (``iter_load``'s workers send documents packed instead: see ``_transfer``.)
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls: type = type(self)
        return (_restore, (cls, _values_of(cls)(self)))


@functools.cache
def _values_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [field.name for field in attrs.fields(cls)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        return lambda model: (getattr(model, names[0]),)
    return operator.attrgetter(*names)


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    """A model from pickled values: set as attrs' ``__init__`` sets them (they were valid; not an edit)."""
    return _restorer(cls)(values)


@functools.cache
def _restorer(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    targets = "".join(f"model.{field.name}, " for field in attrs.fields(cls))
    source = (
        "def restore(values):\n"
        "    model = _new(_Filling)\n"
        f"    {targets}= values\n"
        "    model.__class__ = _cls\n"
        "    return model\n"
    )
    names = {"_new": object.__new__, "_Filling": filling_class(cls), "_cls": cls}
    return typing.cast(
        Callable[[tuple[Any, ...]], Any], define(source, "restore", f"restore {cls.__qualname__}", names)
    )


@functools.cache
def filling_class(cls: type) -> type:
    """A subclass of ``cls`` without its ``__setattr__`` (which validates and counts each assignment).

    An object is filled in as one of these, then made a ``cls`` by setting its ``__class__``:
    the layout is the same, so that is allowed, and a plain attribute store costs a fraction
    of ``object.__setattr__``.
    """
    return type(f"{cls.__name__}Filling", (cls,), {"__slots__": (), "__setattr__": object.__setattr__})


def _extra() -> Any:
    return attrs.field(factory=TrackedDict, validator=v.validator(v.instance(dict)), metadata={META: {"extra": True}})


@attrs.define(kw_only=True, on_setattr=_ON_SETATTR)
class Image(_Model):
    """An image: ``url``, ``width`` and ``height`` in pixels, optional ``is_cached`` and ``title``.

    The URL may be site-relative (``/assets/...``) only in a provider's logos;
    an article's or related article's images are checked when it is loaded or
    written.

    >>> Image(url="https://example.com/a.jpg", width=640, height=320)
    Image(url='https://example.com/a.jpg', width=640, height=320, is_cached=None, title=None, extra={})
    >>> Image(url="https://example.com/a.jpg", width=0, height=320)
    Traceback (most recent call last):
    ...
    ValueError: width: expected an integer >= 1, found 0
    """

    url: str = _field(v.image_url, quoted=True)
    width: int = _field(v.integer(1))
    height: int = _field(v.integer(1))
    is_cached: bool | None = _field(v.optional(v.boolean), default=None)
    title: str | None = _field(v.optional(v.text), default=None, quoted=True)
    extra: dict[str, Any] = _extra()


@attrs.define(kw_only=True, on_setattr=_ON_SETATTR)
class Provider(_Model):
    """Who published an article, with optional logo ``images``.

    >>> Provider(name="Ubergizmo Feed", domain="ubergizmo.com").domain
    'ubergizmo.com'
    """

    name: str = _field(v.non_empty_text)
    domain: str = _field(v.host)
    images: list[Image] = _field(v.items(v.instance(Image)), factory=TrackedList)
    extra: dict[str, Any] = _extra()


# An article's own images, unlike provider logos, have absolute URLs.
_ARTICLE_IMAGES = v.items(v.all_of(v.instance(Image), v.absolute_url_at("url")))


@attrs.define(kw_only=True, on_setattr=_ON_SETATTR)
class RelatedArticle(_Model):
    """An item of an article's ``related`` list.

    >>> import datetime as dt
    >>> item = RelatedArticle(
    ...     title="Boston bans police from using facial recognition technology",
    ...     published_date_time=dt.datetime(2020, 6, 24, 22, 10, tzinfo=dt.timezone.utc),
    ...     web_url="https://www.foxnews.com/tech/boston-bans-police-facial-recognition-technology",
    ...     type="article",
    ...     provider=Provider(name="Fox News", domain="foxnews.com"),
    ... )
    >>> item.quality is None
    True
    """

    title: str = _field(v.non_empty_text, quoted=True)
    excerpt: str | None = _field(v.optional(v.text), default=None, quoted=True)
    published_date_time: dt.datetime = _field(v.aware_datetime)
    web_url: str = _field(v.url, quoted=True)
    amp_web_url: str | None = _field(v.optional(v.url), default=None, quoted=True)
    cdn_amp_web_url: str | None = _field(v.optional(v.url), default=None, quoted=True)
    type: str = _field(v.text)
    provider: Provider = _field(v.instance(Provider))
    quality: int | None = _field(v.optional(v.integer(0)), default=None)
    images: list[Image] = _field(_ARTICLE_IMAGES, factory=TrackedList)
    extra: dict[str, Any] = _extra()


@attrs.define(kw_only=True, on_setattr=_ON_SETATTR)
class Article(_Model):
    """A news article's front matter.

    Attributes are the file's keys in snake_case (``publishedDateTime`` is
    ``published_date_time``); keys the model does not know are kept in ``extra``.
    Assignments are validated at once:

    >>> import articlefm
    >>> doc = articlefm.load("examples/boston-facial-recognition.md")
    >>> doc.meta.provider.domain
    'ubergizmo.com'
    >>> doc.meta.quality = -5
    Traceback (most recent call last):
    ...
    ValueError: quality: expected an integer >= 0, found -5
    """

    category: str = _field(v.text)
    title: str = _field(v.non_empty_text, quoted=True)
    excerpt: str | None = _field(v.optional(v.text), default=None, quoted=True)
    published_date_time: dt.datetime = _field(v.aware_datetime)
    original_url: str | None = _field(v.optional(v.url), default=None, quoted=True)
    web_url: str = _field(v.url, quoted=True)
    amp_web_url: str | None = _field(v.optional(v.url), default=None, quoted=True)
    cdn_amp_web_url: str | None = _field(v.optional(v.url), default=None, quoted=True)
    type: str = _field(v.text)
    quality: int | None = _field(v.optional(v.integer(0)), default=None)
    heat: int | None = _field(v.optional(v.integer(-1)), default=None)
    published: bool | None = _field(v.optional(v.boolean), default=None)
    provider: Provider = _field(v.instance(Provider), blank_line_before=True)
    topics: list[str] = _field(v.items(v.non_empty_text), factory=TrackedList, blank_line_before=True)
    images: list[Image] = _field(_ARTICLE_IMAGES, factory=TrackedList, blank_line_before=True)
    related: list[RelatedArticle] = _field(
        v.items(v.instance(RelatedArticle)), factory=TrackedList, blank_line_before=True
    )
    secured: Secured | None = _field(
        v.optional(v.instance(Secured, secret=True)), default=None, quoted=True, blank_line_before=True
    )
    extra: dict[str, Any] = _extra()


# The built-in models: their every change is counted (see _track), and they cross process boundaries packed.
MODELS = frozenset((Article, Image, Provider, RelatedArticle))
