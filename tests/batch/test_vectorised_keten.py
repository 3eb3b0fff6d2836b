"""The 16-uur chain computed by the vectorised engine (leerrecht.batch.vectorised_wettelijk)
equals the per-pupil reference, without the reference.

Rules (core/rules/wettelijk.py): 16 uur ongeoorloofd verzuim in 4 opeenvolgende lesweken is een
melding op de dag dat de 16 uur bereikt zijn (Lpw art. 21a; seed 000 §1.2.2 "16 uur in 4
weken"); een herhaalmelding begint de dag na de vorige einddatum en telt de 4 lesweken vanaf
daar, anders eindigt de keten (seed 000 §1.2.2 Herhaalmelding); vakantieweken zijn geen lesweek
(seed 000 §1.2.2); langer dan 4 weken elke schooldag ongeoorloofd afwezig is langdurig relatief
verzuim en een thuiszitter 2a/2b (seed 000 §1.2.2, bijlage 4; seed 003 §7); 18+ zonder
startkwalificatie is 18+ verzuim; luxe verzuim telt niet mee en een telling loopt er niet
overheen (core/rules/luxe.py).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import numpy as np
import polars as pl
import pytest
from batch_frames_hulp import PO_HOURS, VO_HOURS, Builder, Frames, school_days
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerrecht.batch import vectorised
from leerrecht.batch.outcome import Outcome
from leerrecht.batch.reference import calendar_for, evaluate_reference
from leerrecht.batch.vectorised import Plan, evaluate_frames, plan

D = dt.date


@pytest.fixture
def zonder_referentie(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference may not run inside the vectorised engine."""

    def weiger(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("de referentie is aangeroepen")

    monkeypatch.setattr(vectorised, "_run_task", weiger)
    monkeypatch.setattr(vectorised, "_run_statutory_task", weiger)


def _evaluate(frames: Frames, as_of: dt.date, protocol: bool = False) -> tuple[Plan, Outcome]:
    reference = evaluate_reference(frames, as_of, with_protocol=protocol)
    decided = plan(frames, as_of, protocol)
    outcome = evaluate_frames(frames, as_of, with_protocol=protocol, workers=1)
    assert outcome.equals(reference), outcome.diff(reference)
    return decided, outcome


def _meldingen(outcome: Outcome) -> list[tuple[Any, ...]]:
    return outcome.meldingen.select("soort", "begin", "end", "hours", "sequence", "reached").rows()


def _po(protocol: str = "") -> Builder:
    b = Builder()
    b.school("s1", sector="po", region="zuid", protocol=protocol)
    return b


#: Ongeoorloofd, but never luxe verzuim next to a vacation (only reason 'ongeoorloofd' is).
NIET_GEMELD = "ziek_niet_gemeld"


def _first_melding_on_15_january(b: Builder, pupil: str = "p1") -> None:
    b.register(pupil, D(2026, 1, 12), hours=5.5)
    b.register(pupil, D(2026, 1, 13), hours=5.5)
    b.register(pupil, D(2026, 1, 15), hours=5.0)  # 16.0 uur: bereikt op 15 januari


@pytest.mark.usefixtures("zonder_referentie")
@pytest.mark.parametrize(
    ("day", "hours", "sequences"),
    [
        (D(2026, 2, 12), 5.0, [1, 2]),  # precies 16 uur, de laatste dag van de 4 lesweken
        (D(2026, 2, 12), 4.99, [1]),  # 15,99 uur: geen herhaalmelding
        (D(2026, 2, 13), 5.0, [1]),  # 16 uur, maar een dag na de 4 lesweken
    ],
    ids=["16-uur", "15,99-uur", "buiten-4-lesweken"],
)
def test_een_herhaalmelding_vraagt_16_uur_binnen_4_lesweken_vanaf_de_dag_na_de_vorige(
    day: dt.date, hours: float, sequences: list[int]
) -> None:
    b = _po()
    b.pupil("p1")
    _first_melding_on_15_january(b)
    b.register("p1", D(2026, 1, 16), hours=5.5)  # vrijdag: de dag na de einddatum
    b.register("p1", D(2026, 1, 19), hours=5.5)
    b.register("p1", day, NIET_GEMELD, hours=hours)  # 13 februari: voor de voorjaarsvakantie
    decided, outcome = _evaluate(b.frames(), D(2026, 2, 13))
    assert decided.chain.tolist() == [True] and not decided.statutory.any()
    assert outcome.meldingen.get_column("sequence").to_list() == sequences
    if sequences == [1, 2]:
        assert _meldingen(outcome)[1] == (
            "16_uur",
            D(2026, 1, 16),
            D(2026, 2, 12),
            16.0,
            2,
            D(2026, 2, 12),
        )
    if hours == 4.99:  # lopende uren: 19 januari en 12 februari (16 januari valt erbuiten)
        assert outcome.pupils.get_column("lopende_uren").to_list() == [10.49]


@pytest.mark.usefixtures("zonder_referentie")
def test_een_herhaalmelding_telt_door_over_de_kerstvakantie() -> None:
    b = _po()
    b.pupil("p1")
    b.register("p1", D(2025, 12, 15), hours=5.5)
    b.register("p1", D(2025, 12, 16), hours=5.5)
    b.register("p1", D(2025, 12, 19), NIET_GEMELD, hours=5.0)  # 16 uur voor de vakantie
    b.register("p1", D(2026, 1, 5), NIET_GEMELD, hours=5.5)
    b.register("p1", D(2026, 1, 6), hours=5.5)
    b.register("p1", D(2026, 1, 30), hours=5.0)  # de vierde lesweek na de vakantie
    _, outcome = _evaluate(b.frames(), D(2026, 1, 30))
    assert _meldingen(outcome) == [
        ("16_uur", D(2025, 12, 15), D(2025, 12, 19), 16.0, 1, D(2025, 12, 19)),
        # de begindatum is de dag na de vorige einddatum, ook in de vakantie
        ("16_uur", D(2025, 12, 20), D(2026, 1, 30), 16.0, 2, D(2026, 1, 30)),
    ]


@pytest.mark.usefixtures("zonder_referentie")
def test_een_eerste_melding_telt_de_lesweken_over_de_vakantie_heen() -> None:
    b = _po()
    b.pupil("p1")
    b.register("p1", D(2025, 12, 18), hours=5.5)
    b.register("p1", D(2025, 12, 19), NIET_GEMELD, hours=5.5)
    b.register("p1", D(2026, 1, 5), NIET_GEMELD, hours=5.5)
    _, outcome = _evaluate(b.frames(), D(2026, 1, 9))
    assert _meldingen(outcome) == [
        ("16_uur", D(2025, 12, 18), D(2026, 1, 5), 16.5, 1, D(2026, 1, 5)),
    ]


@pytest.mark.usefixtures("zonder_referentie")
def test_luxe_verzuim_breekt_de_keten_en_de_telling() -> None:
    b = _po(protocol="holland-rijnland")
    b.pupil("p1")
    b.register("p1", D(2025, 10, 6), hours=5.5)
    b.register("p1", D(2025, 10, 7), hours=5.5)
    b.register("p1", D(2025, 10, 9), hours=5.0)  # 16 uur op 9 oktober (geen hele dag)
    b.register("p1", D(2025, 10, 10))  # de vrijdag voor de herfstvakantie: luxe verzuim
    for day in (D(2025, 10, 21), D(2025, 10, 22), D(2025, 10, 23), D(2025, 10, 24)):
        b.register("p1", day)  # 20,25 uur, bereikt op 24 oktober
    _, outcome = _evaluate(b.frames(), D(2025, 10, 31), protocol=True)
    assert _meldingen(outcome) == [
        ("16_uur", D(2025, 10, 6), D(2025, 10, 9), 16.0, 1, D(2025, 10, 9)),
        ("luxe", D(2025, 10, 10), D(2025, 10, 10), 5.5, 1, D(2025, 10, 10)),
        # geen herhaalmelding: de luxe dag ligt ertussen; een nieuwe eerste melding
        ("16_uur", D(2025, 10, 21), D(2025, 10, 24), 20.25, 1, D(2025, 10, 24)),
    ]


@pytest.mark.usefixtures("zonder_referentie")
def test_verzuim_voor_het_begin_van_de_leerplicht_telt_niet_mee() -> None:
    b = _po()
    b.pupil("p1", birth=D(2020, 12, 15), enrolled_from=D(2024, 12, 15))
    for day in (D(2025, 12, 16), D(2025, 12, 17), D(2025, 12, 18)):
        b.register("p1", day)  # 4 jaar: nog niet leerplichtig
    for day in (D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 8)):
        b.register("p1", day, NIET_GEMELD)  # leerplichtig vanaf de eerste schooldag van 2026
    _, outcome = _evaluate(b.frames(), D(2026, 1, 9))
    assert _meldingen(outcome) == [
        ("16_uur", D(2026, 1, 5), D(2026, 1, 8), 16.5, 1, D(2026, 1, 8)),
    ]


@pytest.mark.usefixtures("zonder_referentie")
def test_een_inschrijving_midden_in_het_jaar_begint_de_telling_bij_de_inschrijving() -> None:
    b = _po()
    b.pupil("p1", enrolled_from=D(2026, 1, 14))
    b.pupil("p2", enrolled_until=D(2026, 1, 20), exit_reason="nieuwe_school")
    for day in (D(2026, 1, 14), D(2026, 1, 15), D(2026, 1, 16), D(2026, 1, 19)):
        b.register("p1", day)
    _first_melding_on_15_january(b, "p2")
    for day in (D(2026, 1, 16), D(2026, 1, 19), D(2026, 1, 20)):
        b.register("p2", day)  # herhaalmelding op de laatste dag van de inschrijving
    _, outcome = _evaluate(b.frames(), D(2026, 1, 30))
    assert outcome.meldingen.select("pupil_id", "begin", "sequence").rows() == [
        ("p1", D(2026, 1, 14), 1),
        ("p2", D(2026, 1, 12), 1),
        ("p2", D(2026, 1, 16), 2),
    ]


@pytest.mark.usefixtures("zonder_referentie")
@pytest.mark.parametrize("startkwalificatie", [False, True])
def test_wie_18_wordt_in_de_keten_krijgt_18_plus_verzuim_zonder_startkwalificatie(
    startkwalificatie: bool,
) -> None:
    b = Builder()
    b.school("s1", sector="vo", region="zuid", hours=VO_HOURS)
    b.pupil("p1", birth=D(2007, 12, 9), startkwalificatie=startkwalificatie)  # 18 op 9 december
    for start in (1, 4, 9):  # drie keer 18 uur: 1-3, 4-8 en 9-11 december
        days = school_days(D(2025, 12, start), D(2025, 12, 31), sector="vo")[:3]
        for day in days:
            b.register("p1", day)
    _, outcome = _evaluate(b.frames(), D(2025, 12, 12))
    rows = outcome.meldingen.select("soort", "begin", "sequence").rows()
    if startkwalificatie:
        assert rows == []  # 17 met startkwalificatie: geen kwalificatieplicht, geen melding
    else:
        assert rows == [
            ("16_uur", D(2025, 12, 1), 1),
            ("16_uur", D(2025, 12, 4), 2),
            ("18plus", D(2025, 12, 9), 3),  # de begindatum valt op of na de verjaardag
        ]


def _every_school_day(b: Builder, start: dt.date, end: dt.date) -> None:
    for day in school_days(start, end):
        b.register("p1", day)


@pytest.mark.usefixtures("zonder_referentie")
def test_langdurig_relatief_verzuim_volgt_op_de_16_uur_keten_en_blijft_open() -> None:
    b = _po(protocol="holland-rijnland")
    b.pupil("p1")
    _every_school_day(b, D(2025, 11, 3), D(2026, 1, 30))
    _, outcome = _evaluate(b.frames(), D(2026, 1, 30), protocol=True)
    rows = _meldingen(outcome)
    assert {r[0] for r in rows[:-1]} == {"16_uur"}
    # LRV zonder einddatum, vanaf de dag na de laatste herhaalmelding, bereikt 4 lesweken na
    # maandag 3 november
    assert rows[-1][0] == "lrv" and rows[-1][2] is None and rows[-1][5] == D(2025, 12, 1)
    assert rows[-1][1] == rows[-2][2] + dt.timedelta(days=1)
    assert outcome.thuiszitters.select("group", "since").rows() == [("2a", D(2025, 11, 3))]


@pytest.mark.usefixtures("zonder_referentie")
def test_na_afgesloten_lrv_begint_een_nieuwe_keten() -> None:
    b = _po()
    b.pupil("p1")
    _every_school_day(b, D(2025, 11, 3), D(2025, 12, 12))
    _first_melding_on_15_january(b)
    _, outcome = _evaluate(b.frames(), D(2026, 1, 30))
    rows = _meldingen(outcome)
    lrv = [r for r in rows if r[0] == "lrv"]
    assert [(r[2], r[5]) for r in lrv] == [(D(2025, 12, 12), D(2025, 12, 1))]
    assert rows[-1] == ("16_uur", D(2026, 1, 12), D(2026, 1, 15), 16.0, 1, D(2026, 1, 15))
    assert outcome.thuiszitters.height == 0  # de schoolgang is hervat


@pytest.mark.usefixtures("zonder_referentie")
def test_een_thuiszitter_langer_dan_drie_maanden_is_groep_2b() -> None:
    b = _po()
    b.pupil("p1")
    _every_school_day(b, D(2025, 9, 1), D(2026, 1, 30))
    _, outcome = _evaluate(b.frames(), D(2026, 1, 30))
    assert outcome.thuiszitters.select("group", "since").rows() == [("2b", D(2025, 9, 1))]


@pytest.mark.usefixtures("zonder_referentie")
def test_uren_op_een_halve_honderdste_worden_opgeteld_zoals_de_referentie() -> None:
    """5,5 + 3,005 + 1,5 + 3,005 + 5,005 is 18,015 uur; als floats in deze volgorde opgeteld
    iets minder, dus 18,01 (en niet 18,02): die som wordt in de volgorde van de referentie
    nagerekend."""
    b = _po()
    b.pupil("p1")
    for day, hours in (
        (D(2025, 10, 27), 5.5),
        (D(2025, 10, 29), 3.005),
        (D(2025, 10, 31), 1.5),
        (D(2025, 11, 3), 3.005),
        (D(2025, 11, 11), 5.005),
    ):
        b.register("p1", day, hours=hours)
    decided, outcome = _evaluate(b.frames(), D(2025, 11, 28))
    assert outcome.meldingen.select("hours", "reached").rows() == [(18.01, D(2025, 11, 11))]
    quiet = vectorised.quiet_outcome(decided)
    assert decided.stats["keten_nagerekend"] == 1
    assert quiet.meldingen.height == 1


def test_uren_die_geen_hele_seconden_zijn_laat_de_keten_aan_de_referentie() -> None:
    b = _po(protocol="parkstad-po")
    b.pupil("p1")
    for day in (D(2026, 1, 12), D(2026, 1, 13), D(2026, 1, 15)):
        b.register("p1", day, hours=5.5 + 1e-10)  # 5,5 uur en 0,36 microseconde
    decided, outcome = _evaluate(b.frames(), D(2026, 1, 30), protocol=True)
    assert decided.statutory.tolist() == [True] and decided.chain.tolist() == [False]
    assert outcome.meldingen.height == 1


# -- random chains ----------------------------------------------------------------------------

#: Hours of a day: whole days, lessons, quarter hours, minutes, and hours on a half hundredth
#: (18 seconds) that make the float sums differ from the exact sums.
CHAIN_HOURS = (None, None, None, 0.25, 0.75, 1.5, 2.0, 3.75, 5.5, 10 / 60, 1.005, 3.005, 5.005)
REGIONS = ("zuid", "noord")


@st.composite
def ketens(draw: st.DrawFn) -> tuple[Frames, dt.date, bool]:
    """Pupils with many ongeoorloofd days in runs and scattered (16 uur, herhaalmeldingen,
    LRV), next to vacations (luxe), around their 5th or 18th birthday, enrolled for part of
    the year."""
    sector = draw(st.sampled_from(["po", "vo"]))
    region = draw(st.sampled_from(REGIONS))
    hours = PO_HOURS if sector == "po" else VO_HOURS
    calendar = calendar_for(region, hours)
    year = calendar.school_days_between(D(2025, 8, 1), D(2026, 7, 31))
    next_to_vacation = [d for d in year if calendar.adjacent_vacation(d) is not None]
    protocol = draw(st.sampled_from(["", "holland-rijnland"]))
    b = Builder()
    b.school("s1", sector=sector, region=region, protocol=protocol, hours=hours)
    for p in range(draw(st.integers(1, 3))):
        pid = f"p{p}"
        birth = draw(
            st.sampled_from(
                [
                    D(2012, 5, 1),
                    draw(st.dates(D(2020, 8, 1), D(2021, 7, 31))),  # 5 jaar in het jaar
                    draw(st.dates(D(2007, 8, 1), D(2008, 7, 31))),  # 18 jaar in het jaar
                ]
            )
        )
        first = draw(st.integers(0, len(year) - 1)) if draw(st.integers(0, 3)) == 0 else 0
        last = len(year) - 1
        exit_reason: str | None = None
        if draw(st.integers(0, 3)) == 0:
            last = draw(st.integers(first, len(year) - 1))
            exit_reason = draw(st.sampled_from(["nieuwe_school", "emigratie"]))
        enrolled = year[first : last + 1]
        b.pupil(
            pid,
            birth=birth,
            enrolled_from=min(D(2025, 8, 1), birth + dt.timedelta(days=4 * 365 + 1))
            if first == 0
            else year[first],
            enrolled_until=year[last] if exit_reason else None,
            exit_reason=exit_reason,
            startkwalificatie=draw(st.integers(0, 5)) == 0,
        )
        taken: set[dt.date] = set()
        for _ in range(draw(st.integers(1, 6))):
            kind = draw(st.sampled_from(["reeks", "reeks", "verspreid", "vakantie"]))
            if kind == "vakantie":
                days = [draw(st.sampled_from(next_to_vacation))]
            else:
                start = draw(st.integers(0, len(enrolled) - 1))
                length = draw(st.sampled_from([3, 5, 8, 12, 20, 30, 60]))
                step = 1 if kind == "reeks" else draw(st.integers(2, 4))
                days = enrolled[start : start + length * step : step]
            reason = draw(st.sampled_from(["ongeoorloofd", "ongeoorloofd", "ziek_niet_gemeld"]))
            value = draw(st.sampled_from(CHAIN_HOURS))
            for day in days:
                if day in taken or not enrolled or not enrolled[0] <= day <= enrolled[-1]:
                    continue
                taken.add(day)
                b.register(pid, day, reason, "absent", value)
    as_of = draw(st.sampled_from([D(2025, 12, 19), D(2026, 3, 13), D(2026, 7, 10)]))
    return b.frames(), as_of, protocol != ""


@settings(
    max_examples=int(os.environ.get("LEERRECHT_VOORBEELDEN", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=ketens())
def test_willekeurige_ketens_zijn_gelijk_aan_de_referentie_zonder_de_referentie(
    case: tuple[Frames, dt.date, bool],
) -> None:
    frames, as_of, protocol = case
    decided, _ = _evaluate(frames, as_of, protocol)
    assert not decided.statutory.any()  # whole seconds: the chain is computed here
    assert not (decided.full & ~decided.flags["afwijkend"] & ~decided.flags["protocol"]).any()


def test_de_keten_draait_op_gegenereerde_data_zonder_de_referentie(
    zonder_referentie: None,
) -> None:
    from leerrecht.batch.generate import generate

    g = generate(1000, 3)
    decided = plan(g, g.as_of, True)
    assert decided.chain.sum() > 0 and not (decided.full | decided.statutory).any()
    outcome = evaluate_frames(g, g.as_of, workers=1)
    soorten = set(outcome.meldingen.get_column("soort").to_list())
    assert {"16_uur", "lrv"} <= soorten
    chain_ids = decided.pupils.filter(pl.Series(decided.chain)).get_column("pupil_id")
    reference = evaluate_reference(g, g.as_of, pupil_ids=set(chain_ids.to_list()))
    mine = Outcome(
        **{
            name: frame.filter(pl.col("pupil_id").is_in(chain_ids.implode()))
            for name, frame in outcome.tables().items()
        }
    )
    assert mine.equals(reference), mine.diff(reference)


def test_de_meldtermijn_telt_5_werkdagen_zoals_de_kern() -> None:
    """Algemene termijnenwet art. 3: geen weekend, geen feestdag (5 mei elk jaar); de
    deadline van elke melding, voor elke dag van twee schooljaren."""
    from leerrecht.batch.vectorised import day_number
    from leerrecht.batch.vectorised_protocol import due_date, due_dates
    from leerrecht.core.calendar import add_werkdagen

    days = [D(2025, 8, 1) + dt.timedelta(days=i) for i in range(2 * 365)]
    expected = [add_werkdagen(day, 5) for day in days]
    assert [due_date(day_number(day)) for day in days] == expected
    numbers = [day_number(day) for day in reversed(days)]
    assert due_dates(np.asarray(numbers, dtype=np.int64)).to_list() == expected[::-1]


def test_in_delen_per_school_over_threads_is_de_uitkomst_dezelfde(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from leerrecht.batch.generate import generate

    g = generate(1000, 4)
    monkeypatch.setattr(vectorised, "SPLIT_FROM", 1)
    parts = vectorised.split_schools(g, 2)
    assert [p.pupils.height for p in parts] == [500, 500]
    assert sum(p.absences.height for p in parts) == g.absences.height
    for part in parts:  # every absence with its own pupil, in the original order
        assert part.absences.join(part.pupils, on="pupil_id", how="anti").height == 0
        lines = part.absences.get_column("line")
        assert lines.is_sorted()
    reference = evaluate_reference(g, g.as_of)
    outcome = evaluate_frames(g, g.as_of, workers=2)
    assert outcome.equals(reference), outcome.diff(reference)


def test_meer_delen_dan_threads_geven_dezelfde_uitkomst(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above PART_PUPILS pupils the schools go into more parts than threads (the peak memory
    follows the parts in flight); the outcome is the same."""
    from leerrecht.batch.generate import generate

    g = generate(2000, 5, pupils_per_school=250)
    monkeypatch.setattr(vectorised, "SPLIT_FROM", 1)
    monkeypatch.setattr(vectorised, "PART_PUPILS", 600)
    made: list[int] = []
    label = vectorised._label_parts

    def counted(frames: vectorised.Frames, parts: int) -> vectorised._Labelled:
        made.append(parts)
        return label(frames, parts)

    monkeypatch.setattr(vectorised, "_label_parts", counted)
    outcome = evaluate_frames(g, g.as_of, workers=2)
    assert made == [4]  # ceil(2000 / 600)
    reference = evaluate_reference(g, g.as_of)
    assert outcome.equals(reference), outcome.diff(reference)


def test_in_delen_over_threads_gaan_veel_kandidaten_voor_de_referentie_naar_een_proces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pupils with hours that are no whole seconds (statutory rules by the reference) and with a
    Saturday registration (all by the reference), in two schools split over two threads."""
    monkeypatch.setattr(vectorised, "SPLIT_FROM", 1)
    monkeypatch.setattr(vectorised, "PARALLEL_FROM", 1)
    b = Builder()
    for school in ("s1", "s2"):
        b.school(school, sector="po", region="zuid", protocol="parkstad-po")
        for p in range(3):
            pid = f"{school}p{p}"
            b.pupil(pid, school_id=school)
            hours = 5.5 + 1e-10 if p == 0 else 5.5
            for day in (D(2026, 1, 12), D(2026, 1, 13), D(2026, 1, 15)):
                b.register(pid, day, hours=hours)
        b.register(f"{school}p1", D(2026, 1, 17))  # a Saturday
    frames = b.frames()
    outcome = evaluate_frames(frames, D(2026, 1, 30), workers=2)
    reference = evaluate_reference(frames, D(2026, 1, 30))
    assert outcome.equals(reference), outcome.diff(reference)
    assert outcome.meldingen.filter(pl.col("soort") == "16_uur").height == 6


def test_in_delen_gaat_een_leerlingnummer_op_twee_scholen_met_beide_mee() -> None:
    """The same pupil id at two schools (two enrolments in one table): the absences with that
    id go into the part of each school, as the per-pupil join did."""
    b = Builder()
    for school in ("s1", "s2"):
        b.school(school, sector="po", region="zuid")
        b.pupil(f"{school}-eigen", school_id=school)
        b.pupil("gedeeld", school_id=school)
    for pid in ("s1-eigen", "gedeeld", "s2-eigen"):
        b.register(pid, D(2026, 1, 12))
    frames = b.frames()
    parts = vectorised.split_schools(frames, 2)
    assert sorted(p.pupils.height for p in parts) == [2, 2]
    for part in parts:
        ids = part.pupils.get_column("pupil_id").to_list()
        assert "gedeeld" in ids
        assert sorted(part.absences.get_column("pupil_id").to_list()) == sorted(ids)
        assert part.absences.get_column("line").is_sorted()


HALF_HONDERDSTE = [0.005, 0.025, 0.75, 0.005, 0.75, 0.015, 0.5, 0.015, 0.025, 0.005]


@pytest.mark.parametrize(
    ("uren", "exact"),
    [
        # 7,542 s = 2.095 hours exactly, which rounds to 2.1; the floats added left to right
        # give 2.0949999999999998, which rounds to 2.09, as the reference reports it
        (HALF_HONDERDSTE, True),
        ([5 / 60] * 9 + [0.25], True),  # 3,600 s: no half hundredth, decided in whole seconds
        ([5 / 60] * 9 + [0.1234567891], False),  # not whole seconds: summed as floats
    ],
)
def test_uren_van_een_melding_overig_zoals_de_referentie_ze_optelt(
    uren: list[float], exact: bool
) -> None:
    """parkstad-po te-laat-10x (seed 001): the 'overig' melding carries the ongeoorloofd hours
    from the first late to the tenth. The engine adds whole seconds, and sums as floats in the
    reference's order only a sum on a half hundredth or hours that are no whole seconds."""
    b = Builder()
    b.school("s1", sector="po", region="zuid", protocol="parkstad-po")
    b.pupil("p1")
    days = school_days(D(2025, 9, 1), D(2025, 10, 10))[:10]
    for hours, day in zip(uren, days, strict=True):
        b.register("p1", day, kind="late", hours=hours)
    frames = b.frames()
    as_of = D(2025, 10, 10)
    outcome = evaluate_frames(frames, as_of, workers=1)
    reference = evaluate_reference(frames, as_of)
    assert outcome.equals(reference), outcome.diff(reference)
    overig = outcome.meldingen.filter(pl.col("soort") == "overig")
    assert overig.height == 1
    total = 0.0
    for hours in uren:
        total = total + hours
    assert overig.get_column("hours").to_list() == [round(total, 2)]
    assert vectorised.build_tables(frames, as_of).p_exact.tolist() == [exact]
