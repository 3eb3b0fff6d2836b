"""A melding the school reports (status 'gemeld') arrives once in the inbox of the office of the
pupil's woongemeente (seed 000 bijlage 2), with the school's explanation, linked to the office's
record of the young person; no office on the platform or abroad: nothing arrives, and the school
sees where to report instead."""

from __future__ import annotations

import pytest
from django.test import Client
from leerplicht_hulp import (
    Kantoren,
    meld,
    school_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import D, World, make_pupil

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.leerplicht.models import Bron, InboxMelding, Jeugdige
from leerrecht.web.leerplicht.ontvangst import ontvang
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.meldingen.statussen import StatusFout, wijzig_status

pytestmark = pytest.mark.django_db


def test_gemeld_komt_precies_eenmaal_in_de_inbox_van_bld(world: World, kantoren: Kantoren) -> None:
    melding = meld(school_melding(world), world.coordinator)
    inbox = InboxMelding.objects.get()
    assert inbox.bureau == kantoren.bld and inbox.bron == Bron.PLATFORM
    assert inbox.duo_melding == melding and inbox.meldingsnummer == "VM-2026-0001"
    assert (inbox.school_naam, inbox.soort, inbox.begin, inbox.einde) == (
        "De Linde",
        "16_uur",
        D(2026, 3, 2),
        D(2026, 3, 5),
    )
    assert inbox.vermoedelijke_reden == "leerling wil niet naar school"
    assert inbox.toelichting == "Drie dagen zonder bericht afwezig."
    assert inbox.ondernomen_acties == "Moeder gebeld; gesprek gepland."
    assert inbox.contactpersoon == "coordinator"
    assert inbox.status == Status.GEMELD
    # a second receipt of the same melding changes nothing
    assert ontvang(melding, world.coordinator) == inbox
    assert InboxMelding.objects.count() == 1
    assert list(inbox.geschiedenis.values_list("naar", flat=True)) == ["gemeld"]


def test_de_ontvangst_wordt_vastgelegd_met_de_melder(world: World, kantoren: Kantoren) -> None:
    meld(school_melding(world), world.coordinator)
    inbox = InboxMelding.objects.get()
    regel = AuditRegel.objects.get(wat=f"leerplicht.inboxmelding #{inbox.pk}")
    assert regel.actie == "aanmaken" and regel.wie == world.coordinator
    assert regel.leerling_id == world.a1.pk
    assert "Heerlen" in regel.omschrijving


def test_de_jeugdige_wordt_gevonden_op_naam_en_geboortedatum_over_scholen_heen(
    world: World, kantoren: Kantoren
) -> None:
    """The same child earlier at another school in the area: both records are linked, and a
    second melding from the other school lands on the same jeugdige."""
    eerder = make_pupil(
        world.other_school,
        None,
        "oud-a1",
        voornaam=world.a1.voornaam,
        achternaam=world.a1.achternaam.upper(),
        geboortedatum=world.a1.geboortedatum,
        ingeschreven_tot=D(2023, 7, 31),
        woongemeente="Kerkrade",
    )
    meld(school_melding(world), world.coordinator)
    jeugdige = Jeugdige.objects.get()
    assert jeugdige.bureau == kantoren.bld
    assert jeugdige.gemeente is not None and jeugdige.gemeente.naam == "Heerlen"
    assert set(jeugdige.leerlingen.all()) == {world.a1, eerder}
    andere = school_melding(
        world, school=world.other_school, leerling=eerder, begin=D(2023, 5, 1), einde=D(2023, 5, 4)
    )
    meld(andere, world.other_coordinator, "VM-2023-0007")
    assert Jeugdige.objects.count() == 1
    assert jeugdige.meldingen.count() == 2


def test_een_leerling_met_dezelfde_naam_buiten_het_werkgebied_wordt_niet_gekoppeld(
    world: World, kantoren: Kantoren
) -> None:
    elders = make_pupil(
        world.other_school,
        None,
        "naamgenoot",
        voornaam=world.a1.voornaam,
        achternaam=world.a1.achternaam,
        geboortedatum=world.a1.geboortedatum,
        woongemeente="Utrecht",
    )
    meld(school_melding(world), world.coordinator)
    assert elders not in Jeugdige.objects.get().leerlingen.all()


def test_sittard_geleen_komt_bij_team_leren_en_jongeren(world: World, kantoren: Kantoren) -> None:
    world.a1.woongemeente = "Sittard-Geleen"
    world.a1.save()
    meld(school_melding(world), world.coordinator)
    assert InboxMelding.objects.get().bureau == kantoren.team_lj


@pytest.mark.parametrize("woongemeente", ["Duitsland", "Maastricht", "Nergenshuizen", ""])
def test_zonder_bureau_op_het_platform_komt_er_niets_in_een_inbox(
    client: Client, world: World, kantoren: Kantoren, woongemeente: str
) -> None:
    """Seed 000 bijlage 2: Germany -> Jugendamt; another gemeente -> its own afdeling leerplicht.
    The school's melding page says where the melding goes."""
    world.a1.woongemeente = woongemeente
    world.a1.save()
    melding = meld(school_melding(world, woongemeente=woongemeente), world.coordinator)
    assert melding.status == Status.GEMELD
    assert not InboxMelding.objects.exists() and not Jeugdige.objects.exists()
    client.force_login(world.coordinator)
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    verwacht = {
        "Duitsland": "Jugendamt",
        "Maastricht": "Geen leerplichtbureau op het platform voor Maastricht",
        "Nergenshuizen": "staat niet in de lijst van Nederlandse gemeenten",
        "": "niet ingevuld",
    }[woongemeente]
    assert verwacht in html


def test_de_school_trekt_in_en_de_inbox_toont_het(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    melding = meld(school_melding(world), world.coordinator)
    wijzig_status(melding, Status.INGETROKKEN, world.coordinator, notitie="Dubbel gemeld.")
    inbox = InboxMelding.objects.get()
    assert inbox.status == Status.INGETROKKEN
    assert inbox.geschiedenis.last().notitie == "Ingetrokken door de school. Dubbel gemeld."
    client.force_login(kantoren.lpa)
    html = client.get(f"/leerplicht/inbox/{inbox.pk}/").content.decode()
    assert "De school heeft deze melding ingetrokken." in html


def test_de_school_kan_de_status_van_het_bureau_niet_zetten(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    melding = meld(school_melding(world), world.coordinator)
    with pytest.raises(StatusFout, match="inbox van Bureau Leren en Doorstromen Parkstad"):
        wijzig_status(melding, Status.AFGESLOTEN, world.coordinator)
    melding.refresh_from_db()
    assert melding.status == Status.GEMELD
    # on the page: only 'Intrekken' is offered, and a forged POST is refused
    client.force_login(world.coordinator)
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert 'value="ingetrokken"' in html and 'value="afgesloten"' not in html
    response = client.post(f"/meldingen/{melding.pk}/status/", {"naar": "afgesloten"}, follow=True)
    assert "de leerplichtambtenaar zet de status" in response.content.decode()
    assert DuoMelding.objects.get(pk=melding.pk).status == Status.GEMELD


def test_zonder_bureau_zet_de_school_de_status_zelf(world: World) -> None:
    """Without an office on the platform the school records DUO's status itself, as before."""
    melding = meld(school_melding(world), world.coordinator)
    wijzig_status(melding, Status.IN_BEHANDELING, world.coordinator)
    assert DuoMelding.objects.get(pk=melding.pk).status == Status.IN_BEHANDELING


def test_een_eerder_geimporteerde_melding_wordt_gekoppeld_niet_verdubbeld(
    world: World, kantoren: Kantoren
) -> None:
    """The office imported DUO's melding before the school recorded its meldingsnummer."""
    from leerrecht.web.leerplicht import duo_import

    tekst = (
        "meldingsnummer;school;achternaam;voornaam;geboortedatum;verzuimsoort;begindatum\n"
        f"VM-2026-0001;De Linde;Test;Leerlinga1;{world.a1.geboortedatum:%Y-%m-%d};16 uur;2026-03-02\n"
    )
    resultaat = duo_import.lees(tekst, kantoren.bld)
    [geimporteerd] = duo_import.voer_uit(kantoren.bld, resultaat.rijen, kantoren.admin)
    melding = meld(school_melding(world), world.coordinator)
    assert InboxMelding.objects.count() == 1
    geimporteerd.refresh_from_db()
    assert geimporteerd.duo_melding == melding and geimporteerd.bron == Bron.IMPORT
    assert world.a1 in geimporteerd.jeugdige.leerlingen.all()
