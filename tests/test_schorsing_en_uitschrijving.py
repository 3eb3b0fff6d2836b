"""Schorsing and uitschrijving.

Sources:
- seed 002_116d4f78152f417a.txt §2a Schorsing: "Een schorsing mag niet meer dan 5 dagen zijn. De
  school stuurt bij een schorsing van meer dan 1 dag een kopie van de schorsing naar de
  onderwijsinspectie en naar de leerplichtambtenaar. In het basisonderwijs ontvangt ook het
  samenwerkingsverband een kopie van de schorsing."
- seed 000_0f780dca5d4be8ea.txt §1.1.3: "Een leerling mag voor maximaal één week worden geschorst."
- seed 000 §4.2 Uitschrijving tot 18 jaar: "Uitschrijving één dag voordat de nieuwe
  schoolinschrijving of vrijstelling ingaat"; "Vertrekt de leerling maar is er geen nieuwe
  schoolinschrijving, mag de leerling niet worden uitgeschreven".
"""

from __future__ import annotations

from leerrecht.core.absence import Reason
from leerrecht.core.model import ExitReason, Sector
from scenario_hulp import D, Scenario, pupil


def test_schorsing_van_een_dag_hoeft_niet_gemeld(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 3), D(2026, 3, 3), Reason.SCHORSING)
    assert scenario.at(D(2026, 3, 31)).checks == ()


def test_schorsing_langer_dan_een_dag_naar_inspectie_leerplicht_en_swv_in_po(
    scenario: Scenario,
) -> None:
    scenario.absent_days(D(2026, 3, 3), D(2026, 3, 4), Reason.SCHORSING)
    (check,) = scenario.at(D(2026, 3, 31)).checks
    assert check.kind == "schorsing_melden"
    assert check.on == D(2026, 3, 4)
    texts = " ".join(a.text for a in check.actions)
    assert (
        "inspectie" in texts and "leerplichtambtenaar" in texts and "samenwerkingsverband" in texts
    )
    assert scenario.at(D(2026, 3, 31)).meldingen == ()  # geschorst is niet afwezig


def test_schorsing_in_vo_gaat_niet_naar_het_swv() -> None:
    s = Scenario(sector=Sector.VO)
    s.absent_days(D(2026, 3, 3), D(2026, 3, 5), Reason.SCHORSING)
    (check,) = s.at(D(2026, 3, 31)).checks
    assert "samenwerkingsverband" not in " ".join(a.text for a in check.actions)


def test_schorsing_langer_dan_vijf_schooldagen_is_niet_toegestaan(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 9), Reason.SCHORSING)  # 6 schooldagen
    kinds = {c.kind: c for c in scenario.at(D(2026, 3, 31)).checks}
    assert kinds["schorsing_te_lang"].severity == "fout"
    assert kinds["schorsing_te_lang"].on == D(2026, 3, 9)  # de zesde schooldag
    assert "schorsing_melden" in kinds


def test_schorsing_van_precies_vijf_schooldagen_mag(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 6), Reason.SCHORSING)
    assert [c.kind for c in scenario.at(D(2026, 3, 31)).checks] == ["schorsing_melden"]


def test_uitschrijven_zonder_nieuwe_school_mag_niet() -> None:
    s = Scenario(who=pupil(enrolled_until=D(2026, 1, 30)))
    (check,) = s.at(D(2026, 2, 2)).checks
    assert check.kind == "uitschrijving_niet_toegestaan"
    assert check.severity == "fout"


def test_uitschrijfdatum_moet_de_dag_voor_de_nieuwe_inschrijving_zijn() -> None:
    s = Scenario(
        who=pupil(
            enrolled_until=D(2026, 1, 30),
            exit_reason=ExitReason.NIEUWE_SCHOOL,
            next_enrolment_from=D(2026, 2, 9),
        )
    )
    result = s.at(D(2026, 2, 2))
    (check,) = result.checks
    assert "2026-02-08" in check.explanation.text
    assert result.thuiszitter is not None  # tussen de inschrijvingen: absoluut verzuim
    assert s.at(D(2026, 2, 9)).thuiszitter is None


def test_uitschrijving_in_de_toekomst_wordt_nog_niet_getoetst() -> None:
    s = Scenario(who=pupil(enrolled_until=D(2026, 6, 30)))
    assert s.at(D(2026, 2, 2)).checks == ()
