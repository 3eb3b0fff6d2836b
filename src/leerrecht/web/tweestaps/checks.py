"""System check: two-factor must be on in a deployment (unless it is the demo)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def tweestaps_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.LEERRECHT_TWEESTAPS or settings.DEMO:
        return []
    return [
        Warning(
            "Twee-factor-authenticatie staat uit (LEERRECHT_TWEESTAPS=0): medewerkers loggen "
            "in met alleen een wachtwoord.",
            hint="Zet LEERRECHT_TWEESTAPS=1 of laat de variabele weg (zie docs/configuratie.md).",
            id="leerrecht.W010",
        )
    ]
