"""Export for manual entry at DUO (the 'bestand' channel) and the pluggable channel registry."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import ClassVar

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from duo_hulp import (
    concept_16_uur,
    login,
    maak_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import D, World

from leerrecht.web.meldingen import kanalen
from leerrecht.web.meldingen.models import DuoMelding, Status, VermoedelijkeReden
from leerrecht.web.scholen.models import Locatie

KOPREGEL = [
    "BRIN",
    "school",
    "locatie",
    "leerlingnummer",
    "naam",
    "geboortedatum",
    "woongemeente",
    "verzuimsoort",
    "begindatum",
    "einddatum",
    "uren",
    "verzuimdagen",
    "vermoedelijke reden",
    "toelichting",
    "ondernomen acties",
    "contactpersoon",
]


def lees_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 met BOM, zodat Excel de tekens goed leest"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_het_bestand_heeft_de_kolommen_van_duo_en_een_rij_per_melding(world: World) -> None:
    world.school.brin = "12AB"
    world.school.save()
    melding = concept_16_uur(world)
    melding.vermoedelijke_reden = VermoedelijkeReden.OUDERS_STUREN_NIET
    melding.toelichting = 'Gesprek; ouders zeggen:\n"hij is ziek"'
    melding.ondernomen_acties = "Thuisbezoek op 6 maart"
    melding.contactpersoon = world.coordinator
    world.coordinator.first_name, world.coordinator.last_name = "Fatima", "Bakker"
    world.coordinator.email = "f.bakker@delinde.example"
    world.coordinator.save()
    melding.save()
    resultaat = kanalen.get("bestand").versturen([melding])
    assert resultaat.bestand is not None and resultaat.aantal == 1
    assert resultaat.bestandsnaam.startswith("duo-meldingen-12ab-")
    assert resultaat.bestandsnaam.endswith(".csv")
    assert resultaat.bestand.splitlines()[0].decode("utf-8-sig") == ";".join(KOPREGEL)
    kop, rij = lees_csv(resultaat.bestand)
    assert kop == KOPREGEL
    assert dict(zip(kop, rij, strict=True)) == {
        "BRIN": "12AB",
        "school": "De Linde",
        "locatie": "",
        "leerlingnummer": "a1",
        "naam": "Leerlinga1 Test",
        "geboortedatum": "2015-03-01",
        "woongemeente": "Heerlen",
        "verzuimsoort": "16 uur ongeoorloofd verzuim in 4 lesweken",
        "begindatum": "2026-03-02",
        "einddatum": "2026-03-05",
        "uren": "16,5",
        "verzuimdagen": "2026-03-02 hele dag; 2026-03-03 hele dag; 2026-03-05 hele dag",
        "vermoedelijke reden": "ouders sturen hun kind niet naar school",
        "toelichting": 'Gesprek; ouders zeggen:\n"hij is ziek"',
        "ondernomen acties": "Thuisbezoek op 6 maart",
        "contactpersoon": "Fatima Bakker (f.bakker@delinde.example)",
    }


def test_het_bestand_noemt_de_locatie_en_laat_de_einddatum_van_open_lrv_leeg(
    world: World,
) -> None:
    locatie = Locatie.objects.create(school=world.school, naam="Dependance Zuid")
    melding = maak_melding(world, soort="lrv", einde=None, locatie=locatie)
    _kop, rij = lees_csv(kanalen.csv_bytes([melding]))
    assert rij[2] == "Dependance Zuid"
    assert rij[7] == "langdurig relatief verzuim"
    assert rij[9] == ""


def test_tekst_die_als_formule_begint_wordt_onschadelijk_gemaakt(world: World) -> None:
    melding = maak_melding(world, toelichting='=HYPERLINK("http://x.example","klik")')
    melding.ondernomen_acties = "-1 gesprek"
    _kop, rij = lees_csv(kanalen.csv_bytes([melding]))
    assert rij[13] == '\'=HYPERLINK("http://x.example","klik")'
    assert rij[14] == "'-1 gesprek"


def test_export_downloadt_de_concepten_van_de_eigen_school(client: Client, world: World) -> None:
    concept_16_uur(world)
    maak_melding(world, Status.GEMELD, leerling=world.a2)  # niet meer in concept
    maak_melding(world, school=world.other_school, leerling=world.other_pupil)
    login(client, "coordinator")
    response = client.get(f"/meldingen/export/?school={world.school.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="duo-meldingen-')
    assert response["Cache-Control"] == "no-store"
    _kop, *rijen = lees_csv(response.content)
    assert [r[3] for r in rijen] == ["a1"]


def test_export_van_een_melding(client: Client, world: World) -> None:
    melding = maak_melding(world, Status.GEMELD)
    login(client, "coordinator")
    response = client.get(f"/meldingen/{melding.pk}/export/")
    assert response.status_code == 200
    _kop, rij = lees_csv(response.content)
    assert rij[3] == "a1"


def test_export_zonder_concepten_verwijst_terug_naar_de_lijst(client: Client, world: World) -> None:
    login(client, "coordinator")
    response = client.get("/meldingen/export/", follow=True)
    assert response.redirect_chain[0][0].startswith("/meldingen/?school=")
    assert "geen concepten om te exporteren" in response.content.decode()


def test_het_register_kent_het_bestandskanaal_en_meldt_onbekende_kanalen() -> None:
    assert "bestand" in kanalen.namen()
    assert isinstance(kanalen.get("bestand"), kanalen.BestandKanaal)
    with pytest.raises(KeyError, match=r"onbekend DUO-kanaal 'duo'.*bestand"):
        kanalen.get("duo")


def test_twee_kanalen_met_dezelfde_naam_kan_niet() -> None:
    class Dubbel(kanalen.Kanaal):
        naam = "bestand"

        def versturen(self, meldingen: Sequence[DuoMelding]) -> kanalen.KanaalResultaat:
            raise NotImplementedError

    with pytest.raises(ValueError, match="al een kanaal"):
        kanalen.register(Dubbel)


def test_zonder_instelling_is_het_kanaal_bestand() -> None:
    assert isinstance(kanalen.ingesteld(), kanalen.BestandKanaal)


class ProefKanaal(kanalen.Kanaal):
    """Stands in for a real DUO connection: DUO accepts every melding and gives a number."""

    naam = "proef-duo"
    omschrijving = "proefkoppeling met DUO"
    automatisch = True
    ontvangen: ClassVar[list[int]] = []

    def versturen(self, meldingen: Sequence[DuoMelding]) -> kanalen.KanaalResultaat:
        ProefKanaal.ontvangen = [m.pk for m in meldingen]
        return kanalen.KanaalResultaat(
            kanaal=self.naam,
            aantal=len(meldingen),
            meldingsnummers={m.pk: f"DUO-{m.pk:05d}" for m in meldingen},
            berichten=("DUO heeft de meldingen ontvangen.",),
        )


@pytest.fixture
def proefkanaal() -> Iterator[type[ProefKanaal]]:
    kanalen.register(ProefKanaal)
    try:
        with override_settings(LEERRECHT_DUO_KANAAL="proef-duo"):
            yield ProefKanaal
    finally:
        kanalen.unregister("proef-duo")


def test_een_ander_kanaal_inpluggen_meldt_de_concepten_met_het_nummer_van_duo(
    client: Client, world: World, proefkanaal: type[ProefKanaal]
) -> None:
    melding = concept_16_uur(world)
    gemeld = maak_melding(world, Status.GEMELD, leerling=world.a2)
    login(client, "coordinator")
    html = client.get("/meldingen/?peildatum=2026-03-06").content.decode()
    assert "proefkoppeling met DUO" in html
    response = client.post("/meldingen/versturen/", {"school": world.school.pk}, follow=True)
    assert "1 melding gemeld bij DUO" in response.content.decode()
    assert "DUO heeft de meldingen ontvangen." in response.content.decode()
    assert proefkanaal.ontvangen == [melding.pk]  # alleen concepten
    melding.refresh_from_db()
    assert (melding.status, melding.meldingsnummer) == (Status.GEMELD, f"DUO-{melding.pk:05d}")
    laatste = melding.geschiedenis.last()
    assert laatste is not None and laatste.door == User.objects.get(username="coordinator")
    assert "proef-duo" in laatste.notitie
    gemeld.refresh_from_db()
    assert gemeld.meldingsnummer == "VM-2026-0001"


def test_versturen_via_het_bestandskanaal_geeft_het_bestand(client: Client, world: World) -> None:
    concept_16_uur(world)
    login(client, "coordinator")
    response = client.post("/meldingen/versturen/", {"school": world.school.pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert DuoMelding.objects.get().status == Status.CONCEPT  # het nummer volgt van DUO zelf


@override_settings(LEERRECHT_DUO_KANAAL="bestaat-niet")
def test_een_onbekend_ingesteld_kanaal_geeft_een_foutmelding(client: Client, world: World) -> None:
    concept_16_uur(world)
    login(client, "coordinator")
    response = client.post("/meldingen/versturen/", {"school": world.school.pk}, follow=True)
    assert "onbekend DUO-kanaal" in response.content.decode()
    assert DuoMelding.objects.get().status == Status.CONCEPT


def test_datum_in_het_bestand_is_iso(world: World) -> None:
    melding = maak_melding(world, begin=D(2026, 1, 5), einde=D(2026, 1, 9))
    _kop, rij = lees_csv(kanalen.csv_bytes([melding]))
    assert (rij[8], rij[9]) == ("2026-01-05", "2026-01-09")
