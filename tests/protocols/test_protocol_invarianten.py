"""Property tests (hypothesis) for every shipped protocol.

- Protocols never override the law: the statutory meldingen are the same with or without a
  protocol (issue 3: "Protocols never override the law").
- A step is reached once per window: at most once per school year for ``schooljaar``, and for
  ``{lesweken: N}`` never twice within N lesweken.
- Signals from the registrations are causal: evaluating later never removes an earlier signal
  (a worklist item does not vanish when more days are registered).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import school_year_start
from leerrecht.core.evaluate import evaluate_pupil
from leerrecht.core.model import Pupil, School, Sector, Soort
from leerrecht.core.protocols.loader import load_protocol, shipped_protocol_files
from leerrecht.core.protocols.schema import MetricCondition, WettelijkCondition, iter_leaves
from scenario_hulp import PO_HOURS, VO_HOURS, D, make_calendar

PROTOCOLS = sorted(shipped_protocol_files())
SCHOOLS = {
    Sector.PO: School("PO", Sector.PO, make_calendar(PO_HOURS)),
    Sector.VO: School("VO", Sector.VO, make_calendar(VO_HOURS)),
}
DAYS = SCHOOLS[Sector.PO].calendar.school_days_between(D(2025, 8, 18), D(2026, 7, 10))
WEIGHTED = [Reason.ONGEOORLOOFD] * 4 + [Reason.ZIEK] * 4 + list(Reason)


def school_for(protocol_id: str) -> School:
    sectors = load_protocol(protocol_id).sectors
    return SCHOOLS[Sector.PO] if "po" in sectors else SCHOOLS[Sector.VO]


@st.composite
def registrations(draw: st.DrawFn) -> list[Registration]:
    regs: list[Registration] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(DAYS) - 1))
        reason = draw(st.sampled_from(WEIGHTED))
        for day in DAYS[start : start + draw(st.integers(1, 35))]:
            regs.append(Registration("p1", day, Kind.ABSENT, reason, None))
    for _ in range(draw(st.integers(0, 30))):
        day = draw(st.sampled_from(DAYS))
        kind = draw(st.sampled_from([Kind.ABSENT, Kind.LATE]))
        reason = draw(st.sampled_from(WEIGHTED))
        regs.append(
            Registration("p1", day, kind, reason, draw(st.sampled_from([None, 0.25, 1.0, 2.0])))
        )
    return regs


BIRTH = st.sampled_from([D(2014, 5, 1), D(2009, 11, 15), D(2007, 12, 1)])
AS_OF = st.sampled_from(DAYS)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("protocol_id", PROTOCOLS)
@SETTINGS
@given(regs=registrations(), as_of=AS_OF, birth=BIRTH)
def test_protocol_verandert_de_wettelijke_meldingen_niet(
    protocol_id: str, regs: list[Registration], as_of: dt.date, birth: dt.date
) -> None:
    school = school_for(protocol_id)
    pupil = Pupil("p1", birth)
    plain = evaluate_pupil(school, pupil, regs, [], as_of)
    with_protocol = evaluate_pupil(school, pupil, regs, [], as_of, load_protocol(protocol_id))
    statutory = tuple(
        m
        for m in with_protocol.meldingen
        if m.soort is not Soort.OVERIG and ":" not in m.explanation.rule
    )
    assert statutory == plain.meldingen
    assert with_protocol.thuiszitter == plain.thuiszitter


@pytest.mark.parametrize("protocol_id", PROTOCOLS)
@SETTINGS
@given(regs=registrations(), as_of=AS_OF, birth=BIRTH)
def test_een_stap_wordt_een_keer_per_venster_bereikt(
    protocol_id: str, regs: list[Registration], as_of: dt.date, birth: dt.date
) -> None:
    protocol = load_protocol(protocol_id)
    school = school_for(protocol_id)
    result = evaluate_pupil(school, Pupil("p1", birth), regs, [], as_of, protocol)
    by_step: dict[str, list[dt.date]] = defaultdict(list)
    for signal in result.signals:
        assert signal.on <= as_of
        by_step[signal.step].append(signal.on)
    for step in protocol.steps:
        leaves = iter_leaves(step.when)
        if len(leaves) != 1 or not isinstance(leaves[0], MetricCondition):
            continue
        days = by_step.get(step.id, [])
        assert days == sorted(set(days)), step.id
        window = leaves[0].window
        if window.kind == "schooljaar" and leaves[0].metric not in (
            "ongeoorloofd_aaneengesloten", "ziek_aaneengesloten", "afwezig_aaneengesloten", "structureel_verzuim_weken",
        ):  # fmt: skip
            years = [school_year_start(d) for d in days]
            assert len(years) == len(set(years)), (step.id, days)
        if window.kind == "lesweken" and window.n is not None:
            for earlier, later in itertools.pairwise(days):
                assert not school.calendar.within_lesweken(earlier, later, window.n), (
                    step.id,
                    days,
                )


@pytest.mark.parametrize("protocol_id", PROTOCOLS)
@SETTINGS
@given(regs=registrations(), as_of=AS_OF, later=st.integers(1, 60), birth=BIRTH)
def test_signalen_verdwijnen_niet_als_er_dagen_bijkomen(
    protocol_id: str, regs: list[Registration], as_of: dt.date, later: int, birth: dt.date
) -> None:
    protocol = load_protocol(protocol_id)
    school = school_for(protocol_id)
    index = DAYS.index(as_of)
    later_day = DAYS[min(index + later, len(DAYS) - 1)]
    causal = {
        s.id
        for s in protocol.steps
        if not any(isinstance(leaf, WettelijkCondition) for leaf in iter_leaves(s.when))
    }
    early = evaluate_pupil(school, Pupil("p1", birth), regs, [], as_of, protocol).signals
    late_ = evaluate_pupil(school, Pupil("p1", birth), regs, [], later_day, protocol).signals
    early_keys = {(s.step, s.on) for s in early if s.step in causal}
    late_keys = {(s.step, s.on) for s in late_ if s.step in causal}
    assert early_keys <= late_keys
