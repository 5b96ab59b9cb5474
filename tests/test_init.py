"""The public API: ``__all__`` is exactly the documented surface, and every name resolves."""

import svodka

# The public surface; changing it is an API change (see STYLE.md: keep the public API small).
PUBLIC = {
    "Article", "Block", "DateMention", "Document", "Entity", "Mention", "Quote", "Speaker",
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
