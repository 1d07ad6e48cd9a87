"""How a schema class's attribute names become the file's keys.

One rule per class, declared with :func:`key_naming` (camelCase when nothing is
declared); one field's ``metadata={"articlefm": {"key": "..."}}`` overrides it.
A class that declares nothing takes the naming of the declared classes that hold
it (through fields, lists and optionals), so a schema declares it once, on top.
"""

from __future__ import annotations

import functools
import keyword
import re
import typing
import weakref
from collections.abc import Callable, Iterator
from typing import Any, Literal, TypeVar

import attrs

__all__ = ["KeyNaming", "attribute_name", "key_naming"]

KeyNaming = Literal["camel", "snake", "kebab"] | Callable[[str], str]

T = TypeVar("T", bound=type)

_DECLARED = "__articlefm_key_naming__"  # the class attribute key_naming sets (subclasses inherit it)
_declared: weakref.WeakSet[type] = weakref.WeakSet()  # every class that declared one: the holders to look in


class KeyNamingError(Exception):
    """A schema whose key naming cannot be applied: a mistake in the code, not in a file.

    Not a ``ValueError``: the loader reports those as problems of the file it reads.
    """


def camel(name: str) -> str:
    """``published_date_time`` -> ``publishedDateTime``.

    >>> camel("cdn_amp_web_url")
    'cdnAmpWebUrl'
    """
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _keyword_free(convention: Callable[[str], str]) -> Callable[[str], str]:
    """The convention, applied after dropping the trailing ``_`` that keeps ``class_`` a Python name."""

    def naming(name: str) -> str:
        return convention(name[:-1] if name.endswith("_") and len(name) > 1 else name)

    return naming


_CONVENTIONS: dict[str, Callable[[str], str]] = {
    "camel": _keyword_free(camel),
    "snake": _keyword_free(str),
    "kebab": _keyword_free(lambda name: name.replace("_", "-")),
}

# What turns a file key back into the attribute name the convention would write it from.
_INVERSES: dict[str, Callable[[str], str]] = {
    "camel": lambda key: re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower(),
    "snake": str,
    "kebab": lambda key: key.replace("-", "_"),
}


def key_naming(naming: KeyNaming) -> Callable[[T], T]:
    """A class decorator: how this schema's attribute names become file keys.

    ``"camel"`` (``date_published`` is ``datePublished``, the default),
    ``"snake"`` (the name as written), ``"kebab"`` (``date-published``), or a
    function from attribute name to key. A trailing ``_`` is dropped first, so
    ``class_`` reads the key ``class``. One field's
    ``metadata={"articlefm": {"key": ...}}`` overrides the rule; nested classes
    that declare none take their holder's. Put it above ``@attrs.define``.

    >>> import attrs, articlefm
    >>> @articlefm.key_naming("snake")
    ... @attrs.define
    ... class Page:
    ...     last_mod: str
    ...     class_: str = ""
    >>> articlefm.loads("---\\nlast_mod: today\\nclass: wide\\n---\\n", schema=Page).meta
    Page(last_mod='today', class_='wide')
    """
    if callable(naming):
        rule = naming
    elif naming in _CONVENTIONS:
        rule = _CONVENTIONS[naming]
    else:
        raise ValueError(f"expected 'camel', 'snake', 'kebab' or a function, found {naming!r}")

    def declare(cls: T) -> T:
        if not attrs.has(cls):  # attrs makes a new class for slots: what would be marked is thrown away
            raise TypeError(f"{cls.__name__} is not an attrs class: put @key_naming above @attrs.define")
        setattr(cls, _DECLARED, staticmethod(rule))
        _declared.add(cls)
        return cls  # type: ignore[return-value]  # attrs.has narrows it to AttrsInstance

    return declare


@functools.cache
def naming_of(cls: type) -> Callable[[str], str]:
    """The rule that names ``cls``'s keys: its own, else its holders', else camelCase (found once per class)."""
    own: Callable[[str], str] | None = getattr(cls, _DECLARED, None)
    if own is not None:
        return own
    inherited = {holder: getattr(holder, _DECLARED) for holder in list(_declared) if cls in _held_by(holder)}
    rules = set(inherited.values())
    if len(rules) > 1:
        holders = ", ".join(sorted(holder.__qualname__ for holder in inherited))
        raise _held_apart(cls, holders)
    return rules.pop() if rules else _CONVENTIONS["camel"]


def check_held(cls: type, types: list[Any]) -> None:
    """Raise if a class ``cls`` holds and that declares no naming names its keys otherwise than ``cls``.

    Its naming was found before a holder of another naming was declared, or it is
    also held by a class of another naming: either way it must declare its own.
    """
    rule = naming_of(cls)
    for nested in _classes_in(types):
        if getattr(nested, _DECLARED, None) is None and naming_of(nested) is not rule:
            raise _held_apart(nested, f"{cls.__qualname__} and another")


def _held_apart(cls: type, holders: str) -> KeyNamingError:
    return KeyNamingError(
        f"{cls.__qualname__} is held by classes with different key namings ({holders}): declare its own"
    )


def _held_by(holder: type) -> set[type]:
    """The attrs classes ``holder`` holds, directly or through classes that declare no naming of their own."""
    found: set[type] = set()
    pending = [holder]
    while pending:
        try:
            hints = typing.get_type_hints(pending.pop())
        except NameError:  # a forward reference that does not resolve (yet): this holder cannot say
            continue
        for nested in _classes_in(list(hints.values())):
            if nested not in found:
                found.add(nested)
                if getattr(nested, _DECLARED, None) is None:
                    pending.append(nested)
    return found


def _classes_in(types: list[Any]) -> Iterator[type]:
    for tp in types:
        if isinstance(tp, type) and attrs.has(tp):
            yield tp
        yield from _classes_in(list(typing.get_args(tp)))


def file_key(cls: type, name: str) -> str:
    """The file key of ``cls``'s attribute ``name`` by the class's naming (before any per-field override)."""
    key = naming_of(cls)(name)
    if not isinstance(key, str) or not key:
        raise KeyNamingError(f"{cls.__qualname__}'s key naming gave {key!r} for {name!r}: expected a non-empty string")
    return key


# Names a field cannot take: attrs' __init__ has ``self``, a dict ``extra`` holds unknown keys, cattrs'
# make_dict_structure_fn takes ``cl`` and ``converter`` besides the fields, and a field named after a
# type would hide it from the annotations after it in the class body.
_RESERVED = frozenset(
    ("self", "extra", "cl", "converter", "str", "int", "float", "bool", "list", "dict", "dt", "attrs", "articlefm")
)


def attribute_name(key: str, naming: str = "snake") -> str:
    """The attribute name for a file key, by a named convention: what ``infer_schema`` writes.

    The convention's inverse (``datePublished`` is ``date_published`` in camelCase),
    in lower case; then each run of characters a name cannot hold becomes ``_``, a
    leading digit gets ``key_`` before it, and a Python keyword, ``self``,
    ``extra``, ``cl``, ``converter`` or a name the class body needs (``str``,
    ``list``, ``dt``...) gets ``_`` after it (which the naming drops again).
    Where the naming does not give the key back from that name, the field names
    its key itself.

    >>> [attribute_name(key) for key in ["class", "og.title", "read time", "2col", "Sidebar-Order", "list"]]
    ['class_', 'og_title', 'read_time', 'key_2col', 'sidebar_order', 'list_']
    >>> attribute_name("lastModified", "camel")
    'last_modified'
    """
    name = re.sub(r"\W+", "_", _INVERSES[naming](key).lower()).strip("_") or "key"
    if not name.isidentifier():  # a digit first (or a character \w allows but no name may start with)
        name = "key_" + name
    if keyword.iskeyword(name) or name in _RESERVED:
        name += "_"
    return name


def convention_key(naming: str, name: str) -> str:
    """The key a named convention gives the attribute ``name``."""
    return _CONVENTIONS[naming](name)
