"""What a plain scalar means: YAML 1.2 core types, as ruamel.yaml reads them.

One function decides for every reader, so ``yes``, ``on``, ``010`` or ``1:20``
mean the same on the read path and the write path (strings, except ``010``,
which is the integer 10).
"""

from __future__ import annotations

import datetime as dt
import math
import re

# ruamel.yaml's YAML 1.2 implicit resolvers, except that a number needs a digit: ruamel.yaml
# itself fails on `-_` or `0x_`, which are strings here.
NULLS = frozenset(("", "~", "null", "Null", "NULL"))
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(
    r"[-+]?(?:0b[0-1_]*[0-1][0-1_]*|0o?[0-7_]*[0-7][0-7_]*|[0-9_]*[0-9][0-9_]*|0x[0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*)\Z"
)
_FLOAT = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]*[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))\Z""",
    re.X,
)
_TIMESTAMP = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ ]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ ]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?\Z""",
    re.X,
)
# The timestamps real files write, which datetime.fromisoformat reads as YAML does.
ISO_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[-+][0-9]{2}:[0-9]{2})\Z"
)
MAX_INT_DIGITS = 4300  # Python's own limit for int(str)


class ResolveError(ValueError):
    """A plain scalar looks like a value of some type but is not a valid one."""


Resolved = str | int | float | bool | None | dt.datetime | dt.date


def resolve_plain(text: str) -> Resolved:
    """The value of a plain scalar.

    >>> resolve_plain("38"), resolve_plain("true"), resolve_plain("yes"), resolve_plain("010")
    (38, True, 'yes', 10)
    >>> resolve_plain("2020-06-24T23:48:00Z")
    datetime.datetime(2020, 6, 24, 23, 48, tzinfo=datetime.timezone.utc)
    """
    if text in NULLS:
        return None
    first = text[0]
    if first in "tTfF" and text in BOOLS:
        return BOOLS[text]
    if first in "-+0123456789.":
        # The common forms first, read in C: decimal digits, a timestamp as real files write it.
        if text.isdigit() and text.isascii() and len(text) <= MAX_INT_DIGITS:
            return int(text)
        if ISO_TIMESTAMP.match(text):
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                return parse_timestamp(text)  # 30 February, say: it says what is wrong
        if _INT.match(text):
            return _int(text)
        if _FLOAT.match(text):
            return _float(text)
        if first.isdigit() and (match := _TIMESTAMP.match(text)) and (match["hour"] or len(text) == 10):
            return parse_timestamp(text)
    return str(text)


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("-+")
    if len(digits) > MAX_INT_DIGITS:
        raise ResolveError(f"expected an integer of at most {MAX_INT_DIGITS} digits, found {len(digits)} digits")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".nan"):
        return math.nan
    if lowered.endswith(".inf"):
        return -math.inf if lowered[0] == "-" else math.inf
    return float(lowered)


def parse_timestamp(text: str) -> dt.datetime | dt.date:
    """A YAML timestamp: a date, or a datetime (aware when it names a zone).

    >>> parse_timestamp("2019-12-23T10:08:00-07:00")
    datetime.datetime(2019, 12, 23, 10, 8, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=61200)))
    """
    match = _TIMESTAMP.match(text)
    if match is None or (match["hour"] is None and len(text) != 10):
        raise ResolveError(f"expected a timestamp, found {text!r}")
    parts = match.groupdict()
    try:
        if parts["hour"] is None:
            return dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        digits = parts["fraction"] or ""
        # Round to microseconds by the seventh digit, as ruamel.yaml does.
        microseconds = int(digits[:6].ljust(6, "0")) + (len(digits) > 6 and digits[6] > "4")
        tz: dt.tzinfo | None = None
        if parts["tz"] == "Z":
            tz = dt.UTC
        elif parts["tz"]:
            delta = dt.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
            tz = dt.timezone(-delta if parts["tz_sign"] == "-" else delta)
        return dt.datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"]),
            tzinfo=tz,
        ) + dt.timedelta(microseconds=microseconds)
    except (ValueError, OverflowError) as exc:  # 30 February; rounding past 9999-12-31
        raise ResolveError(f"expected a valid date and time, found {text!r} ({exc})") from None


def format_timestamp(value: dt.datetime) -> str:
    """A datetime as the real files write it: ``Z`` for UTC, no wasted digits.

    >>> format_timestamp(dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.timezone.utc))
    '2020-06-24T23:48:00Z'
    >>> format_timestamp(dt.datetime(2020, 6, 24, 23, 48, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=-7))))
    '2020-06-24T23:48:00.5-07:00'
    """
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.year < 1000:
        text = text.zfill(len(text) + 4 - text.index("-"))
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    if not offset:
        return text + "Z"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
