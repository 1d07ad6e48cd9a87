"""``format_document`` (``articlefm fmt``): house style, the same data, stable once applied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixture_files import FIXTURE_FILES, read_text
from hypothesis import given
from strategies import documents

import articlefm
from articlefm import Document


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
def test_a_fixture_file_formatted_holds_the_same_and_formats_to_itself(path: Path) -> None:
    text = read_text(path)
    document = articlefm.loads(text)
    formatted = articlefm.format_document(document)
    again = articlefm.loads(formatted)
    assert (again.meta, again.body) == (document.meta, document.body)
    assert articlefm.format_document(again) == formatted
    assert ("\r\n" in formatted) == ("\r\n" in text)  # line endings kept
    assert formatted.startswith("\ufeff") == text.startswith("\ufeff")


@given(documents())
def test_a_new_documents_text_is_already_in_house_style(document: Document[Any]) -> None:
    text = articlefm.dumps(document)
    assert articlefm.format_document(articlefm.loads(text)) == text
