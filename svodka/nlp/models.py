"""Models, loaded once per process by the caller and passed to the stages.

There are no module-level singletons: ``load_models()`` builds a ``Models`` and whoever
runs the pipeline (CLI, a worker process, a test session fixture) keeps it.
All models come from installed wheels (navec/slovnet in natasha, pymorphy3 dictionaries);
nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Models", "load_models"]


@dataclass
class Models:
    """The loaded models: natasha's segmenter and slovnet NER tagger, pymorphy3."""

    segmenter: Any  # natasha.Segmenter (razdel)
    embedding: Any  # natasha.NewsEmbedding (navec)
    ner: Any  # natasha.NewsNERTagger (slovnet)
    morph: Any  # pymorphy3.MorphAnalyzer


def load_models() -> Models:
    """Load every model svodka uses (about 1 s, ~150 MB)."""
    import pymorphy3
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Models(
        segmenter=Segmenter(),
        embedding=embedding,
        ner=NewsNERTagger(embedding),
        morph=pymorphy3.MorphAnalyzer(),
    )
