"""The public API: everything in ``__all__`` exists, nothing public is left out."""

import svodka


def test_init_all_names_resolve():
    for name in svodka.__all__:
        assert getattr(svodka, name) is not None, name


def test_init_all_has_no_duplicates():
    assert len(svodka.__all__) == len(set(svodka.__all__))
