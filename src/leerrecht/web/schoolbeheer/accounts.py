"""Staff accounts made by the school beheerder: a strong initial password, shown once, and who
may be given a new one.

A beheerder only manages a school, not people: a new password is only possible for an account
whose roles are all at this school (a password for someone who also works elsewhere would open
that other school too), never for staff or superusers of the application, and not for oneself.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from leerrecht.web.scholen.models import School

#: letters and digits without look-alikes (0/O, 1/l/I), so the password can be read aloud
ALFABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BLOKKEN = 4
BLOKLENGTE = 5  # 4 x 5 characters from 55: about 115 bits


def nieuw_wachtwoord(user: User | None = None) -> str:
    """A random password like ``Kq7mz-T3hxw-9aPcd-uRb2e`` that passes Django's validators."""
    for _attempt in range(20):
        wachtwoord = "-".join(
            "".join(secrets.choice(ALFABET) for _ in range(BLOKLENGTE)) for _ in range(BLOKKEN)
        )
        try:
            password_validation.validate_password(wachtwoord, user)
        except ValidationError:
            continue
        return wachtwoord
    raise RuntimeError("geen wachtwoord gevonden dat aan de wachtwoordregels voldoet")


def mag_wachtwoord_geven(door: User, user: User, school: School) -> bool:
    """May ``door`` (a beheerder of ``school``) give ``user`` a new password?"""
    if user.pk == door.pk or user.is_superuser or user.is_staff:
        return False
    rollen = user.rollen.all()
    return rollen.exists() and not rollen.exclude(school=school).exists()
