"""Withdrawing a schorsing (e.g. after a successful objection, seed 002 §2a: the letter names
"de procedure van het eventuele bezwaar"): its registrations go, what they replaced comes back,
and every change stays in the correction history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from leerlingzaken_hulp import D, World, absent_days, login, registreer

from leerrecht.core.model import Soort
from leerrecht.web import evaluatie
from leerrecht.web.leerlingzaken.models import Schorsing
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging

pytestmark = pytest.mark.django_db


def trek_in(client: object, schorsing: Schorsing, reden: str = "Bezwaar gegrond") -> str:
    response = client.post(  # type: ignore[attr-defined]
        f"/leerlingzaken/schorsingen/{schorsing.pk}/",
        {"actie": "intrekken", "intrekken-reden": reden},
        follow=True,
    )
    assert response.status_code == 200
    return str(response.content.decode())


def test_intrekken_zet_de_vorige_registraties_terug(world: World, directeur: User) -> None:
    """The unexcused days a schorsing covered come back, and with them the 16-uur melding."""
    dagen = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]
    absent_days(world.a1, dagen)
    Registratie.objects.filter(leerling=world.a1, datum=D(2026, 3, 5)).update(
        notitie="Niet op school, geen bericht", geregistreerd_door=world.docent_a
    )
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 2), D(2026, 3, 5))
    assert not evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 6)).meldingen

    html = trek_in(client, schorsing)
    assert "De schorsing is ingetrokken." in html
    assert "Op 3 dag(en) staat de eerdere registratie weer terug." in html
    assert "Op 1 dag(en) staat de leerling nu als aanwezig." in html
    assert "Ingetrokken op" in html and "Bezwaar gegrond" in html

    regs = Registratie.objects.filter(leerling=world.a1).order_by("datum")
    assert [(r.datum, r.moment, r.reden) for r in regs] == [
        (d, "dag", "ongeoorloofd") for d in dagen
    ]
    derde = regs.get(datum=D(2026, 3, 5))
    assert (derde.notitie, derde.geregistreerd_door) == (
        "Niet op school, geen bericht",
        world.docent_a,
    )
    evaluation = evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 6))
    assert [m.soort for m in evaluation.meldingen] == [Soort.ZESTIEN_UUR]

    terug = RegistratieWijziging.objects.filter(
        leerling=world.a1, oude_waarde="afwezig (schorsing)"
    ).order_by("datum")
    assert [(w.datum, w.nieuwe_waarde) for w in terug] == [
        (D(2026, 3, 2), "afwezig (ongeoorloofd)"),
        (D(2026, 3, 3), "afwezig (ongeoorloofd)"),
        (D(2026, 3, 4), "aanwezig"),
        (D(2026, 3, 5), "afwezig (ongeoorloofd)"),
    ]
    assert all(w.gewijzigd_door == directeur for w in terug)
    # and the way in is there too
    assert RegistratieWijziging.objects.filter(nieuwe_waarde="afwezig (schorsing)").count() == 3

    schorsing.refresh_from_db()
    assert schorsing.ingetrokken and schorsing.ingetrokken_door == directeur
    assert schorsing.intrekking_reden == "Bezwaar gegrond"


def test_ingetrokken_schorsing_hoeft_niet_meer_gemeld(world: World, directeur: User) -> None:
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 11))
    assert "nog te melden aan" in client.get("/leerlingzaken/").content.decode()
    trek_in(client, schorsing)
    assert "nog te melden aan" not in client.get("/leerlingzaken/").content.decode()
    html = client.get(f"/leerlingzaken/schorsingen/{schorsing.pk}/").content.decode()
    assert "niet verstuurd (schorsing ingetrokken)" in html
    assert 'value="verstuurd"' not in html and 'value="intrekken"' not in html
    assert not evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 31)).checks


def test_twee_keer_intrekken_kan_niet(world: World, directeur: User) -> None:
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 10))
    trek_in(client, schorsing)
    html = trek_in(client, schorsing, reden="nog eens")
    assert "Deze schorsing is ingetrokken; er kan niets meer bij." in html
    schorsing.refresh_from_db()
    assert schorsing.intrekking_reden == "Bezwaar gegrond"
    assert RegistratieWijziging.objects.filter(nieuwe_waarde="aanwezig").count() == 1


def test_een_intussen_gewijzigde_dag_blijft_ongemoeid(world: World, directeur: User) -> None:
    """A day changed on the register after the schorsing is not overwritten on withdrawal."""
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 11))
    Registratie.objects.filter(leerling=world.a1, datum=D(2026, 3, 11)).update(
        reden="ziek", notitie="toch ziek"
    )
    html = trek_in(client, schorsing)
    assert "Woensdag 11 maart 2026: de registratie was na de schorsing al gewijzigd" in html
    assert list(
        Registratie.objects.filter(leerling=world.a1).values_list("datum", "reden", "notitie")
    ) == [(D(2026, 3, 11), "ziek", "toch ziek")]


def test_een_vervangen_lesuur_komt_terug(world: World, directeur: User) -> None:
    Registratie.objects.create(
        leerling=world.a1,
        datum=D(2026, 3, 10),
        moment="2",
        soort="late",
        reden="ongeoorloofd",
        uren=Decimal("0.17"),
        notitie="10 minuten",
    )
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 10))
    assert list(Registratie.objects.values_list("moment", "reden")) == [("dag", "schorsing")]
    trek_in(client, schorsing)
    reg = Registratie.objects.get()
    assert (reg.moment, reg.soort, reg.reden, reg.uren, reg.notitie) == (
        "2",
        "late",
        "ongeoorloofd",
        Decimal("0.17"),
        "10 minuten",
    )


def test_intrekken_vraagt_een_reden(world: World, directeur: User) -> None:
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 10))
    response = client.post(
        f"/leerlingzaken/schorsingen/{schorsing.pk}/", {"actie": "intrekken", "intrekken-reden": ""}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    schorsing.refresh_from_db()
    assert not schorsing.ingetrokken
