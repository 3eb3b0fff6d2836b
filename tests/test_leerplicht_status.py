"""Leerplicht and kwalificatieplicht at a date.

Sources: Lpw art. 3, 4, 4a; seed 003_b5c3f7bcc2f8dd10.txt bijlage 1 ("Leerplicht geldt ... vanaf
de eerste dag van de maand nadat een kind 5 jaar is geworden tot het einde van het schooljaar
waarin het kind 16 jaar is geworden, of tot het einde van twaalf volledige schooljaren. De
basisschoolperiode telt mee voor acht jaar"; "Kwalificatieplicht ... totdat de leerling een
startkwalificatie heeft gehaald of 18 jaar is").
"""

from __future__ import annotations

from leerrecht.core.leerplicht import (
    Leerplicht,
    age_on,
    leerplicht_periods,
    leerplicht_start,
    melding_category,
)
from scenario_hulp import D, make_calendar


def test_leerplichtig_vanaf_eerste_schooldag_van_de_maand_na_vijfde_verjaardag() -> None:
    cal = make_calendar()
    # 5 jaar op 10 september 2025 -> leerplichtig vanaf de eerste schooldag van oktober
    assert leerplicht_start(D(2020, 9, 10), cal) == D(2025, 10, 1)
    periods = leerplicht_periods(D(2020, 9, 10), calendar=cal)
    assert periods.status(D(2025, 9, 30)) is Leerplicht.NIET_LEERPLICHTIG
    assert periods.status(D(2025, 10, 1)) is Leerplicht.LEERPLICHTIG


def test_eerste_schooldag_van_de_maand_valt_na_een_vakantie_of_weekend() -> None:
    cal = make_calendar()
    # 5 jaar in december 2025 -> 1 januari 2026 is kerstvakantie; eerste schooldag 5 januari
    assert leerplicht_start(D(2020, 12, 3), cal) == D(2026, 1, 5)


def test_volledige_leerplicht_eindigt_aan_eind_van_schooljaar_waarin_16() -> None:
    periods = leerplicht_periods(D(2010, 3, 1))
    assert periods.full_end == D(2026, 7, 31)
    assert periods.status(D(2026, 7, 31)) is Leerplicht.LEERPLICHTIG
    assert periods.status(D(2026, 8, 1)) is Leerplicht.KWALIFICATIEPLICHTIG


def test_twaalf_volledige_schooljaren_gaan_voor_als_eerder() -> None:
    # Geboren oktober 2009, basisschool telt als 8 jaar, vo vanaf augustus 2021:
    # 12 schooljaren vol op 31 juli 2025; 16 jaar in oktober 2025 -> einde schooljaar 2026.
    periods = leerplicht_periods(D(2009, 10, 20), vo_start=D(2021, 8, 20))
    assert periods.full_end == D(2025, 7, 31)
    assert "twaalf" in periods.full_end_reason
    assert periods.status(D(2025, 9, 1)) is Leerplicht.KWALIFICATIEPLICHTIG


def test_kwalificatieplichtig_tot_de_achttiende_verjaardag() -> None:
    periods = leerplicht_periods(D(2008, 11, 5))
    assert periods.status(D(2026, 11, 4)) is Leerplicht.KWALIFICATIEPLICHTIG
    assert periods.status(D(2026, 11, 5)) is Leerplicht.NIET_LEERPLICHTIG


def test_startkwalificatie_beeindigt_de_kwalificatieplicht() -> None:
    periods = leerplicht_periods(D(2008, 11, 5), startkwalificatie=True)
    assert periods.status(D(2025, 9, 1)) is Leerplicht.NIET_LEERPLICHTIG
    assert periods.status(D(2024, 9, 1)) is Leerplicht.LEERPLICHTIG


def test_melding_categorie_18plus_zonder_startkwalificatie() -> None:
    birth = D(2007, 1, 10)
    periods = leerplicht_periods(birth)
    assert melding_category(birth, D(2025, 1, 9), periods, False) == "leerplicht"
    assert melding_category(birth, D(2025, 1, 10), periods, False) == "18plus"
    assert melding_category(birth, D(2025, 1, 10), periods, True) is None
    assert melding_category(birth, D(2030, 1, 10), periods, False) is None  # 23 jaar


def test_geboren_op_29_februari() -> None:
    assert age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18


def test_status_legt_zichzelf_uit() -> None:
    periods = leerplicht_periods(D(2010, 3, 1))
    assert "2026-07-31" in periods.explain(D(2026, 3, 1))
    assert "16 wordt" in periods.explain(D(2026, 3, 1))
    assert "kwalificatieplichtig tot en met 2028-02-29" in periods.explain(D(2026, 9, 1))
    assert "Nog niet leerplichtig" in leerplicht_periods(D(2021, 6, 10)).explain(D(2026, 3, 1))
