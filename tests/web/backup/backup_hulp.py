"""Helpers for the backup tests: a rich data set (the demo school with its chain partners, a
dossier document and a werkgeversverklaring on disk), the data of every model serialized, the
stored files, and rewriting an unencrypted archive."""

from __future__ import annotations

import datetime as dt
import io
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile

from leerrecht.web.demodata.bouw import bouw_demo
from leerrecht.web.dossiers.models import Document, Dossier
from leerrecht.web.verlof.models import VerlofAanvraag

PEILDATUM = dt.date(2026, 3, 20)
#: models the target's migrations fill themselves (compared by natural key through the others)
NIET_VERGELEKEN = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}


def rijke_database(leerlingen: int = 40) -> None:
    bouw_demo(PEILDATUM, leerlingen, seed=2026)
    dossier = Dossier.objects.order_by("pk").first()
    assert dossier is not None
    document = Document(
        dossier=dossier,
        naam="verslag gesprek.pdf",
        omschrijving="verslag",
        content_type="application/pdf",
        grootte=20,
        door=dossier.behandelaar,
    )
    document.bestand.save("verslag.pdf", ContentFile(b"%PDF-1.4 verslag \x00\xff"), save=False)
    document.save()
    aanvraag = VerlofAanvraag.objects.order_by("pk").first()
    assert aanvraag is not None
    aanvraag.werkgeversverklaring.save("verklaring.png", ContentFile(b"\x89PNG verklaring"))


def alle_rijen() -> dict[str, list[Any]]:
    """Every row of every model in Python form (datetimes with microseconds; natural keys for
    content types and permissions); the rows of a many-to-many relation without their own
    key."""
    uit: dict[str, list[Any]] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in NIET_VERGELEKEN:
            continue
        # the python form: datetimes with their microseconds, decimals as Decimal
        rijen: list[Any] = serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        if model._meta.auto_created:
            # the rows of a many-to-many relation: Django's serializer carries the relation, not
            # the surrogate key of its row
            rijen = sorted(repr(sorted(r["fields"].items())) for r in rijen)
        uit[label] = rijen
    return uit


def bestanden(map: Path) -> dict[str, bytes]:
    return {p.relative_to(map).as_posix(): p.read_bytes() for p in map.rglob("*") if p.is_file()}


def herschrijf(archief: Path, wijzig: Callable[[dict[str, bytes]], None]) -> None:
    """Unpack an unencrypted archive, let ``wijzig`` change its members, and pack it again."""
    with tarfile.open(archief, "r:gz") as tar:
        leden = {
            m.name: tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        }
    wijzig(leden)
    with tarfile.open(archief, "w:gz") as tar:
        for naam, inhoud in leden.items():
            info = tarfile.TarInfo(naam)
            info.size = len(inhoud)
            tar.addfile(info, io.BytesIO(inhoud))
