"""Suggestions from the rules: platform pupils in the office's area that the engine classifies as
thuiszitter (leerrecht.core.rules.thuiszitter) and that are not in the register yet, with a
one-click 'in het register opnemen' (seed 003 §7, werkwijzer voor de leerplichtambtenaar, 2:
"Beoordeel na 4 weken of er daadwerkelijk sprake is van een thuiszitter ... en registreer dit")."""

from __future__ import annotations

from django.test import Client
from thuiszitters_hulp import LRV_DAG, SINDS, D, Regio, login, registratie, thuis
from web_hulp import make_pupil

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.leerplicht.models import Jeugdige
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Gebeurtenis,
    Reden,
    Soort,
    Status,
    ThuiszitterRegistratie,
)
from leerrecht.web.thuiszitters.register import suggesties


def _url(regio: Regio, peildatum: str = "2026-03-23") -> str:
    return f"/thuiszitters/suggesties/?peildatum={peildatum}"


def test_leerling_met_lrv_in_het_werkgebied_verschijnt(regio: Regio) -> None:
    """Every school day ongeoorloofd absent since 23 February: on 23 March more than 4 lesweken,
    so langdurig relatief verzuim, group 2a (seed 003 §7; seed 002 §3a)."""
    thuis(regio.world.a1, SINDS, LRV_DAG)
    rijen, mislukt = suggesties(regio.lpa, regio.bureau, LRV_DAG)
    assert mislukt == []
    assert [s.leerling for s in rijen] == [regio.world.a1]
    (s,) = rijen
    assert s.categorie is Categorie.LRV_2A and s.thuiszitter.since == SINDS
    # een dag eerder nog geen 4 lesweken: geen thuiszitter
    assert suggesties(regio.lpa, regio.bureau, D(2026, 3, 20))[0] == []


def test_leerling_buiten_het_werkgebied_verschijnt_niet(regio: Regio) -> None:
    w = regio.world
    w.a2.woongemeente = "Maastricht"
    w.a2.save()
    thuis(w.a1, SINDS, LRV_DAG)
    thuis(w.a2, SINDS, LRV_DAG)
    assert [s.leerling for s in suggesties(regio.lpa, regio.bureau, LRV_DAG)[0]] == [w.a1]
    # het bureau van Maastricht ziet alleen zijn eigen inwoner
    assert [s.leerling for s in suggesties(regio.ander_lpa, regio.ander_bureau, LRV_DAG)[0]] == [
        w.a2
    ]


def test_wie_al_in_het_register_staat_verschijnt_niet(regio: Regio) -> None:
    thuis(regio.world.a1, SINDS, LRV_DAG)
    jeugdige = Jeugdige.objects.create(
        bureau=regio.bureau, voornaam="Leerlinga1", achternaam="Test", geboortedatum=D(2015, 3, 1)
    )
    jeugdige.leerlingen.add(regio.world.a1)
    reg = ThuiszitterRegistratie.objects.create(
        bureau=regio.bureau, jeugdige=jeugdige, categorie=Categorie.LRV_2A, sinds=SINDS
    )
    assert suggesties(regio.lpa, regio.bureau, LRV_DAG)[0] == []
    reg.status, reg.opgelost_op, reg.uitkomst = Status.OPGELOST, D(2026, 3, 10), "anders"
    reg.save()
    # opgelost en weer thuis: opnieuw een suggestie
    assert len(suggesties(regio.lpa, regio.bureau, LRV_DAG)[0]) == 1


def test_een_klik_neemt_de_leerling_op_in_het_register(client: Client, regio: Regio) -> None:
    thuis(regio.world.a1, SINDS, LRV_DAG)
    login(client, regio.lpa)
    html = client.get(_url(regio)).content.decode()
    assert "Leerlinga1 Test" in html and "In het register opnemen" in html
    response = client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": regio.world.a1.pk, "peildatum": "2026-03-23"},
    )
    reg = ThuiszitterRegistratie.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/thuiszitters/{reg.pk}/"
    assert (reg.bureau, reg.categorie, reg.sinds) == (regio.bureau, Categorie.LRV_2A, SINDS)
    assert reg.school == regio.world.school and reg.swv == regio.swv_po
    assert reg.leerling == regio.world.a1 and reg.reden == Reden.ONBEKEND
    assert reg.aangemaakt_door == regio.lpa
    jeugdige = reg.jeugdige
    assert (jeugdige.voornaam, jeugdige.geboortedatum) == ("Leerlinga1", D(2015, 3, 1))
    assert list(jeugdige.leerlingen.all()) == [regio.world.a1]
    assert jeugdige.gemeente is not None and jeugdige.gemeente.naam == "Heerlen"
    (eerste,) = Gebeurtenis.objects.filter(registratie=reg)
    assert eerste.soort == Soort.AANGEMAAKT and "Gevonden door de regels" in eerste.notitie
    assert AuditRegel.objects.filter(
        actie=Actie.AANMAKEN, leerling_id=regio.world.a1.pk, wie=regio.lpa
    ).exists()
    # daarna geen suggestie meer, en een tweede klik maakt geen tweede registratie
    knop = f'name="leerling" value="{regio.world.a1.pk}"'
    assert knop not in client.get(_url(regio)).content.decode()
    client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": regio.world.a1.pk, "peildatum": "2026-03-23"},
    )
    assert ThuiszitterRegistratie.objects.count() == 1


def test_bestaande_jeugdige_wordt_gekoppeld(client: Client, regio: Regio) -> None:
    bekend = Jeugdige.objects.create(
        bureau=regio.bureau, voornaam="Leerlinga1", achternaam="Test", geboortedatum=D(2015, 3, 1)
    )
    thuis(regio.world.a1, SINDS, LRV_DAG)
    login(client, regio.lpa)
    client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": regio.world.a1.pk, "peildatum": "2026-03-23"},
    )
    assert ThuiszitterRegistratie.objects.get().jeugdige == bekend
    assert list(bekend.leerlingen.all()) == [regio.world.a1]


def test_absoluut_verzuim_zonder_school_met_het_swv_van_de_laatste_school(
    client: Client, regio: Regio
) -> None:
    """Uitgeschreven zonder nieuwe inschrijving: absoluut verzuim from the first day (seed 003 §7;
    seed 002 §2b): no school; the SWV of the last school is proposed."""
    w = regio.world
    pupil = make_pupil(
        w.school, w.groep_a, "abs", ingeschreven_tot=D(2026, 3, 6), uitschrijfreden=""
    )
    login(client, regio.lpa)
    assert "Leerlingabs Test" in client.get(_url(regio, "2026-03-20")).content.decode()
    client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": pupil.pk, "peildatum": "2026-03-20"},
    )
    reg = ThuiszitterRegistratie.objects.get()
    assert reg.categorie == Categorie.ABSOLUUT and reg.sinds == D(2026, 3, 7)
    assert reg.school is None and reg.swv == regio.swv_po


def test_opnemen_beslist_zelf_met_de_regels(client: Client, regio: Regio) -> None:
    """The browser sends only the pupil: a pupil who is no thuiszitter is not registered."""
    login(client, regio.lpa)
    response = client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": regio.world.a1.pk, "peildatum": "2026-03-23"},
        follow=True,
    )
    assert "geen thuiszitter" in response.content.decode()
    assert not ThuiszitterRegistratie.objects.exists()


def test_opnemen_van_een_leerling_buiten_het_werkgebied_geeft_404(
    client: Client, regio: Regio
) -> None:
    w = regio.world
    w.a2.woongemeente = "Maastricht"
    w.a2.save()
    thuis(w.a2, SINDS, LRV_DAG)
    login(client, regio.lpa)
    response = client.post(
        "/thuiszitters/suggesties/opnemen/",
        {"bureau": regio.bureau.pk, "leerling": w.a2.pk, "peildatum": "2026-03-23"},
    )
    assert response.status_code == 404
    assert not ThuiszitterRegistratie.objects.exists()


def test_handmatig_geregistreerde_jeugdige_met_gekoppelde_leerling(regio: Regio) -> None:
    reg = registratie(regio.bureau, "Handmatig", SINDS, school=regio.world.school)
    reg.jeugdige.leerlingen.add(regio.world.b1)
    thuis(regio.world.b1, SINDS, LRV_DAG)
    # b1 is via de jeugdige al in het register: geen suggestie
    assert suggesties(regio.lpa, regio.bureau, LRV_DAG)[0] == []
