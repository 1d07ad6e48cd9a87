"""articlefm: typed, faithful reading and writing of news-article files.

Front matter (YAML between ``---`` lines) becomes typed attrs objects; writing
back changes only what was changed.

>>> import articlefm
>>> doc = articlefm.load("examples/boston-facial-recognition.md")
>>> doc.meta.title
'The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance'
"""

from ._document import Document, dumps, loads
from ._errors import ArticleError, FileChangedError, Problem
from ._fields import get_field, set_field, unset_field
from ._files import dump, iter_load, load
from ._format import format_document
from ._infer import InferredSchema, infer_schema
from ._json_schema import json_data, json_schema
from ._limits import Limits
from ._model import Article, Image, Provider, RelatedArticle
from ._naming import key_naming
from ._records import from_record, import_records, iter_records, to_record
from ._secured import Secured


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for.

    (``importlib.metadata`` costs more than the rest of ``import articlefm``'s start-up.)
    """
    if name == "__version__":
        from importlib.metadata import version

        globals()["__version__"] = found = version("articlefm")
        return found
    raise AttributeError(f"module 'articlefm' has no attribute {name!r}")


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
    "format_document",
    "from_record",
    "get_field",
    "import_records",
    "infer_schema",
    "iter_load",
    "iter_records",
    "json_data",
    "json_schema",
    "key_naming",
    "load",
    "loads",
    "set_field",
    "to_record",
    "unset_field",
]
