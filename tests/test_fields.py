"""Fields by path (``get_field``, ``set_field``, ``unset_field``) and the command line's value parsing."""

from __future__ import annotations

import io

import pytest
from fixture_files import SAMPLE

import articlefm
from articlefm._cli import _colour
from articlefm._fields import parse_value

TEXT = SAMPLE.read_text(encoding="utf-8")


def changed(before: str, after: str) -> list[tuple[str, str]]:
    return [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=False) if old != new]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("", "expected a field such as title, provider.domain or images[0].width"),
        ("[0]", "expected a field such as title, provider.domain or images[0].width"),
        ("images[x]", "expected a field such as title, provider.domain or images[0].width"),
        (".title", "expected a field such as title, provider.domain or images[0].width"),
        ("title[0]", "title is not a list"),
        ("quality.x", "quality is not a mapping"),
        ("images[2]", "no such item (images has 1)"),
        ("provider.images", "no such key"),
        ("path", "'path' is not a front-matter key"),
    ],
)
def test_bad_paths_say_what_is_wrong(field: str, message: str) -> None:
    document = articlefm.loads(TEXT)
    with pytest.raises(LookupError) as raised:
        articlefm.get_field(document, field)
    assert str(raised.value).endswith(message)


def test_python_and_file_names_unknown_keys_and_plain_data() -> None:
    text = TEXT.replace("\ntype: article", "\ntype: article\nlocale: en-US\nupdated: 2021-01-01T00:00:00Z", 1)
    document = articlefm.loads(text)
    assert articlefm.get_field(document, "provider.domain") == "ubergizmo.com"
    assert articlefm.get_field(document, "related[0].published_date_time") == "2020-06-26T12:46:00Z"
    assert articlefm.get_field(document, "images[-1].is_cached") is True
    assert articlefm.get_field(document, "locale") == "en-US"
    assert articlefm.get_field(document, "updated") == "2021-01-01T00:00:00Z"
    articlefm.set_field(document, "updated", parse_value("2022-02-02T00:00:00Z"))
    articlefm.set_field(document, "locale", parse_value("de-DE"))
    assert changed(text, articlefm.dumps(document)) == [
        ("locale: en-US", "locale: de-DE"),
        ("updated: 2021-01-01T00:00:00Z", "updated: 2022-02-02T00:00:00Z"),
    ]
    plain = articlefm.loads("---\nlayout: post\ntags: [a]\n---\n", schema=None)
    articlefm.set_field(plain, "tags", "b", append=True)
    articlefm.set_field(plain, "seo.title", "Hello")  # mappings on the way are made
    articlefm.set_field(plain, "tags[2]", "c")  # one past the end: a new item
    assert articlefm.dumps(plain) == "---\nlayout: post\ntags: [a, b, c]\nseo:\n  title: Hello\n---\n"


def test_values_typed_by_their_field() -> None:
    document = articlefm.loads(TEXT)
    for field, text in [("quality", "040"), ("published", "true"), ("title", "2021-01-01"), ("excerpt", "null")]:
        articlefm.set_field(document, field, parse_value(text))
    assert (document.meta.quality, document.meta.published) == (40, True)
    assert document.meta.title == "2021-01-01"  # text: the field is text
    assert document.meta.excerpt is None  # null: the optional key is removed
    articlefm.set_field(document, "images", [], append=False)
    articlefm.set_field(
        document, "images", parse_value('{"url": "https://a.example/x.jpg", "width": 5, "height": 6}'), append=True
    )
    assert document.meta.images[0].width == 5
    with pytest.raises(articlefm.ArticleError, match=r"^<document>: topics: expected a list, found string 'AI'$"):
        articlefm.set_field(document, "topics", "AI")
    with pytest.raises(LookupError, match="quality: not a list, cannot append to it"):
        articlefm.set_field(document, "quality", 3, append=True)
    with pytest.raises(ValueError, match=r"expected JSON after '\{'"):
        parse_value("{oops")
    before = articlefm.dumps(document)
    with pytest.raises(articlefm.ArticleError):
        articlefm.set_field(document, "heat", -9)
    assert articlefm.dumps(document) == before  # a failed set changes nothing


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _colour(_Terminal())
    assert not _colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _colour(_Terminal())
