"""The ``secured`` token: opaque, kept as written, never printed."""

from __future__ import annotations

import binascii
from typing import Any

__all__ = ["Secured"]


def _decode(part: str, name: str) -> bytes:
    if not part:
        raise ValueError(f"expected base64 text in the {name}, found nothing")
    try:
        # Strict: the standard alphabet, correct padding, nothing else (no whitespace, no excess).
        return binascii.a2b_base64(part, strict_mode=True)
    except ValueError:  # binascii.Error, or non-ASCII text; the message never quotes the token
        what = "whitespace" if any(c.isspace() for c in part) else "characters or padding that are not base64"
        raise ValueError(f"expected standard base64 in the {name}, found {what}") from None


class Secured:
    """An opaque ``"<payload>;<iv>"`` token produced upstream.

    ``str()`` gives the exact text, ``payload`` and ``iv`` the decoded bytes;
    ``repr()`` and error messages never show the token, since it ends up in logs.

    >>> token = Secured("AAAAAAAAAAAAAAAAAAAAAA==;AAAAAAAAAAAAAAAAAAAAAA==")
    >>> token
    Secured(<49 characters>)
    >>> len(token.payload), len(token.iv)
    (16, 16)
    >>> Secured("not a token")
    Traceback (most recent call last):
    ...
    ValueError: expected '<payload>;<iv>', found no ';'
    """

    __slots__ = ("_text",)
    _text: str

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError(f"expected a '<payload>;<iv>' string, found {type(text).__name__}")
        self._parts(text)
        object.__setattr__(self, "_text", text)  # not through __setattr__'s check: one is made per article loaded

    @staticmethod
    def _parts(text: str) -> tuple[bytes, bytes]:
        if text.count(";") != 1:
            found = "no ';'" if ";" not in text else f"{text.count(';')} ';'"
            raise ValueError(f"expected '<payload>;<iv>', found {found}")
        payload_text, iv_text = text.split(";")
        payload = _decode(payload_text, "payload")
        iv = _decode(iv_text, "iv")
        if len(iv) != 16:
            raise ValueError(f"expected the iv to decode to 16 bytes, found {len(iv)}")
        if not payload or len(payload) % 16:
            raise ValueError(
                f"expected the payload to decode to a non-empty multiple of 16 bytes, found {len(payload)}"
            )
        return payload, iv

    @property
    def payload(self) -> bytes:
        """The decoded payload bytes."""
        return self._parts(self._text)[0]

    @property
    def iv(self) -> bytes:
        """The decoded initialisation vector, 16 bytes."""
        return self._parts(self._text)[1]

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Secured(<{len(self._text)} characters>)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secured) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_text"):
            raise AttributeError("Secured is immutable")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (_restore, (self._text,))


def _restore(text: str) -> Secured:
    """A token from a pickle of a valid one: not checked again."""
    token = object.__new__(Secured)
    object.__setattr__(token, "_text", text)
    return token
