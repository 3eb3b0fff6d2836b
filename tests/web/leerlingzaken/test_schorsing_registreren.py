"""Registering a schorsing: at most one week, only school days, the copies of the decision that
must go out, and the pupil counted as geschorst, not absent.

Sources:
- seed 002_116d4f78152f417a.txt §2a Schorsing: "Een schorsing mag niet meer dan 5 dagen zijn. De
  school stuurt bij een schorsing van meer dan 1 dag een kopie van de schorsing naar de
  onderwijsinspectie en naar de leerplichtambtenaar. In het basisonderwijs ontvangt ook het
  samenwerkingsverband een kopie van de schorsing."
- seed 000_0f780dca5d4be8ea.txt §1.1.3: "Een leerling mag voor maximaal één week worden
  geschorst."
- seed 002 §2a (figure): geschorst is geoorloofd verzuim, not ongeoorloofd.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from leerlingzaken_hulp import (
    D,
    World,
    absent_days,
    login,
    make_user,
    registreer,
    school_met_sector,
    schorsing_data,
)

from leerrecht.core.model import Soort
from leerrecht.web import evaluatie
from leerrecht.web.leerlingzaken.models import Kennisgeving, Ontvanger, Schorsing, SchorsingDag
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db


def ontvangers(schorsing: Schorsing) -> set[str]:
    return set(schorsing.kennisgevingen.values_list("ontvanger", flat=True))


def fouten(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Er is niets opgeslagen" in html
    return html


def test_schorsing_van_een_dag_hoeft_niet_gemeld(world: World, directeur: User) -> None:
    """Seed 002 §2a: a copy only 'bij een schorsing van meer dan 1 dag'."""
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 10))
    assert ontvangers(schorsing) == set()
    html = client.get(f"/leerlingzaken/schorsingen/{schorsing.pk}/").content.decode()
    assert "Een schorsing van 1 dag hoeft niet" in html
    assert "Alle kopieën zijn verstuurd." in client.get("/leerlingzaken/").content.decode()


def test_twee_dagen_in_het_po_naar_inspectie_leerplicht_en_swv(
    world: World, directeur: User
) -> None:
    """Seed 002 §2a: more than 1 day -> inspectie and leerplichtambtenaar; in PO also the SWV."""
    client = login(directeur)
    response = client.post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 10), D(2026, 3, 11)),
        follow=True,
    )
    html = response.content.decode()
    assert "Schorsing geregistreerd op 2 schooldag(en)." in html
    assert (
        "Stuur een kopie van het schorsingsbesluit naar: onderwijsinspectie, "
        "leerplichtambtenaar, samenwerkingsverband." in html
    )
    schorsing = Schorsing.objects.get()
    assert ontvangers(schorsing) == {"inspectie", "leerplicht", "swv"}
    assert not Kennisgeving.objects.filter(verstuurd_op__isnull=False).exists()
    assert (schorsing.geregistreerd_door, schorsing.reden) == (
        directeur,
        "Geweld tegen een medeleerling",
    )

    overzicht = client.get("/leerlingzaken/").content.decode()
    for wie in ("de onderwijsinspectie", "de leerplichtambtenaar", "het samenwerkingsverband"):
        assert f"nog te melden aan {wie}" in overzicht


@pytest.mark.parametrize(
    ("sector", "verwacht"),
    [
        ("vo", {"inspectie", "leerplicht"}),
        ("mbo", {"inspectie", "leerplicht"}),
        ("so", {"inspectie", "leerplicht", "swv"}),
    ],
)
def test_in_het_vo_geen_kopie_aan_het_swv(sector: str, verwacht: set[str]) -> None:
    """Seed 002 §2a: the SWV copy is for 'het basisonderwijs' (PO, and SO as in the core)."""
    school, leerling = school_met_sector(sector)
    client = login(make_user(f"directeur-{sector}", school, RolSoort.DIRECTEUR))
    schorsing = registreer(client, leerling, D(2026, 3, 10), D(2026, 3, 12))
    assert ontvangers(schorsing) == verwacht


def test_zes_schooldagen_geweigerd(world: World, directeur: User) -> None:
    """Seed 000 §1.1.3: 'maximaal één week'; seed 002 §2a: 'niet meer dan 5 dagen'."""
    response = login(directeur).post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 2), D(2026, 3, 9)),
    )
    assert response.status_code == 200
    html = fouten(response)
    assert "ten hoogste één week (5 schooldagen)" in html
    assert "zijn 6 schooldagen" in html
    assert "000_0f780dca5d4be8ea.txt, §1.1.3" in html
    assert not Schorsing.objects.exists() and not Registratie.objects.exists()


def test_vijf_schooldagen_over_een_weekend_mag(world: World, directeur: User) -> None:
    """Thursday to Wednesday: 5 school days (the weekend does not count)."""
    schorsing = registreer(login(directeur), world.a1, D(2026, 3, 5), D(2026, 3, 11))
    dagen = list(SchorsingDag.objects.filter(schorsing=schorsing).values_list("datum", flat=True))
    assert dagen == [D(2026, 3, 5), D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)]


@pytest.mark.parametrize(
    ("eerste", "laatste", "verwacht"),
    [
        (D(2026, 3, 7), D(2026, 3, 9), "Zaterdag 7 maart 2026 is geen schooldag (weekend)."),
        (D(2026, 3, 9), D(2026, 3, 14), "Zaterdag 14 maart 2026 is geen schooldag (weekend)."),
        (
            D(2026, 2, 16),
            D(2026, 2, 17),
            "Maandag 16 februari 2026 is geen schooldag (voorjaarsvakantie).",
        ),
        (
            D(2027, 9, 6),
            D(2027, 9, 7),
            "Van schooljaar 2027-2028 zijn de schoolvakanties niet bekend",
        ),
    ],
)
def test_geen_schooldag_geweigerd_met_de_reden(
    world: World,
    directeur: User,
    eerste: dt.date,
    laatste: dt.date,
    verwacht: str,
) -> None:
    response = login(directeur).post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(
            eerste, laatste, besluit_op=D(2026, 2, 1), ouders_geinformeerd_op=D(2026, 2, 1)
        ),
    )
    assert verwacht in fouten(response)
    assert not Schorsing.objects.exists()


def test_aansluitend_op_een_eerdere_schorsing_niet_meer_dan_een_week(
    world: World, directeur: User
) -> None:
    """Two schorsingen back to back are one schorsing for the rules: together at most 5 days."""
    client = login(directeur)
    registreer(client, world.a1, D(2026, 3, 2), D(2026, 3, 4))
    response = client.post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 5), D(2026, 3, 9)),
    )
    html = fouten(response)
    assert "sluit aan op een eerdere schorsing: samen 6 schooldagen" in html
    assert Schorsing.objects.count() == 1


def test_overlap_met_een_schorsing_geweigerd(world: World, directeur: User) -> None:
    client = login(directeur)
    registreer(client, world.a1, D(2026, 3, 2), D(2026, 3, 3))
    response = client.post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 3), D(2026, 3, 3)),
    )
    assert "overlapt met de schorsing van maandag 2 maart 2026" in fouten(response)


@pytest.mark.parametrize(
    ("extra", "verwacht"),
    [
        ({"besluit_op": D(2026, 3, 11)}, "de datum van het besluit ligt na de eerste dag"),
        (
            {"besluit_op": D(2026, 3, 9), "ouders_geinformeerd_op": D(2026, 3, 6)},
            "voordat het genomen is",
        ),
        ({"ouders_geinformeerd_op": D(2026, 3, 21)}, "Deze datum ligt in de toekomst."),
        ({"reden": ""}, "Dit veld is verplicht."),
        ({"reden": "x" * 201}, "niet meer dan 200 tekens"),
    ],
)
def test_besluit_en_brief_aan_de_ouders_gecontroleerd(
    world: World, directeur: User, extra: dict[str, object], verwacht: str
) -> None:
    """Seed 002 §2a: the parents are informed in writing by the bevoegd gezag."""
    response = login(directeur).post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 10), D(2026, 3, 11), **extra),
    )
    assert verwacht in fouten(response)
    assert not Schorsing.objects.exists()


def test_niet_ingeschreven_geweigerd(world: World, directeur: User) -> None:
    world.a1.ingeschreven_tot = D(2026, 3, 10)
    world.a1.save()
    response = login(directeur).post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 10), D(2026, 3, 11)),
    )
    assert "staat op woensdag 11 maart 2026 niet op deze school ingeschreven" in fouten(response)


def test_geschorste_dagen_tellen_niet_als_verzuim(world: World, directeur: User) -> None:
    """Seed 002 §2a: geschorst is geoorloofd; the core (rules/schorsing.py): 'A geschorste pupil
    is not absent'. Three unexcused days (16.5 hours) make a 16-uur melding; once a schorsing
    covers them, there is no melding and no unexcused hour left, only the duty to report."""
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    voor = evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 6))
    assert [m.soort for m in voor.meldingen] == [Soort.ZESTIEN_UUR]

    registreer(login(directeur), world.a1, D(2026, 3, 2), D(2026, 3, 5))
    regs = Registratie.objects.filter(leerling=world.a1).order_by("datum")
    assert [(r.datum.day, r.moment, r.soort, r.reden, r.uren) for r in regs] == [
        (d, "dag", "absent", "schorsing", None) for d in (2, 3, 4, 5)
    ]
    na = evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 31))
    assert not na.meldingen
    (result,) = na.results
    assert result.lopende_uren == 0
    assert result.thuiszitter is None
    assert [c.kind for c in na.checks] == ["schorsing_melden"]


def test_vervangen_registraties_blijven_in_de_geschiedenis(world: World, directeur: User) -> None:
    """A registration on a schorsing day is replaced; the old value stays as a correction."""
    absent_days(world.a1, [D(2026, 3, 10)], reden="ziek")
    Registratie.objects.create(
        leerling=world.a1,
        datum=D(2026, 3, 11),
        moment="1",
        soort="late",
        reden="ongeoorloofd",
        uren="0.25",
    )
    client = login(directeur)
    response = client.post(
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        schorsing_data(D(2026, 3, 10), D(2026, 3, 11)),
        follow=True,
    )
    assert "2 eerdere registratie(s) vervangen" in response.content.decode()
    assert set(
        Registratie.objects.filter(leerling=world.a1).values_list("datum", "moment", "reden")
    ) == {(D(2026, 3, 10), "dag", "schorsing"), (D(2026, 3, 11), "dag", "schorsing")}
    wijzigingen = RegistratieWijziging.objects.filter(leerling=world.a1).order_by("datum")
    assert [
        (w.datum, w.moment, w.oude_waarde, w.nieuwe_waarde, w.gewijzigd_door) for w in wijzigingen
    ] == [
        (D(2026, 3, 10), "dag", "afwezig (ziek)", "afwezig (schorsing)", directeur),
        (D(2026, 3, 11), "1", "te laat (ongeoorloofd), 0.25 uur", "afwezig (schorsing)", directeur),
    ]
    html = client.get(f"/leerlingen/{world.a1.pk}/").content.decode()
    assert "afwezig (ziek) &rarr; afwezig (schorsing)" in html


def test_kopie_als_verstuurd_vastleggen(world: World, directeur: User) -> None:
    """The directeur records per recipient when the copy went out; the outstanding list
    shrinks."""
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 11))
    inspectie = schorsing.kennisgevingen.get(ontvanger=Ontvanger.INSPECTIE)
    pad = f"/leerlingzaken/schorsingen/{schorsing.pk}/"

    response = client.post(
        pad,
        {
            "actie": "verstuurd",
            "kennisgeving": inspectie.pk,
            f"k{inspectie.pk}-verstuurd_op": "2026-03-21",
        },
    )
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    inspectie.refresh_from_db()
    assert inspectie.verstuurd_op is None

    response = client.post(
        pad,
        {
            "actie": "verstuurd",
            "kennisgeving": inspectie.pk,
            f"k{inspectie.pk}-verstuurd_op": "2026-03-12",
        },
        follow=True,
    )
    html = response.content.decode()
    assert (
        "Kopie aan de onderwijsinspectie vastgelegd als verstuurd op donderdag 12 maart 2026."
        in html
    )
    assert "verstuurd op 12 maart 2026" in html
    assert "Nog 2 kopieën te versturen." in html
    inspectie.refresh_from_db()
    assert (inspectie.verstuurd_op, inspectie.verstuurd_door) == (D(2026, 3, 12), directeur)
    assert inspectie.vastgelegd_op is not None

    overzicht = client.get("/leerlingzaken/").content.decode()
    assert "nog te melden aan de onderwijsinspectie" not in overzicht
    assert "nog te melden aan de leerplichtambtenaar" in overzicht

    # a second time is refused, the first record stays
    response = client.post(
        pad,
        {
            "actie": "verstuurd",
            "kennisgeving": inspectie.pk,
            f"k{inspectie.pk}-verstuurd_op": "2026-03-13",
        },
        follow=True,
    )
    assert "Deze kopie is al vastgelegd als verstuurd." in response.content.decode()
    inspectie.refresh_from_db()
    assert inspectie.verstuurd_op == D(2026, 3, 12)


def test_schorsing_pagina_laat_de_gegevens_zien(world: World, directeur: User) -> None:
    client = login(directeur)
    schorsing = registreer(client, world.a1, D(2026, 3, 10), D(2026, 3, 11))
    html = client.get(f"/leerlingzaken/schorsingen/{schorsing.pk}/").content.decode()
    assert "dinsdag 10 maart 2026 tot en met woensdag 11 maart 2026" in html
    assert "Geweld tegen een medeleerling" in html
    assert "nog te melden aan het samenwerkingsverband" in html
    assert html.count('name="actie" value="verstuurd"') == 3
    assert "Schorsing intrekken" in html
    assert "002_116d4f78152f417a.txt, §2a Schorsing" in html
