"""Login with a second factor.

1. ``/inloggen/``: username and password (Django's LoginView; django-axes refuses a locked
   username+IP before the password is even checked). The session is then logged in but not
   verified; :class:`~leerrecht.web.tweestaps.middleware.TweestapsMiddleware` lets it reach
   only these pages.
2. ``/tweestaps/``: the 6-digit code of the authenticator app, or one of the backup codes.
   Without a confirmed app the account goes to
3. ``/tweestaps/instellen/``: a QR code (inline SVG made here, segno) and the secret as text;
   the first code confirms the app, then ``/tweestaps/reservecodes/`` shows 10 single-use
   backup codes once.

Every failed code counts with the failed passwords (django-axes, per username and IP address):
at the limit the session is logged out and the pair is locked. django-otp also slows down
each device after a failure (1, 2, 4, ... seconds), whatever the address.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.tweestaps import pogingen
from leerrecht.web.tweestaps.beleid import (
    AANTAL_RESERVECODES,
    OUDERCODE,
    is_geverifieerd,
    reserve_apparaat,
    totp_apparaat,
    vereist_tweestaps,
)
from leerrecht.web.tweestaps.forms import CodeForm

DOEL = "inloggen"
#: backup codes just made, shown once on the next page and then gone from the session
SESSIE_NIEUWE_CODES = "tweestaps_nieuwe_reservecodes"


def volgende(request: HttpRequest) -> str:
    """The page to go to after the second factor: ``next`` when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _met_volgende(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


class InloggenView(LoginView):
    template_name = "login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if vereist_tweestaps(self.request.user):
            return HttpResponseRedirect(_met_volgende("tweestaps:code", self.get_success_url()))
        return response


def geblokkeerd(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The lockout page (django-axes' AXES_LOCKOUT_CALLABLE, also used for the code steps).

    A half-logged-in session (password right, code wrong too often) is logged out: after the
    lockout the whole login starts again."""
    ouders = bool(credentials) and (credentials or {}).get("username") == OUDERCODE
    if request.user.is_authenticated:
        logout(request)
    cooloff = settings.AXES_COOLOFF_TIME
    minuten = int(cooloff.total_seconds() // 60) if isinstance(cooloff, timedelta) else 0
    response = render(
        request,
        "tweestaps/geblokkeerd.html",
        {"minuten": minuten, "ouders": ouders, "pogingen": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response.headers["Retry-After"] = str(minuten * 60)
    return response


def _gebruiker(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _code_fout(request: HttpRequest, user: User, form: Form) -> HttpResponse | None:
    """Count a wrong code; the lockout page when that was one too many."""
    if pogingen.mislukt(request, user.get_username()):
        vastleggen(
            user,
            Actie.GEWEIGERD,
            "twee-factor",
            doel=DOEL,
            omschrijving="te veel foute codes: geblokkeerd en uitgelogd",
        )
        return geblokkeerd(request, None, {"username": user.get_username()})
    form.add_error(
        "code",
        _(
            "Deze code klopt niet. Typ de 6 cijfers die de app nu toont, of een van uw "
            "reservecodes."
        ),
    )
    return None


def _vertraagd(device: Device, form: Form) -> bool:
    """django-otp's per-device delay after a failure: say how long to wait."""
    toegestaan, info = device.verify_is_allowed()
    if toegestaan:
        return False
    wacht = ""
    if info and info.get("locked_until"):
        seconden = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
        wacht = str(seconden)
    form.add_error(
        "code",
        _(
            "Na een foute code moet u even wachten voor de volgende poging. Probeer het over "
            "%(seconden)s seconden opnieuw."
        )
        % {"seconden": wacht or "enkele"},
    )
    return True


def _geverifieerd(request: HttpRequest, user: User, device: Device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session key once the login is complete
    pogingen.geslaagd(request, user.get_username())


def _controleer(user: User, totp: TOTPDevice, form: CodeForm) -> Device | None:
    """The device that accepts the code, or None: a wrong code (the form has no error yet) or a
    wait after an earlier failure (the form says so; not counted as a failure)."""
    token: str = form.cleaned_data["code"]
    device: Device | None = totp if CodeForm.is_app_code(token) else reserve_apparaat(user)
    if device is None or _vertraagd(device, form):
        return None
    return verify_token(user, device.persistent_id, token)


def _met_reservecode(request: HttpRequest, user: User, device: StaticDevice) -> None:
    over = device.token_set.count()
    vastleggen(
        user,
        Actie.WIJZIGEN,
        "twee-factor",
        doel=DOEL,
        omschrijving=f"ingelogd met een reservecode, nog {over} over",
    )
    messages.warning(
        request,
        _(
            "U bent ingelogd met een reservecode; die is nu gebruikt. U heeft er nog "
            "%(aantal)s. Maak nieuwe reservecodes als u er weinig over heeft."
        )
        % {"aantal": over},
    )


@never_cache
def code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code of the authenticator app or a backup code."""
    user = _gebruiker(request)
    if user is None:
        return redirect(settings.LOGIN_URL)
    target = volgende(request)
    if is_geverifieerd(user):
        return redirect(target)
    totp = totp_apparaat(user)
    if totp is None:
        return redirect(_met_volgende("tweestaps:instellen", target))
    if not pogingen.toegestaan(request, user.get_username()):
        return geblokkeerd(request, None, {"username": user.get_username()})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        geldig = _controleer(user, totp, form)
        if geldig is not None:
            _geverifieerd(request, user, geldig)
            if isinstance(geldig, StaticDevice):
                _met_reservecode(request, user, geldig)
            return redirect(target)
        if not form.errors:
            blokkade = _code_fout(request, user, form)
            if blokkade is not None:
                return blokkade
    return render(request, "tweestaps/code.html", {"form": form, "next": target})


def _qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG (no image request, no inline style: CSP-safe)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", omitsize=False))


def _geheim_als_tekst(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into the app."""
    geheim = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


def _maak_reservecodes(request: HttpRequest, user: User) -> None:
    """Replace the user's backup codes with 10 new ones; shown once on the next page."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="reservecodes", confirmed=True)
    codes = [StaticToken.random_token() for _index in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    request.session[SESSIE_NIEUWE_CODES] = codes
    vastleggen(
        user,
        Actie.AANMAKEN,
        "twee-factor",
        doel=DOEL,
        omschrijving=f"{AANTAL_RESERVECODES} nieuwe reservecodes (de oude vervallen)",
    )


@never_cache
def instellen(request: HttpRequest) -> HttpResponse:
    """Enrolment: only for an account without a confirmed app. An account that has one never
    gets a second app this way (that would pass the second factor with the password alone);
    the schoolbeheerder or application manager removes a lost one in /beheer/."""
    user = _gebruiker(request)
    if user is None:
        return redirect(settings.LOGIN_URL)
    target = volgende(request)
    if totp_apparaat(user) is not None:
        return redirect(
            target if is_geverifieerd(user) else _met_volgende("tweestaps:code", target)
        )
    if not pogingen.toegestaan(request, user.get_username()):
        return geblokkeerd(request, None, {"username": user.get_username()})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator-app", confirmed=False)
    form = CodeForm(request.POST or None, alleen_app=True)
    if request.method == "POST" and form.is_valid() and not _vertraagd(device, form):
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            vastleggen(user, Actie.AANMAKEN, "twee-factor", doel=DOEL, omschrijving="app ingesteld")
            _geverifieerd(request, user, device)
            _maak_reservecodes(request, user)
            return redirect(_met_volgende("tweestaps:reservecodes", target))
        blokkade = _code_fout(request, user, form)
        if blokkade is not None:
            return blokkade
    return render(
        request,
        "tweestaps/instellen.html",
        {
            "form": form,
            "next": target,
            "qr": _qr_svg(device),
            "geheim": _geheim_als_tekst(device),
        },
    )


@never_cache
def reservecodes(request: HttpRequest) -> HttpResponse:
    """The backup codes just made (once), or the button to make new ones."""
    user = _gebruiker(request)
    if user is None:
        return redirect(settings.LOGIN_URL)
    codes = request.session.pop(SESSIE_NIEUWE_CODES, None)
    reserve = reserve_apparaat(user)
    return render(
        request,
        "tweestaps/reservecodes.html",
        {
            "codes": codes if isinstance(codes, list) else None,
            "over": reserve.token_set.count() if reserve else 0,
            "next": volgende(request),
            "mag_maken": is_geverifieerd(user) and totp_apparaat(user) is not None,
        },
    )


@require_POST
def reservecodes_nieuw(request: HttpRequest) -> HttpResponse:
    """New backup codes: only after the second factor (never with the password alone)."""
    user = _gebruiker(request)
    if user is None:
        return redirect(settings.LOGIN_URL)
    if not is_geverifieerd(user) or totp_apparaat(user) is None:
        messages.error(request, _("Log eerst in met de code van uw app."))
        return redirect("tweestaps:code")
    _maak_reservecodes(request, user)
    return redirect("tweestaps:reservecodes")
