"""Hypothesis profiles: a quick default run, a thorough one on request.

``HYPOTHESIS_PROFILE=thorough python -m pytest`` runs every property test with
many more examples.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
