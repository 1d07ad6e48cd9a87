"""Field rules from docs/format.md, shared by the loader, assignment checks, JSON Schema and the docs.

Each rule is a :class:`Rule`: called with a value, it raises
``ValueError("expected ..., found ...")`` if the value breaks it. The same rules
run when a file is loaded (through the converter, so every failure is collected
with its path) and when a model attribute is assigned (through attrs validators,
so a bad value never gets in). What else each part of the library needs to know
of a rule is a field of it, typed, beside its check.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (only for annotations: the cold start of `articlefm validate` imports this module, not attrs)
    from collections.abc import Callable
    from typing import Any, ParamSpec

    import attrs

    Arguments = ParamSpec("Arguments")

_URL = re.compile(r"https?://[^/?#\s]")
_SITE_RELATIVE = re.compile(r"/[^/\s]")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\Z")

# The JSON Schema keywords of a rule say what it checks as far as JSON Schema can (_json_schema
# reads them); patterns are the ones above, anchored.
_AWARE_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[-+][0-9]{2}:[0-9]{2})$"


def _anchored(pattern: re.Pattern[str]) -> str:
    """A ``re.match`` pattern as a JSON Schema pattern (which ``search``es): anchored, ``\\Z`` as ``$``."""
    return "^" + pattern.pattern.removesuffix(r"\Z") + ("$" if pattern.pattern.endswith(r"\Z") else "")


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


class Rule:
    """A field's rule; ``rule(value)`` raises ``ValueError("expected ..., found ...")`` if ``value`` breaks it.

    The rest says what the library's other parts need to know of it:

    - ``description``: what it asks for, in words (the format page's);
    - ``accepts``: a type every value of which passes, so the loader's compiled
      code need not call it for a value of that type;
    - ``test``: a quick yes for a value already of the field's type, which the
      compiled code calls instead (a no takes the slow path, which calls the
      rule itself for its message); the check uses the same test;
    - ``item``, ``optional``: a list's rule for each item, an optional rule's
      rule for a value that is there;
    - ``json_schema``: its JSON Schema keywords;
    - ``made``: how it was made, as the call of a factory below (``integer(1)``), or ``None`` for a rule of
      its own (``text``); generated code remakes it so (see ``_checkgen``).

    (A plain class, not attrs: see the imports.)

    >>> integer(1)(0)
    Traceback (most recent call last):
    ...
    ValueError: expected an integer >= 1, found 0
    >>> integer(1).description, integer(1).json_schema, integer(1).made
    ('an integer >= 1', {'minimum': 1}, ('integer', (1,), {}))
    """

    __slots__ = ("accepts", "check", "description", "item", "json_schema", "made", "optional", "test")

    def __init__(
        self,
        check: Callable[[Any], None],
        description: str,
        *,
        accepts: type | None = None,
        test: Callable[[Any], object] | None = None,
        item: Rule | None = None,
        optional: Rule | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> None:
        self.check = check
        self.description = description
        self.accepts = accepts
        self.test = test
        self.item = item
        self.optional = optional
        self.json_schema = {} if json_schema is None else json_schema
        self.made: tuple[str, tuple[Any, ...], dict[str, Any]] | None = None

    def __call__(self, value: object) -> None:
        self.check(value)  # (code that runs for every value calls ``check`` itself: one call fewer)

    def __repr__(self) -> str:
        return f"<Rule: {self.description}>"


def _factory(make: Callable[Arguments, Rule]) -> Callable[Arguments, Rule]:
    """A function that makes rules, each of which then says how it was made (``Rule.made``)."""

    @functools.wraps(make)
    def made_by(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Rule:
        rule = make(*args, **kwargs)
        rule.made = (make.__name__, args, kwargs)
        return rule

    return made_by


# The rules below run for every field of every article loaded: each is one call.


def _not_text(value: object) -> ValueError:
    return ValueError(f"expected a string, found {describe(value)}")


def _text(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)


text = Rule(_text, "a string", accepts=str)


def _non_empty_text(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not value:
        raise ValueError("expected a non-empty string, found an empty one")


non_empty_text = Rule(_non_empty_text, "a non-empty string", test=bool, json_schema={"minLength": 1})


def _url(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not _URL.match(value):
        raise ValueError(f"expected an http:// or https:// URL with a host, found {describe(value)}")


url = Rule(
    _url,
    "an http:// or https:// URL with a host",
    test=_URL.match,
    json_schema={"format": "uri", "pattern": _anchored(_URL)},
)


def _url_or_site_relative(value: str) -> bool:
    return bool(_URL.match(value) or _SITE_RELATIVE.match(value))


def _image_url(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not _url_or_site_relative(value):
        raise ValueError(f"expected an http(s) URL with a host or a site-relative path, found {describe(value)}")


# Image URLs may also be site-relative (``/assets/...``), as provider logos are.
image_url = Rule(
    _image_url,
    "an http(s) URL with a host, or a site-relative path (/assets/...)",
    test=_url_or_site_relative,
    json_schema={"format": "uri-reference", "pattern": f"{_anchored(_URL)}|{_anchored(_SITE_RELATIVE)}"},
)


def _host(value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(value)
    if not _HOST.match(value):
        raise ValueError(f"expected a host name such as 'example.com', found {describe(value)}")


host = Rule(_host, "a host name such as example.com", test=_HOST.match, json_schema={"pattern": _anchored(_HOST)})


@_factory
def integer(minimum: int) -> Rule:
    """An integer (never a bool) of at least ``minimum``."""

    def check(value: object) -> None:
        if not is_int(value):
            raise ValueError(f"expected an integer, found {describe(value)}")
        if value < minimum:  # type: ignore[operator]
            raise ValueError(f"expected an integer >= {minimum}, found {value}")

    return Rule(check, f"an integer >= {minimum}", test=minimum.__le__, json_schema={"minimum": minimum})


def _boolean(value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {describe(value)}")


boolean = Rule(_boolean, "true or false", accepts=bool)


def _fixed_offset_in_minutes(value: dt.datetime) -> bool:
    """A fixed offset (what a timestamp read from text has) in whole minutes.

    A zone with rules fails this test, and only a value from Python can have one: the slow path decides.
    """
    return value.tzinfo.__class__ is dt.timezone and not value.utcoffset() % _MINUTE  # type: ignore[operator]


_MINUTE = dt.timedelta(minutes=1)


def _aware_datetime(value: object) -> None:
    if not isinstance(value, dt.datetime):
        raise ValueError(f"expected a timestamp such as 2020-06-24T23:48:00Z, found {describe(value)}")
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"expected a timestamp with a time zone (Z or +HH:MM), found {describe(value)}")
    if offset % _MINUTE:
        raise ValueError(f"expected a UTC offset in whole minutes (+HH:MM), found {describe(value)}")
    if not isinstance(value.tzinfo, dt.timezone) and value != value.astimezone(dt.timezone(offset)):
        # A local time that happens twice, or never, in its zone: it would not read back as itself.
        raise ValueError(f"expected a time that exists once in its time zone, found {describe(value)}")


# A datetime the file can hold: a time zone whose offset is whole minutes (``Z``, ``+05:30``).
aware_datetime = Rule(
    _aware_datetime,
    "a timestamp with a time zone, such as 2020-06-24T23:48:00Z or 2019-12-23T10:08:00-07:00",
    test=_fixed_offset_in_minutes,
    json_schema={"format": "date-time", "pattern": _AWARE_TIMESTAMP},
)


@_factory
def items(rule: Rule) -> Rule:
    """A list whose items each pass ``rule`` (the loader checks items one by one, with their index)."""

    def check_list(value: object) -> None:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, found {describe(value)}")
        for index, item in enumerate(value):
            try:
                rule.check(item)
            except ValueError as exc:
                raise ValueError(f"[{index}]: {exc}") from None

    return Rule(check_list, f"a list, each item {rule.description}", item=rule)


@_factory
def all_of(*rules: Rule) -> Rule:
    def check_all(value: object) -> None:
        for rule in rules:
            rule.check(value)

    keywords = {word: keyword for rule in rules for word, keyword in rule.json_schema.items()}
    return Rule(check_all, ", ".join(rule.description for rule in rules), json_schema=keywords)


@_factory
def absolute_url_at(attribute: str) -> Rule:
    """The URL in ``value.<attribute>`` is absolute (article images, unlike provider logos)."""

    def check(value: object) -> None:
        found = getattr(value, attribute)
        if not (isinstance(found, str) and _URL.match(found)):
            message = "expected an http:// or https:// URL with a host (only provider logos may be site-relative)"
            raise NestedError((attribute,), f"{message}, found {describe(found)}")

    description = f"its {attribute} an absolute http(s) URL (only provider logos may be site-relative)"
    return Rule(check, description, json_schema={"properties": {attribute: url.json_schema}})


@_factory
def optional(rule: Rule) -> Rule:
    """``rule``, or nothing (``None``)."""

    def check_optional(value: object) -> None:
        if value is not None:
            rule.check(value)

    return Rule(check_optional, rule.description, optional=rule)


@_factory
def instance(cls: type, *, secret: bool = False) -> Rule:
    """``value`` is a ``cls``; with ``secret``, the message never quotes the value."""

    def check_instance(value: object) -> None:
        if not isinstance(value, cls):
            found = f"a {type(value).__name__} value" if secret else describe(value)
            raise ValueError(f"expected {cls.__name__}, found {found}")

    article = "an" if cls.__name__[:1] in "AEIOU" else "a"
    return Rule(check_instance, f"{article} {cls.__name__}", accepts=cls)


def validator(rule: Rule) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """An attrs validator running ``rule``; the message names the attribute."""
    inner = rule.optional
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
            rule.check(value)
        except ValueError as exc:
            raise ValueError(f"{attribute.name}: {exc}") from None

    return run
