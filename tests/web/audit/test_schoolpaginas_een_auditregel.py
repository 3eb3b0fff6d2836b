"""Every request to a school page with pupil data writes exactly one audit row: who, what,
which pupil, which school and why (the purpose from the registry). Issue 7."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from audit_hulp import inloggen, laatste_pk, nieuwe_regels
from django.contrib.auth.models import User
from django.test import Client
from web_hulp import D, World, absent_days, make_user

from leerrecht.web.audit.doelen import DOELEN
from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.scholen.models import Rol, RolSoort
from leerrecht.web.verlof.models import OuderToegang, Soort, VerlofAanvraag

pytestmark = pytest.mark.django_db


def _een_regel(voor: int) -> AuditRegel:
    regels = nieuwe_regels(voor)
    assert len(regels) == 1, [(r.wat, r.actie) for r in regels]
    return regels[0]


def test_werklijst_lezen_met_doel_en_school(client: Client, world: World) -> None:
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    assert client.get("/?peildatum=2026-03-20").status_code == 200
    regel = _een_regel(voor)
    assert regel.wie == world.coordinator and regel.actie == Actie.LEZEN
    assert regel.doel == DOELEN["werklijst"].tekst
    assert regel.wat == "werklijst"
    assert regel.leerling_id is None and regel.school_id == world.school.pk


def test_leerlingpagina_legt_de_leerling_vast(client: Client, world: World) -> None:
    inloggen(client, world.docent_a)
    voor = laatste_pk()
    assert client.get(f"/leerlingen/{world.a1.pk}/?peildatum=2026-03-20").status_code == 200
    regel = _een_regel(voor)
    assert regel.actie == Actie.LEZEN and regel.leerling_id == world.a1.pk
    assert regel.wat == f"leerling leerling_id={world.a1.pk}"
    assert regel.doel == DOELEN["leerling"].tekst
    assert regel.school_id == world.school.pk


def test_register_openen_en_opslaan_elk_een_regel(client: Client, world: World) -> None:
    inloggen(client, world.docent_a)
    url = f"/registreren/{world.groep_a.pk}/?datum=2026-03-02&moment=dag"
    voor = laatste_pk()
    assert client.get(url).status_code == 200
    lezen = _een_regel(voor)
    assert lezen.actie == Actie.LEZEN and lezen.doel == "verzuim registreren"
    assert lezen.school_id == world.school.pk

    voor = laatste_pk()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-leerling": str(world.a1.pk),
        "form-0-status": "absent",
        "form-0-reden": "ongeoorloofd",
    }
    assert client.post(url, data).status_code in (200, 302)
    opslaan = _een_regel(voor)
    assert opslaan.actie == Actie.WIJZIGEN and opslaan.wie == world.docent_a
    assert opslaan.wat == f"registreren groep_id={world.groep_a.pk}"


def test_actie_afhandelen_is_een_wijziging_van_die_leerling(client: Client, world: World) -> None:
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    data = {
        "protocol": "parkstad-po",
        "stap": "wettelijk-16-uur",
        "bereikt_op": "2026-03-05",
        "notitie": "Ouders gebeld",
    }
    assert client.post(f"/leerlingen/{world.a1.pk}/actie/", data).status_code == 302
    regel = _een_regel(voor)
    assert regel.actie == Actie.WIJZIGEN and regel.leerling_id == world.a1.pk


def test_verlofaanvraag_vindt_de_leerling_via_het_object(client: Client, world: World) -> None:
    aanvraag = VerlofAanvraag.objects.create(
        leerling=world.b1, soort=Soort.GEWICHTIG, start=D(2026, 5, 4), end=D(2026, 5, 4)
    )
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    assert client.get(f"/verlof/{aanvraag.pk}/").status_code == 200
    regel = _een_regel(voor)
    assert regel.leerling_id == world.b1.pk and regel.school_id == world.school.pk
    assert regel.doel == DOELEN["verlof:detail"].tekst


def test_schoolbeheer_leerling_bewerken_via_pk(client: Client, world: World) -> None:
    beheerder = make_user("beheerder", world.school, RolSoort.BEHEERDER)
    inloggen(client, beheerder)
    voor = laatste_pk()
    assert client.get(f"/schoolbeheer/leerlingen/{world.a2.pk}/").status_code == 200
    regel = _een_regel(voor)
    assert regel.leerling_id == world.a2.pk and regel.school_id == world.school.pk
    assert regel.doel == DOELEN["schoolbeheer:leerling_bewerken"].tekst


def test_csv_export_van_een_melding_is_exporteren(client: Client, world: World) -> None:
    melding = DuoMelding.objects.create(
        school=world.school,
        leerling=world.a2,
        soort="16_uur",
        begin=D(2026, 3, 2),
        einde=D(2026, 3, 5),
        uren=Decimal("16.5"),
        uiterlijk=D(2026, 3, 12),
        bereikt=D(2026, 3, 5),
        woongemeente="Heerlen",
    )
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    response = client.get(f"/meldingen/{melding.pk}/export/")
    assert response.status_code == 200
    regel = _een_regel(voor)
    assert regel.actie == Actie.EXPORTEREN and regel.leerling_id == world.a2.pk
    assert regel.doel == DOELEN["meldingen:export_melding"].tekst


def test_ouder_via_code_zonder_account_met_leerling(world: World) -> None:
    toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    ouder = Client()
    voor = laatste_pk()
    assert ouder.post("/ouders/", {"code": code}).status_code == 302
    assert nieuwe_regels(voor) == []  # entering the code shows no pupil data yet
    assert ouder.get("/ouders/overzicht/").status_code == 200
    regel = _een_regel(voor)
    assert regel.wie is None and regel.leerling_id == world.a1.pk
    assert regel.omschrijving == f"ouder via code (toegang #{toegang.pk}), leerling #{world.a1.pk}"
    assert regel.school_id == world.school.pk and regel.actie == Actie.LEZEN


def test_geweigerde_poging_bij_andere_school_wordt_daar_zichtbaar(
    client: Client, world: World, settings: Any
) -> None:
    settings.LEERRECHT_AUDIT_GEWEIGERD = True
    inloggen(client, world.other_coordinator)
    voor = laatste_pk()
    assert client.get(f"/leerlingen/{world.a1.pk}/").status_code == 404
    regel = _een_regel(voor)
    assert regel.actie == Actie.GEWEIGERD and regel.wie == world.other_coordinator
    assert regel.leerling_id == world.a1.pk and regel.school_id == world.school.pk
    assert regel.omschrijving.startswith("geweigerd (HTTP 404)")


def test_geweigerde_poging_standaard_niet_vastgelegd(client: Client, world: World) -> None:
    inloggen(client, world.other_coordinator)
    voor = laatste_pk()
    assert client.get(f"/leerlingen/{world.a1.pk}/").status_code == 404
    assert nieuwe_regels(voor) == []


def test_anoniem_en_doorverwijzing_leggen_niets_vast(client: Client, world: World) -> None:
    voor = laatste_pk()
    assert client.get(f"/leerlingen/{world.a1.pk}/").status_code == 302  # to the login page
    assert client.get("/ouders/overzicht/").status_code == 302  # no code in the session
    assert nieuwe_regels(voor) == []


def test_ouder_die_een_schoolpagina_post_wordt_naar_inloggen_gestuurd(world: World) -> None:
    """A parent's session has a pupil, but no account: a POST to a staff page is sent to the
    login page and changes nothing, so nothing is recorded."""
    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    ouder = Client()
    assert ouder.post("/ouders/", {"code": code}).status_code == 302
    voor = laatste_pk()
    response = ouder.post(f"/leerlingen/{world.a1.pk}/actie/", {"notitie": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert nieuwe_regels(voor) == []


def test_paginas_zonder_leerlinggegevens_leggen_niets_vast(client: Client, world: World) -> None:
    beheerder = make_user("beheerder", world.school, RolSoort.BEHEERDER)
    inloggen(client, beheerder)
    voor = laatste_pk()
    assert client.get("/schoolbeheer/kalender/").status_code == 200
    assert client.get("/brieven/sjablonen/").status_code == 200
    assert nieuwe_regels(voor) == []


def test_regel_kent_het_tijdstip_van_het_verzoek(client: Client, world: World) -> None:
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    begin = dt.datetime.now(dt.UTC)
    client.get(f"/leerlingen/{world.b1.pk}/")
    regel = _een_regel(voor)
    assert abs((regel.wanneer - begin).total_seconds()) < 60
    assert isinstance(regel.wie, User)


def test_school_van_het_verzoek_bij_twee_scholen(client: Client, world: World) -> None:
    """Without a pupil the row gets the school the page works in: ``?school=``, a ``school``
    in the form the view read, else the first school by name (as the pages choose)."""
    Rol.objects.create(gebruiker=world.coordinator, school=world.other_school, soort="coordinator")
    inloggen(client, world.coordinator)
    voor = laatste_pk()
    client.get("/?peildatum=2026-03-20")
    assert _een_regel(voor).school_id == world.other_school.pk  # De Eik comes before De Linde
    voor = laatste_pk()
    client.get(f"/?peildatum=2026-03-20&school={world.school.pk}")
    assert _een_regel(voor).school_id == world.school.pk
    voor = laatste_pk()
    assert client.post("/meldingen/versturen/", {"school": world.school.pk}).status_code == 302
    regel = _een_regel(voor)
    assert regel.actie == Actie.WIJZIGEN and regel.school_id == world.school.pk
