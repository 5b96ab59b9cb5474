"""The public API: ``__all__`` is exactly the documented surface, and every name resolves."""

import svodka

# The public surface; changing it is an API change (see STYLE.md: keep the public API small).
PUBLIC = {
    "Article", "Block", "DateMention", "Document", "Entity", "Mention", "Quote", "Role", "Speaker",
    "SvodkaError", "ConfigError", "InputError", "ExtractionRejected", "StageError", "FetchError", "StoreError",
    "read_paths", "read_bytes", "clean", "load_models", "Models", "run", "pipe", "analyze_documents", "STAGES",
    "load_settings", "Settings", "open_store", "Store", "__version__",
}


def test_init_all_is_the_public_surface():
    assert set(svodka.__all__) == PUBLIC
    assert len(svodka.__all__) == len(set(svodka.__all__))


def test_init_all_names_resolve():
    for name in svodka.__all__:
        assert getattr(svodka, name) is not None, name


def test_init_errors_share_one_base():
    for name in ("ConfigError", "InputError", "ExtractionRejected", "StageError", "FetchError", "StoreError"):
        assert issubclass(getattr(svodka, name), svodka.SvodkaError)


import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.issue(11)
@pytest.mark.parametrize("first", ["read_bytes", "read_paths", "open_store", "analyze_documents"])
def test_init_clean_is_the_function_whatever_was_imported_first(first):
    # Before: `from svodka import clean` after `from svodka import read_bytes` gave the module.
    code = (
        f"from svodka import {first}\nimport svodka.clean.dump as d\nfrom svodka import clean, Document\n"
        "a = clean(Document(text='Заголовок\\n\\nПервый абзац статьи о погоде в Казани, длинный и связный.', path='x.txt'))\n"
        "print(type(a).__name__, callable(d.clean_dump))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "Article True", out.stderr
