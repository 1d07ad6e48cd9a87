"""Promise: an unedited document writes back its source text without comparing anything, and no change is lost.

Every change made through the API (an assignment at any depth, any list or
dict mutator on a container a load created) counts one process-wide mutation
(:mod:`articlefm._track`); a document whose count is unchanged is written as
its source text at once. These tests check both halves: every fixture is
written back exactly and is :func:`~articlefm._document.unedited`, and every
way to change a loaded document shows up in what :func:`articlefm.dumps`
writes, as a whole expected text built from the original by ``str.replace``.
Changes elsewhere, copies and pickles must not alter what a document writes.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixture_files import FIXTURE_FILES, SAMPLE, read_text
from hypothesis import given
from hypothesis import strategies as st

import articlefm
from articlefm import Article, ArticleError, Document, Image, Provider
from articlefm._document import unedited


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


SAMPLE_TEXT = read_text(SAMPLE)
TOPICS_BLOCK = "topics:\n  - Natural Language Processing\n  - AI\n\n"
IMAGES_BLOCK = SAMPLE_TEXT[SAMPLE_TEXT.index("\nimages:\n") + 1 : SAMPLE_TEXT.index("\nrelated:\n") + 1]
RELATED_START = SAMPLE_TEXT.index("\nrelated:\n") + len("\nrelated:\n")
RELATED_END = SAMPLE_TEXT.index("\nsecured: ")  # the blank line before secured stays
RELATED_ITEMS = ["  - title: " + item for item in SAMPLE_TEXT[RELATED_START:RELATED_END].split("  - title: ")[1:]]
RELATED_BLOCK = "".join(RELATED_ITEMS)
IMAGE_ITEM = IMAGES_BLOCK[len("images:\n") : -1]  # the one article image, without the blank line after it
QUALITY_LINE = "\nquality: 38\n"

# Inputs with what the sample lacks: unknown keys at the top and in the provider, no topics, no images.
WITH_EXTRA = replace_once(SAMPLE_TEXT, "\ntype: article\n", "\ntype: article\nlocale: en-US\nsection: tech\n")
WITH_PROVIDER_EXTRA = replace_once(SAMPLE_TEXT, "  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n  country: US\n")
WITHOUT_TOPICS = replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "")
# Unknown keys holding a list and a mapping (their containers are tracked too).
NESTED_EXTRA_LINES = "keywords: [one, two]\nseo:\n  robots: index\n  tags:\n    - x\n"
WITH_NESTED_EXTRA = replace_once(SAMPLE_TEXT, "\ntype: article\n", "\ntype: article\n" + NESTED_EXTRA_LINES)
# Inputs outside the fast scanner's subset: read by the full parser, tracked the same.
FLOW_TOPICS = replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics: [Natural Language Processing, AI]\n\n")
FLOW_PROVIDER = replace_once(
    SAMPLE_TEXT,
    "provider:\n  name: Ubergizmo Feed\n  domain: ubergizmo.com\n",
    "provider: {name: Ubergizmo Feed, domain: ubergizmo.com}\n",
)
ANCHORED_PROVIDER = replace_once(
    SAMPLE_TEXT, "provider:\n  name: Ubergizmo Feed", "provider: &p\n  name: Ubergizmo Feed"
)
WITHOUT_IMAGES = replace_once(SAMPLE_TEXT, IMAGES_BLOCK, "")
NEW_IMAGE_LINES = '  - url: "https://example.com/a.jpg"\n    width: 10\n    height: 20\n'
WITH_TWO_IMAGES = replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + NEW_IMAGE_LINES)


def new_image() -> Image:
    return Image(url="https://example.com/a.jpg", width=10, height=20)


def load(text: str) -> Document[Article]:
    doc = articlefm.loads(text)
    assert unedited(doc)
    return doc


def check(doc: Document[Any], expected: str, *, schema: Any = Article) -> None:
    """``doc`` writes exactly ``expected``, which reads back as the document."""
    out = articlefm.dumps(doc)
    assert out == expected
    again = articlefm.loads(out, schema=schema)
    assert again.meta == doc.meta
    assert again.body == doc.body


# --- unedited documents ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name[:60])
def test_unedited_fixture_writes_its_source(path: Path) -> None:
    data = path.read_bytes()
    doc = articlefm.loads(data)
    assert unedited(doc)
    assert articlefm.dumps(doc) == data.decode("utf-8")
    assert unedited(doc)  # writing is not a change


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE_TEXT,
        SAMPLE_TEXT.replace("\n", "\r\n"),
        "\ufeff" + SAMPLE_TEXT,
        WITH_EXTRA.replace("Ubergizmo", "Übergizmo"),
    ],
    ids=["lf", "crlf", "bom", "non-ascii"],
)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_unedited_variants_write_their_source(text: str, as_bytes: bool) -> None:
    doc = articlefm.loads(text.encode("utf-8") if as_bytes else text)
    assert unedited(doc)
    assert articlefm.dumps(doc) == text


def test_reading_is_not_a_change() -> None:
    first = load(SAMPLE_TEXT)
    for path in FIXTURE_FILES:
        articlefm.loads(path.read_bytes())
        articlefm.loads(path.read_bytes(), schema=None)
        articlefm.load(path)
    with pytest.raises(ArticleError):
        articlefm.loads(SAMPLE_TEXT.replace(QUALITY_LINE, "\nquality: high\n"))
    assert unedited(first)


# --- every change shows up -------------------------------------------------------------------------------------------

Edit = Callable[[Document[Article]], object]


def _set_slice(doc: Document[Article]) -> None:
    doc.meta.topics[0:1] = ["A", "B"]


def _set_extended_slice(doc: Document[Article]) -> None:
    doc.meta.topics[::-1] = ["X", "Y"]


def _del_item(doc: Document[Article]) -> None:
    del doc.meta.topics[0]


def _del_slice(doc: Document[Article]) -> None:
    del doc.meta.topics[:]


def _iadd_local(doc: Document[Article]) -> None:
    topics = doc.meta.topics  # the list alone, not the attribute: only the list can count it
    topics += ["Robotics"]


def _imul_local(doc: Document[Article]) -> None:
    topics = doc.meta.topics
    topics *= 2


def _iadd_attribute(doc: Document[Article]) -> None:
    doc.meta.topics += ["Robotics"]


def _imul_attribute(doc: Document[Article]) -> None:
    doc.meta.topics *= 2


def _imul_zero(doc: Document[Article]) -> None:
    topics = doc.meta.topics
    topics *= 0


def _images_iadd(doc: Document[Article]) -> None:
    images = doc.meta.images
    images += [new_image()]


def _images_imul(doc: Document[Article]) -> None:
    images = doc.meta.images
    images *= 2


def _images_del(doc: Document[Article]) -> None:
    del doc.meta.images[0]


def _images_del_slice(doc: Document[Article]) -> None:
    doc.meta.images[:] = []


def _images_sort(doc: Document[Article]) -> None:
    doc.meta.images.sort(key=lambda image: image.width)


def _images_reverse(doc: Document[Article]) -> None:
    doc.meta.images.reverse()


def _related_del(doc: Document[Article]) -> None:
    del doc.meta.related[2]


def _related_del_slice(doc: Document[Article]) -> None:
    del doc.meta.related[1:3]


def _related_set_slice(doc: Document[Article]) -> None:
    related = doc.meta.related
    related[0:2] = [related[1], related[0]]


def _related_iadd(doc: Document[Article]) -> None:
    related = doc.meta.related
    related += [copy.deepcopy(related[0])]


def _related_imul(doc: Document[Article]) -> None:
    related = doc.meta.related
    related *= 2


def _extra_set(doc: Document[Article]) -> None:
    doc.meta.extra["locale"] = "fr-FR"


def _extra_add(doc: Document[Article]) -> None:
    doc.meta.extra["new"] = "x"


def _extra_ior(doc: Document[Article]) -> None:
    extra = doc.meta.extra
    extra |= {"locale": "fr-FR"}


def _extra_del(doc: Document[Article]) -> None:
    del doc.meta.extra["locale"]


def _provider_extra_set(doc: Document[Article]) -> None:
    doc.meta.provider.extra["country"] = "UK"


def _provider_extra_add(doc: Document[Article]) -> None:
    doc.meta.provider.extra["country"] = "US"


def _provider_extra_del(doc: Document[Article]) -> None:
    del doc.meta.provider.extra["country"]


def _image_extra_add(doc: Document[Article]) -> None:
    doc.meta.related[0].images[0].extra["alt"] = "A face"


def _related_extra_add(doc: Document[Article]) -> None:
    doc.meta.related[3].extra["lang"] = "en"


def _set_meta(doc: Document[Article]) -> None:
    doc.meta = attrs.evolve(doc.meta, quality=40)


def _set_body(doc: Document[Article]) -> None:
    doc.body = "New body\n"


def _user_list(doc: Document[Article]) -> None:
    doc.meta.topics = ["a"]
    doc.meta.topics.append("b")


def _user_list_later(doc: Document[Article]) -> None:
    mine = ["a"]
    doc.meta.topics = mine
    assert articlefm.dumps(doc) == replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - a\n\n")
    mine.append("b")  # a plain list: only the assignment above was counted


def _user_image(doc: Document[Article]) -> None:
    image = new_image()
    doc.meta.images.append(image)
    image.width = 11


def _user_provider_logos(doc: Document[Article]) -> None:
    doc.meta.provider = Provider(name="Ubergizmo Feed", domain="ubergizmo.com", images=[])
    doc.meta.provider.images.append(Image(url="/assets/logo.png", width=10, height=10))


def _remove_related_first(doc: Document[Article]) -> None:
    doc.meta.related.remove(doc.meta.related[0])


def _related_set_item(doc: Document[Article]) -> None:
    doc.meta.related[1] = attrs.evolve(doc.meta.related[1], quality=75)


def _related_insert(doc: Document[Article]) -> None:
    doc.meta.related.insert(1, copy.deepcopy(doc.meta.related[3]))


def _related_extend(doc: Document[Article]) -> None:
    doc.meta.related.extend([copy.deepcopy(doc.meta.related[0])])


LOGO_LINES = '  images:\n    - url: "/assets/logo.png"\n      width: 10\n      height: 10\n'
R = RELATED_ITEMS

# (id, input text, edit, expected output)
CASES: list[tuple[str, str, Edit, str]] = [
    # attributes at every depth
    (
        "quality",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta, "quality", 40),
        replace_once(SAMPLE_TEXT, QUALITY_LINE, "\nquality: 40\n"),
    ),
    (
        "quality-none",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta, "quality", None),
        replace_once(SAMPLE_TEXT, QUALITY_LINE, "\n"),
    ),
    (
        "provider.name",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta.provider, "name", "Uber Feed"),
        replace_once(SAMPLE_TEXT, "  name: Ubergizmo Feed\n", "  name: Uber Feed\n"),
    ),
    (
        "related[0].images[0].width",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta.related[0].images[0], "width", 800),
        replace_once(SAMPLE_TEXT, "        width: 796\n", "        width: 800\n"),
    ),
    (
        "related[1].provider.domain",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta.related[1].provider, "domain", "fox.com"),
        replace_once(SAMPLE_TEXT, "      domain: foxnews.com\n", "      domain: fox.com\n"),
    ),
    (
        "images[0].is_cached",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta.images[0], "is_cached", False),
        replace_once(SAMPLE_TEXT, "\n    isCached: true\n", "\n    isCached: false\n"),
    ),
    (
        "related[3].quality",
        SAMPLE_TEXT,
        lambda d: setattr(d.meta.related[3], "quality", 1),
        replace_once(SAMPLE_TEXT, "    quality: 0\n", "    quality: 1\n"),
    ),
    ("meta", SAMPLE_TEXT, _set_meta, replace_once(SAMPLE_TEXT, QUALITY_LINE, "\nquality: 40\n")),
    ("body", SAMPLE_TEXT, _set_body, SAMPLE_TEXT.removesuffix("---\n\n") + "---\nNew body\n"),
    # topics: every list mutator
    (
        "topics.append",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.append("Robotics"),
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n"),
    ),
    (
        "topics.extend",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.extend(["Robotics", "Ethics"]),
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n  - Ethics\n"),
    ),
    (
        "topics.insert",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.insert(0, "Robotics"),
        replace_once(SAMPLE_TEXT, "topics:\n", "topics:\n  - Robotics\n"),
    ),
    (
        "topics[1]=",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.__setitem__(1, "Machine Learning"),
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - Machine Learning\n"),
    ),
    (
        "topics[0:1]=",
        SAMPLE_TEXT,
        _set_slice,
        replace_once(SAMPLE_TEXT, "  - Natural Language Processing\n", "  - A\n  - B\n"),
    ),
    (
        "topics[::-1]=",
        SAMPLE_TEXT,
        _set_extended_slice,
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, 'topics:\n  - "Y"\n  - X\n\n'),  # YAML 1.1 reads a plain Y as true
    ),
    ("del topics[0]", SAMPLE_TEXT, _del_item, replace_once(SAMPLE_TEXT, "  - Natural Language Processing\n", "")),
    ("del topics[:]", SAMPLE_TEXT, _del_slice, replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "")),
    ("topics.pop", SAMPLE_TEXT, lambda d: d.meta.topics.pop(), replace_once(SAMPLE_TEXT, "  - AI\n", "")),
    (
        "topics.pop(0)",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.pop(0),
        replace_once(SAMPLE_TEXT, "  - Natural Language Processing\n", ""),
    ),
    ("topics.remove", SAMPLE_TEXT, lambda d: d.meta.topics.remove("AI"), replace_once(SAMPLE_TEXT, "  - AI\n", "")),
    ("topics.clear", SAMPLE_TEXT, lambda d: d.meta.topics.clear(), replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "")),
    (
        "topics.sort",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.sort(),
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - AI\n  - Natural Language Processing\n\n"),
    ),
    (
        "topics.sort(reverse)",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.sort(key=len, reverse=True),
        SAMPLE_TEXT,  # already in that order: counted, compared, unchanged
    ),
    (
        "topics.reverse",
        SAMPLE_TEXT,
        lambda d: d.meta.topics.reverse(),
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - AI\n  - Natural Language Processing\n\n"),
    ),
    ("topics+= (local)", SAMPLE_TEXT, _iadd_local, replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n")),
    (
        "topics+= (attribute)",
        SAMPLE_TEXT,
        _iadd_attribute,
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n"),
    ),
    (
        "topics*= (local)",
        SAMPLE_TEXT,
        _imul_local,
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Natural Language Processing\n  - AI\n"),
    ),
    (
        "topics*= (attribute)",
        SAMPLE_TEXT,
        _imul_attribute,
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Natural Language Processing\n  - AI\n"),
    ),
    ("topics*=0", SAMPLE_TEXT, _imul_zero, replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "")),
    # images
    (
        "images.append",
        SAMPLE_TEXT,
        lambda d: d.meta.images.append(new_image()),
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + NEW_IMAGE_LINES),
    ),
    (
        "images.insert",
        SAMPLE_TEXT,
        lambda d: d.meta.images.insert(0, new_image()),
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, NEW_IMAGE_LINES + IMAGE_ITEM),
    ),
    (
        "images.extend",
        SAMPLE_TEXT,
        lambda d: d.meta.images.extend([new_image()]),
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + NEW_IMAGE_LINES),
    ),
    (
        "images[0]=",
        SAMPLE_TEXT,
        lambda d: d.meta.images.__setitem__(0, new_image()),
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, NEW_IMAGE_LINES),
    ),
    ("images[:]=[]", SAMPLE_TEXT, _images_del_slice, WITHOUT_IMAGES),
    ("del images[0]", SAMPLE_TEXT, _images_del, WITHOUT_IMAGES),
    ("images.pop", SAMPLE_TEXT, lambda d: d.meta.images.pop(), WITHOUT_IMAGES),
    ("images.remove", SAMPLE_TEXT, lambda d: d.meta.images.remove(d.meta.images[0]), WITHOUT_IMAGES),
    ("images.clear", SAMPLE_TEXT, lambda d: d.meta.images.clear(), WITHOUT_IMAGES),
    ("images+=", SAMPLE_TEXT, _images_iadd, replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + NEW_IMAGE_LINES)),
    ("images*=", SAMPLE_TEXT, _images_imul, replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + IMAGE_ITEM)),
    (
        "images.sort",
        WITH_TWO_IMAGES,
        _images_sort,
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, NEW_IMAGE_LINES + IMAGE_ITEM),
    ),
    (
        "images.reverse",
        WITH_TWO_IMAGES,
        _images_reverse,
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, NEW_IMAGE_LINES + IMAGE_ITEM),
    ),
    (
        "user image edited after append",
        SAMPLE_TEXT,
        _user_image,
        replace_once(SAMPLE_TEXT, IMAGE_ITEM, IMAGE_ITEM + NEW_IMAGE_LINES.replace("10", "11")),
    ),
    # related
    (
        "related.append",
        SAMPLE_TEXT,
        lambda d: d.meta.related.append(copy.deepcopy(d.meta.related[0])),
        replace_once(SAMPLE_TEXT, RELATED_BLOCK, RELATED_BLOCK + R[0]),
    ),
    ("related.extend", SAMPLE_TEXT, _related_extend, replace_once(SAMPLE_TEXT, RELATED_BLOCK, RELATED_BLOCK + R[0])),
    (
        "related.insert",
        SAMPLE_TEXT,
        _related_insert,
        replace_once(SAMPLE_TEXT, RELATED_BLOCK, R[0] + R[3] + R[1] + R[2] + R[3]),
    ),
    (
        "related[1]=",
        SAMPLE_TEXT,
        _related_set_item,
        replace_once(SAMPLE_TEXT, "    quality: 74\n", "    quality: 75\n"),
    ),
    (
        "related[0:2]=",
        SAMPLE_TEXT,
        _related_set_slice,
        replace_once(SAMPLE_TEXT, RELATED_BLOCK, R[1] + R[0] + R[2] + R[3]),
    ),
    ("del related[2]", SAMPLE_TEXT, _related_del, replace_once(SAMPLE_TEXT, R[2], "")),
    ("del related[1:3]", SAMPLE_TEXT, _related_del_slice, replace_once(SAMPLE_TEXT, R[1] + R[2], "")),
    ("related.pop(1)", SAMPLE_TEXT, lambda d: d.meta.related.pop(1), replace_once(SAMPLE_TEXT, R[1], "")),
    ("related.remove", SAMPLE_TEXT, _remove_related_first, replace_once(SAMPLE_TEXT, R[0], "")),
    (
        "related.clear",
        SAMPLE_TEXT,
        lambda d: d.meta.related.clear(),
        replace_once(SAMPLE_TEXT, "\nrelated:\n" + RELATED_BLOCK, ""),
    ),
    (
        "related.sort",
        SAMPLE_TEXT,
        lambda d: d.meta.related.sort(key=lambda item: item.title),
        replace_once(SAMPLE_TEXT, RELATED_BLOCK, R[2] + R[1] + R[3] + R[0]),
    ),
    (
        "related.reverse",
        SAMPLE_TEXT,
        lambda d: d.meta.related.reverse(),
        replace_once(SAMPLE_TEXT, RELATED_BLOCK, R[3] + R[2] + R[1] + R[0]),
    ),
    ("related+=", SAMPLE_TEXT, _related_iadd, replace_once(SAMPLE_TEXT, RELATED_BLOCK, RELATED_BLOCK + R[0])),
    ("related*=", SAMPLE_TEXT, _related_imul, replace_once(SAMPLE_TEXT, RELATED_BLOCK, RELATED_BLOCK + RELATED_BLOCK)),
    # extra: every dict mutator
    ("extra[k]=", WITH_EXTRA, _extra_set, replace_once(WITH_EXTRA, "locale: en-US\n", "locale: fr-FR\n")),
    ("extra[new]=", WITH_EXTRA, _extra_add, replace_once(WITH_EXTRA, "section: tech\n", "section: tech\nnew: x\n")),
    (
        "extra.update",
        WITH_EXTRA,
        lambda d: d.meta.extra.update(locale="fr-FR"),
        replace_once(WITH_EXTRA, "locale: en-US\n", "locale: fr-FR\n"),
    ),
    ("extra|=", WITH_EXTRA, _extra_ior, replace_once(WITH_EXTRA, "locale: en-US\n", "locale: fr-FR\n")),
    ("extra.pop", WITH_EXTRA, lambda d: d.meta.extra.pop("locale"), replace_once(WITH_EXTRA, "locale: en-US\n", "")),
    ("extra.popitem", WITH_EXTRA, lambda d: d.meta.extra.popitem(), replace_once(WITH_EXTRA, "section: tech\n", "")),
    (
        "extra.setdefault",
        WITH_EXTRA,
        lambda d: d.meta.extra.setdefault("new", "x"),
        replace_once(WITH_EXTRA, "section: tech\n", "section: tech\nnew: x\n"),
    ),
    ("extra.setdefault(existing)", WITH_EXTRA, lambda d: d.meta.extra.setdefault("locale", "x"), WITH_EXTRA),
    ("extra.clear", WITH_EXTRA, lambda d: d.meta.extra.clear(), SAMPLE_TEXT),
    ("del extra[k]", WITH_EXTRA, _extra_del, replace_once(WITH_EXTRA, "locale: en-US\n", "")),
    ("extra (absent) set", SAMPLE_TEXT, _extra_add, replace_once(SAMPLE_TEXT, '=="\n---\n', '=="\nnew: x\n---\n')),
    # the extra of nested objects
    (
        "provider.extra[k]=",
        WITH_PROVIDER_EXTRA,
        _provider_extra_set,
        replace_once(WITH_PROVIDER_EXTRA, "  country: US\n", "  country: UK\n"),
    ),
    ("del provider.extra[k]", WITH_PROVIDER_EXTRA, _provider_extra_del, SAMPLE_TEXT),
    ("provider.extra.clear", WITH_PROVIDER_EXTRA, lambda d: d.meta.provider.extra.clear(), SAMPLE_TEXT),
    ("provider.extra (absent) set", SAMPLE_TEXT, _provider_extra_add, WITH_PROVIDER_EXTRA),
    (
        "related[0].images[0].extra set",
        SAMPLE_TEXT,
        _image_extra_add,
        replace_once(
            SAMPLE_TEXT,
            "        height: 417\n        isCached: true\n",
            "        height: 417\n        isCached: true\n        alt: A face\n",
        ),
    ),
    (
        "related[3].extra set",
        SAMPLE_TEXT,
        _related_extra_add,
        replace_once(
            SAMPLE_TEXT,
            "        height: 382\n        isCached: true\n",
            "        height: 382\n        isCached: true\n    lang: en\n",
        ),
    ),
    # containers inside unknown keys
    (
        "extra[k].append",
        WITH_NESTED_EXTRA,
        lambda d: d.meta.extra["keywords"].append("three"),
        replace_once(WITH_NESTED_EXTRA, "keywords: [one, two]\n", "keywords: [one, two, three]\n"),
    ),
    (
        "extra[k][k]=",
        WITH_NESTED_EXTRA,
        lambda d: d.meta.extra["seo"].__setitem__("robots", "noindex"),
        replace_once(WITH_NESTED_EXTRA, "  robots: index\n", "  robots: noindex\n"),
    ),
    (
        "extra[k].pop",
        WITH_NESTED_EXTRA,
        lambda d: d.meta.extra["seo"].pop("robots"),
        replace_once(WITH_NESTED_EXTRA, "  robots: index\n", ""),
    ),
    (
        "extra[k][k].insert",
        WITH_NESTED_EXTRA,
        lambda d: d.meta.extra["seo"]["tags"].insert(0, "w"),
        replace_once(WITH_NESTED_EXTRA, "    - x\n", "    - w\n    - x\n"),
    ),
    # files read by the full parser
    (
        "flow topics.append",
        FLOW_TOPICS,
        lambda d: d.meta.topics.append("Robotics"),
        replace_once(FLOW_TOPICS, "[Natural Language Processing, AI]", "[Natural Language Processing, AI, Robotics]"),
    ),
    (
        "flow provider.extra set",
        FLOW_PROVIDER,
        _provider_extra_add,
        replace_once(FLOW_PROVIDER, "domain: ubergizmo.com}", "domain: ubergizmo.com, country: US}"),
    ),
    (
        "anchored provider.name",
        ANCHORED_PROVIDER,
        lambda d: setattr(d.meta.provider, "name", "Uber Feed"),
        replace_once(ANCHORED_PROVIDER, "  name: Ubergizmo Feed\n", "  name: Uber Feed\n"),
    ),
    (
        "anchored provider.images (absent).append",
        ANCHORED_PROVIDER,
        lambda d: d.meta.provider.images.append(Image(url="/assets/logo.png", width=10, height=10)),
        replace_once(ANCHORED_PROVIDER, "  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n" + LOGO_LINES),
    ),
    # lists absent from the file: their default lists are tracked too
    (
        "topics (absent).append",
        WITHOUT_TOPICS,
        lambda d: d.meta.topics.append("AI"),
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - AI\n\n"),
    ),
    (
        "topics (absent).extend",
        WITHOUT_TOPICS,
        lambda d: d.meta.topics.extend(["Natural Language Processing", "AI"]),
        SAMPLE_TEXT,
    ),
    (
        "images (absent).append",
        WITHOUT_IMAGES,
        lambda d: d.meta.images.append(copy.deepcopy(articlefm.loads(SAMPLE_TEXT).meta.images[0])),
        SAMPLE_TEXT,
    ),
    (
        "provider.images (absent).append",
        SAMPLE_TEXT,
        lambda d: d.meta.provider.images.append(Image(url="/assets/logo.png", width=10, height=10)),
        replace_once(SAMPLE_TEXT, "  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n" + LOGO_LINES),
    ),
    (
        "related[0].provider.images (absent).insert",
        SAMPLE_TEXT,
        lambda d: d.meta.related[0].provider.images.insert(0, Image(url="/assets/logo.png", width=10, height=10)),
        replace_once(
            SAMPLE_TEXT,
            "      domain: thenextweb.com\n",
            "      domain: thenextweb.com\n" + "".join("    " + line for line in LOGO_LINES.splitlines(keepends=True)),
        ),
    ),
    # lists the user assigned
    ("user list", SAMPLE_TEXT, _user_list, replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - a\n  - b\n\n")),
    (
        "user list changed after a write",
        SAMPLE_TEXT,
        _user_list_later,
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - a\n  - b\n\n"),
    ),
    (
        "user provider's logos",
        SAMPLE_TEXT,
        _user_provider_logos,
        replace_once(SAMPLE_TEXT, "  domain: ubergizmo.com\n", "  domain: ubergizmo.com\n" + LOGO_LINES),
    ),
]


@pytest.mark.parametrize(("text", "edit", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_every_change_shows_up(text: str, edit: Edit, expected: str) -> None:
    doc = load(text)
    assert articlefm.dumps(doc) == text
    edit(doc)
    assert not unedited(doc)
    check(doc, expected)
    check(doc, expected)  # and again: writing does not make it unedited


@pytest.mark.parametrize(("text", "edit", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_every_change_shows_up_in_a_file(tmp_path: Path, text: str, edit: Edit, expected: str) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(text.encode("utf-8"))
    doc = articlefm.load(path)
    edit(doc)
    articlefm.dump(doc, path)
    assert path.read_bytes() == expected.encode("utf-8")
    assert articlefm.dumps(doc) == expected


def test_changes_after_a_write_show_up() -> None:
    doc = load(SAMPLE_TEXT)
    doc.meta.topics.append("Robotics")
    first = replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n")
    check(doc, first)
    doc.meta.topics.remove("Robotics")
    check(doc, SAMPLE_TEXT)
    doc.meta.extra["new"] = "x"
    check(doc, replace_once(SAMPLE_TEXT, '=="\n---\n', '=="\nnew: x\n---\n'))


def test_changes_after_dump_show_up(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    doc = articlefm.load(path)
    doc.meta.quality = 40
    articlefm.dump(doc, path)
    doc.meta.topics.append("Robotics")
    articlefm.dump(doc, path)
    expected = replace_once(SAMPLE_TEXT, QUALITY_LINE, "\nquality: 40\n").replace("  - AI\n", "  - AI\n  - Robotics\n")
    assert path.read_text(encoding="utf-8") == expected
    assert articlefm.dumps(doc) == expected


# --- a change elsewhere -----------------------------------------------------------------------------------------------


def test_a_change_elsewhere_does_not_alter_what_others_write() -> None:
    texts = [read_text(path) for path in FIXTURE_FILES]
    variants = [
        WITH_NESTED_EXTRA,
        FLOW_TOPICS,
        FLOW_PROVIDER,
        ANCHORED_PROVIDER,
        SAMPLE_TEXT.replace("\n", "\r\n"),
        "\ufeff" + SAMPLE_TEXT,
        WITH_EXTRA,
        WITH_PROVIDER_EXTRA,
        WITHOUT_TOPICS,
    ]
    docs = [articlefm.loads(text) for text in [*texts, *variants]]
    plain = [articlefm.loads(text, schema=None) for text in [SAMPLE_TEXT, WITH_EXTRA]]
    other = load(SAMPLE_TEXT)
    other.meta.topics.append("Robotics")
    every: list[Document[Any]] = [*docs, *plain]
    for doc in every:
        assert not unedited(doc)  # the shortcut is gone...
    for doc, text in zip(docs, [*texts, *variants], strict=True):
        assert articlefm.dumps(doc) == text  # ...but what it writes is not
    for doc, text in zip(plain, [SAMPLE_TEXT, WITH_EXTRA], strict=True):
        assert articlefm.dumps(doc) == text
    assert articlefm.dumps(other) == replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n")


def test_a_change_elsewhere_then_here() -> None:
    first = load(SAMPLE_TEXT)
    second = load(SAMPLE_TEXT)
    second.meta.quality = 40
    first.meta.heat = 3
    assert articlefm.dumps(first) == replace_once(SAMPLE_TEXT, "\nheat: -1\n", "\nheat: 3\n")
    assert articlefm.dumps(second) == replace_once(SAMPLE_TEXT, QUALITY_LINE, "\nquality: 40\n")


# --- copies and pickles -----------------------------------------------------------------------------------------------

Copier = Callable[[Document[Any]], Document[Any]]
COPIERS: list[tuple[str, Copier]] = [
    ("copy", copy.copy),
    ("deepcopy", copy.deepcopy),
    *[
        (f"pickle{protocol}", lambda doc, p=protocol: pickle.loads(pickle.dumps(doc, p)))
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
    ],
]
COPY_TEXTS = {
    "lf": SAMPLE_TEXT,
    "crlf-bom": "\ufeff" + SAMPLE_TEXT.replace("\n", "\r\n"),
    "non-ascii": WITH_EXTRA.replace("Ubergizmo", "Übergizmo \U0001f600"),
}
copiers = pytest.mark.parametrize("copier", [c[1] for c in COPIERS], ids=[c[0] for c in COPIERS])
copy_texts = pytest.mark.parametrize("text", list(COPY_TEXTS.values()), ids=list(COPY_TEXTS))


@copiers
@copy_texts
def test_copy_of_unedited_writes_its_source(copier: Copier, text: str) -> None:
    doc = load(text)
    again = copier(doc)
    assert unedited(again)
    assert unedited(doc)
    assert articlefm.dumps(again) == text
    assert again == doc


@copiers
@copy_texts
def test_copy_of_unedited_then_edited(copier: Copier, text: str) -> None:
    doc = load(text)
    again = copier(doc)
    again.meta.quality = 40
    expected = text.replace("quality: 38", "quality: 40")
    assert articlefm.dumps(again) == expected
    assert articlefm.dumps(doc) == (expected if copier is copy.copy else text)  # a shallow copy shares the model


@copiers
@copy_texts
def test_copy_of_edited_writes_the_edit(copier: Copier, text: str) -> None:
    doc = load(text)
    doc.meta.topics.append("Robotics")
    again = copier(doc)
    assert not unedited(again)
    newline = "\r\n" if "\r\n" in text else "\n"
    expected = text.replace(f"  - AI{newline}", f"  - AI{newline}  - Robotics{newline}")
    assert articlefm.dumps(again) == expected
    assert articlefm.dumps(doc) == expected


@copiers
def test_copy_of_a_document_edited_elsewhere_writes_its_source(copier: Copier) -> None:
    doc = load(SAMPLE_TEXT)
    load(SAMPLE_TEXT).meta.quality = 1
    again = copier(doc)
    assert not unedited(again)
    assert articlefm.dumps(again) == SAMPLE_TEXT


@copiers
def test_copy_keeps_strict(copier: Copier) -> None:
    doc = articlefm.loads(SAMPLE_TEXT, strict=True)
    again = copier(doc)
    again.meta.extra["locale"] = "en-US"
    with pytest.raises(ArticleError) as info:
        articlefm.dumps(again)
    assert str(info.value) == "<document>: locale: unknown key 'locale' (strict mode)"


@copiers
def test_copy_of_a_plain_document(copier: Copier) -> None:
    doc = articlefm.loads(WITH_EXTRA, schema=None)
    again = copier(doc)
    assert unedited(again)
    assert articlefm.dumps(again) == WITH_EXTRA
    again.meta["provider"]["name"] = "Uber Feed"
    expected = replace_once(WITH_EXTRA, "  name: Ubergizmo Feed\n", "  name: Uber Feed\n")
    assert articlefm.dumps(again) == expected


@copiers
def test_copying_is_not_a_change(copier: Copier) -> None:
    first = load(SAMPLE_TEXT)
    for path in FIXTURE_FILES[:20]:
        copier(articlefm.loads(path.read_bytes()))
    copier(articlefm.loads(WITH_EXTRA, schema=None))
    assert unedited(first)


def test_unpickling_is_not_a_change() -> None:
    docs = [articlefm.loads(path.read_bytes()) for path in FIXTURE_FILES]
    docs.append(articlefm.loads(WITH_PROVIDER_EXTRA))
    plain = articlefm.loads(WITH_EXTRA, schema=None)
    blob = pickle.dumps([docs, plain])
    first = load(SAMPLE_TEXT)
    again, again_plain = pickle.loads(blob)
    assert unedited(first)
    assert all(unedited(doc) for doc in again)
    assert unedited(again_plain)
    assert [articlefm.dumps(doc) for doc in again] == [articlefm.dumps(doc) for doc in docs]


def test_pickled_containers_are_still_tracked() -> None:
    again = pickle.loads(pickle.dumps(load(SAMPLE_TEXT)))
    assert unedited(again)
    again.meta.related[0].images.append(new_image())
    assert not unedited(again)
    lines = "".join("    " + line for line in NEW_IMAGE_LINES.splitlines(keepends=True))
    check(
        again,
        replace_once(
            SAMPLE_TEXT,
            "        height: 417\n        isCached: true\n",
            "        height: 417\n        isCached: true\n" + lines,
        ),
    )


# --- schema=None ------------------------------------------------------------------------------------------------------

PlainEdit = Callable[[dict[str, Any]], object]


def _plain_del(meta: dict[str, Any]) -> None:
    del meta["heat"]


def _plain_del_nested(meta: dict[str, Any]) -> None:
    del meta["related"][1]


PLAIN_CASES: list[tuple[str, PlainEdit, str]] = [
    ("top value", lambda m: m.__setitem__("quality", 40), replace_once(SAMPLE_TEXT, QUALITY_LINE, "\nquality: 40\n")),
    (
        "provider.name",
        lambda m: m["provider"].__setitem__("name", "Uber Feed"),
        replace_once(SAMPLE_TEXT, "  name: Ubergizmo Feed\n", "  name: Uber Feed\n"),
    ),
    (
        "related[0].images[0].width",
        lambda m: m["related"][0]["images"][0].__setitem__("width", 800),
        replace_once(SAMPLE_TEXT, "        width: 796\n", "        width: 800\n"),
    ),
    (
        "topics.append",
        lambda m: m["topics"].append("Robotics"),
        replace_once(SAMPLE_TEXT, "  - AI\n", "  - AI\n  - Robotics\n"),
    ),
    ("topics.pop", lambda m: m["topics"].pop(0), replace_once(SAMPLE_TEXT, "  - Natural Language Processing\n", "")),
    (
        "topics.reverse",
        lambda m: m["topics"].reverse(),
        replace_once(SAMPLE_TEXT, TOPICS_BLOCK, "topics:\n  - AI\n  - Natural Language Processing\n\n"),
    ),
    ("del heat", _plain_del, replace_once(SAMPLE_TEXT, "\nheat: -1\n", "\n")),
    ("del related[1]", _plain_del_nested, replace_once(SAMPLE_TEXT, R[1], "")),
    (
        "related[2].provider.pop",
        lambda m: m["related"][2]["provider"].pop("domain"),
        replace_once(SAMPLE_TEXT, "      domain: wbur.org\n", ""),
    ),
    (
        "images[0].update",
        lambda m: m["images"][0].update(width=1200),
        replace_once(SAMPLE_TEXT, "    width: 900\n", "    width: 1200\n"),
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"), [case[1:] for case in PLAIN_CASES], ids=[case[0] for case in PLAIN_CASES]
)
def test_plain_documents_are_tracked(edit: PlainEdit, expected: str) -> None:
    doc = articlefm.loads(SAMPLE_TEXT, schema=None)
    assert unedited(doc)
    assert articlefm.dumps(doc) == SAMPLE_TEXT
    edit(doc.meta)
    assert not unedited(doc)
    check(doc, expected, schema=None)


def test_plain_document_unchanged_by_a_change_elsewhere() -> None:
    doc = articlefm.loads(WITH_EXTRA, schema=None)
    load(SAMPLE_TEXT).meta.topics.clear()
    assert not unedited(doc)
    assert articlefm.dumps(doc) == WITH_EXTRA


# --- a user schema: not counted, still right ---------------------------------------------------------------------


@attrs.define
class Author:
    name: str
    email: str | None = None


@attrs.define
class Post:
    title: str
    date_published: dt.datetime
    authors: list[Author]
    draft: bool = False
    slug: str = attrs.field(default="", metadata={"articlefm": {"key": "permalink"}})
    tags: list[str] = attrs.Factory(list)
    extra: dict[str, object] = attrs.Factory(dict)


POST = """---
title: Hello
datePublished: 2024-05-01T09:30:00+02:00
permalink: /hello
authors:
  - name: Ada  # the first author
tags:
  - a
  - b
layout: post
---
Body
"""

PostEdit = Callable[[Post], object]


def _post_del_tag(post: Post) -> None:
    del post.tags[0]


POST_CASES: list[tuple[str, PostEdit, str]] = [
    ("title", lambda p: setattr(p, "title", "Bye"), replace_once(POST, "title: Hello\n", "title: Bye\n")),
    (
        "authors[0].name",
        lambda p: setattr(p.authors[0], "name", "Ada L"),
        replace_once(POST, "  - name: Ada  # the first author\n", "  - name: Ada L  # the first author\n"),
    ),
    (
        "authors.append",
        lambda p: p.authors.append(Author(name="Grace")),
        replace_once(
            POST, "  - name: Ada  # the first author\n", "  - name: Ada  # the first author\n  - name: Grace\n"
        ),
    ),
    ("tags.append", lambda p: p.tags.append("c"), replace_once(POST, "  - b\n", "  - b\n  - c\n")),
    ("tags.reverse", lambda p: p.tags.reverse(), replace_once(POST, "  - a\n  - b\n", "  - b\n  - a\n")),
    ("del tags[0]", _post_del_tag, replace_once(POST, "  - a\n", "")),
    (
        "extra[k]=",
        lambda p: p.extra.__setitem__("layout", "page"),
        replace_once(POST, "layout: post\n", "layout: page\n"),
    ),
    ("extra.pop", lambda p: p.extra.pop("layout"), replace_once(POST, "layout: post\n", "")),
]


@pytest.mark.parametrize(("edit", "expected"), [case[1:] for case in POST_CASES], ids=[case[0] for case in POST_CASES])
def test_user_schema_not_counted_but_written_right(edit: PostEdit, expected: str) -> None:
    doc = articlefm.loads(POST, schema=Post)
    assert not unedited(doc)  # not every change to a user's class can be counted: it is compared
    assert articlefm.dumps(doc) == POST
    edit(doc.meta)
    check(doc, expected, schema=Post)
    again = pickle.loads(pickle.dumps(doc))
    assert not unedited(again)
    assert articlefm.dumps(again) == expected


# --- property: random mutations are never lost ------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)
WORDS = st.text("abcXYZ 019:#-'\"é", min_size=1, max_size=10).filter(lambda s: s.strip() == s and s != "")
INDEX = st.integers(0, 10)


@attrs.frozen
class Op:
    """One change to a loaded article: a name, and its arguments (indexes are taken modulo the list's length)."""

    name: str
    args: tuple[Any, ...] = ()

    def apply(self, doc: Document[Article]) -> None:
        OPERATIONS[self.name](doc, *self.args)


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _op_topics(doc: Document[Article], method: str, index: int, value: str) -> None:
    topics = doc.meta.topics
    if method == "append":
        topics.append(value)
    elif method == "insert":
        topics.insert(index, value)
    elif method == "extend":
        topics.extend([value, value + "x"])
    elif method == "iadd":
        topics += [value]
    elif method == "imul":
        topics *= index % 3
    elif method == "set" and topics:
        topics[index % len(topics)] = value
    elif method == "set_slice":
        topics[: index % 3] = [value]
    elif method == "del" and topics:
        del topics[index % len(topics)]
    elif method == "pop" and topics:
        topics.pop(index % len(topics))
    elif method == "remove" and topics:
        topics.remove(_pick(topics, index))
    elif method == "clear":
        topics.clear()
    elif method == "sort":
        topics.sort()
    elif method == "reverse":
        topics.reverse()


def _op_images(doc: Document[Article], method: str, index: int, width: int) -> None:
    images = doc.meta.images
    image = Image(url=f"https://example.com/{width}.jpg", width=width, height=width + 1)
    if method == "append":
        images.append(image)
    elif method == "insert":
        images.insert(index, image)
    elif method == "width" and images:
        _pick(images, index).width = width
    elif method == "pop" and images:
        images.pop(index % len(images))
    elif method == "clear":
        images.clear()
    elif method == "reverse":
        images.reverse()
    elif method == "sort":
        images.sort(key=lambda item: item.width)


def _op_related(doc: Document[Article], method: str, index: int, value: int) -> None:
    related = doc.meta.related
    item = _pick(related, index)
    if method == "quality" and item is not None:
        item.quality = value
    elif method == "provider" and item is not None:
        item.provider.name = f"Provider {value}"
    elif method == "image" and item is not None:
        item.images.append(Image(url=f"https://example.com/r{value}.png", width=value + 1, height=2))
    elif method == "image_width" and item is not None and item.images:
        item.images[0].width = value + 1
    elif method == "extra" and item is not None:
        item.extra[f"k{value % 3}"] = value
    elif method == "copy" and item is not None:
        related.append(copy.deepcopy(item))
    elif method == "pop" and related:
        related.pop(index % len(related))
    elif method == "reverse":
        related.reverse()
    elif method == "sort":
        related.sort(key=lambda entry: entry.title)
    elif method == "clear":
        related.clear()


def _op_extra(doc: Document[Article], method: str, key: str, value: Any) -> None:
    extra = doc.meta.extra if not key.startswith("p") else doc.meta.provider.extra
    if method == "set":
        extra[key] = value
    elif method == "update":
        extra.update({key: value})
    elif method == "ior":
        extra |= {key: value}
    elif method == "setdefault":
        extra.setdefault(key, value)
    elif method == "pop":
        extra.pop(key, None)
    elif method == "popitem" and extra:
        extra.popitem()
    elif method == "clear":
        extra.clear()
    elif method == "nested":
        target = extra.get(key)
        if isinstance(target, list):
            target.append(value)
        elif isinstance(target, dict):
            target["n"] = value


def _op_field(doc: Document[Article], name: str, value: Any) -> None:
    if name == "body":
        doc.body = value
    elif name == "provider.name":
        doc.meta.provider.name = value
    else:
        setattr(doc.meta, name, value)


OPERATIONS: dict[str, Callable[..., None]] = {
    "topics": _op_topics,
    "images": _op_images,
    "related": _op_related,
    "extra": _op_extra,
    "field": _op_field,
}

EXTRA_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    WORDS,
    st.lists(WORDS, max_size=2),
    st.dictionaries(WORDS, WORDS, max_size=2),
)
OPS = st.one_of(
    st.builds(
        Op,
        st.just("topics"),
        st.tuples(
            st.sampled_from(
                [
                    "append",
                    "insert",
                    "extend",
                    "iadd",
                    "imul",
                    "set",
                    "set_slice",
                    "del",
                    "pop",
                    "remove",
                    "clear",
                    "sort",
                    "reverse",
                ]
            ),
            INDEX,
            WORDS,
        ),
    ),
    st.builds(
        Op,
        st.just("images"),
        st.tuples(
            st.sampled_from(["append", "insert", "width", "pop", "clear", "reverse", "sort"]),
            INDEX,
            st.integers(1, 5000),
        ),
    ),
    st.builds(
        Op,
        st.just("related"),
        st.tuples(
            st.sampled_from(
                ["quality", "provider", "image", "image_width", "extra", "copy", "pop", "reverse", "sort", "clear"]
            ),
            INDEX,
            st.integers(0, 100),
        ),
    ),
    st.builds(
        Op,
        st.just("extra"),
        st.tuples(
            st.sampled_from(["set", "update", "ior", "setdefault", "pop", "popitem", "clear", "nested"]),
            st.sampled_from(["locale", "section", "keywords", "seo", "new", "pcountry", "plogo"]),
            EXTRA_VALUES,
        ),
    ),
    st.builds(
        Op,
        st.just("field"),
        st.one_of(
            st.tuples(st.just("quality"), st.none() | st.integers(0, 1000)),
            st.tuples(st.just("heat"), st.none() | st.integers(-1, 1000)),
            st.tuples(st.just("published"), st.none() | st.booleans()),
            st.tuples(st.just("title"), TEXT.filter(lambda s: s.strip() != "")),
            st.tuples(st.just("provider.name"), WORDS),
            st.tuples(st.just("body"), st.sampled_from(["", "\n", "Body\n", "---\nx\n"])),
        ),
    ),
)
BASES = {
    "sample": SAMPLE_TEXT,
    "extra": WITH_EXTRA,
    "nested-extra": WITH_NESTED_EXTRA,
    "provider-extra": WITH_PROVIDER_EXTRA,
    "no-topics": WITHOUT_TOPICS,
    "flow": FLOW_TOPICS,
    "crlf-bom": "\ufeff" + SAMPLE_TEXT.replace("\n", "\r\n"),
}


@given(base=st.sampled_from(list(BASES)), ops=st.lists(OPS, max_size=8))
def test_random_changes_are_never_lost(base: str, ops: list[Op]) -> None:
    text = BASES[base]
    bystander = load(text)
    doc = load(text)
    for op in ops:
        op.apply(doc)
    if not ops:
        assert unedited(doc)
    if unedited(doc):  # every operation drawn was a no-op (a pop from an empty list, say)
        assert articlefm.dumps(doc) == text
    out = articlefm.dumps(doc)
    again = articlefm.loads(out)
    assert again.meta == doc.meta
    assert again.body == doc.body
    assert unedited(again)
    assert articlefm.dumps(again) == out
    assert articlefm.dumps(doc) == out
    assert articlefm.dumps(bystander) == text
