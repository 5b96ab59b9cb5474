"""Session fixtures shared by every test: models are loaded once, paths to optional data."""

from __future__ import annotations

from pathlib import Path

import pytest

# The project root and the optional evaluation data beside it (never part of the repo).
ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SEED = SHARED_EVAL / "seed" / "000_9284a0450e23592d.txt"
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def models():
    """natasha/slovnet + pymorphy3, loaded once for the whole session."""
    from svodka.nlp.models import load_models

    return load_models()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding example; skips when ../shared/eval is absent (as on a user's machine)."""
    if not SEED.exists():
        pytest.skip("../shared/eval not present: the seed article is read at run time only")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The ../shared/eval folder; skips when absent."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval not present")
    return SHARED_EVAL
