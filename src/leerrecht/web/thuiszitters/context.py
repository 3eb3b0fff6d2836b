"""Template context: whether the user works for a samenwerkingsverband, for the menu (a courtesy;
every view checks access itself). Read with the rest of the menu:
:func:`leerrecht.web.menu.menu_rollen`."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.menu import menu_rollen


def rollen(request: HttpRequest) -> dict[str, object]:
    return {"swv_rollen": menu_rollen(request).swv}
