"""The calendar: lesson hours, the school's own closed days and vacations, and what the engine
makes of them (a studiedag is no school day, an own vacation changes the lesweken)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from schoolbeheer_hulp import D, World, absent_days, login, pad, tekst

from leerrecht.core.model import Soort
from leerrecht.web import evaluatie
from leerrecht.web.scholen.models import School
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag

#: Mon 2, Tue 3 and Thu 5 March 2026: 3 x 5.5 = 16.5 lesson hours, one more than 16
DAGEN_16_UUR = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]


def lesuren(**extra: str) -> dict[str, str]:
    values = {
        "actie": "lesuren",
        "uren-regio": "zuid",
        "uren-uren_ma": "5.5",
        "uren-uren_di": "5.5",
        "uren-uren_wo": "3.75",
        "uren-uren_do": "5.5",
        "uren-uren_vr": "5.5",
    }
    values.update(extra)
    return values


def vrije_dag(client: Any, school: School, datum: str, omschrijving: str = "studiedag") -> Any:
    return client.post(
        pad("kalender", school),
        {"actie": "vrije_dag", "dag-datum": datum, "dag-omschrijving": omschrijving},
        follow=True,
    )


def vakantie(client: Any, school: School, naam: str, eerste: str, laatste: str) -> Any:
    return client.post(
        pad("kalender", school),
        {
            "actie": "vakantie",
            "vakantie-naam": naam,
            "vakantie-eerste_dag": eerste,
            "vakantie-laatste_dag": laatste,
        },
        follow=True,
    )


def zestien_uur(world: World) -> list[Any]:
    evaluation = evaluatie.evaluate_pupils(world.school, [world.a1], D(2026, 3, 20))
    return [m for m in evaluation.meldingen if m.soort is Soort.ZESTIEN_UUR]


# -- engine ---------------------------------------------------------------------------------------


def test_studiedag_is_geen_schooldag_voor_de_motor(world: World, beheerder: User) -> None:
    absent_days(world.a1, DAGEN_16_UUR)
    assert [m.hours for m in zestien_uur(world)] == [16.5]

    response = vrije_dag(login(beheerder), world.school, "2026-03-05")
    assert "2026-03-05 is nu een vrije dag (studiedag)." in tekst(response)

    calendar = evaluatie.calendar_for(world.school)
    assert not calendar.is_school_day(D(2026, 3, 5))
    assert calendar.scheduled_hours(D(2026, 3, 5)) == 0
    assert calendar.why_not_school_day(D(2026, 3, 5)) == "school gesloten (studiedag)"
    # absent on the studiedag counts no hours: 11 hours left, no 16-uur melding
    assert zestien_uur(world) == []


def test_vrije_dag_verwijderen_maakt_het_weer_een_schooldag(world: World, beheerder: User) -> None:
    client = login(beheerder)
    vrije_dag(client, world.school, "2026-03-05")
    assert not evaluatie.calendar_for(world.school).is_school_day(D(2026, 3, 5))
    dag = SchoolVrijeDag.objects.get(school=world.school)
    response = client.post(pad("vrije_dag_verwijderen", world.school, dag.pk), follow=True)
    assert "is weer een gewone dag" in tekst(response)
    # no stale cache: the calendar is built from the school's current days
    assert evaluatie.calendar_for(world.school).is_school_day(D(2026, 3, 5))


def test_vrije_dag_van_de_ene_school_geldt_niet_voor_de_andere(
    world: World, beheerder: User
) -> None:
    vrije_dag(login(beheerder), world.school, "2026-03-05")
    assert evaluatie.calendar_for(world.other_school).is_school_day(D(2026, 3, 5))


def test_eigen_herfstvakantie_vervangt_de_ocw_vakantie_en_telt_minder_lesweken(
    world: World, beheerder: User
) -> None:
    voor = evaluatie.calendar_for(world.school)
    weken_voor = len(voor.lesweken_in_school_year(D(2025, 10, 1)))
    assert voor.vacation_on(D(2025, 10, 14)) is not None  # OCW zuid: 11 - 19 oktober 2025
    assert voor.is_school_day(D(2025, 10, 21))

    response = vakantie(
        login(beheerder), world.school, "Herfstvakantie", "2025-10-11", "2025-10-26"
    )
    assert "herfstvakantie 2025-2026 opgeslagen" in tekst(response)

    na = evaluatie.calendar_for(world.school)
    assert not na.is_school_day(D(2025, 10, 21))
    assert len(na.lesweken_in_school_year(D(2025, 10, 1))) == weken_voor - 1
    herfst = [v for v in na.vacations if v.name == "herfstvakantie"]
    # replaced in 2025-2026 only; the other school years keep the OCW dates
    assert (D(2025, 10, 11), D(2025, 10, 26)) in [(v.start, v.end) for v in herfst]
    assert (D(2025, 10, 11), D(2025, 10, 19)) not in [(v.start, v.end) for v in herfst]
    assert len(herfst) == len([v for v in voor.vacations if v.name == "herfstvakantie"])


def test_extra_vakantie_komt_erbij(world: World, beheerder: User) -> None:
    voor = evaluatie.calendar_for(world.school)
    vakantie(login(beheerder), world.school, "dorpsfeest", "2026-06-08", "2026-06-12")
    na = evaluatie.calendar_for(world.school)
    assert len(na.vacations) == len(voor.vacations) + 1
    assert na.vacation_on(D(2026, 6, 10)) is not None
    assert (
        len(na.lesweken_in_school_year(D(2026, 6, 1)))
        == len(voor.lesweken_in_school_year(D(2026, 6, 1))) - 1
    )


def test_eigen_vakantie_verwijderen_zet_de_ocw_datums_terug(world: World, beheerder: User) -> None:
    client = login(beheerder)
    vakantie(client, world.school, "herfstvakantie", "2025-10-11", "2025-10-26")
    eigen = SchoolVakantie.objects.get(school=world.school)
    response = client.post(pad("vakantie_verwijderen", world.school, eigen.pk), follow=True)
    assert "de OCW-datums gelden weer" in tekst(response)
    assert evaluatie.calendar_for(world.school).is_school_day(D(2025, 10, 21))


def test_lesuren_wijzigen_verandert_de_schooldagen(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("kalender", world.school), lesuren(**{"uren-uren_wo": "0"}), follow=True
    )
    assert "Lesuren en vakantieregio opgeslagen." in tekst(response)
    world.school.refresh_from_db()
    assert world.school.lesuren()[2] == 0
    assert not evaluatie.calendar_for(world.school).is_school_day(D(2026, 3, 4))


# -- validation ---------------------------------------------------------------------------------


def test_lesuren_tussen_0_en_12(world: World, beheerder: User) -> None:
    client = login(beheerder)
    response = client.post(pad("kalender", world.school), lesuren(**{"uren-uren_ma": "12.5"}))
    assert "Zorg ervoor dat deze waarde hoogstens 12 is." in tekst(response)
    response = client.post(pad("kalender", world.school), lesuren(**{"uren-uren_di": "-1"}))
    assert "Zorg ervoor dat deze waarde minstens 0 is." in tekst(response)
    world.school.refresh_from_db()
    assert world.school.lesuren() == {0: 5.5, 1: 5.5, 2: 3.75, 3: 5.5, 4: 5.5}


def test_zonder_lesuren_geen_schooldagen(world: World, beheerder: User) -> None:
    nul = {f"uren-uren_{d}": "0" for d in ("ma", "di", "wo", "do", "vr")}
    response = login(beheerder).post(pad("kalender", world.school), lesuren(**nul))
    assert "Geef ten minste één weekdag lestijd" in tekst(response)
    world.school.refresh_from_db()
    assert world.school.lesuren()[0] == 5.5


def test_vrije_dag_buiten_een_bekend_schooljaar(world: World, beheerder: User) -> None:
    response = vrije_dag(login(beheerder), world.school, "2031-03-05")
    assert "valt in schooljaar 2030-2031; leerrecht kent alleen de vakanties van" in tekst(response)
    assert not SchoolVrijeDag.objects.exists()


def test_vrije_dag_in_het_weekend_in_een_vakantie_of_dubbel(world: World, beheerder: User) -> None:
    client = login(beheerder)
    assert "Deze dag valt in het weekend." in tekst(vrije_dag(client, world.school, "2026-03-07"))
    assert "Op deze dag is er al geen school: kerstvakantie." in tekst(
        vrije_dag(client, world.school, "2025-12-23")
    )
    vrije_dag(client, world.school, "2026-03-05")
    assert "Deze dag staat al in de lijst vrije dagen." in tekst(
        vrije_dag(client, world.school, "2026-03-05", "margedag")
    )
    assert SchoolVrijeDag.objects.count() == 1


def test_vakantie_laatste_dag_voor_de_eerste(world: World, beheerder: User) -> None:
    response = vakantie(
        login(beheerder), world.school, "herfstvakantie", "2025-10-26", "2025-10-11"
    )
    assert "De laatste dag ligt voor de eerste dag." in tekst(response)
    assert not SchoolVakantie.objects.exists()


def test_vakantie_buiten_een_bekend_schooljaar(world: World, beheerder: User) -> None:
    response = vakantie(
        login(beheerder), world.school, "herfstvakantie", "2030-10-12", "2030-10-20"
    )
    assert "valt in schooljaar 2030-2031" in tekst(response)
    assert not SchoolVakantie.objects.exists()


def test_tweemaal_dezelfde_eigen_vakantie_in_een_schooljaar(world: World, beheerder: User) -> None:
    client = login(beheerder)
    vakantie(client, world.school, "herfstvakantie", "2025-10-11", "2025-10-19")
    response = vakantie(client, world.school, "HERFSTVAKANTIE", "2025-10-18", "2025-10-26")
    assert "Deze school heeft al een eigen herfstvakantie in schooljaar 2025-2026" in tekst(
        response
    )
    assert SchoolVakantie.objects.count() == 1


def test_veel_te_lange_vakantie_is_een_vergissing(world: World, beheerder: User) -> None:
    response = vakantie(
        login(beheerder), world.school, "herfstvakantie", "2025-10-11", "2026-01-26"
    )
    assert "is vast een vergissing in een datum" in tekst(response)


# -- overview -------------------------------------------------------------------------------------


def test_overzicht_per_schooljaar(world: World, beheerder: User) -> None:
    client = login(beheerder)
    vrije_dag(client, world.school, "2026-03-05")
    vakantie(client, world.school, "herfstvakantie", "2025-10-11", "2025-10-26")
    html = tekst(client.get(pad("kalender", world.school)))
    calendar = evaluatie.calendar_for(world.school)
    dagen = calendar.school_days_between(D(2025, 8, 1), D(2026, 7, 31))
    weken = len(calendar.lesweken_in_school_year(D(2025, 8, 1)))
    assert f'<th scope="row">2025-2026</th><td>{len(dagen)}</td><td>{weken}</td>' in html
    assert "eigen datums (vervangt OCW)" in html
    assert "eigen vrije dag" in html
    assert "studiedag" in html
