"""Verlof wegens gewichtige omstandigheden of more than 10 school days: the directeur forwards,
the leerplichtambtenaar of the pupil's area decides (art. 14 lid 3 Lpw; seed 000 §1.1.2: "De
consulent leerrecht beoordeelt aanvragen voor verlof vanwege gewichtige omstandigheden meer dan
10 schooldagen (LPW 1969, art. 11g / 14)"). The office sees the legal check and the school's
advice; the school and the parents see the decision on their verlof pages, with a letter."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from vrijstellingen_hulp import (
    Bureaus,
    D,
    World,
    login,
    ouder,
    pdf_tekst,
    verlof_doorgestuurd,
)

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.verlof.models import Soort, Status, VerlofAanvraag
from leerrecht.web.vrijstellingen.brief import verlof_brief
from leerrecht.web.vrijstellingen.models import VerlofBesluit

pytestmark = pytest.mark.django_db

ADVIES = "Wij steunen de aanvraag; Sanne krijgt huiswerk mee."


def test_directeur_stuurt_door_en_het_bureau_ziet_toets_en_advies(
    world: World, bureaus: Bureaus, directeur: User
) -> None:
    aanvraag = VerlofAanvraag.objects.create(
        leerling=world.a1,
        soort=Soort.GEWICHTIG,
        start=D(2026, 3, 2),
        end=D(2026, 3, 17),
        reden="huwelijk",
        aangevraagd_op=D(2026, 2, 20),
    )
    login(directeur).post(
        f"/verlof/{aanvraag.pk}/", {"besluit": "doorsturen", "motivering": ADVIES}
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.DOORGESTUURD
    client = login(bureaus.lpa)
    lijst = client.get("/vrijstellingen/").content.decode()
    assert f"/vrijstellingen/verlof/{aanvraag.pk}/" in lijst
    html = client.get(f"/vrijstellingen/verlof/{aanvraag.pk}/").content.decode()
    assert ADVIES in html  # the school's advice
    assert "Wettelijke toets" in html and "12 schooldagen" in html
    assert "meer dan 10 schooldagen beslist de leerplichtambtenaar" in html
    assert 'name="besluit"' in html
    assert AuditRegel.objects.filter(
        wie=bureaus.lpa, actie="lezen", wat=f"verlof.verlofaanvraag #{aanvraag.pk}"
    ).exists()


def test_toekennen_registreert_het_verlof(world: World, bureaus: Bureaus, directeur: User) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur, ADVIES)
    response = login(bureaus.lpa).post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/",
        {"besluit": "toegekend", "motivering": "Eenmalige familiegebeurtenis in het buitenland."},
    )
    assert response.status_code == 302
    besluit = VerlofBesluit.objects.get(aanvraag=aanvraag)
    assert besluit.toegekend and besluit.bureau == bureaus.parkstad
    assert besluit.besloten_door == bureaus.lpa and besluit.besloten_op == D(2026, 2, 26)
    assert besluit.toetsing["decided_by"] == "leerplichtambtenaar"
    assert besluit.dagen_geregistreerd == 12
    registraties = Registratie.objects.filter(leerling=world.a1, reden="verlof")
    assert registraties.count() == 12
    assert {r.datum for r in registraties} >= {D(2026, 3, 2), D(2026, 3, 17)}
    assert AuditRegel.objects.filter(
        wie=bureaus.lpa, actie="aanmaken", leerling_id=world.a1.pk
    ).exists()
    # the request keeps the directeur's forwarding
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.DOORGESTUURD and aanvraag.besloten_door == directeur
    # a second decision is refused
    login(bureaus.lpa).post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/", {"besluit": "afgewezen", "motivering": "x"}
    )
    assert VerlofBesluit.objects.count() == 1


def test_motivering_is_verplicht(world: World, bureaus: Bureaus, directeur: User) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur)
    login(bureaus.lpa).post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/", {"besluit": "afgewezen", "motivering": ""}
    )
    assert not VerlofBesluit.objects.exists()


def test_te_laat_aangevraagd_kan_alleen_worden_afgewezen(
    world: World, bureaus: Bureaus, directeur: User
) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur)
    aanvraag.aangevraagd_op = D(2026, 3, 10)  # more than 2 days after the first day
    aanvraag.save()
    client = login(bureaus.lpa)
    html = client.get(f"/vrijstellingen/verlof/{aanvraag.pk}/").content.decode()
    assert 'value="toegekend"' not in html and 'value="afgewezen"' in html
    client.post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/", {"besluit": "toegekend", "motivering": "m"}
    )
    assert not VerlofBesluit.objects.exists()


def test_alleen_de_leerplichtambtenaar_van_het_gebied_beslist(
    world: World, bureaus: Bureaus, directeur: User
) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur)
    data = {"besluit": "toegekend", "motivering": "m"}
    response = login(bureaus.administratie).post(f"/vrijstellingen/verlof/{aanvraag.pk}/", data)
    assert response.status_code == 403
    response = login(bureaus.lpa_maastricht).post(f"/vrijstellingen/verlof/{aanvraag.pk}/", data)
    assert response.status_code == 404
    assert login(directeur).get(f"/vrijstellingen/verlof/{aanvraag.pk}/").status_code == 404
    assert not VerlofBesluit.objects.exists()


def test_school_en_ouders_zien_het_besluit_op_hun_verlofpagina_s(
    world: World, bureaus: Bureaus, directeur: User
) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur, ADVIES)
    ouders = ouder(world.a1, world.coordinator)
    voor = ouders.get(f"/ouders/verlof/{aanvraag.pk}/").content.decode()
    assert "De leerplichtambtenaar heeft nog niet beslist." in voor
    login(bureaus.lpa).post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/",
        {"besluit": "afgewezen", "motivering": "Geen gewichtige omstandigheid aangetoond."},
    )
    # the school (verlof page and the office's decisions)
    school = login(directeur).get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert "Besluit van de leerplichtambtenaar" in school
    assert "Geen gewichtige omstandigheid aangetoond." in school
    assert f"/vrijstellingen/school/verlof/{aanvraag.pk}/besluit.pdf" in school
    assert "afgewezen" in login(directeur).get("/vrijstellingen/school/").content.decode()
    brief = login(directeur).get(f"/vrijstellingen/school/verlof/{aanvraag.pk}/besluit.pdf")
    assert brief.content.startswith(b"%PDF")
    # the parents (their request page, the overview, and the letter)
    pagina = ouders.get(f"/ouders/verlof/{aanvraag.pk}/").content.decode()
    assert "Besluit van de leerplichtambtenaar" in pagina and "Afgewezen" in pagina
    assert (
        "Besluit leerplichtambtenaar: afgewezen"
        in ouders.get("/ouders/overzicht/").content.decode()
    )
    response = ouders.get(f"/vrijstellingen/ouders/verlof/{aanvraag.pk}/besluit.pdf")
    assert response.content.startswith(b"%PDF")
    tekst = pdf_tekst(verlof_brief(VerlofBesluit.objects.get(), comprimeren=False))
    assert "De leerplichtambtenaar wijst de aanvraag om verlof af." in tekst
    assert "Artikel 14 Leerplichtwet 1969" in tekst
    assert "zes weken" in tekst and "gemeente Heerlen" in tekst
    assert AuditRegel.objects.filter(wie=None, actie="exporteren", leerling_id=world.a1.pk).exists()


def test_ouder_van_een_ander_kind_krijgt_de_brief_niet(
    world: World, bureaus: Bureaus, directeur: User
) -> None:
    aanvraag = verlof_doorgestuurd(world.a1, directeur)
    login(bureaus.lpa).post(
        f"/vrijstellingen/verlof/{aanvraag.pk}/", {"besluit": "afgewezen", "motivering": "m"}
    )
    ander = ouder(world.a2, world.coordinator)
    assert ander.get(f"/vrijstellingen/ouders/verlof/{aanvraag.pk}/besluit.pdf").status_code == 404
    from django.test import Client

    zonder = Client().get(f"/vrijstellingen/ouders/verlof/{aanvraag.pk}/besluit.pdf")
    assert zonder.status_code == 302 and zonder["Location"] == "/ouders/"
