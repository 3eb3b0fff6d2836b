"""Uitschrijving of a leerplichtige: only with a new enrolment (uitschrijfdatum the day before
it starts), departure abroad, or a vrijstelling (seed 000 §4.2; Lpw art. 5, 10, 18), or a
verwijdering from SO cluster 1/2 after an 8-week search (seed 000 §1.1.3), which the web app's
verwijderingsprocedure enforces; the pupil then counts as absoluut verzuim (thuiszitter rule)."""

from __future__ import annotations

import datetime as dt

from leerrecht.core.leerplicht import Leerplicht, LeerplichtPeriods
from leerrecht.core.model import Action, Check, ExitReason, Explanation, Pupil
from leerrecht.core.sources import LPW_ART_18, PARKSTAD_42_UITSCHRIJVING


def uitschrijving_checks(pupil: Pupil, periods: LeerplichtPeriods, as_of: dt.date) -> list[Check]:
    until = pupil.enrolled_until
    if until is None or until > as_of:
        return []
    day_after = until + dt.timedelta(days=1)
    if periods.status(day_after) is Leerplicht.NIET_LEERPLICHTIG:
        return []
    problem = ""
    if pupil.exit_reason is None:
        problem = (
            f"Uitgeschreven per {until} zonder reden, terwijl de leerling daarna nog "
            f"{periods.status(day_after).value} is."
        )
    elif pupil.exit_reason is ExitReason.NIEUWE_SCHOOL:
        nxt = pupil.next_enrolment_from
        if nxt is None:
            problem = (
                f"Uitgeschreven per {until} wegens een nieuwe school, maar zonder startdatum daar."
            )
        elif nxt != day_after:
            problem = (
                f"Uitschrijfdatum {until} sluit niet aan op de nieuwe inschrijving per {nxt}: "
                f"uitschrijven hoort één dag voordat de nieuwe inschrijving ingaat ({nxt - dt.timedelta(days=1)})."
            )
    if not problem:
        return []
    return [
        Check(
            pupil_id=pupil.pupil_id,
            kind="uitschrijving_niet_toegestaan",
            on=until,
            severity="fout",
            explanation=Explanation(
                rule="uitschrijving_leerplichtige",
                text=problem
                + " Een leerplichtige mag alleen worden uitgeschreven bij inschrijving op een andere "
                "school, vertrek naar het buitenland of een vrijstelling. Zonder nieuwe inschrijving "
                "niet uitschrijven en het verzuim melden in het verzuimloket.",
                sources=(PARKSTAD_42_UITSCHRIJVING, LPW_ART_18),
            ),
            actions=(
                Action(
                    "school",
                    "Controleer bij de nieuwe school of DUO of en wanneer de leerling is ingeschreven.",
                ),
                Action(
                    "school",
                    "Herstel de uitschrijfdatum of meld het verzuim via het DUO-verzuimloket.",
                ),
            ),
        )
    ]
