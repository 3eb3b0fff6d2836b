"""Where a user without a school role starts: the page of the organisation they work for.

The worklist (``/``) is the school's start page. Staff of a leerplicht office, a
samenwerkingsverband or a JGZ organisation have no school role, so ``/`` sends them to their own
start page instead of a 404. A privacy officer (role ``privacy``, no role that sees pupils)
starts at the school's audit log.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from leerrecht.web.jgz import scope as jgz_scope
from leerrecht.web.leerplicht import scope as leerplicht_scope
from leerrecht.web.scholen import scope as school_scope
from leerrecht.web.scholen.models import RolSoort
from leerrecht.web.thuiszitters import scope as swv_scope


def startpagina(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The URL name of the user's start page outside a school, or None."""
    if leerplicht_scope.is_bureaumedewerker(user):
        return "leerplicht:start"
    if swv_scope.swvs(user).exists():
        return "thuiszitters:swv_overzicht"
    if jgz_scope.jgz_rollen(user).exists():
        return "jgz:lijst"
    if school_scope.rollen(user).filter(soort=RolSoort.PRIVACY).exists():
        return "privacy:overzicht"
    return None
