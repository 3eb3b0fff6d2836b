"""School calendar: school days, vacations, lesweken and werkdagen.

Sources: seed 000 §1.2.2 ("De laatste schooldag voor de vakantie en de eerste schooldag na de
vakantie worden wettelijk gezien als twee opeenvolgende dagen"); OCW schoolvakanties (shipped
data, regio zuid); seed 000 §1.2.2 "5 dagdelen staan gelijk aan 16 klokuren".
"""

from __future__ import annotations

import pytest

from leerrecht.core.calendar import (
    DAGDEEL_HOURS,
    CalendarError,
    Vacation,
    add_werkdagen,
    build_calendar,
    school_year_label,
)
from leerrecht.core.vacations import Region, load_shipped, shipped_vacations
from scenario_hulp import PO_HOURS, D, make_calendar


def test_schooljaar_loopt_van_1_augustus_tot_31_juli() -> None:
    assert school_year_label(D(2025, 8, 1)) == "2025-2026"
    assert school_year_label(D(2026, 7, 31)) == "2025-2026"
    assert school_year_label(D(2026, 8, 1)) == "2026-2027"


def test_vakantie_weekend_en_feestdag_zijn_geen_schooldag() -> None:
    cal = make_calendar()
    assert cal.is_school_day(D(2026, 2, 13))  # vrijdag voor de voorjaarsvakantie zuid
    assert not cal.is_school_day(D(2026, 2, 16))  # voorjaarsvakantie zuid 14-22 feb 2026
    assert cal.why_not_school_day(D(2026, 2, 16)) == "voorjaarsvakantie"
    assert not cal.is_school_day(D(2026, 2, 21))
    assert cal.why_not_school_day(D(2026, 2, 21)) == "weekend"
    assert not cal.is_school_day(D(2026, 5, 14))  # Hemelvaartsdag
    assert "Hemelvaartsdag" in cal.why_not_school_day(D(2026, 5, 14))
    assert cal.is_school_day(D(2026, 4, 3))  # Goede Vrijdag: de school beslist zelf


def test_lestijd_per_weekdag_in_klokuren() -> None:
    cal = make_calendar()
    assert cal.scheduled_hours(D(2026, 3, 4)) == 3.75  # woensdag
    assert cal.scheduled_hours(D(2026, 3, 5)) == 5.5
    assert cal.scheduled_hours(D(2026, 3, 7)) == 0.0


def test_vijf_dagdelen_zijn_zestien_klokuren() -> None:
    assert pytest.approx(16.0) == 5 * DAGDEEL_HOURS


def test_weekdag_zonder_lestijd_is_geen_schooldag() -> None:
    vacations, years = shipped_vacations(Region.MIDDEN)
    cal = build_calendar({0: 5.5, 1: 5.5, 2: 0, 3: 5.5, 4: 5.5}, vacations, [], years)
    assert not cal.is_school_day(D(2026, 3, 4))


def test_vakantieweken_zijn_geen_lesweken_en_sluiten_aan() -> None:
    cal = make_calendar()
    before = cal.lesweek_index(D(2026, 2, 13))
    after = cal.lesweek_index(D(2026, 2, 23))
    assert after == before + 1
    assert cal.next_school_day(D(2026, 2, 13)) == D(2026, 2, 23)


def test_vier_lesweken_over_de_vakantie_heen() -> None:
    cal = make_calendar()
    start = D(2026, 2, 4)  # woensdag
    # lesweken vanaf woensdag 4 feb: de rest van de week van 2 feb, 9 feb, 23 feb (na de
    # voorjaarsvakantie), 2 mrt en de week van 9 mrt tot en met dinsdag 10 maart.
    assert cal.within_lesweken(start, D(2026, 3, 10), 4)
    assert not cal.within_lesweken(start, D(2026, 3, 11), 4)
    # zonder de vakantie over te slaan zou het venster al op 3 maart eindigen
    assert cal.within_lesweken(start, D(2026, 3, 4), 4)


def test_werkdagen_slaan_weekend_en_feestdagen_over_maar_niet_vakanties() -> None:
    assert add_werkdagen(D(2026, 2, 13), 5) == D(2026, 2, 20)  # vakantie telt mee
    assert add_werkdagen(D(2026, 4, 24), 5) == D(2026, 5, 4)  # Koningsdag 27 april valt af
    assert add_werkdagen(D(2026, 5, 1), 5) == D(2026, 5, 11)  # 5 mei (Algemene termijnenwet)


def test_eigen_vakanties_vervangen_de_landelijke() -> None:
    vacations = [
        Vacation("zomervakantie", D(2025, 7, 5), D(2025, 8, 17)),
        Vacation("eigen", D(2026, 3, 2), D(2026, 3, 6)),
    ]
    cal = build_calendar(PO_HOURS, vacations, [], {2025})
    assert not cal.is_school_day(D(2026, 3, 4))
    assert cal.is_school_day(D(2026, 2, 16))


def test_onbekend_schooljaar_geeft_duidelijke_fout() -> None:
    cal = make_calendar()
    with pytest.raises(CalendarError, match="2030-2031"):
        cal.is_school_day(D(2030, 9, 2))


@pytest.mark.parametrize("region", list(Region))
def test_meegeleverde_ocw_vakanties_zijn_compleet(region: Region) -> None:
    years = load_shipped()
    assert {2024, 2025, 2026} <= set(years)
    for start_year in (2024, 2025, 2026):
        names = {v.name for v in years[start_year].vacations[region]}
        assert names == {
            "herfstvakantie",
            "kerstvakantie",
            "voorjaarsvakantie",
            "meivakantie",
            "zomervakantie",
        }
        for vacation in years[start_year].vacations[region]:
            assert vacation.start.weekday() == 5 and vacation.end.weekday() == 6
    cal = make_calendar(region=region)
    first = cal.first_school_day_on_or_after(D(2024, 8, 1))
    assert first is not None and first.month in (8, 9)
