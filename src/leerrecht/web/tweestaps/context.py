"""Template context: whether this session still has to pass the second factor (the menu is
hidden then: every link in it would lead back to the code step)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.tweestaps.beleid import is_geverifieerd, vereist_tweestaps


def tweestaps(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if user is None:
        return {"tweestaps_open": False}
    return {"tweestaps_open": vereist_tweestaps(user) and not is_geverifieerd(user)}
