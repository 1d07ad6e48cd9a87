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
