"""A deterministic generator of realistic article files, for the benchmark.

The files copy the layout of the real ones in ``tests/fixtures/corpus`` exactly:
key order, double quotes on free text and (in newer files) URLs, a blank line
before each block, two-space indentation, ``Z`` timestamps. Three styles, as
in the real collection:

- ``plain`` (2013 to mid-2020, about a third of the files): ``quality``,
  ``heat`` and ``published``, URLs unquoted, image ``title``, provider logos at
  site-relative ``/assets/...`` paths;
- ``quoted`` (2018 to 2020, a few): the same keys with quoted URLs, images
  sometimes ``isCached`` too;
- ``new`` (2021 to 2023, the majority): ``originalUrl``, quoted URLs,
  ``isCached`` images, absolute logo URLs, ``quality``/``heat``/``published``
  only sometimes.

Every optional key is present or absent in about the proportions of the real
files. A few files have CRLF line endings, a few a UTF-8 BOM, a few a Markdown
body (some with a ``---`` rule in it); titles and excerpts carry curly quotes,
dashes, accented letters, some CJK and emoji, and ``\\"`` or ``\\n`` escapes.

Standard library only; the same arguments always give the same files, and
``generate(n)`` is a prefix of ``generate(m)`` for ``n < m``.

>>> texts = generate(3, seed=1)
>>> all(text.lstrip("\\ufeff").startswith("---") for text in texts)
True
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["FILES_PER_FOLDER", "generate", "write"]

FILES_PER_FOLDER = 1000

# Proportions (per file).
_CRLF = 0.012
_BOM = 0.012
_MARKDOWN_BODY = 0.03
_EMPTY_BODY = 0.01
_CJK = 0.02
_EMOJI = 0.02
_CURLY = 0.25  # typographic quotes and dashes rather than ASCII ones

# ---------------------------------------------------------------- vocabulary

# (name, domain, URL pattern); names are plain YAML scalars that mean the same
# string in YAML 1.1 (PyYAML) and 1.2 (articlefm, ruamel.yaml).
_PROVIDERS: list[tuple[str, str, str]] = [
    ("Ubergizmo Feed", "ubergizmo.com", "wp_www"),
    ("The Next Web", "thenextweb.com", "section"),
    ("Fox News", "foxnews.com", "section"),
    ("WBUR", "wbur.org", "dated"),
    ("Daily Mail", "dailymail.co.uk", "numbered"),
    ("Computer Weekly", "computerweekly.com", "section"),
    ("Microsoft", "microsoft.com", "docs"),
    ("Forbes", "forbes.com", "forbes"),
    ("Medium", "medium.com", "medium"),
    ("MarketWatch", "marketwatch.com", "story"),
    ("AWS", "aws.amazon.com", "aws"),
    ("PR Newswire", "prnewswire.com", "release"),
    ("InfoQ", "infoq.com", "section"),
    ("openpr.com", "openpr.com", "openpr"),
    ("Hackaday", "hackaday.com", "wp"),
    ("Medical Xpress", "medicalxpress.com", "numbered"),
    ("Business Wire", "businesswire.com", "release"),
    ("TMCnet", "tmcnet.com", "numbered"),
    ("TechRepublic", "techrepublic.com", "section"),
    ("CRN", "crn.com", "section"),
    ("CNN", "cnn.com", "dated"),
    ("Associated Press", "apnews.com", "apnews"),
    ("Business Insider", "businessinsider.com", "section"),
    ("HotHardware", "hothardware.com", "section"),
    ("VentureBeat", "venturebeat.com", "wp"),
    ("KSHB Kansas City", "kshb.com", "section"),
    ("Digi Times", "digitimes.com", "digitimes"),
    ("The Next Platform", "nextplatform.com", "wp"),
    ("TechSpot", "techspot.com", "numbered"),
    ("ABC News", "go.com", "abc"),
    ("InvestorPlace", "investorplace.com", "wp"),
    ("The Drum", "thedrum.com", "dated"),
    ("Travel Weekly", "travelweekly.co.uk", "bang"),
    ("ZDNet", "zdnet.com", "section"),
    ("Wired", "wired.com", "story"),
    ("Engadget", "engadget.com", "section"),
    ("The Verge", "theverge.com", "dated"),
    ("Ars Technica", "arstechnica.com", "wp"),
    ("Reuters", "reuters.com", "section"),
    ("EurekAlert!", "eurekalert.org", "numbered"),
    ("AUS&R", "ausr.com", "numbered"),
    ("WFMZ-TV", "wfmz.com", "section"),
    ("아크로팬", "acrofan.com", "numbered"),
    ("Le Monde Informatique", "lemondeinformatique.fr", "numbered"),
    ("heise online", "heise.de", "numbered"),
    ("Motley Fool", "fool.com", "dated"),
    ("SiliconANGLE", "siliconangle.com", "wp"),
    ("Analytics India Magazine", "analyticsindiamag.com", "wp"),
    ("Towards Data Science", "towardsdatascience.com", "medium"),
    ("NVIDIA Blog", "blogs.nvidia.com", "wp"),
    ("Google AI Blog", "ai.googleblog.com", "dated"),
    ("MIT Technology Review", "technologyreview.com", "wp"),
    ("Nikkei Asia", "asia.nikkei.com", "section"),
    ("South China Morning Post", "scmp.com", "numbered"),
    ("Tom's Hardware", "tomshardware.com", "section"),
    ("9to5Google", "9to5google.com", "wp"),
    ("Azure Blog", "azure.microsoft.com", "section"),
    ("El País", "elpais.com", "section"),
    ("Les Echos", "lesechos.fr", "numbered"),
    ("Süddeutsche Zeitung", "sueddeutsche.de", "numbered"),
]

_COMPANIES = [
    "Google", "Microsoft", "Amazon", "AWS", "IBM", "Nvidia", "Intel", "AMD", "Qualcomm", "Meta",
    "Facebook", "Apple", "Baidu", "Alibaba", "Tencent", "Samsung", "OpenAI", "DeepMind", "Hugging Face",
    "Waymo", "Tesla", "Uber", "Salesforce", "Oracle", "SAP", "Cadence", "Synopsys", "MediaTek", "Arm",
    "CoreWeave", "Databricks", "Snowflake", "Palantir", "Pegasystems", "Nestlé", "Schneider Electric",
    "Siemens", "Bosch", "Sony", "Toyota", "Nissan", "Hyundai", "Huawei", "SenseTime", "Graphcore",
    "Cerebras", "Mobileye", "Clarifai", "UiPath", "C3.ai", "Element AI", "ADLINK", "Ring", "Axon",
    "Kyocera", "Ceva", "VisionNav", "Particle", "Aetina", "ElectrifAI", "TensorIoT", "Core Scientific",
]  # fmt: skip
_PRODUCTS = [
    "SageMaker Studio", "Azure Machine Learning", "Vertex AI", "Watson Assistant", "H100 GPUs",
    "Jetson Orin", "TensorFlow 2.0", "PyTorch 2.0", "Rekognition", "Bedrock", "Copilot", "Bard",
    "ChatGPT", "GPT-4", "LaMDA", "AlphaFold", "Autopilot", "Snapdragon 8 Gen 2", "Gaudi2",
    "Power BI Premium", "Purview", "Virtuoso Studio", "Llama 2", "SageMaker JumpStart", "MT9638 chip",
    "MECS-7210 edge server", "Seeing AI", "CLIP", "DALL·E 2", "Whisper", "Gemini", "Claude",
]  # fmt: skip
_SUBJECTS = [
    "facial recognition", "machine translation", "speech recognition", "computer vision",
    "autonomous driving", "edge AI", "generative AI", "large language models", "reinforcement learning",
    "deep learning", "AI chips", "medical imaging", "fraud detection", "drug discovery",
    "robotic process automation", "natural language processing", "predictive maintenance",
    "recommendation engines", "deepfakes", "AI ethics", "semantic search", "point clouds",
    "content moderation", "demand forecasting", "self-driving trucks", "neural networks",
    "conversational AI", "AI-enabled printers", "smart TVs", "Bluetooth audio", "microcontrollers",
]  # fmt: skip
_ORGS = [
    "Stratistics MRC", "Kenneth Research", "Gartner", "IDC", "Forrester", "McKinsey", "QY Research",
    "MIT", "Stanford University", "Carnegie Mellon", "ETH Zürich", "the University of Toronto",
    "the University of Tokyo", "Tsinghua University", "KAIST", "the ACLU", "the European Commission",
    "Mila", "the Allen Institute", "Research and Markets",
]  # fmt: skip
_PEOPLE = [
    "Satya Nadella", "Sundar Pichai", "Jensen Huang", "Andy Jassy", "Lisa Su", "Fei-Fei Li", "Yann LeCun",
    "Demis Hassabis", "Andrew Ng", "Kai-Fu Lee", "José Martínez", "Zoë Müller", "François Chollet",
    "Chen Qiufan", "Anjali Raghunathan", "Bjorn Lindqvist", "Shekhar Kapur", "Ngozi Okafor",
]  # fmt: skip
_ROLES = ["chief executive", "head of research", "vice president of AI", "chief scientist", "an analyst", "a professor"]
_CITIES = [
    "Boston", "San Francisco", "Montréal", "São Paulo", "Zurich", "Málaga", "Seoul", "Tokyo", "Shenzhen",
    "Bengaluru", "London", "Paris", "Orlando", "Kansas City", "Springfield", "Cologne", "Krakow",
]  # fmt: skip
_ADJECTIVES = [
    "new", "faster", "cheaper", "low-power", "open-source", "next-generation", "real-time", "secure",
    "scalable", "experimental", "controversial", "unified", "intelligent", "powerful", "privacy-preserving",
]  # fmt: skip
_VERBS = [
    "launches", "unveils", "acquires", "expands", "open-sources", "bets big on", "brings", "rolls out",
    "tests", "pauses", "bans", "doubles down on", "invests in", "teams up with", "previews",
]  # fmt: skip
_TOPICS = [
    "Machine Learning", "Computer Vision", "Natural Language Processing", "AI Hardware", "AI in Autos",
    "AWS AI", "Microsoft AI", "Google AI", "Facebook AI", "IBM AI", "AI in Healthcare", "AI in Robotics",
    "AI in Finance", "AI in Marketing", "TensorFlow", "Deep Learning", "Generative AI", "Speech Recognition",
]  # fmt: skip
_CJK_TEXT = [
    (
        "人工知能が変える医療の未来",
        "東京大学の研究チームは、画像認識を使った新しい診断支援システムを開発したと発表した。",
    ),
    ("自動運転バスが公道で実証実験を開始", "市内を走る自動運転バスの実証実験が始まり、市民の関心を集めている。"),
    ("AI 반도체 시장, 2025년까지 두 배 성장 전망", "시장조사기관에 따르면 AI 반도체 시장은 빠르게 성장하고 있다."),
    ("百度发布新一代文心大模型", "百度今天发布了新一代大语言模型\uff0c并宣布向企业客户开放。"),
    ("네이버, 초거대 AI \u2018하이퍼클로바X\u2019 공개", "네이버가 한국어에 특화된 초거대 AI 모델을 공개했다."),
    ("ソニー、AIで画像認識の精度を向上", "ソニーはエッジAIを搭載したイメージセンサーの新製品を発表した。"),
]
_EMOJI_TEXT = ["🤖", "🚀", "🔥", "📈", "🧠", "👩\u200d💻", "✨", "⚡\ufe0f", "🇪🇺", "👀"]
_IMAGE_SIZES = [
    (1200, 630), (1200, 675), (640, 320), (600, 315), (1024, 683), (800, 450), (3000, 2000), (900, 600),
    (796, 417), (636, 382), (1280, 720), (640, 427), (1105, 617), (400, 400), (1000, 563), (720, 405),
    (512, 512), (480, 360), (1600, 900), (2048, 1152),
]  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


# ---------------------------------------------------------------- text


class _Typography:
    """ASCII or typographic apostrophes, quotes and dashes, per file."""

    def __init__(self, curly: bool) -> None:
        if curly:
            self.apostrophe, self.open, self.close, self.dash = "\u2019", "\u201c", "\u201d", " \u2014 "
        else:
            self.apostrophe, self.open, self.close, self.dash = "'", '"', '"', " -- "

    def quote(self, text: str) -> str:
        return f"{self.open}{text}{self.close}"


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _title_case(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def _title(rng: random.Random, ty: _Typography, year: int) -> str:
    company = rng.choice(_COMPANIES)
    subject = rng.choice(_SUBJECTS)
    kind = rng.choices(range(9), weights=[16, 12, 10, 10, 12, 10, 10, 2, 14])[0]
    if kind == 0:
        text = f"{company} {rng.choice(_VERBS)} {rng.choice(_PRODUCTS)} for {subject}"
    elif kind == 1:
        text = f"How {company} is using {subject} to {rng.choice(['win', 'cut costs', 'grow', 'catch up'])}"
    elif kind == 2:
        region = rng.choice(["Global", "Worldwide", "Asia-Pacific", "North America"])
        end = year + rng.randrange(3, 9)
        text = _title_case(f"{region} {subject} market size, share, growth and forecast to {end}")
    elif kind == 3:
        text = f"Why {subject} still isn{ty.apostrophe}t ready{rng.choice(['', f' for {company}', ' yet'])}"
    elif kind == 4:
        product = rng.choice(_PRODUCTS)
        text = f"{company}{ty.apostrophe}s {product} {rng.choice(_VERBS)} {rng.choice(_ADJECTIVES)} {subject}"
    elif kind == 5:
        text = f"{rng.randrange(3, 12)} {subject} stocks to consider in {year}"
    elif kind == 6:
        text = f"{rng.choice(_CITIES)} {rng.choice(['bans', 'tests', 'pilots'])} {subject}{ty.dash}{company} responds"
    elif kind == 7:
        words = rng.choice(["This changes everything", "We are only at the beginning", "It is not magic"])
        text = f"{ty.quote(words)}: {rng.choice(_PEOPLE)} on {subject}"
    else:
        text = f"{company} and {rng.choice(_COMPANIES)} partner on {rng.choice(_ADJECTIVES)} {subject} platform"
    if rng.random() < 0.55:
        text += rng.choice(
            [
                f" in {year}",
                ", report says",
                f" amid {rng.choice(_SUBJECTS)} boom",
                f" as {rng.choice(_COMPANIES)} ramps up {rng.choice(_SUBJECTS)} efforts",
                ": what you need to know",
                f", says {rng.choice(_PEOPLE)}",
                f" with help from {rng.choice(_ORGS)} researchers",
            ]
        )
    if rng.random() < 0.01:
        text += f' after "{rng.choice(["NGC-Ready", "best friend", "AI being"])}" claims'
    if rng.random() < 0.35:
        text = _title_case(text)
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random, ty: _Typography, year: int) -> str:
    company = rng.choice(_COMPANIES)
    subject = rng.choice(_SUBJECTS)
    kind = rng.choices(range(10), weights=[14, 12, 2, 14, 14, 10, 1, 12, 1, 14])[0]  # few quotes
    if kind == 0:
        return (
            f"{company} on {rng.choice(_WEEKDAYS)} announced {rng.choice(_PRODUCTS)}, {_a(rng.choice(_ADJECTIVES))} "
            f"platform for {subject} that helps customers {rng.choice(['build', 'train', 'deploy', 'monitor'])} "
            f"models at scale."
        )
    if kind == 1:
        start = rng.randrange(2, 40) + rng.randrange(100) / 100
        return (
            f"According to {rng.choice(_ORGS)}, the global {subject} market is accounted for ${start:.2f} billion "
            f"in {year - 1} and is expected to reach ${start * rng.uniform(2, 6):.2f} billion by "
            f"{year + rng.randrange(4, 9)} growing at a CAGR of {rng.uniform(5, 40):.1f}% during the forecast period."
        )
    if kind == 2:
        words = rng.choice(
            ["We are just getting started", "This is a turning point for the industry", "Privacy has to come first"]
        )
        return f"{ty.quote(words + ',')} said {rng.choice(_PEOPLE)}, {rng.choice(_ROLES)} at {company}."
    if kind == 3:
        return f"The move comes as {company} faces growing pressure from regulators over {subject}."
    if kind == 4:
        return (
            f"Researchers at {rng.choice(_ORGS)} have developed {_a(rng.choice(_ADJECTIVES))} model that can detect "
            f"{subject} with {rng.randrange(80, 100)}% accuracy."
        )
    if kind == 5:
        return (
            f"{rng.choice(_CITIES)} has banned police from using {subject}, becoming the second-largest U.S. "
            f"community to do so."
        )
    if kind == 6:
        adjectives = rng.sample(_ADJECTIVES, 2)
        return f'In a statement, the company called the tool "{adjectives[0]} and {adjectives[1]}".'
    if kind == 7:
        return (
            f"It{ty.apostrophe}s a concept {rng.choice(_ORGS)} finds extremely disturbing{ty.dash}"
            f"and {company} says it will keep investing in {subject}."
        )
    if kind == 8:
        return (
            f'The latest market research report on the Global "{_title_case(subject)} Market" is segmented by region.'
        )
    return (
        f"{company} will use {rng.choice(_PRODUCTS)} across its {rng.choice(['factories', 'stores', 'data centres'])} "
        f"in {rng.choice(_CITIES)}, the company said."
    )


def _excerpt(rng: random.Random, ty: _Typography, year: int, style: str, long: bool) -> str:
    text = " ".join(_sentence(rng, ty, year) for _ in range(rng.randrange(3, 6 if long else 5)))
    if style == "new":
        limit = rng.randrange(150, 240)  # cut mid-sentence at a word, no ellipsis
        if len(text) > limit:
            text = text[: text.rfind(" ", 0, limit)].rstrip(",")
    else:
        limit = rng.randrange(190, 340)  # the old API's " ..." cut
        if len(text) > limit:
            text = text[: text.rfind(" ", 0, limit)] + " ..."
        if rng.random() < 0.2:
            middle = text.find(". ", 40)
            if 0 < middle < len(text) - 60:
                text = text[:middle] + " ..." + text[middle + 1 :]
    return text


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.replace("'", "")).strip("-")[:100].rstrip("-")
    return slug or "article"


# ---------------------------------------------------------------- URLs


def _hex(rng: random.Random, length: int) -> str:
    return f"{rng.getrandbits(4 * length):0{length}x}"


def _article_url(rng: random.Random, domain: str, pattern: str, slug: str, when: dt.datetime) -> str:
    www = "" if domain.count(".") > 1 else "www."
    host = f"{www}{domain}"
    section = rng.choice(["tech", "news", "business", "science", "technology", "innovation", "neural"])
    number = rng.randrange(100_000, 99_999_999)
    short = slug[:80].rstrip("-")
    if pattern in ("wp", "wp_www"):
        return f"https://{host}/{when:%Y/%m}/{short}/"
    if pattern == "dated":
        return f"https://{host}/{when:%Y/%m/%d}/{short}"
    if pattern == "numbered":
        return f"https://{host}/news/{number}/{short}.html"
    if pattern == "docs":
        return f"https://docs.{domain}/en-us/azure/machine-learning/{short}"
    if pattern == "forbes":
        return f"https://www.forbes.com/sites/cognitiveworld/{when:%Y/%m/%d}/{short}/"
    if pattern == "medium":
        return f"https://{domain}/{rng.choice(['dlabs-pl', 'trueface-ai', '@data'])}/{short}-{_hex(rng, 12)}"
    if pattern == "story":
        return f"https://{host}/story/{short}-{when:%Y-%m-%d}"
    if pattern == "aws":
        return f"https://{domain}/blogs/machine-learning/{short}/"
    if pattern == "release":
        return f"https://{host}/news-releases/{short}-{number}.html"
    if pattern == "openpr":
        return f"https://{host}/news/{number}/{short}"
    if pattern == "apnews":
        return f"https://{domain}/{rng.choice(['Wired Release', 'article'])}/{_hex(rng, 32)}"
    if pattern == "digitimes":
        return f"https://{host}/news/a{when:%Y%m%d}PR{rng.randrange(100, 999)}.html&chid={rng.randrange(2, 12)}"
    if pattern == "abc":
        return f"https://abcnews.go.com/Business/wireStory/{short}-{number}"
    if pattern == "bang":
        return f"https://{domain}/news/{section}/{short}#!"
    return f"https://{host}/{section}/{short}"


def _amp_urls(url: str) -> tuple[str, str]:
    if url.endswith("/"):
        amp = url + "amp/"
    elif "?" in url or "#" in url:
        host_start = url.index("://") + 3
        host = url[host_start:].removeprefix("www.")
        amp = f"{url[:host_start]}amp.{host}"  # like amp.wbur.org
    else:
        amp = url + (".amp" if len(url) % 2 else "?amp=1")
    host_and_path = amp.split("://", 1)[1]
    host = host_and_path.split("/", 1)[0]
    cdn_host = host.replace("-", "--").replace(".", "-")
    return amp, f"https://{cdn_host}.cdn.ampproject.org/c/s/{host_and_path}"


def _image_url(rng: random.Random, domain: str, slug: str, size: tuple[int, int], when: dt.datetime) -> str:
    width, height = size
    name = "-".join(slug.split("-")[: rng.randrange(1, 5)]) or "image"
    kind = rng.randrange(8)
    scheme = "http" if rng.random() < 0.05 else "https"
    if kind == 0:
        return f"{scheme}://{domain}/wp-content/uploads/{when:%Y/%m}/{name}-{width}x{height}.jpg"
    if kind == 1:
        return (
            f"https://i{rng.randrange(3)}.wp.com/cdn.{domain}/wp-content/uploads/{when:%Y/%m}/{name}.jpg"
            f"?fit={width}%2C{height}&#038;ssl=1"
        )
    if kind == 2:
        name = base64.urlsafe_b64encode(rng.randbytes(16)).decode("ascii")[:22]
        return f"https://miro.medium.com/max/{width}/1*{name}.png"
    if kind == 3:
        return f"https://{domain}/images/{_hex(rng, 8)}/{name}.jpg?w={width}&#038;h={height}"
    if kind == 4:
        return f"https://d{_hex(rng, 13)}.cloudfront.net/wp/{when:%Y/%m}/GettyImages-{rng.randrange(10**9, 10**10)}.jpg"
    if kind == 5:
        return (
            f"https://static.{domain}/images2/news/bigimage/{when:%Y/%m}/{when:%Y-%m-%d}-image-{rng.randrange(40)}.jpg"
        )
    if kind == 6:
        return (
            f"https://a57.{domain}/static.{domain}/content/uploads/{when:%Y/%m}/{width}/{height}/{name}.jpg?ve=1&tl=1"
        )
    return (
        f"https://thumbor.{domain}/thumbor/fit-in/{width}x0/filters%3Aformat%28jpg%29/https%3A%2F%2Fimages."
        f"{domain}%2F{_hex(rng, 24)}%2F0x0.jpg"
    )


# ---------------------------------------------------------------- YAML


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _plain(text: str) -> str:
    """``text`` as a plain scalar; the generator only passes text that can be one."""
    if ": " in text or " #" in text or text[:1] in "-?:,[]{}#&*!|>'\"%@` " or text != text.strip():
        raise ValueError(f"not a plain scalar: {text!r}")
    return text


def _timestamp(when: dt.datetime) -> str:
    return f"{when:%Y-%m-%dT%H:%M:%S}Z"


class _Style:
    """How one file is written: its era's keys and quoting."""

    def __init__(self, rng: random.Random, era: str) -> None:
        self.era = era
        self.url: Callable[[str], str] = _plain if era == "plain" else _quoted
        self.image_title = rng.random() < (0.02 if era == "new" else 0.9)
        self.is_cached = rng.random() < {"plain": 0.0, "quoted": 0.3, "new": 0.98}[era]
        self.original_url = era == "new" and rng.random() < 0.97
        self.scores = era != "new" or rng.random() < 0.15
        self.logo_prefix = (
            "https://everyday-cc.github.io/ai/assets/images/organizations/"
            if era == "new"
            else "/assets/images/organizations/"
        )


def _image_lines(
    rng: random.Random, style: _Style, indent: str, url: str, size: tuple[int, int], title: str | None
) -> list[str]:
    lines = [f"{indent}- url: {style.url(url)}", f"{indent}  width: {size[0]}", f"{indent}  height: {size[1]}"]
    if style.is_cached:
        lines.append(f"{indent}  isCached: {'true' if rng.random() < 0.98 else 'false'}")
    if title is not None:
        lines.append(f"{indent}  title: {_quoted(title)}")
    return lines


def _provider_lines(style: _Style, indent: str, provider: tuple[str, str, str], *, logos: bool) -> list[str]:
    name, domain, _ = provider
    lines = [f"{indent}name: {_plain(name)}", f"{indent}domain: {_plain(domain)}"]
    # Only article providers have logos in the real files, and whether one has
    # is a property of the provider; logos are never cached or titled.
    if logos and sum(map(ord, domain)) % 8 < 3:
        url = style.url(f"{style.logo_prefix}{domain}-50x50.jpg")
        lines += [f"{indent}images:", f"{indent}  - url: {url}", f"{indent}    width: 50", f"{indent}    height: 50"]
    return lines


def _secured(rng: random.Random) -> str:
    size = rng.choices([224, 240, 256, 272, 352, 400], weights=[30, 7, 4, 54, 2, 3])[0]
    payload = base64.b64encode(rng.randbytes(size)).decode("ascii")
    iv = base64.b64encode(rng.randbytes(16)).decode("ascii")
    return f"{payload};{iv}"


def _markdown_body(rng: random.Random, ty: _Typography, year: int) -> str:
    paragraphs = [
        " ".join(_sentence(rng, ty, year) for _ in range(rng.randrange(2, 5))) for _ in range(rng.randrange(1, 4))
    ]
    body = "\n" + "\n\n".join(paragraphs) + "\n"
    if rng.random() < 0.5:
        body += "\n---\n\n*Originally published elsewhere.* [Read more](https://example.com/read-more)\n"
    return body


_ERAS = (("plain", 35), ("quoted", 8), ("new", 57))
_ERA_RANGES = {
    "plain": (dt.datetime(2013, 1, 1), dt.datetime(2020, 6, 30)),
    "quoted": (dt.datetime(2018, 1, 1), dt.datetime(2020, 12, 31)),
    "new": (dt.datetime(2021, 1, 1), dt.datetime(2023, 12, 31)),
}


def _when(rng: random.Random, era: str) -> dt.datetime:
    start, end = _ERA_RANGES[era]
    minutes = rng.randrange(int((end - start).total_seconds() // 60))
    return start + dt.timedelta(minutes=minutes)


def _article(rng: random.Random, large: bool) -> tuple[str, str]:
    """One file: its name without ``.md``, and its text."""
    era = rng.choices([name for name, _ in _ERAS], weights=[weight for _, weight in _ERAS])[0]
    style = _Style(rng, era)
    when = _when(rng, era)
    ty = _Typography(rng.random() < _CURLY)
    provider = rng.choice(_PROVIDERS)
    cjk = rng.random() < _CJK
    if cjk:
        title, excerpt = rng.choice(_CJK_TEXT)
    else:
        title = _title(rng, ty, when.year)
        excerpt = _excerpt(rng, ty, when.year, era, large)
    if rng.random() < _EMOJI:
        emoji = rng.choice(_EMOJI_TEXT)
        if rng.random() < 0.5:
            title = f"{title} {emoji}"
        else:
            excerpt = f"{emoji} {excerpt}"
    slug = _slug(title)
    web_url = _article_url(rng, provider[1], provider[2], slug, when)

    lines = ["---", "category: news" if rng.random() < 0.995 else "category: research", f"title: {_quoted(title)}"]
    if rng.random() < 0.99:
        lines.append(f"excerpt: {_quoted(excerpt)}")
    lines.append(f"publishedDateTime: {_timestamp(when)}")
    if style.original_url:
        original = web_url if rng.random() < 0.94 else web_url.split("?")[0] + "?utm_source=rss&utm_medium=rss"
        lines.append(f"originalUrl: {_quoted(original)}")
    lines.append(f"webUrl: {style.url(web_url)}")
    if rng.random() < (0.25 if era == "new" else 0.45):
        amp, cdn_amp = _amp_urls(web_url)
        lines += [f"ampWebUrl: {style.url(amp)}", f"cdnAmpWebUrl: {style.url(cdn_amp)}"]
    lines.append("type: article" if rng.random() < 0.995 else "type: video")
    if style.scores:
        quality = rng.randrange(0, 168)
        heat = -1 if rng.random() < 0.35 else quality + rng.choice([0, 0, 0, 0, 0, 10, 20, 80])
        published = heat != -1 and quality >= 50
        lines += [f"quality: {quality}", f"heat: {heat}", f"published: {'true' if published else 'false'}"]

    lines += ["", "provider:", *_provider_lines(style, "  ", provider, logos=True)]

    if rng.random() < 0.99:
        topics = rng.sample(_TOPICS, rng.choices([0, 1, 2, 3, 4], weights=[12, 76, 9, 2, 1])[0])
        topics = ["AI", *topics] if era == "plain" or rng.random() < 0.3 else [*topics, "AI"]
        lines += ["", "topics:", *(f"  - {_plain(topic)}" for topic in topics)]

    image_count = rng.randrange(1, 11) if large else rng.choices([0, 1, 2, 3], weights=[22, 70, 5, 3])[0]
    if image_count:
        lines += ["", "images:"]
        for _ in range(image_count):
            size = rng.choice(_IMAGE_SIZES)
            url = _image_url(rng, provider[1], slug, size, when)
            lines += _image_lines(rng, style, "  ", url, size, title if style.image_title else None)

    if large:
        related_count = rng.choices(range(11), weights=[2, 2, 3, 5, 8, 10, 12, 14, 14, 14, 14])[0]
    else:
        related_count = rng.choices(range(6), weights=[72, 9, 7, 5, 4, 3])[0]
    if related_count:
        lines += ["", "related:"]
        for _ in range(related_count):
            lines += _related_lines(rng, style, when, large)

    if rng.random() < 0.99:
        lines += ["", f"secured: {_quoted(_secured(rng))}"]
    lines.append("---")

    roll = rng.random()
    if roll < _MARKDOWN_BODY:
        body = _markdown_body(rng, ty, when.year)
    elif roll < _MARKDOWN_BODY + _EMPTY_BODY:
        body = ""
    else:
        body = "\n"
    text = "\n".join(lines) + "\n" + body
    if rng.random() < _CRLF:
        text = text.replace("\n", "\r\n")
    if rng.random() < _BOM:
        text = "\ufeff" + text
    return f"{when:%Y-%m-%d}-{slug}", text


def _related_lines(rng: random.Random, style: _Style, when: dt.datetime, large: bool) -> list[str]:
    provider = rng.choice(_PROVIDERS)
    ty = _Typography(rng.random() < _CURLY)
    related_when = when + dt.timedelta(minutes=rng.randrange(-4 * 24 * 60, 4 * 24 * 60))
    title = _title(rng, ty, related_when.year)
    slug = _slug(title)
    web_url = _article_url(rng, provider[1], provider[2], slug, related_when)
    lines = [f"  - title: {_quoted(title)}"]
    if rng.random() < 0.98:
        excerpt = _excerpt(rng, ty, related_when.year, style.era, large)
        if rng.random() < 0.08:
            excerpt = (
                f"{excerpt.removesuffix(' ...')} \nThe post {title.replace(' & ', ' &amp; ')} appeared first on "
                f"{provider[0]}."
            )
        lines.append(f"    excerpt: {_quoted(excerpt)}")
    lines += [f"    publishedDateTime: {_timestamp(related_when)}", f"    webUrl: {style.url(web_url)}"]
    if rng.random() < 0.15:
        amp, cdn_amp = _amp_urls(web_url)
        lines += [f"    ampWebUrl: {style.url(amp)}", f"    cdnAmpWebUrl: {style.url(cdn_amp)}"]
    lines += ["    type: article", "    provider:", *_provider_lines(style, "      ", provider, logos=False)]
    if rng.random() < 0.97:
        lines.append(f"    quality: {rng.randrange(0, 100)}")
    image_count = rng.randrange(1, 4) if large else (1 if rng.random() < 0.63 else 0)
    if image_count:
        lines.append("    images:")
        for _ in range(image_count):
            size = rng.choice(_IMAGE_SIZES)
            url = _image_url(rng, provider[1], slug, size, related_when)
            lines += _image_lines(rng, style, "      ", url, size, None)
    return lines


def _files(count: int, seed: int, large: bool) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed * 2 + int(large))
    for _ in range(count):
        yield _article(rng, large)


# ---------------------------------------------------------------- API


def generate(count: int, *, seed: int = 0, large: bool = False) -> list[str]:
    """``count`` article file texts (``str``, CRLF and BOM included where a file has them).

    ``large=False`` gives files like the real ones (about 1.9 KB on average,
    0 to 5 related items, 0 to 3 images); ``large=True`` gives bigger ones
    (median about 9 KB, 1 to 10 images, up to 10 related items with 1 to 3
    images each).
    """
    return [text for _, text in _files(count, seed, large)]


def write(folder: Path, count: int, *, seed: int = 0, large: bool = False) -> list[Path]:
    """Write :func:`generate`'s files as ``YYYY-MM-DD-slug.md`` under ``folder``.

    Files go into numbered subfolders (``000``, ``001``, ...) of
    :data:`FILES_PER_FOLDER` files each; a name taken in its subfolder gets a
    ``-2``, ``-3``... suffix. Files are written as UTF-8 bytes, exactly the
    text (read them back with ``read_bytes()`` or ``newline=""`` to keep
    CRLF). Existing files are overwritten, other files left alone. Returns the
    paths in generation order.
    """
    folder = Path(folder)
    width = max(3, len(str(max(count - 1, 0) // FILES_PER_FOLDER)))
    paths: list[Path] = []
    used: set[str] = set()
    subfolder = folder
    for index, (stem, text) in enumerate(_files(count, seed, large)):
        if index % FILES_PER_FOLDER == 0:
            subfolder = folder / f"{index // FILES_PER_FOLDER:0{width}d}"
            subfolder.mkdir(parents=True, exist_ok=True)
            used.clear()
        name, suffix = stem, 2
        while name in used:
            name, suffix = f"{stem}-{suffix}", suffix + 1
        used.add(name)
        path = subfolder / f"{name}.md"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
