"""Change tracking: has anything been edited since a document was loaded?

Writing an unedited document gives back the text it was read from, and the
quickest way to know it is unedited is to be told of every edit. Each model
assignment and each change to a list or dict that a load created counts one
*mutation*, process-wide. A document records the count when it is loaded; if
the count is the same when it is written, nothing anywhere has changed, let
alone the document. A change elsewhere only costs the document its shortcut:
it is then compared field by field, as any document is.

The containers are plain ``list`` and ``dict`` subclasses, so they compare,
print, copy and serialize as lists and dicts do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self, SupportsIndex, TypeVar

count = 0  # the changes seen so far; read it as ``_track.count`` (``from ... import`` would copy it)

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


def touch() -> None:
    """Count a change (called before the change is made)."""
    global count
    count += 1


def on_setattr(_instance: Any, _attribute: Any, value: T) -> T:
    """An attrs ``on_setattr`` hook that counts each assignment."""
    touch()
    return value


class TrackedList(list[T]):
    """A list that counts its changes; otherwise a list."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type[TrackedList[T]], tuple[list[T]]]:
        return (type(self), (list(self),))  # rebuilt whole, not item by item (which would count)

    def __setitem__(self, index: Any, value: Any) -> None:
        touch()
        super().__setitem__(index, value)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        touch()
        super().__delitem__(index)

    def __iadd__(self, values: Iterable[T]) -> Self:  # type: ignore[override,misc]
        touch()
        return super().__iadd__(values)

    def __imul__(self, count: SupportsIndex) -> Self:
        touch()
        return super().__imul__(count)

    def append(self, value: T) -> None:
        touch()
        super().append(value)

    def extend(self, values: Iterable[T]) -> None:
        touch()
        super().extend(values)

    def insert(self, index: SupportsIndex, value: T) -> None:
        touch()
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> T:
        touch()
        return super().pop(index)

    def remove(self, value: T) -> None:
        touch()
        super().remove(value)

    def clear(self) -> None:
        touch()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        touch()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        touch()
        super().reverse()


class TrackedDict(dict[K, V]):
    """A dict that counts its changes; otherwise a dict."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type[TrackedDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))

    def __setitem__(self, key: K, value: V) -> None:
        touch()
        super().__setitem__(key, value)

    def __delitem__(self, key: K) -> None:
        touch()
        super().__delitem__(key)

    def __ior__(self, other: Any) -> Self:  # type: ignore[override,misc]
        touch()
        return super().__ior__(other)

    def update(self, *args: Any, **kwargs: V) -> None:
        touch()
        super().update(*args, **kwargs)

    def setdefault(self, key: K, default: V = None) -> V:  # type: ignore[assignment]
        touch()
        return super().setdefault(key, default)

    def pop(self, key: K, *default: Any) -> Any:
        touch()
        return super().pop(key, *default)

    def popitem(self) -> tuple[K, V]:
        touch()
        return super().popitem()

    def clear(self) -> None:
        touch()
        super().clear()
