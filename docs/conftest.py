"""The docs' own code: the griffe extension needs griffe, which the docs extra brings (CI installs it)."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("griffe") else ["_ext/docstrings.py"]
