"""Sick leave stays at school: the rules for ziek and arts registrations (issue 7).

Ziekteverzuim that was reported according to the school's rules is geoorloofd (Lpw art. 11
onder d; seed 003 §6 "Schematische weergave": ziekte niet volgens de afspraken gemeld is
ongeoorloofd). Ingrado: sick leave is not reported to leerplicht as a melding, and details
about an illness are medical data (AVG art. 9). So in leerrecht:

- A geoorloofde sick registration (``ziek`` or ``arts``) becomes ongeoorloofd (``ongeoorloofd``,
  ``ziek_niet_gemeld`` or ``luxe``) only in the register, and only with the date on which the
  parents were told (required, not in the future, not before the day itself). The correction
  history (:class:`~leerrecht.web.registratie.models.RegistratieWijziging`) keeps that date and
  the audit log gets a row with the purpose :data:`HERCLASSIFICATIE_DOEL`. Only then do those
  hours count towards a melding (the rules count only ongeoorloofd verzuim).
- An import never does this: a row that would overwrite a stored ``ziek``/``arts`` registration
  with an ongeoorloofd reason is refused with an error naming the line (the school reclassifies
  in the register, where the date the parents were told is asked for).
- A new or changed note on a ``ziek``/``arts`` registration is refused (register and import):
  a note next to sick leave invites the nature of the illness. A note already stored (such as
  "ziekgemeld door ouder", written by leerrecht itself) may stay as it is.
"""

from __future__ import annotations

from leerrecht.core.absence import Reason

#: geoorloofd sick leave: reported sick, or a visit to a doctor or specialist
ZIEK_REDENEN = frozenset({Reason.ZIEK.value, Reason.ARTS.value})
#: the ongeoorloofd reasons (ongeoorloofd, ziek_niet_gemeld, luxe): these count towards a melding
ONGEOORLOOFD_REDENEN = frozenset(r.value for r in Reason if not r.geoorloofd)
#: the purpose recorded in the audit log for a reclassification
HERCLASSIFICATIE_DOEL = "herclassificatie ziekteverzuim na informeren ouders"


def is_herclassificatie(oude_reden: str | None, nieuwe_reden: str | None) -> bool:
    """True when a stored geoorloofde sick registration would become ongeoorloofd."""
    return oude_reden in ZIEK_REDENEN and nieuwe_reden in ONGEOORLOOFD_REDENEN


def notitie_geweigerd(reden: str | None, notitie: str | None, opgeslagen: str | None) -> bool:
    """True for a new or changed note on a ziek/arts registration (an unchanged one may stay)."""
    if reden not in ZIEK_REDENEN or not notitie or not notitie.strip():
        return False
    return notitie.strip() != (opgeslagen or "").strip()
