"""Template context: whether the user works for a samenwerkingsverband, for the menu (a courtesy;
every view checks access itself)."""

from __future__ import annotations

from django.http import HttpRequest

from leerrecht.web.thuiszitters import scope


def rollen(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"swv_rollen": frozenset()}
    return {"swv_rollen": frozenset(scope.swvs(request.user).values_list("pk", flat=True))}
