"""The default hypothesis profile draws the same examples however much of the suite runs (see conftest.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers

import articlefm._cli
import articlefm._write  # noqa: F401 - modules full of literals Hypothesis would draw from


@pytest.mark.skipif(not settings().derandomize, reason="the randomized profile may draw the project's literals")
@pytest.mark.skipif(not hasattr(providers, "_get_local_constants"), reason="this Hypothesis draws no such literals")
def test_the_default_profile_draws_no_literal_from_the_projects_modules() -> None:
    drawn: list[str] = []

    @given(st.text())
    def draw(text: str) -> None:
        drawn.append(text)

    draw()
    assert drawn
    pool = providers._get_local_constants()
    assert (len(pool.strings), len(pool.integers), len(pool.floats), len(pool.bytes)) == (0, 0, 0, 0)
