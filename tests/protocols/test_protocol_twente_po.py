"""Scenario tests for protocol twente-po: every step is reached exactly on the expected day.

Source: shared/seeds/001_9adb2484f8efd86e.txt (Regionale verzuimkaart Twente, primair onderwijs);
"r. N" is the line in that file. Tables: WETTELIJK VERZUIM (r. 34-109), OVERIG VERZUIM
(r. 111-139), VERWIJDERING (r. 140-161), * TE LAAT KOMEN (r. 163-211), ** ZIEKTE (r. 219-300).
Calendar: PO school in regio zuid (ma/di/do/vr 5.5 uur, wo 3.75 uur), kerstvakantie 20 december
2025 - 4 januari 2026, voorjaarsvakantie 14-22 februari 2026, meivakantie 25 april - 3 mei 2026;
Tweede paasdag, Hemelvaart en Tweede pinksterdag vrij, Goede Vrijdag is een schooldag.
"""

from __future__ import annotations

import datetime as dt

from leerrecht.core.absence import Reason
from leerrecht.core.model import ExitReason, Melding, Soort, ThuiszitterGroup
from scenario_hulp import D, Scenario, absent, late, pupil

P = "twente-po"


def _overig(scenario: Scenario, as_of: dt.date) -> list[Melding]:
    """The meldingen 'overig verzuim' up to ``as_of``."""
    return [m for m in scenario.at(as_of, P).meldingen if m.soort is Soort.OVERIG]


# -- WETTELIJK VERZUIM -----------------------------------------------------------------------------


def test_absoluut_verzuim_bij_uitschrijving_zonder_nieuwe_school() -> None:
    """r. 38-47, WETTELIJK VERZUIM, rij 'Absoluut verzuim': 'Een leerling staat niet (meer)
    ingeschreven op een school' - school: 'Indien bekend, melden bij de leerplichtambtenaar van
    de woongemeente via DUO/verzuimregister'; leerplicht: 'Doet onderzoek naar reden geen
    schoolinschrijving'."""
    s = Scenario(who=pupil(enrolled_from=D(2020, 8, 1), enrolled_until=D(2026, 1, 30)))
    signal = s.assert_reached_exactly(P, "absoluut-verzuim", D(2026, 1, 30))
    assert signal.melding is Soort.OVERIG
    assert [m.due for m in _overig(s, D(2026, 2, 6))] == [D(2026, 2, 6)]
    assert any(
        a.actor == "leerplicht" and "geen schoolinschrijving" in a.text for a in signal.actions
    )
    # leerrecht zelf ziet de leerling vanaf de dag na de uitschrijving als absoluut verzuimer
    status = s.at(D(2026, 2, 6), P).thuiszitter
    assert status is not None and status.group is ThuiszitterGroup.ABSOLUUT


def test_absoluut_verzuim_niet_bij_aansluitende_nieuwe_school() -> None:
    """Keuze: de trigger is de wettelijke controle uitschrijving_niet_toegestaan; wie per de
    volgende dag op een andere school staat, is geen absoluut verzuimer (r. 38-39)."""
    s = Scenario(
        who=pupil(
            enrolled_from=D(2020, 8, 1),
            enrolled_until=D(2026, 1, 30),
            exit_reason=ExitReason.NIEUWE_SCHOOL,
            next_enrolment_from=D(2026, 1, 31),
        )
    )
    assert s.reached_on(P, "absoluut-verzuim", D(2026, 3, 31)) == []
    assert _overig(s, D(2026, 3, 31)) == []


def test_relatief_verzuim_16_uur_in_4_weken(scenario: Scenario) -> None:
    """r. 49-65, rij 'Relatief verzuim': 'Bij verzuim van 16 uur van de lestijd gedurende een
    aaneengesloten periode van 4 weken' - 'Meldt bij de leerplichtambtenaar ... via
    DUO/verzuimregister'."""
    # ma 5.5 + di 5.5 + do 5.5 = 16.5 uur
    scenario.registrations += [absent(D(2026, 3, 2)), absent(D(2026, 3, 3)), absent(D(2026, 3, 5))]
    signal = scenario.assert_reached_exactly(P, "relatief-verzuim-16-uur", D(2026, 3, 5))
    assert signal.melding is Soort.ZESTIEN_UUR
    assert any(a.actor == "leerplicht" and "waarschuwingsbrief" in a.text for a in signal.actions)


def test_relatief_verzuim_volgt_ook_de_herhaalmelding(scenario: Scenario) -> None:
    """Keuze (r. 49-52 is de wettelijke definitie): de stap volgt elke wettelijke 16-uurmelding,
    ook de herhaalmelding die aansluit op de vorige."""
    days = [
        D(2026, 3, 2),
        D(2026, 3, 3),
        D(2026, 3, 5),
        D(2026, 3, 9),
        D(2026, 3, 10),
        D(2026, 3, 12),
    ]
    scenario.registrations += [absent(d) for d in days]
    # de tweede keer: op 12 maart, niet een schooldag eerder
    assert scenario.reached_on(P, "relatief-verzuim-16-uur", D(2026, 3, 11)) == [D(2026, 3, 5)]
    assert scenario.reached_on(P, "relatief-verzuim-16-uur", D(2026, 3, 12)) == [
        D(2026, 3, 5),
        D(2026, 3, 12),
    ]
    herhaal = [m for m in scenario.at(D(2026, 3, 12), P).meldingen if m.sequence == 2]
    assert [(m.begin, m.reached) for m in herhaal] == [(D(2026, 3, 6), D(2026, 3, 12))]


def test_langdurig_relatief_verzuim_vier_weken_of_langer(scenario: Scenario) -> None:
    """r. 67-90, rij 'Langdurig relatief verzuim (thuiszitter)': 'Een leerling is een
    aaneengesloten periode van vier weken of langer, ongeoorloofd afwezig' - 'Meldt/gaat in
    overleg met het samenwerkingsverband'; 'Meldt de leerling als relatief langdurig verzuimer'."""
    scenario.absent_days(D(2026, 3, 4), D(2026, 4, 10))  # vanaf woensdag 4 maart
    # 4 maart t/m 31 maart is precies vier weken (28 dagen): de stap valt op dinsdag 31 maart
    signal = scenario.assert_reached_exactly(P, "lrv-thuiszitter", D(2026, 3, 31))
    assert signal.melding is Soort.LRV
    assert any("samenwerkingsverband" in a.text for a in signal.actions)
    assert scenario.reached_on(P, "lrv-thuiszitter", D(2026, 4, 10)) == [D(2026, 3, 31)]


def test_lrv_kaart_tegenover_wettelijke_lrv_melding(scenario: Scenario) -> None:
    """Keuze: 'vier weken of langer' (r. 74-75) is ten minste 28 kalenderdagen; de wettelijke
    LRV-melding ('meer dan 4 lesweken') komt één schooldag later en blijft de DUO-melding."""
    scenario.absent_days(D(2026, 3, 4), D(2026, 4, 10))
    lrv = [m for m in scenario.at(D(2026, 4, 10), P).meldingen if m.soort is Soort.LRV]
    assert [m.reached for m in lrv] == [D(2026, 4, 1)]
    # begint de reeks op een maandag, dan vallen stap en wettelijke melding samen
    monday = Scenario()
    monday.absent_days(D(2026, 3, 2), D(2026, 4, 10))
    monday.assert_reached_exactly(P, "lrv-thuiszitter", D(2026, 3, 30))
    lrv = [m for m in monday.at(D(2026, 4, 10), P).meldingen if m.soort is Soort.LRV]
    assert [m.reached for m in lrv] == [D(2026, 3, 30)]


def test_lrv_kaart_telt_een_vakantie_als_kalenderdagen_mee(scenario: Scenario) -> None:
    """Keuze: kalenderdagen, vakanties overbrugd; een reeks over de voorjaarsvakantie (14-22
    februari) bereikt de stap na 28 kalenderdagen, eerder dan de wettelijke melding."""
    scenario.absent_days(D(2026, 2, 9), D(2026, 3, 20))
    scenario.assert_reached_exactly(P, "lrv-thuiszitter", D(2026, 3, 9))
    lrv = [m for m in scenario.at(D(2026, 3, 20), P).meldingen if m.soort is Soort.LRV]
    assert [m.reached for m in lrv] == [D(2026, 3, 16)]


def test_geoorloofd_afwezig_is_geen_lrv(scenario: Scenario) -> None:
    """r. 76: 'ongeoorloofd afwezig'; vier weken ziek is geen langdurig relatief verzuim."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 4, 10), Reason.ZIEK)
    assert scenario.reached_on(P, "lrv-thuiszitter", D(2026, 4, 10)) == []


def test_luxe_verzuim(scenario: Scenario) -> None:
    """r. 92-109, rij 'Luxe verzuim': 'Vrije uren/dagen zonder toestemming van directeur of
    leerplichtambtenaar' - 'Meldt bij de leerplichtambtenaar ... via DUO/verzuimregister'."""
    scenario.registrations.append(absent(D(2026, 2, 13)))  # vrijdag voor de voorjaarsvakantie
    signal = scenario.assert_reached_exactly(P, "luxe-verzuim", D(2026, 2, 13))
    assert signal.melding is Soort.LUXE
    assert any("prikacties" in a.text for a in signal.actions)


def test_luxe_verzuim_ook_vrije_uren_en_geregistreerd_luxe(scenario: Scenario) -> None:
    """r. 92: 'Vrije uren/dagen'. Keuze: enkele uren direct na een vakantie, en een vrije dag
    midden in het schooljaar als de school hem als luxe verzuim registreert."""
    scenario.registrations.append(absent(D(2026, 2, 23), hours=2))  # maandag na de vakantie
    scenario.assert_reached_exactly(P, "luxe-verzuim", D(2026, 2, 23))
    registered = Scenario()
    registered.registrations.append(absent(D(2026, 3, 11), Reason.LUXE))
    registered.assert_reached_exactly(P, "luxe-verzuim", D(2026, 3, 11))
    # een gewone ongeoorloofde dag midden in het schooljaar is geen luxe verzuim
    other = Scenario()
    other.registrations.append(absent(D(2026, 3, 11)))
    assert other.reached_on(P, "luxe-verzuim", D(2026, 3, 31)) == []


# -- OVERIG VERZUIM en VERWIJDERING ----------------------------------------------------------------


def test_overig_verzuim_achterliggende_problematiek(scenario: Scenario) -> None:
    """r. 115-136, OVERIG VERZUIM, rij 'Elk verzuim gerelateerd aan (vermoedelijk)
    achterliggende problematiek' - 'Meldt bij de leerplichtambtenaar ... via DUO/verzuimregister'."""
    scenario.registrations.append(absent(D(2026, 3, 10), hours=2))
    scenario.manual = {"overig-achterliggende-problematiek": [D(2026, 3, 10)]}
    signal = scenario.assert_reached_exactly(
        P, "overig-achterliggende-problematiek", D(2026, 3, 10)
    )
    assert signal.melding is Soort.OVERIG
    assert [(m.begin, m.due) for m in _overig(scenario, D(2026, 3, 31))] == [
        (D(2026, 3, 10), D(2026, 3, 17))
    ]


def test_handmatige_stappen_worden_nooit_geraden(scenario: Scenario) -> None:
    """Keuze: 'achterliggende problematiek' (r. 115-117), 'reden tot zorg' (r. 273-277),
    verwijdering (r. 144) en niet verschijnen bij de GGD-JGZ zijn oordelen van mensen."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 20), Reason.ZIEK)
    scenario.registrations += [absent(D(2026, 3, 23)), absent(D(2026, 3, 24))]
    manual = {
        "overig-achterliggende-problematiek",
        "verwijdering",
        "ziekte-reden-tot-zorg",
        "ziekte-niet-verschenen-ggd-jgz",
    }
    assert not [s for s in scenario.signals(P, D(2026, 3, 31)) if s.step in manual]


def test_verwijdering(scenario: Scenario) -> None:
    """r. 144-161, VERWIJDERING: 'Bevoegd gezag van de school kan een leerling verwijderen' -
    school: 'Gaat in gesprek met ouders', 'Meldt bij de Onderwijsinspectie', 'Meldt bij de
    leerplichtambtenaar ... via DUO/verzuimregister'; leerplicht: 'Registreert verwijdering in
    het leerlingendossier'."""
    scenario.manual = {"verwijdering": [D(2026, 3, 16)]}
    signal = scenario.assert_reached_exactly(P, "verwijdering", D(2026, 3, 16))
    assert signal.melding is Soort.OVERIG
    assert any("Onderwijsinspectie" in a.text for a in signal.actions)
    assert any(a.actor == "leerplicht" and "leerlingendossier" in a.text for a in signal.actions)
    assert [m.due for m in _overig(scenario, D(2026, 3, 31))] == [D(2026, 3, 23)]


# -- * TE LAAT KOMEN -----------------------------------------------------------------------------


def test_vijf_keer_te_laat(scenario: Scenario) -> None:
    """r. 167, TE LAAT KOMEN, rij '5 x te laat op school': 'Gaat in gesprek met ouders'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 6))  # 5 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "te-laat-5x", days[4])
    assert signal.melding is None
    assert [(a.actor, a.text) for a in signal.actions] == [("school", "Gaat in gesprek met ouders")]


def test_twee_keer_te_laat_op_een_dag_is_een_keer(scenario: Scenario) -> None:
    """Keuze: één keer is één schooldag met een te-laatregistratie (count_by: dag)."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 5))
    scenario.registrations += [late(d, 0.25) for d in days for _ in range(2)]
    assert scenario.reached_on(P, "te-laat-5x", D(2026, 3, 5)) == []


def test_tien_keer_te_laat_geeft_melding_overig(scenario: Scenario) -> None:
    """r. 169-180, rij '10 x te laat op school': 'Meldt bij de leerplichtambtenaar van de
    woongemeente leerling via DUO/verzuimregister'; leerplicht 'Verstuurt een
    waarschuwingsbrief ...'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 13))  # 10 schooldagen
    scenario.registrations += [late(d, 0.25) for d in days]
    signal = scenario.assert_reached_exactly(P, "te-laat-10x", days[9])
    assert signal.melding is Soort.OVERIG
    overig = _overig(scenario, days[9])
    assert [(m.end, m.due) for m in overig] == [(days[9], D(2026, 3, 20))]
    assert any(a.actor == "leerplicht" and "waarschuwingsbrief" in a.text for a in signal.actions)


def test_meer_dan_tien_keer_te_laat(scenario: Scenario) -> None:
    """r. 182-195, rij 'Meer dan 10 x te laat op school': melding via DUO/verzuimregister;
    leerplicht 'Geeft een verwijzing zorg of een formele waarschuwing'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 20))
    scenario.registrations += [late(d, 0.25) for d in days[:11]]
    signal = scenario.assert_reached_exactly(P, "te-laat-meer-dan-10x", days[10])
    assert days[10] == D(2026, 3, 16)
    assert signal.melding is Soort.OVERIG
    assert any("formele waarschuwing" in a.text for a in signal.actions)
    assert [m.end for m in _overig(scenario, days[10])] == [days[9], days[10]]


def test_te_laat_bij_herhaling(scenario: Scenario) -> None:
    """r. 197-211, rij 'Bij herhaling': melding via DUO/verzuimregister; leerplicht 'Geeft een
    verwijzing zorg, of maakt eventueel een proces-verbaal op (eventueel verwijzing HALT vanaf 12
    jaar)'."""
    days = scenario.days(D(2026, 3, 2), D(2026, 3, 20))
    scenario.registrations += [late(d, 0.25) for d in days[:12]]
    signal = scenario.assert_reached_exactly(P, "te-laat-herhaling", days[11])
    assert signal.melding is Soort.OVERIG
    assert any("proces-verbaal" in a.text and "HALT" in a.text for a in signal.actions)
    assert len(_overig(scenario, days[11])) == 3  # 10x, meer dan 10x, herhaling


def test_herhaling_is_een_latere_schooldag_en_een_keer_per_schooljaar(scenario: Scenario) -> None:
    """Keuze 'bij herhaling' (r. 197): opnieuw te laat op een latere schooldag na de stap 'meer
    dan 10 x'; ten hoogste één keer per schooljaar, ook als het te laat komen doorgaat."""
    days = scenario.days(D(2026, 3, 2), D(2026, 4, 30))
    scenario.registrations += [late(d, 0.25) for d in days[:11]]
    scenario.registrations.append(late(days[10], 0.1))  # nog eens op de elfde dag zelf
    assert scenario.reached_on(P, "te-laat-herhaling", days[11]) == []
    scenario.registrations += [late(d, 0.25) for d in days[11:25]]
    assert scenario.reached_on(P, "te-laat-herhaling", D(2026, 4, 30)) == [days[11]]
    assert scenario.reached_on(P, "te-laat-meer-dan-10x", D(2026, 4, 30)) == [days[10]]


def test_herhaling_telt_niet_door_in_een_nieuw_schooljaar(scenario: Scenario) -> None:
    """Keuze: de telling van te laat komen is per schooljaar; een keer te laat na de zomer is geen
    herhaling van 'meer dan 10 x' uit het vorige schooljaar."""
    june = scenario.days(D(2026, 6, 1), D(2026, 6, 30))
    autumn = scenario.days(D(2026, 9, 1), D(2026, 10, 9))
    scenario.registrations += [late(d, 0.25) for d in june[:11] + autumn[:1]]
    assert scenario.reached_on(P, "te-laat-meer-dan-10x", D(2026, 9, 30)) == [june[10]]
    assert scenario.reached_on(P, "te-laat-herhaling", D(2026, 9, 30)) == []
    scenario.registrations += [late(d, 0.25) for d in autumn[1:12]]
    assert scenario.reached_on(P, "te-laat-meer-dan-10x", D(2026, 10, 9)) == [june[10], autumn[10]]
    assert scenario.reached_on(P, "te-laat-herhaling", D(2026, 10, 9)) == [autumn[11]]


def test_te_laat_telt_per_schooljaar(scenario: Scenario) -> None:
    """Keuze (de kaart noemt geen telperiode): per schooljaar; één keer per schooljaar bereikt."""
    spring = scenario.days(D(2026, 6, 1), D(2026, 6, 8))
    autumn = scenario.days(D(2026, 9, 7), D(2026, 9, 14))
    scenario.registrations += [late(d, 0.25) for d in spring[:3] + autumn[:3]]
    assert scenario.reached_on(P, "te-laat-5x", D(2026, 9, 30)) == []
    scenario.registrations += [late(d, 0.25) for d in spring[3:5] + autumn[3:5]]
    assert scenario.reached_on(P, "te-laat-5x", D(2026, 9, 30)) == [spring[4], autumn[4]]
    scenario.registrations += [late(d, 0.25) for d in autumn[5:6]]
    assert scenario.reached_on(P, "te-laat-5x", D(2026, 9, 30)) == [spring[4], autumn[4]]


# -- ** ZIEKTE -----------------------------------------------------------------------------------


def test_elke_ziekmelding(scenario: Scenario) -> None:
    """r. 223-225, ZIEKTE, rij 'Elke ziekmelding': 'Neemt zo nodig contact op met de ouders en
    laat zich informeren over de aard van de ziekmelding'."""
    scenario.registrations.append(absent(D(2026, 3, 10), Reason.ZIEK))
    signal = scenario.assert_reached_exactly(P, "ziekte-elke-ziekmelding", D(2026, 3, 10))
    assert signal.melding is None
    assert scenario.at(D(2026, 3, 31), P).meldingen == ()


def test_een_ziekmelding_is_een_reeks_ziektedagen(scenario: Scenario) -> None:
    """Keuze: één signaal per ziekmelding (een reeks aaneengesloten ziektedagen, ook over het
    weekend), niet per ziektedag (venster keer) of per lesweek ({lesweken: 1})."""
    scenario.absent_days(D(2026, 3, 5), D(2026, 3, 13), Reason.ZIEK)  # do t/m vr volgende week
    scenario.registrations += [
        absent(D(2026, 3, 17), Reason.ZIEK),
        absent(D(2026, 3, 19), Reason.ZIEK),
    ]
    assert scenario.reached_on(P, "ziekte-elke-ziekmelding", D(2026, 3, 31)) == [
        D(2026, 3, 5),
        D(2026, 3, 17),
        D(2026, 3, 19),
    ]


def test_ziek_langer_dan_twee_weken(scenario: Scenario) -> None:
    """r. 227-248, rij '> 2 weken': 'Gaat in gesprek met ouders en verwijst de (chronisch) zieke
    leerling naar de GGD-JGZ via het digitaal aanmeldingsformulier'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 27), Reason.ZIEK)
    # 2 t/m 15 maart is twee weken; meer dan twee weken op maandag 16 maart
    signal = scenario.assert_reached_exactly(P, "ziekte-langer-dan-2-weken", D(2026, 3, 16))
    assert signal.melding is None
    assert {a.actor for a in signal.actions} == {"school", "jgz", "leerplicht"}
    assert scenario.reached_on(P, "ziekte-langer-dan-2-weken", D(2026, 3, 27)) == [D(2026, 3, 16)]
    assert _overig(scenario, D(2026, 3, 27)) == []  # ziekte is geoorloofd


def test_twee_weken_zijn_kalenderdagen(scenario: Scenario) -> None:
    """Keuze: '> 2 weken' (r. 227) is meer dan 14 kalenderdagen, geen 10 schooldagen. Vanaf
    maandag 11 mei is de 15e dag Tweede pinksterdag (25 mei): de stap valt op dinsdag 26 mei,
    de tiende ziektedag (Hemelvaart 14 mei is geen schooldag)."""
    scenario.absent_days(D(2026, 5, 11), D(2026, 5, 29), Reason.ZIEK)
    scenario.assert_reached_exactly(P, "ziekte-langer-dan-2-weken", D(2026, 5, 26))


def test_derde_ziekmelding_in_drie_maanden(scenario: Scenario) -> None:
    """r. 250-271, rij '3e ziekmelding in 3 maanden': 'Gaat tijdig in gesprek met ouders en
    verwijst de (ook chronisch zieke) leerling naar de GGD-JGZ'."""
    sick = [D(2026, 1, 12), D(2026, 2, 9), D(2026, 3, 9)]
    scenario.registrations += [absent(d, Reason.ZIEK) for d in sick]
    signal = scenario.assert_reached_exactly(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 3, 9))
    assert signal.melding is None
    assert any(a.actor == "jgz" for a in signal.actions)


def test_drie_maanden_is_de_dag_zelf_en_de_drie_maanden_ervoor(scenario: Scenario) -> None:
    """Keuze: op 10 april telt een ziekmelding vanaf 11 januari mee, op 13 april niet meer."""
    scenario.registrations += [
        absent(D(2026, 1, 12), Reason.ZIEK),
        absent(D(2026, 2, 9), Reason.ZIEK),
    ]
    later = Scenario(registrations=[*scenario.registrations, absent(D(2026, 4, 13), Reason.ZIEK)])
    scenario.registrations.append(absent(D(2026, 4, 10), Reason.ZIEK))
    scenario.assert_reached_exactly(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 4, 10))
    assert later.reached_on(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 4, 30)) == []


def test_derde_ziekmelding_een_keer_per_drie_maanden(scenario: Scenario) -> None:
    """Keuze: één signaal per periode van 3 maanden; een vierde ziekmelding erbinnen geeft er
    geen tweede, daarna telt alleen wat na die periode komt."""
    sick = [D(2026, 1, 12), D(2026, 2, 9), D(2026, 3, 9), D(2026, 3, 23), D(2026, 6, 1)]
    scenario.registrations += [absent(d, Reason.ZIEK) for d in sick]
    assert scenario.reached_on(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 6, 30)) == [
        D(2026, 3, 9)
    ]
    # de periode loopt tot 9 juni: 1 juni telt niet mee voor een nieuw signaal
    scenario.registrations += [absent(d, Reason.ZIEK) for d in (D(2026, 6, 15), D(2026, 6, 22))]
    assert scenario.reached_on(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 6, 26)) == [
        D(2026, 3, 9)
    ]
    scenario.registrations.append(absent(D(2026, 6, 29), Reason.ZIEK))
    assert scenario.reached_on(P, "ziekte-3e-ziekmelding-3-maanden", D(2026, 6, 30)) == [
        D(2026, 3, 9),
        D(2026, 6, 29),
    ]


def test_ziekmelding_is_reden_tot_zorg(scenario: Scenario) -> None:
    """r. 273-300, rij 'Leerling voldoet niet aan bovengenoemde criteria, maar ziekmelding is
    reden tot zorg': handmatig vastgelegd door de school."""
    scenario.registrations.append(absent(D(2026, 3, 10), Reason.ZIEK))
    scenario.manual = {"ziekte-reden-tot-zorg": [D(2026, 3, 11)]}
    signal = scenario.assert_reached_exactly(P, "ziekte-reden-tot-zorg", D(2026, 3, 11))
    assert signal.melding is None
    assert any("GGD-JGZ" in a.text for a in signal.actions if a.actor == "school")


def test_niet_verschenen_bij_de_ggd_jgz(scenario: Scenario) -> None:
    """r. 231-234, 254-257, 283-286: 'Bij niet verschijnen bij de GGD-JGZ zonder goede reden,
    melden bij de leerplichtambtenaar van de woongemeente leerling via DUO/verzuimregister'."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 20), Reason.ZIEK)
    scenario.manual = {"ziekte-niet-verschenen-ggd-jgz": [D(2026, 4, 9)]}
    signal = scenario.assert_reached_exactly(P, "ziekte-niet-verschenen-ggd-jgz", D(2026, 4, 9))
    assert signal.melding is Soort.OVERIG
    assert [(m.begin, m.due) for m in _overig(scenario, D(2026, 4, 30))] == [
        (D(2026, 4, 9), D(2026, 4, 16))
    ]


# -- het geheel ----------------------------------------------------------------------------------


def test_protocol_laat_de_wettelijke_meldingen_staan(scenario: Scenario) -> None:
    """De wet is de ondergrens: met of zonder protocol dezelfde wettelijke meldingen."""
    scenario.absent_days(D(2026, 3, 4), D(2026, 4, 10))
    scenario.registrations += [late(d, 0.25) for d in scenario.days(D(2026, 1, 12), D(2026, 2, 6))]
    without = scenario.at(D(2026, 4, 10)).meldingen
    with_protocol = [
        m for m in scenario.at(D(2026, 4, 10), P).meldingen if m.soort is not Soort.OVERIG
    ]
    assert tuple(with_protocol) == without


def test_elke_stap_heeft_een_test() -> None:
    from leerrecht.core.protocols.loader import load_protocol

    tested = {
        "absoluut-verzuim", "relatief-verzuim-16-uur", "lrv-thuiszitter", "luxe-verzuim",
        "overig-achterliggende-problematiek", "verwijdering",
        "te-laat-5x", "te-laat-10x", "te-laat-meer-dan-10x", "te-laat-herhaling",
        "ziekte-elke-ziekmelding", "ziekte-langer-dan-2-weken", "ziekte-3e-ziekmelding-3-maanden",
        "ziekte-reden-tot-zorg", "ziekte-niet-verschenen-ggd-jgz",
    }  # fmt: skip
    assert {s.id for s in load_protocol(P).steps} == tested
