"""Analysis on a Dask cluster, for archives too big for one machine.

Dask only maps the ordinary pipeline over partitions and adds no logic of its own: each
partition is a list of input paths; a worker reads, cleans and analyses them with
``pipeline.analyze_documents`` and returns article dicts (plus the inputs it rejected). Models
are loaded once per worker process and kept on the worker (``distributed.get_worker()``
when running on a cluster, a process-level slot otherwise), never per partition.

    from svodka.scale import analyze_paths
    articles, rejected = analyze_paths(["corpus/"], scheduler="tcp://10.0.0.5:8786")

``svodka ingest --dask ADDRESS`` stores the results in the archive as they arrive.
Needs the optional extra: ``pip install 'svodka[scale]'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import SvodkaError

__all__ = ["analyze_paths", "iter_analyzed", "analyze_partition"]

# Paths per partition: large enough to amortise task overhead, small enough to balance.
PARTITION_PATHS = 64
# Attribute on the Dask worker (or this module, without a cluster) holding loaded models.
MODELS_ATTR = "_svodka_models"
# Models of this process when tasks do not run on a distributed worker (local schedulers).
_LOCAL: dict[str, Any] = {}


def _models() -> Any:
    """The models of this worker process, loaded on first use."""
    from .nlp.models import load_models

    try:
        from distributed import get_worker

        holder: Any = get_worker()
    except (ImportError, ValueError):
        holder = None
    if holder is None:
        if "models" not in _LOCAL:
            _LOCAL["models"] = load_models()
        return _LOCAL["models"]
    models = getattr(holder, MODELS_ATTR, None)
    if models is None:
        models = load_models()
        setattr(holder, MODELS_ATTR, models)
    return models


def analyze_partition(paths: list[str], max_bytes: int = 5_000_000, options: dict[str, Any] | None = None) -> list[dict]:
    """Read, clean and analyse some paths; returns records ``{"article": dict}`` or ``{"rejected": [name, reason, count]}``.

    ``options`` are ``pipeline.prepare``'s overrides (``no_clean``, ``source``, ``published``).
    """
    from .ingest.readers import read_paths
    from .pipeline import analyze_documents

    out: list[dict] = []
    docs = read_paths(list(paths), max_bytes=max_bytes)
    for article in analyze_documents(
        docs, models=_models(), **(options or {}), on_error=lambda exc: out.append({"rejected": [exc.name or "<input>", exc.reason, exc.count]})
    ):
        out.append({"article": article.to_dict()})
    return out


def _expand(inputs: list[str]) -> list[str]:
    """Files under the inputs (directories walked, sorted), so partitions balance by file."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        else:
            files.append(item)  # missing files are reported by the reader, on the worker
    return files


def iter_analyzed(
    inputs: list[str],
    *,
    scheduler: str | None = None,
    partition_paths: int = PARTITION_PATHS,
    max_bytes: int = 5_000_000,
    options: dict[str, Any] | None = None,
) -> Iterator[dict]:
    """Analyse inputs with Dask and yield records as partitions finish.

    Args:
        inputs: files and directories (visible to the workers at the same paths).
        scheduler: a ``distributed`` scheduler address, or None for Dask's local process pool.
        partition_paths: files per task.
        max_bytes: largest input file.
        options: ``pipeline.prepare``'s overrides for every document.
    Yields:
        ``{"article": dict}`` or ``{"rejected": [name, reason, count]}``.
    Raises:
        SvodkaError: Dask is not installed or the scheduler cannot be reached.
    """
    try:
        import dask
        import dask.bag as db
    except ImportError:
        raise SvodkaError("--dask", "needs Dask: pip install 'svodka[scale]'") from None
    files = _expand(inputs)
    if not files:
        return
    bag = db.from_sequence(files, partition_size=max(1, partition_paths))
    delayed = bag.map_partitions(analyze_partition, max_bytes=max_bytes, options=options).to_delayed()
    if scheduler:
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise SvodkaError("--dask", "needs distributed: pip install 'svodka[scale]'") from None
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise SvodkaError(scheduler, f"cannot reach the Dask scheduler: {exc}") from None
        with client:
            futures = client.compute(delayed)
            for future in as_completed(futures):
                yield from future.result()
        return
    for part in dask.compute(*delayed, scheduler="processes"):
        yield from part


def analyze_paths(inputs: list[str], **options: Any) -> tuple[list[dict], list[tuple[str, str]]]:
    """All analysed articles (as dicts) and rejected inputs; see ``iter_analyzed``."""
    articles: list[dict] = []
    rejected: list[tuple[str, str]] = []
    for record in iter_analyzed(inputs, **options):
        if "article" in record:
            articles.append(record["article"])
        else:
            rejected.append(tuple(record["rejected"][:2]))  # type: ignore[arg-type]
    return articles, rejected
