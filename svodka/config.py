"""Every setting of svodka, defined once with its default and help text.

Loading order: defaults, then the user file (``svodka.toml`` in the working directory or the
file named by ``SVODKA_CONFIG``; it only overrides keys it sets), then environment variables
``SVODKA_<NAME>``, then CLI ``-s name value``. Values are validated at load; one ``Settings``
object is passed down.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    """One documented setting."""

    name: str
    default: Any
    help: str


# Every setting; the README lists them and a test checks it does.
SETTINGS: tuple[Setting, ...] = (
    Setting("max_bytes", 5_000_000, "Largest input file read, in bytes; bigger files are rejected."),
    Setting("batch_size", 32, "Documents analysed per batch and stored per transaction."),
    # Bounds of one document (issue 11). Analysis costs about the same per word: measured on
    # 2 shared cores, 146,000 words of generated news (a name, role or quote in every
    # sentence) took 17 s and 340 MB, so 100,000 words (a book; news articles stay under
    # 10,000) keep to about a third of the time budget, and a 4.5 MB text (350,000 words)
    # is rejected at once instead of running for minutes.
    Setting("max_words", 100_000, "Longest text analysed, in words; a longer document is rejected (0: no limit)."),
    # The safety net for paths nobody measured: 30 s is about 100 ordinary articles' worth.
    Setting("time_budget", 30, "Seconds one document's analysis may take; a slower one is rejected (0: no limit)."),
    Setting("workers", 0, "Worker processes for analysis; 0 means one per CPU core."),
    Setting("database_url", "svodka.db", "Database: a SQLite path or sqlite:///path, or postgresql://..."),
    Setting("api_token", "", "Bearer token that enables POST /api/ingest and the entity corrections (merge, split, alias, relink); empty disables them."),
    Setting(
        "fetch_allow_private",
        "",
        "Hosts and networks the URL fetcher and the webhooks may reach although they are private, loopback or otherwise "
        "not public (e.g. intranet.example, .corp.example, 10.0.0.0/8); empty: none.",
    ),
    Setting("allowed_hosts", "", "Host names the web server answers besides the bound address, localhost, 127.0.0.1 and ::1 (comma-separated; * for any)."),
    Setting("allowed_origins", "", "Other origins (scheme://host:port) whose pages may POST to the API (comma-separated); same-origin is always allowed."),
    Setting("analyze_workers", 2, "Worker processes for /api/analyze and /api/ingest; requests past them get 503 with Retry-After; 0 disables analysis."),
    Setting("analyze_timeout", 30, "Least seconds one analysis request may run (the deadline is time_budget + 10 s per document when longer); then its worker is killed and restarted (504)."),
    Setting("analyze_memory_mb", 2048, "Address space of one analysis worker, in MB; a request past it gets 413 and the worker is restarted."),
    Setting("base_url", "http://127.0.0.1:8000", "Where readers reach the web UI: the links of the digest, the Atom feeds and the webhook bodies start with it (`svodka serve` on another host or port uses its own address unless this is set)."),
)


@dataclass
class Settings:
    """The loaded settings, one attribute per ``Setting``."""

    max_bytes: int = 5_000_000
    batch_size: int = 32
    max_words: int = 100_000
    time_budget: int = 30
    workers: int = 0
    database_url: str = "svodka.db"
    api_token: str = ""
    fetch_allow_private: str = ""
    allowed_hosts: str = ""
    allowed_origins: str = ""
    analyze_workers: int = 2
    analyze_timeout: int = 30
    analyze_memory_mb: int = 2048
    base_url: str = "http://127.0.0.1:8000"
    origin: dict[str, str] = field(default_factory=dict)  # setting -> where its value came from


def _coerce(name: str, value: Any, where: str) -> Any:
    default = next(s.default for s in SETTINGS if s.name == name)
    try:
        if isinstance(default, int):
            value = int(value)
            if value < 0:
                raise ValueError("must not be negative")
            return value
        value = str(value)
        if name == "fetch_allow_private":
            from .ingest._private import parse_allow_list

            parse_allow_list(value)  # a bad entry is a ConfigError at load, not at the first fetch
        return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(where, f"setting {name}={value!r} is invalid: {exc}") from None


def load_settings(overrides: dict[str, Any] | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults < user file < environment < ``overrides`` (CLI ``-s``)."""
    environ = os.environ if environ is None else environ
    names = {s.name for s in SETTINGS}
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    origin = {s.name: "default" for s in SETTINGS}

    named = environ.get("SVODKA_CONFIG")
    path = Path(named or "svodka.toml")
    if named and not path.is_file():
        raise ConfigError(named, "config file named by SVODKA_CONFIG does not exist")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(str(path), f"cannot read config file: {exc}") from None
        for key, value in data.items():
            if key not in names:
                raise ConfigError(str(path), f"unknown setting {key!r}; known: {', '.join(sorted(names))}")
            values[key], origin[key] = _coerce(key, value, str(path)), str(path)
    for name in names:
        env = f"SVODKA_{name.upper()}"
        if env in environ:
            values[name], origin[name] = _coerce(name, environ[env], env), env
    for key, value in (overrides or {}).items():
        if key not in names:
            raise ConfigError("-s", f"unknown setting {key!r}; known: {', '.join(sorted(names))}")
        values[key], origin[key] = _coerce(key, value, "-s"), "-s"
    settings = Settings(**values)
    settings.origin = origin
    return settings


