"""Template context: the user's roles at leerplicht offices, for the menu (a courtesy; every view
checks access itself)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.leerplicht import scope


def rollen(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"bureau_rollen": frozenset()}
    return {"bureau_rollen": frozenset(scope.rollen(request.user).values_list("soort", flat=True))}
