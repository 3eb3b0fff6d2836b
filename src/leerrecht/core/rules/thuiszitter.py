"""Thuiszitters: langdurig relatief verzuim 2a / 2b, and absoluut verzuim.

- A thuiszitter is a leerplichtige (5-16) or kwalificatieplichtige (16-17) pupil, enrolled at a
  school, ongeoorloofd absent for more than 4 weeks without vrijstelling: LRV 2a from 4 weeks to
  3 months, 2b longer than 3 months (seed 003 §7 "Verschillende groepen"; seed 000 §3; seed 002
  §3a).
- Absoluut verzuim: a leer- or kwalificatieplichtige pupil without an enrolment, from the first
  day, whatever its length (seed 003 §7; seed 000 §1.2.1; seed 002 §2b Absoluut verzuim).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Sequence

from leerrecht.core.leerplicht import Leerplicht, LeerplichtPeriods
from leerrecht.core.model import (
    ExitReason,
    Explanation,
    Pupil,
    Thuiszitter,
    ThuiszitterGroup,
)
from leerrecht.core.sources import (
    HR_3A_THUISZITTERS,
    IJV_7_THUISZITTER,
    PARKSTAD_3_THUISZITTERS,
    PARKSTAD_121_ABSOLUUT,
)
from leerrecht.core.timeline import PupilTimeline, Streak


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def absoluut_since(pupil: Pupil, periods: LeerplichtPeriods, as_of: dt.date) -> dt.date | None:
    """The first day without enrolment, when the pupil is leer-/kwalificatieplichtig then."""
    if pupil.enrolled_until is None or as_of <= pupil.enrolled_until:
        return None
    if periods.status(as_of) is Leerplicht.NIET_LEERPLICHTIG:
        return None
    if pupil.exit_reason in (ExitReason.EMIGRATIE, ExitReason.VRIJSTELLING):
        return None
    gap_start = pupil.enrolled_until + dt.timedelta(days=1)
    nxt = pupil.next_enrolment_from
    if nxt is not None and nxt <= as_of:
        return None  # enrolled elsewhere by now
    if nxt is not None and nxt <= gap_start:
        return None
    return max(gap_start, periods.start)


def thuiszitter_status(
    pupil: Pupil,
    periods: LeerplichtPeriods,
    timeline: PupilTimeline,
    streaks: Sequence[Streak],
    as_of: dt.date,
) -> Thuiszitter | None:
    since = absoluut_since(pupil, periods, as_of)
    if since is not None:
        return Thuiszitter(
            since=since,
            group=ThuiszitterGroup.ABSOLUUT,
            explanation=Explanation(
                rule="absoluut_verzuim",
                text=(
                    f"Uitgeschreven per {pupil.enrolled_until} zonder nieuwe inschrijving of "
                    f"vrijstelling, terwijl de leerling {periods.status(as_of).value} is: absoluut "
                    f"verzuim vanaf {since}, vanaf de eerste dag."
                ),
                sources=(PARKSTAD_121_ABSOLUUT, IJV_7_THUISZITTER),
            ),
        )
    if periods.status(as_of) is Leerplicht.NIET_LEERPLICHTIG:
        return None
    for streak in streaks:
        if not streak.ongoing or streak.lrv_day is None or streak.lrv_day > as_of:
            continue
        three_months = add_months(streak.start, 3)
        group = ThuiszitterGroup.LRV_2B if as_of > three_months else ThuiszitterGroup.LRV_2A
        span = (
            "langer dan drie maanden"
            if group is ThuiszitterGroup.LRV_2B
            else "van vier weken tot drie maanden"
        )
        return Thuiszitter(
            since=streak.start,
            group=group,
            explanation=Explanation(
                rule=f"thuiszitter_{group.value}",
                text=(
                    f"Sinds {streak.start} elke schooldag ongeoorloofd afwezig ({len(streak.days)} "
                    f"schooldagen), langer dan 4 weken sinds {streak.lrv_day}: thuiszitter, "
                    f"langdurig relatief verzuim {span} (groep {group.value})."
                ),
                sources=(IJV_7_THUISZITTER, PARKSTAD_3_THUISZITTERS, HR_3A_THUISZITTERS),
                absences=timeline.ongeoorloofd_regs(streak.days[:5]),
            ),
        )
    return None
