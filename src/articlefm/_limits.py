"""How much untrusted input the reader takes before it gives up."""

from __future__ import annotations

import attrs

from . import _bounds

__all__ = ["Limits"]

# Python recursion bounds what the converters can walk; a real article nests 5 levels.
_DEEPEST = 500


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{attribute.name}: expected a positive integer, found {value!r}")


def _depth(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _positive(instance, attribute, value)
    if value > _DEEPEST:
        raise ValueError(f"{attribute.name}: expected at most {_DEEPEST}, found {value}")


@attrs.frozen
class Limits:
    """Bounds on what :func:`~articlefm.loads` accepts, so hostile input fails fast.

    - ``max_front_matter``: characters between the ``---`` lines (the body is
      never parsed, so it has no limit). Real front matter is 1 to 30 KB.
    - ``max_depth``: levels of nesting (a real article has 5), at most 500.
    - ``max_values``: values in the front matter after expanding YAML aliases,
      which stops "billion laughs" alias bombs (a real article has 30 to 300).

    Input over a limit raises :class:`~articlefm.ArticleError` naming the limit:

    >>> import articlefm
    >>> try:
    ...     articlefm.loads("---\\ntitle: Hello\\n---\\n", schema=None, limits=Limits(max_front_matter=8))
    ... except articlefm.ArticleError as err:
    ...     print(err)
    <string>:2:1: expected a front matter of at most 8 characters, found 13 (Limits.max_front_matter)
    """

    max_front_matter: int = attrs.field(default=_bounds.MAX_FRONT_MATTER, validator=_positive)
    max_depth: int = attrs.field(default=_bounds.MAX_DEPTH, validator=_depth)
    max_values: int = attrs.field(default=_bounds.MAX_VALUES, validator=_positive)


DEFAULT = Limits()
