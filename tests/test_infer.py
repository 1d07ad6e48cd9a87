"""infer_schema: a schema module from a collection, that loads every file of it and round-trips them.

The module is run for real: executed to load the files, checked by ``mypy --strict``
and ``ruff format`` in subprocesses, and its JSON Schema checked by ``jsonschema``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from fixture_files import CORPUS_FILES, read_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_checks import instance, schema_failures

import articlefm
from articlefm._naming import convention_key
from articlefm._schema import optional_inner

SITES = Path(__file__).parent / "fixtures" / "sites"
# The sites as folders (iter_load finds their files), the news corpus as its list of files.
COLLECTIONS: dict[str, Path | list[Path]] = {
    "jekyll": SITES / "jekyll",
    "hugo": SITES / "hugo",
    "astro": SITES / "astro",
    "news": CORPUS_FILES,
}


def module_of(inferred: articlefm.InferredSchema, name: str = "inferred") -> types.ModuleType:
    """The inferred module, run."""
    module = types.ModuleType(name)
    exec(compile(inferred.source, f"<{name}>", "exec", dont_inherit=True), module.__dict__)
    return module


def schema_of(inferred: articlefm.InferredSchema) -> type[Any]:
    cls: type[Any] = getattr(module_of(inferred), inferred.name)
    return cls


def files_of(collection: Path | list[Path]) -> list[Path]:
    return sorted(collection.rglob("*.md")) if isinstance(collection, Path) else collection


@pytest.fixture(scope="module", params=sorted(COLLECTIONS))
def collection(request: pytest.FixtureRequest) -> tuple[str, articlefm.InferredSchema]:
    name: str = request.param
    return name, articlefm.infer_schema(COLLECTIONS[name], name="Page")


def test_the_inferred_schema_loads_every_file_and_writes_it_back_byte_for_byte(
    collection: tuple[str, articlefm.InferredSchema],
) -> None:
    name, inferred = collection
    schema = schema_of(inferred)
    assert sorted(inferred.files) == files_of(COLLECTIONS[name])
    assert inferred.unreadable == ()
    for path in inferred.files:
        doc = articlefm.load(path, schema=schema, strict=True)
        assert articlefm.dumps(doc) == read_text(path), path


def test_the_inferred_json_schema_validates_every_file(collection: tuple[str, articlefm.InferredSchema]) -> None:
    _, inferred = collection
    schema = articlefm.json_schema(schema_of(inferred), strict=True)
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for path in inferred.files:
        data = articlefm.json_data(articlefm.load(path, schema=None).meta)
        assert [error.message for error in checker.iter_errors(data)] == [], path


def test_an_inferred_json_schema_fails_a_file_where_loading_does() -> None:
    inferred = articlefm.infer_schema(COLLECTIONS["hugo"], name="Page")
    schema = articlefm.json_schema(schema_of(inferred), strict=True)
    text = read_text(SITES / "hugo" / "content" / "posts" / "first-post.md")
    for old, new, path in [
        ("weight: 10\n", "weight: ten\n", "weight"),
        ("  alt-text: A first post\n", "", "cover-image.alt-text"),
        ("draft: false\n", "draft: false\nsubtitle: x\n", "subtitle"),
    ]:
        bad = text.replace(old, new)
        with pytest.raises(articlefm.ArticleError) as raised:
            articlefm.loads(bad, schema=schema_of(inferred), strict=True)
        assert [problem.path for problem in raised.value.problems] == [path]
        assert schema_failures(schema, instance(bad)) == {path}


def test_a_jekyll_collection_gives_this_module() -> None:
    inferred = articlefm.infer_schema(COLLECTIONS["jekyll"], name="Post")
    assert (
        inferred.source
        == '''\
"""Front matter schema inferred by articlefm from 3 files.

Each comment says how many files (or mappings) hold the key, with an example;
edit it as you like: a key the schema does not name is kept in ``extra``.
"""

from typing import Any

import attrs

import articlefm


@articlefm.key_naming("snake")
@attrs.define(kw_only=True)
class Sidebar:
    """The mapping at ``sidebar`` (2 seen)."""

    # 2 of 2, e.g. 1
    order: int
    # 1 of 2, e.g. 'Liquid'
    nav_title: str | None = None
    extra: dict[str, Any] = attrs.Factory(dict)


@articlefm.key_naming("snake")
@attrs.define(kw_only=True)
class Post:
    """Front matter of 3 files."""

    # 3 of 3 files, e.g. 'post'
    layout: str
    # 3 of 3 files, e.g. 'Welcome to Jekyll!'
    title: str
    # 3 of 3 files, e.g. '2024-01-05 10:00:00 +0100'
    date: str
    # 2 of 3 files, items e.g. 'jekyll'
    categories: list[str] = attrs.Factory(list)
    # 3 of 3 files, items e.g. 'a'
    tags: list[str]
    # 3 of 3 files, e.g. '/welcome/'
    permalink: str
    # 2 of 3 files, items e.g. 'no-tabs'
    related_rules: list[str] = attrs.Factory(list)
    # 2 of 3 files
    sidebar: Sidebar | None = None
    # 1 of 3 files, e.g. '<!--more-->'
    excerpt_separator: str | None = None
    # 1 of 3 files, e.g. true
    comments: bool | None = None
    # 1 of 3 files, e.g. false
    published: bool | None = None
    extra: dict[str, Any] = attrs.Factory(dict)
'''
    )
    assert inferred.summary() == (
        "3 files read, 0 unreadable\n"
        "13 keys found, 7 optional\n"
        "optional: categories, related_rules, sidebar.nav_title, sidebar, excerpt_separator, comments, ..."
    )
    assert inferred.keys["sidebar.order"] == 2
    assert set(inferred.optional) == {
        "categories",
        "related_rules",
        "sidebar",
        "sidebar.nav_title",
        "excerpt_separator",
        "comments",
        "published",
    }


def test_types_follow_the_values_seen(tmp_path: Path) -> None:
    files = {
        "a.md": "---\nn: 1\nx: 1\ns: 1\nwhen: 2024-05-01T09:30:00Z\nday: 2024-05-01\nany: 1\nnone: null\n---\n",
        "b.md": "---\nn: 2\nx: 2.5\ns: hi\nwhen: 2024-05-01T09:30:00\nday: 2024-05-02\nany: 2024-05-01\nnone:\n---\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    source = articlefm.infer_schema(tmp_path).source
    body = source[source.index("class Post:") :]
    assert re.findall(r"^    (\w+): (.*)$", body, re.MULTILINE) == [
        ("n", "int"),
        ("x", "float"),
        ("s", "str"),
        ("when", "dt.datetime"),
        ("day", "dt.date"),
        ("any", "Any"),
        ("none", "Any = None"),
        ("extra", "dict[str, Any] = attrs.Factory(dict)"),
    ]


def test_awkward_keys_get_the_documented_names_and_name_their_keys(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '---\nclass: wide\nog.title: Hi\nread time: 3\n2col: true\nlist: [a]\nextra: 1\nTitle: x\nsay "hi": 1\n---\n'
    )
    inferred = articlefm.infer_schema(tmp_path)
    body = inferred.source[inferred.source.index("class Post:") :]
    assert re.findall(r"^    (\w+): (.*)$", body, re.MULTILINE) == [
        ("class_", "str"),
        ("og_title", 'str = attrs.field(metadata={"articlefm": {"key": "og.title"}})'),
        ("read_time", 'int = attrs.field(metadata={"articlefm": {"key": "read time"}})'),
        ("key_2col", 'bool = attrs.field(metadata={"articlefm": {"key": "2col"}})'),
        ("list_", "list[str]"),
        ("extra_", "int"),
        ("title", 'str = attrs.field(metadata={"articlefm": {"key": "Title"}})'),
        ("say_hi", """int = attrs.field(metadata={"articlefm": {"key": 'say "hi"'}})"""),
        ("extra", "dict[str, Any] = attrs.Factory(dict)"),
    ]
    doc = articlefm.load(tmp_path / "a.md", schema=schema_of(inferred), strict=True)
    assert (doc.meta.class_, doc.meta.og_title, doc.meta.key_2col, doc.meta.extra_, doc.meta.extra) == (
        "wide",
        "Hi",
        True,
        1,
        {},
    )


def test_rare_keys_go_to_extra_by_the_threshold(tmp_path: Path) -> None:
    for index in range(4):
        rare = "subtitle: Only here\n" if index == 0 else ""
        (tmp_path / f"{index}.md").write_text(f"---\ntitle: Post {index}\n{rare}---\nBody\n")
    inferred = articlefm.infer_schema(tmp_path, extra_below=0.5)
    assert inferred.rare == ("subtitle",)
    assert "    # Keys left here, rare: 'subtitle' (1 of 4 files)\n" in inferred.source
    assert "subtitle:" not in inferred.source.replace("'subtitle'", "")
    doc = articlefm.load(tmp_path / "0.md", schema=schema_of(inferred))
    assert doc.meta.extra == {"subtitle": "Only here"}
    doc.meta.title = "First"
    assert articlefm.dumps(doc) == "---\ntitle: First\nsubtitle: Only here\n---\nBody\n"
    assert "subtitle: str | None = None" in articlefm.infer_schema(tmp_path, extra_below=0.25).source


def test_two_keys_holding_one_shape_share_a_class(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\nhero: {src: a.png, alt: A}\nthumb: {src: b.png, alt: B}\nicon: {src: c}\n---\n"
    )
    source = articlefm.infer_schema(tmp_path).source
    assert re.findall(r"^class (\w+):", source, re.MULTILINE) == ["Hero", "Icon", "Post"]
    assert "    hero: Hero\n" in source
    assert "    thumb: Hero\n" in source


def test_unreadable_files_are_reported_and_the_rest_inferred(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\n")
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\n")
    inferred = articlefm.infer_schema(tmp_path)
    assert inferred.files == (tmp_path / "good.md",)
    assert [path for path, _ in inferred.unreadable] == [tmp_path / "bad.md"]
    assert inferred.unreadable[0][1].startswith(f"{tmp_path / 'bad.md'}:3:1: invalid YAML: ")
    assert inferred.summary().splitlines()[0] == "1 file read, 1 unreadable"
    assert inferred.summary().splitlines()[-1] == f"unreadable: {inferred.unreadable[0][1]}"


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="name: expected a class name such as 'Post', found 'post'"):
        articlefm.infer_schema("examples", name="post")
    with pytest.raises(ValueError, match="extra_below: expected a share from 0 to 1, found 2"):
        articlefm.infer_schema("examples", extra_below=2)


# --- the module type-checks and is formatted ----------------------------------------------------------------------


def test_inferred_modules_type_check_under_mypy_strict_and_are_formatted(tmp_path: Path) -> None:
    (tmp_path / "awkward").mkdir()
    (tmp_path / "awkward" / "a.md").write_text(
        '---\nclass: wide\nog.title: Hi\n2col: true\nlist: [a]\nextra: 1\nsay "hi": {x: 1}\nany: 1\n'
        "nested: {deep: {deeper: [{a: 1}, {a: 2.5, b: null}]}}\n---\n"
    )
    (tmp_path / "awkward" / "b.md").write_text("---\nclass: 2\nany: [1]\n---\n")
    sources = {f"{name}_schema": articlefm.infer_schema(path, name="Page").source for name, path in COLLECTIONS.items()}
    sources["awkward_schema"] = articlefm.infer_schema(tmp_path / "awkward", name="Page").source
    for name, source in sources.items():
        (tmp_path / f"{name}.py").write_text(source)
        # The module uses what it declares: a typed use of it type-checks too.
        (tmp_path / f"use_{name}.py").write_text(
            f"import articlefm\n\nfrom {name} import Page\n\n"
            "doc = articlefm.loads('---\\n---\\n', schema=Page)\n"
            "meta: Page = doc.meta\n"
        )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *sorted(str(p) for p in tmp_path.glob("*.py"))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"Success: no issues found in {2 * len(sources)} source files\n")
    ruff = shutil.which("ruff")
    assert ruff is not None
    files = [str(tmp_path / f"{name}.py") for name in sources]
    formatted = subprocess.run(
        [ruff, "format", "--isolated", "--diff", *files], capture_output=True, text=True, check=False
    )
    assert (formatted.returncode, formatted.stdout) == (0, "")
    imports = {
        line for source in sources.values() for line in source.splitlines() if line.startswith(("import", "from"))
    }
    assert imports == {"import datetime as dt", "from typing import Any", "import attrs", "import articlefm"}


# --- generated collections ------------------------------------------------------------------------------------------

YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off"}  # keys YAML would read as other than text
KEY_STYLES = {
    style: st.from_regex(pattern, fullmatch=True).filter(lambda key: key.lower() not in YAML_WORDS)
    for style, pattern in {
        "snake": r"[a-z]{2,5}(_[a-z]{2,5}){0,2}",
        "kebab": r"[a-z]{2,5}(-[a-z]{2,5}){0,2}",
        "camel": r"[a-z]{2,5}([A-Z][a-z]{1,4}){0,2}",
    }.items()
}
AWKWARD_KEYS = st.sampled_from(["class", "og.title", "2col", "read time", "list", "extra"])
WORD = st.from_regex(r"w[a-z]{0,8}", fullmatch=True)  # plain text no YAML reader types otherwise
QUOTED = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co")), max_size=12).map(
    lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
)
SCALARS = {
    "str": st.one_of(WORD, QUOTED),
    "int": st.integers(-(10**6), 10**6).map(str),
    "float": st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    "bool": st.sampled_from(["true", "false"]),
    "date": st.dates().map(lambda day: day.isoformat()),
    "datetime": st.datetimes(timezones=st.just(dt.UTC)).map(
        lambda when: when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    ),
}


@st.composite
def collections(draw: st.DrawFn) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """A random schema (key: kind, and whether it is required, optional or sometimes null) and files from it."""
    style = draw(st.sampled_from(sorted(KEY_STYLES)))
    keys = draw(st.lists(st.one_of(KEY_STYLES[style], AWKWARD_KEYS), min_size=1, max_size=6, unique=True))
    kinds = [*SCALARS, "list", "map"]
    presences = ["required", "optional", "nullable"]
    schema = {key: (draw(st.sampled_from(kinds)), draw(st.sampled_from(presences))) for key in keys}
    # Each nested mapping holds keys of its own kinds, in the collection's key style.
    inner = {key: draw(st.lists(st.sampled_from(sorted(SCALARS)), min_size=1, max_size=3)) for key in keys}
    texts = []
    for _ in range(draw(st.integers(1, 4))):
        lines = []
        for key, (kind, presence) in schema.items():
            if presence == "optional" and draw(st.booleans()):
                continue
            if presence == "nullable" and draw(st.booleans()):
                lines.append(f"{key}:{draw(st.sampled_from(['', ' null', ' ~']))}")
            elif kind == "list":
                item_kind: str = draw(st.sampled_from(["str", "int"]))
                items: list[str] = draw(st.lists(SCALARS[item_kind], max_size=3))
                block: bool = draw(st.booleans())
                if items and block:
                    lines += [f"{key}:", *(f"  - {item}" for item in items)]
                else:
                    lines.append(f"{key}: [{', '.join(items)}]")
            elif kind == "map":
                lines.append(f"{key}:")
                names = [f"{convention_key(style, 'in_' + kind)}{index}" for index, kind in enumerate(inner[key])]
                lines += [f"  {name}: {draw(SCALARS[kind])}" for name, kind in zip(names, inner[key], strict=True)]
            else:
                lines.append(f"{key}: {draw(SCALARS[kind])}")
        texts.append("---\n" + "".join(line + "\n" for line in lines) + "---\nBody\n")
    return schema, texts


def _number_as_text(error: jsonschema.ValidationError) -> bool:
    expected: Any = error.validator_value
    found: Any = error.instance
    return error.validator == "type" and expected in ("string", ["string", "null"]) and isinstance(found, int | float)


def write_collection(folder: Path, texts: list[str]) -> list[Path]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"{index}.md"
        path.write_bytes(text.encode())
        paths.append(path)
    return paths


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(collections(), st.data())
def test_an_inferred_schema_loads_round_trips_and_edits_a_generated_collection(
    tmp_path: Path, drawn: tuple[dict[str, tuple[str, str]], list[str]], data: st.DataObject
) -> None:
    _, texts = drawn
    paths = write_collection(tmp_path / "collection", texts)
    inferred = articlefm.infer_schema(paths, name="Post")
    assert inferred.unreadable == ()
    schema = schema_of(inferred)
    docs = [articlefm.load(path, schema=schema, strict=True) for path in paths]
    checker = jsonschema.Draft202012Validator(articlefm.json_schema(schema, strict=True))
    for doc, text in zip(docs, texts, strict=True):
        assert articlefm.dumps(doc) == text
        # The JSON Schema passes the file, but for what docs/schemas.md says it cannot: a str field
        # reads any scalar's text, where JSON data has the number or boolean YAML reads.
        unexplained = [error for error in checker.iter_errors(instance(text)) if not _number_as_text(error)]
        assert unexplained == []
    # A typed edit of one scalar field changes only its line.
    doc, text = data.draw(st.sampled_from(list(zip(docs, texts, strict=True))))
    editable = {
        field.name: optional_inner(field.type) or field.type
        for field in attrs.fields(schema)
        if (optional_inner(field.type) or field.type) in (str, int, bool) and getattr(doc.meta, field.name) is not None
    }
    if not editable:
        return
    name = data.draw(st.sampled_from(sorted(editable)))
    new_value: Any = {str: "edited", int: 4242, bool: not getattr(doc.meta, name)}[editable[name]]
    setattr(doc.meta, name, new_value)
    written = articlefm.dumps(doc)
    changed = [line for line in difflib.ndiff(text.splitlines(), written.splitlines()) if line[:1] in "+-"]
    assert len(changed) == 2, changed
    assert [line[:2] for line in changed] == ["- ", "+ "]
    assert getattr(articlefm.loads(written, schema=schema).meta, name) == new_value


def test_files_read_in_several_processes_give_the_same_module() -> None:
    one = articlefm.infer_schema(CORPUS_FILES, name="News")
    assert articlefm.infer_schema(CORPUS_FILES, name="News", jobs=2) == one


def test_typed_edits_through_an_inferred_schema_change_only_their_values() -> None:
    inferred = articlefm.infer_schema(COLLECTIONS["jekyll"], name="Post")
    path = SITES / "jekyll" / "_posts" / "2024-02-11-liquid-tags.md"
    text = read_text(path)
    doc = articlefm.load(path, schema=schema_of(inferred))
    doc.meta.sidebar.order = 3
    doc.meta.tags.append("templates")
    doc.meta.comments = False
    assert articlefm.dumps(doc) == (
        text.replace("{order: 2,", "{order: 3,")
        .replace("tags: [liquid]", "tags: [liquid, templates]")
        .replace("comments: true", "comments: false")
    )
