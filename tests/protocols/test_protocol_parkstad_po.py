"""Scenario tests for protocol parkstad-po: every step is reached exactly on the expected day.

Source: shared/seeds/000_0f780dca5d4be8ea.txt (Handreiking schoolverzuim PO en SO, BLD Parkstad
2025-2026), bijlage 3 (verzuimkaart), §1.1.1, §3 and §4.2. Calendar: PO school in regio zuid
(ma/di/do/vr 5.5 uur, wo 3.75 uur), voorjaarsvakantie 14-22 februari 2026.
"""

from __future__ import annotations

from leerrecht.core.absence import Reason
from leerrecht.core.model import Soort
from scenario_hulp import D, Scenario, absent, late, pupil

P = "parkstad-po"


def test_zes_keer_te_laat(scenario: Scenario) -> None:
    """bijlage 3: 'Leerling komt zes keer te laat ... (overig verzuim)'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 9))  # 6 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "te-laat-6x", days[5])
    assert signal.melding is None  # melden is een mogelijkheid
    assert any(a.actor == "school" and "Waarschuwingsbrief" in a.text for a in signal.actions)
    assert "bijlage 3" in signal.source


def test_twee_keer_te_laat_op_een_dag_is_een_keer(scenario: Scenario) -> None:
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 6))
    scenario.registrations += [late(d, 0.25) for d in days for _ in range(2)]
    assert scenario.reached_on(P, "te-laat-6x", D(2026, 3, 6)) == []


def test_tien_keer_te_laat_geeft_melding_overig(scenario: Scenario) -> None:
    """bijlage 3: 'Leerling komt tien keer te laat ... Melding via digitaal verzuimloket DUO (overig verzuim)'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 13))  # 10 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "te-laat-10x", days[9])
    assert signal.melding is Soort.OVERIG
    overig = [m for m in scenario.at(days[9], P).meldingen if m.soort is Soort.OVERIG]
    assert [m.end for m in overig] == [days[9]]
    assert overig[0].due == D(2026, 3, 20)


def test_twaalf_keer_te_laat_halt_mogelijk(scenario: Scenario) -> None:
    """bijlage 3: 'Na officiële waarschuwing kan vanaf 12 x te laat een Halt-verwijzing plaatsvinden'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 17))
    scenario.registrations += [late(d, 0.25) for d in days[:12]]
    signal = scenario.assert_reached_exactly(P, "te-laat-halt-12x", days[11])
    assert any("Halt" in a.text for a in signal.actions)


def test_te_laat_telt_per_schooljaar(scenario: Scenario) -> None:
    """Keuze (bijlage 3 noemt geen telperiode): per schooljaar; één keer per schooljaar bereikt."""
    spring = scenario.days(D(2026, 6, 1), D(2026, 6, 8))
    autumn = scenario.days(D(2026, 9, 7), D(2026, 9, 14))
    scenario.registrations += [late(d, 0.25) for d in spring[:3] + autumn[:3]]
    assert scenario.reached_on(P, "te-laat-6x", D(2026, 9, 30)) == []
    scenario.registrations += [late(d, 0.25) for d in autumn[3:6]]
    assert scenario.reached_on(P, "te-laat-6x", D(2026, 9, 30)) == [autumn[5]]


def test_een_of_enkele_uren(scenario: Scenario) -> None:
    """bijlage 3: 'Leerling verzuimt een of enkele uren (maar minder dan 16 uur in 4 weken)'."""
    scenario.registrations.append(absent(D(2026, 3, 4), hours=1))
    signal = scenario.assert_reached_exactly(P, "enkele-uren", D(2026, 3, 4))
    assert signal.melding is None
    # nieuw verzuim binnen dezelfde 4 lesweken geeft geen tweede signaal, daarna wel
    scenario.registrations.append(absent(D(2026, 3, 10), hours=2))
    assert scenario.reached_on(P, "enkele-uren", D(2026, 3, 31)) == [D(2026, 3, 4)]
    scenario.registrations.append(absent(D(2026, 4, 7), hours=1))
    assert scenario.reached_on(P, "enkele-uren", D(2026, 4, 30)) == [D(2026, 3, 4), D(2026, 4, 7)]


def test_16_uur_in_4_weken(scenario: Scenario) -> None:
    """bijlage 3: 'Leerling verzuimt 16 uur in 4 weken ... Melding via digitaal verzuimloket DUO (wettelijk verzuim)'."""
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    signal = scenario.assert_reached_exactly(P, "wettelijk-16-uur", D(2026, 3, 5))
    assert signal.melding is Soort.ZESTIEN_UUR
    assert any("Niet meer dan 1x per week" in a.text for a in signal.actions)


def test_lrv_thuiszitter_na_28_dagen(scenario: Scenario) -> None:
    """bijlage 3: 'Langdurig relatief verzuim 18- (na 28 dagen volledige afwezigheid: Thuiszitter)'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    # 2 maart + 28 dagen = 29 maart (zondag): de eerste schooldag daarna is 30 maart
    signal = scenario.assert_reached_exactly(P, "lrv-thuiszitter", D(2026, 3, 30))
    assert signal.melding is Soort.LRV
    assert scenario.reached_on(P, "lrv-thuiszitter", D(2026, 4, 10)) == [
        D(2026, 3, 30)
    ]  # één keer per reeks


def test_thuiszitter_regionale_afspraak_telt_ook_ziekte(scenario: Scenario) -> None:
    """§3 'Regionale afspraak': 4 weken of langer niet deelnemen aan onderwijs, geoorloofd en ongeoorloofd."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10), Reason.ZIEK)
    signal = scenario.assert_reached_exactly(P, "thuiszitter-regionaal", D(2026, 3, 30))
    assert {a.actor for a in signal.actions} >= {"school", "leerplicht", "swv"}
    assert scenario.reached_on(P, "lrv-thuiszitter", D(2026, 4, 10)) == []  # ziek is geen LRV


def test_lrv_18_plus() -> None:
    """bijlage 3: 'Langdurig relatief verzuim 18+ (meer dan 4 weken onafgebroken) (DSP 18+ verzuim)'."""
    s = Scenario(who=pupil(birth=D(2007, 9, 1)))
    s.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    signal = s.assert_reached_exactly(P, "lrv-18plus", D(2026, 3, 30))
    assert signal.melding is Soort.ACHTTIEN_PLUS


def test_ziekte_langer_dan_7_dagen(scenario: Scenario) -> None:
    """bijlage 3: 'Ziekteverzuim vroegtijdig signaleren (M@ZL Criteria): Langdurig (meer dan 7 dagen)'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 13), Reason.ZIEK)
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 13))
    signal = scenario.assert_reached_exactly(P, "ziekte-mazl", days[7])  # de achtste schooldag
    assert signal.melding is None
    assert any(a.actor == "jgz" for a in signal.actions)


def test_ziekte_vaker_dan_4_keer_in_12_weken(scenario: Scenario) -> None:
    """bijlage 3: '... of frequent (meer dan 4x in 12 weken)'."""
    sick = [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23), D(2026, 3, 30)]
    scenario.registrations += [absent(d, Reason.ZIEK) for d in sick]
    scenario.assert_reached_exactly(P, "ziekte-mazl", D(2026, 3, 30))


def test_luxe_verzuim(scenario: Scenario) -> None:
    """bijlage 3: 'Luxe verzuim: vrije dag(en) zonder toestemming directeur'."""
    scenario.registrations.append(absent(D(2026, 2, 13)))
    signal = scenario.assert_reached_exactly(P, "luxe-verzuim", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE


def test_ziekmelding_rond_vakantie(scenario: Scenario) -> None:
    """§1.1.1 'Ziekteverzuim direct na een vakantieperiode'."""
    scenario.registrations.append(absent(D(2026, 2, 23), Reason.ZIEK))
    signal = scenario.assert_reached_exactly(P, "ziek-rond-vakantie", D(2026, 2, 23))
    assert signal.melding is None
    assert scenario.at(D(2026, 2, 28), P).meldingen == ()


def test_uitschrijving_zonder_inschrijving() -> None:
    """bijlage 3: 'Uitschrijving zonder inschrijving: neem direct rechtstreeks contact op met de consulent leerrecht'."""
    s = Scenario(who=pupil(enrolled_from=D(2020, 8, 1), enrolled_until=D(2026, 1, 30)))
    s.registrations.append(absent(D(2026, 1, 12), Reason.ZIEK))
    signal = s.assert_reached_exactly(P, "uitschrijving-zonder-inschrijving", D(2026, 1, 30))
    assert any(a.actor == "leerplicht" for a in signal.actions)


def test_protocol_laat_de_wettelijke_meldingen_staan(scenario: Scenario) -> None:
    """De wet is de ondergrens: met of zonder protocol dezelfde wettelijke meldingen."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    without = scenario.at(D(2026, 4, 10)).meldingen
    with_protocol = [
        m for m in scenario.at(D(2026, 4, 10), P).meldingen if m.soort is not Soort.OVERIG
    ]
    assert tuple(with_protocol) == without


def test_elke_stap_heeft_een_test() -> None:
    from leerrecht.core.protocols.loader import load_protocol

    tested = {
        "te-laat-6x", "te-laat-10x", "te-laat-halt-12x", "enkele-uren", "wettelijk-16-uur",
        "lrv-thuiszitter", "thuiszitter-regionaal", "lrv-18plus", "ziekte-mazl", "luxe-verzuim",
        "ziek-rond-vakantie", "uitschrijving-zonder-inschrijving",
    }  # fmt: skip
    assert {s.id for s in load_protocol(P).steps} == tested
