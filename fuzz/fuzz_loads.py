#!/usr/bin/env python3
"""Coverage-guided fuzzing of ``articlefm.loads`` and of editing what it accepts (atheris).

The property: any bytes give a ``Document`` or an ``articlefm.ArticleError``, never another exception or a hang,
and an accepted document is written back as the input decoded as UTF-8 (a BOM kept as ``"\\ufeff"``). It is
checked three ways: bytes with the article schema, text with ``schema=None``, bytes with ``strict=True``.

Second target, on every accepted document: one scalar field is set through the API (which field and to what is
read from the document's body, opaque text the fuzzer mutates freely) and ``dumps`` must either give text that
loads back as the edited document or raise ``ValueError`` (``ArticleError`` is one); a value the model refuses on
assignment is skipped.

    python fuzz/fuzz_loads.py -max_total_time=40      # see fuzz/README.md

With no corpus folder on the command line, the fixture files are copied into a temporary folder that is used as
the corpus. ``-dict=fuzz/yaml.dict``, ``-timeout=5`` (a hang is a crash) and ``-artifact_prefix=fuzz/crashes/``
are added unless given.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import atheris  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "tests" / "fixtures"

# Let str method comparisons (startswith, endswith) guide the fuzzer. (The "RegEx" hook is not used: its pattern
# proxy does not take the ``pos`` argument of ``Pattern.match``, which articlefm uses.)
atheris.enabled_hooks.add("str")
with atheris.instrument_imports(include=["articlefm"]):
    import articlefm

VARIANTS: tuple[tuple[bool, dict[str, Any]], ...] = (
    (True, {}),  # (pass bytes?, options)
    (False, {"schema": None}),
    (True, {"strict": True}),
)


def check_loads(data: bytes) -> None:
    """The property for one input, in every variant; raises on a violation."""
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    for as_bytes, options in VARIANTS:
        source = data if as_bytes else text
        if source is None:
            continue
        try:
            doc = articlefm.loads(source, **options)
        except articlefm.ArticleError:
            continue
        written = articlefm.dumps(doc)
        if written != text:
            raise AssertionError(f"dumps(loads(data, **{options})) is not the input:\n{written!r}\n!=\n{text!r}")
        check_edit(doc, options)


def fuzz_one_input(data: bytes) -> None:
    try:
        check_loads(data)
    except BaseException:
        # atheris reports the crash while exiting; libFuzzer's repeating -timeout alarm must not kill it first
        # (that ends the run with signal 14 and no crash file).
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise


def check_edit(doc: articlefm.Document[Any], options: dict[str, Any]) -> None:
    """Set one field to a value chosen by the body's bytes; dumps must be faithful or raise ValueError."""
    fdp = atheris.FuzzedDataProvider(doc.body.encode("utf-8"))
    meta = doc.meta
    try:
        if isinstance(meta, dict):
            keys = [*meta, "added"]
            meta[keys[fdp.ConsumeIntInRange(0, len(keys) - 1)]] = _value(fdp, fdp.ConsumeIntInRange(0, 3))
        else:
            target, name, kind = EDITS[fdp.ConsumeIntInRange(0, len(EDITS) - 1)]
            value = _value(fdp, kind)
            owner = meta.provider if target == "provider" else meta
            if name == "topics":
                owner.topics.append(value)  # lists are plain lists: no check on append
            else:
                setattr(owner, name, value)
    except ValueError:
        return  # the model refused the value
    try:
        written = articlefm.dumps(doc)
    except ValueError:
        return  # documented: an invalid model is not written
    again = articlefm.loads(written, **options)
    if again != doc:
        raise AssertionError(f"the edited document reads back differently:\n{again!r}\n!=\n{doc!r}\n{written!r}")


# (object, attribute, kind of value): kinds 0 str, 1 int, 2 bool, 3 None, 4 URL, 5 datetime.
EDITS = (
    ("article", "title", 0),
    ("article", "category", 0),
    ("article", "excerpt", 0),
    ("article", "type", 0),
    ("article", "quality", 1),
    ("article", "heat", 1),
    ("article", "published", 2),
    ("article", "excerpt", 3),
    ("article", "web_url", 4),
    ("article", "original_url", 4),
    ("article", "published_date_time", 5),
    ("article", "topics", 0),
    ("provider", "name", 0),
    ("provider", "domain", 0),
)


def _value(fdp: Any, kind: int) -> Any:
    if kind == 1:
        return fdp.ConsumeIntInRange(-2, 2**40)
    if kind == 2:
        return fdp.ConsumeBool()
    if kind == 3:
        return None
    if kind == 5:
        offset = dt.timedelta(minutes=fdp.ConsumeIntInRange(-1439, 1439))
        return dt.datetime(2020, 1, 1, tzinfo=dt.timezone(offset)) + dt.timedelta(
            microseconds=fdp.ConsumeIntInRange(0, 10**15)
        )
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 48))
    return "https://" + text if kind == 4 else text


# A line-aware mutator: half the time libFuzzer's own mutations (which use the dictionary), else one edit of
# whole lines, the unit YAML block structure is made of, or of one line's key or value.
SNIPPETS = (
    b"[a, {b: c}]", b"{}", b"[]", b"|\n  x\n", b">-\n  y\n", b"&a x", b"*a", b"!!str 1", b"'q''s'", b'"\\u00e9"',
    b"? k\n: v", b"- - x", b"- ", b"null", b"~", b"true", b"1_0", b"0x_", b"-_", b"._", b"0o7", b"+.5", b".nan",
    b"2020-01-01", b"2020-1-1 1:00:00 +9", b"9999-12-31T23:59:59.9999999Z", b"0000-01-01T00:00:00Z", b"# c", b"---",
    b"...", b"<<", b"x: y", b'"', b"'",
)  # fmt: skip


def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = data.splitlines(keepends=True)
    if len(lines) < 2 or rng.random() < 0.5:
        return bytes(atheris.Mutate(data, max_size))
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(6)
    if op == 0:
        lines.insert(j, lines[i])  # duplicate a line
    elif op == 1:
        lines[i], lines[j] = lines[j], lines[i]  # swap two lines
    elif op == 2:
        del lines[i]
    elif op == 3:
        lines[i] = b" " * rng.choice((1, 2, 4)) + lines[i] if rng.random() < 0.5 else lines[i].lstrip(b" ")
    else:
        key, colon, value = lines[i].partition(b": ")
        indent = key[: len(key) - len(key.lstrip(b" -"))]
        if op == 4 or not colon:  # the value becomes one of another YAML kind
            lines[i] = key.rstrip(b"\r\n") + b": " + rng.choice(SNIPPETS) + b"\n"
        else:  # the key does
            lines[i] = indent + rng.choice(SNIPPETS) + b": " + value
    return b"".join(lines)[:max_size]


def main() -> None:
    argv = list(sys.argv)
    flags = {arg.split("=", 1)[0] for arg in argv[1:] if arg.startswith("-")}
    defaults = {"-dict": HERE / "yaml.dict", "-timeout": 5, "-artifact_prefix": f"{HERE / 'crashes'}{os.sep}"}
    argv += [f"{flag}={value}" for flag, value in defaults.items() if flag not in flags]
    (HERE / "crashes").mkdir(exist_ok=True)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        # No corpus folder given: work on a temporary copy of the fixtures.
        corpus = tempfile.mkdtemp(prefix="articlefm-fuzz-")
        for index, path in enumerate(sorted(FIXTURES.rglob("*.md"))):
            shutil.copy(path, Path(corpus) / f"{index:03d}-{path.name}")
        argv.append(corpus)
    atheris.Setup(argv, fuzz_one_input, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
