"""Schorsing: at most one school week (5 school days); more than 1 day is reported to the
inspectie and leerplicht, in PO also to the samenwerkingsverband (seed 002 §2a Schorsing; seed
000 §1.1.3). A geschorste pupil is not absent: schorsing never counts as verzuim."""

from __future__ import annotations

from leerrecht.core.absence import Reason
from leerrecht.core.model import Action, Check, Explanation, Sector
from leerrecht.core.sources import HR_2A_SCHORSING, PARKSTAD_113_SCHORSING
from leerrecht.core.timeline import PupilTimeline, group_consecutive

MAX_SCHOOL_DAYS = 5


def schorsing_checks(timeline: PupilTimeline, pupil_id: str, sector: Sector) -> list[Check]:
    checks: list[Check] = []
    days = timeline.days_with_reason(Reason.SCHORSING)
    for block in group_consecutive(timeline.calendar, days):
        n = len(block)
        regs = tuple(r for d in block for r in timeline.regs_on(d) if r.reason is Reason.SCHORSING)
        period = f"{block[0]} t/m {block[-1]}" if n > 1 else block[0].isoformat()
        if n > MAX_SCHOOL_DAYS:
            checks.append(
                Check(
                    pupil_id=pupil_id,
                    kind="schorsing_te_lang",
                    on=block[MAX_SCHOOL_DAYS],
                    severity="fout",
                    explanation=Explanation(
                        rule="schorsing_maximaal_een_week",
                        text=(
                            f"Schorsing van {n} schooldagen ({period}): een leerling mag ten "
                            "hoogste één week (5 schooldagen) geschorst worden. Ook een leerling "
                            "met gedragsproblematiek heeft recht op onderwijs; zoek via een "
                            "knooppunt een oplossing."
                        ),
                        sources=(HR_2A_SCHORSING, PARKSTAD_113_SCHORSING),
                        absences=regs,
                    ),
                    actions=(
                        Action("directeur", "Beëindig de schorsing na ten hoogste 5 schooldagen."),
                        Action("school", "Initieer een knooppunt met SWV en leerplicht."),
                    ),
                )
            )
        if n > 1:
            actions = [
                Action("directeur", "Stuur een kopie van het schorsingsbesluit naar de inspectie."),
                Action(
                    "directeur",
                    "Stuur een kopie van het schorsingsbesluit naar de leerplichtambtenaar.",
                ),
            ]
            if sector in (Sector.PO, Sector.SO):
                actions.append(
                    Action("directeur", "Stuur een kopie naar het samenwerkingsverband (PO).")
                )
            checks.append(
                Check(
                    pupil_id=pupil_id,
                    kind="schorsing_melden",
                    on=block[1],
                    severity="verplicht",
                    explanation=Explanation(
                        rule="schorsing_langer_dan_een_dag",
                        text=(
                            f"Schorsing van {n} schooldagen ({period}): bij een schorsing van meer "
                            "dan 1 dag gaat een kopie naar de inspectie en de leerplichtambtenaar"
                            + (
                                ", en in het basisonderwijs ook naar het samenwerkingsverband."
                                if sector in (Sector.PO, Sector.SO)
                                else "."
                            )
                        ),
                        sources=(HR_2A_SCHORSING, PARKSTAD_113_SCHORSING),
                        absences=regs,
                    ),
                    actions=tuple(actions),
                )
            )
    return checks
