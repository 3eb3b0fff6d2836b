"""Middleware for the login flow and the HTTP hardening.

- :class:`TweestapsMiddleware`: a logged-in account whose session has not passed the second
  factor reaches only the two-factor pages, logout and the language switch; every other URL,
  the admin (/beheer/) included, redirects to the code step.
- :class:`SessieVerloopMiddleware`: ends a session after LEERRECHT_SESSION_SECONDS since login
  or LEERRECHT_SESSIE_INACTIEF_MINUTEN without a request (staff and parents alike).
- :class:`BeveiligingsheadersMiddleware`: Permissions-Policy and
  Cross-Origin-Resource-Policy on every response, and
  ``Cache-Control: no-store, private`` on every response to a logged-in account or a parent,
  so pupil data never sits in a shared or browser cache.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from leerrecht.web.tweestaps import sessie
from leerrecht.web.tweestaps.beleid import is_geverifieerd, vereist_tweestaps
from leerrecht.web.verlof.ouder_views import SESSIE_TOEGANG

#: URL names an account may reach before the second factor (namespace "tweestaps" as well)
VRIJ_VOOR_TWEESTAPS = frozenset({"login", "logout", "set_language"})


def _doorsturen(request: HttpRequest, url_name: str) -> HttpResponse:
    """To ``url_name``, coming back to this page afterwards (GET only); htmx follows in full."""
    url = reverse(url_name)
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _is_ouder(request: HttpRequest) -> bool:
    return SESSIE_TOEGANG in request.session


class TweestapsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if vereist_tweestaps(user) and not is_geverifieerd(user) and not self._vrij(request):
            return _doorsturen(request, "tweestaps:code")
        return self.get_response(request)

    @staticmethod
    def _vrij(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.namespace == "tweestaps" or match.view_name in VRIJ_VOOR_TWEESTAPS


class SessieVerloopMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        medewerker = request.user.is_authenticated
        if medewerker or _is_ouder(request):
            nu = sessie.nu()
            begin = session.get(sessie.SESSIE_BEGIN)
            actief = session.get(sessie.SESSIE_ACTIEF)
            if not isinstance(begin, int) or not isinstance(actief, int):
                sessie.begin(request)  # a session from before this check: its clocks start now
            elif nu - begin > settings.SESSION_COOKIE_AGE:
                return self._verlopen(
                    request,
                    medewerker,
                    _("U bent automatisch uitgelogd: een sessie duurt ten hoogste %(uren)s uur.")
                    % {"uren": f"{settings.SESSION_COOKIE_AGE / 3600:g}"},
                )
            elif nu - actief > settings.LEERRECHT_SESSIE_INACTIEF_SECONDEN:
                return self._verlopen(
                    request,
                    medewerker,
                    _(
                        "U bent automatisch uitgelogd na %(minuten)s minuten zonder activiteit. "
                        "Log opnieuw in."
                    )
                    % {"minuten": settings.LEERRECHT_SESSIE_INACTIEF_SECONDEN // 60},
                )
            elif nu - actief >= sessie.SCHRIJF_INTERVAL:
                session[sessie.SESSIE_ACTIEF] = nu
        return self.get_response(request)

    @staticmethod
    def _verlopen(request: HttpRequest, medewerker: bool, tekst: str) -> HttpResponse:
        logout(request)  # flushes the session (a parent's code too) and rotates its key
        messages.info(request, tekst)
        return _doorsturen(request, "login" if medewerker else "ouders:code")


class BeveiligingsheadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.LEERRECHT_PERMISSIONS_POLICY)
        # no other site may load a page, CSV or PDF of leerrecht as a resource (an <img>,
        # <script> or fetch in no-cors mode): the browser refuses to hand it over
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        ingelogd = user is not None and user.is_authenticated
        persoonlijk = ingelogd or (hasattr(request, "session") and _is_ouder(request))
        # a page that already says no-store (exports, one-time codes) keeps its header:
        # no-store alone already keeps every cache, shared or not, from storing it
        if persoonlijk and "no-store" not in response.headers.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True, private=True)
        return response
