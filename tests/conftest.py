"""Hypothesis profiles: a deterministic default run, a randomized thorough one on request.

The default profile (what CI and the README's test command run) is derandomized
and keeps no example database: the same commit draws the same examples on every
machine, so a run that is green once is green for everyone.
``HYPOTHESIS_PROFILE=thorough python -m pytest`` draws new, random examples
and many more of them; a failure prints the example and how to reproduce it.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

if settings().derandomize:
    # Hypothesis also draws literals it finds in the project's loaded modules (not in tests), so a test would
    # draw other examples alone than in the whole suite, which has loaded more of them (and modules the tests
    # write): the default profile draws none. (A private name: versions before 6.131 have no such pool.)
    from hypothesis.internal.conjecture import providers

    if hasattr(providers, "_get_local_constants"):
        providers._get_local_constants = lambda: providers._local_constants  # (empty, as nothing adds to it)
