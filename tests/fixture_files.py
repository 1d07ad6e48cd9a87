"""The fixture files the suites read: the sample article and the real corpus (see fixtures/corpus/README.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "boston-facial-recognition.md"
CORPUS_FILES = sorted(path for path in (FIXTURES / "corpus").rglob("*.md") if path.name != "README.md")
FIXTURE_FILES = [SAMPLE, *CORPUS_FILES]


def read_text(path: Path) -> str:
    """The file's text, line endings as they are (CRLF is kept)."""
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()


def repository_module(relative: str) -> ModuleType:
    """A script of the repository's outside the package (``benchmarks/chart.py``), loaded as a module."""
    path = FIXTURES.parent.parent / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
