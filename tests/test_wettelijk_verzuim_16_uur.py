"""Wettelijk verzuim: 16 uur ongeoorloofd verzuim in 4 lesweken, en de herhaalmelding.

Sources:
- Lpw art. 21a; seed 000_0f780dca5d4be8ea.txt §1.2.2 "16 uur in 4 weken": "scholen verplicht
  zijn om verzuim van 16 uur in 4 weken binnen 5 werkdagen te melden ... De begindatum is de dag
  waarop het verzuim begint. De einddatum is ... de dag dat 16 uur is bereikt. De melding wordt
  gedaan, zodra 16 uur verzuim bereikt is, dus niet na afloop van de 4 weken!"
- seed 000 §1.2.2 "Herhaalmelding": "Na het doen van de melding begint direct een nieuwe
  teltermijn ... De herhaalmeldingen moeten wel aansluitend zijn, dus de begindatum is dus altijd
  de eerstvolgende dag na de einddatum van de vorige meldingen. De laatste schooldag voor de
  vakantie en de eerste schooldag na de vakantie worden wettelijk gezien als twee opeenvolgende
  dagen."
- seed 002_116d4f78152f417a.txt §2b Wettelijk verzuim.

Calendar: PO school, regio zuid, 2025-2026 (ma/di/do/vr 5.5 uur, wo 3.75 uur).
"""

from __future__ import annotations

import itertools

from leerrecht.core.absence import Reason
from leerrecht.core.model import Sector, Soort
from scenario_hulp import D, Scenario, absent, late, pupil


def test_precies_16_uur_geeft_melding_op_de_dag_dat_16_uur_bereikt_is(scenario: Scenario) -> None:
    scenario.registrations += [
        absent(D(2026, 3, 2)),
        absent(D(2026, 3, 3)),
        absent(D(2026, 3, 5), hours=5),
    ]
    assert scenario.at(D(2026, 3, 4)).meldingen == ()  # 11 uur: nog niet
    (melding,) = scenario.at(D(2026, 3, 5)).meldingen
    assert melding.soort is Soort.ZESTIEN_UUR
    assert melding.hours == 16.0
    assert (melding.begin, melding.end, melding.reached) == (
        D(2026, 3, 2),
        D(2026, 3, 5),
        D(2026, 3, 5),
    )
    assert melding.due == D(2026, 3, 12)  # 5 werkdagen
    assert melding.sequence == 1
    assert "16 uur" in melding.explanation.text
    assert [r.date for r in melding.explanation.absences] == [
        D(2026, 3, 2),
        D(2026, 3, 3),
        D(2026, 3, 5),
    ]
    assert any("§1.2.2" in str(s) for s in melding.explanation.sources)


def test_net_onder_16_uur_geeft_geen_melding(scenario: Scenario) -> None:
    scenario.registrations += [
        absent(D(2026, 3, 2)),
        absent(D(2026, 3, 3)),
        absent(D(2026, 3, 5), hours=4.99),
    ]
    assert scenario.at(D(2026, 6, 30)).meldingen == ()


def test_16_uur_moet_binnen_4_lesweken_vallen(scenario: Scenario) -> None:
    # 2 maart + 16 maart + 30 maart: 30 maart valt buiten 4 lesweken vanaf 2 maart.
    scenario.registrations += [
        absent(D(2026, 3, 2)),
        absent(D(2026, 3, 16)),
        absent(D(2026, 3, 30)),
    ]
    assert scenario.at(D(2026, 4, 30)).meldingen == ()


def test_16_uur_in_de_vierde_lesweek_telt_wel(scenario: Scenario) -> None:
    scenario.registrations += [
        absent(D(2026, 3, 2)),
        absent(D(2026, 3, 16)),
        absent(D(2026, 3, 27)),
    ]
    (melding,) = scenario.at(D(2026, 3, 27)).meldingen
    assert (melding.begin, melding.end) == (D(2026, 3, 2), D(2026, 3, 27))


def test_vakantieweken_tellen_niet_als_lesweek(scenario: Scenario) -> None:
    # 27 jan, 3 feb en 26 feb: 30 kalenderdagen, maar binnen 4 lesweken omdat de
    # voorjaarsvakantie (14-22 feb) geen lesweek is.
    scenario.registrations += [
        absent(D(2026, 1, 27)),
        absent(D(2026, 2, 3)),
        absent(D(2026, 2, 26)),
    ]
    (melding,) = scenario.at(D(2026, 2, 26)).meldingen
    assert (melding.begin, melding.end, melding.hours) == (D(2026, 1, 27), D(2026, 2, 26), 16.5)


def test_begindatum_is_eerste_verzuimdag_van_de_periode(scenario: Scenario) -> None:
    # Een los uur in januari valt buiten het venster; de periode begint op 2 maart.
    scenario.registrations += [
        absent(D(2026, 1, 13), hours=1),
        absent(D(2026, 3, 2)),
        absent(D(2026, 3, 3)),
        absent(D(2026, 3, 5)),
    ]
    (melding,) = scenario.at(D(2026, 3, 5)).meldingen
    assert melding.begin == D(2026, 3, 2)


def test_herhaalmelding_sluit_aan_op_de_vorige_einddatum(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 1, 12), D(2026, 1, 20))
    first, second = scenario.at(D(2026, 1, 20)).meldingen
    # 12 jan 5.5 + 13 jan 5.5 + 14 jan 3.75 + 15 jan 5.5 = 20.25 -> bereikt op 15 januari
    assert (first.begin, first.end, first.sequence) == (D(2026, 1, 12), D(2026, 1, 15), 1)
    assert second.sequence == 2
    assert second.begin == D(2026, 1, 16)  # de dag na de vorige einddatum
    assert second.explanation.rule == "herhaalmelding"
    # 16 januari: 5.5 uur, pas 16 uur op dinsdag 20 januari (vr 5.5 + ma 5.5 + di 5.5)
    assert scenario.at(D(2026, 1, 19)).meldingen == (first,)


def test_herhaalmelding_volgt_elke_keer_dat_opnieuw_16_uur_bereikt_is(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 1, 12), D(2026, 1, 26))
    meldingen = scenario.at(D(2026, 1, 26)).meldingen
    assert [m.sequence for m in meldingen] == [1, 2, 3]
    for previous, current in itertools.pairwise(meldingen):
        assert previous.end is not None
        assert (current.begin - previous.end).days == 1
        assert current.hours >= 16


def test_herhaalmelding_over_een_vakantie_heen(scenario: Scenario) -> None:
    # Melding bereikt op donderdag 12 feb; daarna vrijdag 13 feb en na de vakantie.
    scenario.registrations += [
        absent(D(2026, 2, 9)),
        absent(D(2026, 2, 10)),
        absent(D(2026, 2, 12)),
    ]
    scenario.registrations += [
        absent(D(2026, 2, 24)),
        absent(D(2026, 2, 25)),
        absent(D(2026, 2, 26)),
        absent(D(2026, 2, 27)),
    ]
    first, second = scenario.at(D(2026, 2, 27)).meldingen
    assert first.end == D(2026, 2, 12)
    assert second.begin == D(2026, 2, 13)
    assert second.sequence == 2
    assert second.end == D(2026, 2, 27)  # 5.5 + 3.75 + 5.5 + 5.5 na de vakantie
    assert second.hours == 20.25


def test_zonder_nieuw_verzuim_eindigt_de_reeks_en_begint_later_opnieuw_bij_1(
    scenario: Scenario,
) -> None:
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    scenario.registrations += [absent(D(2026, 6, 1)), absent(D(2026, 6, 2)), absent(D(2026, 6, 4))]
    first, later = scenario.at(D(2026, 6, 30)).meldingen
    assert first.sequence == 1 and later.sequence == 1
    assert later.begin == D(2026, 6, 1)


def test_te_laat_komen_telt_mee_met_de_gemiste_lestijd(scenario: Scenario) -> None:
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 11))
    scenario.registrations += [late(d, 2.0) for d in days]
    (melding,) = scenario.at(D(2026, 3, 11)).meldingen
    assert melding.hours == 16.0
    assert melding.end == days[7]


def test_te_laat_zonder_uren_telt_nul_uur(scenario: Scenario) -> None:
    scenario.registrations += [late(d, None) for d in scenario.days(D(2026, 3, 2), D(2026, 3, 31))]
    assert scenario.at(D(2026, 3, 31)).meldingen == ()


def test_geoorloofd_verzuim_telt_niet(scenario: Scenario) -> None:
    for reason in (
        Reason.ZIEK,
        Reason.ARTS,
        Reason.VERLOF,
        Reason.VRIJSTELLING,
        Reason.OVERIG_GEOORLOOFD,
    ):
        scenario.absent_days(D(2026, 3, 2), D(2026, 3, 6), reason)
        assert scenario.at(D(2026, 3, 31)).meldingen == (), reason
        scenario.registrations.clear()


def test_ziek_niet_volgens_afspraken_gemeld_is_ongeoorloofd(scenario: Scenario) -> None:
    """seed 003 §6: 'Ziekte niet gemeld volgens de afspraken' is ongeoorloofd."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 5), Reason.ZIEK_NIET_GEMELD)
    (melding,) = scenario.at(D(2026, 3, 5)).meldingen
    assert melding.soort is Soort.ZESTIEN_UUR


def test_een_geschorste_leerling_is_niet_afwezig(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 6), Reason.SCHORSING)
    assert scenario.at(D(2026, 3, 31)).meldingen == ()


def test_registraties_na_de_peildatum_tellen_niet(scenario: Scenario) -> None:
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    assert scenario.at(D(2026, 3, 3)).meldingen == ()


def test_meldtermijn_telt_werkdagen_zonder_feestdagen(scenario: Scenario) -> None:
    # 16 uur bereikt op donderdag 23 april; vrijdag 24 april valt de meivakantie niet in,
    # werkdagen: 24, 28, 29, 30 april en 1 mei (Koningsdag 27 april valt af).
    scenario.registrations += [
        absent(D(2026, 4, 20)),
        absent(D(2026, 4, 21)),
        absent(D(2026, 4, 23)),
    ]
    (melding,) = scenario.at(D(2026, 4, 23)).meldingen
    assert melding.due == D(2026, 5, 1)


def test_nog_niet_leerplichtige_vierjarige_geeft_geen_melding() -> None:
    s = Scenario(who=pupil(birth=D(2021, 6, 10)))  # 5 jaar op 10 juni 2026
    s.absent_days(D(2026, 3, 2), D(2026, 3, 13))
    assert s.at(D(2026, 3, 13)).meldingen == ()


def test_18_plus_zonder_startkwalificatie_krijgt_18plus_melding() -> None:
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2007, 9, 1)))
    s.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    (melding,) = s.at(D(2026, 3, 5)).meldingen
    assert melding.soort is Soort.ACHTTIEN_PLUS
    assert "18+" in melding.explanation.text


def test_18_plus_met_startkwalificatie_geeft_geen_melding() -> None:
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2007, 9, 1), startkwalificatie=True))
    s.absent_days(D(2026, 3, 2), D(2026, 3, 13))
    assert s.at(D(2026, 3, 13)).meldingen == ()


def test_kwalificatieplichtige_17_jarige_krijgt_gewone_melding() -> None:
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2008, 11, 5)))
    s.absent_days(D(2026, 3, 2), D(2026, 3, 4))
    (melding,) = s.at(D(2026, 3, 4)).meldingen
    assert melding.soort is Soort.ZESTIEN_UUR  # 6 + 6 + 6 = 18 uur in VO


def test_lopende_uren_tellen_naar_de_volgende_melding(scenario: Scenario) -> None:
    """'Nadert de grens': de ongeoorloofde uren in de lopende 4 lesweken die nog niet gemeld zijn."""
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3))]
    assert scenario.at(D(2026, 3, 4)).lopende_uren == 11.0
    scenario.registrations.append(absent(D(2026, 3, 5)))
    assert scenario.at(D(2026, 3, 5)).lopende_uren == 0.0  # gemeld: de teller begint opnieuw
    assert scenario.at(D(2026, 4, 30)).lopende_uren == 0.0  # buiten de 4 lesweken
