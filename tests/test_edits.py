"""Promise: one edit, one change.

Setting one value changes only that value's line(s); appending to a list adds
only the new item's lines; removing a list item or a key removes only its
lines; a new key goes where the house style puts it. Comments, blank lines,
the quoting of untouched values, CRLF and the BOM stay. A new value is written
like its neighbours.

Each example test builds the expected output from the original text by
replacing the exact line(s) that the edit should touch, and compares whole
strings.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixture_files import CORPUS_FILES, FIXTURE_FILES, SAMPLE, read_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articlefm
from articlefm import Article, Document, Image, Provider, RelatedArticle, Secured

ALL_FILES = FIXTURE_FILES
UTC = dt.UTC


SAMPLE_TEXT = read_text(SAMPLE)
TEXTS = {path: read_text(path) for path in ALL_FILES}
PLAIN_URL_FILE = next(path for path in CORPUS_FILES if "\nwebUrl: http" in TEXTS[path])

# Exact blocks of the sample, used to build inputs without them.
IMAGES_BLOCK = SAMPLE_TEXT[SAMPLE_TEXT.index("images:\n") : SAMPLE_TEXT.index("related:\n")]
TOPICS_BLOCK = "topics:\n  - Natural Language Processing\n  - AI\n\n"
SECURED_LINE = SAMPLE_TEXT[SAMPLE_TEXT.index("secured: ") : SAMPLE_TEXT.index("---\n", SAMPLE_TEXT.index("secured: "))]
TITLE_LINE = 'title: "The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance"\n'
RELATED_1 = SAMPLE_TEXT[
    SAMPLE_TEXT.index('  - title: "Boston bans police') : SAMPLE_TEXT.index('  - title: "Boston Bans Use Of')
]


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def load(text: str) -> Document[Article]:
    return articlefm.loads(text)


def check(doc: Document[Article], expected: str) -> str:
    """The document writes exactly ``expected`` and reads back as its model."""
    out = articlefm.dumps(doc)
    assert out == expected
    assert articlefm.loads(out).meta == doc.meta
    return out


def test_unedited_files_write_back_byte_for_byte() -> None:
    for path, text in TEXTS.items():
        assert articlefm.dumps(load(text)) == text, path.name


# --- one field set ---------------------------------------------------------------------------------------------------


def test_quality_change() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.quality = 40
    check(doc, replace_once(SAMPLE_TEXT, "\nquality: 38\n", "\nquality: 40\n"))


def test_title_change() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.title = "Boston Bans Facial Recognition Surveillance"
    old = TITLE_LINE
    expected = replace_once(SAMPLE_TEXT, "\n" + old, '\ntitle: "Boston Bans Facial Recognition Surveillance"\n')
    check(doc, expected)


def test_nested_image_width() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.images[0].width = 1200
    check(doc, replace_once(SAMPLE_TEXT, "    width: 900\n", "    width: 1200\n"))


def test_related_provider_name() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related[2].provider.name = "WBUR News"
    check(doc, replace_once(SAMPLE_TEXT, "      name: WBUR\n", "      name: WBUR News\n"))


def test_related_provider_name_needing_quotes() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related[2].provider.name = "WBUR: Boston"
    check(doc, replace_once(SAMPLE_TEXT, "      name: WBUR\n", '      name: "WBUR: Boston"\n'))


def test_related_image_url() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related[3].images[0].url = "https://example.com/new.jpg"
    old = '      - url: "https://i.dailymail.co.uk/1s/2020/06/27/00/30104344-0-image-a-10_1593215913669.jpg"\n'
    check(doc, replace_once(SAMPLE_TEXT, old, '      - url: "https://example.com/new.jpg"\n'))


def test_bool_change() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.published = True
    check(doc, replace_once(SAMPLE_TEXT, "\npublished: false\n", "\npublished: true\n"))


def test_setting_the_same_values_changes_nothing() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.quality = 38
    doc.meta.title = str(doc.meta.title)
    doc.meta.published_date_time = dt.datetime(2020, 6, 24, 23, 48, tzinfo=UTC)
    doc.meta.related[0].provider = Provider(name="The Next Web", domain="thenextweb.com")
    check(doc, SAMPLE_TEXT)


# --- lists -----------------------------------------------------------------------------------------------------------


def test_topics_append() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics.append("Robotics")
    check(doc, replace_once(SAMPLE_TEXT, "  - AI\n\nimages:", "  - AI\n  - Robotics\n\nimages:"))


def test_topics_append_needing_quotes() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics.append("#tag")
    check(doc, replace_once(SAMPLE_TEXT, "  - AI\n\nimages:", '  - AI\n  - "#tag"\n\nimages:'))


def test_topics_insert_first() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics.insert(0, "Robotics")
    check(doc, replace_once(SAMPLE_TEXT, "topics:\n", "topics:\n  - Robotics\n"))


def test_topics_remove_item() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics.remove("Natural Language Processing")
    check(doc, replace_once(SAMPLE_TEXT, "  - Natural Language Processing\n", ""))


def test_topics_replace_item() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics[1] = "Machine Learning"
    check(doc, replace_once(SAMPLE_TEXT, "  - AI\n", "  - Machine Learning\n"))


def test_related_item_removed() -> None:
    doc = load(SAMPLE_TEXT)
    del doc.meta.related[1]
    assert RELATED_1.count("\n") == 16
    check(doc, replace_once(SAMPLE_TEXT, RELATED_1, ""))


def test_related_last_item_removed() -> None:
    doc = load(SAMPLE_TEXT)
    del doc.meta.related[3]
    start = SAMPLE_TEXT.index('  - title: "Boston becomes the second largest city')
    last = SAMPLE_TEXT[start : SAMPLE_TEXT.index("\nsecured: ")]
    check(doc, replace_once(SAMPLE_TEXT, last, ""))


NEW_RELATED = RelatedArticle(
    title='A "new" look at Boston',
    excerpt="Short excerpt, with a comma: and a colon.",
    published_date_time=dt.datetime(2020, 6, 28, 8, 0, tzinfo=UTC),
    web_url="https://example.com/news/new",
    type="article",
    provider=Provider(name="Example News", domain="example.com"),
    quality=12,
    images=[Image(url="https://example.com/a.jpg", width=640, height=480, is_cached=True)],
)
NEW_RELATED_LINES = (
    '  - title: "A \\"new\\" look at Boston"\n'
    '    excerpt: "Short excerpt, with a comma: and a colon."\n'
    "    publishedDateTime: 2020-06-28T08:00:00Z\n"
    '    webUrl: "https://example.com/news/new"\n'
    "    type: article\n"
    "    provider:\n"
    "      name: Example News\n"
    "      domain: example.com\n"
    "    quality: 12\n"
    "    images:\n"
    '      - url: "https://example.com/a.jpg"\n'
    "        width: 640\n"
    "        height: 480\n"
    "        isCached: true\n"
)


def test_related_item_appended() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related.append(copy.deepcopy(NEW_RELATED))
    anchor = "        isCached: true\n\nsecured: "
    check(doc, replace_once(SAMPLE_TEXT, anchor, "        isCached: true\n" + NEW_RELATED_LINES + "\nsecured: "))


def test_related_item_inserted_in_the_middle() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related.insert(1, copy.deepcopy(NEW_RELATED))
    check(doc, replace_once(SAMPLE_TEXT, RELATED_1, NEW_RELATED_LINES + RELATED_1))


def test_image_appended_to_related_item() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related[0].images.append(Image(url="https://example.com/b.png", width=50, height=50))
    anchor = "        height: 417\n        isCached: true\n"
    new_lines = '      - url: "https://example.com/b.png"\n        width: 50\n        height: 50\n'
    check(doc, replace_once(SAMPLE_TEXT, anchor, anchor + new_lines))


# --- keys removed ----------------------------------------------------------------------------------------------------


def _set_none(*path: str | int) -> Callable[[Article], None]:
    def edit(meta: Article) -> None:
        target: Any = meta
        for part in path[:-1]:
            target = target[part] if isinstance(part, int) else getattr(target, part)
        setattr(target, str(path[-1]), None)

    return edit


def _clear(*path: str | int) -> Callable[[Article], None]:
    def edit(meta: Article) -> None:
        target: Any = meta
        for part in path[:-1]:
            target = target[part] if isinstance(part, int) else getattr(target, part)
        setattr(target, str(path[-1]), [])

    return edit


RELATED_0_IMAGES = SAMPLE_TEXT[SAMPLE_TEXT.index("    images:\n") : SAMPLE_TEXT.index('  - title: "Boston bans police')]


@pytest.mark.parametrize(
    ("edit", "old", "new"),
    [
        pytest.param(_set_none("heat"), "\nheat: -1\n", "\n", id="heat"),
        pytest.param(_set_none("quality"), "\nquality: 38\n", "\n", id="quality"),
        pytest.param(_set_none("published"), "\npublished: false\n", "\n", id="published"),
        pytest.param(
            _set_none("excerpt"),
            SAMPLE_TEXT[SAMPLE_TEXT.index("excerpt: ") : SAMPLE_TEXT.index("publishedDateTime: ")],
            "",
            id="excerpt",
        ),
        pytest.param(
            _set_none("amp_web_url"),
            SAMPLE_TEXT[SAMPLE_TEXT.index("ampWebUrl: ") : SAMPLE_TEXT.index("cdnAmpWebUrl: ")],
            "",
            id="ampWebUrl",
        ),
        pytest.param(
            _set_none("images", 0, "is_cached"),
            "    height: 600\n    isCached: true\n",
            "    height: 600\n",
            id="images[0].isCached",
        ),
        pytest.param(_set_none("related", 1, "quality"), "    quality: 74\n", "", id="related[1].quality"),
        pytest.param(_clear("topics"), TOPICS_BLOCK, "", id="topics"),
        pytest.param(_clear("images"), IMAGES_BLOCK, "", id="images"),
        pytest.param(_clear("related", 0, "images"), RELATED_0_IMAGES, "", id="related[0].images"),
        pytest.param(_set_none("secured"), "\n" + SECURED_LINE, "", id="secured"),
    ],
)
def test_key_removed(edit: Callable[[Article], None], old: str, new: str) -> None:
    doc = load(SAMPLE_TEXT)
    edit(doc.meta)
    check(doc, replace_once(SAMPLE_TEXT, old, new))


def test_related_removed_with_its_blank_line() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.related = []
    block = SAMPLE_TEXT[SAMPLE_TEXT.index("related:\n") : SAMPLE_TEXT.index("secured: ")]
    check(doc, replace_once(SAMPLE_TEXT, block, ""))


# --- keys added ------------------------------------------------------------------------------------------------------


def test_original_url_added_after_published_date_time() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.original_url = "https://www.ubergizmo.com/original"
    anchor = "publishedDateTime: 2020-06-24T23:48:00Z\n"
    check(doc, replace_once(SAMPLE_TEXT, anchor, anchor + 'originalUrl: "https://www.ubergizmo.com/original"\n'))


def test_heat_added_after_quality() -> None:
    source = replace_once(SAMPLE_TEXT, "heat: -1\n", "")
    doc = load(source)
    doc.meta.heat = 5
    check(doc, replace_once(source, "quality: 38\n", "quality: 38\nheat: 5\n"))


def test_heat_added_after_type_when_no_quality() -> None:
    source = replace_once(replace_once(SAMPLE_TEXT, "heat: -1\n", ""), "quality: 38\n", "")
    doc = load(source)
    doc.meta.heat = 0
    check(doc, replace_once(source, "type: article\npublished:", "type: article\nheat: 0\npublished:"))


def test_excerpt_added_after_title() -> None:
    excerpt = SAMPLE_TEXT[SAMPLE_TEXT.index("excerpt: ") : SAMPLE_TEXT.index("publishedDateTime: ")]
    source = replace_once(SAMPLE_TEXT, excerpt, "")
    doc = load(source)
    doc.meta.excerpt = 'An "excerpt"'
    check(doc, replace_once(source, "\npublishedDateTime: ", '\nexcerpt: "An \\"excerpt\\""\npublishedDateTime: '))


def test_images_added_between_topics_and_related() -> None:
    source = replace_once(SAMPLE_TEXT, IMAGES_BLOCK, "")
    doc = load(source)
    doc.meta.images = [Image(url="https://example.com/b.jpg", width=10, height=20)]
    new_lines = '\nimages:\n  - url: "https://example.com/b.jpg"\n    width: 10\n    height: 20\n'
    check(doc, replace_once(source, "  - AI\n\nrelated:", "  - AI\n" + new_lines + "\nrelated:"))


def test_topics_added_after_provider() -> None:
    source = replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "")
    doc = load(source)
    doc.meta.topics = ["AI"]
    anchor = "  domain: ubergizmo.com\n"
    check(doc, replace_once(source, anchor, anchor + "\ntopics:\n  - AI\n"))


def test_secured_added_at_the_end() -> None:
    source = replace_once(SAMPLE_TEXT, "\n" + SECURED_LINE, "")
    doc = load(source)
    token = SECURED_LINE.removeprefix('secured: "').removesuffix('"\n')
    doc.meta.secured = Secured(token)
    check(doc, SAMPLE_TEXT)


def test_related_image_is_cached_added() -> None:
    source = replace_once(SAMPLE_TEXT, "        height: 320\n        isCached: true\n", "        height: 320\n")
    doc = load(source)
    doc.meta.related[1].images[0].is_cached = True
    check(doc, SAMPLE_TEXT)


def test_provider_images_added() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.provider.images = [Image(url="/assets/images/ubergizmo-50x50.jpg", width=50, height=50)]
    anchor = "  domain: ubergizmo.com\n"
    new_lines = '  images:\n    - url: "/assets/images/ubergizmo-50x50.jpg"\n      width: 50\n      height: 50\n'
    check(doc, replace_once(SAMPLE_TEXT, anchor, anchor + new_lines))


# --- unknown keys ----------------------------------------------------------------------------------------------------

WITH_EXTRA = replace_once(
    replace_once(SAMPLE_TEXT, "type: article\nquality: 38\n", "type: article\nlocale: en-US\nquality: 38\n"),
    "    width: 900\n",
    "    width: 900\n    attribution: Getty Images\n",
)


def test_extra_keys_loaded() -> None:
    doc = load(WITH_EXTRA)
    assert doc.meta.extra == {"locale": "en-US"}
    assert doc.meta.images[0].extra == {"attribution": "Getty Images"}
    assert articlefm.dumps(doc) == WITH_EXTRA


def test_extra_keys_kept_in_place_through_unrelated_edit() -> None:
    doc = load(WITH_EXTRA)
    doc.meta.quality = 40
    doc.meta.images[0].height = 601
    expected = replace_once(
        replace_once(WITH_EXTRA, "quality: 38\n", "quality: 40\n"), "height: 600\n", "height: 601\n"
    )
    check(doc, expected)


def test_extra_key_edited() -> None:
    doc = load(WITH_EXTRA)
    doc.meta.extra["locale"] = "fr-FR"
    doc.meta.images[0].extra["attribution"] = "AP"
    expected = replace_once(WITH_EXTRA, "locale: en-US\n", "locale: fr-FR\n")
    check(doc, replace_once(expected, "    attribution: Getty Images\n", "    attribution: AP\n"))


def test_extra_key_removed() -> None:
    doc = load(WITH_EXTRA)
    del doc.meta.extra["locale"]
    check(doc, replace_once(WITH_EXTRA, "locale: en-US\n", ""))


# --- how new values are written --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "line"),
    [
        pytest.param(dt.datetime(2021, 1, 2, 3, 4, 5, tzinfo=UTC), "2021-01-02T03:04:05Z", id="utc"),
        pytest.param(
            dt.datetime(2021, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "2021-01-02T03:04:05-07:00",
            id="minus-7",
        ),
        pytest.param(
            dt.datetime(2021, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
            "2021-01-02T03:04:05+05:30",
            id="plus-5-30",
        ),
        pytest.param(
            dt.datetime(2021, 1, 2, 3, 4, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "2021-01-02T03:04:05.123456-07:00",
            id="microseconds",
        ),
    ],
)
def test_new_timestamp(value: dt.datetime, line: str) -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.published_date_time = value
    out = check(
        doc, replace_once(SAMPLE_TEXT, "\npublishedDateTime: 2020-06-24T23:48:00Z\n", f"\npublishedDateTime: {line}\n")
    )
    assert articlefm.loads(out).meta.published_date_time.utcoffset() == value.utcoffset()


def test_long_title_not_wrapped() -> None:
    title = " ".join(["facial-recognition"] * 27) + "!" * 13
    assert len(title) == 525
    doc = load(SAMPLE_TEXT)
    doc.meta.title = title
    old = TITLE_LINE
    check(doc, replace_once(SAMPLE_TEXT, "\n" + old, f'\ntitle: "{title}"\n'))


def test_long_plain_value_not_wrapped() -> None:
    name = " ".join(["Provider"] * 70)
    doc = load(SAMPLE_TEXT)
    doc.meta.provider.name = name
    check(doc, replace_once(SAMPLE_TEXT, "  name: Ubergizmo Feed\n", f"  name: {name}\n"))


def test_title_escapes() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.title = 'He said "hi" to C:\\dir\nthen\tleft 🙂'
    old = TITLE_LINE
    check(doc, replace_once(SAMPLE_TEXT, "\n" + old, '\ntitle: "He said \\"hi\\" to C:\\\\dir\\nthen\\tleft 🙂"\n'))


def test_excerpt_unicode_written_as_is() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.excerpt = "Ünïcödé — 東京 \u2019quotes\u2019 🚀"
    excerpt = SAMPLE_TEXT[SAMPLE_TEXT.index("\nexcerpt: ") : SAMPLE_TEXT.index("\npublishedDateTime: ")]
    check(doc, replace_once(SAMPLE_TEXT, excerpt, '\nexcerpt: "Ünïcödé — 東京 \u2019quotes\u2019 🚀"'))


def test_new_url_double_quoted_in_quoted_file() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.web_url = "https://example.com/a b?c=d&e=f#!frag"
    old = 'webUrl: "https://www.ubergizmo.com/2020/06/boston-ban-facial-recognition-surveillance/"\n'
    check(doc, replace_once(SAMPLE_TEXT, "\n" + old, '\nwebUrl: "https://example.com/a b?c=d&e=f#!frag"\n'))


def test_plain_field_needing_quotes_gets_double_quotes() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.category = "null"
    doc.meta.type = "#article"
    expected = replace_once(SAMPLE_TEXT, "category: news\n", 'category: "null"\n')
    check(doc, replace_once(expected, "\ntype: article\n", '\ntype: "#article"\n'))


# --- plain-URL (older) files -----------------------------------------------------------------------------------------


def test_plain_url_edit_stays_plain() -> None:
    text = TEXTS[PLAIN_URL_FILE]
    doc = load(text)
    old = next(line for line in text.splitlines(keepends=True) if line.startswith("webUrl: "))
    assert not old.startswith('webUrl: "')
    doc.meta.web_url = "https://www.computerweekly.com/feature/edited"
    check(doc, replace_once(text, "\n" + old, "\nwebUrl: https://www.computerweekly.com/feature/edited\n"))


def test_plain_url_image_edit_stays_plain() -> None:
    text = TEXTS[PLAIN_URL_FILE]
    doc = load(text)
    old = next(line for line in text.splitlines(keepends=True) if line.startswith("  - url: "))
    doc.meta.images[0].url = "https://cdn.example.com/edited.jpg"
    check(doc, replace_once(text, old, "  - url: https://cdn.example.com/edited.jpg\n"))


def test_plain_url_edit_needing_quotes_is_quoted() -> None:
    text = TEXTS[PLAIN_URL_FILE]
    doc = load(text)
    old = next(line for line in text.splitlines(keepends=True) if line.startswith("webUrl: "))
    doc.meta.web_url = "https://example.com/a #fragment: x"
    check(doc, replace_once(text, "\n" + old, '\nwebUrl: "https://example.com/a #fragment: x"\n'))


# --- comments, quoting, CRLF, BOM ------------------------------------------------------------------------------------

WITH_COMMENTS = replace_once(
    replace_once(
        replace_once(
            replace_once(SAMPLE_TEXT, "---\ncategory: news\n", "---\n# Boston story\ncategory: news  # always news\n"),
            "quality: 38\n",
            "quality: 38  # ranked upstream\n",
        ),
        "topics:\n",
        "topics:\n  # most specific first\n",
    ),
    "\nsecured: ",
    "\n# token from upstream, do not edit\nsecured: ",
)


def test_comments_kept() -> None:
    doc = load(WITH_COMMENTS)
    assert articlefm.dumps(doc) == WITH_COMMENTS
    doc.meta.quality = 40
    doc.meta.title = "Edited"
    doc.meta.topics.append("Robotics")
    doc.meta.heat = None
    expected = replace_once(WITH_COMMENTS, "quality: 38  # ranked upstream\n", "quality: 40  # ranked upstream\n")
    expected = replace_once(expected, "\n" + TITLE_LINE, '\ntitle: "Edited"\n')
    expected = replace_once(expected, "  - AI\n\nimages:", "  - AI\n  - Robotics\n\nimages:")
    expected = replace_once(expected, "heat: -1\n", "")
    check(doc, expected)


def test_commented_value_edited() -> None:
    doc = load(WITH_COMMENTS)
    doc.meta.category = "science"
    check(doc, replace_once(WITH_COMMENTS, "category: news  # always news\n", "category: science  # always news\n"))


WITH_OTHER_QUOTING = replace_once(
    replace_once(
        replace_once(SAMPLE_TEXT, "category: news\n", "category: 'news'\n"),
        "type: article\nquality",
        'type: "article"\nquality',
    ),
    "  name: Ubergizmo Feed\n",
    "  name: 'Ubergizmo Feed'\n",
)


def test_untouched_quoting_kept() -> None:
    doc = load(WITH_OTHER_QUOTING)
    assert articlefm.dumps(doc) == WITH_OTHER_QUOTING
    doc.meta.quality = 1
    doc.meta.provider.domain = "ubergizmo.net"
    expected = replace_once(WITH_OTHER_QUOTING, "quality: 38\n", "quality: 1\n")
    check(doc, replace_once(expected, "  domain: ubergizmo.com\n", "  domain: ubergizmo.net\n"))


FLOW_TOPICS = replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics: [Natural Language Processing, AI]\n\n")


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        pytest.param(
            lambda topics: topics.append("Robotics"), "[Natural Language Processing, AI, Robotics]", id="append"
        ),
        pytest.param(lambda topics: topics.remove("AI"), "[Natural Language Processing]", id="remove"),
        pytest.param(lambda topics: topics.__setitem__(1, "ML"), "[Natural Language Processing, ML]", id="replace"),
    ],
)
def test_flow_list_edit_keeps_quoting_of_untouched_items(edit: Callable[[list[str]], None], line: str) -> None:
    doc = load(FLOW_TOPICS)
    assert articlefm.dumps(doc) == FLOW_TOPICS
    edit(doc.meta.topics)
    check(doc, replace_once(FLOW_TOPICS, "topics: [Natural Language Processing, AI]\n", f"topics: {line}\n"))


def _several_edits(meta: Article) -> None:
    meta.quality = 40
    meta.heat = None
    meta.original_url = "https://example.com/original"
    meta.topics.append("Robotics")
    del meta.related[1]


def _several_edits_expected(text: str) -> str:
    expected = replace_once(text, "quality: 38\n", "quality: 40\n")
    expected = replace_once(expected, "heat: -1\n", "")
    anchor = "publishedDateTime: 2020-06-24T23:48:00Z\n"
    expected = replace_once(expected, anchor, anchor + 'originalUrl: "https://example.com/original"\n')
    expected = replace_once(expected, "  - AI\n\nimages:", "  - AI\n  - Robotics\n\nimages:")
    return replace_once(expected, RELATED_1, "")


def test_several_edits_at_once() -> None:
    doc = load(SAMPLE_TEXT)
    _several_edits(doc.meta)
    check(doc, _several_edits_expected(SAMPLE_TEXT))


def test_crlf_kept_on_every_line() -> None:
    crlf = SAMPLE_TEXT.replace("\n", "\r\n")
    doc = load(crlf)
    assert articlefm.dumps(doc) == crlf
    _several_edits(doc.meta)
    doc.meta.related.append(copy.deepcopy(NEW_RELATED))
    expected = _several_edits_expected(SAMPLE_TEXT)
    expected = replace_once(
        expected, "        isCached: true\n\nsecured: ", "        isCached: true\n" + NEW_RELATED_LINES + "\nsecured: "
    )
    out = check(doc, expected.replace("\n", "\r\n"))
    assert out.count("\n") == out.count("\r\n")


def test_crlf_key_added_with_blank_line() -> None:
    crlf = replace_once(SAMPLE_TEXT, IMAGES_BLOCK, "").replace("\n", "\r\n")
    doc = load(crlf)
    doc.meta.images = [Image(url="https://example.com/b.jpg", width=10, height=20)]
    new_lines = '\r\nimages:\r\n  - url: "https://example.com/b.jpg"\r\n    width: 10\r\n    height: 20\r\n'
    check(doc, replace_once(crlf, "  - AI\r\n\r\nrelated:", "  - AI\r\n" + new_lines + "\r\nrelated:"))


def test_bom_kept() -> None:
    with_bom = "\ufeff" + SAMPLE_TEXT
    doc = load(with_bom)
    assert articlefm.dumps(doc) == with_bom
    _several_edits(doc.meta)
    check(doc, "\ufeff" + _several_edits_expected(SAMPLE_TEXT))


def test_bom_and_crlf_kept() -> None:
    source = "\ufeff" + SAMPLE_TEXT.replace("\n", "\r\n")
    doc = load(source)
    doc.meta.quality = 7
    check(doc, replace_once(source, "quality: 38\r\n", "quality: 7\r\n"))


def test_body_kept_through_edit() -> None:
    source = SAMPLE_TEXT + "Some body text.\n\n---\n\nA rule above.\n"
    doc = load(source)
    doc.meta.quality = 1
    check(doc, replace_once(source, "quality: 38\n", "quality: 1\n"))


# --- property: one edit, one changed line, over every fixture --------------------------------------------------------

FieldPath = tuple[str | int, ...]

_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?){0,3}"
hosts = st.from_regex(_HOST, fullmatch=True)
texts = st.text()
non_empty_texts = st.text(min_size=1)
urls = st.builds(lambda host, path: f"https://{host}{path}", hosts, st.text().map(lambda s: "/" + s if s else s))
logo_urls = st.one_of(urls, st.text().map(lambda s: "/a" + s))
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
aware_datetimes = st.datetimes(timezones=offsets)
tokens = st.builds(
    lambda payload, iv: Secured(base64.b64encode(payload).decode() + ";" + base64.b64encode(iv).decode()),
    st.integers(min_value=1, max_value=25).flatmap(lambda n: st.binary(min_size=16 * n, max_size=16 * n)),
    st.binary(min_size=16, max_size=16),
)


def _ints(minimum: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=minimum, max_value=2**63)


_URL_FIELDS = {"original_url", "web_url", "amp_web_url", "cdn_amp_web_url"}
_COMMON: dict[str, st.SearchStrategy[Any]] = {
    "title": non_empty_texts,
    "excerpt": texts,
    "published_date_time": aware_datetimes,
    "type": texts,
    "quality": _ints(0),
    **dict.fromkeys(_URL_FIELDS, urls),
}
STRATEGIES: dict[type, dict[str, st.SearchStrategy[Any]]] = {
    Article: {**_COMMON, "category": texts, "heat": _ints(-1), "published": st.booleans(), "secured": tokens},
    RelatedArticle: _COMMON,
    Provider: {"name": non_empty_texts, "domain": hosts},
    Image: {"url": logo_urls, "width": _ints(1), "height": _ints(1), "is_cached": st.booleans(), "title": texts},
}


def scalar_leaves(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, st.SearchStrategy[Any]]]:
    """Every present scalar of the model, with a strategy for valid new values."""
    leaves: list[tuple[FieldPath, st.SearchStrategy[Any]]] = []
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name == "extra" or item is None:
            continue
        if field.name == "topics":
            leaves.extend(((*path, "topics", index), non_empty_texts) for index in range(len(item)))
        elif isinstance(item, list):
            for index, element in enumerate(item):
                leaves.extend(scalar_leaves(element, (*path, field.name, index)))
        elif attrs.has(type(item)):
            leaves.extend(scalar_leaves(item, (*path, field.name)))
        elif isinstance(value, Image) and field.name == "url" and "provider" not in path:
            leaves.append(((*path, "url"), urls))  # only provider logos may be site-relative
        else:
            leaves.append(((*path, field.name), STRATEGIES[type(value)][field.name]))
    return leaves


def get(meta: Any, path: FieldPath) -> Any:
    for part in path:
        meta = meta[part] if isinstance(part, int) else getattr(meta, part)
    return meta


def put(meta: Any, path: FieldPath, value: Any) -> None:
    parent = get(meta, path[:-1])
    last = path[-1]
    if isinstance(last, int):
        parent[last] = value
    else:
        setattr(parent, last, value)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def locate(lines: list[str], path: FieldPath) -> tuple[int, str, int]:
    """Where the value at ``path`` is, in a file of the real files' layout: the index of its line, the
    text of that line up to the value (indent and ``key:``, or ``- ``), and the end of its block."""
    start, end, indent = 0, len(lines), 0
    found, prefix, stop = -1, "", 0
    for part in path:
        if isinstance(part, int):
            dashes = [k for k in range(start, end) if lines[k].startswith(" " * indent + "- ")]
            found = dashes[part]
            stop = dashes[part + 1] if part + 1 < len(dashes) else end
            prefix = " " * indent + "- "
            start, end, indent = found, stop, indent + 2
            continue
        key = camel(part) + ":"
        for found in range(start, end):
            line = lines[found]
            if line[indent:].startswith(key) and line[:indent] in (" " * indent, " " * (indent - 2) + "- "):
                break
        else:
            raise LookupError(path)
        prefix = lines[found][: indent + len(key)]
        stop = found + 1
        while stop < end and (not lines[stop].strip() or _indent(lines[stop]) > indent):
            stop += 1
        start, end, indent = found + 1, stop, indent + 2
    while not lines[stop - 1].strip():
        stop -= 1
    return found, prefix, stop


def same(old: Any, new: Any) -> bool:
    if isinstance(old, dt.datetime):
        return bool(old == new and old.utcoffset() == new.utcoffset())
    return type(old) is type(new) and bool(old == new)


@settings(max_examples=max(200, settings().max_examples), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(ALL_FILES), data=st.data())
def test_one_edit_changes_one_line(path: Path, data: st.DataObject) -> None:
    text = TEXTS[path]
    doc = load(text)
    leaves = scalar_leaves(doc.meta)
    kinds: dict[FieldPath, list[tuple[FieldPath, st.SearchStrategy[Any]]]] = {}
    for leaf in leaves:  # group by shape (indexes left out) so that every kind of field is drawn often
        kinds.setdefault(tuple(part for part in leaf[0] if isinstance(part, str)), []).append(leaf)
    kind = data.draw(st.sampled_from(sorted(kinds)), label="kind")
    field, strategy = data.draw(st.sampled_from(kinds[kind]), label="field")
    new = data.draw(strategy, label="value")
    old = get(doc.meta, field)
    put(doc.meta, field, new)
    expected_meta = copy.deepcopy(doc.meta)

    out = articlefm.dumps(doc)

    again = articlefm.loads(out).meta
    assert again == expected_meta
    if isinstance(new, dt.datetime):
        assert get(again, field).utcoffset() == new.utcoffset()
    before = text.splitlines(keepends=True)
    after = out.splitlines(keepends=True)
    if same(old, new):
        assert out == text
        return
    index, prefix, _ = locate(before, field)
    assert before[index].startswith(prefix)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert [op[:5] for op in opcodes] == [("replace", index, index + 1, index, index + 1)], (before[index], opcodes)
    assert after[index].startswith(prefix)
    assert after[index].endswith("\n")


OPTIONAL = {
    Article: ("excerpt", "original_url", "amp_web_url", "cdn_amp_web_url", "quality", "heat", "published"),
    RelatedArticle: ("excerpt", "amp_web_url", "cdn_amp_web_url", "quality"),
    Image: ("is_cached", "title"),
}


def optional_leaves(value: Any, path: FieldPath = ()) -> list[FieldPath]:
    leaves = [(*path, name) for name in OPTIONAL.get(type(value), ()) if getattr(value, name) is not None]
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if isinstance(item, list) and field.name != "topics":
            for index, element in enumerate(item):
                leaves.extend(optional_leaves(element, (*path, field.name, index)))
        elif attrs.has(type(item)):
            leaves.extend(optional_leaves(item, (*path, field.name)))
    return leaves


@settings(max_examples=max(100, settings().max_examples), deadline=None)
@given(path=st.sampled_from(ALL_FILES), data=st.data())
def test_one_key_removed_removes_one_line(path: Path, data: st.DataObject) -> None:
    text = TEXTS[path]
    doc = load(text)
    field = data.draw(st.sampled_from(optional_leaves(doc.meta)), label="field")
    put(doc.meta, field, None)

    out = articlefm.dumps(doc)

    assert articlefm.loads(out).meta == doc.meta
    lines = text.splitlines(keepends=True)
    index, _, _ = locate(lines, field)
    assert out == "".join(lines[:index] + lines[index + 1 :])


def absent_optional_leaves(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, FieldPath]]:
    """Each absent optional scalar with the nearest present field before it, in house order."""
    leaves = []
    names = [field.name for field in attrs.fields(type(value)) if field.name != "extra"]
    for position, name in enumerate(names):
        if name in OPTIONAL.get(type(value), ()) and getattr(value, name) is None:
            before = next(n for n in reversed(names[:position]) if getattr(value, n) not in (None, []))
            leaves.append(((*path, name), (*path, before)))
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if isinstance(item, list) and field.name != "topics":
            for index, element in enumerate(item):
                leaves.extend(absent_optional_leaves(element, (*path, field.name, index)))
        elif attrs.has(type(item)):
            leaves.extend(absent_optional_leaves(item, (*path, field.name)))
    return leaves


@settings(max_examples=max(200, settings().max_examples), deadline=None)
@given(path=st.sampled_from(ALL_FILES), data=st.data())
def test_one_key_added_inserts_one_line(path: Path, data: st.DataObject) -> None:
    text = TEXTS[path]
    doc = load(text)
    leaves = absent_optional_leaves(doc.meta)
    field, previous = data.draw(st.sampled_from(leaves), label="field")
    strategy = STRATEGIES[type(get(doc.meta, field[:-1]))][str(field[-1])]
    new = data.draw(strategy, label="value")
    put(doc.meta, field, new)

    out = articlefm.dumps(doc)

    assert articlefm.loads(out).meta == doc.meta
    lines = text.splitlines(keepends=True)
    _, prefix, end = locate(lines, previous)
    indent = " " * (len(prefix) - len(prefix.lstrip(" -")))
    added = out.splitlines(keepends=True)[end]
    assert added.startswith(f"{indent}{camel(str(field[-1]))}: ")
    assert out == "".join([*lines[:end], added, *lines[end:]])
