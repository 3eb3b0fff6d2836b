"""Parents report their child sick for one day or a range: only school days are registered,
existing registrations are left alone, and nothing is asked about the illness (AVG)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from verlof_hulp import D, World, absent_days

from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.forms import ZiekmeldingForm

Ouder = Callable[[Leerling], Client]
Vandaag = Callable[[dt.date], None]


def test_ziekmelding_over_weekend_en_voorjaarsvakantie_registreert_alleen_schooldagen(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    # do 12 feb t/m ma 23 feb 2026: voorjaarsvakantie zuid is za 14 t/m zo 22 feb
    vandaag(D(2026, 2, 12))
    absent_days(world.a1, [D(2026, 2, 13)], reden="arts")
    client = ouder(world.a1)
    response = client.post("/ouders/ziekmelding/", {"van": "2026-02-12", "tot": "2026-02-23"})
    assert response.status_code == 200
    html = response.content.decode()
    ziek = Registratie.objects.filter(leerling=world.a1, reden="ziek")
    assert sorted(r.datum for r in ziek) == [D(2026, 2, 12), D(2026, 2, 23)]
    for reg in ziek:
        assert (reg.soort, reg.moment, reg.uren, reg.geregistreerd_door) == (
            "absent",
            "dag",
            None,
            None,
        )
    assert Registratie.objects.get(leerling=world.a1, datum=D(2026, 2, 13)).reden == "arts"
    assert "Ziek gemeld op" in html
    assert "donderdag 12 februari 2026" in html and "maandag 23 februari 2026" in html
    assert "vrijdag 13 februari 2026: er staat al een registratie op deze dag" in html
    assert "zaterdag 14 februari 2026: weekend" in html
    assert "maandag 16 februari 2026: voorjaarsvakantie" in html
    assert not Registratie.objects.filter(leerling=world.a2).exists()


def test_ziekmelding_voor_een_dag_zonder_einddatum(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 2))
    ouder(world.a1).post("/ouders/ziekmelding/", {"van": "2026-03-02", "tot": ""})
    assert list(Registratie.objects.values_list("datum", "reden")) == [(D(2026, 3, 2), "ziek")]


def test_nogmaals_ziekmelden_verdubbelt_niets(world: World, ouder: Ouder, vandaag: Vandaag) -> None:
    vandaag(D(2026, 3, 2))
    client = ouder(world.a1)
    client.post("/ouders/ziekmelding/", {"van": "2026-03-02", "tot": "2026-03-03"})
    client.post("/ouders/ziekmelding/", {"van": "2026-03-02", "tot": "2026-03-03"})
    assert Registratie.objects.count() == 2


def test_ziekmelding_met_einde_voor_begin_slaat_niets_op(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 2))
    response = ouder(world.a1).post(
        "/ouders/ziekmelding/", {"van": "2026-03-05", "tot": "2026-03-03"}
    )
    assert "De laatste dag ligt voor de eerste dag." in response.content.decode()
    assert not Registratie.objects.exists()


def test_ziekmelding_voor_eerdere_dagen_kan_niet(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 4))
    response = ouder(world.a1).post("/ouders/ziekmelding/", {"van": "2026-03-02"})
    assert "Ziekmelden kan vanaf vandaag" in response.content.decode()
    assert not Registratie.objects.exists()


def test_ziekmelding_in_een_onbekend_schooljaar_geeft_een_duidelijke_melding(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    # de vakanties zijn bekend t/m schooljaar 2026-2027
    vandaag(D(2027, 7, 30))
    response = ouder(world.a1).post(
        "/ouders/ziekmelding/", {"van": "2027-07-30", "tot": "2027-08-02"}
    )
    html = response.content.decode()
    assert "de schoolvakanties nog niet bekend" in html
    assert "2027-2028" in html
    assert not Registratie.objects.exists()


def test_ziekmelding_van_te_lange_periode_verwijst_naar_de_school(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 2))
    response = ouder(world.a1).post(
        "/ouders/ziekmelding/", {"van": "2026-03-02", "tot": "2026-03-31"}
    )
    assert "neem dan contact op met de school" in response.content.decode()
    assert not Registratie.objects.exists()


def test_ziekmelding_vraagt_niets_over_de_aard_van_de_ziekte(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    assert set(ZiekmeldingForm.base_fields) == {"van", "tot"}
    html = ouder(world.a1).get("/ouders/ziekmelding/").content.decode()
    assert "<textarea" not in html
    assert 'type="text"' not in html
    vandaag(D(2026, 3, 2))
    ouder(world.a1).post(
        "/ouders/ziekmelding/", {"van": "2026-03-02", "notitie": "griep", "reden": "x"}
    )
    reg = Registratie.objects.get()
    assert "griep" not in reg.notitie and reg.reden == "ziek"


def test_ziekmelding_zonder_code_kan_niet(client: Client, world: World) -> None:
    response = client.post("/ouders/ziekmelding/", {"van": "2026-03-02"})
    assert response.status_code == 302 and response["Location"] == "/ouders/"
    assert not Registratie.objects.exists()


def test_ziekmelding_van_een_engelstalige_ouder_wordt_nederlands_bewaard(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    """The school reads the note; stored text never depends on the parent's screen language."""
    vandaag(D(2026, 3, 2))
    client = ouder(world.a1)
    client.post("/ouders/ziekmelding/", {"van": "2026-03-02", "tot": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert Registratie.objects.get().notitie.startswith("ziekgemeld door ouder (code ")
