"""Langdurig relatief verzuim (LRV) and thuiszitters 2a / 2b / absoluut verzuim.

Sources:
- seed 000_0f780dca5d4be8ea.txt §1.2.2 "Langdurig relatief verzuim": "Als een leerling langer dan
  4 weken afwezig is geweest, is de volgende melding een melding langdurig relatief verzuim. Deze
  voert u op zonder einddatum. De melding wordt pas afgesloten als de schoolgang hervat is."
- seed 002_116d4f78152f417a.txt §2b Langdurig relatief verzuim ("langer dan 4 weken ongeoorloofd
  verzuimt").
- seed 003_b5c3f7bcc2f8dd10.txt §7 "Verschillende groepen": "2a. Langdurig relatief verzuim van
  vier weken tot drie maanden; 2b. Langdurig relatief verzuim langer dan drie maanden";
  absoluut verzuim "al vanaf de eerste dag".
"""

from __future__ import annotations

import datetime as dt

from leerrecht.core.model import ExitReason, Sector, Soort, ThuiszitterGroup
from scenario_hulp import D, Scenario, absent, pupil


def test_lrv_na_meer_dan_vier_lesweken_zonder_einddatum(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 30))
    # 4 lesweken vanaf maandag 2 maart lopen tot en met vrijdag 27 maart.
    assert all(m.soort is Soort.ZESTIEN_UUR for m in scenario.at(D(2026, 3, 27)).meldingen)
    assert scenario.at(D(2026, 3, 27)).thuiszitter is None
    meldingen = scenario.at(D(2026, 3, 30)).meldingen
    lrv = meldingen[-1]
    assert lrv.soort is Soort.LRV
    assert lrv.end is None
    assert lrv.reached == D(2026, 3, 30)
    previous = meldingen[-2]
    assert previous.end is not None and lrv.begin == previous.end + dt.timedelta(days=1)
    # 5 werkdagen na 30 maart: 31 mrt, 1 en 2 apr, (Goede Vrijdag en Tweede paasdag vallen af) 7, 8 apr
    assert lrv.due == D(2026, 4, 8)


def test_lrv_blijft_open_en_er_volgen_geen_herhaalmeldingen(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 24))
    meldingen = scenario.at(D(2026, 4, 24)).meldingen
    assert [m.soort for m in meldingen].count(Soort.LRV) == 1
    assert meldingen[-1].soort is Soort.LRV and meldingen[-1].end is None
    assert all(m.end is not None and m.end < D(2026, 3, 30) for m in meldingen[:-1])


def test_lrv_wordt_afgesloten_als_de_schoolgang_hervat(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    result = scenario.at(D(2026, 4, 15))  # 13 april weer op school
    lrv = result.meldingen[-1]
    assert lrv.soort is Soort.LRV
    assert lrv.end == D(2026, 4, 10)
    assert "hervat" in lrv.explanation.text
    assert result.thuiszitter is None


def test_thuiszitter_2a_van_vier_weken_tot_drie_maanden(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 6, 2))
    result = scenario.at(D(2026, 3, 30))
    assert result.thuiszitter is not None
    assert result.thuiszitter.group is ThuiszitterGroup.LRV_2A
    assert result.thuiszitter.since == D(2026, 3, 2)
    assert scenario.at(D(2026, 6, 2)).thuiszitter.group is ThuiszitterGroup.LRV_2A  # type: ignore[union-attr]


def test_thuiszitter_2b_na_meer_dan_drie_maanden(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 6, 3))
    result = scenario.at(D(2026, 6, 3))
    assert result.thuiszitter is not None
    assert result.thuiszitter.group is ThuiszitterGroup.LRV_2B


def test_lrv_loopt_door_over_een_vakantie(scenario: Scenario) -> None:
    # 2 feb t/m 9 maart, met de voorjaarsvakantie ertussen: een aaneengesloten reeks.
    scenario.absent_days(D(2026, 2, 2), D(2026, 3, 9))
    result = scenario.at(D(2026, 3, 9))
    assert result.meldingen[-1].soort is Soort.LRV
    assert result.meldingen[-1].reached == D(2026, 3, 9)
    assert not any(m.soort is Soort.LUXE for m in result.meldingen)


def test_een_aanwezige_dag_onderbreekt_de_reeks(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 13))
    scenario.absent_days(D(2026, 3, 17), D(2026, 4, 2))  # 16 maart aanwezig
    result = scenario.at(D(2026, 4, 2))
    assert not any(m.soort is Soort.LRV for m in result.meldingen)
    assert result.thuiszitter is None


def test_achttienplusser_krijgt_18plus_in_plaats_van_lrv_en_is_geen_thuiszitter() -> None:
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2007, 9, 1)))
    s.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    result = s.at(D(2026, 4, 10))
    assert {m.soort for m in result.meldingen} == {Soort.ACHTTIEN_PLUS}
    assert result.meldingen[-1].end is None
    assert result.thuiszitter is None


def test_absoluut_verzuim_vanaf_de_eerste_dag_na_uitschrijving() -> None:
    s = Scenario(who=pupil(enrolled_from=D(2020, 8, 1), enrolled_until=D(2026, 1, 30)))
    result = s.at(D(2026, 2, 2))
    assert result.thuiszitter is not None
    assert result.thuiszitter.group is ThuiszitterGroup.ABSOLUUT
    assert result.thuiszitter.since == D(2026, 1, 31)


def test_geen_absoluut_verzuim_met_aansluitende_nieuwe_inschrijving() -> None:
    s = Scenario(
        who=pupil(
            enrolled_until=D(2026, 1, 30),
            exit_reason=ExitReason.NIEUWE_SCHOOL,
            next_enrolment_from=D(2026, 1, 31),
        )
    )
    result = s.at(D(2026, 2, 2))
    assert result.thuiszitter is None
    assert result.checks == ()


def test_geen_absoluut_verzuim_bij_emigratie_of_vrijstelling() -> None:
    for reason in (ExitReason.EMIGRATIE, ExitReason.VRIJSTELLING):
        s = Scenario(who=pupil(enrolled_until=D(2026, 1, 30), exit_reason=reason))
        assert s.at(D(2026, 2, 2)).thuiszitter is None


def test_niet_meer_leerplichtig_na_uitschrijving_is_geen_absoluut_verzuim() -> None:
    s = Scenario(
        sector=Sector.VO,
        who=pupil(birth=D(2007, 9, 1), startkwalificatie=True, enrolled_until=D(2026, 1, 30)),
    )
    assert s.at(D(2026, 2, 2)).thuiszitter is None


def test_lrv_dagen_zijn_het_hele_verzuim_van_de_periode(scenario: Scenario) -> None:
    scenario.registrations += [absent(d) for d in scenario.days(D(2026, 3, 2), D(2026, 4, 3))]
    lrv = scenario.at(D(2026, 4, 3)).meldingen[-1]
    assert lrv.soort is Soort.LRV
    assert lrv.hours == sum(
        scenario.calendar.scheduled_hours(d) for d in scenario.days(lrv.begin, D(2026, 4, 3))
    )
