"""Scenario tests for protocol ijssel-vecht: every step is reached exactly on the expected day.

Source: shared/seeds/003_b5c3f7bcc2f8dd10.txt (Regionaal protocol IJssel-Vecht, Doorstroompunt;
PO, VO, MBO): §6 (schematische weergave van afwezigheid preventief melden) and §7 (the table
'Aard en omvang afwezigheid / School / Leerplichtambtenaar', the Werkwijzer voor de school and
the M@ZL 'Schema bij afwezigheid door ziekte'). Calendars: regio zuid; PO ma/di/do/vr 5.5 uur,
wo 3.75 uur; VO 6 uur per dag; voorjaarsvakantie 14-22 februari 2026, Tweede paasdag 6 april.
"""

from __future__ import annotations

import datetime as dt

from leerrecht.core.absence import Reason, Registration
from leerrecht.core.model import Melding, Sector, Soort
from scenario_hulp import D, Scenario, absent, late, pupil

P = "ijssel-vecht"


def lesson(day: dt.date, hours: float = 1.0) -> Registration:
    """One missed lesson (one registration of ``hours``), ongeoorloofd."""
    return absent(day, hours=hours)


def overig_meldingen(scenario: Scenario, as_of: dt.date) -> list[Melding]:
    return [m for m in scenario.at(as_of, P).meldingen if m.soort is Soort.OVERIG]


# -- §7 tabel: ongeoorloofd te laat of afwezig ------------------------------------------------


def test_iedere_keer_te_laat_of_een_uur_afwezig(scenario: Scenario) -> None:
    """§7 tabel, rij 'Iedere keer dat een leerling ongeoorloofd te laat komt of een uur afwezig is':
    school registreert als ongeoorloofd relatief verzuim en neemt een pedagogische maatregel."""
    scenario.registrations.append(late(D(2026, 3, 4), 0.25))
    signal = scenario.assert_reached_exactly(P, "te-laat-of-afwezig-keer", D(2026, 3, 4))
    assert signal.melding is None
    assert any("pedagogische maatregel" in a.text for a in signal.actions)
    # elke keer opnieuw: ook een uur afwezig op een latere dag
    scenario.registrations.append(lesson(D(2026, 3, 10)))
    assert scenario.reached_on(P, "te-laat-of-afwezig-keer", D(2026, 3, 9)) == [D(2026, 3, 4)]
    assert scenario.reached_on(P, "te-laat-of-afwezig-keer", D(2026, 3, 31)) == [
        D(2026, 3, 4),
        D(2026, 3, 10),
    ]


def test_keer_telt_geen_geoorloofde_afwezigheid(scenario: Scenario) -> None:
    """Ziek gemeld volgens de afspraken is geoorloofd (§6) en is geen 'keer'."""
    scenario.registrations.append(absent(D(2026, 3, 4), Reason.ZIEK))
    assert scenario.reached_on(P, "te-laat-of-afwezig-keer", D(2026, 3, 31)) == []


def test_ziekte_niet_gemeld_volgens_afspraken_telt_als_keer(scenario: Scenario) -> None:
    """§6 rij 'Ziekte niet gemeld volgens de afspraken': ongeoorloofd (overig verzuim). Keuze: geen
    eigen stap; het telt als een keer in de §7-tabel."""
    scenario.registrations.append(absent(D(2026, 3, 4), Reason.ZIEK_NIET_GEMELD))
    scenario.assert_reached_exactly(P, "te-laat-of-afwezig-keer", D(2026, 3, 4))


def test_meer_dan_4_keer(scenario: Scenario) -> None:
    """§7 tabel, rij 'Meer dan 4 keer ongeoorloofd te laat of afwezig': school informeert ouders."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 6))  # 5 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "meer-dan-4-keer", days[4])
    assert signal.melding is None
    assert any("Informeert ouder" in a.text for a in signal.actions)


def test_meer_dan_9_keer_zonder_automatische_melding(scenario: Scenario) -> None:
    """§7 tabel, rij 'Meer dan 9 keer ongeoorloofd te laat of afwezig'. Keuze: de melding 'overig
    verzuim' alleen 'als er afspraken zijn over preventief spreekuur' -> geen automatische melding,
    wel de actie."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 13))  # 10 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "meer-dan-9-keer", days[9])
    assert signal.melding is None
    assert overig_meldingen(scenario, days[9]) == []
    assert any("preventief spreekuur" in a.text for a in signal.actions if a.actor == "school")
    assert any(a.actor == "leerplicht" for a in signal.actions)


def test_12_keer_geeft_melding_overig(scenario: Scenario) -> None:
    """§7 tabel, rij '12 keer ongeoorloofd te laat of afwezig': 'School registreert de afwezigheid en
    meldt dit verzuim preventief bij het verzuimloket van DUO onder overig verzuim'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 17))  # 12 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    assert len(days) == 12
    signal = scenario.assert_reached_exactly(P, "12-keer", days[11])
    assert signal.melding is Soort.OVERIG
    overig = overig_meldingen(scenario, days[11])
    assert [m.end for m in overig] == [days[11]]
    assert overig[0].due == D(2026, 3, 24)  # 5 werkdagen
    assert any("Halt, Forza" in a.text for a in signal.actions if a.actor == "leerplicht")


def test_16_keer_of_meer_verwijst_naar_16_uur(scenario: Scenario) -> None:
    """§7 tabel, rij '16 keer of meer ongeoorloofd te laat of afwezig': 'meldt het verzuim bij het
    verzuimloket van DUO onder 16 uur per 4 weken'. Keuze: de stap verwijst naar de soort 16 uur;
    zestien korte te-laatkomsten halen de wettelijke grens niet, dus leerrecht maakt die melding niet."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 23))  # 16 schooldagen
    assert len(days) == 16
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "16-keer-of-meer", days[15])
    assert signal.melding is Soort.ZESTIEN_UUR
    assert any("16 uur per 4 weken" in a.text for a in signal.actions)
    # geen wettelijke 16-uurmelding (4 uur), en het protocol maakt er zelf ook geen
    assert [m.soort for m in scenario.at(days[15], P).meldingen] == [Soort.OVERIG]


def test_een_keer_is_een_registratie(scenario: Scenario) -> None:
    """Keuze: 'te laat komt of een uur afwezig is' -> elke registratie (les) telt als een keer; vijf
    gemiste lessen op één dag zijn meer dan 4 keer."""
    vo = Scenario(sector=Sector.VO)
    vo.registrations += [lesson(D(2026, 3, 4)) for _ in range(4)]
    assert vo.reached_on(P, "meer-dan-4-keer", D(2026, 3, 31)) == []
    vo.registrations.append(lesson(D(2026, 3, 5)))
    vo.assert_reached_exactly(P, "meer-dan-4-keer", D(2026, 3, 5))
    # een hele dag als één registratie telt één keer
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 5))
    assert scenario.reached_on(P, "meer-dan-4-keer", D(2026, 3, 5)) == []


def test_keer_telt_per_schooljaar_en_een_keer_per_schooljaar(scenario: Scenario) -> None:
    """Keuze (de tabel noemt geen telperiode): per schooljaar, en elke drempel ten hoogste één keer
    per schooljaar."""
    spring = scenario.days(D(2026, 6, 1), D(2026, 6, 5))
    autumn = scenario.days(D(2026, 9, 7), D(2026, 9, 18))
    scenario.registrations += [late(d, 0.25) for d in spring[:4] + autumn[:4]]
    assert scenario.reached_on(P, "meer-dan-4-keer", D(2026, 9, 30)) == []
    scenario.registrations += [late(d, 0.25) for d in autumn[4:10]]
    # de vijfde keer in het nieuwe schooljaar, en daarna niet opnieuw
    assert scenario.reached_on(P, "meer-dan-4-keer", D(2026, 9, 30)) == [autumn[4]]
    assert scenario.reached_on(P, "meer-dan-9-keer", D(2026, 9, 30)) == [autumn[9]]


def test_tabel_geldt_niet_in_het_mbo() -> None:
    """§7 'Regionale afspraken voor leerlingen in po en vo'; het mbo heeft een eigen verzuimkaart (§9)."""
    mbo = Scenario(sector=Sector.MBO)
    days = mbo.days(D(2026, 3, 2), D(2026, 3, 17))
    mbo.registrations += [late(d, 0.25) for d in days]
    steps = {s.step for s in mbo.signals(P, D(2026, 3, 31))}
    assert steps == set()


def test_thuiszitter_30_dagen(scenario: Scenario) -> None:
    """§7 tabel, rij '30 dagen aaneengesloten afwezig met onbekende of ongeldige reden (wettelijk
    verplicht) (thuiszitter)': school meldt bij DUO en het samenwerkingsverband."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    # 2 maart is dag 1; 31 maart is de 30e kalenderdag
    signal = scenario.assert_reached_exactly(P, "thuiszitter-30-dagen", D(2026, 3, 31))
    assert signal.melding is Soort.LRV
    assert {a.actor for a in signal.actions} >= {"school", "leerplicht", "swv"}
    assert any(m.soort is Soort.LRV for m in scenario.at(D(2026, 4, 10), P).meldingen)
    assert scenario.reached_on(P, "thuiszitter-30-dagen", D(2026, 4, 10)) == [D(2026, 3, 31)]


def test_thuiszitter_30_dagen_niet_bij_ziekte(scenario: Scenario) -> None:
    """Alleen 'met onbekende of ongeldige reden'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10), Reason.ZIEK)
    assert scenario.reached_on(P, "thuiszitter-30-dagen", D(2026, 4, 10)) == []


# -- §7 tabel: luxe verzuim ------------------------------------------------------------------


def test_luxe_verzuim_een_dag_eerst_waarschuwing(scenario: Scenario) -> None:
    """§7 tabel, rij 'Luxe verzuim': 'Als het gaat om maximaal 1 hele schooldag verzuim, wordt na
    melding door school een eerste keer geen proces-verbaal opgemaakt, maar geeft de
    leerplichtambtenaar een waarschuwing'."""
    scenario.registrations.append(absent(D(2026, 2, 13)))  # vrijdag voor de voorjaarsvakantie
    signal = scenario.assert_reached_exactly(P, "luxe-max-1-dag", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE
    assert any("waarschuwing" in a.text for a in signal.actions if a.actor == "leerplicht")
    assert scenario.reached_on(P, "luxe-meer-dan-1-dag", D(2026, 2, 28)) == []


def test_luxe_verzuim_deel_van_een_dag_is_ten_hoogste_een_dag(scenario: Scenario) -> None:
    """'maximaal 1 hele schooldag': ook een deel van de dag na de vakantie."""
    scenario.registrations.append(absent(D(2026, 2, 23), hours=2))
    scenario.assert_reached_exactly(P, "luxe-max-1-dag", D(2026, 2, 23))


def test_luxe_verzuim_meer_dan_een_dag(scenario: Scenario) -> None:
    """§7 tabel, rij 'Luxe verzuim': 'De leerplichtambtenaar neemt op grond van zijn onderzoek
    passende maatregelen: ... waarschuwing of proces verbaal'. Twee dagen: geen uitzondering."""
    scenario.registrations += [absent(D(2026, 2, 12)), absent(D(2026, 2, 13))]
    signal = scenario.assert_reached_exactly(P, "luxe-meer-dan-1-dag", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE
    assert any("proces-verbaal" in a.text for a in signal.actions if a.actor == "leerplicht")
    assert scenario.reached_on(P, "luxe-max-1-dag", D(2026, 2, 28)) == []


# -- §7 Werkwijzer voor de school --------------------------------------------------------------


def test_werkwijzer_po_16_uur(scenario: Scenario) -> None:
    """§7 Werkwijzer punt 1, PO: 'Zodra een leerling 16 uur (vermoedelijk ongeoorloofd) heeft
    afwezigd in een periode van 4 weken, dan wordt dit gemeld ... via het DUO-verzuimloket'."""
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    signal = scenario.assert_reached_exactly(P, "werkwijzer-po-16-uur", D(2026, 3, 5))
    assert signal.melding is Soort.ZESTIEN_UUR


def test_werkwijzer_vo_9_uur() -> None:
    """§7 Werkwijzer punt 1, VO: 'Zodra een leerling 9 uur of meer (vermoedelijk ongeoorloofd)
    afwezig of te laat gekomen is, dan wordt dit gemeld bij de leerplichtambtenaar'."""
    vo = Scenario(sector=Sector.VO)
    vo.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3), hours=2)]
    vo.registrations.append(late(D(2026, 3, 4), 1.0))  # 6 + 2 + 1 = 9 uur
    signal = vo.assert_reached_exactly(P, "werkwijzer-vo-9-uur", D(2026, 3, 4))
    assert signal.melding is Soort.OVERIG
    assert [m.end for m in vo.at(D(2026, 3, 4), P).meldingen if m.soort is Soort.OVERIG] == [
        D(2026, 3, 4)
    ]
    assert vo.at(D(2026, 3, 4)).meldingen == ()  # nog geen wettelijke melding


def test_werkwijzer_vo_9_uur_in_4_lesweken() -> None:
    """Keuze: het venster is 4 lesweken (naast de PO-regel van 16 uur in 4 weken)."""
    vo = Scenario(sector=Sector.VO)
    vo.registrations += [absent(D(2026, 3, 2), hours=3), absent(D(2026, 3, 16), hours=3)]
    vo.registrations.append(absent(D(2026, 4, 7), hours=3))  # 6e lesweek: buiten het venster
    assert vo.reached_on(P, "werkwijzer-vo-9-uur", D(2026, 4, 30)) == []
    vo.registrations.append(absent(D(2026, 3, 26), hours=3))  # 9 uur in lesweken 1-4
    assert vo.reached_on(P, "werkwijzer-vo-9-uur", D(2026, 4, 30)) == [D(2026, 3, 26)]


def test_werkwijzer_sectoren(scenario: Scenario) -> None:
    """Werkwijzer punt 1: de 16-uursregel voor PO, de 9-uursregel voor VO."""
    vo = Scenario(sector=Sector.VO)
    for s in (scenario, vo):
        s.registrations += [absent(d) for d in s.days(D(2026, 3, 2), D(2026, 3, 5))]
    assert {x.step for x in scenario.signals(P, D(2026, 3, 31))} & {
        "werkwijzer-po-16-uur",
        "werkwijzer-vo-9-uur",
    } == {"werkwijzer-po-16-uur"}
    assert {x.step for x in vo.signals(P, D(2026, 3, 31))} & {
        "werkwijzer-po-16-uur",
        "werkwijzer-vo-9-uur",
    } == {"werkwijzer-vo-9-uur"}
    assert any(m.soort is Soort.ZESTIEN_UUR for m in vo.at(D(2026, 3, 31), P).meldingen)


def test_afwezig_4_weken_ook_wegens_ziekte(scenario: Scenario) -> None:
    """§7 Werkwijzer punt 2: 'Bij afwezigheid van 4 weken (ook wegens ziekte) van de leerling neemt
    de school altijd contact op met de leerplichtambtenaar'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10), Reason.ZIEK)
    # 2 maart + 28 dagen = zondag 29 maart; de eerste schooldag met 28 dagen of meer is 30 maart
    signal = scenario.assert_reached_exactly(P, "afwezig-4-weken", D(2026, 3, 30))
    assert signal.melding is None
    assert {a.actor for a in signal.actions} >= {"school", "leerplicht", "swv", "ouders"}
    assert scenario.reached_on(P, "afwezig-4-weken", D(2026, 4, 10)) == [D(2026, 3, 30)]


# -- §7 M@ZL: Schema bij afwezigheid door ziekte -----------------------------------------------


def test_mazl_4_aaneengesloten_dagen(scenario: Scenario) -> None:
    """M@ZL-schema, rij 'bij 4 aaneengesloten dagen': receptionist informeert mentor, mentor neemt
    contact op met ouders."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 5), Reason.ZIEK)
    signal = scenario.assert_reached_exactly(P, "mazl-4-dagen-ziek", D(2026, 3, 5))
    assert signal.melding is None
    assert {a.actor for a in signal.actions} == {"receptionist", "mentor"}
    assert scenario.reached_on(P, "mazl-aanmelding-jeugdarts", D(2026, 3, 5)) == []


def test_mazl_7e_aaneengesloten_schooldag(scenario: Scenario) -> None:
    """M@ZL-schema, rij 'bij 4e ziekmelding in 12 schoolweken of bij 7e aaneengesloten schooldag'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 13))
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 13), Reason.ZIEK)
    signal = scenario.assert_reached_exactly(P, "mazl-aanmelding-jeugdarts", days[6])
    assert signal.melding is None
    assert {"receptionist", "mentor", "zorgcoordinator", "jgz"} <= {a.actor for a in signal.actions}
    # één signaal per reeks
    assert scenario.reached_on(P, "mazl-aanmelding-jeugdarts", D(2026, 3, 13)) == [days[6]]


def test_mazl_4e_ziekmelding_in_12_schoolweken(scenario: Scenario) -> None:
    """M@ZL-schema, rij 'bij 4e ziekmelding in 12 schoolweken'."""
    sick = [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23)]
    scenario.registrations += [absent(d, Reason.ZIEK) for d in sick]
    scenario.assert_reached_exactly(P, "mazl-aanmelding-jeugdarts", D(2026, 3, 23))
    assert scenario.reached_on(P, "mazl-4-dagen-ziek", D(2026, 3, 31)) == []


def test_mazl_ziekmeldingen_verder_dan_12_schoolweken_uit_elkaar(scenario: Scenario) -> None:
    """Keuze: 12 schoolweken = 12 lesweken; een vierde ziekmelding buiten die periode telt niet."""
    sick = [D(2026, 1, 12), D(2026, 2, 2), D(2026, 3, 2), D(2026, 4, 20)]
    scenario.registrations += [absent(d, Reason.ZIEK) for d in sick]
    assert scenario.reached_on(P, "mazl-aanmelding-jeugdarts", D(2026, 4, 30)) == []


def test_mazl_geldt_ook_in_het_mbo() -> None:
    """M@ZL is een methodiek 'bij scholieren in het voortgezet onderwijs en het mbo'."""
    mbo = Scenario(sector=Sector.MBO)
    mbo.absent_days(D(2026, 3, 2), D(2026, 3, 5), Reason.ZIEK)
    mbo.assert_reached_exactly(P, "mazl-4-dagen-ziek", D(2026, 3, 5))


def test_mazl_twee_keer_niet_verschenen_bij_jeugdarts(scenario: Scenario) -> None:
    """M@ZL-schema, NB: 'Bij twee keer niet verschijnen bij de jeugdarts wordt er een melding bij de
    leerplichtambtenaar gedaan'; 'Zorg coördinator maakt een DUO-melding overig verzuim'."""
    scenario.manual["mazl-niet-verschenen-jeugdarts"] = [D(2026, 3, 11)]
    signal = scenario.assert_reached_exactly(P, "mazl-niet-verschenen-jeugdarts", D(2026, 3, 11))
    assert signal.melding is Soort.OVERIG
    assert any(a.actor == "zorgcoordinator" and "overig verzuim" in a.text for a in signal.actions)
    assert [m.end for m in overig_meldingen(scenario, D(2026, 3, 11))] == [D(2026, 3, 11)]


def test_handmatige_stap_wordt_nooit_geraden(scenario: Scenario) -> None:
    """Een oordeel van een mens volgt niet uit de registraties."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10), Reason.ZIEK)
    steps = {s.step for s in scenario.signals(P, D(2026, 4, 10))}
    assert "mazl-niet-verschenen-jeugdarts" not in steps
    assert "ziekte-zorgelijk" not in steps


# -- §6 schematische weergave --------------------------------------------------------------------


def test_ziekte_gemeld_maar_zorgelijk(scenario: Scenario) -> None:
    """§6, rij 'Ziekte, gemeld volgens de afspraken, maar onduidelijk/zorgelijk': 'School registreert
    de afwezigheid als geoorloofd verzuim. De leerplichtambtenaar wordt via DUO verzuimloket op de
    hoogte gebracht met zorgelijk verzuimmelding d.m.v. overig verzuim'."""
    scenario.registrations.append(absent(D(2026, 3, 4), Reason.ZIEK))
    scenario.manual["ziekte-zorgelijk"] = [D(2026, 3, 4)]
    signal = scenario.assert_reached_exactly(P, "ziekte-zorgelijk", D(2026, 3, 4))
    assert signal.melding is Soort.OVERIG
    overig = overig_meldingen(scenario, D(2026, 3, 4))
    assert [(m.end, m.hours) for m in overig] == [(D(2026, 3, 4), 0)]


# -- de wet blijft de ondergrens -----------------------------------------------------------------


def test_protocol_laat_de_wettelijke_meldingen_staan(scenario: Scenario) -> None:
    """De wet is de ondergrens: met of zonder protocol dezelfde wettelijke meldingen."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    scenario.registrations.append(absent(D(2026, 2, 13)))
    without = scenario.at(D(2026, 4, 10)).meldingen
    with_protocol = [
        m for m in scenario.at(D(2026, 4, 10), P).meldingen if m.soort is not Soort.OVERIG
    ]
    assert tuple(with_protocol) == without


def test_thuiszitter_18_plus_meldt_18plus() -> None:
    """Een 18-plusser zonder startkwalificatie: de LRV-verwijzing wordt 18+."""
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2007, 9, 1)))
    s.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    signal = s.assert_reached_exactly(P, "thuiszitter-30-dagen", D(2026, 3, 31))
    assert signal.melding is Soort.ACHTTIEN_PLUS


def test_elke_stap_heeft_een_test() -> None:
    from leerrecht.core.protocols.loader import load_protocol

    tested = {
        "te-laat-of-afwezig-keer", "meer-dan-4-keer", "meer-dan-9-keer", "12-keer",
        "16-keer-of-meer", "thuiszitter-30-dagen", "luxe-max-1-dag", "luxe-meer-dan-1-dag",
        "werkwijzer-po-16-uur", "werkwijzer-vo-9-uur", "afwezig-4-weken", "mazl-4-dagen-ziek",
        "mazl-aanmelding-jeugdarts", "mazl-niet-verschenen-jeugdarts", "ziekte-zorgelijk",
    }  # fmt: skip
    assert {s.id for s in load_protocol(P).steps} == tested
