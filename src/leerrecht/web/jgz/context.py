"""Template context: the user's roles at JGZ organisations, for the menu (a courtesy; every view
checks access itself)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.jgz import scope


def rollen(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"jgz_rollen": frozenset()}
    return {"jgz_rollen": frozenset(scope.jgz_rollen(request.user).values_list("soort", flat=True))}
