"""Session expiry: an absolute lifetime since login (LEERRECHT_SESSION_SECONDS) and an idle
timeout (LEERRECHT_SESSIE_INACTIEF_MINUTEN), both as timestamps in the session itself.

Django's own expiry (SESSION_COOKIE_AGE) counts from the last save, so it slides with every
request that changes the session; the start of the session is therefore kept separately.
The last activity is written at most once a minute, so most requests do not save the session.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

SESSIE_BEGIN = "leerrecht_sessie_begin"
SESSIE_ACTIEF = "leerrecht_sessie_actief"
#: the last activity is written when it is older than this (seconds)
SCHRIJF_INTERVAL = 60


def nu() -> int:
    return int(time.time())


def begin(request: HttpRequest) -> None:
    """A new login (or parent code): both clocks start now."""
    moment = nu()
    request.session[SESSIE_BEGIN] = moment
    request.session[SESSIE_ACTIEF] = moment


@receiver(user_logged_in, dispatch_uid="leerrecht_sessie_begin")
def _bij_inloggen(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        begin(request)
