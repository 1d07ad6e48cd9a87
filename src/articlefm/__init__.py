"""articlefm: typed, faithful reading and writing of news-article files.

Front matter (YAML between ``---`` lines) becomes typed attrs objects; writing
back changes only what was changed.

>>> import articlefm
>>> doc = articlefm.load("examples/boston-facial-recognition.md")
>>> doc.meta.title
'The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance'
"""

from importlib.metadata import version

from ._document import Document, dumps, loads
from ._errors import ArticleError, FileChangedError, Problem
from ._files import dump, iter_load, load
from ._infer import InferredSchema, infer_schema
from ._json_schema import json_data, json_schema
from ._limits import Limits
from ._model import Article, Image, Provider, RelatedArticle
from ._naming import key_naming
from ._secured import Secured

__version__ = version("articlefm")

__all__ = [
    "Article",
    "ArticleError",
    "Document",
    "FileChangedError",
    "Image",
    "InferredSchema",
    "Limits",
    "Problem",
    "Provider",
    "RelatedArticle",
    "Secured",
    "__version__",
    "dump",
    "dumps",
    "infer_schema",
    "iter_load",
    "json_data",
    "json_schema",
    "key_naming",
    "load",
    "loads",
]
