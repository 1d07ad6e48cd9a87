"""The public API: small, explicit, and every name documented with an example the tests run."""

from __future__ import annotations

import inspect
from types import ModuleType

import pytest

import articlefm
import articlefm.arrow
import articlefm.dask

PUBLIC_MODULES = [articlefm, articlefm.arrow, articlefm.dask]


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda module: module.__name__)
def test_every_public_name_has_a_docstring_with_an_example(module: ModuleType) -> None:
    names = [name for name in module.__all__ if name != "__version__"]
    missing = [name for name in names if ">>>" not in (inspect.getdoc(getattr(module, name)) or "")]
    assert missing == []


def test_all_is_sorted_and_complete() -> None:
    assert articlefm.__all__ == sorted(articlefm.__all__)
    exported = {name for name in dir(articlefm) if not name.startswith("_")}
    submodules = {"arrow", "dask"}  # imported above; `import articlefm` alone imports neither (tests/test_dask.py)
    assert exported - submodules == set(articlefm.__all__) - {"__version__"}
