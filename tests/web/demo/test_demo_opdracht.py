"""``leerrecht demo``: arguments, the start text, reuse of an existing demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leerrecht.cli import main as cli
from leerrecht.web.demo import main
from leerrecht.web.demodata.bouw import PERSONEEL, SUPERUSER, WACHTWOORD
from leerrecht.web.scholen.models import Leerling

ARGS = ["--no-serve", "--leerlingen", "40", "--peildatum", "2026-03-20"]


@pytest.mark.django_db
def test_demo_bouwt_en_toont_de_accounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*ARGS, "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/?peildatum=2026-03-20" in out
    assert "Nieuw gebouwd" in out and "40 leerlingen" in out
    for username in [p.gebruikersnaam for p in PERSONEEL] + [SUPERUSER]:
        assert f"\n  {username} " in out
    assert out.count(WACHTWOORD) >= 9  # in de tekst en op elke regel van de tabel
    assert "verzuimcoördinator" in out and "Django-superuser" in out
    assert "thuiszitter" in out and "absoluut verzuim" in out
    # the chain partners with their accounts (issue 5)
    assert "Ketenpartners" in out and "leerplichtambtenaar" in out and "swv-parkstad" in out
    assert "jeugdarts" in out and "Bureau Leren en Doorstromen Parkstad" in out
    meta = json.loads((tmp_path / "demo.json").read_text("utf-8"))
    assert meta["peildatum"] == "2026-03-20" and meta["seed"] == 2026


@pytest.mark.django_db
def test_een_bestaande_demo_wordt_hergebruikt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*ARGS, "--data-dir", str(tmp_path)]) == 0
    first = list(Leerling.objects.values_list("pk", flat=True))
    capsys.readouterr()
    assert cli(["demo", *ARGS, "--data-dir", str(tmp_path), "--leerlingen", "50"]) == 0
    out = capsys.readouterr().out
    assert "Bestaande demo hergebruikt" in out and "40 leerlingen" in out
    assert "thuiszitter" in out  # de verhalen komen uit demo.json
    assert "swv-parkstad" in out  # de ketenpartners ook
    assert list(Leerling.objects.values_list("pk", flat=True)) == first
    assert main([*ARGS, "--data-dir", str(tmp_path), "--opnieuw", "--seed", "3"]) == 0
    assert "Nieuw gebouwd" in capsys.readouterr().out
    assert Leerling.objects.count() == 40
    assert not set(Leerling.objects.values_list("pk", flat=True)) & set(first)


@pytest.mark.parametrize(
    ("args", "fout"),
    [
        (["--peildatum", "2023-05-01"], "schooljaar 2022-2023"),
        (["--peildatum", "2027-09-01"], "Kies een peildatum tussen 2024-08-01 en 2027-07-31"),
        (["--peildatum", "20 maart"], "is geen datum; schrijf JJJJ-MM-DD"),
        (["--peildatum", "2024-08-20"], "te weinig schooldagen"),
        (["--leerlingen", "5"], "kies een aantal van 40 tot 2000"),
        (["--leerlingen", "veel"], "is geen geheel getal"),
        (["--port", "70000"], "kies een poort van 1 tot 65535"),
        (["--onbekend"], "leerrecht demo --help"),
    ],
)
def test_ongeldige_invoer_geeft_een_nederlandse_fout_en_code_2(
    args: list[str], fout: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-serve", "--data-dir", str(tmp_path), *args]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("leerrecht demo: ")
    assert fout in captured.err
    assert captured.out == ""
    assert not (tmp_path / "demo.json").exists()
