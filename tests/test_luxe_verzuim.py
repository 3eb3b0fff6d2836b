"""Luxe verzuim and the doubtful sick report next to a vacation.

Sources:
- seed 000_0f780dca5d4be8ea.txt §1.2.2 "Luxe verzuim": "zonder toestemming van school of BLD
  buiten de vastgestelde schoolvakanties om van school wordt verzuimd. Bij het vermoeden van
  luxe verzuim is het de taak van school om dit te melden ... er is geen minimum aantal uren."
- seed 002_116d4f78152f417a.txt §2b Luxe verzuim.
- seed 000 §1.1.1 "Ziekteverzuim direct na een vakantieperiode": "Bij een ziekmelding direct
  voorafgaand of aansluitend aan een schoolvakantie is het belangrijk te overwegen om dit als
  signaal van twijfelachtig ziekteverzuim via DUO te melden."
Voorjaarsvakantie regio zuid: 14 t/m 22 februari 2026.
"""

from __future__ import annotations

from leerrecht.core.absence import Reason
from leerrecht.core.model import Soort, Verlof, VerlofSoort, VerlofStatus
from scenario_hulp import D, Scenario, absent


def test_een_uur_ongeoorloofd_voor_de_vakantie_is_luxe_verzuim(scenario: Scenario) -> None:
    scenario.registrations.append(absent(D(2026, 2, 13), hours=1))
    (melding,) = scenario.at(D(2026, 2, 13)).meldingen
    assert melding.soort is Soort.LUXE
    assert melding.hours == 1
    assert (melding.begin, melding.end) == (D(2026, 2, 13), D(2026, 2, 13))
    assert melding.due == D(2026, 2, 20)
    assert "voor de voorjaarsvakantie" in melding.explanation.text
    assert "geen minimum" in melding.explanation.text


def test_ongeoorloofd_op_de_eerste_dag_na_de_vakantie_is_luxe_verzuim(scenario: Scenario) -> None:
    scenario.registrations.append(absent(D(2026, 2, 23)))
    (melding,) = scenario.at(D(2026, 2, 23)).meldingen
    assert melding.soort is Soort.LUXE
    assert "na de voorjaarsvakantie" in melding.explanation.text


def test_eerder_op_vakantie_is_een_luxe_melding_en_geen_16_uur(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 2, 10), D(2026, 2, 13))  # 20.25 uur
    (melding,) = scenario.at(D(2026, 2, 13)).meldingen
    assert melding.soort is Soort.LUXE
    assert (melding.begin, melding.end, melding.hours) == (D(2026, 2, 10), D(2026, 2, 13), 20.25)


def test_toegekend_verlof_is_geen_luxe_verzuim() -> None:
    s = Scenario(
        verloven=[
            Verlof(
                "p1", VerlofSoort.VAKANTIE, D(2026, 2, 12), D(2026, 2, 13), VerlofStatus.TOEGEKEND
            )
        ]
    )
    s.registrations.append(absent(D(2026, 2, 13), Reason.VERLOF))
    assert s.at(D(2026, 2, 28)).meldingen == ()


def test_afgewezen_verlof_en_toch_weg_is_luxe_verzuim() -> None:
    s = Scenario(
        verloven=[
            Verlof(
                "p1", VerlofSoort.VAKANTIE, D(2026, 2, 12), D(2026, 2, 13), VerlofStatus.AFGEWEZEN
            )
        ]
    )
    s.registrations += [absent(D(2026, 2, 12)), absent(D(2026, 2, 13))]
    (melding,) = s.at(D(2026, 2, 28)).meldingen
    assert melding.soort is Soort.LUXE


def test_als_luxe_geregistreerd_buiten_een_vakantiegrens(scenario: Scenario) -> None:
    scenario.registrations.append(absent(D(2026, 3, 4), Reason.LUXE))
    (melding,) = scenario.at(D(2026, 3, 4)).meldingen
    assert melding.soort is Soort.LUXE
    assert "geregistreerd als luxe verzuim" in melding.explanation.text


def test_luxe_uren_worden_niet_nog_eens_als_16_uur_gemeld(scenario: Scenario) -> None:
    # 9 en 10 feb (11 uur), 13 feb luxe, 24 feb 5.5 uur: zonder de luxe dag geen 16 uur in één periode.
    scenario.registrations += [
        absent(D(2026, 2, 9)),
        absent(D(2026, 2, 10)),
        absent(D(2026, 2, 13)),
        absent(D(2026, 2, 24)),
    ]
    meldingen = scenario.at(D(2026, 2, 28)).meldingen
    assert [m.soort for m in meldingen] == [Soort.LUXE]


def test_ziekmelding_voor_de_vakantie_is_een_signaal_en_nooit_een_melding(
    scenario: Scenario,
) -> None:
    scenario.registrations.append(absent(D(2026, 2, 13), Reason.ZIEK))
    result = scenario.at(D(2026, 2, 28))
    assert result.meldingen == ()
    (check,) = result.checks
    assert check.kind == "twijfelachtig_ziekteverzuim"
    assert check.severity == "overwegen"
    assert "geen automatische melding" in check.explanation.text
    assert any("§1.1.1" in str(s) for s in check.explanation.sources)


def test_ziekmelding_midden_in_een_lesweek_geeft_geen_signaal(scenario: Scenario) -> None:
    scenario.registrations.append(absent(D(2026, 3, 4), Reason.ZIEK))
    assert scenario.at(D(2026, 3, 31)).checks == ()


def test_luxe_melding_blijft_staan_als_het_verzuim_na_de_vakantie_langer_wordt(
    scenario: Scenario,
) -> None:
    """De melding is nodig op de eerste schooldag na de vakantie; een tweede afwezige dag maakt
    de periode langer maar verschuift het moment niet (anders verdwijnt hij van de werklijst)."""
    scenario.registrations.append(absent(D(2026, 2, 23)))
    (first,) = scenario.at(D(2026, 2, 23)).meldingen
    scenario.registrations.append(absent(D(2026, 2, 24)))
    (longer,) = scenario.at(D(2026, 2, 24)).meldingen
    assert first.reached == longer.reached == D(2026, 2, 23)
    assert longer.end == D(2026, 2, 24)
