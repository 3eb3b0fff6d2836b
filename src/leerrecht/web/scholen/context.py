"""Template context: which kinds of role the user has, so the menu only shows what they may open
(the views check access themselves; hiding a link is a courtesy, not the security)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN


def rollen(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"mijn_rollen": frozenset(), "schoolbreed_ergens": False}
    soorten = frozenset(scope.rollen(request.user).values_list("soort", flat=True))
    return {"mijn_rollen": soorten, "schoolbreed_ergens": bool(soorten & SCHOOLBREDE_ROLLEN)}
