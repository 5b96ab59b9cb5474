"""Property-based test of the OpenAPI description with schemathesis: no input makes the server fail.

Every operation of /openapi.json gets ``MAX_EXAMPLES`` generated requests (half valid,
half breaking the schema) against the ASGI app in-process, over a private copy of the sample archive (ingest
is exercised with the token, so it writes). The only check is "not a server error" (5xx).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

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


# Both kinds of generated data: valid requests and requests that break the schema.
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("label", _operations())
def test_schema_no_server_errors(api_schema, label, mode):
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)

    @settings(max_examples=MAX_EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    @given(case=operation.as_strategy(generation_mode=mode, headers={"Authorization": f"Bearer {TOKEN}"}))
    def check(case):
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error])

    try:
        check()
    except Unsatisfiable:  # no parameters and no body: there is nothing to break
        assert mode is GenerationMode.NEGATIVE
        pytest.skip(f"{label} takes no input to generate invalid requests from")
