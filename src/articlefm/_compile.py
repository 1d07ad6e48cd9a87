"""Compiled structuring: one generated function per model class, for the read path.

The converter's fast mode (cattrs) calls a hook per field, and attrs' ``__init__``
then calls a validator per field, through a wrapper: four or five Python calls
for each of an article's sixty-odd values, more than half of a load. The
function generated here does the same work with a call per value at most:
common conversions are inline, each field's rule is called directly (or not at
all where the type already guarantees it), and the object is filled in as
attrs' own ``__init__`` fills it.

It raises on any problem, without saying what: the loader then runs the
detailed converter, which does. Only classes whose every field is declared
with this library's field helpers (the models), or as plain attrs fields
without a validator or converter, are compiled; for any other class
:func:`compiled` gives ``None`` and the cattrs converter is used.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs

from . import _convert
from ._codegen import define
from ._model import META, filling_class
from ._resolve import BOOLS, ISO_TIMESTAMP, NULLS
from ._schema import FieldSpec, list_item, optional_inner, spec
from ._secured import Secured
from ._track import TrackedDict, TrackedList
from ._tree import Plain
from ._validate import Rule

Structure = Callable[[Any], Any]

# Hooks shared with the converter, for the types whose conversion is not inline.
_HOOKS: dict[Any, Callable[[Any, Any], Any]] = {
    int: _convert._structure_int,
    float: _convert._structure_float,
    bool: _convert._structure_bool,
    dt.datetime: _convert._structure_datetime,
    dt.date: _convert._structure_date,
    Secured: _convert._structure_secured,
}


class _Unsupported(Exception):
    """The class (or a type in it) is not one this module compiles."""


@functools.cache
def compiled(cls: type, strict: bool) -> Structure | None:
    """The compiled structuring function of ``cls``, or ``None`` if cattrs must do it."""
    try:
        return _Compiler(strict).function(cls)
    except _Unsupported:
        return None


def _implied(rule: Rule | None, tp: Any) -> bool:
    """Whether every value of type ``tp`` passes ``rule`` (so it need not run)."""
    if rule is None:
        return True
    if rule.optional is not None and optional_inner(tp) is not None:
        return _implied(rule.optional, optional_inner(tp))
    if rule.accepts is tp:
        return True
    return rule.item is not None and list_item(tp) is not None and _implied(rule.item, list_item(tp))


def _rules_known(field: attrs.Attribute[Any]) -> bool:
    """A field whose rule is articlefm's own check, or that has none: a user's validator (say on a field whose
    metadata only names its key) or converter runs on the slow path, which calls it."""
    if not field.init or field.converter is not None:
        return False
    meta = field.metadata.get(META)
    if meta is None:
        return field.validator is None  # a plain attrs field: its type says it all
    return field.validator is None or "check" in meta or bool(meta.get("extra"))


class _Compiler:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.functions: dict[type, Structure] = {}

    def function(self, cls: type) -> Structure:
        known = self.functions.get(cls)
        if known is not None:
            return known
        if not attrs.has(cls) or hasattr(cls, "__attrs_post_init__") or hasattr(cls, "__attrs_pre_init__"):
            raise _Unsupported
        if not all(_rules_known(field) for field in attrs.fields(cls)):
            raise _Unsupported
        names: dict[str, Any] = {
            "_cls": cls,
            "_new": object.__new__,
            "_Plain": Plain,
            "_NULLS": NULLS,
            "_TrackedList": TrackedList,
            "_TrackedDict": TrackedDict,
            "_resolve": _convert.resolve_data,
            "_str": _convert._structure_str,
            "_BOOLS": BOOLS,
            "_iso": ISO_TIMESTAMP.match,
            "_fromisoformat": dt.datetime.fromisoformat,
            "_ABSENT": attrs.NOTHING,
            "_known": frozenset(spec(cls).by_key),
        }
        # Declared before its body is built, so a class that contains itself compiles.
        self.functions[cls] = lambda value: names["_structure"](value)
        lines = self._body(cls, names)
        source = "def _structure(o):\n    " + "\n    ".join(lines) + "\n"
        function = self.define(cls, source, names)
        names["_structure"] = function  # the body calls itself for a class that contains itself
        self.functions[cls] = function
        return typing.cast(Structure, function)

    def define(self, cls: type, source: str, names: dict[str, Any]) -> Any:
        """The function that ``source`` defines with ``names`` (``_checkgen`` writes it into a module instead)."""
        return define(source, "_structure", f"structure {cls.__qualname__}", names)

    def _body(self, cls: type, names: dict[str, Any]) -> list[str]:
        class_spec = spec(cls)
        # Filled in without the class's __setattr__, then made a ``cls`` (see filling_class).
        names["_Filling"] = filling_class(cls)
        lines = ["if o.__class__ is not dict: raise ValueError"]
        if self.strict:
            lines.append("if not _known.issuperset(o): raise ValueError")
        lines.append("self = _new(_Filling)")
        for position, field in enumerate(class_spec.fields):
            attribute = attrs.fields_dict(cls)[field.name]
            lines += self._field(position, field, attribute, names, f"self.{field.name}")
        if class_spec.extra:  # the keys the class does not know, typed
            extra = (
                "_TrackedDict({k: x if x.__class__ is str else _resolve(x) for k, x in o.items() if k not in _known})"
            )
            lines.append(f"self.{class_spec.extra} = _TrackedDict() if _known.issuperset(o) else {extra}")
        lines.append("self.__class__ = _cls")
        lines.append("return self")
        return lines

    def _field(
        self, position: int, field: FieldSpec, attribute: Any, names: dict[str, Any], variable: str
    ) -> list[str]:
        lines = []
        if attribute.default is attrs.NOTHING:
            lines.append(f"v = o[{field.key!r}]")
        else:
            lines.append(f"v = o.get({field.key!r}, _ABSENT)")
            default = attribute.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    raise _Unsupported
                names[f"_default{position}"] = default.factory
                fallback = f"_default{position}()"
            else:
                names[f"_default{position}"] = default
                fallback = f"_default{position}"
            lines.append(f"if v is _ABSENT: {variable} = {fallback}")
            lines.append("else:")
            indent = "    "
            lines += [indent + line for line in self._value(field, names, position, variable)]
            return lines
        lines += self._value(field, names, position, variable)
        return lines

    def _value(self, field: FieldSpec, names: dict[str, Any], position: int, variable: str) -> list[str]:
        lines = self._convert("v", field.type, names, f"{position}")
        rule = field.check
        if rule is not None and not _implied(rule, field.type):
            optional = rule.optional is not None
            rule = rule.optional or rule
            guard = "v is not None and " if optional else ""
            if rule.test is not None:  # the value has the field's type now: the rule's quick test (see _validate)
                names[f"_test{position}"] = rule.test
                lines.append(f"if {guard}not _test{position}(v): raise ValueError")
            elif rule.item is not None and rule.item.test is not None and list_item(field.type) is not None:
                names[f"_test{position}"] = rule.item.test  # each item's quick test, mapped in C
                lines.append(f"if {guard}not all(map(_test{position}, v)): raise ValueError")
            else:
                names[f"_check{position}"] = rule.check
                lines.append(f"if v is not None: _check{position}(v)" if optional else f"_check{position}(v)")
        lines.append(f"{variable} = v")
        return lines

    def _convert(self, name: str, tp: Any, names: dict[str, Any], tag: str) -> list[str]:
        """Lines that make ``name`` a value of type ``tp`` (or raise)."""
        inner = optional_inner(tp)
        if inner is not None:
            converted = self._convert(name, inner, names, tag)
            return [
                f"if {name} is None or ({name}.__class__ is _Plain and {name} in _NULLS): {name} = None",
                "else:",
                *("    " + line for line in converted),
            ]
        item = list_item(tp)
        if item is not None:
            expression = self._expression("i", item, names, tag + "i")
            return [
                f"if {name}.__class__ is not list: raise ValueError",
                f"{name} = _TrackedList([{expression} for i in {name}])",
            ]
        return [f"{name} = {self._expression(name, tp, names, tag)}"]

    def _expression(self, name: str, tp: Any, names: dict[str, Any], tag: str) -> str:
        """An expression converting ``name`` to a ``tp`` (a scalar type or a class)."""
        if tp is str:
            return f"({name} if {name}.__class__ is str else _str({name}, None))"
        if tp is Any:
            return f"({name} if {name}.__class__ is str else _resolve({name}))"
        if tp in _HOOKS:
            names[f"_hook{tag}"] = _HOOKS[tp]
            hook = f"_hook{tag}({name}, None)"
            # The values real files hold, converted inline; anything else goes to the hook.
            if tp is int:
                digits = f"{name}.__class__ is _Plain and {name}.isdigit() and {name}.isascii() and len({name}) < 19"
                return f"(int({name}) if {digits} else {hook})"
            if tp is bool:
                return f"(_BOOLS[{name}] if {name}.__class__ is _Plain and {name} in _BOOLS else {hook})"
            if tp is dt.datetime:
                return f"(_fromisoformat({name}) if {name}.__class__ is _Plain and _iso({name}) else {hook})"
            return hook
        if attrs.has(tp):
            names[f"_class{tag}"] = self.function(tp)
            return f"_class{tag}({name})"
        raise _Unsupported
