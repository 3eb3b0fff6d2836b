"""The office handles a melding in its inbox: DUO's statuses through an explicit map, a
behandelaar, and a terugkoppeling the school sees (seed 002: "in alle gevallen koppelt de
leerplichtambtenaar terug aan de melder"). The school's DuoMelding moves along."""

from __future__ import annotations

import pytest
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
from leerrecht.web.leerplicht import statussen
from leerrecht.web.leerplicht.models import Contactpersoon, InboxMelding
from leerrecht.web.meldingen.models import DuoMelding, Status, StatusWijziging

pytestmark = pytest.mark.django_db

TERUG = "Op 10 maart gesprek met moeder en Sanne; school en ouders maken een plan."


@pytest.fixture
def inbox(world: World, kantoren: Kantoren) -> InboxMelding:
    meld(school_melding(world), world.coordinator)
    return InboxMelding.objects.get()


def test_de_statuskaart_volgt_duo(inbox: InboxMelding) -> None:
    assert set(statussen.TRANSITIES[Status.GEMELD]) == {
        Status.IN_BEHANDELING,
        Status.TER_KENNISGEVING,
        Status.AFGESLOTEN,
    }
    assert set(statussen.TRANSITIES[Status.IN_BEHANDELING]) == {Status.AFGESLOTEN}
    for eind in (Status.AFGESLOTEN, Status.TER_KENNISGEVING, Status.INGETROKKEN):
        assert statussen.TRANSITIES[eind] == frozenset()


def test_in_behandeling_met_terugkoppeling_gaat_mee_naar_de_school(
    client: Client, world: World, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    login(client, kantoren.lpa)
    response = client.post(
        f"/leerplicht/inbox/{inbox.pk}/behandelen/",
        {"status": "in_behandeling", "behandelaar": "", "terugkoppeling": TERUG},
        follow=True,
    )
    assert "de school ziet de terugkoppeling" in response.content.decode()
    inbox.refresh_from_db()
    assert inbox.status == Status.IN_BEHANDELING
    assert inbox.behandelaar == kantoren.lpa  # who takes it up handles it
    assert inbox.terugkoppeling == TERUG
    duo = DuoMelding.objects.get(pk=inbox.duo_melding_id)
    assert duo.status == Status.IN_BEHANDELING
    stap = StatusWijziging.objects.filter(melding=duo).last()
    assert stap is not None and (stap.door, stap.notitie) == (kantoren.lpa, TERUG)
    # the receiver ignored the office's own change: still exactly one inbox item
    assert InboxMelding.objects.count() == 1
    # and the school sees it on its melding page, with its consulent leerrecht
    Contactpersoon.objects.create(bureau=kantoren.bld, school=world.school, consulent=kantoren.lpa)
    client.force_login(world.coordinator)
    html = client.get(f"/meldingen/{duo.pk}/").content.decode()
    assert TERUG in html
    assert "in behandeling" in html
    assert "Bureau Leren en Doorstromen Parkstad" in html
    assert "Josien Ramakers" in html and "j.ramakers@bld.example" in html
    assert 'value="afgesloten"' not in html  # the office closes it, not the school


def test_afsluiten_vraagt_een_terugkoppeling(kantoren: Kantoren, inbox: InboxMelding) -> None:
    with pytest.raises(statussen.StatusFout, match="Vul de terugkoppeling aan de school in"):
        statussen.wijzig_status(inbox, Status.AFGESLOTEN, kantoren.lpa, terugkoppeling="")
    statussen.wijzig_status(inbox, Status.AFGESLOTEN, kantoren.lpa, terugkoppeling=TERUG)
    assert DuoMelding.objects.get(pk=inbox.duo_melding_id).status == Status.AFGESLOTEN


def test_ter_kennisgeving_aangenomen(kantoren: Kantoren, inbox: InboxMelding) -> None:
    statussen.wijzig_status(
        inbox, Status.TER_KENNISGEVING, kantoren.lpa, terugkoppeling="Verzuim is gestopt."
    )
    assert DuoMelding.objects.get(pk=inbox.duo_melding_id).status == Status.TER_KENNISGEVING
    with pytest.raises(statussen.StatusFout, match="kan niet naar"):
        statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa)


def test_een_verboden_overgang_wordt_geweigerd(kantoren: Kantoren, inbox: InboxMelding) -> None:
    statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa)
    with pytest.raises(statussen.StatusFout, match="Mogelijk vanuit 'in behandeling': afgesloten"):
        statussen.wijzig_status(inbox, Status.TER_KENNISGEVING, kantoren.lpa, terugkoppeling="x")
    with pytest.raises(statussen.StatusFout, match="Onbekende status"):
        statussen.wijzig_status(inbox, "bestaat_niet", kantoren.lpa)
    with pytest.raises(statussen.StatusFout, match="kan niet naar 'concept'"):
        statussen.wijzig_status(inbox, "concept", kantoren.lpa)


def test_terugkoppeling_bijwerken_zonder_statuswijziging(
    kantoren: Kantoren, inbox: InboxMelding
) -> None:
    statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa, terugkoppeling="Eerste.")
    statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa, terugkoppeling="Tweede.")
    assert InboxMelding.objects.get().terugkoppeling == "Tweede."
    assert list(inbox.geschiedenis.values_list("notitie", flat=True))[-1] == "Tweede."
    with pytest.raises(statussen.StatusFout, match="Er is niets gewijzigd"):
        statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa)


def test_de_behandelaar_is_een_leerplichtambtenaar_van_het_bureau(
    kantoren: Kantoren, inbox: InboxMelding
) -> None:
    with pytest.raises(statussen.StatusFout, match="geen leerplichtambtenaar van"):
        statussen.wijzig_status(
            inbox, Status.IN_BEHANDELING, kantoren.lpa, behandelaar=kantoren.lpa_lj
        )


def test_na_intrekken_valt_er_niets_te_behandelen(
    world: World, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    from leerrecht.web.meldingen.statussen import wijzig_status

    wijzig_status(inbox.duo_melding, Status.INGETROKKEN, world.coordinator)  # type: ignore[arg-type]
    with pytest.raises(statussen.StatusFout, match="ingetrokken"):
        statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa)


def test_de_administratie_leest_maar_behandelt_niet(
    client: Client, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    login(client, kantoren.admin)
    html = client.get(f"/leerplicht/inbox/{inbox.pk}/").content.decode()
    assert "Alleen een leerplichtambtenaar van het bureau behandelt de melding." in html
    response = client.post(
        f"/leerplicht/inbox/{inbox.pk}/behandelen/",
        {"status": "afgesloten", "terugkoppeling": "x"},
    )
    assert response.status_code == 403
    assert InboxMelding.objects.get().status == Status.GEMELD


def test_detailpagina_toont_uitleg_contactpersoon_en_geschiedenis_en_wordt_vastgelegd(
    client: Client, world: World, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    login(client, kantoren.lpa)
    html = client.get(f"/leerplicht/inbox/{inbox.pk}/").content.decode()
    for tekst in (
        "Drie dagen zonder bericht afwezig.",
        "Moeder gebeld; gesprek gepland.",
        "leerling wil niet naar school",
        "coordinator",
        "Geschiedenis over scholen heen",
        "De Linde",
        "VM-2026-0001",
    ):
        assert tekst in html, tekst
    regel = AuditRegel.objects.filter(wie=kantoren.lpa, actie="lezen").get()
    assert regel.wat == f"leerplicht.inboxmelding #{inbox.pk}" and regel.leerling_id == world.a1.pk
    client.post(
        f"/leerplicht/inbox/{inbox.pk}/behandelen/",
        {"status": "in_behandeling", "terugkoppeling": TERUG},
    )
    assert AuditRegel.objects.filter(wie=kantoren.lpa, actie="wijzigen").count() == 1


def test_inbox_filtert_telt_per_status_en_toont_de_nieuwste_eerst(
    client: Client, world: World, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    tweede = school_melding(world, leerling=world.a2, begin=D(2026, 3, 9), einde=None, soort="lrv")
    meld(tweede, world.coordinator, "VM-2026-0002")
    statussen.wijzig_status(inbox, Status.IN_BEHANDELING, kantoren.lpa)
    login(client, kantoren.lpa)
    html = client.get("/leerplicht/inbox/").content.decode()
    assert html.index("Leerlinga2 Test") < html.index("Leerlinga1 Test")  # newest first
    assert "gemeld (1)" in html and "in behandeling (1)" in html
    html = client.get("/leerplicht/inbox/?status=in_behandeling").content.decode()
    assert "Leerlinga1 Test" in html and "Leerlinga2 Test" not in html
    html = client.get("/leerplicht/inbox/?soort=lrv").content.decode()
    assert "Leerlinga2 Test" in html and "Leerlinga1 Test" not in html
    heerlen = kantoren.bld.werkgebied.get(gemeente__naam="Heerlen").gemeente_id
    assert "Leerlinga1" in client.get(f"/leerplicht/inbox/?gemeente={heerlen}").content.decode()
    kerkrade = kantoren.bld.werkgebied.get(gemeente__naam="Kerkrade").gemeente_id
    assert (
        "Geen meldingen." in client.get(f"/leerplicht/inbox/?gemeente={kerkrade}").content.decode()
    )
    assert "Leerlinga1" in client.get("/leerplicht/inbox/?school=De+Linde").content.decode()
    assert AuditRegel.objects.filter(wie=kantoren.lpa, wat="inbox leerplicht").count() == 6


def test_startpagina_toont_de_aantallen(
    client: Client, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    login(client, kantoren.lpa)
    html = client.get("/leerplicht/").content.decode()
    assert "1 nieuwe melding in de inbox" in html
    assert "Beekdaelen, Brunssum, Heerlen, Kerkrade, Landgraaf, Simpelveld, Voerendaal" in html


def test_een_terugkoppeling_in_het_dossier_ziet_de_school_bij_de_melding(
    kantoren: Kantoren, inbox: InboxMelding
) -> None:
    """The dossiers announce a terugkoppeling done (leerrecht.web.dossiers.signalen); it becomes
    the terugkoppeling with the melding, and the melding is in behandeling."""
    from types import SimpleNamespace

    from leerrecht.web.dossiers.models import Dossier
    from leerrecht.web.dossiers.signalen import terugkoppeling_gedaan

    actie = SimpleNamespace(
        uitkomst="  Gesprek gevoerd; Halt-verwijzing.  ", afgerond_door=kantoren.lpa
    )
    terugkoppeling_gedaan.send(sender=Dossier, dossier=None, actie=actie, meldingen=[inbox])
    inbox.refresh_from_db()
    assert (inbox.status, inbox.terugkoppeling) == (
        Status.IN_BEHANDELING,
        "Gesprek gevoerd; Halt-verwijzing.",
    )
    assert DuoMelding.objects.get(pk=inbox.duo_melding_id).status == Status.IN_BEHANDELING
    # the same text again changes nothing and raises nothing
    terugkoppeling_gedaan.send(sender=Dossier, dossier=None, actie=actie, meldingen=[inbox])
    assert inbox.geschiedenis.count() == 2


def test_vanuit_de_melding_een_dossier_openen(
    client: Client, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    login(client, kantoren.lpa)
    html = client.get(f"/leerplicht/inbox/{inbox.pk}/").content.decode()
    link = f"/dossiers/nieuw/?melding={inbox.pk}"
    assert f'href="{link}"' in html
    assert client.get(link).status_code == 200
    login(client, kantoren.admin)  # the administratie does not open dossiers
    assert link not in client.get(f"/leerplicht/inbox/{inbox.pk}/").content.decode()
