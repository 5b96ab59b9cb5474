"""svodka: a news intelligence engine for Russian-language media.

Read raw news (crawler dumps, HTML, feeds, WARC, JSONL), clean each into an ``Article``, find
people, organisations and places with base forms and roles, quotes with speakers and the
dates reported, and store them for search. The public API is listed in ``__all__``; heavy
parts (models, the pipeline) are imported on first use so ``import svodka`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import ConfigError, ExtractionRejected, FetchError, InputError, StageError, StoreError, SvodkaError
from .model import Article, Block, DateMention, Document, Entity, Mention, Quote, Role, Speaker

# ``clean`` is the module ``svodka.clean``, made callable as ``clean(doc)`` (see its end).
# A function of the same name as its package cannot be exported reliably: the import system
# rebinds the name to the module whenever the package is first imported (by ``read_bytes``,
# say), so ``from svodka import clean`` gave the function or the module by import order
# (issue 11), and binding the function instead broke ``import svodka.clean.dump``.
from . import clean

__version__ = "0.1.0"

__all__ = [
    # data model
    "Article",
    "Block",
    "DateMention",
    "Document",
    "Entity",
    "Mention",
    "Quote",
    "Role",
    "Speaker",
    # errors
    "SvodkaError",
    "ConfigError",
    "InputError",
    "ExtractionRejected",
    "StageError",
    "FetchError",
    "StoreError",
    # functions (imported lazily)
    "read_paths",
    "read_bytes",
    "clean",
    "load_models",
    "Models",
    "run",
    "pipe",
    "analyze_documents",
    "STAGES",
    "load_settings",
    "Settings",
    "open_store",
    "Store",
    "__version__",
]

# Lazily imported names -> the module that defines them.
_LAZY = {
    "read_paths": ".ingest.readers",
    "read_bytes": ".ingest.readers",
    "load_models": ".nlp.models",
    "Models": ".nlp.models",
    "run": ".pipeline",
    "pipe": ".pipeline",
    "analyze_documents": ".pipeline",
    "STAGES": ".pipeline",
    "load_settings": ".config",
    "Settings": ".config",
    "open_store": ".store",
    "Store": ".store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'svodka' has no attribute {name!r}")
