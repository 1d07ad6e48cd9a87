"""The default bounds on untrusted input, as plain numbers: what :class:`~articlefm.Limits` defaults to.

Apart from ``_limits`` (an attrs class) so that ``articlefm validate``, which always reads with
the defaults, needs no attrs to start (see ``_batch``).
"""

MAX_FRONT_MATTER = 1_048_576  # characters
MAX_DEPTH = 100  # levels of nesting
MAX_VALUES = 100_000  # values after expanding aliases
