"""Failed code entries counted by django-axes, next to the failed passwords.

The second factor and the parents' code page have no Django ``authenticate`` call, so they
report failures with the ``user_login_failed`` signal, the integration django-axes documents
for custom login flows. The attempts live in the database (AxesDatabaseHandler): every gunicorn
worker sees the same count, and /beheer/ (axes' admin) shows and removes them.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest

from leerrecht.web.tweestaps.beleid import client_ip


def _credentials(gebruikersnaam: str) -> dict[str, str]:
    return {"username": gebruikersnaam}


def toegestaan(request: HttpRequest, gebruikersnaam: str) -> bool:
    """False while ``gebruikersnaam`` from this client address is locked out."""
    if not settings.AXES_ENABLED:
        return True
    return bool(AxesProxyHandler.is_allowed(request, _credentials(gebruikersnaam)))


def mislukt(request: HttpRequest, gebruikersnaam: str) -> bool:
    """Count a failed code; True when this failure locks the pair out."""
    user_login_failed.send(
        sender=__name__, credentials=_credentials(gebruikersnaam), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def geslaagd(request: HttpRequest, gebruikersnaam: str) -> None:
    """The whole login succeeded: forget this pair's failures."""
    if settings.AXES_ENABLED:
        AxesProxyHandler.reset_attempts(username=gebruikersnaam, ip_address=client_ip(request))
