"""Key naming per schema class: ``@articlefm.key_naming``, per-field overrides, nested classes, awkward keys."""

import keyword
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlefm
from articlefm._naming import KeyNaming, KeyNamingError, attribute_name, convention_key


def page_class(naming: KeyNaming) -> type[Any]:
    @attrs.define
    class Sidebar:
        order: int
        nav_label: str | None = None

    @articlefm.key_naming(naming)
    @attrs.define
    class Page:
        title: str
        last_mod: str
        side_bar: Sidebar | None = None
        class_: str = ""
        permalink: str = attrs.field(default="", metadata={"articlefm": {"key": "url"}})

    return Page


@pytest.mark.parametrize(
    ("naming", "keys"),
    [
        ("camel", ["title", "lastMod", "sideBar", "order", "navLabel", "class", "url"]),
        ("snake", ["title", "last_mod", "side_bar", "order", "nav_label", "class", "url"]),
        ("kebab", ["title", "last-mod", "side-bar", "order", "nav-label", "class", "url"]),
        (str.upper, ["TITLE", "LAST_MOD", "SIDE_BAR", "ORDER", "NAV_LABEL", "CLASS_", "url"]),
    ],
    ids=["camel", "snake", "kebab", "function"],
)
def test_a_class_names_its_keys_and_nested_classes_follow_it(naming: KeyNaming, keys: list[str]) -> None:
    title, last_mod, side_bar, order, nav_label, class_, url = keys
    text = (
        f"---\n{title}: Hello\n{last_mod}: today\n{side_bar}:\n  {order}: 1\n  {nav_label}: Hi\n"
        f"{class_}: wide\n{url}: /hello\n---\nBody\n"
    )
    doc = articlefm.loads(text, schema=page_class(naming))
    assert (doc.meta.title, doc.meta.last_mod, doc.meta.class_, doc.meta.permalink) == (
        "Hello",
        "today",
        "wide",
        "/hello",
    )
    assert (doc.meta.side_bar.order, doc.meta.side_bar.nav_label) == (1, "Hi")
    assert articlefm.dumps(doc) == text
    doc.meta.side_bar.nav_label = "Start"
    assert articlefm.dumps(doc) == text.replace(f"{nav_label}: Hi", f"{nav_label}: Start")
    assert articlefm.json_schema(type(doc.meta))["required"] == [title, last_mod]


def test_a_missing_key_is_named_as_the_file_spells_it() -> None:
    with pytest.raises(articlefm.ArticleError) as raised:
        articlefm.loads("---\ntitle: Hello\nside-bar: {nav-label: x}\n---\n", schema=page_class("kebab"))
    assert [(problem.path, problem.message) for problem in raised.value.problems] == [
        ("last-mod", "missing required key 'last-mod'"),
        ("side-bar.order", "missing required key 'order'"),
    ]


def test_without_a_declaration_keys_are_camel_case() -> None:
    @attrs.define
    class Sidebar:
        order: int
        nav_label: str | None = None

    doc = articlefm.loads("---\norder: 2\nnavLabel: x\n---\n", schema=Sidebar)
    assert doc.meta == Sidebar(order=2, nav_label="x")


@articlefm.key_naming("kebab")
@attrs.define
class Menu:
    menu_title: str


@attrs.define
class Section:
    section_name: str
    menu: Menu | None = None


@articlefm.key_naming("snake")
@attrs.define
class Site:
    site_name: str
    sections: list[Section] = attrs.Factory(list)


@attrs.define
class Blog(Site):
    blog_title: str = ""


def test_nested_classes_take_their_holders_naming_unless_they_declare_their_own() -> None:
    text = "---\nsite_name: S\nsections:\n  - section_name: A\n    menu:\n      menu-title: M\n---\n"
    doc = articlefm.loads(text, schema=Site)
    assert doc.meta.sections[0] == Section(section_name="A", menu=Menu(menu_title="M"))
    assert articlefm.dumps(doc) == text


def test_a_subclass_keeps_its_bases_naming() -> None:
    doc = articlefm.loads("---\nsite_name: S\nblog_title: B\n---\n", schema=Blog)
    assert (doc.meta.site_name, doc.meta.blog_title) == ("S", "B")


def test_a_class_held_by_classes_of_different_namings_must_declare_its_own() -> None:
    @attrs.define
    class Shared:
        some_key: str

    @articlefm.key_naming("snake")
    @attrs.define
    class One:
        shared: Shared

    @articlefm.key_naming("kebab")
    @attrs.define
    class Two:
        shared: Shared

    message = r"Shared is held by classes with different key namings \(.*One, .*Two\): declare its own"
    with pytest.raises(KeyNamingError, match=message):
        articlefm.json_schema(One)
    with pytest.raises(KeyNamingError, match=message):
        articlefm.loads("---\nshared: {some-key: x}\n---\n", schema=Two)


def test_a_holder_declared_after_its_nested_class_was_read_must_agree_with_it() -> None:
    @attrs.define
    class Late:
        some_key: str

    assert articlefm.loads("---\nsomeKey: x\n---\n", schema=Late).meta == Late(some_key="x")

    @articlefm.key_naming("snake")
    @attrs.define
    class Holder:
        late: Late

    message = r"Late is held by classes with different key namings \(.*Holder and another\): declare its own"
    with pytest.raises(KeyNamingError, match=message):
        articlefm.loads("---\nlate: {some_key: x}\n---\n", schema=Holder)


def test_wrong_declarations_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="expected 'camel', 'snake', 'kebab' or a function, found 'pascal'"):
        articlefm.key_naming("pascal")  # type: ignore[arg-type]

    class Plain:
        title: str

    with pytest.raises(TypeError, match=r"Plain is not an attrs class: put @key_naming above @attrs\.define"):
        articlefm.key_naming("snake")(Plain)

    @articlefm.key_naming(lambda name: "")
    @attrs.define
    class Empty:
        title: str

    with pytest.raises(KeyNamingError, match="Empty's key naming gave '' for 'title': expected a non-empty string"):
        articlefm.loads("---\ntitle: x\n---\n", schema=Empty)


@pytest.mark.parametrize(
    ("key", "naming", "name"),
    [
        ("class", "snake", "class_"),
        ("from", "camel", "from_"),
        ("og.title", "snake", "og_title"),
        ("read time", "snake", "read_time"),
        ("2col", "snake", "key_2col"),
        ("sidebar-order", "kebab", "sidebar_order"),
        ("sidebar_order", "kebab", "sidebar_order"),
        ("lastModified", "camel", "last_modified"),
        ("cdnAmpWebUrl", "camel", "cdn_amp_web_url"),
        ("--", "snake", "key"),
        ("type", "snake", "type"),
        ("cl", "snake", "cl_"),
        ("converter", "kebab", "converter_"),
    ],
)
def test_attribute_names_for_awkward_keys_follow_the_documented_rule(key: str, naming: str, name: str) -> None:
    assert attribute_name(key, naming) == name
    assert name.isidentifier()


# Words of two letters or more: camelCase writes ``a_b_c`` as ``aBC``, read back as ``a_bc`` (whose key then
# comes from the field, not the naming).
WORD = st.from_regex(r"[a-z][a-z0-9]{1,6}", fullmatch=True)


@given(st.lists(WORD, min_size=1, max_size=4).map("_".join), st.sampled_from(["camel", "snake", "kebab"]))
def test_a_conventions_key_gives_back_the_attribute_name(name: str, naming: str) -> None:
    assert attribute_name(convention_key(naming, name), naming) == (name + "_" if keyword.iskeyword(name) else name)
