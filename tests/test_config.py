"""Settings: one definition each, loading order, validation, documentation."""

from pathlib import Path

import pytest

from svodka.config import SETTINGS, Settings, load_settings
from svodka.errors import SvodkaError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_config_every_setting_is_a_field():
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__) - {"origin"}


def test_config_every_setting_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text, f"setting {setting.name} missing from README"


def test_config_order_file_env_cli(tmp_path, monkeypatch):
    cfg = tmp_path / "svodka.toml"
    cfg.write_text("batch_size = 8\nworkers = 3\nmax_bytes = 10\n")
    env = {"SVODKA_CONFIG": str(cfg), "SVODKA_WORKERS": "5", "SVODKA_MAX_BYTES": "20"}
    settings = load_settings({"max_bytes": "30"}, environ=env)
    assert (settings.batch_size, settings.workers, settings.max_bytes) == (8, 5, 30)
    assert settings.origin["max_bytes"] == "-s"


@pytest.mark.parametrize("overrides", [{"batch_size": "many"}, {"workers": "-1"}, {"nope": "1"}])
def test_config_invalid_values_are_rejected(overrides):
    with pytest.raises(SvodkaError):
        load_settings(overrides, environ={})


def test_config_missing_named_file_is_an_error(tmp_path):
    with pytest.raises(SvodkaError, match="does not exist"):
        load_settings(environ={"SVODKA_CONFIG": str(tmp_path / "nope.toml")})
