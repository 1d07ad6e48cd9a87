"""Generated code is debuggable: a traceback through it shows the generated line that failed.

The loader's structurers (_compile), the models' pickling (_model) and iter_load's transfer (_transfer) are
generated per class; each is registered with linecache under a file name of its own.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import pytest

from articlefm import Article, Provider
from articlefm._compile import compiled
from articlefm._model import _restorer
from articlefm._transfer import _unpacker


def generated_frames(call: Callable[[], object], label: str) -> list[traceback.FrameSummary]:
    """The frames of generated code (``label`` in its file name) in the traceback of what ``call`` raises."""
    with pytest.raises(Exception) as raised:  # noqa: PT011 - any failure inside the generated code will do
        call()
    frames = traceback.extract_tb(raised.value.__traceback__)
    return [frame for frame in frames if frame.filename.startswith(f"<articlefm generated {label} #")]


def structure_without_category() -> object:
    structure = compiled(Article, False)
    assert structure is not None
    return structure({"title": "x"})


@pytest.mark.parametrize(
    ("call", "label", "line"),
    [
        (structure_without_category, "structure Article", "v = o['category']"),
        (lambda: _restorer(Provider)(("only one value",)), "restore Provider", "= values"),
        (lambda: _unpacker(Provider)(()), "unpack Provider", "= values"),
    ],
    ids=["structure", "restore", "unpack"],
)
def test_a_traceback_through_generated_code_shows_its_source_line(
    call: Callable[[], Any], label: str, line: str
) -> None:
    frames = generated_frames(call, label)
    assert len(frames) == 1
    assert frames[0].line is not None
    assert line in frames[0].line
