"""A griffe extension: the library's docstrings, written for doctest and Sphinx roles, as Markdown.

Docstrings in ``src/articlefm`` carry runnable examples (``>>>`` blocks, which the
tests run) and Sphinx roles (:func:`dump`). Markdown would read a ``>>>`` block
as nested quotes and show the roles raw: this turns each example block into a
``pycon`` code block and each role into the name it refers to, as code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|attr|exc|data|obj):`~?\.?([^`]+)`")


def markdown(text: str) -> str:
    """``text`` with doctest blocks fenced and Sphinx roles as code.

    >>> markdown("Use :func:`~._files.dump`:\\n\\n>>> 1 + 1\\n2\\n\\nDone.")
    'Use `dump`:\\n\\n```pycon\\n>>> 1 + 1\\n2\\n```\\n\\nDone.'
    """
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return _ROLE.sub(lambda match: f"`{match.group(1).removeprefix('._').split('.')[-1]}`", "\n".join(out))


class DoctestDocstrings(griffe.Extension):
    """Rewrites every docstring with :func:`markdown` as griffe loads it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
