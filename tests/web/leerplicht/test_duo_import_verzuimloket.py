"""Import of meldingen from DUO's verzuimloket (CSV): preview first, then all or nothing; an error
names line and column in Dutch; a meldingsnummer already in the inbox is skipped and reported;
each row lands on the office's jeugdige by name and date of birth."""

from __future__ import annotations

import base64
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from leerplicht_hulp import (
    Kantoren,
    login,
    meld,
    school_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import D, World

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.leerplicht import duo_import
from leerrecht.web.leerplicht.models import Bron, InboxMelding, Jeugdige

pytestmark = pytest.mark.django_db

KOP = (
    "meldingsnummer;brin;school;achternaam;tussenvoegsel;voornaam;geboortedatum;woongemeente;"
    "verzuimsoort;begindatum;einddatum;uren;vermoedelijke_reden;toelichting;ondernomen_acties;"
    "contactpersoon"
)
GOED = "\n".join(
    [
        KOP,
        "VL-2026-101;12AB;Basisschool Het Anker;Vries;de;Sanne;02-04-2016;Heerlen;16 uur;"
        "2026-02-02;2026-02-06;17,5;ouders sturen hun kind niet;Vijf dagen weg;Gebeld;"
        "J. Smeets (045-1234567)",
        "VL-2026-102;34CD;Kindcentrum De Berg;Bakker;;Noah;2015-11-20;Kerkrade;lrv;2026-01-12;;;"
        ";;;",
    ]
)


def _upload(client: Client, tekst: str, encoding: str = "utf-8") -> str:
    bestand = SimpleUploadedFile("export.csv", tekst.encode(encoding), content_type="text/csv")
    return client.post("/leerplicht/importeren/", {"bestand": bestand}).content.decode()


def _bevestig(client: Client, html: str) -> str:
    inhoud = re.search(r'name="inhoud" value="([^"]+)"', html)
    assert inhoud is not None
    return client.post(
        "/leerplicht/importeren/", {"inhoud": inhoud.group(1)}, follow=True
    ).content.decode()


def test_voorbeeld_en_dan_alles_importeren(client: Client, kantoren: Kantoren) -> None:
    login(client, kantoren.admin)
    html = _upload(client, GOED)
    assert "2 meldingen om te importeren" in html
    assert "Sanne de Vries" in html and "Noah Bakker" in html
    assert not InboxMelding.objects.exists()  # the preview writes nothing
    html = _bevestig(client, html)
    assert "2 meldingen geïmporteerd in de inbox." in html
    sanne = InboxMelding.objects.get(meldingsnummer="VL-2026-101")
    assert sanne.bron == Bron.IMPORT and sanne.bureau == kantoren.bld
    assert (sanne.school_naam, sanne.brin, sanne.soort) == (
        "Basisschool Het Anker",
        "12AB",
        "16_uur",
    )
    assert (sanne.begin, sanne.einde, str(sanne.uren)) == (D(2026, 2, 2), D(2026, 2, 6), "17.50")
    assert sanne.contactpersoon == "J. Smeets (045-1234567)"
    assert sanne.jeugdige.achternaam == "de Vries" and sanne.jeugdige.geboortedatum == D(2016, 4, 2)
    assert sanne.jeugdige.gemeente is not None and sanne.jeugdige.gemeente.naam == "Heerlen"
    noah = InboxMelding.objects.get(meldingsnummer="VL-2026-102")
    assert noah.soort == "lrv" and noah.einde is None and noah.uren is None
    assert AuditRegel.objects.filter(wie=kantoren.admin, actie="aanmaken").count() == 2


def test_windows_tekens_en_komma_als_scheidingsteken(client: Client, kantoren: Kantoren) -> None:
    tekst = (
        "meldingsnummer,school,achternaam,voornaam,geboortedatum,verzuimsoort,begindatum\n"
        "VL-1,Basisschool 't Ven,Öztürk,Zeynep,2014-05-06,overig,2026-03-02\n"
    )
    login(client, kantoren.admin)
    assert "1 melding om te importeren" in _upload(client, tekst, "cp1252")


def test_een_foute_regel_noemt_regel_en_kolom_en_er_wordt_niets_opgeslagen(
    client: Client, kantoren: Kantoren
) -> None:
    fout = GOED + "\nVL-2026-103;;De Linde;Janssen;;Tim;31-02-2015;Heerlen;16 uur;2026-03-02;;;;;;"
    login(client, kantoren.admin)
    html = _upload(client, fout)
    assert "Het bestand is niet geïmporteerd" in html
    assert (
        "Regel 4, kolom geboortedatum: &#x27;31-02-2015&#x27; is geen datum "
        "(schrijf JJJJ-MM-DD of DD-MM-JJJJ)." in html
    )
    assert 'name="inhoud"' not in html
    assert not InboxMelding.objects.exists() and not Jeugdige.objects.exists()


@pytest.mark.parametrize(
    ("regel", "fout"),
    [
        ("VL-9;;X;A;;B;2015-01-01;Heerlen;verzuim;2026-03-02;;;;;;", "Regel 2, kolom verzuimsoort"),
        (
            "VL-9;;X;A;;B;2015-01-01;Maastricht;lrv;2026-03-02;;;;;;",
            "hoort niet bij het werkgebied",
        ),
        ("VL-9;;X;A;;B;2015-01-01;Atlantis;lrv;2026-03-02;;;;;;", "Regel 2, kolom woongemeente"),
        (
            "VL-9;;X;A;;B;2015-01-01;Heerlen;lrv;2026-03-02;2026-03-01;;;;;",
            "ligt voor de begindatum",
        ),
        ("VL-9;;X;A;;B;2015-01-01;Heerlen;lrv;2026-03-02;;veel;;;;", "Regel 2, kolom uren"),
        (";;X;A;;B;2015-01-01;Heerlen;lrv;2026-03-02;;;;;;", "Regel 2, kolom meldingsnummer"),
    ],
)
def test_fouten_per_kolom(kantoren: Kantoren, regel: str, fout: str) -> None:
    resultaat = duo_import.lees(f"{KOP}\n{regel}\n", kantoren.bld)
    assert not resultaat.goed
    assert any(fout in f for f in resultaat.fouten), resultaat.fouten


def test_een_ontbrekende_kolom(kantoren: Kantoren) -> None:
    resultaat = duo_import.lees("meldingsnummer;school\nVL-1;X\n", kantoren.bld)
    assert "Regel 1: de kolom 'achternaam' ontbreekt." in resultaat.fouten


def test_een_dubbel_meldingsnummer_wordt_overgeslagen_en_gemeld(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    meld(school_melding(world), world.coordinator, "VL-2026-101")  # already in the inbox
    dubbel = (
        GOED + "\nVL-2026-102;;Kindcentrum De Berg;Bakker;;Noah;2015-11-20;;lrv;2026-01-12;;;;;;"
    )
    login(client, kantoren.admin)
    html = _upload(client, dubbel)
    assert "Regel 2: meldingsnummer VL-2026-101 staat al in de inbox; overgeslagen." in html
    assert "Regel 4: meldingsnummer VL-2026-102 staat ook op regel 3; overgeslagen." in html
    assert "1 melding om te importeren" in html
    html = _bevestig(client, html)
    assert "1 melding geïmporteerd in de inbox." in html
    assert "staat al in de inbox; overgeslagen" in html
    assert InboxMelding.objects.filter(meldingsnummer="VL-2026-101").count() == 1
    assert InboxMelding.objects.count() == 2


def test_import_koppelt_aan_de_jeugdige_van_een_platformmelding(
    world: World, kantoren: Kantoren
) -> None:
    """Name and date of birth: an imported melding about the same child (from a school that is
    not on the platform) joins the jeugdige the school's melding made, and its history."""
    meld(school_melding(world), world.coordinator)
    regel = (
        f"VL-7;;Het Anker;{world.a1.achternaam};;{world.a1.voornaam};"
        f"{world.a1.geboortedatum:%d-%m-%Y};Heerlen;overig;2025-10-01;;;;;;"
    )
    resultaat = duo_import.lees(f"{KOP}\n{regel}\n", kantoren.bld)
    duo_import.voer_uit(kantoren.bld, resultaat.rijen, kantoren.admin)
    assert Jeugdige.objects.count() == 1
    assert Jeugdige.objects.get().meldingen.count() == 2


def test_een_gewijzigde_bevestiging_wordt_geweigerd(client: Client, kantoren: Kantoren) -> None:
    login(client, kantoren.admin)
    html = client.post(
        "/leerplicht/importeren/", {"inhoud": "geen base64!"}, follow=True
    ).content.decode()
    assert "Het bestand is onderweg veranderd" in html
    inhoud = base64.b64encode(b"meldingsnummer\n").decode()
    html = client.post("/leerplicht/importeren/", {"inhoud": inhoud}).content.decode()
    assert "Het bestand is niet geïmporteerd" in html
    assert not InboxMelding.objects.exists()
