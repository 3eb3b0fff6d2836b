"""`leerrecht manage check --deploy` is clean for a production-like environment (issue 7), and
it does complain when a production setting is missing (so this test can fail)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

LEERRECHT = Path(sys.executable).with_name("leerrecht")


def _check(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LEERRECHT_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        LEERRECHT_SECRET_KEY=secrets.token_urlsafe(48),  # 64 random characters
        LEERRECHT_HTTPS="1",
        LEERRECHT_ALLOWED_HOSTS="leerrecht.example.nl",
        LEERRECHT_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'leerrecht.sqlite3'}",
    )
    env.update(extra)
    return subprocess.run(
        [str(LEERRECHT), "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(autouse=True)
def _cli_aanwezig() -> None:
    assert LEERRECHT.exists(), f"{LEERRECHT} ontbreekt: installeer het pakket (pip install -e .)"


def test_check_deploy_is_schoon_voor_productie(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_faalt_zonder_https(tmp_path: Path) -> None:
    result = _check(tmp_path, LEERRECHT_HTTPS="0")
    assert result.returncode != 0
    uitvoer = result.stdout + result.stderr
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in uitvoer


def test_check_deploy_waarschuwt_zonder_tweestaps(tmp_path: Path) -> None:
    result = _check(tmp_path, LEERRECHT_TWEESTAPS="0")
    assert result.returncode != 0
    assert "leerrecht.W010" in result.stdout + result.stderr


def test_check_deploy_faalt_zonder_geheime_sleutel(tmp_path: Path) -> None:
    result = _check(tmp_path, LEERRECHT_SECRET_KEY="")
    assert result.returncode != 0
    assert "leerrecht.E001" in result.stdout + result.stderr


def _instelling(naam: str, **env: str) -> str:
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("LEERRECHT_")}
    schoon.update(env, DJANGO_SETTINGS_MODULE="leerrecht.web.conf.settings")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from leerrecht.web.conf import settings; print(settings.{naam})",
        ],
        env=schoon,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_tweestaps_staat_standaard_aan_en_alleen_in_de_demo_uit() -> None:
    assert _instelling("LEERRECHT_TWEESTAPS") == "True"
    assert _instelling("LEERRECHT_TWEESTAPS", LEERRECHT_DEMO="1") == "False"
    assert _instelling("LEERRECHT_TWEESTAPS", LEERRECHT_DEMO="1", LEERRECHT_TWEESTAPS="1") == "True"
    assert _instelling("LEERRECHT_TWEESTAPS", LEERRECHT_TWEESTAPS="0") == "False"


def test_de_tijden_komen_uit_de_omgeving() -> None:
    assert _instelling("LEERRECHT_SESSIE_INACTIEF_SECONDEN") == "1800"
    assert (
        _instelling("LEERRECHT_SESSIE_INACTIEF_SECONDEN", LEERRECHT_SESSIE_INACTIEF_MINUTEN="10")
        == "600"
    )
    assert _instelling("AXES_FAILURE_LIMIT", LEERRECHT_INLOG_POGINGEN="3") == "3"
    assert _instelling("AXES_COOLOFF_TIME", LEERRECHT_INLOG_BLOKKADE_MINUTEN="60") == "1:00:00"
