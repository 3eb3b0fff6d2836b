"""Backup and restore: the round trip gives every row of every model and every stored file
back identical; a wrong key, a changed or cut-off archive, a database with data and other
migrations are refused with a Dutch message, and nothing is restored."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from backup_hulp import alle_rijen, bestanden, herschrijf, rijke_database
from django.core.management import call_command
from django.db import connection

from leerrecht.cli import main
from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.backup import MAGIC, BackupFout, herstel, maak_backup, nieuwe_sleutel
from leerrecht.web.leerplicht.models import Gemeente
from leerrecht.web.scholen.models import Leerling

pytestmark = pytest.mark.django_db


def leeg_maken(data_map: Path) -> None:
    """Empty the database and the data directory (as a new installation)."""
    if connection.vendor == "postgresql":  # TRUNCATE waits for no deferred checks
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for p in sorted(data_map.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()


def test_heen_en_terug_geeft_alle_rijen_en_bestanden_gelijk_terug(
    tmp_path: Path, data_map: Path
) -> None:
    rijke_database()
    archief = tmp_path / "back-up.lrb"
    resultaat = maak_backup(archief)
    assert resultaat.versleuteld and resultaat.bestanden == 2 and not resultaat.ontbrekend
    assert archief.read_bytes().startswith(MAGIC)
    rijen, opgeslagen = alle_rijen(), bestanden(data_map)
    assert len(opgeslagen) == 2
    assert len(rijen["scholen.Leerling"]) == 40 and rijen["dossiers.Dossier"]
    # the backup itself is in the audit log (and so in the backup)
    regel = AuditRegel.objects.get(doel="back-up")
    assert regel.actie == Actie.EXPORTEREN

    leeg_maken(data_map)
    assert not Leerling.objects.exists() and bestanden(data_map) == {}
    # as after 'migrate' on a new database: the municipalities are there already
    call_command("laad_gemeenten", stdout=StringIO())
    assert Gemeente.objects.exists()
    hersteld = herstel(archief)
    assert hersteld.bestanden == 2
    na = alle_rijen()
    assert na.keys() == rijen.keys()
    for label in rijen:
        assert na[label] == rijen[label], label
    assert bestanden(data_map) == opgeslagen
    # the sequences continue after the restored keys
    eerste = Leerling.objects.order_by("pk").first()
    assert eerste is not None
    nieuw = Leerling.objects.create(
        school=eerste.school,
        leerlingnummer="nieuw-1",
        voornaam="N",
        achternaam="Nieuw",
        geboortedatum=eerste.geboortedatum,
        ingeschreven_vanaf=eerste.ingeschreven_vanaf,
    )
    assert nieuw.pk > max(r["pk"] for r in rijen["scholen.Leerling"])


def test_een_verkeerde_sleutel_herstelt_niets(tmp_path: Path, data_map: Path) -> None:
    rijke_database(40)
    archief = tmp_path / "b.lrb"
    maak_backup(archief)
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match=r"sleutel past niet"):
        herstel(archief, sleutel=nieuwe_sleutel())
    assert not Leerling.objects.exists() and not AuditRegel.objects.exists()


@pytest.mark.parametrize("plek", ["begin", "midden", "einde"])
def test_een_gewijzigde_of_ingekorte_versleutelde_back_up_herstelt_niets(
    tmp_path: Path, data_map: Path, plek: str
) -> None:
    rijke_database(40)
    archief = tmp_path / "b.lrb"
    maak_backup(archief)
    inhoud = bytearray(archief.read_bytes())
    if plek == "einde":
        inhoud = inhoud[:-100]
    else:
        i = len(MAGIC) + 40 if plek == "begin" else len(inhoud) // 2
        inhoud[i] ^= 0x01
    archief.write_bytes(bytes(inhoud))
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match=r"niets hersteld|beschadigd|onvolledig"):
        herstel(archief)
    assert not Leerling.objects.exists()


def test_een_gewijzigd_lid_valt_op_aan_de_controlesom(tmp_path: Path, data_map: Path) -> None:
    rijke_database(40)
    archief = tmp_path / "b.tar.gz"
    maak_backup(archief, versleuteld=False)
    assert archief.read_bytes()[:2] == b"\x1f\x8b"

    def vervals(leden: dict[str, bytes]) -> None:
        # one pupil's surname changed, the manifest left as it was
        voor = leden["data.json"]
        leden["data.json"] = voor.replace(b'"achternaam": "', b'"achternaam": "X', 1)
        assert leden["data.json"] != voor

    herschrijf(archief, vervals)
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match=r"controlesom van data.json klopt niet"):
        herstel(archief)
    assert not Leerling.objects.exists()


def test_een_database_met_gegevens_wordt_alleen_met_overschrijven_vervangen(
    tmp_path: Path, data_map: Path
) -> None:
    rijke_database(40)
    archief = tmp_path / "b.lrb"
    maak_backup(archief)
    rijen = alle_rijen()
    Leerling.objects.filter(pk=Leerling.objects.order_by("pk")[0].pk).update(voornaam="Gewijzigd")
    with pytest.raises(BackupFout, match=r"De database is niet leeg.*--overschrijven"):
        herstel(archief)
    assert Leerling.objects.filter(voornaam="Gewijzigd").exists()
    herstel(archief, overschrijven=True)
    assert alle_rijen() == rijen


def test_andere_migraties_worden_geweigerd(tmp_path: Path, data_map: Path) -> None:
    rijke_database(40)
    archief = tmp_path / "b.tar.gz"
    maak_backup(archief, versleuteld=False)

    def andere_versie(leden: dict[str, bytes]) -> None:
        manifest = json.loads(leden["manifest.json"])
        manifest["migraties"]["scholen"].append("0099_toekomst")
        leden["manifest.json"] = json.dumps(manifest).encode()

    herschrijf(archief, andere_versie)
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match=r"migraties van deze database verschillen.*scholen"):
        herstel(archief)
    assert not Leerling.objects.exists()


def test_zonder_sleutel_alleen_uitdrukkelijk_onversleuteld(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEERRECHT_BACKUP_SLEUTEL")
    with pytest.raises(BackupFout, match=r"Geen sleutel.*--onversleuteld"):
        maak_backup(tmp_path / "b.lrb")
    assert not (tmp_path / "b.lrb").exists()
    assert not maak_backup(tmp_path / "b.tar.gz", versleuteld=False).versleuteld


def test_de_opdrachtregel_maakt_en_weigert_met_een_nederlandse_melding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rijke_database(40)
    archief = tmp_path / "b.lrb"
    assert main(["backup", str(archief)]) == 0
    assert "gemaakt (versleuteld)" in capsys.readouterr().out
    assert main(["restore", str(archief)]) == 1
    assert "De database is niet leeg" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "bestaat-niet.lrb")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def _zonder_rij(model: str, voorwaarde: str) -> Callable[[dict[str, bytes]], None]:
    """A change of data.json that drops the first row of ``model`` for which ``voorwaarde``
    (a field name) is set, with the manifest's checksum updated (a forged archive)."""

    def wijzig(leden: dict[str, bytes]) -> None:
        rijen = json.loads(leden["data.json"])
        weg = next(r for r in rijen if r["model"] == model and r["fields"].get(voorwaarde))
        rijen.remove(weg)
        leden["data.json"] = json.dumps(rijen).encode()
        manifest = json.loads(leden["manifest.json"])
        manifest["leden"]["data.json"] = hashlib.sha256(leden["data.json"]).hexdigest()
        leden["manifest.json"] = json.dumps(manifest).encode()

    return wijzig


@pytest.mark.parametrize(
    ("model", "veld", "melding"),
    [
        ("registratie.registratie", "leerling", r"aantallen rijen niet.*registratie\.Registratie"),
        ("scholen.leerling", "voornaam", r"verwijzen naar rijen die er niet zijn"),
    ],
)
def test_een_nagemaakte_back_up_met_een_rij_minder_herstelt_niets(
    tmp_path: Path, data_map: Path, model: str, veld: str, melding: str
) -> None:
    rijke_database(40)
    archief = tmp_path / "b.tar.gz"
    maak_backup(archief, versleuteld=False)
    herschrijf(archief, _zonder_rij(model, veld))
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match=melding):
        herstel(archief)
    assert not Leerling.objects.exists()


def test_een_bestand_buiten_de_opslagmap_wordt_geweigerd(tmp_path: Path, data_map: Path) -> None:
    rijke_database(40)
    archief = tmp_path / "b.tar.gz"
    maak_backup(archief, versleuteld=False)
    buiten = "bestanden/dossiers.Document.bestand/../../../buiten.txt"

    def vals_bestand(leden: dict[str, bytes]) -> None:
        leden[buiten] = b"buiten de map"
        manifest = json.loads(leden["manifest.json"])
        manifest["leden"][buiten] = hashlib.sha256(b"buiten de map").hexdigest()
        leden["manifest.json"] = json.dumps(manifest).encode()

    herschrijf(archief, vals_bestand)
    leeg_maken(data_map)
    with pytest.raises(BackupFout, match="niets hersteld"):
        herstel(archief)
    assert not Leerling.objects.exists()
    assert not list(tmp_path.rglob("buiten.txt"))
