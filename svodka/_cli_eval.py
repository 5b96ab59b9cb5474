"""``svodka eval ...``: quality on evaluation data (``../shared/eval`` or your own), one command per measure.

``cli.py`` adds ``eval_app`` to its app as ``svodka eval``.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ._cli_common import JsonFlag, _echo_json
from .errors import SvodkaError

__all__ = ["eval_app"]

eval_app = typer.Typer(no_args_is_help=True, help="Measure quality on evaluation data (../shared/eval or your own).")

# The team's quotes gold set, beside the package in a checkout.
GOLD_QUOTES = Path(__file__).resolve().parents[1] / "tests" / "gold" / "quotes"


def _eval_dir(path: Path) -> Path:
    if not path.exists():
        typer.echo(f"svodka: {path}: not found (give the folder of the evaluation data; see README: Quality)", err=True)
        raise typer.Exit(2)
    return path


@eval_app.command("clean")
def eval_clean_cli(
    path: Path = typer.Argument(..., help="A pages-dev style folder (dumps/, html/, gold.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report (per-page figures included) as JSON."),
) -> None:
    """Body precision/recall/F1 (word and line level), headline, date, views and source accuracy,
    for dumps and HTML, with a row per site."""
    from .evaluate.clean import evaluate_clean, format_clean_report

    report = evaluate_clean(_eval_dir(path))
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_clean_report(report))


@eval_app.command("ner")
def eval_ner_cli(path: Path = typer.Argument(..., help="A factRuEval folder (book_N.txt, .spans, .objects).")) -> None:
    """Token-level P/R/F1 per type for svodka and plain natasha on the same texts."""
    from .evaluate.ner import evaluate_ner, format_ner_report
    from .nlp.models import load_models

    typer.echo(format_ner_report(evaluate_ner(_eval_dir(path), load_models())))


@eval_app.command("names")
def eval_names_cli(
    path: Path = typer.Argument(..., help="A factRuEval folder with .coref files, or wikinews-ru (the team's blind gold)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/names/wikinews.jsonl)."),
) -> None:
    """Base forms of name mentions (wikinews-ru gold), or person first/last names (factRuEval coreference)."""
    from .evaluate import ner, wikinews

    _eval_gold_or_factru(path, gold, wikinews.NAMES_GOLD, (wikinews.evaluate_wikinews_names, wikinews.format_wikinews_names_report), (ner.evaluate_names, ner.format_names_report))


@eval_app.command("roles")
def eval_roles_cli(
    path: Path = typer.Argument(..., help="A factRuEval folder with .facts files, or wikinews-ru (the team's blind gold)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/roles/wikinews.jsonl)."),
) -> None:
    """Roles of persons against the team's wikinews-ru gold or factRuEval's Occupation facts."""
    from .evaluate import roles, wikinews

    _eval_gold_or_factru(path, gold, wikinews.ROLES_GOLD, (wikinews.evaluate_wikinews_roles, wikinews.format_wikinews_roles_report), (roles.evaluate_roles, roles.format_roles_report))


def _eval_gold_or_factru(path: Path, gold: Path | None, default_gold: Path, on_wikinews: tuple, on_factru: tuple) -> None:
    """Run an evaluation as ``(evaluate, format)`` on the wikinews gold (``path`` is wikinews-ru)
    or on a factRuEval folder, and print its report."""
    from .evaluate.wikinews import is_wikinews
    from .nlp.models import load_models

    folder = _eval_dir(path)
    if is_wikinews(folder):
        evaluate, report = on_wikinews
        typer.echo(report(evaluate(folder, load_models(), _eval_dir(gold or default_gold))))
    else:
        evaluate, report = on_factru
        typer.echo(report(evaluate(folder, load_models())))


@eval_app.command("linking")
def eval_linking_cli(
    path: Path = typer.Argument(..., help="The wikinews-ru folder (the team's blind gold of entity ids)."),
    gold: Path = typer.Option(None, help="The gold file (default: tests/gold/linking/wikinews.jsonl)."),
    as_json: JsonFlag = False,
) -> None:
    """Cross-article linking: ingest the gold's articles into a fresh archive, B-cubed of mentions to corpus entities."""
    from .evaluate.linking import LINKING_GOLD, evaluate_linking, format_linking_report
    from .nlp.models import load_models

    result = evaluate_linking(_eval_dir(path), load_models(), _eval_dir(gold or LINKING_GOLD))
    if as_json:
        _echo_json(result)
    else:
        typer.echo(format_linking_report(result))


@eval_app.command("stories")
def eval_stories_cli(
    path: Path = typer.Argument(None, help="The wikinews-ru folder (the team's blind gold of events); without it, data/sample only."),
    sample: Path = typer.Option(None, help="The sample corpus (default: data/sample)."),
    as_json: JsonFlag = False,
) -> None:
    """Stories as events: B-cubed and pairwise F1 against the team's gold, beside the topic rules and every article alone."""
    from .evaluate.stories import evaluate_stories, format_stories_report
    from .evaluate.wikinews import ROOT
    from .nlp.models import load_models

    try:
        result = evaluate_stories(_eval_dir(sample or ROOT / "data" / "sample"), _eval_dir(path) if path else None, load_models())
    except SvodkaError as exc:
        typer.echo(f"svodka: {exc}", err=True)
        raise typer.Exit(2)
    if as_json:
        _echo_json(result)
    else:
        typer.echo(format_stories_report(result))
    if any(r.get("problems") or r.get("missing") for r in result.values() if isinstance(r, dict)):
        raise typer.Exit(1)  # some gold articles were not read or stored: the scores are of the rest


@eval_app.command("quotes")
def eval_quotes_cli(
    path: Path = typer.Argument(GOLD_QUOTES, help="A quotes gold folder (default: the team's gold set in tests/gold/quotes), or wikinews-ru (the team's blind gold of real news)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/statements/wikinews.jsonl)."),
    as_json: JsonFlag = False,
) -> None:
    """Precision/recall/F1 of direct and indirect statements, speaker accuracy (and via on real news)."""
    from .evaluate.quotes import evaluate_quotes, format_quotes_report
    from .evaluate.statements import STATEMENTS_GOLD, evaluate_statements, format_statements_report
    from .evaluate.wikinews import is_wikinews
    from .nlp.models import load_models

    folder = _eval_dir(path)
    if is_wikinews(folder):
        result = evaluate_statements(folder, load_models(), _eval_dir(gold or STATEMENTS_GOLD))
        _echo_json(result) if as_json else typer.echo(format_statements_report(result))
    else:
        report = evaluate_quotes(folder, load_models())
        _echo_json(report) if as_json else typer.echo(format_quotes_report(report))
