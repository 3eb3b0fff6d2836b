"""System checks for a safe deployment."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


def insecure_key_problem() -> str | None:
    if settings.SECRET_KEY == settings.INSECURE_DEV_KEY and not (settings.DEBUG or settings.DEMO):
        return (
            "LEERRECHT_SECRET_KEY ontbreekt: zet een lange willekeurige geheime sleutel "
            "(zie docs/configuratie.md)"
        )
    return None


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    problem = insecure_key_problem()
    return [Error(problem, id="leerrecht.E001")] if problem else []
