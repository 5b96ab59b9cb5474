"""The web face of svodka: a JSON API (``/api/...``, OpenAPI at ``/openapi.json``) and
server-rendered pages over the archive. ``create_app(store_url)`` builds the ASGI app;
``serve(...)`` runs it with uvicorn (``svodka serve``)."""

from ._server import serve
from .app import create_app

__all__ = ["create_app", "serve"]
