"""The school's calendar key (own closed days and vacations) is read with one query, equal to
the two queries it replaces: the same values in the same order (datum; eerste_dag, naam)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from web_hulp import make_school

from leerrecht.web import evaluatie
from leerrecht.web.scholen.models import School
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag

D = dt.date


def _met_twee_queries(school: School) -> evaluatie.KalenderSleutel:
    hours = tuple(sorted(school.lesuren().items()))
    closed = tuple(
        SchoolVrijeDag.objects.filter(school=school)
        .order_by("datum")
        .values_list("datum", "omschrijving")
    )
    own = tuple(
        SchoolVakantie.objects.filter(school=school)
        .order_by("eerste_dag", "naam")
        .values_list("naam", "eerste_dag", "laatste_dag")
    )
    return (school.regio, hours, closed, own)


def test_een_query_met_dezelfde_waarden_in_dezelfde_volgorde(db: None) -> None:
    school = make_school("De Linde")
    anders = make_school("De Eik")
    leeg = make_school("De Beuk")
    for dag, tekst in [
        (D(2026, 3, 9), "Studiedag"),
        (D(2025, 10, 1), "Zeg 'ns <a>"),
        (D(2026, 6, 5), ""),
    ]:
        SchoolVrijeDag.objects.create(school=school, datum=dag, omschrijving=tekst)
    SchoolVrijeDag.objects.create(school=anders, datum=D(2026, 3, 10), omschrijving="elders")
    for naam, jaar, eerste, laatste in [
        ("zomervakantie", 2025, D(2026, 7, 11), D(2026, 8, 23)),
        ("herfstvakantie", 2025, D(2025, 10, 18), D(2025, 10, 26)),
        ("Carnaval", 2025, D(2026, 2, 14), D(2026, 2, 22)),
        ("carnaval extra", 2025, D(2026, 2, 14), D(2026, 2, 15)),  # the same first day
        ("kerstvakantie", 2024, D(2024, 12, 21), D(2025, 1, 5)),
    ]:
        SchoolVakantie.objects.create(
            school=school, naam=naam, schooljaar=jaar, eerste_dag=eerste, laatste_dag=laatste
        )
    SchoolVakantie.objects.create(
        school=anders,
        naam="meivakantie",
        schooljaar=2025,
        eerste_dag=D(2026, 4, 25),
        laatste_dag=D(2026, 5, 3),
    )
    for s in (school, anders, leeg):
        with CaptureQueriesContext(connection) as queries:
            sleutel = evaluatie.kalender_sleutel(s)
        assert len(queries) == 1
        assert sleutel == _met_twee_queries(s)
        assert all(type(d) is dt.date for d, _o in sleutel[2])
        assert all(type(a) is dt.date and type(b) is dt.date for _n, a, b in sleutel[3])
    assert len(evaluatie.kalender_sleutel(school)[3]) == 5
    assert evaluatie.kalender_sleutel(leeg)[2:] == ((), ())
