"""Luxe verzuim, and the doubtful sick report next to a vacation.

- Luxe verzuim: ongeoorloofd absence, without granted verlof, directly before or after a school
  vacation, or registered as luxe verzuim: a melding, no minimum number of hours (seed 000
  §1.2.2 Luxe verzuim: "er is geen minimum aantal uren"; seed 002 §2b Luxe verzuim).
  leerrecht takes the whole run of consecutive, wholly absent school days that touches the
  vacation (a family that leaves three days early is one luxe melding), unless that run lasts
  more than 4 lesweken: then it is langdurig relatief verzuim, not luxe verzuim.
- A sick report on the last school day before or the first after a vacation is a signal to
  consider (twijfelachtig ziekteverzuim, seed 000 §1.1.1 "Ziekteverzuim direct na een
  vakantieperiode"), never an automatic melding: sick leave is geoorloofd and must not be
  reported as such (AVG).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from leerrecht.core.absence import Kind, Reason
from leerrecht.core.model import Action, Check, Explanation, Verlof
from leerrecht.core.sources import HR_2B_WETTELIJK, PARKSTAD_12_LUXE, PARKSTAD_111_ZIEK_VAKANTIE
from leerrecht.core.timeline import PupilTimeline, Streak, group_consecutive


def luxe_blocks(
    timeline: PupilTimeline, streaks: Sequence[Streak], verloven: Sequence[Verlof]
) -> list[list[dt.date]]:
    """Runs of school days that make luxe verzuim, in date order."""
    calendar = timeline.calendar
    lrv_days = {d for s in streaks if s.lrv_day is not None for d in s.days}
    streak_of = {d: s for s in streaks for d in s.days}
    days: set[dt.date] = set(timeline.days_with_reason(Reason.LUXE))
    for day, regs in timeline.by_day.items():
        if not any(r.kind is Kind.ABSENT and r.reason is Reason.ONGEOORLOOFD for r in regs):
            continue
        if any(v.covers(day) for v in verloven):
            continue
        if calendar.adjacent_vacation(day) is None:
            continue
        streak = streak_of.get(day)
        if streak is not None:
            days.update(streak.days)
        else:
            days.add(day)
    return group_consecutive(calendar, days - lrv_days)


def luxe_reached(timeline: PupilTimeline, block: Sequence[dt.date]) -> dt.date:
    """The day the luxe verzuim became known: the first day of the block that is luxe on its
    own (registered as luxe, or the first school day after a vacation), else the last school
    day before the vacation. A block that grows with more absent days keeps this day, so the
    melding does not move on the worklist."""
    calendar = timeline.calendar
    for day in block:
        if any(r.reason is Reason.LUXE for r in timeline.regs_on(day)):
            return day
        if calendar.vacation_before(day) is not None:
            return day
    return block[-1]


def luxe_explanation(
    timeline: PupilTimeline, block: Sequence[dt.date], hours: float
) -> Explanation:
    calendar = timeline.calendar
    explicit = any(r.reason is Reason.LUXE for d in block for r in timeline.regs_on(d))
    vacation = calendar.vacation_after(block[-1]) or calendar.vacation_before(block[0])
    if explicit:
        why = "geregistreerd als luxe verzuim"
    elif vacation is not None:
        side = "voor" if calendar.vacation_after(block[-1]) is vacation else "na"
        why = f"ongeoorloofd afwezig zonder toegekend verlof direct {side} de {vacation.name}"
    else:
        why = "ongeoorloofd afwezig direct naast een schoolvakantie"
    period = block[0].isoformat() if len(block) == 1 else f"{block[0]} t/m {block[-1]}"
    return Explanation(
        rule="luxe_verzuim",
        text=(
            f"Luxe verzuim: {why} ({period}, {hours:g} uur). Luxe verzuim wordt altijd gemeld, "
            "er is geen minimum aantal uren."
        ),
        sources=(PARKSTAD_12_LUXE, HR_2B_WETTELIJK),
        absences=timeline.ongeoorloofd_regs(block),
    )


def doubtful_sick_checks(timeline: PupilTimeline, pupil_id: str) -> list[Check]:
    """Sick reports on the school day next to a vacation: consider, never report automatically."""
    calendar = timeline.calendar
    checks: list[Check] = []
    for day, regs in sorted(timeline.by_day.items()):
        sick = [r for r in regs if r.reason is Reason.ZIEK and r.kind is Kind.ABSENT]
        if not sick:
            continue
        vacation = calendar.adjacent_vacation(day)
        if vacation is None:
            continue
        side = "voor" if calendar.vacation_after(day) is vacation else "na"
        checks.append(
            Check(
                pupil_id=pupil_id,
                kind="twijfelachtig_ziekteverzuim",
                on=day,
                severity="overwegen",
                explanation=Explanation(
                    rule="ziekmelding_naast_vakantie",
                    text=(
                        f"Ziekmelding op de schooldag direct {side} de {vacation.name}. "
                        "Overweeg of dit twijfelachtig ziekteverzuim is. Dit is geen automatische "
                        "melding: ziekte is geoorloofd en wordt niet als verzuim gemeld (AVG)."
                    ),
                    sources=(PARKSTAD_111_ZIEK_VAKANTIE,),
                    absences=tuple(sick),
                ),
                actions=(
                    Action("school", "Neem contact op met ouders over de ziekmelding."),
                    Action(
                        "school",
                        "Overleg bij twijfel met de consulent leerrecht; alleen bij vermoeden "
                        "van luxe verzuim volgt een melding 'overig verzuim'.",
                    ),
                ),
            )
        )
    return checks
