"""Helpers shared by the evaluation modules."""

from __future__ import annotations

from typing import Any

__all__ = ["analysed_texts", "prf"]


def prf(tp: float, n_pred: float, n_gold: float, tp_gold: float | None = None) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined).

    ``tp_gold`` is for scores where recall counts other matches than precision (gold items
    matched vs predicted items matched); by default both use ``tp``.
    """
    p = tp / n_pred if n_pred else 0.0
    r = (tp if tp_gold is None else tp_gold) / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def analysed_texts(texts: list[str], models: Any, names: list[str] | None = None, problems: list[str] | None = None) -> list[Any]:
    """Raw texts (offsets as given, no cleaning) analysed up to roles: NER in batches, base
    forms, roles; the one way every evaluation reads svodka's entities.

    With ``problems``, a failure of the roles stage (someone else's stage for an entity
    evaluation) is noted there and the entities are scored anyway; without, it is raised.
    """
    from ..model import Article
    from ..nlp.names import normalize_entities
    from ..nlp.ner import tag_entities_batch
    from ..nlp.roles import extract_roles

    names = names or [None] * len(texts)
    articles = tag_entities_batch([Article(text=t, path=n) for t, n in zip(texts, names)], models)
    for article in articles:
        normalize_entities(article, models)
        try:
            extract_roles(article, models)
        except Exception as exc:
            if problems is None:
                raise
            problems.append(f"{article.path}: extract_roles failed: {type(exc).__name__}: {exc}")
    return articles
