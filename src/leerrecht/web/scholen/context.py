"""Template context: which kinds of role the user has, so the menu only shows what they may open
(the views check access themselves; hiding a link is a courtesy, not the security). The roles
come from :func:`leerrecht.web.menu.menu_rollen` (one query per request for the whole menu)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.menu import menu_rollen
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN


def rollen(request: HttpRequest) -> dict[str, object]:
    soorten = menu_rollen(request).school
    return {"mijn_rollen": soorten, "schoolbreed_ergens": bool(soorten & SCHOOLBREDE_ROLLEN)}
