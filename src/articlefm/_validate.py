"""Field rules from docs/format.md, shared by the loader and assignment checks.

Each check takes the value and raises ``ValueError("expected ..., found ...")``.
The same functions run when a file is loaded (through the converter, so every
failure is collected with its path) and when a model attribute is assigned
(through attrs validators, so a bad value never gets in).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import attrs

_URL = re.compile(r"https?://[^/?#\s]")
_SITE_RELATIVE = re.compile(r"/[^/\s]")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\Z")

Check = Callable[[Any], object]  # raises ValueError; the result is ignored


class NestedError(ValueError):
    """A rule on a whole value that failed at one of its parts (``path`` below it)."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


def describe(value: object) -> str:
    """How a message names what was found: its YAML type and a short excerpt."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    kinds = {int: "integer", float: "float", str: "string", list: "list", dict: "mapping"}
    kind = next((name for cls, name in kinds.items() if isinstance(value, cls)), type(value).__name__)
    if isinstance(value, dt.datetime):
        kind = "datetime"
    elif isinstance(value, dt.date):
        kind = "date"
    if isinstance(value, (list, dict)):
        return f"a {kind} of {len(value)} item(s)"
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{kind} {text}"


def is_int(value: object) -> bool:
    """True for ints but not bools, which this format keeps apart."""
    return isinstance(value, int) and not isinstance(value, bool)


# The checks below run for every field of every article loaded: each is one call.


def _not_text(value: object) -> ValueError:
    return ValueError(f"expected a string, found {describe(value)}")


def text(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)


text.accepts = str  # type: ignore[attr-defined]  # every str passes: compiled code skips the call


def non_empty_text(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not value:
        raise ValueError("expected a non-empty string, found an empty one")


# What compiled code (_compile) may test instead of calling the check, for a value already of
# the field's type: true only if the check passes. A value it fails takes the slow path (the
# full parser and the converter), which runs the check itself.
non_empty_text.inline = ("{v}", {})  # type: ignore[attr-defined]


def url(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not _URL.match(value):
        raise ValueError(f"expected an http:// or https:// URL with a host, found {describe(value)}")


url.inline = ("_url({v})", {"_url": _URL.match})  # type: ignore[attr-defined]


def image_url(value: object) -> None:
    """Image URLs may also be site-relative (``/assets/...``), as provider logos are."""
    if not isinstance(value, str):
        raise _not_text(value)
    if not (_URL.match(value) or _SITE_RELATIVE.match(value)):
        raise ValueError(f"expected an http(s) URL with a host or a site-relative path, found {describe(value)}")


image_url.inline = ("(_url({v}) or _site_relative({v}))", {"_url": _URL.match, "_site_relative": _SITE_RELATIVE.match})  # type: ignore[attr-defined]


def host(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not _HOST.match(value):
        raise ValueError(f"expected a host name such as 'example.com', found {describe(value)}")


host.inline = ("_host({v})", {"_host": _HOST.match})  # type: ignore[attr-defined]


def integer(minimum: int) -> Check:
    def check(value: object) -> None:
        if not is_int(value):
            raise ValueError(f"expected an integer, found {describe(value)}")
        if value < minimum:  # type: ignore[operator]
            raise ValueError(f"expected an integer >= {minimum}, found {value}")

    check.inline = (f"{{v}} >= {minimum}", {})  # type: ignore[attr-defined]
    return check


def boolean(value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {describe(value)}")


boolean.accepts = bool  # type: ignore[attr-defined]


def aware_datetime(value: object) -> None:
    """A datetime the file can hold: a time zone whose offset is whole minutes (``Z``, ``+05:30``)."""
    if not isinstance(value, dt.datetime):
        raise ValueError(f"expected a timestamp such as 2020-06-24T23:48:00Z, found {describe(value)}")
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"expected a timestamp with a time zone (Z or +HH:MM), found {describe(value)}")
    if offset % dt.timedelta(minutes=1):
        raise ValueError(f"expected a UTC offset in whole minutes (+HH:MM), found {describe(value)}")
    if not isinstance(value.tzinfo, dt.timezone) and value != value.astimezone(dt.timezone(offset)):
        # A local time that happens twice, or never, in its zone: it would not read back as itself.
        raise ValueError(f"expected a time that exists once in its time zone, found {describe(value)}")


# A fixed offset (what a timestamp read from text has) in whole minutes passes. A zone with
# rules fails this test, and only a value from Python can have one: the slow path decides.
aware_datetime.inline = (  # type: ignore[attr-defined]
    "({v}.tzinfo.__class__ is _timezone and not {v}.utcoffset() % _minute)",
    {"_timezone": dt.timezone, "_minute": dt.timedelta(minutes=1)},
)


def items(check: Check) -> Check:
    """A list whose items each pass ``check`` (the loader checks items one by one)."""

    def check_list(value: object) -> None:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, found {describe(value)}")
        for index, item in enumerate(value):
            try:
                check(item)
            except ValueError as exc:
                raise ValueError(f"[{index}]: {exc}") from None

    check_list.item_check = check  # type: ignore[attr-defined]
    return check_list


def all_of(*checks: Check) -> Check:
    def check_all(value: object) -> None:
        for check in checks:
            check(value)

    return check_all


def absolute_url_at(attribute: str) -> Check:
    """The URL in ``value.<attribute>`` is absolute (article images, unlike provider logos)."""

    def check(value: object) -> None:
        found = getattr(value, attribute)
        if not (isinstance(found, str) and _URL.match(found)):
            message = "expected an http:// or https:// URL with a host (only provider logos may be site-relative)"
            raise NestedError((attribute,), f"{message}, found {describe(found)}")

    return check


def optional(check: Check) -> Check:
    def check_optional(value: object) -> None:
        if value is not None:
            check(value)

    check_optional.optional_of = check  # type: ignore[attr-defined]
    return check_optional


def instance(cls: type, *, secret: bool = False) -> Check:
    """``value`` is a ``cls``; with ``secret``, the message never quotes the value."""

    def check_instance(value: object) -> None:
        if not isinstance(value, cls):
            found = f"a {type(value).__name__} value" if secret else describe(value)
            raise ValueError(f"expected {cls.__name__}, found {found}")

    check_instance.accepts = cls  # type: ignore[attr-defined]
    return check_instance


def validator(check: Check) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """An attrs validator running ``check``; the message names the attribute."""
    inner = getattr(check, "optional_of", None)
    if inner is not None:

        def run_optional(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is not None:  # here rather than in another call: most optional fields are set
                try:
                    inner(value)
                except ValueError as exc:
                    raise ValueError(f"{attribute.name}: {exc}") from None

        return run_optional

    def run(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        try:
            check(value)
        except ValueError as exc:
            raise ValueError(f"{attribute.name}: {exc}") from None

    return run
