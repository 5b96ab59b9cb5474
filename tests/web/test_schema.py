"""Property-based test of the OpenAPI description with schemathesis: the schema says what the server does.

Every operation of /openapi.json gets ``MAX_EXAMPLES`` generated requests (half valid,
half breaking the schema) against the ASGI app in-process, over a private copy of the sample
archive (ingest is exercised with the token, so it writes). Checks: no server error (5xx);
a request the schema allows is not refused as invalid, and one it forbids is refused
(the probe of issue 11 found seven such gaps: a cursor past 10,000, "exactly one of text and
html", a required upload, ``to=0`` taken for a date, any ``published`` string stored); every
status and content type the server answers with is declared.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
import jsonschema_rs  # noqa: E402  (schemathesis's own validator)
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    status_code_conformance,
)

from svodka.model import Article  # noqa: E402

from .conftest import TOKEN  # noqa: E402

# Generated requests per API operation: ~12 operations x 20 keeps the run under a minute.
MAX_EXAMPLES = 20


@pytest.fixture(scope="module")
def api_schema(sample_articles, models, analysis, tmp_path_factory):
    """The app's OpenAPI schema loaded by schemathesis, bound to the ASGI app."""
    from svodka.store import open_store
    from svodka.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'archive.db'}"
    with open_store(url) as store:
        store.add_articles([Article.from_dict(a.to_dict()) for a in sample_articles])
    app = create_app(url, api_token=TOKEN, models=models, analysis=analysis, hosts=["testserver"])  # schemathesis sends Host: testserver
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations() -> list[str]:
    """Labels of every API operation ("GET /api/search"), read from an app over an empty store."""
    from svodka.web import create_app

    loaded = schemathesis.openapi.from_asgi("/openapi.json", create_app("sqlite:///:memory:", hosts=["testserver"]))
    return [result.ok().label for result in loaded.get_all_operations()]




def valid_data_passes_validation(ctx, response, case) -> None:
    """A request the schema allows is not refused as malformed: no 400, 415, or 422 naming fields.

    Schemathesis's own positive_data_acceptance takes any 4xx but 401/403/404/409/429 as a
    refusal, but /api/analyze may well answer a well-formed request with 422 when the
    document holds no article text (the schema cannot say what makes an article), or 413
    when it is too long to analyse. A validation error names its fields ("details"); those
    are the refusals the schema must predict.
    """
    if not case.meta or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    details = status == 422 and "details" in (response.json().get("error") or {})
    assert status not in (400, 415) and not details, f"valid data refused with {status}: {response.text[:300]}"
    return None


def invalid_data_is_refused(ctx, response, case) -> None:
    """Schemathesis's negative_data_rejection, but not for raw text bodies.

    A text/plain or text/html body is bytes on the wire: "true" generated as a boolean
    "that breaks type: string" arrives as the four characters of a valid document.
    """
    if (case.media_type or "").startswith("text/") or _file_retyped(case):
        return None
    return negative_data_rejection(ctx, response, case)


def _file_retyped(case) -> bool:
    """A multipart upload whose file part was generated as another JSON type ("was string, became array").

    Like a text body, a file part is bytes on the wire: the array arrives as the characters
    of its JSON, a file the server reads like any other (and rejects as no article, with 200).
    """
    if not (case.media_type or "").startswith("multipart/"):
        return False
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    description = str(getattr(data, "description", "") or "")
    return "/properties/files/items" in description and "`type`" in description


# What every response is checked for (see the module docstring).
CHECKS = [not_a_server_error, valid_data_passes_validation, invalid_data_is_refused, status_code_conformance, content_type_conformance]

# Both kinds of generated data: valid requests and requests that break the schema.
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.mark.issue(11)
@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("label", _operations())
def test_schema_no_server_errors(api_schema, label, mode):
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)

    @settings(max_examples=MAX_EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    @given(case=operation.as_strategy(generation_mode=mode, headers={"Authorization": f"Bearer {TOKEN}"}))
    def check(case):
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    try:
        check()
    except Unsatisfiable:  # no parameters and no body: there is nothing to break
        assert mode is GenerationMode.NEGATIVE
        pytest.skip(f"{label} takes no input to generate invalid requests from")


# ---------------------------------------------------------------------------- the probe's cases, one by one

# (operation, parameter, value): query values the schema and the server must agree on.
PARAMETER_CASES = [
    ("/api/search", "cursor", "10000"),
    ("/api/search", "cursor", "10001"),
    ("/api/search", "cursor", "99999999"),
    ("/api/quotes", "cursor", "0"),
    ("/api/search", "to", "0"),
    ("/api/search", "from", "1"),
    ("/api/search", "to", "2024-02-30"),
    ("/api/search", "to", "2024-02-29"),
    ("/api/quotes", "from", "20240105"),
    ("/api/articles", "cursor", "123456"),
]


def _query_schema(spec: dict, path: str, name: str) -> dict:
    parameter = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)
    return parameter["schema"]


@pytest.mark.issue(11)
@pytest.mark.parametrize("path, name, value", PARAMETER_CASES)
def test_schema_query_parameters_agree_with_the_server(client, path, name, value):
    spec = client.get("/openapi.json").json()
    allowed = jsonschema_rs.validator_for(_query_schema(spec, path, name), validate_formats=True).is_valid(value)
    response = client.get(path, params={name: value})
    assert (response.status_code == 200) == allowed, (allowed, response.text)


# Bodies of /api/analyze (JSON) the schema and the server must agree on.
ANALYZE_BODIES = [
    {"text": "Мэр Заречинска Павел Сорокин заявил, что мост откроют в мае."},
    {"html": "<p>Мэр Заречинска Павел Сорокин заявил, что мост откроют в мае.</p>"},
    {},
    {"text": "a", "html": "<p>a</p>"},
    {"text": None, "html": "<p>a</p>"},
    {"text": "a", "published": "9999-99-99"},
    {"text": "a", "published": '"><script>x</script>'},
    {"text": "a", "published": "2024-02-30"},
    {"text": "a", "published": "2024-02-29"},
]


@pytest.mark.issue(11)
@pytest.mark.parametrize("body", ANALYZE_BODIES)
def test_schema_analyze_bodies_agree_with_the_server(client, body):
    spec = client.get("/openapi.json").json()
    schema = {"$ref": "#/components/schemas/AnalyzeRequest", "components": spec["components"]}
    allowed = jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(body)
    response = client.post("/api/analyze", json=body)
    refused = response.status_code == 422 and "details" in response.json()["error"]  # a validation error, not "no article"
    assert refused != allowed, (allowed, response.text)


@pytest.mark.issue(11)
def test_schema_upload_needs_its_files(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/ingest/files"]["post"]
    assert operation["requestBody"]["required"] is True
