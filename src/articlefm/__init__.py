"""articlefm: typed, faithful reading and writing of news-article files.

Front matter (YAML between ``---`` lines) becomes typed attrs objects; writing
back changes only what was changed.

>>> import articlefm
>>> doc = articlefm.load("examples/boston-facial-recognition.md")
>>> doc.meta.title
'The City Of Boston Will Be Banning The Use Of Facial Recognition Based Surveillance'
"""

import typing as _typing

if _typing.TYPE_CHECKING:  # what type checkers see; at run time each name is imported when first used (__getattr__)
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

    __version__: str

# Where each public name is defined. A command-line run imports only the modules its command uses:
# `import articlefm` itself imports nothing (the cold start of `articlefm validate FILE`).
_HOMES = {
    "Article": "_model",
    "ArticleError": "_errors",
    "Document": "_document",
    "FileChangedError": "_errors",
    "Image": "_model",
    "InferredSchema": "_infer",
    "Limits": "_limits",
    "Problem": "_errors",
    "Provider": "_model",
    "RelatedArticle": "_model",
    "Secured": "_secured",
    "dump": "_files",
    "dumps": "_document",
    "format_document": "_format",
    "from_record": "_records",
    "get_field": "_fields",
    "import_records": "_records",
    "infer_schema": "_infer",
    "iter_load": "_files",
    "iter_records": "_records",
    "json_data": "_json_schema",
    "json_schema": "_json_schema",
    "key_naming": "_naming",
    "load": "_files",
    "loads": "_document",
    "set_field": "_fields",
    "to_record": "_records",
    "unset_field": "_fields",
}


def __getattr__(name: str) -> _typing.Any:
    """A public name, imported from its module when first asked for (PEP 562); then an attribute like any other.

    ``__version__`` is read from the installed package's metadata (``importlib.metadata``
    costs more than the rest of a command's start-up).
    """
    if name == "__version__":
        from importlib.metadata import version

        found: _typing.Any = version("articlefm")
    elif name in _HOMES:
        found = getattr(__import__(_HOMES[name], globals(), None, [name], 1), name)
    else:
        raise AttributeError(f"module 'articlefm' has no attribute {name!r}")
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
