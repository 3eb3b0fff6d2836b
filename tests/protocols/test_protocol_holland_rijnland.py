"""Scenario tests for protocol holland-rijnland: every step is reached exactly on the expected day.

Source: shared/seeds/002_116d4f78152f417a.txt (Handreiking schoolverzuim en voorkomen van
thuiszitten, Holland Rijnland, PO en VO), §2a, §2b, §3a, §3b and §3c; "r. N" is the line in that
file. Calendars (regio zuid): PO school ma/di/do/vr 5.5 uur, wo 3.75 uur; VO school 6 uur per
weekdag; voorjaarsvakantie 14-22 februari 2026, meivakantie 25 april - 3 mei 2026; Tweede
paasdag 6 april 2026 is vrij, Goede Vrijdag 3 april 2026 is een schooldag.
"""

from __future__ import annotations

from leerrecht.core.absence import Reason
from leerrecht.core.model import Sector, Soort
from leerrecht.core.protocols.loader import load_protocol
from leerrecht.core.protocols.schema import manual_step_ids
from scenario_hulp import D, Scenario, absent, late, pupil

P = "holland-rijnland"
TE_LAAT = ("te-laat-3x", "te-laat-6x", "te-laat-9x", "te-laat-12x")


def vo() -> Scenario:
    return Scenario(sector=Sector.VO)


def overig(scenario: Scenario, as_of: D) -> list:
    return [m for m in scenario.at(as_of, P).meldingen if m.soort is Soort.OVERIG]


# -- §2b Te laat komen (geldt in het voortgezet onderwijs) ----------------------------------------


def test_drie_keer_te_laat_contact() -> None:
    """r. 405: 'School neemt bij 3x te laat komen contact op met leerling en ouder.'"""
    s = vo()
    days = s.days(D(2026, 3, 2), D(2026, 3, 4))
    s.registrations += [late(d, 0.25) for d in days]
    signal = s.assert_reached_exactly(P, "te-laat-3x", days[2])
    assert signal.melding is None
    assert [a.text for a in signal.actions] == ["Neemt contact op met leerling en ouder"]
    assert "§2b Te laat komen" in signal.source


def test_zes_keer_te_laat_gesprek() -> None:
    """r. 406-407: 'Bij 6 x te laat komen gaat de school met ouders en leerling in gesprek.'"""
    s = vo()
    days = s.days(D(2026, 3, 2), D(2026, 3, 9))  # 6 schooldagen
    s.registrations += [late(d, 0.25) for d in days]
    signal = s.assert_reached_exactly(P, "te-laat-6x", days[5])
    assert signal.melding is None
    assert overig(s, days[5]) == []


def test_negen_keer_te_laat_melding_overig() -> None:
    """r. 408-409: 'Bij 9x te laat komen meldt de school het verzuim bij DUO (overig verzuim)'."""
    s = vo()
    days = s.days(D(2026, 3, 2), D(2026, 3, 12))  # 9 schooldagen
    s.registrations += [late(d, 0.25) for d in days]
    signal = s.assert_reached_exactly(P, "te-laat-9x", days[8])
    assert signal.melding is Soort.OVERIG
    meldingen = overig(s, days[8])
    assert [m.end for m in meldingen] == [D(2026, 3, 12)]
    assert meldingen[0].due == D(2026, 3, 19)  # 5 werkdagen
    assert any(a.actor == "leerplicht" and "waarschuwingsbrief" in a.text for a in signal.actions)


def test_bij_herhaling_twaalf_keer_te_laat_tweede_melding() -> None:
    """r. 411-412: 'Bij herhaling 12x meldt de school het verzuim bij DUO (overig verzuim)';
    r. 421: 'Bij herhaling verwijzing naar de zorg of maakt een proces-verbaal HALT op.'"""
    s = vo()
    days = s.days(D(2026, 3, 2), D(2026, 3, 17))  # 12 schooldagen
    s.registrations += [late(d, 0.25) for d in days]
    signal = s.assert_reached_exactly(P, "te-laat-12x", days[11])
    assert signal.melding is Soort.OVERIG
    assert any("HALT" in a.text for a in signal.actions)
    # herhaling: drie keer na de melding bij 9x een tweede melding overig verzuim
    assert [m.end for m in overig(s, days[11])] == [days[8], days[11]]


def test_herhaling_alleen_bij_twaalf_en_een_keer_per_schooljaar() -> None:
    """Keuze: 'bij herhaling 12x' is de twaalfde keer; geen verdere meldingen bij 15x, 18x, 24x."""
    s = vo()
    days = s.days(D(2026, 3, 2), D(2026, 4, 2))  # 24 schooldagen
    assert len(days) == 24
    s.registrations += [late(d, 0.25) for d in days]
    for step, n in zip(TE_LAAT, (3, 6, 9, 12), strict=True):
        assert s.reached_on(P, step, D(2026, 4, 3)) == [days[n - 1]]
    assert len(overig(s, D(2026, 4, 3))) == 2


def test_te_laat_telt_per_registratie() -> None:
    """Keuze: 'te laat in de les' (r. 398); twee keer te laat op één dag is twee keer."""
    s = vo()
    s.registrations += [late(D(2026, 3, 2), 0.25), late(D(2026, 3, 2), 0.25)]
    assert s.reached_on(P, "te-laat-3x", D(2026, 3, 2)) == []
    s.registrations.append(late(D(2026, 3, 3), 0.25))
    s.assert_reached_exactly(P, "te-laat-3x", D(2026, 3, 3))


def test_te_laat_telt_per_schooljaar() -> None:
    """Keuze (de bron noemt geen telperiode): per schooljaar vanaf 1 augustus."""
    s = vo()
    spring = s.days(D(2026, 6, 1), D(2026, 6, 3))
    autumn = s.days(D(2026, 9, 7), D(2026, 9, 9))
    s.registrations += [late(d, 0.25) for d in spring[:2] + autumn[:2]]
    assert s.reached_on(P, "te-laat-3x", D(2026, 9, 30)) == []
    s.registrations.append(late(autumn[2], 0.25))
    assert s.reached_on(P, "te-laat-3x", D(2026, 9, 30)) == [autumn[2]]


def test_te_laat_geldt_alleen_in_het_vo(scenario: Scenario) -> None:
    """r. 397: 'Te laat komen (geldt in het voortgezet onderwijs)': op een PO-school nooit."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 27))
    scenario.registrations += [late(d, 0.25) for d in days]
    for step in TE_LAAT:
        assert scenario.reached_on(P, step, D(2026, 3, 27)) == []
        assert load_protocol(P).step(step).sectors == ("vo",)
    assert overig(scenario, D(2026, 3, 27)) == []


# -- §2a Ziek ---------------------------------------------------------------------------------------


def test_ziekteverzuim_langer_dan_2_weken(scenario: Scenario) -> None:
    """r. 150-152: 'Bij ziekteverzuim langer dan 2 weken ... heeft de school een gesprek met ouders'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 20), Reason.ZIEK)
    # 2 t/m 13 maart zijn 10 schooldagen (2 weken); 16 maart is de elfde
    signal = scenario.assert_reached_exactly(P, "ziekte-gesprek", D(2026, 3, 16))
    assert signal.melding is None
    assert any(a.actor == "jgz" and "GGD" in a.text for a in signal.actions)
    assert scenario.reached_on(P, "ziekte-gesprek", D(2026, 3, 20)) == [D(2026, 3, 16)]


def test_vierde_ziekmelding_in_een_kwartaal(scenario: Scenario) -> None:
    """r. 150: '... of bij een 4e ziekmelding in een kwartaal'. Keuze: rollend (3 maanden), dus
    ook over de grens van een kalenderkwartaal (maart/april)."""
    for d in (D(2026, 3, 2), D(2026, 3, 16), D(2026, 3, 30), D(2026, 4, 13)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    scenario.assert_reached_exactly(P, "ziekte-gesprek", D(2026, 4, 13))


def test_kwartaal_is_de_laatste_drie_maanden(scenario: Scenario) -> None:
    """Keuze: een ziekmelding van meer dan 3 maanden geleden telt niet mee."""
    for d in (D(2026, 1, 12), D(2026, 2, 9), D(2026, 3, 9), D(2026, 4, 13)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    assert scenario.reached_on(P, "ziekte-gesprek", D(2026, 4, 17)) == []
    scenario.registrations.append(absent(D(2026, 4, 20), Reason.ZIEK))
    scenario.assert_reached_exactly(P, "ziekte-gesprek", D(2026, 4, 20))


def test_aaneengesloten_ziektedagen_zijn_een_ziekmelding(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 4), Reason.ZIEK)
    for d in (D(2026, 3, 16), D(2026, 3, 30)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    assert scenario.reached_on(P, "ziekte-gesprek", D(2026, 4, 3)) == []


def test_ziekte_gesprek_een_keer_per_periode(scenario: Scenario) -> None:
    """Keuze: na het gesprek geven nieuwe ziekmeldingen binnen 3 maanden geen nieuw signaal."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 16), Reason.ZIEK)
    for d in (D(2026, 3, 30), D(2026, 4, 13), D(2026, 5, 11)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    assert scenario.reached_on(P, "ziekte-gesprek", D(2026, 5, 29)) == [D(2026, 3, 16)]


def test_ouders_werken_niet_mee(scenario: Scenario) -> None:
    """r. 155-157: 'Indien ouders niet meewerken aan de gemaakte afspraken ... Dit wordt gemeld bij
    leerplicht.' Een handmatige stap, met melding overig verzuim."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 20), Reason.ZIEK)
    step = "ziekte-ouders-werken-niet-mee"
    scenario.manual = {step: [D(2026, 3, 25)]}
    signal = scenario.assert_reached_exactly(P, step, D(2026, 3, 25))
    assert signal.melding is Soort.OVERIG
    assert [(m.end, m.due) for m in overig(scenario, D(2026, 3, 25))] == [
        (D(2026, 3, 25), D(2026, 4, 1))
    ]


# -- §2a Schorsing en verwijdering --------------------------------------------------------------


def test_schorsing_meer_dan_een_dag(scenario: Scenario) -> None:
    """r. 186-191: 'De school stuurt bij een schorsing van meer dan 1 dag een kopie van de schorsing
    naar de onderwijsinspectie en naar de leerplichtambtenaar. In het basisonderwijs ontvangt ook
    het samenwerkingsverband een kopie'."""
    for d in (D(2026, 3, 9), D(2026, 3, 10)):
        scenario.registrations.append(absent(d, Reason.SCHORSING))
    signal = scenario.assert_reached_exactly(P, "schorsing-meer-dan-1-dag", D(2026, 3, 10))
    assert signal.melding is None
    assert {a.actor for a in signal.actions} >= {"directeur", "school", "leerplicht", "swv"}
    assert scenario.at(D(2026, 3, 31), P).meldingen == ()  # schorsing is geen verzuim


def test_schorsing_van_een_dag_geeft_geen_kopie(scenario: Scenario) -> None:
    scenario.registrations.append(absent(D(2026, 3, 9), Reason.SCHORSING))
    assert scenario.reached_on(P, "schorsing-meer-dan-1-dag", D(2026, 3, 31)) == []


def test_voornemen_tot_verwijdering(scenario: Scenario) -> None:
    """r. 217-221: 'De school informeert het Samenwerkingsverband en Leerplicht zodra bij een
    voornemen tot verwijderen van een leerling.' Handmatig."""
    scenario.manual = {"verwijdering-voornemen": [D(2026, 3, 11)]}
    signal = scenario.assert_reached_exactly(P, "verwijdering-voornemen", D(2026, 3, 11))
    assert any("risicoleerling" in a.text for a in signal.actions)
    assert signal.melding is None


def test_besluit_tot_verwijdering(scenario: Scenario) -> None:
    """r. 223-241: 'Zodra een besluit tot verwijdering daadwerkelijk een feit is ... Het meldt de
    uitschrijving binnen 7 dagen bij DUO'. Handmatig."""
    scenario.manual = {"verwijdering-besluit": [D(2026, 4, 7)]}
    signal = scenario.assert_reached_exactly(P, "verwijdering-besluit", D(2026, 4, 7))
    assert any(a.actor == "swv" for a in signal.actions)


def test_handmatige_stappen_volgen_nooit_uit_registraties(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 30))
    for d in scenario.days(D(2026, 5, 4), D(2026, 5, 8)):
        scenario.registrations.append(absent(d, Reason.SCHORSING))
    manual = manual_step_ids(load_protocol(P))
    assert len(manual) == 6
    for step in manual:
        assert scenario.reached_on(P, step, D(2026, 5, 29)) == []


# -- §2b Ongeoorloofd verzuim ---------------------------------------------------------------------


def test_absoluut_verzuim() -> None:
    """r. 277-283: 'Er is sprake van absoluut verzuim als een kind niet ingeschreven staat op een
    school ... Een leerling die absoluut verzuimt is een thuiszitter.'"""
    s = Scenario(who=pupil(enrolled_from=D(2020, 8, 1), enrolled_until=D(2026, 1, 30)))
    s.registrations.append(absent(D(2026, 1, 12), Reason.ZIEK))
    signal = s.assert_reached_exactly(P, "absoluut-verzuim", D(2026, 1, 30))
    assert signal.melding is None  # absoluut verzuim is geen DUO-verzuimmelding
    assert any(a.actor == "leerplicht" and "Schrijft ouders aan" in a.text for a in signal.actions)
    assert s.at(D(2026, 2, 27)).thuiszitter is not None


def test_langdurig_relatief_verzuim(scenario: Scenario) -> None:
    """r. 305-306: 'langer dan 4 weken ongeoorloofd verzuimt'; r. 317-322: melden via het DUO
    verzuimloket met één van de opties."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    signal = scenario.assert_reached_exactly(P, "lrv-melding", D(2026, 3, 30))
    assert signal.melding is Soort.LRV
    lrv = [m for m in scenario.at(D(2026, 4, 10), P).meldingen if m.soort is Soort.LRV]
    assert [m.reached for m in lrv] == [D(2026, 3, 30)]
    assert any("opties" in a.text for a in signal.actions)


def test_lrv_melding_alleen_voor_leer_en_kwalificatieplichtigen() -> None:
    """r. 305: 'een leer- of kwalificatieplichtige leerling': bij 18+ geldt de melding 18+."""
    s = Scenario(sector=Sector.VO, who=pupil(birth=D(2007, 9, 1)))
    s.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    assert s.reached_on(P, "lrv-melding", D(2026, 4, 10)) == []
    thuiszitter = s.signals(P, D(2026, 3, 25), "thuiszitter")
    assert [t.melding for t in thuiszitter] == [Soort.ACHTTIEN_PLUS]


def test_wettelijk_verzuim_16_uur_en_vervolgmelding(scenario: Scenario) -> None:
    """r. 341-343: '16 uur in 4 weken binnen 5 werkdagen te melden ... Bij voortdurend
    schoolverzuim van 16 uur in 4 weken volgt iedere keer na 5 werkdagen een vervolgmelding.'"""
    scenario.registrations += [absent(D(2026, 3, d)) for d in (2, 3, 5)]
    signal = scenario.assert_reached_exactly(P, "wettelijk-16-uur", D(2026, 3, 5))
    assert signal.melding is Soort.ZESTIEN_UUR
    scenario.registrations += [absent(D(2026, 3, d)) for d in (6, 9, 10)]
    assert scenario.reached_on(P, "wettelijk-16-uur", D(2026, 3, 31)) == [
        D(2026, 3, 5),
        D(2026, 3, 10),
    ]


def test_luxe_verzuim(scenario: Scenario) -> None:
    """r. 366-371: 'zonder toestemming ... buiten de vastgestelde schoolvakanties om van school
    wordt verzuimd ... Het verzuim wordt gemeld aan leerplicht via het DUO verzuimloket.'"""
    scenario.registrations.append(absent(D(2026, 2, 13)))  # vrijdag voor de voorjaarsvakantie
    signal = scenario.assert_reached_exactly(P, "luxe-verzuim", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE


def test_overig_verzuim_zorgen(scenario: Scenario) -> None:
    """r. 391-394: 'Dit kan als de school zorgen heeft over deze leerling (voormalig signaal
    verzuim) ... Het verzuim wordt gemeld via het DUO verzuimloket.' Handmatig."""
    scenario.registrations.append(absent(D(2026, 3, 4), hours=2))
    scenario.manual = {"overig-verzuim-zorgen": [D(2026, 3, 6)]}
    signal = scenario.assert_reached_exactly(P, "overig-verzuim-zorgen", D(2026, 3, 6))
    assert signal.melding is Soort.OVERIG
    assert [m.end for m in overig(scenario, D(2026, 3, 6))] == [D(2026, 3, 6)]


# -- §3a Thuiszitters -------------------------------------------------------------------------------


def test_thuiszitter_90_procent_in_4_weken() -> None:
    """r. 426-430: 'langer dan 4 weken vrijwel continue (richtlijn 90%) ongeoorloofd verzuimt';
    r. 459-463: 'Meldt langdurig relatief verzuim (thuiszitter) uiterlijk na 4 weken of bij 90%
    verzuim bij het samenwerkingsverband ... Meldt de thuiszitter bij DUO.'"""
    s = vo()
    s.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    # 26 feb t/m 25 maart: 20 schooldagen, waarvan 18 (90%) afwezig; op 24 maart 17 van 20
    signal = s.assert_reached_exactly(P, "thuiszitter", D(2026, 3, 25))
    assert signal.melding is Soort.LRV
    assert {a.actor for a in signal.actions} >= {"school", "ouders", "swv", "leerplicht", "jgz"}
    # de stap maakt geen eigen melding: de wettelijke LRV-melding volgt op 30 maart
    assert [m.soort for m in s.at(D(2026, 3, 25), P).meldingen if m.soort is Soort.LRV] == []


def test_thuiszitter_op_een_po_school(scenario: Scenario) -> None:
    """Zelfde regel met het PO-rooster (woensdag 3.75 uur): 25 maart is 89%, 26 maart 95%."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    scenario.assert_reached_exactly(P, "thuiszitter", D(2026, 3, 26))


def test_thuiszitter_vrijwel_continu_is_niet_elke_dag() -> None:
    """Keuze: 90% van de lestijd, niet elke dag; twee dagen op school in vier weken."""
    s = vo()
    present = {D(2026, 3, 3), D(2026, 3, 12)}
    s.registrations += [
        absent(d) for d in s.days(D(2026, 3, 2), D(2026, 3, 27)) if d not in present
    ]
    s.assert_reached_exactly(P, "thuiszitter", D(2026, 3, 27))
    assert s.reached_on(P, "lrv-melding", D(2026, 4, 30)) == []  # niet elke dag: geen LRV


def test_thuiszitter_telt_geen_ziekte() -> None:
    """r. 426: 'ongeoorloofd verzuimt'; ziekte is geoorloofd."""
    s = vo()
    s.absent_days(D(2026, 3, 2), D(2026, 4, 24), Reason.ZIEK)
    assert s.reached_on(P, "thuiszitter", D(2026, 4, 24)) == []
    assert s.reached_on(P, "thuiszitter-8-weken", D(2026, 4, 24)) == []


def test_thuiszitter_een_keer_per_periode_van_4_lesweken() -> None:
    """docs/protocollen.md: aandeel_lestijd telt 'pas als het hele venster voorbij is'. Na het
    signaal van 25 maart is één ongeoorloofde dag op 22 april geen thuiszitten."""
    s = vo()
    s.absent_days(D(2026, 3, 2), D(2026, 3, 25))
    s.registrations.append(absent(D(2026, 4, 22)))
    assert s.reached_on(P, "thuiszitter", D(2026, 6, 30)) == [D(2026, 3, 25)]


def test_thuiszitter_langer_dan_8_weken_breed_overleg() -> None:
    """r. 564-569: leerplicht 'Overweegt ... of een breed overleg voor thuiszitters nodig is,
    wanneer een leerling langer dan 8 weken thuiszit.'"""
    s = vo()
    s.absent_days(D(2026, 3, 2), D(2026, 5, 29))
    signal = s.assert_reached_exactly(P, "thuiszitter-8-weken", D(2026, 4, 21))
    assert signal.melding is None
    assert any(a.actor == "leerplicht" and "breed overleg" in a.text for a in signal.actions)
    assert s.reached_on(P, "thuiszitter-8-weken", D(2026, 5, 29)) == [D(2026, 4, 21)]


# -- §3b Risicoleerlingen ---------------------------------------------------------------------------


def test_risicoleerling_structureel_geoorloofd_verzuim(scenario: Scenario) -> None:
    """r. 595-601: 'gedurende 4 weken structureel* geoorloofd verzuimt wegens medische of
    psychische omstandigheden ... *structureel is wekelijks terugkerend verzuim op vaste momenten'.
    Elke woensdag ziek; de voorjaarsvakantie telt niet als lesweek."""
    for d in (D(2026, 2, 11), D(2026, 2, 25), D(2026, 3, 4), D(2026, 3, 11)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    signal = scenario.assert_reached_exactly(P, "risicoleerling-structureel", D(2026, 3, 11))
    assert any(
        "Meldt de risicoleerling aan bij het samenwerkingsverband" in a.text for a in signal.actions
    )


def test_risicoleerling_structureel_artsbezoek(scenario: Scenario) -> None:
    """r. 595: 'medische ... omstandigheden': ook een wekelijks artsbezoek."""
    for d in (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23)):
        scenario.registrations.append(absent(d, Reason.ARTS, hours=2))
    scenario.assert_reached_exactly(P, "risicoleerling-structureel", D(2026, 3, 23))


def test_structureel_vraagt_vier_weken_achter_elkaar(scenario: Scenario) -> None:
    for d in (D(2026, 3, 4), D(2026, 3, 11), D(2026, 3, 25), D(2026, 4, 1)):
        scenario.registrations.append(absent(d, Reason.ZIEK))
    assert scenario.reached_on(P, "risicoleerling-structureel", D(2026, 4, 3)) == []


def test_structureel_ongeoorloofd_verzuim_is_geen_risicoleerling(scenario: Scenario) -> None:
    """r. 595: 'geoorloofd verzuimt'."""
    for d in (D(2026, 3, 4), D(2026, 3, 11), D(2026, 3, 18), D(2026, 3, 25)):
        scenario.registrations.append(absent(d, hours=1))
    assert scenario.reached_on(P, "risicoleerling-structureel", D(2026, 3, 31)) == []


def test_risicoleerling_structureel_een_keer_per_reeks(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 24), Reason.ZIEK)
    assert scenario.reached_on(P, "risicoleerling-structureel", D(2026, 4, 24)) == [D(2026, 3, 23)]


def test_risicoleerling_geschorst(scenario: Scenario) -> None:
    """r. 598-600: 'Een leerling die is geschorst. De school is handelingsverlegen waardoor de
    leerling geheel of gedeeltelijk niet naar school mag komen.'"""
    scenario.registrations.append(absent(D(2026, 3, 9), Reason.SCHORSING))
    signal = scenario.assert_reached_exactly(P, "risicoleerling-geschorst", D(2026, 3, 9))
    assert signal.melding is None
    assert any(a.actor == "swv" for a in signal.actions)


def test_gedeeltelijk_geschorst_is_ook_risicoleerling(scenario: Scenario) -> None:
    """r. 599-600: 'geheel of gedeeltelijk niet naar school mag komen'."""
    scenario.registrations.append(absent(D(2026, 3, 11), Reason.SCHORSING, hours=2))
    scenario.assert_reached_exactly(P, "risicoleerling-geschorst", D(2026, 3, 11))


def test_risicoleerling_geschorst_een_keer_per_4_lesweken(scenario: Scenario) -> None:
    """Keuze: één signaal per 4 lesweken; een schorsing daarna is een nieuw signaal."""
    for d in (D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 23), D(2026, 4, 13)):
        scenario.registrations.append(absent(d, Reason.SCHORSING))
    assert scenario.reached_on(P, "risicoleerling-geschorst", D(2026, 4, 30)) == [
        D(2026, 3, 9),
        D(2026, 4, 13),
    ]


# -- §3c Opschaling ---------------------------------------------------------------------------------


def test_opschaling_onderwijsconsulent(scenario: Scenario) -> None:
    """r. 743-750: 'Ouders hebben de mogelijkheid om een onderwijsconsulent in te schakelen.'
    Handmatig."""
    scenario.manual = {"opschaling-consulent": [D(2026, 5, 12)]}
    signal = scenario.assert_reached_exactly(P, "opschaling-consulent", D(2026, 5, 12))
    assert any(a.actor == "ouders" and "onderwijsconsulent" in a.text for a in signal.actions)


def test_opschaling_doorzettingsmacht(scenario: Scenario) -> None:
    """r. 769-772: 'In thuiszittersproblematiek komt het voor dat een leerling moeilijk te plaatsen
    is. In dit geval wordt volgens de afspraken in het ondersteuningsplan van het
    samenwerkingsverband gehandeld'. Handmatig."""
    scenario.manual = {"opschaling-doorzettingsmacht": [D(2026, 5, 13)]}
    signal = scenario.assert_reached_exactly(P, "opschaling-doorzettingsmacht", D(2026, 5, 13))
    assert [a.actor for a in signal.actions] == ["swv"]


# -- algemeen ---------------------------------------------------------------------------------------


def test_protocol_laat_de_wettelijke_meldingen_staan() -> None:
    """De wet is de ondergrens: met of zonder protocol dezelfde wettelijke meldingen."""
    s = vo()
    s.absent_days(D(2026, 3, 2), D(2026, 4, 24))
    s.registrations += [late(d, 0.25) for d in s.days(D(2026, 5, 4), D(2026, 5, 22))]
    without = s.at(D(2026, 5, 29)).meldingen
    with_protocol = [m for m in s.at(D(2026, 5, 29), P).meldingen if m.soort is not Soort.OVERIG]
    assert tuple(with_protocol) == without


def test_elke_stap_heeft_een_test() -> None:
    tested = {
        "ziekte-gesprek", "ziekte-ouders-werken-niet-mee", "schorsing-meer-dan-1-dag",
        "verwijdering-voornemen", "verwijdering-besluit", "absoluut-verzuim", "lrv-melding",
        "wettelijk-16-uur", "luxe-verzuim", "overig-verzuim-zorgen", "te-laat-3x", "te-laat-6x",
        "te-laat-9x", "te-laat-12x", "thuiszitter", "thuiszitter-8-weken",
        "risicoleerling-structureel", "risicoleerling-geschorst", "opschaling-consulent",
        "opschaling-doorzettingsmacht",
    }  # fmt: skip
    assert {s.id for s in load_protocol(P).steps} == tested
