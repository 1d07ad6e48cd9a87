"""docs/format.md is generated from the model (docs/gen_format.py): it must be what the model says now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_format_page_is_what_the_model_says() -> None:
    spec = importlib.util.spec_from_file_location("gen_format", ROOT / "docs" / "gen_format.py")
    assert spec is not None
    assert spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == generator.page(), "docs/format.md is out of date: run python docs/gen_format.py"
