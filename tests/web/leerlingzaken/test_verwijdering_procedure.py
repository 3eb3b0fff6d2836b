"""Verwijdering as a guided procedure: fixed order, the pupil heard from 12, definitief only with
a new school (or SO cluster 1/2 after 8 weeks of searching).

Sources:
- seed 000_0f780dca5d4be8ea.txt §1.1.3: "Voordat het bevoegd gezag het besluit tot verwijdering
  kan nemen, moet het de leerling (indien ouder dan 12 jaar) en de ouder(s)/verzorger(s) horen.
  Ook moet de groepsleerkracht gehoord worden. Voor dat er een besluit genomen wordt, is overleg
  met de onderwijsinspectie vereist. De consulent leerrecht wordt over de
  verwijderingsprocedure geconsulteerd. Een leerling kan alleen definitief verwijderd worden
  wanneer deze ingeschreven staat op een andere school. [...] Alleen bij een leerling uit het
  speciaal onderwijs, cluster 1 of 2, kan tot verwijdering worden overgegaan na een zoektermijn
  van 8 weken."
- seed 002_116d4f78152f417a.txt §2a Verwijdering (the same, plus: informs SWV and leerplicht at
  the voornemen; uitschrijving reported to DUO within 7 days).
- seed 001, Verwijdering: "Verwijdering vindt pas plaats nadat het bevoegd gezag ervoor heeft
  zorggedragen dat een andere school bereid is de leerling toe te laten".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from leerlingzaken_hulp import (
    STAPDATA,
    D,
    World,
    doorloop,
    login,
    make_pupil,
    make_user,
    school_met_sector,
)

from leerrecht.web import evaluatie
from leerrecht.web.leerlingzaken import stappen
from leerrecht.web.leerlingzaken.models import Stap, Verwijdering, VerwijderingStap
from leerrecht.web.scholen.models import Leerling, RolSoort

pytestmark = pytest.mark.django_db


def stap_post(
    client: Client, verwijdering: Verwijdering, stap: Stap, datum: dt.date, **extra: str
) -> str:
    data = {
        "actie": "stap",
        "stap": stap.value,
        f"{stap.value}-datum": datum.isoformat(),
        f"{stap.value}-notitie": f"{stap.label}: besproken",
    }
    data.update({f"{stap.value}-{k}": v for k, v in extra.items()})
    response = client.post(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/", data, follow=True)
    assert response.status_code == 200
    return str(response.content.decode())


def twaalfjarige(world: World) -> Leerling:
    """Turns 12 on 20 January 2026, the day of the pupil's hearing in STAPDATA."""
    return make_pupil(world.school, world.groep_a, "t12", geboortedatum=D(2014, 1, 20))


def test_transities_lopen_in_vaste_volgorde_naar_een_einde() -> None:
    """Every step in VOLGORDE follows the one before it; definitief and afgezien are final."""
    for eerder, later in zip(stappen.VOLGORDE, stappen.VOLGORDE[1:], strict=False):
        assert later in stappen.TRANSITIES[eerder] or (
            eerder is Stap.OUDERS_GEHOORD and later is Stap.LEERLING_GEHOORD
        )
    assert stappen.TRANSITIES[Stap.OUDERS_GEHOORD] >= {
        Stap.LEERLING_GEHOORD,
        Stap.LEERKRACHT_GEHOORD,
    }
    assert stappen.TRANSITIES[Stap.DEFINITIEF] == stappen.TRANSITIES[Stap.AFGEZIEN] == frozenset()
    assert set(stappen.TRANSITIES) == set(Stap)
    for stap, volgende in stappen.TRANSITIES.items():
        if stap not in (Stap.DEFINITIEF, Stap.AFGEZIEN):
            assert Stap.AFGEZIEN in volgende


def test_voornemen_starten_en_stappen_in_volgorde(world: World, directeur: User) -> None:
    """The directeur starts with the voornemen; a later step before an earlier one is refused
    with the reason and the source."""
    client = login(directeur)
    response = client.post(
        f"/leerlingzaken/leerling/{world.a1.pk}/verwijdering/",
        {"datum": "2026-01-12", "notitie": "Voornemen besproken met ouders"},
        follow=True,
    )
    html = response.content.decode()
    assert "Het voornemen tot verwijdering is vastgelegd." in html
    verwijdering = Verwijdering.objects.get()
    assert verwijdering.status == Stap.VOORNEMEN
    assert "Volgende stap: ouders gehoord." in html

    html = stap_post(client, verwijdering, Stap.INSPECTIE, D(2026, 1, 20))
    assert "Deze stap kan nu niet worden vastgelegd." in html
    with pytest.raises(stappen.StapFout, match=r"Eerst: ouders gehoord.*000_0f780dca5d4be8ea"):
        stappen.leg_stap_vast(verwijdering.pk, Stap.BESLUIT, D(2026, 1, 20), "x", directeur)
    verwijdering.refresh_from_db()
    assert verwijdering.status == Stap.VOORNEMEN

    html = stap_post(client, verwijdering, Stap.OUDERS_GEHOORD, D(2026, 1, 19))
    assert "Vastgelegd: ouders gehoord." in html
    stap = VerwijderingStap.objects.get(stap=Stap.OUDERS_GEHOORD)
    assert (stap.datum, stap.notitie, stap.vastgelegd_door) == (
        D(2026, 1, 19),
        "ouders gehoord: besproken",
        directeur,
    )
    # once recorded, a step cannot be recorded again
    with pytest.raises(stappen.StapFout, match="al vastgelegd"):
        stappen.leg_stap_vast(verwijdering.pk, Stap.OUDERS_GEHOORD, D(2026, 1, 20), "x", directeur)


def test_een_datum_voor_de_vorige_stap_of_in_de_toekomst_geweigerd(
    world: World, directeur: User
) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.OUDERS_GEHOORD)
    client = login(directeur)
    html = stap_post(client, verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 18))
    assert "De datum ligt voor de vorige stap (ouders gehoord op maandag 19 januari 2026)" in html
    html = stap_post(client, verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 3, 21))
    assert "De datum ligt in de toekomst" in html
    verwijdering.refresh_from_db()
    assert verwijdering.status == Stap.OUDERS_GEHOORD


def test_leerling_van_12_of_ouder_moet_gehoord_worden(world: World, directeur: User) -> None:
    """Seed 000 §1.1.3: the pupil is heard 'indien ouder dan 12 jaar' (read as 12 or older):
    the leerkracht hearing on or after the 12th birthday without the pupil's is refused."""
    leerling = twaalfjarige(world)
    verwijdering = doorloop(leerling, directeur, Stap.OUDERS_GEHOORD)
    client = login(directeur)
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Volgende stap: leerling gehoord." in page
    assert "Hoor eerst de leerling" in page

    html = stap_post(client, verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 20))
    assert "Deze stap kan nu niet worden vastgelegd." in html  # no form offered
    with pytest.raises(stappen.StapFout, match="is op dinsdag 20 januari 2026 12 jaar"):
        stappen.leg_stap_vast(
            verwijdering.pk, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 20), "x", directeur
        )
    # the day before the birthday the pupil was 11: not required then
    assert stappen.waarom_niet(verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 19)) == ""

    stap_post(client, verwijdering, Stap.LEERLING_GEHOORD, D(2026, 1, 20))
    html = stap_post(client, verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 21))
    assert "Vastgelegd: groepsleerkracht of mentor gehoord." in html
    verwijdering.refresh_from_db()
    assert verwijdering.status == Stap.LEERKRACHT_GEHOORD


def test_leerling_onder_12_hoeft_niet_gehoord(world: World, directeur: User) -> None:
    """World pupils are born 1 March 2015: 10 years old in January 2026."""
    verwijdering = doorloop(world.a1, directeur, Stap.OUDERS_GEHOORD)
    client = login(directeur)
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Niet verplicht: de leerling is 11 jaar." in page
    assert "Volgende stap: groepsleerkracht of mentor gehoord." in page

    stap_post(client, verwijdering, Stap.LEERKRACHT_GEHOORD, D(2026, 1, 21))
    verwijdering.refresh_from_db()
    assert verwijdering.status == Stap.LEERKRACHT_GEHOORD
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Niet vereist: de leerling was 10 jaar bij het horen (woensdag 21 januari 2026)." in page
    assert "Volgende stap: overleg met de onderwijsinspectie." in page


def test_besluit_pas_na_inspectie_en_leerplicht(world: World, directeur: User) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.INSPECTIE)
    with pytest.raises(stappen.StapFout, match="Eerst: leerplichtambtenaar geconsulteerd"):
        stappen.leg_stap_vast(verwijdering.pk, Stap.BESLUIT, D(2026, 2, 2), "x", directeur)
    verwijdering = stappen.leg_stap_vast(
        verwijdering.pk, Stap.LEERPLICHT, D(2026, 1, 28), "consulent gebeld", directeur
    )
    verwijdering = stappen.leg_stap_vast(
        verwijdering.pk, Stap.BESLUIT, D(2026, 2, 2), "besloten", directeur
    )
    assert verwijdering.status == Stap.BESLUIT


def test_definitief_zonder_nieuwe_school_geweigerd(world: World, directeur: User) -> None:
    """Seed 000 §1.1.3 / seed 001: only once the pupil is enrolled at another school."""
    verwijdering = doorloop(world.a1, directeur, Stap.BESLUIT)
    client = login(directeur)
    html = stap_post(client, verwijdering, Stap.DEFINITIEF, D(2026, 3, 2))
    assert (
        "Een leerling kan alleen definitief verwijderd worden als hij op een andere school "
        "staat ingeschreven" in html
    )
    html = stap_post(client, verwijdering, Stap.DEFINITIEF, D(2026, 3, 2), nieuwe_school="De Eik")
    assert "Vul zowel de nieuwe school als de datum van inschrijving daar in." in html
    verwijdering.refresh_from_db()
    world.a1.refresh_from_db()
    assert verwijdering.status == Stap.BESLUIT
    assert world.a1.ingeschreven_tot is None


def test_definitief_met_nieuwe_school_schrijft_uit(world: World, directeur: User) -> None:
    """Seed 000 §4.2: uitschrijving one day before the new enrolment, reason 'nieuwe school'."""
    verwijdering = doorloop(world.a1, directeur, Stap.BESLUIT)
    client = login(directeur)
    html = stap_post(
        client,
        verwijdering,
        Stap.DEFINITIEF,
        D(2026, 3, 2),
        nieuwe_school="Basisschool De Eik",
        nieuwe_inschrijving_vanaf="2026-03-09",
    )
    assert "Vastgelegd: definitief verwijderd." in html
    assert "uitgeschreven per zondag 8 maart 2026" in html
    assert "Meld de uitschrijving binnen 7 dagen bij DUO." in html
    verwijdering.refresh_from_db()
    assert verwijdering.status == Stap.DEFINITIEF and verwijdering.afgerond
    assert (verwijdering.nieuwe_school, verwijdering.nieuwe_inschrijving_vanaf) == (
        "Basisschool De Eik",
        D(2026, 3, 9),
    )
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_tot == D(2026, 3, 8)
    assert world.a1.uitschrijfreden == "nieuwe_school"
    assert world.a1.nieuwe_inschrijving_vanaf == D(2026, 3, 9)
    # the rules accept this uitschrijving
    evaluation = evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 20))
    assert not [c for c in evaluation.checks if c.kind == "uitschrijving_niet_toegestaan"]
    assert evaluation.results[0].thuiszitter is None
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Afgerond: definitief verwijderd." in page
    assert 'name="actie"' not in page


def test_nieuwe_inschrijving_moet_na_het_besluit_ingaan(world: World, directeur: User) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.BESLUIT)
    with pytest.raises(stappen.StapFout, match="na het besluit tot verwijdering"):
        stappen.leg_stap_vast(
            verwijdering.pk,
            Stap.DEFINITIEF,
            D(2026, 3, 2),
            "x",
            directeur,
            nieuwe_school="De Eik",
            nieuwe_inschrijving_vanaf=STAPDATA[Stap.BESLUIT],
        )


def so_procedure(cluster: int | None, zoeken_vanaf: dt.date) -> tuple[Verwijdering, User]:
    school, leerling = school_met_sector("so", "De Kompaan")
    directeur = make_user("directeur-so", school, RolSoort.DIRECTEUR)
    verwijdering = doorloop(
        leerling, directeur, Stap.BESLUIT, cluster=cluster, zoeken_vanaf=zoeken_vanaf
    )
    return verwijdering, directeur


def test_so_cluster_2_na_8_weken_zoeken_zonder_nieuwe_school() -> None:
    """Seed 000 §1.1.3: SO cluster 1 or 2 'na een zoektermijn van 8 weken' (56 days)."""
    verwijdering, directeur = so_procedure(2, D(2026, 1, 12))
    client = login(directeur)
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "De zoektermijn van 8 weken is voorbij" in page
    assert "9 maart 2026" in page  # zonder andere school mogelijk vanaf

    html = stap_post(client, verwijdering, Stap.DEFINITIEF, D(2026, 3, 9))
    assert "Vastgelegd: definitief verwijderd." in html
    assert "uitgeschreven zonder inschrijving op een andere school" in html
    verwijdering.refresh_from_db()
    leerling = verwijdering.leerling
    assert verwijdering.status == Stap.DEFINITIEF and verwijdering.nieuwe_school == ""
    assert (leerling.ingeschreven_tot, leerling.uitschrijfreden) == (D(2026, 3, 9), "verwijderd_so")
    # A lawful uitschrijving (no 'uitschrijving niet toegestaan'), but the pupil is leerplichtig
    # without a school: absoluut verzuim, so leerplicht is alerted (Lpw art. 2; seed 000 §3).
    evaluation = evaluatie.evaluate_pupils(leerling.school, [leerling], D(2026, 4, 20))
    assert not [c for c in evaluation.checks if c.kind == "uitschrijving_niet_toegestaan"]
    thuiszitter = evaluation.results[0].thuiszitter
    assert thuiszitter is not None and thuiszitter.group.value == "absoluut"


def test_so_cluster_2_na_7_weken_nog_niet(vandaag: Callable[[dt.date], None]) -> None:
    vandaag(D(2026, 3, 9))
    verwijdering, directeur = so_procedure(2, D(2026, 1, 19))
    with pytest.raises(stappen.StapFout, match=r"zoektermijn van 8 weken is nog niet voorbij"):
        stappen.leg_stap_vast(
            verwijdering.pk, Stap.DEFINITIEF, D(2026, 3, 9), "7 weken gezocht", directeur
        )
    page = login(directeur).get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/")
    assert "nog 7 dagen" in page.content.decode()
    # 56 days after the start of the search it can
    vandaag(D(2026, 3, 16))
    assert stappen.waarom_niet(verwijdering, Stap.DEFINITIEF, D(2026, 3, 16)) == ""


@pytest.mark.parametrize("cluster", [3, 4, None])
def test_so_cluster_3_of_4_alleen_met_nieuwe_school(cluster: int | None) -> None:
    verwijdering, directeur = so_procedure(cluster, D(2026, 1, 12))
    with pytest.raises(stappen.StapFout, match="alleen bij een leerling uit cluster 1 of 2"):
        stappen.leg_stap_vast(verwijdering.pk, Stap.DEFINITIEF, D(2026, 3, 9), "x", directeur)


def test_buiten_het_so_telt_de_zoektermijn_niet(world: World, directeur: User) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.BESLUIT)
    stappen.wijzig_gegevens(verwijdering.pk, 1, D(2026, 1, 12))
    verwijdering.refresh_from_db()
    assert verwijdering.cluster is None  # a cluster only exists in SO
    with pytest.raises(stappen.StapFout, match="alleen definitief verwijderd"):
        stappen.leg_stap_vast(verwijdering.pk, Stap.DEFINITIEF, D(2026, 3, 9), "x", directeur)


def test_zoektocht_en_cluster_vastleggen_op_de_pagina() -> None:
    school, leerling = school_met_sector("so", "De Kompaan")
    directeur = make_user("directeur-so", school, RolSoort.DIRECTEUR)
    verwijdering = doorloop(leerling, directeur, Stap.VOORNEMEN)
    client = login(directeur)
    pad = f"/leerlingzaken/verwijderingen/{verwijdering.pk}/"
    response = client.post(
        pad,
        {"actie": "gegevens", "gegevens-zoeken_vanaf": "2026-01-05", "gegevens-cluster": "2"},
    )
    assert "De zoektocht kan niet voor het voornemen" in response.content.decode()
    response = client.post(
        pad,
        {"actie": "gegevens", "gegevens-zoeken_vanaf": "2026-01-13", "gegevens-cluster": "2"},
        follow=True,
    )
    assert "De gegevens van de procedure zijn opgeslagen." in response.content.decode()
    verwijdering.refresh_from_db()
    assert (verwijdering.cluster, verwijdering.zoeken_vanaf) == (2, D(2026, 1, 13))


def test_afzien_van_verwijdering(world: World, directeur: User) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.OUDERS_GEHOORD)
    client = login(directeur)
    html = stap_post(client, verwijdering, Stap.AFGEZIEN, D(2026, 1, 22))
    assert "Vastgelegd: afgezien van verwijdering." in html
    assert "Afgerond: afgezien van verwijdering." in html
    verwijdering.refresh_from_db()
    assert verwijdering.afgerond
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_tot is None
    # a new procedure can start later; the old one stays
    response = client.get(f"/leerlingzaken/leerling/{world.a1.pk}/verwijdering/")
    assert response.status_code == 200
    assert "Voornemen tot verwijdering vastleggen" in response.content.decode()


def test_een_lopende_procedure_per_leerling(world: World, directeur: User) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.VOORNEMEN)
    with pytest.raises(stappen.StapFout, match="loopt al een verwijderingsprocedure"):
        stappen.start(world.a1, D(2026, 1, 13), "nog een", None, directeur)
    response = login(directeur).get(f"/leerlingzaken/leerling/{world.a1.pk}/verwijdering/")
    assert response["Location"] == f"/leerlingzaken/verwijderingen/{verwijdering.pk}/"


def test_procedure_pagina_toont_gedaan_volgende_en_geblokkeerd(
    world: World, directeur: User
) -> None:
    verwijdering = doorloop(world.a1, directeur, Stap.LEERPLICHT)
    html = (
        login(directeur).get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    )
    assert html.count(": gedaan</h3>") == 5  # voornemen, ouders, leerkracht, inspectie, leerplicht
    assert "Leerling gehoord: niet vereist</h3>" in html
    assert "Besluit tot verwijdering: nu aan de beurt</h3>" in html
    assert "Definitief verwijderd: wacht op een eerdere stap</h3>" in html
    assert "Eerst: besluit tot verwijdering." in html
    assert "maandag 26 januari 2026: overleg met de onderwijsinspectie vastgelegd" in html
    assert "002_116d4f78152f417a.txt, §2a Verwijdering" in html
    overzicht = login(directeur).get("/leerlingzaken/").content.decode()
    assert "besluit tot verwijdering" in overzicht  # the next step in the list
