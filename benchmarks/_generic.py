"""A deterministic generator of front matter as static-site generators write it, for the benchmark.

Files in the styles of Jekyll, Hugo, Astro, Docusaurus, MkDocs and Eleventy
pages and posts: their usual keys, front matter of 3 to 60 lines, a Markdown
body of a few paragraphs. Each file records the YAML constructs it uses, so
the benchmark can report each class of construct apart:

- ``flow sequence`` (``tags: [a, b]``), in about half the files;
- ``flow mapping`` (``thumbnail: {image: a.png, alt: A}``);
- ``empty value`` (``subtitle:``);
- ``single-quoted`` (Astro's habit);
- ``multi-line scalar``: a plain or quoted scalar continued on the next lines;
- ``indented sequence`` (items under their key, indented) and ``indentless sequence``
  (items at the key's column);
- ``block scalar`` (``description: >-``, ``summary: |``);
- ``comment`` (a commented-out key, a comment after a value);
- ``outside the subset``: what the fast reader leaves to the full parser (anchors
  and aliases, quoted keys, a flow sequence over several lines), in a few files.

Every file also has ``Page``'s keys, so the same files can be loaded typed.
Standard library only; the same arguments always give the same files.

>>> files = generate(3, seed=1)
>>> all(text.startswith("---\\n") for text, _ in files)
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["CONSTRUCTS", "Page", "generate"]

CONSTRUCTS = (
    "flow sequence",
    "flow mapping",
    "empty value",
    "single-quoted",
    "multi-line scalar",
    "indented sequence",
    "indentless sequence",
    "block scalar",
    "comment",
    "outside the subset",
)


@attrs.define
class Page:
    """The keys every generated file has, typed; the rest is kept in ``extra``."""

    title: str
    date: dt.datetime
    tags: list[str] = attrs.Factory(list)
    draft: bool = False
    description: str | None = None
    extra: dict[str, Any] = attrs.Factory(dict)


_WORDS = ["static", "site", "build", "deploy", "theme", "content", "markdown", "image", "layout", "page",
          "post", "guide", "release", "notes", "api", "plugin", "config", "server", "cache", "route", "search",
          "docs", "community", "template", "feature", "performance", "update", "migration", "tutorial"]  # fmt: skip
_TAGS = ["go", "hugo", "jekyll", "astro", "react", "docs", "release", "tutorial", "css", "javascript", "python",
         "devops", "design", "C#", "web performance", "accessibility", "i18n", "ci", "news", "open source"]  # fmt: skip
_AUTHORS = ["jane", "joel", "slorber", "yangshun", "alex", "mei", "sam", "priya"]


class _Writer:
    """Front-matter lines of one file and the constructs they use."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.used: set[str] = set()

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self) -> str:
        return self.words(6, 16).capitalize() + "."

    def tags(self, key: str = "tags", low: int = 1, high: int = 5) -> None:
        """A list of tags: flow or block, indented or not, quoted or not."""
        tags = self.rng.sample(_TAGS, self.rng.randint(low, high))
        quote = self.rng.choice(['"', "'", "", "", ""])
        written = [f"{quote}{tag}{quote}" if quote or tag == "C#" else tag for tag in tags]
        if quote == "'":
            self.used.add("single-quoted")
        if self.chance(0.55):
            self.lines.append(f"{key}: [{', '.join(written)}]")
            self.used.add("flow sequence")
            return
        self.lines.append(f"{key}:")
        indent = "" if self.chance(0.3) else "  "
        self.used.add("indentless sequence" if not indent else "indented sequence")
        self.lines += [f"{indent}- {tag}" for tag in written]

    def text(self, key: str, indent: str = "") -> None:
        """A free-text value: quoted or plain, sometimes over several lines or a block scalar."""
        roll = self.rng.random()
        text = self.sentence()
        if roll < 0.12:
            header = self.rng.choice([">-", "|", ">", "|-"])
            self.lines.append(f"{indent}{key}: {header}")
            self.lines += [f"{indent}  {self.sentence()}" for _ in range(self.rng.randint(1, 4))]
            self.used.add("block scalar")
        elif roll < 0.2:
            quote = self.rng.choice(['"', ""])
            self.lines.append(f"{indent}{key}: {quote}{text}")
            self.lines += [f"{indent}  {self.sentence()}" for _ in range(self.rng.randint(0, 2))]
            self.lines.append(f"{indent}  {self.sentence()}{quote}")
            self.used.add("multi-line scalar")
        elif roll < 0.45:
            self.lines.append(f"{indent}{key}: '{text}'")
            self.used.add("single-quoted")
        elif roll < 0.8:
            self.lines.append(f'{indent}{key}: "{text}"')
        else:
            self.lines.append(f"{indent}{key}: {text}")

    def date(self) -> dt.datetime:
        start = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
        return start + dt.timedelta(minutes=self.rng.randint(0, 5_000_000))

    def common(self, title_quote: str = '"') -> None:
        """Page's keys: title, date, tags, draft, description."""
        title = self.words(2, 7).title()
        self.lines.append(f"title: {title_quote}{title}{title_quote}")
        when = self.date()
        offset = self.rng.choice(["Z", "+02:00", "-07:00"])
        self.lines.append(f"date: {when:%Y-%m-%dT%H:%M:%S}{offset}")
        self.tags()
        if self.chance(0.5):
            self.lines.append(f"draft: {self.rng.choice(['true', 'false'])}")
        if self.chance(0.7):
            self.text("description")

    def extras(self) -> None:
        """What any style adds now and then: empty values, comments, a flow mapping, images."""
        if self.chance(0.15):
            self.lines.append(self.rng.choice(["subtitle:", "canonical_url:", "series:", "og_image:"]))
            self.used.add("empty value")
        if self.chance(0.15):
            self.lines.append(self.rng.choice(["# draft: true", "# TODO: a better summary", "#layout: wide"]))
            self.used.add("comment")
        if self.chance(0.06):
            self.lines[-1] += "  # " + self.words(1, 4)
            self.used.add("comment")
        if self.chance(0.05):
            self.lines.append(f'thumbnail: {{image: /images/{self.rng.choice(_WORDS)}.png, alt: "{self.words(2, 5)}"}}')
            self.used.add("flow mapping")
        if self.chance(0.12):
            self.resources()
        if self.chance(0.04):
            self.outside()

    def resources(self) -> None:
        """A longer list of mappings (links, resources, related pages): the long front matters."""
        self.lines.append(self.rng.choice(["resources:", "links:", "related:"]))
        indent = "" if self.chance(0.3) else "  "
        self.used.add("indentless sequence" if not indent else "indented sequence")
        for _ in range(self.rng.randint(3, 9)):
            name = self.rng.choice(_WORDS)
            self.lines.append(f'{indent}- name: "{self.words(2, 5).title()}"')
            self.lines.append(f"{indent}  src: https://example.com/{name}/{self.rng.randint(1, 999)}")
            if self.chance(0.5):
                self.lines.append(f"{indent}  weight: {self.rng.randint(1, 99)}")

    def outside(self) -> None:
        """A construct the fast reader leaves to the full parser."""
        kind = self.rng.randrange(3)
        if kind == 0:
            self.lines += ["defaults: &defaults", "  layout: post", "  comments: true", "override: *defaults"]
        elif kind == 1:
            self.lines.append(f'"og:title": "{self.words(2, 5)}"')
        else:
            self.lines += ["aliases: [", f"  /{self.rng.choice(_WORDS)}/,", f"  /{self.rng.choice(_WORDS)}/old/", "]"]
        self.used.add("outside the subset")


def _jekyll(page: _Writer) -> None:
    page.lines.append(f"layout: {page.rng.choice(['post', 'page', 'single'])}")
    page.common()
    if page.chance(0.5):
        page.tags("categories", 1, 2)
    page.lines.append(f"author: {page.rng.choice(_AUTHORS)}")
    if page.chance(0.4):
        page.lines.append("permalink: /blog/:year/:month/:title/")
    if page.chance(0.4):
        page.lines += ["image:", f"  path: /assets/img/{page.rng.choice(_WORDS)}.jpg"]
        page.text("alt", "  ")
    if page.chance(0.3):
        page.lines.append("comments: true")


def _hugo(page: _Writer) -> None:
    page.common()
    if page.chance(0.5):
        page.tags("categories", 1, 2)
    page.lines.append(f"weight: {page.rng.randint(1, 50)}")
    if page.chance(0.4):
        page.lines += ["cover:", f'  image: "/images/{page.rng.choice(_WORDS)}.png"', "  relative: false"]
        page.text("alt", "  ")
    if page.chance(0.3):
        page.lines += ["toc: true", f"summary: {page.sentence()}"]
    if page.chance(0.2):
        page.tags("keywords", 2, 6)


def _astro(page: _Writer) -> None:
    page.common("'")
    page.used.add("single-quoted")
    page.lines.append(f"pubDate: '{page.date():%b %d %Y}'")
    page.lines.append(f"heroImage: '/blog-placeholder-{page.rng.randint(1, 5)}.jpg'")
    if page.chance(0.3):
        page.lines.append(f"updatedDate: '{page.date():%b %d %Y}'")


def _docusaurus(page: _Writer) -> None:
    slug = page.rng.choice(_WORDS)
    page.lines += [f"id: {slug}", f"sidebar_position: {page.rng.randint(1, 9)}"]
    page.common()
    page.lines += [f"sidebar_label: {slug.title()}", f"slug: /{slug}"]
    if page.chance(0.4):
        page.tags("keywords", 2, 5)
    if page.chance(0.4):
        page.lines.append("authors:")
        indent = "" if page.chance(0.3) else "  "
        page.used.add("indentless sequence" if not indent else "indented sequence")
        for _ in range(page.rng.randint(1, 2)):
            name = page.rng.choice(_AUTHORS)
            page.lines += [
                f"{indent}- name: {name.title()}",
                f"{indent}  title: {page.words(2, 4).title()}",
                f"{indent}  url: https://github.com/{name}",
                f"{indent}  image_url: https://github.com/{name}.png",
            ]
    if page.chance(0.3):
        page.lines.append("hide_table_of_contents: false")


def _mkdocs(page: _Writer) -> None:
    page.common()
    page.lines.append(f"icon: material/{page.rng.choice(_WORDS)}")
    if page.chance(0.5):
        page.lines.append("hide:")
        page.lines += [f"  - {item}" for item in page.rng.sample(["navigation", "toc", "footer"], 2)]
        page.used.add("indented sequence")
    if page.chance(0.3):
        page.lines += ["search:", f"  boost: {page.rng.randint(1, 5)}"]
    if page.chance(0.3):
        page.lines.append(f"status: {page.rng.choice(['new', 'deprecated'])}")


def _eleventy(page: _Writer) -> None:
    page.common()
    page.lines.append(f"layout: layouts/{page.rng.choice(['post', 'base', 'home'])}.njk")
    if page.chance(0.5):
        page.lines += ["eleventyNavigation:", f"  key: {page.rng.choice(_WORDS).title()}"]
        page.lines.append(f"  order: {page.rng.randint(1, 9)}")
    if page.chance(0.3):
        page.lines.append('permalink: "/{{ page.fileSlug }}/"')


_STYLES: list[tuple[Callable[[_Writer], None], float]] = [
    (_jekyll, 0.25), (_hugo, 0.25), (_astro, 0.15), (_docusaurus, 0.15), (_mkdocs, 0.1), (_eleventy, 0.1),
]  # fmt: skip


def _body(rng: random.Random, page: _Writer) -> str:
    parts = [f"# {page.words(2, 6).title()}", ""]
    for _ in range(rng.randint(2, 10)):
        parts += [" ".join(page.sentence() for _ in range(rng.randint(2, 6))), ""]
        if rng.random() < 0.2:
            parts += ["```bash", f"npm run {rng.choice(_WORDS)}", "```", ""]
    return "\n".join(parts)


def _file(rng: random.Random) -> tuple[str, frozenset[str]]:
    page = _Writer(rng)
    style = rng.choices([style for style, _ in _STYLES], [weight for _, weight in _STYLES])[0]
    style(page)
    page.extras()
    while len(page.lines) < 3:
        page.lines.append(f"weight: {rng.randint(1, 9)}")
    lines = page.lines[:60]
    used = page.used if len(page.lines) <= 60 else page.used | {"outside the subset"}  # cut: no longer known
    return "---\n" + "\n".join(lines) + "\n---\n" + _body(rng, page), frozenset(used)


def generate(count: int, *, seed: int = 0) -> list[tuple[str, frozenset[str]]]:
    """``count`` files, each with the constructs its front matter uses."""
    rng = random.Random(seed)
    return [_file(rng) for _ in range(count)]
