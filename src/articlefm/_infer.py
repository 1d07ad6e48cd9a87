"""A schema module written from a collection's files: what each key holds, in how many files.

Every file is read as plain data (``schema=None``); the values seen at each key
are merged into a shape, and each shape becomes a type the loader reads every
seen value with: ``str`` takes any scalar's text, ``float`` takes integers too,
and values no one type reads are ``Any``. Mappings become classes (one per
distinct shape), keys missing or null somewhere become optional.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ._batch import PathLike
from ._errors import ArticleError
from ._files import iter_load
from ._naming import attribute_name, convention_key

__all__ = ["InferredSchema", "infer_schema"]

_CONVENTIONS = ("snake", "camel", "kebab")  # in this order when keys fit several equally (single words)
_SCALARS = {"str", "int", "float", "bool", "date", "datetime"}
_LINE_LENGTH = 88  # ruff's and black's default: the module is formatted as they would format it


@attrs.frozen
class InferredSchema:
    """A schema module inferred from a collection, and what was found.

    ``source`` is the module's text; ``files`` the files read, ``unreadable``
    each file that could not be read with why; ``keys`` each key path found
    (``sidebar.order``, ``authors[].name``) with how many of the mappings at its
    place hold it, and ``optional`` and ``rare`` (left to ``extra``) key paths.
    :meth:`summary` says it all in a few lines.

    >>> import articlefm
    >>> inferred = articlefm.infer_schema("examples/boston-facial-recognition.md", name="News")
    >>> [path.name for path in inferred.files], inferred.unreadable
    (['boston-facial-recognition.md'], ())
    >>> inferred.keys["provider.domain"], inferred.optional
    (1, ())
    >>> "class News:" in inferred.source
    True
    """

    source: str
    name: str
    files: tuple[Path, ...]
    unreadable: tuple[tuple[Path, str], ...]
    keys: dict[str, int]
    optional: tuple[str, ...]
    rare: tuple[str, ...]

    def summary(self) -> str:
        """What was read and found, as lines for a person (what ``articlefm infer`` prints on stderr).

        >>> import articlefm
        >>> print(articlefm.infer_schema("examples").summary())
        3 files read, 0 unreadable
        44 keys found, 10 optional
        optional: ampWebUrl, cdnAmpWebUrl, quality, heat, published, provider.images, ...
        """
        lines = [
            f"{_files(len(self.files))} read, {len(self.unreadable)} unreadable",
            f"{len(self.keys)} keys found, {len(self.optional)} optional",
        ]
        for label, paths in (("optional", self.optional), ("in extra (rare)", self.rare)):
            if paths:
                shown = ", ".join(paths[:6]) + (", ..." if len(paths) > 6 else "")
                lines.append(f"{label}: {shown}")
        lines += [f"unreadable: {error}" for _, error in self.unreadable]
        return "\n".join(lines)


def infer_schema(
    paths: PathLike | Iterable[PathLike], *, name: str = "Post", extra_below: float = 0.0, jobs: int = 1
) -> InferredSchema:
    """Infer a schema module from a collection: files, folders and globs, as ``iter_load`` takes them.

    The module holds attrs classes (``name`` for the front matter, one per kind of
    nested mapping) that load every file read, with a comment per field saying
    how many files have it and an example. The key naming is the one most keys
    follow; a key that breaks it names itself. A key found in fewer than
    ``extra_below`` (a share, 0 to 1) of the mappings at its place is left to the
    class's ``extra`` mapping rather than made a field. ``jobs`` processes read
    the files, as in ``iter_load``.

    >>> import articlefm
    >>> inferred = articlefm.infer_schema("examples", name="News")
    >>> print("\\n".join(inferred.source.split("class News:")[1].splitlines()[1:7]))
        \"\"\"Front matter of 3 files.\"\"\"
    <BLANKLINE>
        # 3 of 3 files, e.g. 'news'
        category: str
        # 3 of 3 files, e.g. 'Meet the new face-detection algorithm that will ch...'
        title: str
    """
    if not name.isidentifier() or not name[:1].isupper():
        raise ValueError(f"name: expected a class name such as 'Post', found {name!r}")
    if not 0 <= extra_below <= 1:
        raise ValueError(f"extra_below: expected a share from 0 to 1, found {extra_below!r}")
    top = _Shape()
    files: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for path, result in iter_load(paths, schema=None, jobs=jobs):
        if isinstance(result, ArticleError):
            unreadable.append((path, str(result)))
        else:
            files.append(path)
            top.see(dict(result.meta))
    writer = _Writer(name, extra_below, len(files))
    writer.detect_naming(top)
    writer.class_for(top, name, "", top_level=True)
    return InferredSchema(
        source=writer.module(),
        name=name,
        files=tuple(files),
        unreadable=tuple(unreadable),
        keys=writer.keys,
        optional=tuple(writer.optional),
        rare=tuple(writer.rare),
    )


class _Shape:
    """Every value seen at one place: their kinds, and for lists and mappings what they hold."""

    def __init__(self) -> None:
        self.count = 0  # values seen, nulls included
        self.nulls = 0
        self.kinds: set[str] = set()
        self.maps = 0  # mappings seen here
        self.fields: dict[str, _Shape] = {}  # for mappings, in the order keys were first seen
        self.items: _Shape | None = None  # for lists, every item of every list seen here
        self.example: Any = None

    def see(self, value: Any) -> None:
        self.count += 1
        if value is None:
            self.nulls += 1
            return
        kind = _kind(value)
        self.kinds.add(kind)
        if kind == "map":
            self.maps += 1
            for key, item in value.items():
                self.fields.setdefault(key, _Shape()).see(item)
        elif kind == "list":
            self.items = self.items or _Shape()
            for item in value:
                self.items.see(item)
        elif self.example is None and kind in _SCALARS:
            self.example = value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return "map"
    return "other"  # a mapping with keys that are not text, say: only Any reads it


_TYPES = {"str": "str", "int": "int", "float": "float", "bool": "bool", "date": "dt.date", "datetime": "dt.datetime"}


@attrs.define
class _Field:
    attribute: str
    key: str
    annotation: str
    default: str | None  # the default's source, None when the key is required
    comment: str


class _Writer:
    def __init__(self, name: str, extra_below: float, files: int) -> None:
        self.name = name
        self.extra_below = extra_below
        self.files = files
        self.naming = "snake"
        self.classes: dict[str, tuple[tuple[str, ...], str]] = {}  # name: (fields, source), holders last
        self.keys: dict[str, int] = {}
        self.optional: list[str] = []
        self.rare: list[str] = []
        self.uses_datetime = False

    def detect_naming(self, top: _Shape) -> None:
        """The convention that gives the most keys from their attribute names."""
        keys: list[str] = []
        pending = [top]
        while pending:
            shape = pending.pop()
            keys += shape.fields
            pending += [*shape.fields.values(), *([shape.items] if shape.items else [])]
        fits = {
            naming: sum(convention_key(naming, attribute_name(key, naming)) == key for key in keys)
            for naming in _CONVENTIONS
        }
        self.naming = max(_CONVENTIONS, key=lambda naming: fits[naming])  # the first of the best

    def class_for(self, shape: _Shape, hint: str, path: str, top_level: bool = False) -> str:
        """The name of the class for the mappings of ``shape`` (written once per distinct shape)."""
        fields: list[_Field] = []
        rare_keys: list[str] = []
        rare: list[str] = []  # how the comment names each rare key
        attributes: set[str] = set()
        for key, field_shape in shape.fields.items():
            key_path = f"{path}.{key}" if path else key
            self.keys[key_path] = field_shape.count
            if field_shape.count < self.extra_below * shape.maps:
                self.rare.append(key_path)
                rare_keys.append(key)
                rare.append(f"{key!r} ({self._share(field_shape.count, shape.maps, top_level)})")
                continue
            attribute = attribute_name(key, self.naming)
            number = 2
            while attribute in attributes:  # two keys, one name (``last-mod`` and ``last_mod``)
                attribute = f"{attribute_name(key, self.naming)}_{number}"
                number += 1
            attributes.add(attribute)
            fields.append(self._field(key, attribute, field_shape, shape.maps, key_path, top_level))
        lines = [f'    """{self._docstring(path, shape.maps, top_level)}"""', ""]
        for field in fields:
            lines.append(f"    # {field.comment}")
            lines += _field_lines(field, self.naming)
        if rare:
            lines.append(f"    # Keys left here, rare: {', '.join(rare)}")
        lines.append("    extra: dict[str, Any] = attrs.Factory(dict)")
        body = "\n".join(lines)
        # What makes two shapes one class: their fields and rare keys (the counts may differ).
        signature = tuple(f"{field.attribute} {field.key!r} {field.annotation} {field.default}" for field in fields)
        signature += tuple(rare_keys)
        for known, (known_signature, _) in self.classes.items():
            if known_signature == signature and not top_level:
                return known  # the same shape under another key: one class
        name = hint
        number = 2
        while name in self.classes or (name in {"Any", self.name} and not top_level):
            name = f"{hint}{number}"
            number += 1
        decorator = f'@articlefm.key_naming("{self.naming}")\n@attrs.define(kw_only=True)\n'
        self.classes[name] = (signature, f"{decorator}class {name}:\n{body}\n")
        return name

    def _docstring(self, path: str, maps: int, top_level: bool) -> str:
        if top_level:
            return f"Front matter of {_files(self.files)}."
        where = path if path.isprintable() and '"' not in path and "\\" not in path else "a nested key"
        return f"The mapping at ``{where}`` ({maps} seen)."

    def _share(self, count: int, maps: int, top_level: bool) -> str:
        return f"{count} of {_files(maps)}" if top_level else f"{count} of {maps}"

    def _field(self, key: str, attribute: str, shape: _Shape, maps: int, path: str, top_level: bool) -> _Field:
        annotation = self._annotation(shape, attribute, path)
        missing = shape.count < maps
        comment = self._share(shape.count, maps, top_level)
        if shape.example is not None:
            comment += f", e.g. {_example(shape.example)}"
        elif shape.items is not None and shape.items.example is not None:
            comment += f", items e.g. {_example(shape.items.example)}"
        if not (missing or shape.nulls):
            return _Field(attribute, key, annotation, None, comment)
        self.optional.append(path)
        if annotation.startswith("list[") and not shape.nulls:
            return _Field(attribute, key, annotation, "attrs.Factory(list)", comment)
        return _Field(attribute, key, annotation if annotation == "Any" else f"{annotation} | None", "None", comment)

    def _annotation(self, shape: _Shape, attribute: str, path: str) -> str:
        kinds = shape.kinds
        if kinds == {"map"}:
            return self.class_for(shape, _class_name(attribute), path)
        if kinds == {"list"}:
            items = shape.items or _Shape()
            if not items.kinds:
                return "list[Any]"
            item = self._annotation(items, _singular(attribute), f"{path}[]")
            return f"list[{item if not items.nulls or item == 'Any' else f'{item} | None'}]"
        if not kinds or not kinds <= _SCALARS:
            return "Any"
        if kinds == {"int", "float"}:
            kinds = {"float"}
        elif len(kinds) > 1:
            if "str" not in kinds:
                return "Any"  # an int here, a date there: no one type reads both
            kinds = {"str"}  # a str field reads any scalar's text
        kind = kinds.pop()
        self.uses_datetime |= kind in ("date", "datetime")
        return _TYPES[kind]

    def module(self) -> str:
        imports = ["import datetime as dt"] if self.uses_datetime else []
        imports.append("from typing import Any")
        header = (
            f'"""Front matter schema inferred by articlefm from {_files(self.files)}.\n\n'
            "Each comment says how many files (or mappings) hold the key, with an example;\n"
            'edit it as you like: a key the schema does not name is kept in ``extra``.\n"""\n\n'
        )
        classes = "\n\n".join(source for _, source in self.classes.values())
        return header + "\n".join(imports) + "\n\nimport attrs\n\nimport articlefm\n\n\n" + classes


def _field_lines(field: _Field, naming: str) -> list[str]:
    """A field's line (or lines, wrapped as ruff would), with its key when the naming does not give it."""
    head = f"    {field.attribute}: {field.annotation}"
    if convention_key(naming, field.attribute) == field.key:
        return [head if field.default is None else f"{head} = {field.default}"]
    arguments = [] if field.default is None else [f"default={field.default}"]
    arguments.append(f'metadata={{"articlefm": {{"key": {_literal(field.key)}}}}}')
    one_line = f"{head} = attrs.field({', '.join(arguments)})"
    if len(one_line) <= _LINE_LENGTH:
        return [one_line]
    inner = f"        {', '.join(arguments)}"
    if len(inner) <= _LINE_LENGTH:
        return [f"{head} = attrs.field(", inner, "    )"]
    return [f"{head} = attrs.field(", *(f"        {argument}," for argument in arguments), "    )"]


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _literal(text: str) -> str:
    """A string literal as ruff writes it: double quotes unless that needs more escapes."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = "".join(
        "\\" + char if char in ("\\", quote) else char if char.isprintable() else repr(char)[1:-1] for char in text
    )
    return quote + escaped + quote


def _example(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 50 else value[:50] + "...")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return str(value)


def _class_name(attribute: str) -> str:
    """``sidebar_order`` -> ``SidebarOrder``."""
    return "".join(part[:1].upper() + part[1:] for part in attribute.split("_") if part) or "Item"


def _singular(attribute: str) -> str:
    """The name of a list's items: ``authors`` -> ``author`` (a class name comes from it)."""
    if attribute.endswith("ies") and len(attribute) > 4:
        return attribute[:-3] + "y"
    if attribute.endswith("s") and not attribute.endswith("ss") and len(attribute) > 3:
        return attribute[:-1]
    return attribute + "_item"
