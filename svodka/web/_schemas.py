"""The bodies of the JSON API's requests and answers (pydantic), and what the OpenAPI description says of them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AliasRequest",
    "AnalyzeRequest",
    "AnalyzeResponse",
    "CorrectionResponse",
    "MergeRequest",
    "RelinkResponse",
    "SplitRequest",
    "ANALYSIS_RESPONSES",
    "ANALYZE_BODY",
    "DAY_PATTERN",
    "ErrorBody",
    "ERROR_RESPONSES",
    "Failure",
    "IngestRequest",
    "IngestResponse",
    "MAX_INGEST_DOCUMENTS",
]

# A date parameter: YYYY-MM-DD (then checked to be a real day). Not pydantic's lax ``date``,
# which took "to=0" as a Unix timestamp (1970-01-01).
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Documents accepted by one /api/ingest call, and files by one /api/ingest/files call; more is
# refused (422), never cut short.
MAX_INGEST_DOCUMENTS = 100


class ErrorDetail(BaseModel):
    """What went wrong."""

    status: int
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The body of every 4xx/5xx response under /api."""

    error: ErrorDetail


def _real_day(value: str | None) -> str | None:
    """``value`` when it is a real day as YYYY-MM-DD (the pattern has checked the form)."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from None
    return value


class AnalyzeRequest(BaseModel):
    """One document to analyse: plain text (a crawler dump) or an HTML page; exactly one of them."""

    # The schema says what the validator checks: exactly one of text/html, neither null.
    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]})

    text: str = Field(None, description="Plain text, e.g. a crawler dump with page chrome (give this or html)")  # type: ignore[assignment]
    html: str = Field(None, description="An HTML page (give this or text)")  # type: ignore[assignment]
    url: str | None = Field(None, max_length=2048, description="Where the page came from")
    published: str | None = Field(None, pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Publication date YYYY-MM-DD, overrides what is found")
    source: str | None = Field(None, max_length=256, description="Outlet name, overrides what is found")
    no_clean: bool = Field(False, description="Take the text as it is (no boilerplate removal)")

    _published = field_validator("published")(_real_day)

    @model_validator(mode="after")
    def _one_body(self) -> "AnalyzeRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class IngestRequest(BaseModel):
    """Documents to analyse and store."""

    documents: list[AnalyzeRequest] = Field(..., min_length=1, max_length=MAX_INGEST_DOCUMENTS)


class Failure(BaseModel):
    """A document that could not be analysed (or ``count`` bad records of one file, summarised)."""

    name: str | None
    status: int
    message: str
    count: int = 1


class AnalyzeResponse(BaseModel):
    """The analysed article (``Article.to_dict()``)."""

    article: dict[str, Any]


class IngestResponse(BaseModel):
    """What was stored: every input read is stored, a duplicate or rejected (``read = stored + duplicates + rejected``)."""

    read: int
    stored: int
    duplicates: int
    rejected: int
    ids: list[int]
    languages: dict[str, int] = Field(default_factory=dict, description="Stored articles per language (ISO 639-1); only Russian ones are analysed")
    errors: list[Failure]


# Longest entity name or id a correction takes (as the entity routes' path parameter).
MAX_NAME = 256


class MergeRequest(BaseModel):
    """The entity merged into the one of the path (it stays the path's, now and after every relink)."""

    other: Annotated[int, Field(ge=1, le=2**62)] | Annotated[str, Field(min_length=1, max_length=MAX_NAME)] = Field(
        ..., description="An entity id, or a name in any form (an ambiguous name is refused with its candidates)"
    )


class SplitRequest(BaseModel):
    """The name whose mentions become an entity of their own."""

    form: str = Field(..., min_length=1, max_length=MAX_NAME, description="A name the entity is known by, as its aliases list it (\"Шольц\")")


class AliasRequest(BaseModel):
    """Another name of the entity: it is found and linked by it."""

    alias: str = Field(..., min_length=1, max_length=MAX_NAME, description="The name, as written (\"МИД\")")


class EntityBrief(BaseModel):
    """An entity named in a correction's answer."""

    id: int
    type: str
    name: str


class EntityRow(EntityBrief):
    """An entity with its counts, as the lists give it."""

    mentions: int
    articles: int
    first_seen: str | None = None
    last_seen: str | None = None


class CorrectionResponse(BaseModel):
    """What a correction did: the entity as it is now, and what merged into it or split off it."""

    action: str = Field(..., description="merge, split or alias")
    entity: EntityRow
    merged: list[EntityBrief] = Field(default_factory=list, description="Entities merged into it (merge; alias, when an entity was named so)")
    split: EntityRow | None = Field(None, description="The new entity (split)")
    form: str | None = Field(None, description="The name split off (split)")
    articles: int | None = Field(None, description="Articles whose mentions moved to the new entity (split)")
    alias: str | None = Field(None, description="The alias added (alias)")


class RelinkResponse(BaseModel):
    """How many articles were linked again."""

    articles: int


# Error statuses every API route may answer with, for the OpenAPI description.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "No Host header, several, or a malformed one"},
    404: {"model": ErrorBody, "description": "Not found"},
    413: {"model": ErrorBody, "description": "Request body over 5 MB"},
    414: {"model": ErrorBody, "description": "Request target (path and query) over 16 KB"},
    421: {"model": ErrorBody, "description": "The Host header does not name this server"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
    503: {"model": ErrorBody, "description": "The database cannot be used"},
}
# Further statuses of the routes that analyse.
ANALYSIS_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The document cannot be read, the JSON is nested too deeply, or the Host header is missing or malformed"},
    403: {"model": ErrorBody, "description": "A cross-origin request from a page not in allowed_origins"},
    408: {"model": ErrorBody, "description": "The request body did not arrive within 60 s"},
    413: {"model": ErrorBody, "description": "Request body over 5 MB, a document too long, or an analysis past the worker's memory"},
    503: {"model": ErrorBody, "description": "Every analysis worker is busy (see Retry-After), or the database cannot be used"},
    504: {"model": ErrorBody, "description": "The analysis ran past its time budget and was stopped"},
}

# The request body of /api/analyze for the OpenAPI description: FastAPI cannot describe a
# body read by hand, and three media types are accepted (a raw body takes its options from
# the query string).
ANALYZE_BODY: dict[str, Any] = {
    "required": True,
    "description": "The JSON object, or the document itself as text/plain (a crawler dump) or text/html "
    "(a page); for a raw body, `url`, `published`, `source` and `no_clean` come from the query string.",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeRequest"}},
        "text/plain": {"schema": {"type": "string"}, "example": "Глава Заречинска Павел Сорокин заявил, что мост откроют в мае."},
        "text/html": {"schema": {"type": "string"}, "example": "<html><body><h1>Мост откроют в мае</h1><p>Глава Заречинска Павел Сорокин заявил...</p></body></html>"},
    },
}
