"""Round trip: an unmodified document is written back byte for byte.

Every fixture file is a case, and so is every hand-made variant of it: CRLF line
endings, a byte order mark, comments, unknown keys, another key order, other
quoting styles, escapes, block scalars, flow collections, anchors and aliases,
extra blank lines, bodies holding ``---`` lines, files without a final newline.
Each variant also checks that it reads as the data it was made to hold, with the
article schema and with ``schema=None`` (which must agree with ruamel.yaml).
A hypothesis test does the same for generated YAML block mappings, and another
holds the framing (where the front matter and the body start) to its rule read
line by line.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import itertools
import json
import random
import re
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from fixture_files import FIXTURE_FILES, read_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

import articlefm
from articlefm import Article, ArticleError, Document
from articlefm._framing import bounds

PATHS = FIXTURE_FILES
TEXTS: dict[str, str] = {path.name: read_text(path) for path in PATHS}
NAMES = list(TEXTS)


# --- helpers ------------------------------------------------------------------------------------------------------


def split_file(text: str) -> tuple[str, str]:
    """Front matter and body of a fixture-shaped text (``\\n`` line endings, no BOM)."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3)
    return text[4 : end + 1], text[end + 5 :]


def join_file(front_matter: str, body: str) -> str:
    return "---\n" + front_matter + "---\n" + body


def framing_by_lines(text: str) -> tuple[str, int, int, int] | None:
    """The framing rule read line by line, independently of the library: ``bounds``' result, or None where it
    must raise.

    A delimiter line is ``---`` and any CRs, then its line feed or the text's end; a BOM may come first.
    """
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    opening = lines[0].removeprefix("\ufeff")
    if len(lines) == 1 or not re.fullmatch("---\r*", opening):
        return None
    closing = next((number for number in range(1, len(lines)) if re.fullmatch("---\r*", lines[number])), None)
    if closing is None:
        return None
    newline = "\r\n" if opening.endswith("\r") else "\n"
    return newline, starts[1], starts[closing], min(starts[closing] + len(lines[closing]) + 1, len(text))


def front_matter_of(text: str) -> str:
    """The front matter of any file text (BOM, CRLF, no final newline), found independently of the library."""
    framing = framing_by_lines(text)
    assert framing is not None, "no front matter"
    return text[framing[1] : framing[2]]


def canon(value: object) -> object:
    """A type-strict, comparable form of loaded data (bool is not int, offsets count, key order counts)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", repr(float(value)))
    if isinstance(value, dt.datetime):
        return ("datetime", value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, dt.date):
        return ("date", value)
    if isinstance(value, str):
        return ("str", str(value))
    if value is None:
        return ("null",)
    if isinstance(value, list):
        return ("list", [canon(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(canon(key), canon(item)) for key, item in value.items()])
    raise TypeError(f"unexpected {type(value).__name__} in loaded data")


def ruamel_data(front_matter: str) -> Any:
    return YAML(typ="safe").load(front_matter)


def ruamel_front_matter(front_matter: str) -> Any:
    """ruamel.yaml's reading of a front matter; an empty one (null in YAML) is an empty mapping in articlefm."""
    data = ruamel_data(front_matter)
    return {} if data is None else data


def expected_text(source: str | bytes) -> str:
    return source.decode("utf-8") if isinstance(source, bytes) else source


def assert_round_trip(source: str | bytes) -> tuple[Document[Article], Document[dict[str, Any]]]:
    """``dumps(loads(source)) == source`` with the article schema and with ``schema=None``.

    Also: the ``schema=None`` data equal ruamel.yaml's, and what was written loads back equal.
    """
    text = expected_text(source)
    article = articlefm.loads(source)
    assert articlefm.dumps(article) == text
    data = articlefm.loads(source, schema=None)
    assert articlefm.dumps(data) == text
    assert canon(data.meta) == canon(ruamel_front_matter(front_matter_of(text)))
    assert articlefm.loads(text).meta == article.meta
    return article, data


def original(name: str) -> tuple[Document[Article], Document[dict[str, Any]]]:
    text = TEXTS[name]
    return articlefm.loads(text), articlefm.loads(text, schema=None)


@functools.cache
def plain_safe(value: str) -> bool:
    """Whether ``value`` written plain in block context reads back as this very string."""
    if not value or value != value.strip() or value[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in value or " #" in value or value.endswith(":") or any(not c.isprintable() for c in value):
        return False
    try:
        return bool(ruamel_data("k: " + value) == {"k": value})
    except YAMLError:
        return False


def double_quoted(value: str) -> str:
    """A JSON string is a valid YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def sections(front_matter: str) -> Iterator[tuple[str, str]]:
    """Each line (with its newline) and the top-level key whose entry it belongs to."""
    section = ""
    for line in front_matter.splitlines(keepends=True):
        if line[:1].isalpha():
            section = line.split(":", 1)[0]
        yield section, line


_DOUBLE_LINE = re.compile(r'(?P<prefix> *(?:- )?[A-Za-z]+: )"(?P<body>(?:[^"\\]|\\.)*)"\n')


# --- unmodified fixtures ------------------------------------------------------------------------------------------


def test_every_fixture_is_collected() -> None:
    assert len(PATHS) == 147
    assert len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_fixture_round_trips(name: str) -> None:
    assert_round_trip(TEXTS[name])


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_fixture_bytes_round_trip(name: str) -> None:
    assert_round_trip(TEXTS[name].encode("utf-8"))


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_same_data_every_way(name: str) -> None:
    text = TEXTS[name]
    doc = articlefm.loads(text)
    again = articlefm.loads(articlefm.dumps(doc))
    assert again.meta == doc.meta
    assert again.body == doc.body
    from_bytes = articlefm.loads(text.encode("utf-8"))
    assert from_bytes.meta == doc.meta
    assert from_bytes.body == doc.body
    data = articlefm.loads(text, schema=None)
    assert canon(articlefm.loads(text.encode("utf-8"), schema=None).meta) == canon(data.meta)
    assert canon(articlefm.loads(articlefm.dumps(data), schema=None).meta) == canon(data.meta)


# --- variants -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_crlf(name: str) -> None:
    text = TEXTS[name].replace("\n", "\r\n")
    article, data = assert_round_trip(text)
    plain_article, plain_data = original(name)
    assert article.meta == plain_article.meta
    assert canon(data.meta) == canon(plain_data.meta)
    assert article.body == plain_article.body.replace("\n", "\r\n")


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_bom(name: str, crlf: bool) -> None:
    text = TEXTS[name].replace("\n", "\r\n") if crlf else TEXTS[name]
    source = b"\xef\xbb\xbf" + text.encode("utf-8")
    article, _ = assert_round_trip(source)
    assert articlefm.dumps(article).startswith("\ufeff---")
    assert article.meta == original(name)[0].meta


def add_comments(front_matter: str) -> str:
    out = ["# a comment before the first key\n"]
    for section, line in sections(front_matter):
        content = line.rstrip("\n")
        if not content.strip():
            out.append(line)
            continue
        indent = len(content) - len(content.lstrip(" "))
        if indent == 0:
            out.append(f"# about {section}: it's 'quoted' \"here\" # too\n")
        out.append(content + "  # trailing comment: ok #2\n")
        if content.lstrip(" ").startswith("- "):
            out.append(" " * indent + "# a comment inside a list\n")
            out.append(" " * (indent + 6) + "# a deeper one\n")
    out.append("# a comment after the last key\n")
    return "".join(out)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_comments_anywhere(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    text = join_file(add_comments(front_matter), body)
    assert text.count("#") > front_matter.count("#") + 10
    article, data = assert_round_trip(text)
    plain_article, plain_data = original(name)
    assert article.meta == plain_article.meta
    assert canon(data.meta) == canon(plain_data.meta)


def add_unknown_keys(front_matter: str) -> str:
    out = []
    for section, line in sections(front_matter):
        out.append(line)
        if line.startswith("type: "):
            out.append("tags:\n  - alpha\n  - beta\nlocale: en-US\n")
        elif section == "provider" and line.startswith("  domain: "):
            out.append("  country: US\n")
        elif section == "provider" and line.startswith("      width: "):
            out.append("      attribution: logo\n")
        elif section == "images" and line.startswith("    width: "):
            out.append('    attribution: "Photo: someone"\n')
        elif section == "related" and line.startswith("    type: "):
            out.append("    path: /news/x\n")
        elif section == "related" and line.startswith("      domain: "):
            out.append("      country: UK\n")
        elif section == "related" and line.startswith("        width: "):
            out.append("        attribution: 7\n")
    out.append("seo:\n  score: 3\n  title: 'Seo title'\nupdatedDateTime: 2021-01-01T10:00:00-05:00\n")
    return "".join(out)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_unknown_keys_kept_and_visible(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    text = join_file(add_unknown_keys(front_matter), body)
    article, _ = assert_round_trip(text)
    expected = copy.deepcopy(original(name)[0].meta)
    expected.extra = {
        "tags": ["alpha", "beta"],
        "locale": "en-US",
        "seo": {"score": 3, "title": "Seo title"},
        "updatedDateTime": dt.datetime(2021, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    }
    expected.provider.extra = {"country": "US"}
    for image in expected.provider.images:
        image.extra = {"attribution": "logo"}
    for image in expected.images:
        image.extra = {"attribution": "Photo: someone"}
    for item in expected.related:
        item.extra = {"path": "/news/x"}
        item.provider.extra = {"country": "UK"}
        for image in item.images:
            image.extra = {"attribution": 7}
    meta = article.meta
    assert meta == expected
    assert list(meta.extra) == ["tags", "locale", "seo", "updatedDateTime"]
    assert meta.extra["updatedDateTime"].utcoffset() == dt.timedelta(hours=-5)
    assert meta.provider.extra == {"country": "US"}
    assert all(image.extra == {"attribution": "Photo: someone"} for image in meta.images)
    assert all(item.extra == {"path": "/news/x"} for item in meta.related)
    with pytest.raises(ArticleError, match="unknown key"):
        articlefm.loads(text, strict=True)


def top_level_blocks(front_matter: str) -> list[str]:
    blocks: list[str] = []
    for line in front_matter.splitlines(keepends=True):
        if line[:1].isalpha() or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += line
    return blocks


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_any_key_order(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    blocks = top_level_blocks(front_matter)
    shuffled = blocks[:]
    rng = random.Random(f"key order {name}")
    while shuffled == blocks:
        rng.shuffle(shuffled)
    text = join_file("".join(shuffled), body)
    article, data = assert_round_trip(text)
    plain_article, plain_data = original(name)
    assert article.meta == plain_article.meta
    assert list(data.meta) != list(plain_data.meta)
    assert data.meta == plain_data.meta


def requote(front_matter: str, style: str) -> str:
    """Double-quoted scalars without escapes rewritten single-quoted, plain, or a mix of the three."""
    out = []
    for number, line in enumerate(front_matter.splitlines(keepends=True)):
        match = _DOUBLE_LINE.fullmatch(line)
        if match is None or "\\" in match["body"]:
            out.append(line)
            continue
        prefix, value = match["prefix"], match["body"]
        chosen = style if style != "mixed" else ("double", "single", "plain")[number % 3]
        if chosen == "single":
            line = f"{prefix}'{value.replace(chr(39), chr(39) * 2)}'\n"
        elif chosen == "plain" and plain_safe(value):
            line = f"{prefix}{value}\n"
        out.append(line)
    return "".join(out)


STRING_KEYS = frozenset(
    ("category", "type", "name", "domain", "url", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "originalUrl", "title")
)
_PLAIN_LINE = re.compile(r"(?P<prefix> *(?:- )?(?P<key>[A-Za-z]+): )(?P<body>[^\"'\s].*)\n")


def double_quote_plain_strings(front_matter: str) -> str:
    out = []
    for section, line in sections(front_matter):
        match = _PLAIN_LINE.fullmatch(line)
        if match is not None and match["key"] in STRING_KEYS:
            line = match["prefix"] + double_quoted(match["body"]) + "\n"
        elif section == "topics" and line.startswith("  - ") and line[4] not in "\"'":
            line = "  - " + double_quoted(line[4:-1]) + "\n"
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize("style", ["single", "plain", "mixed", "double"])
@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_quoting_styles(name: str, style: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    changed = double_quote_plain_strings(front_matter) if style == "double" else requote(front_matter, style)
    assert changed != front_matter
    article, data = assert_round_trip(join_file(changed, body))
    plain_article, plain_data = original(name)
    assert article.meta == plain_article.meta
    assert canon(data.meta) == canon(plain_data.meta)


def _escape_non_ascii(match: re.Match[str]) -> str:
    char = match.group()
    return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"


def escape_unicode(front_matter: str) -> str:
    out = []
    for line in front_matter.splitlines(keepends=True):
        match = _DOUBLE_LINE.fullmatch(line)
        if match is not None:
            escaped = re.sub(r"[^\x00-\x7f]", _escape_non_ascii, match["body"])
            if line.startswith("title: "):
                escaped += r"\u2019\x21\U0001F600\/\_"
            line = f'{match["prefix"]}"{escaped}"\n'
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_unicode_escapes(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    changed = escape_unicode(front_matter)
    article, data = assert_round_trip(join_file(changed, body))
    expected = copy.deepcopy(original(name)[0].meta)
    expected.title += "\u2019!\U0001f600/\xa0"
    assert article.meta == expected
    assert data.meta["title"] == expected.title
    if "\u2019" in (expected.excerpt or ""):
        assert "\\u2019" in changed
        assert article.meta.excerpt is not None
        assert "\u2019" in article.meta.excerpt


def _block_ok(value: str | None) -> bool:
    if not value:
        return False
    return not value.endswith("\n") and all(c.isprintable() or c in "\n\t" for c in value)


def block_scalar(value: str, header: str, indent: int) -> str:
    """``header`` and the content lines of a block scalar holding ``value`` (before chomping)."""
    if header.startswith(">"):
        words = value.split(" ")
        lines = [words[0]]
        for word in words[1:]:
            if len(lines[-1]) + 1 + len(word) > 40:
                lines.append(word)
            else:
                lines[-1] += " " + word
    else:
        lines = value.split("\n")
    if lines[0].startswith(" "):
        header = header[0] + "2" + header[1:]
    pad = " " * indent
    return header + "\n" + "".join((pad + line if line else "") + "\n" for line in lines)


BLOCK_STYLES = {"literal-clip": "|", "literal-strip": "|-", "folded-strip": ">-", "folded-clip": ">"}


def _block_cases() -> list[Any]:
    cases = []
    for name in NAMES:
        meta = original(name)[0].meta
        for style, header in BLOCK_STYLES.items():
            if not _block_ok(meta.excerpt):
                continue
            excerpt = meta.excerpt or ""
            foldable = excerpt == excerpt.strip() and not re.search(r"\n|\t|  ", excerpt)
            if header.startswith(">") and not foldable:
                continue
            cases.append(pytest.param(name, style, id=f"{name}-{style}"))
    return cases


@pytest.mark.parametrize(("name", "style"), _block_cases())
def test_block_scalars(name: str, style: str) -> None:
    header = BLOCK_STYLES[style]
    front_matter, body = split_file(TEXTS[name])
    meta = original(name)[0].meta
    excerpt = meta.excerpt or ""
    lines = front_matter.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith("excerpt: ")]
    lines[index] = "excerpt: " + block_scalar(excerpt, header, 2)
    related_excerpt = meta.related[0].excerpt if meta.related else None
    if _block_ok(related_excerpt) and "\n" not in (related_excerpt or ""):
        first = next(i for i, line in enumerate(lines) if line.startswith("    excerpt: "))
        lines[first] = "    excerpt: " + block_scalar(related_excerpt or "", "|-", 6)
    article, data = assert_round_trip(join_file("".join(lines), body))
    expected = copy.deepcopy(meta)
    expected.excerpt = excerpt if header.endswith("-") else excerpt + "\n"
    assert article.meta.excerpt == expected.excerpt
    assert article.meta == expected
    assert data.meta["excerpt"] == expected.excerpt


def flow(value: Any) -> str:
    """A value in flow style, strings double-quoted.

    (ruamel.yaml refuses a ``:`` inside a plain scalar in flow context, so no timestamps here.)
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    return double_quoted(value)


def timestamp_or_flow(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    return flow(value)


def flow_topic(topic: str) -> str:
    if plain_safe(topic) and not re.search(r"[,\[\]{}:#]", topic):
        return topic
    return double_quoted(topic)


def replace_block(front_matter: str, key: str, new_entry: str) -> str:
    blocks = top_level_blocks(front_matter)
    (index,) = [i for i, block in enumerate(blocks) if block.startswith(key + ":")]
    trailing = len(blocks[index]) - len(blocks[index].rstrip("\n")) - 1
    blocks[index] = new_entry + "\n" * trailing
    return "".join(blocks)


def _flow_cases() -> list[Any]:
    cases = []
    for name in NAMES:
        data = original(name)[1].meta
        for kind in ("topics", "topics-multiline", "provider", "images", "related"):
            if kind.split("-")[0] in data:
                cases.append(pytest.param(name, kind, id=f"{name}-{kind}"))
    return cases


@pytest.mark.parametrize(("name", "kind"), _flow_cases())
def test_flow_collections(name: str, kind: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    data = original(name)[1].meta
    key = kind.split("-")[0]
    if kind == "topics":
        entry = "topics: [" + ", ".join(flow_topic(topic) for topic in data["topics"]) + "]\n"
    elif kind == "topics-multiline":
        entry = "topics: [\n" + "".join(f"    {flow_topic(topic)},\n" for topic in data["topics"]) + "  ]\n"
    elif kind == "related":  # block items whose values are all in flow style, timestamps plain
        entry = "related:\n" + "".join(
            "".join(
                ("  - " if number == 0 else "    ") + f"{field}: {timestamp_or_flow(value)}\n"
                for number, (field, value) in enumerate(item.items())
            )
            for item in data["related"]
        )
    else:
        entry = f"{key}: {flow(data[key])}\n"
    changed = replace_block(front_matter, key, entry)
    article, loaded = assert_round_trip(join_file(changed, body))
    assert article.meta == original(name)[0].meta
    assert loaded.meta == data


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_anchors_and_aliases(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    out = []
    in_related_provider = False
    replaced = False
    for section, line in sections(front_matter):
        if line == "provider:\n":
            line = "provider: &p\n"
        elif line.startswith("category: "):
            line = "category: &cat " + line[len("category: ") :]
        elif section == "related" and line == "    provider:\n" and not replaced:
            line = "    provider: *p\n"
            in_related_provider = replaced = True
        elif in_related_provider and line.startswith("      "):
            continue
        else:
            in_related_provider = False
        out.append(line)
    out.append("sameProvider: *p\nsection: *cat\n")
    text = join_file("".join(out), body)
    article, data = assert_round_trip(text)

    plain_article, plain_data = original(name)
    expected = copy.deepcopy(plain_article.meta)
    expected_data = copy.deepcopy(plain_data.meta)
    if expected.related:
        assert replaced
        expected.related[0].provider = copy.deepcopy(expected.provider)
        expected_data["related"][0]["provider"] = expected_data["provider"]
    expected.extra = {"sameProvider": expected_data["provider"], "section": expected_data["category"]}
    expected_data["sameProvider"] = expected_data["provider"]
    expected_data["section"] = expected_data["category"]
    assert article.meta == expected
    assert canon(data.meta) == canon(expected_data)
    # Aliases are expanded into copies: changing one value does not change the other.
    assert data.meta["sameProvider"] is not data.meta["provider"]
    if article.meta.related:
        assert article.meta.related[0].provider is not article.meta.provider


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_extra_blank_lines(name: str) -> None:
    front_matter, body = split_file(TEXTS[name])
    out = ["\n", "  \n"]
    for number, line in enumerate(front_matter.splitlines(keepends=True)):
        out.append(line)
        out.append("\n" if number % 2 else " " * (number % 7) + "\n")
    text = join_file("".join(out), body)
    article, data = assert_round_trip(text)
    plain_article, plain_data = original(name)
    assert article.meta == plain_article.meta
    assert canon(data.meta) == canon(plain_data.meta)


BODIES = {
    "rule": "\n---\n",
    "rules": "\nIntro\n\n---\n\nMore text\n---\n---\n",
    "starts-with-rule": "---\nafter a rule\n",
    "front-matter-like": "---\ntitle: not front matter\n---\n",
    "spaced-rule": "--- \n ---\n----\n",
}


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_body_with_rules(name: str) -> None:
    front_matter, _ = split_file(TEXTS[name])
    for body in BODIES.values():
        text = join_file(front_matter, body)
        for source in (text, text.replace("\n", "\r\n")):
            article, data = assert_round_trip(source)
            assert article.body == expected_body(source)
            assert article.body == (body if source is text else body.replace("\n", "\r\n"))
            assert data.body == article.body
            assert article.meta == original(name)[0].meta


def expected_body(text: str) -> str:
    """What follows the first closing ``---`` line, found independently."""
    framing = framing_by_lines(text)
    assert framing is not None, "no front matter"
    return text[framing[3] :]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_no_final_newline(name: str, newline: str) -> None:
    front_matter, _ = split_file(TEXTS[name])
    head = ("---\n" + front_matter).replace("\n", newline)
    ends_at_delimiter = head + "---"
    article, _ = assert_round_trip(ends_at_delimiter)
    assert article.body == ""
    body_without_newline = head + "---" + newline + "A body" + newline + "without a final newline"
    article, data = assert_round_trip(body_without_newline)
    assert article.body == "A body" + newline + "without a final newline"
    assert data.body == article.body
    empty_body = head + "---" + newline
    article, _ = assert_round_trip(empty_body)
    assert article.body == ""
    assert article.meta == original(name)[0].meta


# Lines that are a delimiter and lines that almost are.
_FRAMING_LINES = ["---", "---\r", "---\r\r", "----", " ---", "--- a", "---a", "-- -", "a", "", "\r", "\ufeff---"]


@given(st.lists(st.sampled_from(_FRAMING_LINES), min_size=1, max_size=8), st.booleans(), st.booleans(), st.booleans())
def test_framing_agrees_with_the_rule_read_line_by_line(
    lines: list[str], opened: bool, bom: bool, final_newline: bool
) -> None:
    if opened:  # most texts open as a file does, so that what follows is looked at
        lines = [lines[0] if lines[0].startswith("---") else "---", *lines[1:]]
    text = ("\ufeff" if bom else "") + "\n".join(lines) + ("\n" if final_newline else "")
    expected = framing_by_lines(text)
    if expected is None:
        with pytest.raises(ArticleError):
            bounds(text, "a.md")
    else:
        assert bounds(text, "a.md") == expected


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_everything_at_once(name: str) -> None:
    """Comments, unknown keys, blank lines, another quoting, CRLF and a BOM together."""
    front_matter, body = split_file(TEXTS[name])
    changed = add_comments(add_unknown_keys(requote(front_matter, "mixed")))
    changed = "".join(line + ("\n" if i % 3 == 0 else "") for i, line in enumerate(changed.splitlines(keepends=True)))
    text = join_file(changed, body + "---\n").replace("\n", "\r\n")
    assert_round_trip(b"\xef\xbb\xbf" + text.encode("utf-8"))


# --- arbitrary YAML block mappings, schema=None -------------------------------------------------------------------

ARBITRARY = {
    "jekyll-post": "layout: post\ntitle: Hello\ntags: [a, b]\npermalink: /2020/hello/\ndraft: false\n",
    "nested": "a:\n  b:\n    c: 1\n    d: [x, {e: f}]\n  g: ~\nh: -3\n",
    "sequence-at-key-indent": "items:\n- one\n- two: 2\n  three: 3\n-\n- - nested\n  - seq\n",
    "block-scalars": "lit: |\n  line 1\n\n  line 3\nfold: >-\n  a\n  b\n\n  c\nkeep: |+\n  kept\n\nnext: 1\n",
    "multi-line-plain": "text: this is\n  a plain scalar\n  on three lines\nafter: x\n",
    "multi-line-quoted": "text: \"double\n  quoted \\\n  continued\"\nsingle: 'one\n\n  two'\n",
    "explicit-key": "? complex key\n: value\n? |\n  block key\n: v2\n",
    "quoted-keys": '"a b": 1\n\'c: d\': 2\n"": empty\n',
    "types": "i: 010\no: 0o17\nx: 0x1F\nf: 1e3\nn: .nan\ninf: -.inf\nd: 2020-06-24\nt: 2020-06-24 23:48:00\nb: TRUE\n",
    "yaml11-words": "a: yes\nb: no\nc: on\nd: off\ne: 1:20\nf: y\n",
    "comments": "# head\na: 1 # one\n# mid\nb:   # open\n  - x # item\n  # inside\n  - y\n# tail\n",
    "anchors": "base: &b {x: 1, y: [1, 2]}\ncopy: *b\nlist:\n  - &i item\n  - *i\n",
    "flow-multiline": "m: {a: 1,\n  b: 2}\ns: [1,\n  2,\n  ]\n",
    "indents": "a:\n    b:\n         c: 1\n    d:\n     - 1\n     - 2\n",
    "unicode": 'name: Zoë \u2019 😀\nescaped: "\\u00e9\\U0001F600\\t\\x41"\n',
    "trailing-spaces": 'a: 1   \nb: text   \nc: "q"   \n',
    "document-start-in-value": "a: '--- not a delimiter'\nb: \"...\"\n",
    "empty-values": "a:\nb: ''\nc: []\nd: {}\ne: \"\"\n",
    "only-comments": "# just a comment\n\n# and another\n",
    "only-blank-lines": "\n  \n\n",
    "tabs-in-values": "a: x\ty\nb: \"\\t\"\nc: 'tab\there'\n",
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("kind", list(ARBITRARY))
def test_arbitrary_block_mapping(kind: str, crlf: bool) -> None:
    text = join_file(ARBITRARY[kind], "\nBody\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    doc = articlefm.loads(text, schema=None)
    assert articlefm.dumps(doc) == text
    assert canon(doc.meta) == canon(ruamel_front_matter(front_matter_of(text)))
    assert doc.body == ("\nBody\n".replace("\n", "\r\n") if crlf else "\nBody\n")
    as_bytes = b"\xef\xbb\xbf" + text.encode("utf-8")
    from_bytes = articlefm.loads(as_bytes, schema=None)
    assert articlefm.dumps(from_bytes) == "\ufeff" + text
    assert canon(from_bytes.meta) == canon(doc.meta)


# --- generated front matter (hypothesis) --------------------------------------------------------------------------


@attrs.frozen
class GScalar:
    text: str  # what follows "key: " or "- " (may be empty for a null)
    block: tuple[str, ...] = ()  # content lines of a block scalar, before indentation
    comment: str | None = None


@attrs.frozen
class GMap:
    items: tuple[tuple[str, GNode], ...]
    delta: int  # indentation of the block below its key or dash
    comment: str | None = None


@attrs.frozen
class GSeq:
    items: tuple[GNode, ...]
    delta: int
    comment: str | None = None


GNode = GScalar | GMap | GSeq

_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_EXCLUDED = "\x85\u2028\u2029\ufeff\ufffe\uffff"
_PRINTABLE = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=_EXCLUDED)
_PRINTABLE_OR_TAB = st.one_of(_PRINTABLE, st.just("\t"))
_ANY_CHAR = st.characters(exclude_categories=["Cs"])
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                  "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\xa0": "\\_",
                  "\u2028": "\\L", "\u2029": "\\P", "/": "\\/", " ": "\\ "}  # fmt: skip
_TRICKY_PLAIN = [
    "010", "0o17", "0x1F", "0b101", "1_000", "+5", "-3", ".5", "1.", "1e3", "-1.5e-3", ".inf", "-.Inf", ".nan",
    ".NaN", "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "NULL", "true", "False", "TRUE", "1:20", "1:20:30",
    "2020-06-24", "2020-06-24T23:48:00Z", "2019-12-23T10:08:00-07:00", "2020-06-24 23:48:00",
    "2020-06-24t23:48:00.5+05:30", "2020-6-4T1:02:03Z", "12:30", "0", "-0", "+0.0", "0.0.1", "1e", "e1",
    "https://example.com/a?b=c&d#frag", "a:b", "a#b", "-a", "?a", ":a", "a - b", "a'b", 'a"b',
]  # fmt: skip


def plain_block_ok(text: str) -> bool:
    if not text or text != text.strip(" ") or "\t" in text or text in ("=", "<<"):  # ruamel.yaml's YAML 1.1 tags
        return False
    if text[0] in _INDICATORS and not (text[0] in "-?:" and len(text) > 1 and text[1] not in " "):
        return False
    return ": " not in text and " #" not in text and not text.endswith(":")


_WORD = st.text(
    alphabet=st.one_of(
        st.characters(categories=("L", "N")), st.sampled_from(list(".-_/()!?@%&*+=~,'\"#:;[]{}|>$^")), _PRINTABLE
    ),
    min_size=1,
    max_size=8,
)
_PLAIN_TEXT = st.lists(_WORD, min_size=1, max_size=4).map(" ".join).filter(plain_block_ok)
_FLOW_PLAIN = st.from_regex(r"[A-Za-z][A-Za-z0-9 _.-]{0,10}[A-Za-z0-9]?", fullmatch=True).filter(
    lambda text: text == text.strip() and plain_block_ok(text)
)
_COMMENT = st.text(alphabet=_PRINTABLE_OR_TAB, max_size=12).map(lambda text: "#" + text)
_OPTIONAL_COMMENT = st.one_of(st.none(), _COMMENT)


@st.composite
def double_quoted_text(draw: st.DrawFn, alphabet: st.SearchStrategy[str] = _ANY_CHAR) -> str:
    chars = draw(st.lists(alphabet, max_size=12))
    out = []
    for char in chars:
        must = char in '"\\' or not (char.isprintable() or char == "\t") or char in _EXCLUDED
        if must or draw(st.integers(0, 9)) == 0:
            form = draw(st.integers(0, 2)) if char in _SHORT_ESCAPES else draw(st.integers(1, 2))
            code = ord(char)
            if form == 0:
                out.append(_SHORT_ESCAPES[char])
            elif form == 1 and code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04X}" if form == 2 else f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_SINGLE_QUOTED = st.text(alphabet=_PRINTABLE_OR_TAB, max_size=12).map(lambda text: "'" + text.replace("'", "''") + "'")
_INLINE_SCALAR = st.one_of(
    _PLAIN_TEXT,
    st.sampled_from(_TRICKY_PLAIN),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["true", "false", "True", "FALSE", "", "~", "null"]),
    double_quoted_text(),
    _SINGLE_QUOTED,
)
_FLOW_SCALAR = st.one_of(
    _FLOW_PLAIN,
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["true", "null", "1.5", "2020-06-24", "~", ".inf", "0x1F", ".NaN"]),
    double_quoted_text(),
    _SINGLE_QUOTED,
)


@st.composite
def flow_node(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.integers(0, 2 if depth < 2 else 0))
    if kind == 0:
        return draw(_FLOW_SCALAR)
    separator = draw(st.sampled_from([", ", ",", " , "]))
    if kind == 1:
        items = draw(st.lists(flow_node(depth + 1), max_size=4))
        return "[" + separator.join(items) + "]"
    keys = draw(st.lists(_FLOW_PLAIN.filter(ruamel_key_ok), max_size=4, unique=True))
    values = [draw(flow_node(depth + 1)) for _ in keys]
    return "{" + separator.join(f"{key}: {value}" for key, value in zip(keys, values, strict=True)) + "}"


@functools.cache
def ruamel_key_ok(key: str) -> bool:
    """A plain key must read as a string (articlefm refuses other keys, as documented)."""
    try:
        loaded = ruamel_data(key + ": 1")
    except YAMLError:
        return False
    return isinstance(loaded, dict) and list(loaded) == [key] and key != "<<"


@st.composite
def block_scalar_node(draw: st.DrawFn) -> GScalar:
    header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
    first = draw(st.text(alphabet=_PRINTABLE, min_size=1, max_size=20).filter(lambda t: t[0] not in " #"))
    rest = draw(st.lists(st.text(alphabet=_PRINTABLE_OR_TAB, max_size=20), max_size=3))
    return GScalar(header, (first, *rest), draw(_OPTIONAL_COMMENT))


@st.composite
def scalar_node(draw: st.DrawFn) -> GScalar:
    if draw(st.integers(0, 9)) == 0:
        return draw(block_scalar_node())
    if draw(st.integers(0, 9)) == 0:
        return GScalar(draw(flow_node(0)), (), draw(_OPTIONAL_COMMENT))
    text = draw(_INLINE_SCALAR)
    comment = draw(_OPTIONAL_COMMENT)
    return GScalar(text, (), comment)


_PLAIN_KEY = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,7}", fullmatch=True).filter(ruamel_key_ok)


@st.composite
def key_text(draw: st.DrawFn) -> tuple[str, str]:
    """A key: its value and how it is written."""
    if draw(st.integers(0, 4)):
        key = draw(_PLAIN_KEY)
        return key, key
    written = draw(st.one_of(double_quoted_text(_PRINTABLE), _SINGLE_QUOTED))
    return ruamel_data("k: " + written)["k"], written


@st.composite
def node(draw: st.DrawFn, depth: int) -> GNode:
    kind = draw(st.integers(0, 5 if depth < 3 else 0))
    if kind <= 2:
        return draw(scalar_node())
    if kind <= 4:
        return draw(mapping_node(depth + 1))
    return draw(sequence_node(depth + 1))


@st.composite
def mapping_node(draw: st.DrawFn, depth: int) -> GMap:
    keys = draw(st.lists(key_text(), min_size=1, max_size=5, unique_by=lambda key: key[0]))
    items = tuple((written, draw(node(depth))) for _, written in keys)
    return GMap(items, draw(st.integers(1, 4)), draw(_OPTIONAL_COMMENT))


@st.composite
def sequence_node(draw: st.DrawFn, depth: int) -> GSeq:
    items = tuple(draw(st.lists(node(depth), min_size=1, max_size=4)))
    return GSeq(items, draw(st.integers(0, 3)), draw(_OPTIONAL_COMMENT))


Line = tuple[str, bool]  # text, whether a comment or blank line may go before it


def render_value(prefix: str, value: GNode, indent: int, in_sequence: bool) -> list[Line]:
    """Lines for ``value`` after ``prefix`` (a ``key:`` or a ``-``); nested blocks start at ``indent``."""
    if isinstance(value, GScalar):
        head = prefix + (" " + value.text if value.text else "")
        lines: list[Line] = [(head + (" " + value.comment if value.comment else ""), True)]
        pad = " " * (indent + 1)
        lines.extend(((pad + line if line else ""), False) for line in value.block)
        return lines
    delta = value.delta if not isinstance(value, GMap) else max(value.delta, 1)
    if in_sequence and isinstance(value, GSeq):
        delta = max(delta, 2)
    lines = [(prefix + (" " + value.comment if value.comment else ""), True)]
    if isinstance(value, GMap):
        return lines + render_mapping(value, indent + delta)
    return lines + render_sequence(value, indent + delta)


def render_mapping(mapping: GMap, indent: int) -> list[Line]:
    lines: list[Line] = []
    for key, value in mapping.items:
        lines += render_value(" " * indent + key + ":", value, indent, False)
    return lines


def render_sequence(sequence: GSeq, indent: int) -> list[Line]:
    lines: list[Line] = []
    for item in sequence.items:
        if isinstance(item, GMap) and item.comment is None:
            inner = render_mapping(item, indent + 2)
            lines.append((" " * indent + "- " + inner[0][0][indent + 2 :], True))
            lines.extend(inner[1:])
        else:
            lines += render_value(" " * indent + "-", item, indent, True)
    return lines


_INSERT = st.one_of(
    st.just(None),
    st.just(None),
    st.just(""),
    st.integers(1, 6).map(lambda n: " " * n),
    st.tuples(st.integers(0, 8), _COMMENT).map(lambda pair: " " * pair[0] + pair[1]),
)


@st.composite
def front_matter_text(draw: st.DrawFn) -> str:
    top = draw(mapping_node(0))
    lines = render_mapping(top, 0)
    out = []
    for text, insertable in lines:
        if insertable:
            extra = draw(_INSERT)
            if extra is not None:
                out.append(extra + "\n")
        out.append(text + "\n")
    if draw(st.booleans()):
        out.append(draw(_COMMENT) + "\n")
    return "".join(out)


# At least 300 examples; more under a profile that asks for more (HYPOTHESIS_PROFILE=thorough).
@settings(
    max_examples=max(300, settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    front_matter=front_matter_text(),
    body=st.sampled_from(["\n", "", "Body\n", "text\n---\nmore", "---"]),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_generated_front_matter_round_trips(front_matter: str, body: str, crlf: bool, bom: bool) -> None:
    text = join_file(front_matter, body)
    if crlf:
        text = text.replace("\n", "\r\n")
    source: str | bytes = text
    if bom:
        source = b"\xef\xbb\xbf" + text.encode("utf-8")
    doc = articlefm.loads(source, schema=None)
    assert articlefm.dumps(doc) == ("\ufeff" if bom else "") + text
    try:
        expected = ruamel_front_matter(front_matter_of(text))
    except ValueError:
        # A number pattern without a digit (``._``, ``0x_``): ruamel.yaml fails converting it, so there is nothing
        # to compare with. articlefm reads it as a string (test_differential's DIGITLESS).
        return
    assert canon(doc.meta) == canon(expected)


# A renderer check, so that a generator bug cannot hide behind ruamel.yaml's leniency.
def test_generator_renders_what_it_means() -> None:
    tree = GMap(
        (
            ("a", GScalar("1", (), "# one")),
            ("b", GSeq((GScalar("x"), GMap((("c", GScalar("'q'")), ("d", GScalar("|-", ("l1", "l2")))), 2)), 0)),
            ("e", GMap((("f", GScalar("")),), 3, "# open")),
        ),
        1,
    )
    text = "".join(line + "\n" for line, _ in render_mapping(tree, 0))
    assert text == "a: 1 # one\nb:\n- x\n- c: 'q'\n  d: |-\n   l1\n   l2\ne: # open\n   f:\n"
    assert ruamel_data(text) == {"a": 1, "b": ["x", {"c": "q", "d": "l1\nl2"}], "e": {"f": None}}
