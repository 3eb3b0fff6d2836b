"""Record an access to pupil data: ``vastleggen(request.user, Actie.LEZEN, dossier, doel=...)``."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from leerrecht.web.audit.models import Actie, AuditRegel


def vastleggen(
    wie: AbstractBaseUser | AnonymousUser | None,
    actie: Actie,
    wat: models.Model | str,
    *,
    doel: str,
    leerling_id: int | None = None,
    omschrijving: str = "",
) -> AuditRegel:
    """Append one row. ``wat`` is a model instance (recorded as 'label #pk') or a short text."""
    if isinstance(wat, models.Model):
        label = f"{wat._meta.label_lower} #{wat.pk}"
        if leerling_id is None:
            leerling_id = getattr(wat, "leerling_id", None)
    else:
        label = wat
    user = wie if isinstance(wie, User) else None
    return AuditRegel.objects.create(
        wie=user,
        actie=actie,
        wat=label[:200],
        leerling_id=leerling_id,
        doel=doel[:200],
        omschrijving=omschrijving[:500],
    )
