"""docs/format.md is generated from the model (docs/gen_format.py): it must be what the model says now."""

from __future__ import annotations

from fixture_files import FIXTURES, repository_module


def test_the_format_page_is_what_the_model_says() -> None:
    committed = (FIXTURES.parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    expected = repository_module("docs/gen_format.py").page()
    assert committed == expected, "docs/format.md is out of date: run python docs/gen_format.py"
