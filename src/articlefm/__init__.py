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
from ._limits import Limits
from ._model import Article, Image, Provider, RelatedArticle
from ._secured import Secured

__version__ = version("articlefm")

__all__ = [
    "Article",
    "ArticleError",
    "Document",
    "FileChangedError",
    "Image",
    "Limits",
    "Problem",
    "Provider",
    "RelatedArticle",
    "Secured",
    "__version__",
    "dump",
    "dumps",
    "iter_load",
    "load",
    "loads",
]
