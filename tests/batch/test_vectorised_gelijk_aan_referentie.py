"""The vectorised batch evaluation gives exactly the per-pupil reference's outcome (issue 6).

Random small data sets: a few pupils of all ages (not yet leerplichtig, leerplichtig,
kwalificatieplichtig, 18+), enrolled, uitgeschreven (with and without a lawful reason), with
registrations of every kind and reason: single days, runs of days (16 uur, LRV), days next to a
vacation (luxe, doubtful sick reports), schorsing blocks, late arrivals with and without
minutes and on many days, now and then a registration the batch loader would refuse (a weekend, outside the
enrolment). Evaluated on a random date, with and without each shipped protocol.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from batch_frames_hulp import PO_HOURS, VO_HOURS, Builder, Frames
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerrecht.batch.reference import calendar_for, evaluate_reference
from leerrecht.batch.vectorised import evaluate_frames

D = dt.date
REASONS = (
    "ziek",
    "ziek_niet_gemeld",
    "arts",
    "verlof",
    "schorsing",
    "vrijstelling",
    "ongeoorloofd",
    "luxe",
    "overig_geoorloofd",
)
#: Hours as schools register them: quarter hours, lessons of 45 minutes, minutes late, the
#: whole day (None).
HOURS = (None, None, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.75, 5.5, 5 / 60, 10 / 60, 50 / 60)
SCHOOLS: dict[str, tuple[str, str, tuple[float, ...]]] = {
    "parkstad-po": ("po", "zuid", PO_HOURS),
    "school-vo-voorbeeld": ("vo", "noord", VO_HOURS),
    "holland-rijnland": ("vo", "midden", (6.0, 6.0, 4.5, 6.0, 5.25)),
    "twente-po": ("po", "noord", (5.75, 5.75, 3.75, 5.75, 3.5)),
    "ijssel-vecht": ("po", "noord", PO_HOURS),
}
YEAR_START = D(2025, 8, 1)
YEAR_END = D(2026, 7, 31)


@st.composite
def data_sets(draw: st.DrawFn, protocol: str) -> tuple[Frames, dt.date]:
    sector, region, hours = SCHOOLS[protocol]
    calendar = calendar_for(region, hours)
    days = calendar.school_days_between(D(2025, 6, 1), YEAR_END)
    this_year = [d for d in days if d >= YEAR_START]
    next_to_vacation = [d for d in this_year if calendar.adjacent_vacation(d) is not None]
    b = Builder()
    b.school("s1", sector=sector, region=region, protocol=protocol, hours=hours)
    for p in range(draw(st.integers(1, 4))):
        pid = f"p{p}"
        age = draw(st.integers(4, 24))
        birth = draw(st.dates(D(2025 - age, 1, 1), D(2025 - age, 12, 31)))
        enrolled_from = draw(st.sampled_from([D(2020, 8, 1), D(2025, 8, 1), D(2025, 11, 3)]))
        enrolled_until: dt.date | None = None
        exit_reason: str | None = None
        next_from: dt.date | None = None
        if draw(st.integers(0, 4)) == 0:
            enrolled_until = draw(st.dates(D(2025, 11, 10), D(2026, 6, 30)))
            exit_reason = draw(
                st.sampled_from([None, "nieuwe_school", "emigratie", "vrijstelling"])
            )
            if exit_reason == "nieuwe_school" and draw(st.booleans()):
                next_from = enrolled_until + dt.timedelta(days=draw(st.sampled_from([1, 1, 9])))
        b.pupil(
            pid,
            birth=birth,
            enrolled_from=enrolled_from,
            enrolled_until=enrolled_until,
            startkwalificatie=draw(st.integers(0, 5)) == 0,
            exit_reason=exit_reason,
            next_enrolment_from=next_from,
        )
        for _ in range(draw(st.integers(0, 7))):
            pattern = draw(
                st.sampled_from(["dag", "dag", "reeks", "vakantie", "laat", "laatkomer"])
            )
            reason = draw(st.sampled_from(REASONS))
            hours_value: Any = draw(st.sampled_from(HOURS))
            if pattern == "reeks":
                start = draw(st.integers(0, len(days) - 1))
                length = draw(st.sampled_from([2, 3, 5, 8, 15, 25, 40]))
                for day in days[start : start + length]:
                    b.register(pid, day, reason, "absent", hours_value)
            elif pattern == "vakantie":
                day = draw(st.sampled_from(next_to_vacation))
                b.register(pid, day, draw(st.sampled_from(["ongeoorloofd", "luxe", "ziek"])))
            elif pattern == "laatkomer":  # late on many days (te-laat steps, sinds_stap)
                start = draw(st.integers(0, len(days) - 1))
                step = draw(st.sampled_from([1, 2, 3]))
                for day in days[start : start + 14 * step : step]:
                    b.register(pid, day, "ongeoorloofd", "late", draw(st.sampled_from(HOURS)))
            elif pattern == "laat":
                day = draw(st.sampled_from(days))
                for _ in range(draw(st.integers(1, 3))):
                    b.register(pid, day, reason, "late", draw(st.sampled_from(HOURS)))
            else:
                day = draw(st.sampled_from(days))
                if draw(st.integers(0, 30)) == 0:
                    day = day + dt.timedelta(days=5 - day.weekday())  # a Saturday
                b.register(pid, day, reason, "absent", hours_value)
                if draw(st.booleans()):  # a second lesson the same day
                    b.register(pid, day, reason, "absent", draw(st.sampled_from(HOURS[2:])))
    as_of = draw(st.dates(D(2025, 9, 1), YEAR_END))
    return b.frames(), as_of


def _assert_equal(frames: Frames, as_of: dt.date, with_protocol: bool) -> None:
    reference = evaluate_reference(frames, as_of, with_protocol=with_protocol)
    vectorised = evaluate_frames(frames, as_of, with_protocol=with_protocol, workers=1)
    assert vectorised.equals(reference), vectorised.diff(reference)


#: More examples for a long search: LEERRECHT_VOORBEELDEN=2000 pytest tests/batch
EXAMPLES = settings(
    max_examples=int(os.environ.get("LEERRECHT_VOORBEELDEN", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@EXAMPLES
@given(case=data_sets("parkstad-po"))
def test_vectorised_equals_reference_without_protocol(case: tuple[Frames, dt.date]) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=False)


@EXAMPLES
@given(case=data_sets("parkstad-po"))
def test_vectorised_equals_reference_with_parkstad_po(case: tuple[Frames, dt.date]) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=True)


@EXAMPLES
@given(case=data_sets("school-vo-voorbeeld"))
def test_vectorised_equals_reference_with_school_vo_voorbeeld(
    case: tuple[Frames, dt.date],
) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=True)


@EXAMPLES
@given(case=data_sets("holland-rijnland"))
def test_vectorised_equals_reference_with_holland_rijnland(case: tuple[Frames, dt.date]) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=True)


@EXAMPLES
@given(case=data_sets("twente-po"))
def test_vectorised_equals_reference_with_twente_po(case: tuple[Frames, dt.date]) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=True)


@EXAMPLES
@given(case=data_sets("ijssel-vecht"))
def test_vectorised_equals_reference_with_ijssel_vecht(case: tuple[Frames, dt.date]) -> None:
    frames, as_of = case
    _assert_equal(frames, as_of, with_protocol=True)
