"""The analyst's corrections of entities over HTTP: merge, split, alias, relink (need the token).

Each correction is made under the app's one writer lock, then the cached home page is
forgotten. Included in the app with one line (``app.include_router(corrections.router(...))``).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from fastapi import APIRouter, Depends, Path as PathParam

from ._cache import ArchiveCache
from ._http import _json_only
from ._queries import clean_query
from ._schemas import (
    ERROR_RESPONSES,
    AliasRequest,
    CorrectionResponse,
    ErrorBody,
    MergeRequest,
    RelinkResponse,
    SplitRequest,
)

__all__ = ["router"]


def router(store: Any, require_token: Callable[..., None], ingest_lock: threading.Lock, cache: ArchiveCache) -> APIRouter:
    """The correction routes over ``store``; writing checked by ``require_token`` and done under ``ingest_lock``."""
    routes = APIRouter()

    correction_responses = {
        **ERROR_RESPONSES,
        401: {"model": ErrorBody, "description": "No token, or a wrong one"},
        403: {"model": ErrorBody, "description": "Writing is disabled (the server has no token), or a POST from a page on another origin"},
        404: {"model": ErrorBody, "description": "No such entity"},
        409: {"model": ErrorBody, "description": "A name that may mean several entities; `details` lists them: name the one meant by its id"},
        415: {"model": ErrorBody, "description": "The body is not application/json"},
        422: {"model": ErrorBody, "description": "Invalid body, or a correction that cannot apply (an entity into itself, a person with an organisation, a form the entity lacks)"},
    }
    EntityRef = PathParam(..., min_length=1, max_length=256, description="Corpus entity id or a name in any form")

    def correct(do, entity: str, other: Any) -> dict[str, Any]:
        """Make one correction (the one writer at a time), then forget the cached home page."""
        with ingest_lock:
            result = do(clean_query(entity) or "", (clean_query(other) or "") if isinstance(other, str) else other)
        cache.clear()
        return result

    @routes.post(
        "/api/entities/{entity_id}/merge", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_merge(body: MergeRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Merge the entity `other` into this one (needs the token).

        It stays one entity when the archive is linked again and in new articles: every name
        of `other` is recorded as a name of this one.
        """
        return correct(store.merge_entities, entity_id, body.other)

    @routes.post(
        "/api/entities/{entity_id}/split", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_split(body: SplitRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Give the mentions of this entity by the name `form` an entity of their own (needs the token).

        They stay apart when the archive is linked again and in new articles.
        """
        return correct(store.split_entity, entity_id, body.form)

    @routes.post(
        "/api/entities/{entity_id}/aliases", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_alias(body: AliasRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Give this entity another name, `alias`: it is found and linked by it (needs the token).

        An entity named exactly so (a person for a person; an organisation or place
        otherwise) is merged into it.
        """
        return correct(store.alias_entity, entity_id, body.alias)

    @routes.post(
        "/api/relink", tags=["corrections"], response_model=RelinkResponse,
        responses={k: v for k, v in correction_responses.items() if k not in (404, 409, 415)}, dependencies=[Depends(require_token)],
    )
    def api_relink() -> dict[str, Any]:
        """Link every stored article again (needs the token): entities and statements rebuilt, corrections applied, stories kept.

        Takes a while on a large archive (the whole archive is linked again); the answer
        comes when it is done.
        """
        with ingest_lock:
            n = store.relink()
        cache.clear()
        return {"articles": n}

    return routes
