"""Who needs the second factor, and the client address used for rate limiting."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

#: The pseudo-username under which failed parent codes are counted (per IP address). Brackets
#: cannot occur in a Django username, so it never coincides with a real account.
OUDERCODE = "[ouders-code]"
AANTAL_RESERVECODES = 10


def tweestaps_aan() -> bool:
    return bool(settings.LEERRECHT_TWEESTAPS)


def vereist_tweestaps(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Every account is a staff account (school, office, SWV, jeugdarts or application
    manager): parents have no account, they use a code in their session. So every
    authenticated user needs the second factor; a new role never meets an unprotected session.
    """
    return tweestaps_aan() and user.is_authenticated


def is_geverifieerd(user: AbstractBaseUser | AnonymousUser) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def totp_apparaat(user: AbstractBaseUser) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def reserve_apparaat(user: AbstractBaseUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy (LEERRECHT_ACHTER_PROXY)
    the last X-Forwarded-For entry, the one that proxy appended (earlier ones can be forged)."""
    if settings.LEERRECHT_ACHTER_PROXY:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return str(forwarded[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def verwijder_apparaten(user: AbstractBaseUser) -> int:
    """Remove the account's app and backup codes (a lost phone); at the next request its
    sessions are no longer verified and the next login starts with enrolment."""
    totp, _details = TOTPDevice.objects.filter(user_id=user.pk).delete()
    static, _details = StaticDevice.objects.filter(user_id=user.pk).delete()
    return int(totp) + int(static)


def heeft_tweestaps(user: AbstractBaseUser) -> bool:
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())
