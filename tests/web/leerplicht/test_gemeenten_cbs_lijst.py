"""The CBS list of municipalities ships with leerrecht (1 January 2026, data/BRON.md) and is in
every fresh database; ``laad_gemeenten`` updates it by code without losing what is in use."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from leerplicht_hulp import Kantoren
from web_hulp import D

from leerrecht.web.leerplicht.gemeenten import STANDAARD_CSV, GemeentenFout, lees_csv
from leerrecht.web.leerplicht.models import Bureau, Gemeente, Jeugdige, Werkgebied

pytestmark = pytest.mark.django_db


def test_de_meegeleverde_lijst_heeft_342_gemeenten_zonder_dubbele_codes_of_namen() -> None:
    rijen = lees_csv()
    assert len(rijen) == 342
    assert len({r.code for r in rijen}) == 342
    assert len({r.naam.casefold() for r in rijen}) == 342
    assert {r.provincie for r in rijen} == {
        "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
        "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    }  # fmt: skip
    assert (STANDAARD_CSV.parent / "BRON.md").read_text(encoding="utf-8").count("2026") >= 1


def test_een_verse_database_heeft_de_lijst_met_bekende_codes() -> None:
    assert Gemeente.objects.count() == 342
    assert Gemeente.objects.get(code="GM0917").naam == "Heerlen"
    assert Gemeente.objects.get(code="GM0935").naam == "Maastricht"
    assert Gemeente.objects.get(code="GM0363").naam == "Amsterdam"
    assert Gemeente.objects.get(code="GM1992").naam == "Voorne aan Zee"  # since 2023
    assert Gemeente.objects.get(code="GM0917").provincie == "Limburg"
    assert not Gemeente.objects.filter(naam__in=["Brielle", "Weesp", "Onderbanken"]).exists()


@pytest.mark.parametrize(
    "naam", ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld",
             "Voerendaal", "Beek", "Sittard-Geleen", "Stein", "Eijsden-Margraten",
             "Gulpen-Wittem", "Maastricht", "Meerssen", "Vaals", "Valkenburg aan de Geul"],
)  # fmt: skip
def test_elke_gemeente_van_seed_000_bijlage_2_staat_in_de_lijst(naam: str) -> None:
    assert Gemeente.objects.get(naam=naam).provincie == "Limburg"


def _schrijf(tmp_path: Path, rijen: list[tuple[str, str, str]]) -> Path:
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "naam", "provincie"])
    writer.writerows(rijen)
    pad = tmp_path / "gemeenten.csv"
    pad.write_text(buffer.getvalue(), encoding="utf-8")
    return pad


def test_laad_gemeenten_voegt_toe_hernoemt_en_houdt_wat_in_gebruik_is(
    tmp_path: Path, kantoren: Kantoren
) -> None:
    """A fictitious next year: Heerlen renamed, Simpelveld merged into a new gemeente (but still
    in BLD's werkgebied), Vaals gone and unused."""
    rijen = [(g.code, g.naam, g.provincie) for g in Gemeente.objects.all()]
    rijen = [r for r in rijen if r[1] not in ("Simpelveld", "Vaals")]
    rijen = [("GM0917", "Heerlen-Centrum", r[2]) if r[0] == "GM0917" else r for r in rijen]
    rijen.append(("GM1999", "Zuid-Parkstad", "Limburg"))
    uit = StringIO()
    call_command("laad_gemeenten", str(_schrijf(tmp_path, rijen)), stdout=uit)
    verslag = uit.getvalue()
    assert "GM1999 Zuid-Parkstad" in verslag
    assert "GM0917: Heerlen -> Heerlen-Centrum" in verslag
    assert "Vaals" in verslag.split("Verwijderd")[1]
    assert "GM0965 Simpelveld" in verslag.split("blijft staan")[1]
    assert Gemeente.objects.get(code="GM0917").naam == "Heerlen-Centrum"
    assert Werkgebied.objects.filter(gemeente__code="GM0917", bureau=kantoren.bld).exists()
    assert Gemeente.objects.filter(code="GM0965").exists()  # in BLD's werkgebied: kept
    assert not Gemeente.objects.filter(code="GM0981").exists()  # Vaals: unused, deleted
    assert Gemeente.objects.get(code="GM1999").provincie == "Limburg"


def test_laad_gemeenten_laat_een_gemeente_van_een_jeugdige_staan(tmp_path: Path) -> None:
    bureau = Bureau.objects.create(naam="Elders")
    Jeugdige.objects.create(
        bureau=bureau,
        voornaam="Sem",
        achternaam="Jansen",
        geboortedatum=D(2014, 1, 1),
        gemeente=Gemeente.objects.get(naam="Urk"),
    )
    rijen = [(g.code, g.naam, g.provincie) for g in Gemeente.objects.exclude(naam="Urk")]
    call_command("laad_gemeenten", str(_schrijf(tmp_path, rijen)), stdout=StringIO())
    assert Gemeente.objects.filter(naam="Urk").exists()


def test_twee_gemeenten_kunnen_van_naam_wisselen(tmp_path: Path) -> None:
    rijen = [(g.code, g.naam, g.provincie) for g in Gemeente.objects.all()]
    ruil = {"GM0917": "Kerkrade", "GM0928": "Heerlen"}
    rijen = [(c, ruil.get(c, n), p) for c, n, p in rijen]
    call_command("laad_gemeenten", str(_schrijf(tmp_path, rijen)), stdout=StringIO())
    assert Gemeente.objects.get(code="GM0917").naam == "Kerkrade"
    assert Gemeente.objects.get(code="GM0928").naam == "Heerlen"


def test_nogmaals_laden_verandert_niets() -> None:
    uit = StringIO()
    call_command("laad_gemeenten", stdout=uit)
    assert "Geen wijzigingen." in uit.getvalue()
    assert Gemeente.objects.count() == 342


@pytest.mark.parametrize(
    ("inhoud", "fout"),
    [
        ("gemeente,naam\nGM0001,X\n", "regel 1"),
        ("code,naam,provincie\nG0917,Heerlen,Limburg\n", "regel 2, kolom code"),
        ("code,naam,provincie\nGM0917,Heerlen,Limburg\nGM0917,Kerkrade,Limburg\n", "regel 3"),
        ("code,naam,provincie\nGM0917,Heerlen,Limburg\nGM0928,heerlen,Limburg\n", "regel 3"),
        ("code,naam,provincie\nGM0917,,Limburg\n", "de naam ontbreekt"),
    ],
)
def test_een_fout_bestand_wordt_geweigerd_met_de_regel(inhoud: str, fout: str) -> None:
    with pytest.raises(GemeentenFout, match=fout):
        lees_csv(tekst=inhoud)


def test_het_commando_meldt_een_fout_bestand(tmp_path: Path) -> None:
    pad = tmp_path / "fout.csv"
    pad.write_text("code,naam\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 1"):
        call_command("laad_gemeenten", str(pad), stdout=StringIO())
    assert Gemeente.objects.count() == 342
