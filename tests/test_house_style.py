"""Promise: new files in house style.

An article built in Python, with no source file behind it, is written in the
layout of the real files: keys in schema order, free text and URLs double
quoted, other strings plain unless YAML needs quotes, indent 2, one blank line
before the provider/topics/images/related/secured blocks, ``Z`` for UTC, no
wrapping.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
from fixture_files import CORPUS_FILES, SAMPLE, read_text
from hypothesis import given, settings
from hypothesis import strategies as st

import articlefm
from articlefm import Article, Document, Image, Provider, RelatedArticle, Secured

QUOTED_STYLE_FILES = [path for path in CORPUS_FILES if 'webUrl: "' in read_text(path)]


def sample_article() -> Article:
    """The sample's values, written out."""
    return Article(
        category="news",
        title="The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance",
        excerpt=(
            "While some parts of the world, facial recognition based surveillance is being "
            "adopted, there are some part of the world where the technology is"
        ),
        published_date_time=dt.datetime(2020, 6, 24, 23, 48, tzinfo=dt.UTC),
        web_url="https://www.ubergizmo.com/2020/06/boston-ban-facial-recognition-surveillance/",
        amp_web_url="https://www.ubergizmo.com/2020/06/boston-ban-facial-recognition-surveillance/amp/",
        cdn_amp_web_url=(
            "https://www-ubergizmo-com.cdn.ampproject.org/c/s/www.ubergizmo.com/2020/06/"
            "boston-ban-facial-recognition-surveillance/amp/"
        ),
        type="article",
        quality=38,
        heat=-1,
        published=False,
        provider=Provider(
            name="Ubergizmo Feed",
            domain="ubergizmo.com",
        ),
        topics=[
            "Natural Language Processing",
            "AI",
        ],
        images=[
            Image(
                url="https://i0.wp.com/cdnssl.ubergizmo.com/wp-content/uploads/2018/04/security-camera.jpg",
                width=900,
                height=600,
                is_cached=True,
                title="The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance",
            ),
        ],
        related=[
            RelatedArticle(
                title="Democrats and civil liberties groups back law banning facial recognition across the US",
                excerpt=(
                    "New legislation that would ban\xa0police use of facial recognition software\xa0across "
                    "the US has been backed by civil liberties groups -- but not Big Tech."
                ),
                published_date_time=dt.datetime(2020, 6, 26, 12, 46, tzinfo=dt.UTC),
                web_url=(
                    "https://thenextweb.com/neural/2020/06/26/democrats-and-civil-liberties-groups-"
                    "back-law-banning-facial-recognition-across-the-us/"
                ),
                amp_web_url=(
                    "https://thenextweb.com/neural/2020/06/26/democrats-and-civil-liberties-groups-"
                    "back-law-banning-facial-recognition-across-the-us/amp/"
                ),
                cdn_amp_web_url=(
                    "https://thenextweb-com.cdn.ampproject.org/c/s/thenextweb.com/neural/2020/06/26/"
                    "democrats-and-civil-liberties-groups-back-law-banning-facial-recognition-across-"
                    "the-us/amp/"
                ),
                type="article",
                provider=Provider(
                    name="The Next Web",
                    domain="thenextweb.com",
                ),
                quality=83,
                images=[
                    Image(
                        url=(
                            "https://cdn0.tnwcdn.com/wp-content/blogs.dir/1/files/2020/06/Untitled-design-85-"
                            "796x417.png"
                        ),
                        width=796,
                        height=417,
                        is_cached=True,
                    ),
                ],
            ),
            RelatedArticle(
                title="Boston bans police from using facial recognition technology",
                excerpt=(
                    "Boston has banned police from using facial recognition technology, becoming the "
                    "second-largest U.S. community to do so."
                ),
                published_date_time=dt.datetime(2020, 6, 24, 22, 10, tzinfo=dt.UTC),
                web_url="https://www.foxnews.com/tech/boston-bans-police-facial-recognition-technology",
                amp_web_url="https://www.foxnews.com/tech/boston-bans-police-facial-recognition-technology.amp",
                cdn_amp_web_url=(
                    "https://www-foxnews-com.cdn.ampproject.org/c/s/www.foxnews.com/tech/boston-bans-"
                    "police-facial-recognition-technology.amp"
                ),
                type="article",
                provider=Provider(
                    name="Fox News",
                    domain="foxnews.com",
                ),
                quality=74,
                images=[
                    Image(
                        url=(
                            "https://a57.foxnews.com/static.foxnews.com/foxnews.com/content/uploads/2019/10/"
                            "640/320/facial-recognition-iStock.jpg?ve=1&tl=1"
                        ),
                        width=640,
                        height=320,
                        is_cached=True,
                    ),
                ],
            ),
            RelatedArticle(
                title="Boston Bans Use Of Facial Recognition Technology. It's The 2nd-Largest City To Do So",
                excerpt=(
                    "The move comes even as city officials say the technology isn't yet used by the "
                    "Boston Police Department -- though the department could get access to it with a "
                    "software upgrade."
                ),
                published_date_time=dt.datetime(2020, 6, 25, 10, 31, tzinfo=dt.UTC),
                web_url="https://www.wbur.org/news/2020/06/23/boston-facial-recognition-ban",
                amp_web_url="https://amp.wbur.org/news/2020/06/23/boston-facial-recognition-ban",
                cdn_amp_web_url=(
                    "https://amp-wbur-org.cdn.ampproject.org/c/s/amp.wbur.org/news/2020/06/23/boston-"
                    "facial-recognition-ban"
                ),
                type="article",
                provider=Provider(
                    name="WBUR",
                    domain="wbur.org",
                ),
                quality=37,
                images=[
                    Image(
                        url="https://d279m997dpfwgl.cloudfront.net/wp/2020/06/GettyImages-1199025045.jpg",
                        width=3000,
                        height=2000,
                        is_cached=True,
                    ),
                ],
            ),
            RelatedArticle(
                title=(
                    "Boston becomes the second largest city in the US to ban facial recognition "
                    "software, citing concerns that the technology is 'racially discriminatory' and "
                    "threatens basic rights"
                ),
                excerpt=(
                    "Boston will become the second major city in the US to ban facial recognition "
                    "software for government use after a unanimous city council vote, citing "
                    "concerns of racial bias."
                ),
                published_date_time=dt.datetime(2020, 6, 27, 1, 21, tzinfo=dt.UTC),
                web_url=(
                    "https://www.dailymail.co.uk/sciencetech/article-8464719/Boston-second-largest-"
                    "city-ban-facial-recognition-software.html"
                ),
                amp_web_url=(
                    "https://www.dailymail.co.uk/sciencetech/article-8464719/amp/Boston-second-"
                    "largest-city-ban-facial-recognition-software.html"
                ),
                cdn_amp_web_url=(
                    "https://www-dailymail-co-uk.cdn.ampproject.org/c/s/www.dailymail.co.uk/"
                    "sciencetech/article-8464719/amp/Boston-second-largest-city-ban-facial-"
                    "recognition-software.html"
                ),
                type="article",
                provider=Provider(
                    name="Daily Mail",
                    domain="dailymail.co.uk",
                ),
                quality=0,
                images=[
                    Image(
                        url="https://i.dailymail.co.uk/1s/2020/06/27/00/30104344-0-image-a-10_1593215913669.jpg",
                        width=636,
                        height=382,
                        is_cached=True,
                    ),
                ],
            ),
        ],
        secured=Secured(
            "Buc78lH+yPtXiudyYwwR0wXCvMvGvH5yeUA1ELj4PqRDtBHJKmlMdWdqX0waZ0zMh2/y/4vYMgSg7YG4"
            "ylu8gow0Fsy13oXpa2R1yEvUEJq4FUTNcokhHFXCFfTXoixK6oKJPS7trZhPWRyHmhNTccQB7YGnnkPL"
            "mD0B/lXazxQ78FZhDgMjC/2q5GGSJ+0tEgwDneh47q1b7l05PpiMxgFZ6cxrnweGV2IJ8NUXZQByVodd"
            "LubPwAVa4jLdrduiALhX5dPjKOCjoDF+ZZO9MDOPn72NCkBs0sGTN2u0xa1HH2wv32QQHKonprTq6/bV"
            "p3V0IW1matJ/Vy8uhhNMUg==;vQrTeoffsAV3TMSsdbFKRQ=="
        ),
    )


def write_new(meta: Article, body: str = "\n") -> str:
    """``meta`` written as a new document, checked to read back as itself."""
    out = articlefm.dumps(Document(meta=meta, body=body))
    again = articlefm.loads(out)
    assert again.meta == meta
    assert again.body == body
    return out


def test_sample_written_byte_for_byte() -> None:
    assert write_new(sample_article()) == read_text(SAMPLE)


def test_sample_model_equals_loaded_sample() -> None:
    assert sample_article() == articlefm.loads(read_text(SAMPLE)).meta


def test_quoted_style_corpus_is_large() -> None:
    assert len(CORPUS_FILES) == 146
    assert len(QUOTED_STYLE_FILES) > 50


@pytest.mark.parametrize("path", QUOTED_STYLE_FILES, ids=lambda path: path.name)
def test_quoted_style_file_written_as_new(path: Path) -> None:
    text = read_text(path)
    loaded = articlefm.loads(text)
    assert write_new(copy.deepcopy(loaded.meta), loaded.body) == text


def minimal_article(**changes: object) -> Article:
    """An article with only the required fields."""
    article = Article(
        category="news",
        title="A minimal article",
        published_date_time=dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.UTC),
        web_url="https://example.com/news/minimal",
        type="article",
        provider=Provider(name="Example News", domain="example.com"),
    )
    for name, value in changes.items():
        setattr(article, name, value)
    return article


MINIMAL_TEXT = (
    "---\n"
    "category: news\n"
    'title: "A minimal article"\n'
    "publishedDateTime: 2021-03-04T05:06:07Z\n"
    'webUrl: "https://example.com/news/minimal"\n'
    "type: article\n"
    "\n"
    "provider:\n"
    "  name: Example News\n"
    "  domain: example.com\n"
    "---\n"
    "\n"
)


def test_minimal_article() -> None:
    assert write_new(minimal_article()) == MINIMAL_TEXT


def test_minimal_article_with_body() -> None:
    body = "Some *Markdown*.\n\n---\n\nAfter a rule.\n"
    assert write_new(minimal_article(), body) == MINIMAL_TEXT.removesuffix("\n") + body


def test_empty_body() -> None:
    assert write_new(minimal_article(), "") == MINIMAL_TEXT.removesuffix("\n")


def replace_line(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_title_with_quote_newline_and_emoji() -> None:
    title = 'He said "no" \\ twice\nthen left 🙂'
    out = write_new(minimal_article(title=title))
    expected_line = 'title: "He said \\"no\\" \\\\ twice\\nthen left 🙂"\n'
    assert out == replace_line(MINIMAL_TEXT, 'title: "A minimal article"\n', expected_line)


def test_control_characters_escaped() -> None:
    excerpt = "tab\there, bell\a, nul\0, nel\x85, ls\u2028, bom\ufeff."
    out = write_new(minimal_article(excerpt=excerpt))
    assert out == replace_line(
        MINIMAL_TEXT,
        "\npublishedDateTime",
        '\nexcerpt: "tab\\there, bell\\a, nul\\0, nel\\x85, ls\\u2028, bom\\ufeff."\npublishedDateTime',
    )


def test_long_text_not_wrapped() -> None:
    title = "word " * 120 + "end"
    excerpt = "x" * 2000
    out = write_new(minimal_article(title=title, excerpt=excerpt))
    expected = replace_line(MINIMAL_TEXT, 'title: "A minimal article"\n', f'title: "{title}"\nexcerpt: "{excerpt}"\n')
    assert out == expected


@pytest.mark.parametrize(
    ("value", "written"),
    [
        pytest.param(dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.UTC), "2021-03-04T05:06:07Z", id="utc"),
        pytest.param(
            dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
            "2021-03-04T05:06:07+05:30",
            id="plus-5-30",
        ),
        pytest.param(
            dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "2021-03-04T05:06:07-07:00",
            id="minus-7",
        ),
        pytest.param(
            dt.datetime(2021, 3, 4, 5, 6, 7, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "2021-03-04T05:06:07.123456-07:00",
            id="microseconds",
        ),
    ],
)
def test_timestamps(value: dt.datetime, written: str) -> None:
    out = write_new(minimal_article(published_date_time=value))
    assert out == replace_line(MINIMAL_TEXT, "2021-03-04T05:06:07Z", written)
    assert articlefm.loads(out).meta.published_date_time.utcoffset() == value.utcoffset()


def test_related_timestamp_with_offset() -> None:
    related = RelatedArticle(
        title="Related",
        published_date_time=dt.datetime(2019, 12, 23, 10, 8, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        web_url="https://example.org/related",
        type="article",
        provider=Provider(name="Example Org", domain="example.org"),
    )
    out = write_new(minimal_article(related=[related]))
    expected = MINIMAL_TEXT.replace(
        "---\n\n",
        "\n"
        "related:\n"
        '  - title: "Related"\n'
        "    publishedDateTime: 2019-12-23T10:08:00-07:00\n"
        '    webUrl: "https://example.org/related"\n'
        "    type: article\n"
        "    provider:\n"
        "      name: Example Org\n"
        "      domain: example.org\n"
        "---\n\n",
    )
    assert out == expected
    assert articlefm.loads(out).meta.related[0].published_date_time.utcoffset() == dt.timedelta(hours=-7)


def test_every_block_in_order_with_blank_lines() -> None:
    token = "AAAAAAAAAAAAAAAAAAAAAA==;AAAAAAAAAAAAAAAAAAAAAA=="
    article = minimal_article(
        excerpt="An excerpt",
        original_url="https://example.com/original",
        amp_web_url="https://example.com/amp",
        cdn_amp_web_url="https://cdn.example.com/amp",
        quality=0,
        heat=-1,
        published=True,
        topics=["AI"],
        images=[Image(url="https://example.com/i.jpg", width=1, height=2, is_cached=False, title="Image title")],
        secured=Secured(token),
    )
    article.provider.images = [Image(url="/assets/logo.jpg", width=50, height=50)]
    assert write_new(article) == (
        "---\n"
        "category: news\n"
        'title: "A minimal article"\n'
        'excerpt: "An excerpt"\n'
        "publishedDateTime: 2021-03-04T05:06:07Z\n"
        'originalUrl: "https://example.com/original"\n'
        'webUrl: "https://example.com/news/minimal"\n'
        'ampWebUrl: "https://example.com/amp"\n'
        'cdnAmpWebUrl: "https://cdn.example.com/amp"\n'
        "type: article\n"
        "quality: 0\n"
        "heat: -1\n"
        "published: true\n"
        "\n"
        "provider:\n"
        "  name: Example News\n"
        "  domain: example.com\n"
        "  images:\n"
        '    - url: "/assets/logo.jpg"\n'
        "      width: 50\n"
        "      height: 50\n"
        "\n"
        "topics:\n"
        "  - AI\n"
        "\n"
        "images:\n"
        '  - url: "https://example.com/i.jpg"\n'
        "    width: 1\n"
        "    height: 2\n"
        "    isCached: false\n"
        '    title: "Image title"\n'
        "\n"
        f'secured: "{token}"\n'
        "---\n"
        "\n"
    )


# YAML reads each of these, written plain, as something else (another type, a mapping, a comment, a
# different string) or not at all.
NEEDS_QUOTES = [
    "yes: no",
    "123",
    "- x",
    "#tag",
    "null",
    "~",
    "true",
    "1.5",
    "2020-06-24",
    "trailing:",
    "a #b",
    " leading space",
    "trailing space ",
    "[bracketed]",
    "{braced}",
    "&anchor",
    "*alias",
    "!tag",
    "|literal",
    ">folded",
    "'single'",
    '"double"',
    "%directive",
    "@at",
    "`tick",
    "? question",
    ": colon",
    "tab\there",
    # YAML 1.1 (Jekyll's reader) types these: booleans, base 60, dotted numbers, merge and value keys.
    "yes",
    "no",
    "on",
    "Off",
    "y",
    "1:20",
    "1.2.3",
    "<<",
    "=",
]
PLAIN_OK = [
    "AI",
    "Natural Language Processing",
    "AI in Autos",
    "EurekAlert!",
    "AUS&R",
    "CBS Boston / WBZ",
    "아크로팬",
    "C++",
    "-x",
    "key:value",
    "a#b",
    "Robots, Drones",
    "It's",
    'Say "hi"',
]


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


@pytest.mark.parametrize("value", NEEDS_QUOTES)
def test_topic_needing_quotes_is_double_quoted(value: str) -> None:
    out = write_new(minimal_article(topics=[value]))
    assert out == MINIMAL_TEXT.replace("---\n\n", f"\ntopics:\n  - {_quoted(value)}\n---\n\n")


@pytest.mark.parametrize("value", PLAIN_OK)
def test_topic_written_plain(value: str) -> None:
    out = write_new(minimal_article(topics=[value]))
    assert out == MINIMAL_TEXT.replace("---\n\n", f"\ntopics:\n  - {value}\n---\n\n")


@pytest.mark.parametrize("value", ["null", "123", "#hash", "a: b", ""])
def test_category_and_type_needing_quotes(value: str) -> None:
    out = write_new(minimal_article(category=value, type=value))
    expected = replace_line(MINIMAL_TEXT, "category: news\n", f"category: {_quoted(value)}\n")
    assert out == replace_line(expected, "type: article\n", f"type: {_quoted(value)}\n")


@pytest.mark.parametrize("value", ["Blog", "EurekAlert!", "The Next Web", "Robots, Drones"])
def test_category_and_type_plain(value: str) -> None:
    out = write_new(minimal_article(category=value, type=value))
    expected = replace_line(MINIMAL_TEXT, "category: news\n", f"category: {value}\n")
    assert out == replace_line(expected, "type: article\n", f"type: {value}\n")


@pytest.mark.parametrize("value", ["- x", "#tag", "null", "yes: no", "123", "Name "])
def test_provider_name_needing_quotes(value: str) -> None:
    out = write_new(minimal_article(provider=Provider(name=value, domain="example.com")))
    assert out == replace_line(MINIMAL_TEXT, "  name: Example News\n", f"  name: {_quoted(value)}\n")


@pytest.mark.parametrize(
    ("domain", "quoted"),
    [("123", True), ("null", True), ("ubergizmo.com", False), ("yes", True), ("www.dailymail.co.uk", False)],
)
def test_provider_domain(domain: str, quoted: bool) -> None:
    out = write_new(minimal_article(provider=Provider(name="Example News", domain=domain)))
    written = _quoted(domain) if quoted else domain
    assert out == replace_line(MINIMAL_TEXT, "  domain: example.com\n", f"  domain: {written}\n")


@pytest.mark.parametrize("key", ["--- x", "... 0"])
def test_a_key_that_begins_with_a_document_marker_is_quoted(key: str) -> None:
    """Written plain at the start of its line, it would end the document there and the rest would not load."""
    out = write_new(minimal_article(extra={key: None, "--- ": 1, "---": 2}))
    written = f'"{key}": null\n"--- ": 1\n---: 2\n'  # ``---:`` and the rest of its line are no marker
    assert out == MINIMAL_TEXT.replace("---\n\n", f"{written}---\n\n")
    edited = articlefm.loads("---\na: 1\n---\nBody\n", schema=None)
    edited.meta[key] = "v"
    assert articlefm.dumps(edited) == f'---\na: 1\n"{key}": v\n---\nBody\n'


def test_free_text_always_double_quoted() -> None:
    article = minimal_article(title="AI", excerpt="", web_url="https://example.com/plain")
    out = write_new(article)
    expected = replace_line(MINIMAL_TEXT, 'title: "A minimal article"\n', 'title: "AI"\nexcerpt: ""\n')
    assert out == replace_line(expected, '"https://example.com/news/minimal"', '"https://example.com/plain"')


def test_crlf_body_kept_verbatim() -> None:
    body = "Line one\r\nLine two\r\n"
    out = write_new(minimal_article(), body)
    assert out == MINIMAL_TEXT.removesuffix("\n") + body


# --- property: any valid article is written in house layout and reads back equal ------------------------------------

T = TypeVar("T")
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?){0,3}"
hosts = st.from_regex(_HOST, fullmatch=True)
urls = st.builds(lambda host, path: f"https://{host}/{path}", hosts, st.text())
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
datetimes = st.datetimes(timezones=offsets)
tokens = st.builds(
    lambda payload, iv: Secured(base64.b64encode(payload).decode() + ";" + base64.b64encode(iv).decode()),
    st.integers(min_value=1, max_value=25).flatmap(lambda n: st.binary(min_size=16 * n, max_size=16 * n)),
    st.binary(min_size=16, max_size=16),
)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def ints(minimum: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=minimum, max_value=2**63)


def images(url: st.SearchStrategy[str]) -> st.SearchStrategy[list[Image]]:
    image = st.builds(
        Image, url=url, width=ints(1), height=ints(1), is_cached=optional(st.booleans()), title=optional(st.text())
    )
    return st.lists(image, max_size=2)


providers = st.builds(
    Provider, name=st.text(min_size=1), domain=hosts, images=images(urls | st.text().map(lambda s: "/a" + s))
)
related_articles = st.builds(
    RelatedArticle,
    title=st.text(min_size=1),
    excerpt=optional(st.text()),
    published_date_time=datetimes,
    web_url=urls,
    amp_web_url=optional(urls),
    cdn_amp_web_url=optional(urls),
    type=st.text(),
    provider=providers,
    quality=optional(ints(0)),
    images=images(urls),
)
articles = st.builds(
    Article,
    category=st.text(),
    title=st.text(min_size=1),
    excerpt=optional(st.text()),
    published_date_time=datetimes,
    original_url=optional(urls),
    web_url=urls,
    amp_web_url=optional(urls),
    cdn_amp_web_url=optional(urls),
    type=st.text(),
    quality=optional(ints(0)),
    heat=optional(ints(-1)),
    published=optional(st.booleans()),
    provider=providers,
    topics=st.lists(st.text(min_size=1), max_size=3),
    images=images(urls),
    related=st.lists(related_articles, max_size=2),
    secured=optional(tokens),
)

BLOCKS = ("provider", "topics", "images", "related", "secured")
QUOTED = frozenset(
    ("title", "excerpt", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "url", "secured")
)  # image titles share the key "title"


def line_count(value: Any) -> int:
    """How many lines the house style gives ``value``'s fields: one per scalar, list item key or block header."""
    count = 0
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name == "extra" or item is None or item == []:
            continue
        if isinstance(item, list):
            count += 1 + sum(1 if isinstance(element, str) else line_count(element) for element in item)
        elif attrs.has(type(item)):
            count += 1 + line_count(item)
        else:
            count += 1
    return count


@settings(max_examples=max(200, settings().max_examples), deadline=None)
@given(article=articles, body=st.text())
def test_any_article_written_in_house_layout(article: Article, body: str) -> None:
    out = write_new(copy.deepcopy(article), body)
    assert out.startswith("---\n")
    front_matter = out[4 : out.index("\n---\n", 3) + 1]
    assert out == "---\n" + front_matter + "---\n" + body
    lines = front_matter.splitlines()
    present_blocks = [name for name in BLOCKS if getattr(article, name) not in (None, [])]
    assert len(lines) == line_count(article) + len(present_blocks)  # no wrapping, one blank line per block
    blank_followers = [lines[index + 1].split(":")[0] for index, line in enumerate(lines) if not line]
    assert blank_followers == present_blocks
    for line in lines:
        key, separator, value = line.lstrip(" -").partition(": ")
        if separator and key in QUOTED:
            assert value.startswith('"'), line
            assert value.endswith('"'), line
        assert not line.endswith((" ", "\t")), line
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, line
