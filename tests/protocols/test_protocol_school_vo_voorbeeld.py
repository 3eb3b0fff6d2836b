"""Scenario tests for protocol school-vo-voorbeeld: every step is reached exactly on the expected day.

Source: shared/seeds/004_abd775dd1d1e165b.txt, one VO school's internal protocol 'Wat te doen
bij verzuim?' ('Melden bij Leerplicht', Stap 2, Stap 3 deel 1-2, Stap 4 deel 1-3). Calendar: VO
school in regio zuid, 6 uur every weekday; voorjaarsvakantie 14-22 februari 2026, Tweede
paasdag 6 april 2026. With block_minutes 50 a whole day (6 uur) is round(7.2) = 7 lesblokken.
"""

from __future__ import annotations

import datetime as dt

import pytest

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.model import Melding, Sector, Signal, Soort
from scenario_hulp import D, Scenario, absent, late, pupil

P = "school-vo-voorbeeld"
KEREN = [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9), D(2026, 3, 11), D(2026, 3, 16)]
KEREN += [D(2026, 3, 18), D(2026, 3, 23)]


@pytest.fixture
def vo() -> Scenario:
    return Scenario(sector=Sector.VO, who=pupil(birth=D(2012, 5, 1)))


def one_hour(day: dt.date, reason: Reason = Reason.ONGEOORLOOFD) -> Registration:
    return absent(day, reason, hours=1)


def actors(signal: Signal) -> set[str]:
    return {a.actor for a in signal.actions}


def overig_on(s: Scenario, day: dt.date) -> list[Melding]:
    return [m for m in s.at(day, P).meldingen if m.soort is Soort.OVERIG and m.reached == day]


# -- Stap 2 -----------------------------------------------------------------------------------


def test_afwezig_1e_dag(vo: Scenario) -> None:
    """Stap 2, rij 'bij 1e dag verzuim': receptioniste registreert, OA bekijkt of de absentie
    geoorloofd of ongeoorloofd is."""
    vo.registrations.append(absent(D(2026, 3, 4), Reason.ZIEK))
    signal = vo.assert_reached_exactly(P, "afwezig-1e-dag", D(2026, 3, 4))
    assert signal.melding is None
    assert actors(signal) >= {"receptionist", "onderwijsassistent"}
    assert any("OA bekijkt" in a.text for a in signal.actions)
    assert signal.source.startswith("Stap 2")


def test_afwezig_elke_dag_met_afwezigheid_maar_niet_te_laat_of_schorsing(vo: Scenario) -> None:
    """Keuze: elke schooldag met afwezigheid (alle redenen behalve schorsing) wordt beoordeeld,
    één keer per dag; te laat komen en schorsing niet."""
    vo.registrations += [
        one_hour(D(2026, 3, 2)),
        one_hour(D(2026, 3, 2)),  # twee lessen op één dag: één signaal
        absent(D(2026, 3, 3), Reason.ARTS, hours=2),
        absent(D(2026, 3, 4), Reason.VERLOF),
        late(D(2026, 3, 5), 0.5),
        absent(D(2026, 3, 6), Reason.SCHORSING),
    ]
    assert vo.reached_on(P, "afwezig-1e-dag", D(2026, 3, 6)) == [
        D(2026, 3, 2),
        D(2026, 3, 3),
        D(2026, 3, 4),
    ]


# -- Stap 3: ongeoorloofd verzuim -------------------------------------------------------------


def test_ongeoorloofd_1e_keer(vo: Scenario) -> None:
    """Stap 3 deel 1, '1e keer': 'Ieder blokuur ongeoorloofd verzuim wordt dubbel ingehaald';
    de mentor heeft een gesprek met de leerling."""
    vo.registrations.append(one_hour(KEREN[0]))
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-1e-keer", KEREN[0])
    assert signal.melding is None
    assert any("dubbel ingehaald" in a.text and a.actor == "school" for a in signal.actions)
    assert any("inhaalplan" in a.text and a.actor == "mentor" for a in signal.actions)


def test_ongeoorloofd_2e_keer(vo: Scenario) -> None:
    """Stap 3 deel 1, '2e keer': 'De mentor neemt telefonisch contact op met ouders'."""
    vo.registrations += [one_hour(d) for d in KEREN[:2]]
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-2e-keer", KEREN[1])
    assert signal.melding is None
    assert actors(signal) == {"mentor"}
    assert any("telefonisch contact" in a.text for a in signal.actions)


def test_ongeoorloofd_3e_keer(vo: Scenario) -> None:
    """Stap 3 deel 1, '3e keer': 'Namens de TL stuurt de OA een standaard e-mail naar huis';
    vierkant rooster; 'TL bespreekt het in het IZO'."""
    vo.registrations += [one_hour(d) for d in KEREN[:3]]
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-3e-keer", KEREN[2])
    assert signal.melding is None
    assert actors(signal) == {"onderwijsassistent", "teamleider", "mentor"}
    assert any("vierkant rooster" in a.text for a in signal.actions)


def test_ongeoorloofd_4e_keer_meldt_signaalverzuim(vo: Scenario) -> None:
    """Stap 3 deel 2, '4e keer': 'TL maakt een melding bij DUO van signaalverzuim'."""
    vo.registrations += [one_hour(d) for d in KEREN[:4]]
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-4e-keer", KEREN[3])
    assert signal.melding is Soort.OVERIG
    assert any(a.actor == "teamleider" and "signaalverzuim" in a.text for a in signal.actions)
    assert "leerplicht" in actors(signal)
    (melding,) = overig_on(vo, KEREN[3])
    assert melding.due == D(2026, 3, 18)
    # 4 uur in 4 weken: geen wettelijke melding
    assert all(m.soort is Soort.OVERIG for m in vo.at(KEREN[3], P).meldingen)


def test_ongeoorloofd_5e_keer_nogmaals_melden(vo: Scenario) -> None:
    """Stap 3 deel 2, '5e keer en vaker': 'TL doet nogmaals een melding bij DUO. Hiermee wordt
    LP ingeschakeld'."""
    vo.registrations += [one_hour(d) for d in KEREN[:5]]
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-5e-keer", KEREN[4])
    assert signal.melding is Soort.OVERIG
    assert any(a.actor == "leerplicht" and "e-mail/brief" in a.text for a in signal.actions)
    assert len(overig_on(vo, KEREN[4])) == 1


def test_ongeoorloofd_vaker_na_de_5e_keer(vo: Scenario) -> None:
    """Stap 3 deel 2, '5e keer en vaker': de volgende keer na de 5e (de 6e) opnieuw een melding."""
    vo.registrations += [one_hour(d) for d in KEREN[:6]]
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-vaker", KEREN[5])
    assert signal.melding is Soort.OVERIG
    assert any("nogmaals een melding" in a.text for a in signal.actions)
    assert len(overig_on(vo, KEREN[5])) == 1


def test_vaker_geeft_elke_volgende_keer_een_signaal(vo: Scenario) -> None:
    """Stap 3 deel 2, '5e keer en vaker': elke keer vanaf de 6e opnieuw (en de 5e keer zelf is
    een eigen stap)."""
    vo.registrations += [one_hour(d) for d in KEREN]
    assert len(KEREN) > 6
    assert vo.reached_on(P, "ongeoorloofd-vaker", D(2026, 3, 31)) == list(KEREN[5:])
    assert vo.reached_on(P, "ongeoorloofd-5e-keer", D(2026, 3, 31)) == [KEREN[4]]
    assert len(
        [m for m in vo.at(D(2026, 3, 31), P).meldingen if m.soort is Soort.OVERIG]
    ) >= 2 + len(KEREN[5:])


def test_een_keer_is_een_schooldag_niet_een_registratie(vo: Scenario) -> None:
    """Keuze: één keer = één schooldag met ongeoorloofde afwezigheid (count_by: dag); vier
    gespijbelde lessen op één dag zijn één keer; te laat komen telt niet."""
    vo.registrations += [one_hour(D(2026, 3, 2)) for _ in range(4)]
    vo.registrations += [late(d, 0.25) for d in vo.days(D(2026, 3, 3), D(2026, 3, 6))]
    assert vo.reached_on(P, "ongeoorloofd-1e-keer", D(2026, 3, 6)) == [D(2026, 3, 2)]
    assert vo.reached_on(P, "ongeoorloofd-2e-keer", D(2026, 3, 6)) == []
    assert vo.reached_on(P, "ongeoorloofd-4e-keer", D(2026, 3, 6)) == []


def test_keren_tellen_per_schooljaar(vo: Scenario) -> None:
    """Keuze: de keren tellen per schooljaar; in een nieuw schooljaar begint de telling opnieuw."""
    june = vo.days(D(2026, 6, 1), D(2026, 6, 12))[::3][:3]
    september = vo.days(D(2026, 9, 7), D(2026, 9, 18))[::3][:2]
    vo.registrations += [one_hour(d) for d in june + september]
    assert vo.reached_on(P, "ongeoorloofd-3e-keer", D(2026, 9, 30)) == [june[2]]
    assert vo.reached_on(P, "ongeoorloofd-4e-keer", D(2026, 9, 30)) == []
    assert vo.reached_on(P, "ongeoorloofd-1e-keer", D(2026, 9, 30)) == [june[0], september[0]]
    assert vo.reached_on(P, "ongeoorloofd-2e-keer", D(2026, 9, 30)) == [june[1], september[1]]


def test_3_dagen_achtereen_ongeoorloofd_melden_bij_duo(vo: Scenario) -> None:
    """Stap 3 deel 1, rij '!': 'Wanneer de leerling 3 dagen achtereen ongeoorloofd verzuimt,
    meldt de TL bij het verzuimloket in DUO'; 'Melden bij Leerplicht': 'bij uiterlijk 3
    achtereenvolgende verzuimdagen'."""
    vo.absent_days(D(2026, 3, 2), D(2026, 3, 6))
    signal = vo.assert_reached_exactly(P, "ongeoorloofd-3-dagen-achtereen", D(2026, 3, 4))
    assert signal.melding is Soort.OVERIG
    assert actors(signal) >= {"teamleider"}
    (melding,) = overig_on(vo, D(2026, 3, 4))
    assert (melding.begin, melding.end) == (D(2026, 3, 2), D(2026, 3, 4))
    # één keer per reeks
    assert vo.reached_on(P, "ongeoorloofd-3-dagen-achtereen", D(2026, 3, 6)) == [D(2026, 3, 4)]
    # de wettelijke 16-uursmelding (18 uur op de derde dag) staat daar los van
    assert any(m.soort is Soort.ZESTIEN_UUR for m in vo.at(D(2026, 3, 4), P).meldingen)


def test_3_dagen_achtereen_vraagt_hele_dagen(vo: Scenario) -> None:
    """Keuze: 3 dagen achtereen = 3 schooldagen volledig ongeoorloofd afwezig."""
    vo.registrations += [absent(d, hours=5) for d in vo.days(D(2026, 3, 2), D(2026, 3, 4))]
    assert vo.reached_on(P, "ongeoorloofd-3-dagen-achtereen", D(2026, 3, 6)) == []


# -- Stap 4: geoorloofd verzuim ---------------------------------------------------------------


def test_geoorloofd_3_dagen_achtereen(vo: Scenario) -> None:
    """Stap 4 deel 1, 'na 3 dagen achtereen verzuim': 'Mentor neemt contact op met thuis'."""
    vo.absent_days(D(2026, 3, 2), D(2026, 3, 6), Reason.ZIEK)
    signal = vo.assert_reached_exactly(P, "geoorloofd-3-dagen-achtereen", D(2026, 3, 4))
    assert signal.melding is None
    assert actors(signal) == {"mentor"}
    assert vo.reached_on(P, "geoorloofd-3-dagen-achtereen", D(2026, 3, 6)) == [D(2026, 3, 4)]


def test_geoorloofd_is_absent_gemeld_door_ouders_met_reden(vo: Scenario) -> None:
    """Keuze (kop Stap 4: 'absent gemeld door ouders met reden'): toegekend verlof en
    vrijstelling tellen niet als geoorloofd verzuim in Stap 4; ongeoorloofd ook niet."""
    vo.absent_days(D(2026, 3, 2), D(2026, 3, 13), Reason.VERLOF)
    vo.absent_days(D(2026, 3, 16), D(2026, 3, 27), Reason.VRIJSTELLING)
    for step in ("geoorloofd-3-dagen-achtereen", "geoorloofd-1-50-lesblokken"):
        assert vo.reached_on(P, step, D(2026, 3, 31)) == []
    assert vo.reached_on(P, "geoorloofd-1-8-lestijd", D(2026, 3, 31)) == []


def test_geoorloofd_1_50_lesblokken(vo: Scenario) -> None:
    """Stap 4 deel 1, '1-50 lesblokken': 'Mentor heeft een gesprek met de leerling die verzuimt
    (heeft)'."""
    vo.registrations.append(one_hour(D(2026, 3, 4), Reason.ARTS))
    signal = vo.assert_reached_exactly(P, "geoorloofd-1-50-lesblokken", D(2026, 3, 4))
    assert signal.melding is None
    assert actors(signal) == {"onderwijsassistent", "mentor", "teamleider"}


def test_geoorloofd_50_70_lesblokken(vo: Scenario) -> None:
    """Stap 4 deel 2, '50-70 lesblokken': 'TL meldt leerling aan voor spreekuur Jeugdarts'.
    Een hele ziektedag van 6 uur is 6 x 60 / 50 = 7,2 blokken: 6 dagen = 43,2, de 7e dag = 50,4."""
    days = vo.days(D(2026, 3, 2), D(2026, 3, 20))
    vo.registrations += [absent(d, Reason.ZIEK) for d in days[:7]]
    signal = vo.assert_reached_exactly(P, "geoorloofd-50-70-lesblokken", days[6])
    assert signal.melding is None
    assert any("spreekuur Jeugdarts" in a.text for a in signal.actions)


def test_geoorloofd_meer_dan_70_lesblokken_melden_bij_duo(vo: Scenario) -> None:
    """Stap 4 deel 3, 'meer dan 70 lesblokken': 'TL meldt leerling bij DUO voor inzet
    Leerplicht, met als mededeling/reden: zorgen over het verzuim'. 9 dagen = 64,8 blokken;
    de 10e dag = 72 blokken, meer dan 70."""
    days = vo.days(D(2026, 3, 2), D(2026, 3, 20))
    vo.registrations += [absent(d, Reason.ZIEK) for d in days[:10]]
    signal = vo.assert_reached_exactly(P, "geoorloofd-meer-dan-70-lesblokken", days[9])
    assert signal.melding is Soort.OVERIG
    assert any("zorgen over het verzuim" in a.text for a in signal.actions)
    assert len(overig_on(vo, days[9])) == 1


def test_lesblokken_van_50_minuten(vo: Scenario) -> None:
    """Keuze: block_minutes 50; de gemiste lestijd wordt omgerekend naar blokken van 50 minuten,
    per schooljaar (één signaal per rij per schooljaar). 6 hele dagen = 43,2 blokken; 7 lessen
    van 50 minuten op de 10e dag maken 50,2."""
    days = vo.days(D(2026, 3, 2), D(2026, 3, 13))
    vo.registrations += [absent(d, Reason.ZIEK) for d in days[:6]]
    assert vo.reached_on(P, "geoorloofd-50-70-lesblokken", days[9]) == []
    vo.registrations += [
        Registration("p1", days[9], Kind.ABSENT, Reason.ARTS, 50 / 60) for _ in range(7)
    ]
    assert vo.reached_on(P, "geoorloofd-50-70-lesblokken", days[9]) == [days[9]]
    assert vo.reached_on(P, "geoorloofd-1-50-lesblokken", days[9]) == [days[0]]


def test_lesblokken_hangen_niet_af_van_hoe_de_school_registreert(vo: Scenario) -> None:
    """Dezelfde gemiste lestijd, per dag of per les geregistreerd, geeft dezelfde blokken."""
    days = vo.days(D(2026, 3, 2), D(2026, 3, 13))
    per_lesson = Scenario(sector=vo.sector)
    vo.registrations += [absent(d, Reason.ZIEK) for d in days[:7]]
    per_lesson.registrations += [
        Registration("p1", d, Kind.ABSENT, Reason.ZIEK, 1.0) for d in days[:7] for _ in range(6)
    ]
    step = "geoorloofd-50-70-lesblokken"
    assert vo.reached_on(P, step, days[9]) == per_lesson.reached_on(P, step, days[9]) == [days[6]]


def test_geoorloofd_meer_dan_1_8_van_de_lestijd_in_4_lesweken(vo: Scenario) -> None:
    """'Melden bij Leerplicht': 'Bij geoorloofd verzuim meldt de school de leerling aan wanneer
    hij gedurende 4 lesweken meer dan 1/8 deel van de lestijd verzuimt'. 4 lesweken van 2 t/m 27
    maart = 120 uur; 3 x 3,75 + 4 = 15,25 uur > 15 uur."""
    fridays = [D(2026, 3, 6), D(2026, 3, 13), D(2026, 3, 20), D(2026, 3, 27)]
    vo.registrations += [absent(d, Reason.ARTS, hours=3.75) for d in fridays[:3]]
    vo.registrations.append(absent(fridays[3], Reason.ARTS, hours=4))
    signal = vo.assert_reached_exactly(P, "geoorloofd-1-8-lestijd", fridays[3])
    assert signal.melding is Soort.OVERIG
    assert actors(signal) == {"school", "leerplicht"}
    assert len(overig_on(vo, fridays[3])) == 1


def test_precies_1_8_van_de_lestijd_is_niet_genoeg(vo: Scenario) -> None:
    """Keuze: 'meer dan 1/8' is strikt: 15 van 120 uur in 4 lesweken geeft geen melding."""
    fridays = [D(2026, 3, 6), D(2026, 3, 13), D(2026, 3, 20), D(2026, 3, 27)]
    vo.registrations += [absent(d, Reason.ARTS, hours=3.75) for d in fridays]
    assert vo.reached_on(P, "geoorloofd-1-8-lestijd", D(2026, 4, 30)) == []


# -- Melden bij Leerplicht: luxe verzuim ------------------------------------------------------


def test_luxe_verzuim(vo: Scenario) -> None:
    """'Melden bij Leerplicht': 'Verder dient luxe verzuim gemeld te worden'. Vrijdag 13
    februari 2026 ligt direct voor de voorjaarsvakantie."""
    vo.registrations.append(absent(D(2026, 2, 13)))
    signal = vo.assert_reached_exactly(P, "luxe-verzuim", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE


def test_protocol_laat_de_wettelijke_meldingen_staan(vo: Scenario) -> None:
    """De wet is de ondergrens: met of zonder protocol dezelfde wettelijke meldingen."""
    vo.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    vo.registrations.append(absent(D(2026, 2, 13)))
    without = vo.at(D(2026, 4, 10)).meldingen
    with_protocol = [m for m in vo.at(D(2026, 4, 10), P).meldingen if m.soort is not Soort.OVERIG]
    assert tuple(with_protocol) == without


def test_alleen_voor_vo() -> None:
    from leerrecht.core.protocols.loader import load_protocol

    assert load_protocol(P).sectors == ("vo",)


def test_elke_stap_heeft_een_test() -> None:
    from leerrecht.core.protocols.loader import load_protocol

    tested = {
        "afwezig-1e-dag", "ongeoorloofd-1e-keer", "ongeoorloofd-3-dagen-achtereen",
        "ongeoorloofd-2e-keer", "ongeoorloofd-3e-keer", "ongeoorloofd-4e-keer",
        "ongeoorloofd-5e-keer", "ongeoorloofd-vaker", "geoorloofd-3-dagen-achtereen",
        "geoorloofd-1-50-lesblokken", "geoorloofd-50-70-lesblokken",
        "geoorloofd-meer-dan-70-lesblokken", "geoorloofd-1-8-lestijd", "luxe-verzuim",
    }  # fmt: skip
    assert {s.id for s in load_protocol(P).steps} == tested
