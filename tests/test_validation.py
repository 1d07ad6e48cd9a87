"""Every rule of docs/format.md, checked on bad input: exact path, line, column and message.

Invalid files are derived from the real sample file by editing its text, so each
test names the one thing it breaks. Positions are 1-based in the file, the
opening ``---`` being line 1.
"""

from __future__ import annotations

import base64
import datetime as dt
import pickle
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlefm
from articlefm import ArticleError, Problem, Secured, dumps, load, loads

FIXTURE = Path(__file__).parent / "fixtures" / "boston-facial-recognition.md"


def _read_fixture() -> str:
    with open(FIXTURE, encoding="utf-8", newline="") as stream:
        return stream.read()


TEXT = _read_fixture()
TOKEN = re.search(r'^secured: "(.*)"$', TEXT, re.MULTILINE).group(1)  # type: ignore[union-attr]
PAYLOAD, IV = TOKEN.split(";")
TITLE_LINE = 'title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"\nexcerpt'
WEB_URL_LINE = 'webUrl: "https://www.ubergizmo.com/2020/06/boston-ban-facial-recognition-surveillance/"'
DATE_LINE = "publishedDateTime: 2020-06-24T23:48:00Z"
PROVIDER_BLOCK = "provider:\n  name: Ubergizmo Feed\n  domain: ubergizmo.com\n"


# --- helpers ---------------------------------------------------------------------------------------------------------


def edit(old: str, new: str, text: str = TEXT) -> str:
    """``text`` with the one occurrence of ``old`` replaced (several would make the test ambiguous)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def at(text: str, fragment: str, within: str = "") -> tuple[int, int]:
    """1-based (line, column) of the unique ``fragment`` in ``text`` (or of ``within`` inside it)."""
    assert text.count(fragment) == 1, f"{fragment!r} occurs {text.count(fragment)} times"
    index = text.index(fragment) + (fragment.index(within) if within else 0)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(text: str | bytes, **options: Any) -> list[Problem]:
    with pytest.raises(ArticleError) as info:
        loads(text, **options)
    assert info.type is ArticleError
    return info.value.problems


def only_problem(text: str | bytes, **options: Any) -> Problem:
    found = problems(text, **options)
    assert len(found) == 1, found
    return found[0]


def assert_problem(problem: Problem, path: str, line: int, column: int | None, *says: str) -> None:
    """The problem is at ``path``/``line``/``column`` and its message contains every fragment of ``says``."""
    assert (problem.path, problem.line) == (path, line), problem
    if column is not None:
        assert problem.column == column, problem
    for fragment in says:
        assert fragment in problem.message, (fragment, problem)


# --- the base file is valid --------------------------------------------------------------------------------------


def test_base_fixture_is_valid_in_both_modes() -> None:
    assert loads(TEXT).meta.title.startswith("The City Of Boston")
    assert loads(TEXT, strict=True).meta.quality == 38


def test_article_error_is_a_value_error() -> None:
    assert issubclass(ArticleError, ValueError)
    with pytest.raises(ValueError, match="quality"):
        loads(edit("quality: 38\n", "quality: -1\n"))


# --- required keys ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        ("category", "category: news\n", ""),
        ("title", TITLE_LINE, "excerpt"),
        ("publishedDateTime", DATE_LINE + "\n", ""),
        ("webUrl", WEB_URL_LINE + "\n", ""),
        ("type", "type: article\nquality", "quality"),
        ("provider", PROVIDER_BLOCK, ""),
    ],
)
def test_missing_top_level_key_is_reported_on_line_2(key: str, old: str, new: str) -> None:
    problem = only_problem(edit(old, new))
    assert_problem(problem, key, 2, 1, "missing", repr(key))


def test_empty_front_matter_reports_every_missing_key_at_once() -> None:
    found = problems("---\n---\n")
    assert [p.path for p in found] == ["category", "title", "publishedDateTime", "webUrl", "type", "provider"]
    assert {(p.line, p.column) for p in found} == {(2, 1)}
    assert all("missing" in p.message and repr(p.path) in p.message for p in found)


@pytest.mark.parametrize(
    ("key", "old"), [("name", "  name: Ubergizmo Feed\n"), ("domain", "  domain: ubergizmo.com\n")]
)
def test_missing_provider_key_is_reported_on_the_provider_mapping(key: str, old: str) -> None:
    bad = edit(old, "")
    problem = only_problem(bad)
    # the provider mapping now starts with its one remaining key, on line 15
    assert_problem(problem, f"provider.{key}", 15, 3, "missing", repr(key))


@pytest.mark.parametrize("key", ["width", "height"])
def test_missing_image_key_is_reported_on_the_items_line(key: str) -> None:
    old = "    width: 900\n" if key == "width" else "    height: 600\n"
    problem = only_problem(edit(old, ""))
    assert_problem(problem, f"images[0].{key}", 23, 5, "missing", repr(key))


def test_missing_image_url_is_reported_on_the_items_line() -> None:
    bad = edit(
        '  - url: "https://i0.wp.com/cdnssl.ubergizmo.com/wp-content/uploads/2018/04/security-camera.jpg"\n    width',
        "  - width",
    )
    assert_problem(only_problem(bad), "images[0].url", 23, 5, "missing", "'url'")


@pytest.mark.parametrize(
    ("key", "old"),
    [
        ("publishedDateTime", "    publishedDateTime: 2020-06-24T22:10:00Z\n"),
        ("webUrl", '    webUrl: "https://www.foxnews.com/tech/boston-bans-police-facial-recognition-technology"\n'),
        ("type", '.amp"\n    type: article\n'),
        ("provider", "    provider:\n      name: Fox News\n      domain: foxnews.com\n"),
    ],
)
def test_missing_related_key_is_reported_on_the_items_title_line(key: str, old: str) -> None:
    new = '.amp"\n' if key == "type" else ""
    bad = edit(old, new)
    problem = only_problem(bad)
    line, column = at(bad, '  - title: "Boston bans police', "title")
    assert (line, column) == (46, 5)
    assert_problem(problem, f"related[1].{key}", line, column, "missing", repr(key))


def test_missing_related_title_is_reported_on_the_items_first_line() -> None:
    bad = edit('  - title: "Boston bans police from using facial recognition technology"\n    excerpt', "  - excerpt")
    assert_problem(only_problem(bad), "related[1].title", 46, 5, "missing", "'title'")


def test_missing_related_provider_name_is_reported_on_its_provider_mapping() -> None:
    bad = edit("      name: Fox News\n", "")
    assert_problem(only_problem(bad), "related[1].provider.name", 54, 7, "missing", "'name'")


# --- title, excerpt, category, type -------------------------------------------------------------------------------


def test_empty_title_is_rejected() -> None:
    problem = only_problem(edit(TITLE_LINE, 'title: ""\nexcerpt'))
    assert_problem(problem, "title", 3, 8, "expected a non-empty string", "empty")


def test_title_that_is_a_list_is_rejected() -> None:
    problem = only_problem(edit(TITLE_LINE, "title: [a, b]\nexcerpt"))
    assert_problem(problem, "title", 3, 8, "expected a string", "found a list")


def test_title_that_is_null_is_rejected() -> None:
    problem = only_problem(edit(TITLE_LINE, "title:\nexcerpt"))
    assert_problem(problem, "title", 3, None, "expected a string", "found null")


@pytest.mark.parametrize(("value", "found"), [("[a, b]", "found a list"), ("{a: 1}", "found a mapping")])
def test_excerpt_that_is_not_a_string_is_rejected(value: str, found: str) -> None:
    bad = edit('excerpt: "While some parts', f'excerpt: {value}\nexcerptText: "While some parts')
    problem = only_problem(bad)
    assert_problem(problem, "excerpt", 4, 10, "expected a string", found)


def test_related_excerpt_that_is_not_a_string_is_rejected() -> None:
    bad = edit('    excerpt: "Boston has banned', '    excerpt: [x]\n    excerptText: "Boston has banned')
    problem = only_problem(bad)
    assert_problem(problem, "related[1].excerpt", 47, 14, "expected a string", "found a list")


@pytest.mark.parametrize(
    ("key", "old", "new", "line", "column", "found"),
    [
        ("category", "category: news", "category: [news]", 2, 11, "found a list"),
        ("type", "type: article\nquality", "type: {a: 1}\nquality", 9, 7, "found a mapping"),
        (
            "related[0].type",
            "    type: article\n    provider:\n      name: The Next Web",
            "    type:\n    provider:\n      name: The Next Web",
            36,
            None,
            "found null",
        ),
    ],
)
def test_category_and_type_must_be_strings(
    key: str, old: str, new: str, line: int, column: int | None, found: str
) -> None:
    problem = only_problem(edit(old, new))
    assert_problem(problem, key, line, column, "expected a string", found)


def test_category_and_type_allow_other_values() -> None:
    text = edit("type: article\nquality", "type: video\nquality", edit("category: news", "category: reviews"))
    meta = loads(text).meta
    assert (meta.category, meta.type) == ("reviews", "video")


# --- publishedDateTime ---------------------------------------------------------------------------------------------


def test_published_date_time_without_time_zone_is_rejected() -> None:
    problem = only_problem(edit(DATE_LINE, "publishedDateTime: 2020-06-24T23:48:00"))
    assert_problem(problem, "publishedDateTime", 5, 20, "time zone", "2020-06-24")


def test_published_date_time_quoted_is_rejected() -> None:
    problem = only_problem(edit(DATE_LINE, 'publishedDateTime: "2020-06-24T23:48:00Z"'))
    assert_problem(problem, "publishedDateTime", 5, 20, "unquoted timestamp", "string '2020-06-24T23:48:00Z'")


def test_published_date_time_date_only_is_rejected() -> None:
    problem = only_problem(edit(DATE_LINE, "publishedDateTime: 2020-06-24"))
    assert_problem(problem, "publishedDateTime", 5, 20, "expected a timestamp", "date 2020-06-24")


@pytest.mark.parametrize("value", ["2020-02-30T23:48:00Z", "2020-13-24T23:48:00Z", "2020-06-24T25:48:00Z"])
def test_published_date_time_that_is_not_a_real_date_is_rejected(value: str) -> None:
    problem = only_problem(edit(DATE_LINE, f"publishedDateTime: {value}"))
    assert_problem(problem, "publishedDateTime", 5, 20, "expected a valid date and time", value)


def test_published_date_time_that_is_text_is_rejected() -> None:
    problem = only_problem(edit(DATE_LINE, "publishedDateTime: yesterday"))
    assert_problem(problem, "publishedDateTime", 5, 20, "expected a timestamp", "yesterday")


def test_related_published_date_time_without_time_zone_is_rejected() -> None:
    bad = edit("    publishedDateTime: 2020-06-25T10:31:00Z", "    publishedDateTime: 2020-06-25T10:31:00")
    problem = only_problem(bad)
    assert_problem(problem, "related[2].publishedDateTime", 64, 24, "time zone", "2020-06-25")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2019-12-23T10:08:00-07:00", dt.datetime(2019, 12, 23, 10, 8, tzinfo=dt.timezone(dt.timedelta(hours=-7)))),
        ("2020-06-24T23:48:00.5Z", dt.datetime(2020, 6, 24, 23, 48, 0, 500000, tzinfo=dt.UTC)),
        (
            "2020-06-24T16:48:00.123456-07:00",
            dt.datetime(2020, 6, 24, 16, 48, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        ),
        ("2020-06-24T23:48:00+05:30", dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.timezone(dt.timedelta(hours=5.5)))),
    ],
)
def test_published_date_time_offsets_and_fractions_are_accepted_and_kept(written: str, expected: dt.datetime) -> None:
    text = edit(DATE_LINE, f"publishedDateTime: {written}")
    doc = loads(text, strict=True)
    value = doc.meta.published_date_time
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()
    assert dumps(doc) == text


# --- URLs --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.com/a",
        "https://",
        "http://",
        "https:///path",
        "/2020/06/boston-ban/",
        "www.ubergizmo.com/2020/06/",
        "mailto:someone@example.com",
        "",
    ],
)
def test_web_url_must_be_http_or_https_with_a_host(url: str) -> None:
    problem = only_problem(edit(WEB_URL_LINE, f'webUrl: "{url}"'))
    assert_problem(problem, "webUrl", 6, 9, "expected an http:// or https:// URL with a host", f"found string {url!r}")


@pytest.mark.parametrize(
    ("path", "old", "line", "column"),
    [
        ("ampWebUrl", 'ampWebUrl: "https://www.ubergizmo.com', 7, 12),
        ("cdnAmpWebUrl", 'cdnAmpWebUrl: "https://www-ubergizmo-com', 8, 15),
        ("related[3].webUrl", '    webUrl: "https://www.dailymail', 81, 13),
        ("related[0].ampWebUrl", '    ampWebUrl: "https://thenextweb.com', 34, 16),
        ("related[2].cdnAmpWebUrl", '    cdnAmpWebUrl: "https://amp-wbur', 67, 19),
        ("images[0].url", '  - url: "https://i0.wp.com', 23, 10),
        ("related[1].images[0].url", '      - url: "https://a57.foxnews', 58, 14),
    ],
)
def test_every_url_field_is_checked(path: str, old: str, line: int, column: int) -> None:
    new = old.replace("https://", "ftp://")
    problem = only_problem(edit(old, new))
    assert_problem(problem, path, line, column, "expected an http", "found string 'ftp://")


def test_original_url_is_checked() -> None:
    bad = edit(WEB_URL_LINE, 'originalUrl: "file:///etc/passwd"\n' + WEB_URL_LINE)
    assert_problem(only_problem(bad), "originalUrl", 6, 14, "expected an http", "'file:///etc/passwd'")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/a page with spaces/",
        "https://www.example.com/?p=1&#038;q=2",
        "https://twitter.com/#!/someone/status/1",
        "http://example.com",
        "http://localhost:8080/a",
        "https://www.example.com/ünïcödé",
    ],
)
def test_unpoliced_url_details_are_accepted(url: str) -> None:
    doc = loads(edit(WEB_URL_LINE, f'webUrl: "{url}"'), strict=True)
    assert doc.meta.web_url == url


def test_plain_unquoted_url_is_accepted() -> None:
    doc = loads(edit(WEB_URL_LINE, "webUrl: https://www.example.com/a?b=c&#038;d"))
    assert doc.meta.web_url == "https://www.example.com/a?b=c&#038;d"


@pytest.mark.parametrize("url", ["/assets/images/organizations/ubergizmo.com-50x50.jpg", '"/assets/logo.png"'])
def test_provider_image_url_may_be_site_relative(url: str) -> None:
    bad = edit(
        "  domain: ubergizmo.com\n",
        f"  domain: ubergizmo.com\n  images:\n    - url: {url}\n      width: 50\n      height: 50\n",
    )
    doc = loads(bad, strict=True)
    assert doc.meta.provider.images[0].url == url.strip('"')
    assert doc.meta.provider.images[0].width == 50


@pytest.mark.parametrize("url", ["assets/logo.png", "//cdn.example.com/logo.png", "ftp://example.com/logo.png"])
def test_provider_image_url_must_still_be_a_url_or_site_relative(url: str) -> None:
    bad = edit(
        "  domain: ubergizmo.com\n",
        f'  domain: ubergizmo.com\n  images:\n    - url: "{url}"\n      width: 50\n      height: 50\n',
    )
    problem = only_problem(bad)
    assert_problem(problem, "provider.images[0].url", 18, 12, "site-relative", repr(url))


def test_article_image_url_may_not_be_site_relative() -> None:
    """docs/format.md: only provider image URLs may be site-relative; an article image needs http(s) and a host."""
    bad = edit(
        '  - url: "https://i0.wp.com/cdnssl.ubergizmo.com/wp-content/uploads/2018/04/security-camera.jpg"',
        '  - url: "/assets/a.jpg"',
    )
    problem = only_problem(bad)
    assert_problem(problem, "images[0].url", 23, 10, "expected an http", "'/assets/a.jpg'")


# --- quality, heat, published ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("-1", ("expected an integer >= 0", "found -1")),
        ("true", ("expected an integer", "found boolean true")),
        ("false", ("expected an integer", "found boolean false")),
        ("3.0", ("expected an integer", "found float 3.0")),
        ('"38"', ("expected an integer", "found string '38'")),
        ("high", ("expected an integer", "found string 'high'")),
        ("[38]", ("expected an integer", "found a list")),
    ],
)
def test_quality_must_be_a_non_negative_integer(value: str, says: tuple[str, ...]) -> None:
    problem = only_problem(edit("quality: 38\n", f"quality: {value}\n"))
    assert_problem(problem, "quality", 10, 10, *says)


def test_quality_zero_is_accepted() -> None:
    assert loads(edit("quality: 38\n", "quality: 0\n")).meta.quality == 0


def test_related_quality_must_be_non_negative() -> None:
    problem = only_problem(edit("    quality: 74\n", "    quality: -1\n"))
    assert_problem(problem, "related[1].quality", 56, 14, "expected an integer >= 0", "found -1")


def test_related_quality_must_not_be_a_bool() -> None:
    problem = only_problem(edit("    quality: 0\n", "    quality: true\n"))
    assert_problem(problem, "related[3].quality", 88, 14, "expected an integer", "found boolean true")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("-2", ("expected an integer >= -1", "found -2")),
        ("true", ("expected an integer", "found boolean true")),
        ("-1.5", ("expected an integer", "found float -1.5")),
    ],
)
def test_heat_must_be_an_integer_at_least_minus_one(value: str, says: tuple[str, ...]) -> None:
    problem = only_problem(edit("heat: -1\n", f"heat: {value}\n"))
    assert_problem(problem, "heat", 11, 7, *says)


def test_heat_minus_one_is_accepted() -> None:
    assert loads(TEXT).meta.heat == -1
    assert loads(edit("heat: -1\n", "heat: 0\n")).meta.heat == 0


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("yes", "found string 'yes'"),
        ("no", "found string 'no'"),
        ("0", "found integer 0"),
        ('"false"', "found string 'false'"),
        ("[false]", "found a list"),
    ],
)
def test_published_must_be_a_bool(value: str, found: str) -> None:
    problem = only_problem(edit("published: false\n", f"published: {value}\n"))
    assert_problem(problem, "published", 12, 12, "expected true or false", found)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_published_accepts_yaml_booleans(value: str, expected: bool) -> None:
    assert loads(edit("published: false\n", f"published: {value}\n")).meta.published is expected


# --- provider ----------------------------------------------------------------------------------------------------


def test_provider_name_must_not_be_empty() -> None:
    problem = only_problem(edit("  name: Ubergizmo Feed", '  name: ""'))
    assert_problem(problem, "provider.name", 15, 9, "expected a non-empty string", "empty")


def test_provider_name_must_not_be_null() -> None:
    problem = only_problem(edit("  name: Ubergizmo Feed", "  name:"))
    assert_problem(problem, "provider.name", 15, None, "expected a string", "found null")


@pytest.mark.parametrize(
    "domain", ["https://x.com", "ubergizmo.com/", "uber gizmo.com", "-ubergizmo.com", "ubergizmo..com", "@ubergizmo"]
)
def test_provider_domain_must_be_a_host_name(domain: str) -> None:
    problem = only_problem(edit("  domain: ubergizmo.com", f'  domain: "{domain}"'))
    assert_problem(problem, "provider.domain", 16, 11, "expected a host name", repr(domain))


@pytest.mark.parametrize("domain", ["ubergizmo.com", "localhost", "www.bbc.co.uk", "abc-news.go.com", "9to5mac.com"])
def test_provider_domain_host_names_are_accepted(domain: str) -> None:
    assert loads(edit("  domain: ubergizmo.com", f"  domain: {domain}")).meta.provider.domain == domain


def test_provider_that_is_not_a_mapping_is_rejected() -> None:
    problem = only_problem(edit(PROVIDER_BLOCK, "provider: Ubergizmo Feed\n"))
    assert_problem(problem, "provider", 14, 11, "expected a mapping", "found string 'Ubergizmo Feed'")


def test_provider_that_is_null_is_rejected() -> None:
    problem = only_problem(edit(PROVIDER_BLOCK, "provider:\n"))
    assert_problem(problem, "provider", 14, None, "expected a mapping", "found null")


# --- topics ------------------------------------------------------------------------------------------------------


def test_topics_item_must_not_be_empty() -> None:
    problem = only_problem(edit("  - AI\n", '  - ""\n'))
    assert_problem(problem, "topics[1]", 20, 5, "expected a non-empty string", "empty")


def test_topics_item_must_be_a_string() -> None:
    problem = only_problem(edit("  - AI\n", "  - [AI]\n"))
    assert_problem(problem, "topics[1]", 20, 5, "expected a string", "found a list")


def test_topics_item_must_not_be_null() -> None:
    problem = only_problem(edit("  - AI\n", "  -\n"))
    assert_problem(problem, "topics[1]", 20, None, "expected a string", "found null")


def test_topics_must_be_a_list() -> None:
    problem = only_problem(edit("topics:\n  - Natural Language Processing\n  - AI\n", "topics: AI\n"))
    assert_problem(problem, "topics", 18, 9, "expected a list", "found string 'AI'")


# --- images ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "old", "line", "column"), [("width", "    width: 900", 24, 12), ("height", "    height: 600", 25, 13)]
)
@pytest.mark.parametrize(
    ("value", "says"), [("0", ("expected an integer >= 1", "found 0")), ("-5", (">= 1", "found -5"))]
)
def test_image_width_and_height_must_be_positive(
    key: str, old: str, line: int, column: int, value: str, says: tuple[str, ...]
) -> None:
    problem = only_problem(edit(old, f"    {key}: {value}"))
    assert_problem(problem, f"images[0].{key}", line, column, *says)


def test_image_width_must_be_an_integer() -> None:
    problem = only_problem(edit("    width: 900", '    width: "900"'))
    assert_problem(problem, "images[0].width", 24, 12, "expected an integer", "found string '900'")


@pytest.mark.parametrize(
    ("value", "found"), [('"yes"', "found string 'yes'"), ("1", "found integer 1"), ("yes", "'yes'")]
)
def test_image_is_cached_must_be_a_bool(value: str, found: str) -> None:
    problem = only_problem(edit("    isCached: true\n    title", f"    isCached: {value}\n    title"))
    assert_problem(problem, "images[0].isCached", 26, 15, "expected true or false", found)


def test_image_title_must_be_a_string() -> None:
    old = '    title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"'
    problem = only_problem(edit(old, "    title: [a]"))
    assert_problem(problem, "images[0].title", 27, 12, "expected a string", "found a list")


def test_images_item_must_be_a_mapping() -> None:
    bad = edit(
        "  - Natural Language Processing\n  - AI\n\nimages:\n",
        "  - Natural Language Processing\n  - AI\n\nimages:\n  - just text\n",
    )
    problem = only_problem(bad)
    assert_problem(problem, "images[0]", 23, 5, "expected a mapping", "found string 'just text'")


# --- related -------------------------------------------------------------------------------------------------------


def test_related_image_width_has_a_nested_path() -> None:
    problem = only_problem(edit("        width: 3000", "        width: 0"))
    assert_problem(problem, "related[2].images[0].width", 75, 16, "expected an integer >= 1", "found 0")


def test_related_provider_name_has_a_nested_path() -> None:
    problem = only_problem(edit("      name: Fox News", '      name: ""'))
    assert_problem(problem, "related[1].provider.name", 54, 13, "expected a non-empty string", "empty")


def test_related_provider_domain_has_a_nested_path() -> None:
    problem = only_problem(edit("      domain: wbur.org", "      domain: https://wbur.org"))
    assert_problem(problem, "related[2].provider.domain", 71, 15, "expected a host name", "'https://wbur.org'")


def test_related_title_must_not_be_empty() -> None:
    old = '  - title: "Boston Bans Use Of Facial Recognition Technology. It\'s The 2nd-Largest City To Do So"\n'
    problem = only_problem(edit(old, '  - title: ""\n'))
    assert_problem(problem, "related[2].title", 62, 12, "expected a non-empty string", "empty")


def test_related_is_cached_has_a_nested_path() -> None:
    bad = edit("        height: 382\n        isCached: true", "        height: 382\n        isCached: maybe")
    problem = only_problem(bad)
    assert_problem(problem, "related[3].images[0].isCached", 93, 19, "expected true or false", "'maybe'")


@pytest.mark.parametrize("key", ["heat", "published", "topics", "secured"])
def test_related_items_have_no_article_only_keys(key: str) -> None:
    value = {"heat": "3", "published": "true", "topics": "[AI]", "secured": '"x;y"'}[key]
    bad = edit("    quality: 74\n", f"    quality: 74\n    {key}: {value}\n")
    problem = only_problem(bad, strict=True)
    assert_problem(problem, f"related[1].{key}", 57, 5, "unknown key", repr(key))
    kept = loads(bad).meta.related[1].extra
    assert list(kept) == [key]


def test_related_must_be_a_list_of_mappings() -> None:
    bad = edit('  - title: "Democrats and civil', '  - just a title\n  - title: "Democrats and civil')
    problem = only_problem(bad)
    assert_problem(problem, "related[0]", 30, 5, "expected a mapping", "found string 'just a title'")


# --- secured -------------------------------------------------------------------------------------------------------


SECURED_CASES = [
    pytest.param(PAYLOAD[:10] + "*" + PAYLOAD[11:] + ";" + IV, "not base64", id="bad-character"),
    pytest.param(PAYLOAD.replace("/", "_") + ";" + IV, "not base64", id="url-safe-alphabet"),
    pytest.param(PAYLOAD[:-1] + ";" + IV, "not base64", id="bad-padding-payload"),
    pytest.param(PAYLOAD + ";" + IV[:-1], "not base64", id="bad-padding-iv"),
    pytest.param(PAYLOAD[:-2] + ";" + IV, "not base64", id="missing-padding"),
    pytest.param(PAYLOAD[:40] + " " + PAYLOAD[40:] + ";" + IV, "whitespace", id="space-inside"),
    pytest.param(PAYLOAD + ";" + IV[:8] + "\\n" + IV[8:], "whitespace", id="newline-inside"),
    pytest.param(PAYLOAD + "; " + IV, "whitespace", id="space-after-semicolon"),
    pytest.param(PAYLOAD + ";" + base64.b64encode(bytes(8)).decode(), "16 bytes, found 8", id="iv-8-bytes"),
    pytest.param(PAYLOAD + ";" + base64.b64encode(bytes(17)).decode(), "16 bytes, found 17", id="iv-17-bytes"),
    pytest.param(base64.b64encode(bytes(15)).decode() + ";" + IV, "multiple of 16 bytes, found 15", id="payload-15"),
    pytest.param(base64.b64encode(bytes(255)).decode() + ";" + IV, "found 255", id="payload-255"),
    pytest.param(";" + IV, "payload, found nothing", id="empty-payload"),
    pytest.param(PAYLOAD + ";", "iv, found nothing", id="empty-iv"),
    pytest.param(PAYLOAD + IV, "found no ';'", id="no-semicolon"),
    pytest.param(PAYLOAD + ";" + IV + ";" + IV, "found 2 ';'", id="two-semicolons"),
]


@pytest.mark.parametrize(("token", "says"), SECURED_CASES)
def test_secured_token_rules(token: str, says: str) -> None:
    bad = edit(f'secured: "{TOKEN}"', f'secured: "{token}"')
    with pytest.raises(ArticleError) as info:
        loads(bad)
    [problem] = info.value.problems
    assert_problem(problem, "secured", 95, 10, "expected", says)
    shown = str(info.value) + repr(info.value) + repr(info.value.problems)
    for secret in {token, PAYLOAD[:16], PAYLOAD[-16:], IV[:12]} - {""}:
        assert secret not in shown


@pytest.mark.parametrize(("token", "says"), SECURED_CASES)
def test_secured_constructor_rules(token: str, says: str) -> None:
    token = token.replace("\\n", "\n")
    with pytest.raises(ValueError, match="expected") as info:
        Secured(token)
    assert says in str(info.value)
    assert PAYLOAD[:16] not in str(info.value)
    assert IV[:12] not in str(info.value)


def test_secured_that_is_not_a_string_is_rejected() -> None:
    problem = only_problem(edit(f'secured: "{TOKEN}"', "secured: [a, b]"))
    assert_problem(problem, "secured", 95, 10, "expected a '<payload>;<iv>' token", "found a list")


def test_secured_keeps_exact_text_and_decodes_bytes() -> None:
    secured = loads(TEXT).meta.secured
    assert isinstance(secured, Secured)
    assert str(secured) == TOKEN
    assert secured.payload == base64.b64decode(PAYLOAD)
    assert secured.iv == base64.b64decode(IV)
    assert isinstance(secured.payload, bytes)
    assert len(secured.iv) == 16
    assert len(secured.payload) % 16 == 0


def test_secured_token_never_appears_in_repr() -> None:
    doc = loads(TEXT)
    for shown in (repr(doc.meta.secured), repr(doc.meta), repr(doc), str(doc.meta), str(doc)):
        assert TOKEN not in shown
        assert PAYLOAD[:16] not in shown
        assert IV not in shown


def test_secured_token_is_not_echoed_when_assigned_as_a_string() -> None:
    doc = loads(TEXT)
    with pytest.raises(ValueError, match="secured") as info:
        doc.meta.secured = TOKEN  # type: ignore[assignment]
    assert PAYLOAD[:16] not in str(info.value)
    assert doc.meta.secured == Secured(TOKEN)


# --- several problems at once ------------------------------------------------------------------------------------


def test_every_problem_is_reported_sorted_by_line() -> None:
    bad = edit("        width: 3000", "        width: 0")
    bad = edit("  domain: ubergizmo.com", "  domain: https://ubergizmo.com", bad)
    bad = edit("quality: 38\n", "quality: -1\n", bad)
    with pytest.raises(ArticleError) as info:
        loads(bad, filename="news/a.md")
    found = info.value.problems
    assert [(p.path, p.line, p.column) for p in found] == [
        ("quality", 10, 10),
        ("provider.domain", 16, 11),
        ("related[2].images[0].width", 75, 16),
    ]
    assert str(info.value).splitlines() == [
        "news/a.md:10:10: quality: expected an integer >= 0, found -1",
        "news/a.md:16:11: provider.domain: expected a host name such as 'example.com',"
        " found string 'https://ubergizmo.com'",
        "news/a.md:75:16: related[2].images[0].width: expected an integer >= 1, found 0",
    ]


def test_two_problems_in_one_item_and_a_missing_key_are_all_reported() -> None:
    bad = edit("    width: 900\n    height: 600\n", "    width: 0\n    height: -1\n")
    bad = edit("category: news\n", "", bad)
    found = problems(bad)
    assert [(p.path, p.line) for p in found] == [("category", 2), ("images[0].width", 23), ("images[0].height", 24)]


def test_default_filename_is_string_marker() -> None:
    with pytest.raises(ArticleError) as info:
        loads(edit("heat: -1\n", "heat: -2\n"))
    assert str(info.value) == "<string>:11:7: heat: expected an integer >= -1, found -2"
    assert info.value.filename == "<string>"


def test_load_names_the_file_path(tmp_path: Path) -> None:
    path = tmp_path / "2020-06-24-boston.md"
    path.write_text(edit("heat: -1\n", "heat: -2\n"), encoding="utf-8", newline="")
    with pytest.raises(ArticleError) as info:
        load(path)
    assert str(info.value) == f"{path}:11:7: heat: expected an integer >= -1, found -2"


def test_article_error_pickles_with_its_problems() -> None:
    with pytest.raises(ArticleError) as info:
        loads(edit("heat: -1\n", "heat: -2\n"), filename="a.md")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems
    assert str(again) == str(info.value)


def test_positions_are_the_same_with_crlf_and_bom() -> None:
    bad = edit("quality: 38\n", "quality: -1\n")
    bad = edit("        width: 3000", "        width: 0", bad)
    expected = [(p.path, p.line, p.column, p.message) for p in problems(bad)]
    for variant in (bad.replace("\n", "\r\n"), "\ufeff" + bad, ("\ufeff" + bad.replace("\n", "\r\n")).encode()):
        assert [(p.path, p.line, p.column, p.message) for p in problems(variant)] == expected


def test_positions_are_the_same_when_the_full_yaml_parser_reads_the_file() -> None:
    """A flow sequence sends the file to ruamel.yaml; the problems must not move."""
    bad = edit("quality: 38\n", "quality: -1\n")
    bad = edit("      name: Fox News\n", '      name: ""\n', bad)
    flow = edit(
        "topics:\n  - Natural Language Processing\n  - AI\n", "topics: [Natural Language Processing, AI]\n\n\n", bad
    )
    expected = [("quality", 10, 10), ("related[1].provider.name", 54, 13)]
    assert [(p.path, p.line, p.column) for p in problems(bad)] == expected
    assert [(p.path, p.line, p.column) for p in problems(flow)] == expected


# --- strict mode and unknown keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "column"),
    [
        ("  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  logo: x.png\n", "provider.logo", 17, 3),
        ("heat: -1\n", "heat: -1\ntags: [a, b]\n", "tags", 12, 1),
        (
            "    isCached: true\n    title",
            "    isCached: true\n    attribution: AP\n    title",
            "images[0].attribution",
            27,
            5,
        ),
        ("        width: 636\n", "        width: 636\n        alt: x\n", "related[3].images[0].alt", 92, 9),
    ],
)
def test_strict_mode_rejects_unknown_keys_at_the_key(old: str, new: str, path: str, line: int, column: int) -> None:
    bad = edit(old, new)
    key = path.rsplit(".", 1)[-1]
    problem = only_problem(bad, strict=True)
    assert_problem(problem, path, line, column, "unknown key", repr(key))


def test_lenient_mode_keeps_unknown_keys_in_extra() -> None:
    bad = edit("  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  logo: x.png\n")
    bad = edit("heat: -1\n", "heat: -1\ntags: [a, b]\nlocale: en-us\n", bad)
    bad = edit("    isCached: true\n    title", "    isCached: true\n    attribution: AP\n    title", bad)
    meta = loads(bad).meta
    assert meta.provider.extra == {"logo": "x.png"}
    assert meta.extra == {"tags": ["a", "b"], "locale": "en-us"}
    assert meta.images[0].extra == {"attribution": "AP"}


def test_strict_mode_reports_unknown_keys_together_with_bad_values() -> None:
    bad = edit("heat: -1\n", "heat: -1\nlocale: en\n")
    bad = edit("quality: 38\n", "quality: -3\n", bad)
    found = problems(bad, strict=True)
    assert [(p.path, p.line, p.column) for p in found] == [("quality", 10, 10), ("locale", 12, 1)]


# --- framing -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (TEXT[len("---\n") :], "'category: news'"),
        ("\n" + TEXT, "''"),
        (" ---\n" + TEXT[4:], "' ---'"),
        ("+++\n" + TEXT[4:], "'+++'"),
        ("--\n" + TEXT[4:], "'--'"),
    ],
)
def test_missing_opening_delimiter_is_reported_on_line_1(text: str, found: str) -> None:
    problem = only_problem(text)
    assert_problem(problem, "", 1, 1, "expected '---' as the first line", found)


@pytest.mark.parametrize("text", ["", b""])
def test_empty_file_is_an_error(text: str | bytes) -> None:
    assert_problem(only_problem(text), "", 1, 1, "expected '---'", "empty file")


@pytest.mark.parametrize("text", ["---\n", "---", "---\ntitle: x\n", TEXT[: TEXT.rindex("---\n")]])
def test_unclosed_front_matter_is_an_error_that_names_its_line(text: str) -> None:
    problem = only_problem(text)
    assert_problem(problem, "", 1, 1, "never closed", "'---'")


def test_front_matter_ends_at_the_first_closing_line() -> None:
    doc = loads(TEXT + "Intro\n---\nMore\n")
    assert doc.body == "\nIntro\n---\nMore\n"


@pytest.mark.parametrize(
    ("front", "found"),
    [
        ("- a\n- b\n", "found a list"),
        ("hello\n", "found a scalar"),
        ('"quoted"\n', "found a scalar"),
        ("[a]\n", "a list"),
    ],
)
def test_front_matter_that_is_not_a_mapping_is_an_error(front: str, found: str) -> None:
    problem = only_problem(f"---\n{front}---\nbody\n")
    assert_problem(problem, "", 2, 1, "expected a mapping", found)


# --- YAML syntax -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        ("  name: Ubergizmo Feed\n", "\tname: Ubergizmo Feed\n", 15, 1),
        ("  domain: ubergizmo.com\n", "   domain: ubergizmo.com\n", 16, 10),
        ("heat: -1\n", "heat: -1\n- y\n", 12, 1),
    ],
)
def test_yaml_syntax_error_is_an_article_error_with_a_file_position(old: str, new: str, line: int, column: int) -> None:
    with pytest.raises(ArticleError) as info:
        loads(edit(old, new))
    assert info.type is ArticleError
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    [problem] = info.value.problems
    assert problem.path == ""
    assert problem.message.startswith("invalid YAML: ")
    assert (problem.line, problem.column) == (line, column)


def test_yaml_syntax_error_in_a_tiny_file() -> None:
    problem = only_problem("---\ntitle: [\n---\n")
    assert_problem(problem, "", 3, 1, "invalid YAML")


def test_yaml_tags_other_than_the_core_schemas_are_rejected() -> None:
    problem = only_problem(edit("quality: 38\n", "quality: !!python/int 38\n"))
    assert_problem(problem, "quality", 10, 10, "tag")


def test_a_core_tag_the_value_does_not_match_is_reported_at_the_value() -> None:
    problem = only_problem(edit("quality: 38\n", "quality: !!int many\n"))
    assert_problem(problem, "quality", 10, 16, "expected an integer after the tag !!int, found string 'many'")


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "first"),
    [
        ("heat: -1\n", "heat: -1\nquality: 3\n", "quality", 12, 10),
        ("      name: Fox News\n", "      name: Fox News\n      name: Fox\n", "related[1].provider.name", 55, 54),
        ("  - AI\n\nimages:\n  - url", "  - AI\n\nimages:\n  - width: 1\n    url", "images[0].width", 25, 23),
    ],
)
def test_duplicate_key_names_both_lines(old: str, new: str, path: str, line: int, first: int) -> None:
    problem = only_problem(edit(old, new))
    assert_problem(problem, path, line, None, "duplicate key", f"line {first}")


def test_every_duplicate_key_is_reported_at_once() -> None:
    bad = edit("heat: -1\n", "heat: -1\nquality: 3\n")
    bad = edit("      name: Fox News\n", "      name: Fox News\n      name: Fox\n", bad)
    found = problems(bad)
    assert [(p.path, p.line) for p in found] == [("quality", 12), ("related[1].provider.name", 56)]
    assert "line 10" in found[0].message
    assert "line 55" in found[1].message


def test_duplicate_key_in_a_flow_mapping() -> None:
    problem = only_problem(edit("heat: -1\n", "heat: -1\nx: {a: 1, a: 2}\n"))
    assert_problem(problem, "x.a", 12, 11, "duplicate key", "line 12")


def test_non_string_key_is_rejected() -> None:
    problem = only_problem(edit("heat: -1\n", "heat: -1\n12: twelve\n"))
    assert_problem(problem, "", 12, 1, "expected a string key", "12")


# --- bytes -------------------------------------------------------------------------------------------------------


def test_invalid_utf8_names_byte_offset_line_and_column() -> None:
    data = TEXT.encode("utf-8").replace(b"Ubergizmo Feed", b"Uber\xffgizmo Feed")
    offset = data.index(b"\xff")
    problem = only_problem(data)
    assert_problem(problem, "", 15, 13, "expected UTF-8", "ff", f"byte offset {offset}")


def test_truncated_utf8_sequence_is_located() -> None:
    data = TEXT.encode("utf-8").replace(b"heat: -1", b"heat: \xc3")
    offset = data.index(b"\xc3")
    problem = only_problem(data)
    assert_problem(problem, "", 11, 7, "expected UTF-8", f"byte offset {offset}")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_an_error(encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    data = bom + TEXT.encode(encoding)
    assert_problem(only_problem(data), "", 1, 1, "expected UTF-8", "UTF-16")


def test_utf8_bom_is_accepted() -> None:
    assert loads(b"\xef\xbb\xbf" + TEXT.encode()).meta.quality == 38


# --- validation on assignment -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "attribute", "value", "says"),
    [
        ("meta", "quality", -1, ">= 0"),
        ("meta", "quality", True, "boolean true"),
        ("meta", "heat", -2, ">= -1"),
        ("meta", "title", "", "non-empty"),
        ("meta", "web_url", "ftp://x", "'ftp://x'"),
        ("meta", "published_date_time", dt.datetime(2020, 6, 24, 23, 48), "time zone"),
        ("meta", "published", "yes", "true or false"),
        ("meta", "topics", ["AI", ""], "non-empty"),
        ("image", "width", 0, ">= 1"),
        ("image", "url", "relative/path.jpg", "'relative/path.jpg'"),
        ("provider", "domain", "https://x.com", "host name"),
        ("provider", "name", "", "non-empty"),
        ("related", "quality", -1, ">= 0"),
    ],
)
def test_assignment_is_validated_and_keeps_the_old_value(target: str, attribute: str, value: Any, says: str) -> None:
    meta = loads(TEXT).meta
    obj: Any = {
        "meta": meta,
        "image": meta.images[0],
        "provider": meta.provider,
        "related": meta.related[1],
    }[target]
    old = getattr(obj, attribute)
    with pytest.raises(ValueError, match=re.escape(attribute)) as info:
        setattr(obj, attribute, value)
    assert says in str(info.value)
    assert getattr(obj, attribute) == old


def test_assignment_examples_from_the_brief() -> None:
    doc = loads(TEXT)
    with pytest.raises(ValueError, match="quality"):
        doc.meta.quality = -1
    with pytest.raises(ValueError, match="title"):
        doc.meta.title = ""
    with pytest.raises(ValueError, match="width"):
        doc.meta.images[0].width = 0
    with pytest.raises(ValueError, match="web_url"):
        doc.meta.web_url = "ftp://x"
    assert (doc.meta.quality, doc.meta.images[0].width) == (38, 900)
    assert doc.meta.title.startswith("The City")
    assert doc.meta.web_url.startswith("https://www.ubergizmo.com/")
    assert dumps(doc) == TEXT


# --- a user-defined schema -------------------------------------------------------------------------------------------


@attrs.define
class Author:
    full_name: str
    born_at: dt.datetime | None = None
    home_page: str | None = None


@attrs.define
class Post:
    post_title: str
    word_count: int
    authors: list[Author]
    editor: Author | None = None
    tags: list[str] = attrs.field(factory=list)
    is_draft: bool = False
    slug: str = attrs.field(default="", metadata={"articlefm": {"key": "permalink"}})


POST = """---
postTitle: Hello
wordCount: 120
authors:
  - fullName: Ada
    bornAt: 1815-12-10T00:00:00Z
  - fullName: Grace
editor:
  fullName: Ed
tags:
  - a
  - b
isDraft: false
permalink: /hello
---
Body
"""


def test_user_schema_reads_camel_case_keys() -> None:
    meta = loads(POST, schema=Post).meta
    assert meta.post_title == "Hello"
    assert meta.word_count == 120
    assert meta.authors[0].born_at == dt.datetime(1815, 12, 10, tzinfo=dt.UTC)
    assert meta.editor == Author(full_name="Ed")
    assert (meta.tags, meta.is_draft, meta.slug) == (["a", "b"], False, "/hello")


def test_user_schema_errors_have_file_paths_and_lines() -> None:
    bad = POST.replace("wordCount: 120", "wordCount: many")
    bad = bad.replace("  - fullName: Grace\n", "  - bornAt: 2020-01-01\n")
    bad = bad.replace("  fullName: Ed", "  fullName: [x]")
    bad = bad.replace("  - b\n", "  - [b]\n")
    bad = bad.replace("isDraft: false", "isDraft: 1")
    bad = bad.replace("permalink: /hello", "permalink: [/hello]")
    with pytest.raises(ArticleError) as info:
        loads(bad, schema=Post, filename="post.md")
    assert [(p.path, p.line, p.column) for p in info.value.problems] == [
        ("wordCount", 3, 12),
        ("authors[1].fullName", 7, 5),
        ("authors[1].bornAt", 7, 13),
        ("editor.fullName", 9, 13),
        ("tags[1]", 12, 5),
        ("isDraft", 13, 10),
        ("permalink", 14, 12),
    ]
    found = info.value.problems
    assert_problem(found[0], "wordCount", 3, 12, "expected an integer", "'many'")
    assert_problem(found[1], "authors[1].fullName", 7, 5, "missing", "'fullName'")
    assert_problem(found[2], "authors[1].bornAt", 7, 13, "expected a timestamp", "2020-01-01")
    assert_problem(found[3], "editor.fullName", 9, 13, "expected a string", "list")
    assert_problem(found[4], "tags[1]", 12, 5, "expected a string", "list")
    assert_problem(found[5], "isDraft", 13, 10, "expected true or false", "integer 1")
    assert_problem(found[6], "permalink", 14, 12, "expected a string", "list")
    assert str(info.value).splitlines()[0] == "post.md:3:12: wordCount: expected an integer, found string 'many'"


def test_user_schema_missing_top_level_key_is_on_line_2() -> None:
    problem = only_problem(POST.replace("postTitle: Hello\n", ""), schema=Post)
    assert_problem(problem, "postTitle", 2, 1, "missing", "'postTitle'")


def test_user_schema_strict_mode_names_unknown_nested_keys() -> None:
    bad = POST.replace("  fullName: Ed\n", "  fullName: Ed\n  email: ed@example.com\n")
    problem = only_problem(bad, schema=Post, strict=True)
    assert_problem(problem, "editor.email", 10, 3, "unknown key", "'email'")


@attrs.define
class Rated:
    name: str
    score: int = attrs.field(validator=attrs.validators.ge(0))


@attrs.define
class Review:
    reviewed_items: list[Rated]
    star_count: int = attrs.field(default=1, validator=attrs.validators.in_(range(1, 6)))


REVIEW = """---
starCount: 3
reviewedItems:
  - name: a
    score: 1
  - name: b
    score: 2
---
"""


def test_user_schema_attrs_validator_failure_names_its_key_and_line() -> None:
    """docs/schemas.md: "Your attrs validators run too, on load" -- and errors name the file's keys and lines."""
    problem = only_problem(REVIEW.replace("starCount: 3", "starCount: 9"), schema=Review)
    assert (problem.path, problem.line, problem.column) == ("starCount", 2, 12)


def test_user_schema_nested_attrs_validator_failure_names_its_key_and_line() -> None:
    problem = only_problem(REVIEW.replace("    score: 2", "    score: -2"), schema=Review)
    assert (problem.path, problem.line, problem.column) == ("reviewedItems[1].score", 7, 12)


@attrs.define
class Described:
    title: str = attrs.field(validator=attrs.validators.min_len(3), metadata={"articlefm": {"description": "Heading"}})
    count: int = attrs.field(default=1, validator=attrs.validators.ge(1), metadata={"articlefm": {"key": "n"}})


@pytest.mark.parametrize(
    ("text", "path", "column"), [("---\ntitle: ab\n---\n", "title", 8), ("---\ntitle: abc\nn: 0\n---\n", "n", 4)]
)
def test_user_validators_run_on_fields_whose_metadata_names_a_key_or_description(
    text: str, path: str, column: int
) -> None:
    problem = only_problem(text, schema=Described)
    assert (problem.path, problem.column) == (path, column)
    assert loads("---\ntitle: abc\nn: 2\n---\n", schema=Described).meta == Described(title="abc", count=2)


# --- only ArticleError, whatever the input -----------------------------------------------------------------------


_TEXT_BYTES = TEXT.encode("utf-8")
_NOISE = b"-:\"'[]{}#&*!|>%@`\n \t,?0123456789aZ=;/\\\r\xff\xc3"


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(_TEXT_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data) - 1))
        operation = draw(st.sampled_from(["delete", "insert", "replace"]))
        byte = draw(st.sampled_from(list(_NOISE)))
        if operation == "delete":
            del data[position : position + draw(st.integers(1, 3))]
        elif operation == "insert":
            data[position:position] = bytes([byte])
        else:
            data[position] = byte
    return bytes(data)


@given(_mutated(), st.booleans())
def test_damaged_files_raise_only_article_error_with_positions_in_the_file(data: bytes, strict: bool) -> None:
    found: list[Problem] | None = None
    try:
        loads(data, strict=strict)
    except ArticleError as exc:
        found = exc.problems
    if found is not None:
        assert found
        lines = data.count(b"\n") + 1
        for problem in found:
            assert 1 <= problem.line <= lines, problem
            assert problem.column >= 1, problem
            assert "\n" not in problem.message


@given(st.text(max_size=200))
def test_arbitrary_front_matter_raises_only_article_error(front: str) -> None:
    found: list[Problem] | None = None
    try:
        loads(f"---\n{front}\n---\n")
    except ArticleError as exc:
        found = exc.problems
    assert found is None or (found and all(isinstance(problem, Problem) for problem in found))


def test_public_names() -> None:
    assert articlefm.ArticleError is ArticleError
    assert articlefm.Problem is Problem


# --- the rules as objects: each one's quick test never says yes to a value its check refuses ----------------------


def _rules_with_tests() -> list[tuple[Any, type]]:
    """Every rule of the models that has a quick test, with the type of the values it tests."""
    from articlefm._model import MODELS
    from articlefm._schema import list_item, spec

    found = {}
    for model in MODELS:
        for field in spec(model).fields:
            rule, tp = field.check, field.value_type
            while rule is not None:
                if rule.test is not None:
                    found[rule.description] = (rule, tp)
                rule, tp = (rule.optional, tp) if rule.optional else (rule.item, list_item(tp))
    return sorted(found.values(), key=lambda pair: pair[0].description)


_VALUES_OF: dict[type, st.SearchStrategy[Any]] = {
    str: st.one_of(
        st.text(max_size=20),
        st.sampled_from(["https://x.com/a", "http://", "/assets/a.png", "//x", "ftp://x", "example.com", "-a.com", ""]),
    ),
    int: st.integers(-3, 3),
    dt.datetime: st.one_of(
        st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
        st.datetimes().map(lambda value: value.replace(tzinfo=dt.timezone(dt.timedelta(seconds=90)))),
    ),
}


@pytest.mark.parametrize(("rule", "tp"), _rules_with_tests(), ids=lambda item: getattr(item, "description", ""))
@given(data=st.data())
def test_a_rules_quick_test_passes_only_what_its_check_passes(rule: Any, tp: type, data: st.DataObject) -> None:
    value = data.draw(_VALUES_OF[tp])
    if rule.test(value):
        rule(value)  # must not raise: compiled code skips the check when the test says yes


def test_every_rule_of_the_models_says_what_it_asks_for_in_words() -> None:
    from articlefm._model import MODELS
    from articlefm._schema import spec

    descriptions = {field.check.description for model in MODELS for field in spec(model).fields if field.check}
    assert "an integer >= 1" in descriptions
    assert all(description and description[0].islower() for description in descriptions)
