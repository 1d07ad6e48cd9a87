"""Functions generated from source text, which tracebacks and debuggers can show.

The loader, the pickler and ``iter_load``'s transfer generate one function per
model class (see :mod:`._compile`, :mod:`._model`, :mod:`._transfer`). Each is
compiled here under a file name of its own, and its source is registered with
:mod:`linecache`, as attrs does for the methods it writes: a traceback through
generated code shows the line that failed, not an empty frame.
"""

from __future__ import annotations

import itertools
import linecache
from typing import Any

_SERIAL = itertools.count(1)


def define(source: str, name: str, label: str, names: dict[str, Any]) -> Any:
    """The function ``name`` that ``source`` defines, with ``names`` as its globals.

    ``label`` says what it is for (``"structure Article"``), in its file name.

    >>> double = define("def double(x):\\n    return 2 * x\\n", "double", "example", {})
    >>> double(21)
    42
    >>> import inspect
    >>> inspect.getsource(double)
    'def double(x):\\n    return 2 * x\\n'
    """
    filename = f"<articlefm generated {label} #{next(_SERIAL)}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)  # no mtime: never checked against a file
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), names, namespace)
    return namespace[name]
