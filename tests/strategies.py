"""Hypothesis strategies for whole, valid articles (the format of docs/format.md).

Test modules in this folder import them by module name: ``tests/`` has no
``__init__.py``, so pytest's default ("prepend") import mode puts it at the front of
``sys.path``, and mypy adds the folder of each file it is given to its search path::

    from strategies import articles, documents

Every value drawn is valid by docs/format.md's rules, and every optional field is
independently present or absent. Where a value the format allows is still left
out, the comment at that strategy says why. Each ``with_extras`` switch turns
the unknown keys off at every level (for strict mode).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import operator
import re
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from articlefm import Article, Document, Image, Provider, RelatedArticle, Secured

__all__ = [
    "SCHEMA_KEYS",
    "articles",
    "aware_datetimes",
    "bodies",
    "camel",
    "documents",
    "domains",
    "extra_keys",
    "extra_values",
    "extras",
    "field_values",
    "free_text",
    "image_urls",
    "images",
    "ints",
    "list_items",
    "non_empty_text",
    "providers",
    "related_articles",
    "secured_tokens",
    "urls",
]

T = TypeVar("T")


def camel(name: str) -> str:
    """``published_date_time`` -> ``publishedDateTime`` (docs/format.md: keys are camelCase in the file)."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


SCHEMA_KEYS: dict[type, frozenset[str]] = {
    cls: frozenset(camel(field.name) for field in attrs.fields(cls) if field.name != "extra")
    for cls in (Article, Provider, Image, RelatedArticle)
}

# --- text -----------------------------------------------------------------------------------------------------------

# Every Unicode scalar value. Lone surrogates (U+D800-U+DFFF) are not characters: no UTF-8 file can hold one, so
# no article file can, and they are left out.
_CHARS = st.characters(codec="utf-8")

# Pieces that YAML, or a writer that gets quoting wrong, cares about.
_FRAGMENTS = (
    '"', "'", "\\", '\\"', "\\n", ": ", " #", "#", ":", " ", "  ", "\t", "\n", "\r", "\r\n",
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
    "\u2028", "\u2029", "\xa0", "\u200b", "\u200f", "\u202e", "\ufeff", "\ufffe", "\uffff",
    "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\U0001d54f", "\U0010fffd", "e\u0301", "\u0301",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u65e5\u672c\u8a9e",
    "---", "...", "- ", "? ", "[", "]", "{", "}", ",", "&a", "*a", "!tag", "!!str", "|", ">", "%", "@", "`",
    "&#038;", "#!", "true", "null", "123", "2020-01-01",
)  # fmt: skip

# Whole values a YAML reader would take for something other than a string if written plain.
_YAML_LOOKING = (
    "", " ", "true", "false", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "Y", "N",
    "null", "Null", "NULL", "~", "123", "-1", "+1", "0", "-0", "007", "010", "0o17", "0x1F", "0b101", "1_000",
    "1.5", ".5", "1.", "1e3", "-1.5e-3", ".inf", "-.Inf", ".nan", "2020-01-01", "2020-01-01T00:00:00Z",
    "2019-12-23 10:08:00 -07:00", "2020-6-4",
    "2024-02-30", "2020-01-01T25:00:00Z", "12:30", "1:20:30", "<<", "=", "- item", "-", "?", ":", "key: value",
    "a #b", "#comment", "'quoted'", '"quoted"', " leading", "trailing ", " both ", "---", "...", "--- x", "... 0",
    "[a, b]", "{a: b}",
    "*alias", "&anchor", "!tag x", "|", ">", "%YAML", "@at", "`tick`",
)  # fmt: skip

# The one-character fragments as an alphabet: st.text over it is one draw, where a list of pieces is many.
_TRICKY_CHARS = "".join(sorted({f for f in _FRAGMENTS if len(f) == 1})) + "ab \u00e9"
_PIECES = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(_FRAGMENTS),
    st.text(_TRICKY_CHARS, max_size=8),
    st.sampled_from(_FRAGMENTS),
)
# Long lines: a writer that wraps at 80 columns would break them.
_LONG = st.builds(
    lambda word, count: (word + " ") * count + word, st.sampled_from(["word", "a-b", "\u00e9"]), st.integers(20, 60)
)


@functools.cache
def free_text(min_size: int = 0) -> st.SearchStrategy[str]:
    """Any text: YAML-looking values, quotes, escapes, emoji, combining marks, RTL, controls, long lines.

    ``min_size=1`` gives non-empty text (built so, not filtered: filters are slow to draw).
    """
    return st.one_of(
        st.sampled_from([value for value in _YAML_LOOKING if len(value) >= min_size]),
        _PIECES,
        st.text(_TRICKY_CHARS, min_size=min_size, max_size=12),
        st.text(_CHARS, min_size=min_size, max_size=30),
        _LONG,
    )


def non_empty_text() -> st.SearchStrategy[str]:
    """Free text that is not empty (``title``, provider ``name``, ``topics`` items)."""
    return free_text(1)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` (the key absent) or a value, each about half the time."""
    return st.one_of(st.none(), strategy)


# --- numbers, times, tokens -----------------------------------------------------------------------------------------

# Large values at and beyond the machine sizes, up to 10**4299: 4300 digits, the most Python itself writes or reads
# (sys.get_int_max_str_digits(); articlefm's resolver has the same limit), so larger ones cannot be in a file.
_BIG = (2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**100, 10**4299)


@functools.cache
def ints(minimum: int) -> st.SearchStrategy[int]:
    """Integers ``>= minimum``: the edge itself, just above it, anything, and very large ones."""
    return st.one_of(
        st.just(minimum),
        st.integers(minimum, minimum + 2),
        st.integers(min_value=minimum),
        st.sampled_from(_BIG),
    )


# Offsets are whole minutes: a YAML timestamp can only say ``+HH:MM`` (docs/format.md: ``Z``, ``-07:00``), and Python
# offsets are strictly within a day. ``dt.UTC`` and a zero ``timezone`` are both drawn.
_OFFSETS = st.one_of(
    st.just(dt.UTC),
    st.sampled_from([0, 330, -420, 345, -570, 840, -720, 23 * 60 + 59, -(23 * 60 + 59)])
    .map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))),
    st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))),
)  # fmt: skip


@functools.cache
def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    """Datetimes from year 1 to 9999 with microseconds and a fixed offset (Z, +05:30, -07:00, any whole minute)."""
    return st.builds(lambda naive, tz: naive.replace(tzinfo=tz), st.datetimes(), _OFFSETS)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def secured_tokens() -> st.SearchStrategy[Secured]:
    """``"<payload>;<iv>"`` tokens: standard base64 of 16 to 512 bytes (a multiple of 16), ``;``, base64 of 16 bytes."""
    payloads = st.binary(min_size=16, max_size=16 * 32).map(lambda data: data[: len(data) // 16 * 16])
    ivs = st.binary(min_size=16, max_size=16)
    return st.builds(lambda payload, iv: Secured(_b64(payload) + ";" + _b64(iv)), payloads, ivs)


# --- hosts and URLs -------------------------------------------------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# Host names as one string draw (much faster than st.from_regex): "a" + text + "z" with any run of "-" and "."
# around a dot made one dot, so that every label starts and ends with a letter or digit.
_HOSTS = st.text(_ALNUM + "-.", max_size=14).map(lambda middle: "a" + re.sub(r"-*\.[-.]*", ".", middle) + "z")
_YAML_LOOKING_HOSTS = ("123", "1.5", "1e3", "0x1F", "0o17", "010", "true", "False", "null", "NULL", "yes", "on",
                       "2020-01-01", "1-2", "a", "localhost", "example.com", "xn--bcher-kva.example")  # fmt: skip


@functools.cache
def domains() -> st.SearchStrategy[str]:
    """Host names (provider ``domain``), YAML-looking ones among them (``123``, ``true``, ``2020-01-01``)."""
    return st.one_of(st.text(_ALNUM, min_size=1, max_size=12), _HOSTS, st.sampled_from(_YAML_LOOKING_HOSTS))


_URL_HOSTS = ("127.0.0.1", "[::1]", "[2001:db8::1]", "b\u00fccher.de", "\u4f8b\u3048.\u30c6\u30b9\u30c8",
              "user:pass@example.com", "example.com:8080", "EXAMPLE.COM", "\U0001f600.example")  # fmt: skip
_URL_PIECES = ("/", "/a b", "/a%20b", " ", "&#038;", "#!", "#!/path/to", "?", "?q=1&r=2", "&", "=", "%", "\u00fc",
               "\U0001f600", "\\", '"', "'", ": ", " #", "#", ";", ",", "[", "]", "{", "}", "|", "~", "..", "-", "\t",
               "\xa0", "\u2028", "\x00", "\n", "e\u0301", "\u0645\u0631\u062d\u0628\u0627")  # fmt: skip
_URL_WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=8)
# Nothing after the host is policed (docs/format.md), so the tail is sometimes any text at all.
_URL_TAILS = st.one_of(
    st.just(""),
    st.lists(st.one_of(st.sampled_from(_URL_PIECES), _URL_WORDS), max_size=6)
    .map("".join),
    st.text(_CHARS, max_size=20),
)  # fmt: skip


@functools.cache
def urls() -> st.SearchStrategy[str]:
    """``http://`` or ``https://``, a host, then any path: spaces, ``&#038;``, ``#!`` fragments, Unicode."""
    hosts = st.one_of(domains(), st.sampled_from(_URL_HOSTS))
    return st.builds(lambda *parts: "".join(parts), st.sampled_from(["http://", "https://"]), hosts, _URL_TAILS)


_SITE_RELATIVE_FIRST = re.compile(r"[^/\s]")  # docs/format.md via _validate: "/" then neither "/" nor whitespace


@functools.cache
def image_urls() -> st.SearchStrategy[str]:
    """A provider logo's URL: absolute, or site-relative (``/assets/...``)."""
    first = st.one_of(st.sampled_from(["assets", "a", "\u00fc", "\U0001f600", "%20", ".", "#", "?"]), _CHARS)
    site_relative = st.builds(
        lambda head, tail: "/" + head + tail,
        first.filter(lambda head: bool(_SITE_RELATIVE_FIRST.match(head))),
        _URL_TAILS,
    )
    return st.one_of(urls(), site_relative)


# --- unknown keys ---------------------------------------------------------------------------------------------------

_EXTRA_KEY_WORDS = (
    "locale", "tags", "categories", "path", "updatedDateTime", "attribution", "published_date_time", "web_url",
    "Title", "WEBURL", "x-custom", "with space", "\u65e5\u672c\u8a9e", "\U0001f600", "123", "-1", "1.5", "true",
    "False", "null", "~", "2020-01-01", "a: b", "a #b", "#hash", "- dash", "? q", 'quo"te', "back\\slash", "",
    " lead", "trail ", "tab\there", "line\nbreak", "<<", "=", "[x]", "{y}", "a,b", "&a", "*a", "!t", "|", ">",
    "%p", "@at", "`b`", "'", '"', "\u2028", "\x00",
)  # fmt: skip

# YAML limits an implicit key to 1024 characters; a key is kept short.
_ANY_KEY = st.one_of(
    st.builds(operator.add, st.sampled_from("abcdefghijklmnopqrstuvwxyz"), st.text(_ALNUM + "_", max_size=12)),
    st.sampled_from(_EXTRA_KEY_WORDS),
    st.sampled_from(_YAML_LOOKING),
    _PIECES,
    st.text(_TRICKY_CHARS, max_size=12),
    st.text(_CHARS, max_size=30),
)


def extra_keys(cls: type | None = None) -> st.SearchStrategy[str]:
    """Keys the schema ``cls`` does not know (none of its camelCase keys); any key when ``cls`` is None."""
    if cls is None:
        return _ANY_KEY
    taken = SCHEMA_KEYS[cls]
    return _ANY_KEY.filter(lambda key: key not in taken)


_EXTRA_SCALARS = st.one_of(
    free_text(),
    st.integers(),
    st.sampled_from([-(10**30), *_BIG]),
    st.booleans(),
    st.none(),
    # NaN is left out: it is not equal to itself, so no document holding one equals itself after a load.
    st.floats(allow_nan=False),
    aware_datetimes(),
    st.datetimes(),  # naive: a YAML timestamp without a zone
    st.dates(),
)


@functools.cache
def extra_values() -> st.SearchStrategy[Any]:
    """What an unknown key holds after a load: YAML 1.2 typed scalars, lists and mappings of them, two deep.

    (Nesting is spelled out rather than drawn with ``st.recursive``, which is several times slower.)
    """
    inner = st.one_of(
        _EXTRA_SCALARS, st.lists(_EXTRA_SCALARS, max_size=3), st.dictionaries(extra_keys(), _EXTRA_SCALARS, max_size=3)
    )
    return st.one_of(_EXTRA_SCALARS, st.lists(inner, max_size=2), st.dictionaries(extra_keys(), inner, max_size=2))


@functools.cache
def extras(cls: type, with_extras: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """The ``extra`` of a ``cls``: empty about half the time, else unknown keys with any typed values.

    Every draw is a new dict (``st.builds(dict)``, not ``st.just({})``): tests edit documents in place.
    """
    if not with_extras:
        return st.builds(dict)
    return st.one_of(st.builds(dict), st.dictionaries(extra_keys(cls), extra_values(), min_size=1, max_size=3))


# --- the models -----------------------------------------------------------------------------------------------------


_FIELD_VALUES: dict[tuple[type, bool, bool], dict[str, st.SearchStrategy[Any]]] = {}


def field_values(cls: type, absolute: bool = True, with_extras: bool = True) -> dict[str, st.SearchStrategy[Any]]:
    """For each attribute of ``cls`` (the schema classes), a strategy for its valid values.

    Optional fields draw ``None`` (absent) or a value; list fields draw a list,
    possibly empty (absent). ``absolute`` applies to an ``Image``'s ``url``:
    only provider logos may be site-relative.
    """
    key = (cls, absolute and cls is Image, with_extras)
    if key not in _FIELD_VALUES:
        _FIELD_VALUES[key] = _field_values(cls, absolute, with_extras)
    return _FIELD_VALUES[key]


def _field_values(cls: type, absolute: bool, with_extras: bool) -> dict[str, st.SearchStrategy[Any]]:
    if cls is Image:
        return {
            "url": urls() if absolute else image_urls(),
            "width": ints(1),
            "height": ints(1),
            "is_cached": optional(st.booleans()),
            "title": optional(free_text()),
            "extra": extras(Image, with_extras),
        }
    if cls is Provider:
        return {
            "name": non_empty_text(),
            "domain": domains(),
            "images": st.lists(images(False, with_extras=with_extras), max_size=2),
            "extra": extras(Provider, with_extras),
        }
    common = {
        "title": non_empty_text(),
        "excerpt": optional(free_text()),
        "published_date_time": aware_datetimes(),
        "web_url": urls(),
        "amp_web_url": optional(urls()),
        "cdn_amp_web_url": optional(urls()),
        "type": free_text(),
        "provider": providers(with_extras=with_extras),
        "quality": optional(ints(0)),
        "images": st.lists(images(True, with_extras=with_extras), max_size=2),
    }
    if cls is RelatedArticle:
        return {**common, "extra": extras(RelatedArticle, with_extras)}
    if cls is Article:
        return {
            **common,
            "category": free_text(),
            "original_url": optional(urls()),
            "heat": optional(ints(-1)),
            "published": optional(st.booleans()),
            "topics": st.lists(non_empty_text(), max_size=3),
            "related": st.lists(related_articles(with_extras=with_extras), max_size=2),
            "secured": optional(secured_tokens()),
            "extra": extras(Article, with_extras),
        }
    raise TypeError(f"not a schema class: {cls!r}")


def list_items(cls: type, name: str, absolute: bool = True) -> st.SearchStrategy[Any]:
    """A strategy for one more item of the list field ``cls.name`` (``absolute``: as for an ``Image`` url)."""
    if name == "topics":
        return non_empty_text()
    if name == "related":
        return related_articles()
    if name == "images":
        return images(absolute and cls is not Provider)
    raise ValueError(f"{cls.__name__}.{name} is not a list field")


@functools.cache
def images(absolute: bool = True, *, with_extras: bool = True) -> st.SearchStrategy[Image]:
    """Images; ``absolute=False`` gives provider logos, whose URL may also be site-relative."""
    return st.builds(Image, **field_values(Image, absolute, with_extras))


@functools.cache
def providers(*, with_extras: bool = True) -> st.SearchStrategy[Provider]:
    """Providers: any non-empty name, a host name, optional logos."""
    return st.builds(Provider, **field_values(Provider, True, with_extras))


@functools.cache
def related_articles(*, with_extras: bool = True) -> st.SearchStrategy[RelatedArticle]:
    """Items of ``related``: the article's fields that related items have."""
    return st.builds(RelatedArticle, **field_values(RelatedArticle, True, with_extras))


@functools.cache
def articles(*, with_extras: bool = True) -> st.SearchStrategy[Article]:
    """Whole articles, every optional field independently present or absent, unknown keys at every level."""
    return st.builds(Article, **field_values(Article, True, with_extras))


# --- documents ------------------------------------------------------------------------------------------------------

_BODY_PIECES = ("---", "---\n", "\n---\n", "--- \n", "---\r\n", "...\n", "\n", "\r\n", "\r", "# Heading\n",
                "Body text.", " ", "\ufeff", "\u2028", "\x00", "title: not front matter\n")  # fmt: skip


@functools.cache
def bodies() -> st.SearchStrategy[str]:
    """Bodies: empty, one newline, any text; ``---`` lines, no leading newline, ``\\r\\n`` line ends."""
    crlf = st.lists(st.text(_CHARS.filter(lambda c: c not in "\r\n"), max_size=10), max_size=4).map(
        lambda lines: "".join(line + "\r\n" for line in lines)
    )
    pieces = st.lists(st.one_of(st.sampled_from(_BODY_PIECES), st.text(_CHARS, max_size=10)), max_size=8)
    return st.one_of(st.sampled_from(["", "\n", "---\n", "\r\n"]), pieces.map("".join), crlf, st.text(_CHARS))


@functools.cache
def documents(*, with_extras: bool = True) -> st.SearchStrategy[Document[Article]]:
    """New documents (built in Python, no source file): an article and any body."""
    return st.builds(lambda meta, body: Document(meta=meta, body=body), articles(with_extras=with_extras), bodies())
