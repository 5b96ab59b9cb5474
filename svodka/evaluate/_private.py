"""Helpers shared by the evaluation modules."""

from __future__ import annotations

__all__ = ["prf"]


def prf(tp: float, n_pred: float, n_gold: float, tp_gold: float | None = None) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined).

    ``tp_gold`` is for scores where recall counts other matches than precision (gold items
    matched vs predicted items matched); by default both use ``tp``.
    """
    p = tp / n_pred if n_pred else 0.0
    r = (tp if tp_gold is None else tp_gold) / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
