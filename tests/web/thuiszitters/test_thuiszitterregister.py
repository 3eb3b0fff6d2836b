"""The register: registering by hand, changing the data with history, recording a knooppunt or
breed overleg, and the status open -> opgelost -> open through one transition map."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from thuiszitters_hulp import SINDS, D, Regio, jeugdige, login, registratie

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Gebeurtenis,
    Reden,
    Soort,
    Status,
    ThuiszitterRegistratie,
    Uitkomst,
)
from leerrecht.web.thuiszitters.register import maak
from leerrecht.web.thuiszitters.statussen import (
    TRANSITIES,
    StatusFout,
    leg_overleg_vast,
    toegestaan,
    wijzig_status,
)

VANDAAG = D(2026, 4, 1)


def test_transities_open_opgelost_en_heropenen() -> None:
    assert TRANSITIES[Status.OPEN] == {Status.OPGELOST}
    assert TRANSITIES[Status.OPGELOST] == {Status.OPEN}
    assert toegestaan("open") == [Status.OPGELOST]


def test_opgelost_vraagt_datum_en_uitkomst(regio: Regio) -> None:
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school)
    with pytest.raises(StatusFout, match="datum"):
        wijzig_status(reg, Status.OPGELOST, regio.lpa, uitkomst=Uitkomst.ANDERE_SCHOOL)
    with pytest.raises(StatusFout, match="uitkomst"):
        wijzig_status(reg, Status.OPGELOST, regio.lpa, datum=D(2026, 3, 30))
    with pytest.raises(StatusFout, match="voor de eerste dag"):
        wijzig_status(reg, Status.OPGELOST, regio.lpa, datum=D(2026, 1, 1), uitkomst="anders")
    with pytest.raises(StatusFout, match="kan niet naar"):
        wijzig_status(reg, Status.OPEN, regio.lpa)
    rij = wijzig_status(
        reg, Status.OPGELOST, regio.lpa, datum=D(2026, 3, 30), uitkomst=Uitkomst.TERUG_NAAR_SCHOOL
    )
    reg.refresh_from_db()
    assert (reg.status, reg.opgelost_op, reg.uitkomst) == (
        "opgelost",
        D(2026, 3, 30),
        "terug_naar_school",
    )
    assert rij.soort == Soort.STATUS and rij.naar == "opgelost: teruggeleid naar de eigen school"
    # weer thuis: heropenen wist de oplossing, de geschiedenis bewaart hem
    wijzig_status(reg, Status.OPEN, regio.lpa, notitie="Weer thuis sinds maandag.")
    reg.refresh_from_db()
    assert (reg.status, reg.opgelost_op, reg.uitkomst) == ("open", None, "")
    assert [g.naar for g in reg.geschiedenis.filter(soort=Soort.STATUS)] == [
        "opgelost: teruggeleid naar de eigen school",
        "open",
    ]


def test_een_jongere_staat_maar_eenmaal_open_in_het_register(regio: Regio) -> None:
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school)
    with pytest.raises(StatusFout, match="staat al open"):
        maak(
            ThuiszitterRegistratie(
                bureau=regio.bureau, jeugdige=reg.jeugdige, categorie=Categorie.RISICO, sinds=SINDS
            ),
            regio.lpa,
        )
    wijzig_status(reg, Status.OPGELOST, regio.lpa, datum=D(2026, 3, 30), uitkomst="anders")
    nieuw = maak(
        ThuiszitterRegistratie(
            bureau=regio.bureau,
            jeugdige=reg.jeugdige,
            categorie=Categorie.RISICO,
            sinds=D(2026, 4, 20),
        ),
        regio.lpa,
    )
    # de oude kan nu niet meer heropend worden
    with pytest.raises(StatusFout, match="heropenen kan niet"):
        wijzig_status(reg, Status.OPEN, regio.lpa)
    assert nieuw.is_open


def test_geschiedenis_wordt_nooit_gewijzigd_of_verwijderd(regio: Regio) -> None:
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school)
    rij = reg.geschiedenis.get()
    rij.notitie = "anders"
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        rij.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        rij.delete()


def test_knooppunt_vastleggen_zet_de_eerste_datum(regio: Regio) -> None:
    """Seed 000 §3: the first knooppunt within 4 weeks; "De knooppunten dienen op regelmatige
    basis plaats te vinden": later ones are kept in the history."""
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school)
    leg_overleg_vast(reg, Soort.KNOOPPUNT, D(2026, 3, 16), regio.lpa, vandaag=VANDAAG)
    leg_overleg_vast(reg, Soort.KNOOPPUNT, D(2026, 3, 30), regio.lpa, vandaag=VANDAAG)
    reg.refresh_from_db()
    assert reg.knooppunt_op == D(2026, 3, 16)
    assert reg.geschiedenis.filter(soort=Soort.KNOOPPUNT).count() == 2
    leg_overleg_vast(reg, Soort.BREED_OVERLEG, D(2026, 3, 31), regio.lpa, vandaag=VANDAAG)
    reg.refresh_from_db()
    assert reg.breed_overleg_op == D(2026, 3, 31)
    with pytest.raises(StatusFout, match="gehouden"):
        leg_overleg_vast(reg, Soort.KNOOPPUNT, D(2026, 4, 2), regio.lpa, vandaag=VANDAAG)


def _velden(**wijzig: object) -> dict[str, object]:
    data: dict[str, object] = {
        "wie-voornaam": "Noor",
        "wie-achternaam": "Jansen",
        "wie-geboortedatum": "2013-09-14",
        "categorie": Categorie.LRV_2A,
        "sinds": (timezone.localdate() - dt.timedelta(days=40)).isoformat(),
        "reden": Reden.GEEN_OVEREENSTEMMING,
        "toelichting": "",
        "aanpak": "Knooppunt met school, ouders en SWV; zoeken naar een plek in het SO.",
        "school": "",
        "school_naam": "",
        "swv": "",
    }
    data.update(wijzig)
    return data


def test_handmatig_registreren_met_een_nieuwe_jeugdige(client: Client, regio: Regio) -> None:
    login(client, regio.lpa)
    assert client.get("/thuiszitters/nieuw/").status_code == 200
    response = client.post("/thuiszitters/nieuw/", _velden(school=regio.world.school.pk))
    reg = ThuiszitterRegistratie.objects.get()
    assert response["Location"] == f"/thuiszitters/{reg.pk}/"
    assert (reg.jeugdige.voornaam, reg.jeugdige.achternaam) == ("Noor", "Jansen")
    assert reg.jeugdige.bureau == regio.bureau
    assert reg.swv == regio.swv_po  # afgeleid van de school
    assert reg.reden == Reden.GEEN_OVEREENSTEMMING and "SO" in reg.aanpak
    assert AuditRegel.objects.filter(actie=Actie.AANMAKEN, wat__startswith="thuiszitters.").exists()


def test_absoluut_verzuim_heeft_geen_school(client: Client, regio: Regio) -> None:
    login(client, regio.lpa)
    response = client.post(
        "/thuiszitters/nieuw/",
        _velden(categorie=Categorie.ABSOLUUT, school=regio.world.school.pk),
    )
    assert response.status_code == 200
    assert "op geen school ingeschreven" in response.content.decode()
    response = client.post(
        "/thuiszitters/nieuw/", _velden(categorie=Categorie.ABSOLUUT, swv=regio.swv_vo.pk)
    )
    reg = ThuiszitterRegistratie.objects.get()
    assert reg.school is None and reg.swv == regio.swv_vo


def test_groep_2b_alleen_na_drie_maanden(client: Client, regio: Regio) -> None:
    """Seed 003 §7: 2b is langer dan drie maanden; the choice is checked against the day of
    registration."""
    login(client, regio.lpa)
    kort = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    response = client.post(
        "/thuiszitters/nieuw/",
        _velden(categorie=Categorie.LRV_2B, sinds=kort, school=regio.world.school.pk),
    )
    assert "kies 2a" in response.content.decode()
    response = client.post(
        "/thuiszitters/nieuw/",
        _velden(categorie=Categorie.LRV_2A, sinds="2025-01-06", school=regio.world.school.pk),
    )
    assert "kies groep 2b" in response.content.decode()
    assert not ThuiszitterRegistratie.objects.exists()


def test_lrv_zonder_school_is_een_fout(client: Client, regio: Regio) -> None:
    login(client, regio.lpa)
    response = client.post("/thuiszitters/nieuw/", _velden())
    assert "Kies de school" in response.content.decode()
    # een school buiten het platform mag met de naam
    client.post("/thuiszitters/nieuw/", _velden(school_naam="Sint-Jozefschool"))
    reg = ThuiszitterRegistratie.objects.get()
    assert reg.schoolnaam == "Sint-Jozefschool" and reg.swv is None


def test_bekende_jeugdige_kiezen(client: Client, regio: Regio) -> None:
    bekend = jeugdige(regio.bureau, "Bekend")
    vreemd = jeugdige(regio.ander_bureau, "Vreemd")
    login(client, regio.lpa)
    response = client.post(
        "/thuiszitters/nieuw/",
        _velden(**{"wie-jeugdige": vreemd.pk}, school=regio.world.school.pk),
    )
    assert response.status_code == 200 and not ThuiszitterRegistratie.objects.exists()
    client.post(
        "/thuiszitters/nieuw/",
        _velden(**{"wie-jeugdige": bekend.pk}, school=regio.world.school.pk),
    )
    assert ThuiszitterRegistratie.objects.get().jeugdige == bekend


def test_wijzigen_bewaart_de_oude_waarde(client: Client, regio: Regio) -> None:
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school, swv=regio.swv_po)
    login(client, regio.lpa)
    data = {
        "categorie": reg.categorie,
        "sinds": reg.sinds.isoformat(),
        "school": regio.world.school.pk,
        "school_naam": "",
        "swv": regio.swv_po.pk,
        "reden": Reden.WACHT_OP_PLAATSING,
        "toelichting": "",
        "aanpak": "Plaatsing op De Eik per 1 april.",
    }
    response = client.post(f"/thuiszitters/{reg.pk}/wijzigen/", data)
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.reden == Reden.WACHT_OP_PLAATSING
    wijzigingen = [(g.van, g.naar) for g in reg.geschiedenis.filter(soort=Soort.GEWIJZIGD)]
    assert (
        "reden: leerling wil niet naar school",
        "reden: wacht op plaatsing in passend onderwijs",
    ) in wijzigingen
    assert (
        "afgesproken aanpak: -",
        "afgesproken aanpak: Plaatsing op De Eik per 1 april.",
    ) in wijzigingen
    assert AuditRegel.objects.filter(
        actie=Actie.WIJZIGEN, wat=f"thuiszitters.thuiszitterregistratie #{reg.pk}"
    ).exists()


def test_detailpagina_en_overleg_en_status_via_de_pagina(client: Client, regio: Regio) -> None:
    reg = registratie(regio.bureau, "Sam", SINDS, school=regio.world.school, swv=regio.swv_po)
    login(client, regio.lpa)
    html = client.get(f"/thuiszitters/{reg.pk}/").content.decode()
    assert "eerste knooppunt (binnen 4 weken)" in html and "23 maart 2026" in html
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN, wat=f"thuiszitters.thuiszitterregistratie #{reg.pk}"
    ).exists()
    client.post(
        f"/thuiszitters/{reg.pk}/overleg/",
        {"overleg-soort": "knooppunt", "overleg-datum": "2026-03-12", "overleg-notitie": ""},
    )
    reg.refresh_from_db()
    assert reg.knooppunt_op == D(2026, 3, 12)
    response = client.post(
        f"/thuiszitters/{reg.pk}/status/",
        {"naar": "opgelost", "datum": "2026-04-20", "uitkomst": "andere_school", "notitie": ""},
        follow=True,
    )
    reg.refresh_from_db()
    assert reg.status == "opgelost" and reg.uitkomst == "andere_school"
    assert "opgelost" in response.content.decode()
    acties = list(
        AuditRegel.objects.filter(wat=f"thuiszitters.thuiszitterregistratie #{reg.pk}").values_list(
            "actie", flat=True
        )
    )
    assert acties.count(Actie.WIJZIGEN) == 2
    assert Gebeurtenis.objects.filter(registratie=reg).count() == 3


def test_register_toont_de_huidige_categorie(client: Client, regio: Regio) -> None:
    registratie(regio.bureau, "Lang", D(2025, 11, 3), school=regio.world.school)
    registratie(regio.bureau, "Kort", D(2026, 3, 2), school=regio.world.school)
    login(client, regio.lpa)
    html = client.get("/thuiszitters/?peildatum=2026-03-20").content.decode()
    assert html.count("langer dan 3 maanden (2b)") == 1
    assert html.count("4 weken tot 3 maanden (2a)") == 1
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN, wat="thuiszitterregister BLD Parkstad"
    ).exists()


def test_termijnenpagina_dringendste_eerst(client: Client, regio: Regio) -> None:
    """Seed 000 §3: the first knooppunt within 4 weeks of the first day at home."""
    nieuw = registratie(regio.bureau, "Nieuw", SINDS, school=regio.world.school)
    oud = registratie(regio.bureau, "Oud", D(2026, 1, 12), school=regio.world.school)
    registratie(regio.bureau, "Vrij", D(2026, 1, 12), Categorie.VRIJGESTELD)
    login(client, regio.lpa)
    response = client.get("/thuiszitters/termijnen/?peildatum=2026-03-23")
    rijen = response.context["rijen"]
    assert [r.reg for r in rijen] == [oud, nieuw]  # vrijgesteld heeft geen termijnen
    knooppunt = rijen[1].termijnen[0]
    assert knooppunt.uiterlijk == D(2026, 3, 23) and knooppunt.tekst == "vandaag"
    html = response.content.decode()
    assert 'class="dringend"' in html and 'class="te-laat"' in html
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN, wat="termijnen thuiszitters BLD Parkstad"
    ).exists()
