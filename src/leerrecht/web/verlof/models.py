"""Verlof requests and sick reports by parents, and the directeur's decision on them.

Parents have no Django account: the school issues an :class:`OuderToegang` code per pupil. Only
a SHA-256 hash of the code is stored (plus a short prefix so staff can tell codes apart); the
plain code is shown once, when it is issued.

Privacy (AVG): nothing here records the nature of an illness. A sick report becomes a
:class:`~leerrecht.web.registratie.models.Registratie` with reason ``ziek`` and nothing more.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from leerrecht.core.model import Verlof, VerlofSoort
from leerrecht.core.model import VerlofStatus as CoreStatus
from leerrecht.web.scholen.models import Leerling

CODE_PREFIX_LENGTH = 6
BIJLAGE_EXTENSIES = ["pdf", "jpg", "jpeg", "png"]


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


class OuderToegang(models.Model):
    """A code that gives a parent access to the verlof and sick-report pages of one pupil."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="oudertoegang")
    code_hash = models.CharField(_("hash van de code"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("begin van de code"),
        max_length=CODE_PREFIX_LENGTH,
        editable=False,
        help_text=_("alleen om codes uit elkaar te houden; de code zelf wordt niet bewaard"),
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    laatst_gebruikt = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("toegangscode voor ouders")
        verbose_name_plural = _("toegangscodes voor ouders")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.leerling})"

    @classmethod
    def uitgeven(cls, leerling: Leerling, door: Any) -> tuple[OuderToegang, str]:
        """Create an active code for ``leerling``; returns the record and the plain code (once)."""
        code = secrets.token_urlsafe(24)
        toegang = cls.objects.create(
            leerling=leerling,
            code_hash=hash_code(code),
            prefix=code[:CODE_PREFIX_LENGTH],
            aangemaakt_door=door,
        )
        return toegang, code

    @classmethod
    def zoek(cls, code: str) -> OuderToegang | None:
        """The active access for ``code``, or None (wrong, unknown and withdrawn look the same)."""
        code = code.strip()
        if not code:
            return None
        return (
            cls.objects.select_related("leerling", "leerling__school")
            .filter(code_hash=hash_code(code), actief=True)
            .first()
        )


@deconstructible
class BijlageStorage(FileSystemStorage):
    """Uploaded werkgeversverklaringen: under ``DATA_DIR``, never served as static media.

    The location is read from the settings on every use, so tests can point ``DATA_DIR``
    elsewhere.
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR, "verlof-bijlagen").absolute())

    @property
    def location(self) -> str:
        return self.base_location

    @property
    def base_url(self) -> str:
        return ""


def bijlage_pad(instance: VerlofAanvraag, filename: str) -> str:
    """A random file name: the parent's own file name is not kept."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"werkgeversverklaringen/{uuid.uuid4().hex}{suffix}"


class Soort(models.TextChoices):
    VAKANTIE = VerlofSoort.VAKANTIE.value, _("vakantieverlof (art. 13a Leerplichtwet)")
    GEWICHTIG = (
        VerlofSoort.GEWICHTIG.value,
        _("verlof wegens gewichtige omstandigheden (art. 14 Leerplichtwet)"),
    )


class GewichtigeReden(models.TextChoices):
    HUWELIJK = "huwelijk", _("huwelijk of jubileum van een familielid")
    OVERLIJDEN = "overlijden", _("overlijden of begrafenis van een familielid")
    ZIEKTE_FAMILIELID = "ziekte_familielid", _("ernstige ziekte van een familielid")
    VERHUIZING = "verhuizing", _("verhuizing van het gezin")
    RELIGIE = "religie", _("religieuze verplichting")
    ANDERS = "anders", _("andere gewichtige omstandigheid")


class Status(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("aangevraagd")
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    DOORGESTUURD = "doorgestuurd", _("doorgestuurd naar de leerplichtambtenaar")


BESLOTEN = (Status.TOEGEKEND, Status.AFGEWEZEN, Status.DOORGESTUURD)


class VerlofAanvraag(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="verlofaanvragen")
    soort = models.CharField(_("soort verlof"), max_length=10, choices=Soort.choices)
    start = models.DateField(_("eerste dag"))
    end = models.DateField(_("laatste dag"))
    reden = models.CharField(_("reden"), max_length=20, choices=GewichtigeReden.choices, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    werkgeversverklaring = models.FileField(
        _("werkgeversverklaring"),
        storage=BijlageStorage(),
        upload_to=bijlage_pad,
        blank=True,
        validators=[FileExtensionValidator(BIJLAGE_EXTENSIES)],
        help_text=_("alleen bij vakantieverlof; pdf, jpg of png"),
    )
    aangevraagd_op = models.DateField(_("aangevraagd op"), default=timezone.localdate)
    ingediend_via = models.ForeignKey(
        OuderToegang,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanvragen",
        verbose_name=_("ingediend met code"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.AANGEVRAAGD
    )
    besluit_motivering = models.TextField(_("motivering van het besluit"), blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    toetsing = models.JSONField(
        _("wettelijke toets bij het besluit"),
        default=dict,
        blank=True,
        help_text=_("de uitkomst van de toets zoals de directeur die zag bij het besluit"),
    )

    class Meta:
        verbose_name = _("verlofaanvraag")
        verbose_name_plural = _("verlofaanvragen")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="verlof_einde_na_begin",
                violation_error_message=_("De laatste dag ligt voor de eerste dag."),
            ),
        ]
        indexes = [models.Index(fields=["leerling", "status"])]

    def __str__(self) -> str:
        return f"{self.leerling}: {self.get_soort_display()} {self.start} t/m {self.end}"

    @property
    def besloten(self) -> bool:
        return self.status in BESLOTEN

    def als_core(self) -> Verlof:
        """The request as the core's :class:`Verlof` (for the once-per-school-year rule)."""
        status = {
            Status.TOEGEKEND: CoreStatus.TOEGEKEND,
            Status.AFGEWEZEN: CoreStatus.AFGEWEZEN,
        }.get(Status(self.status), CoreStatus.AANGEVRAAGD)
        return Verlof(
            pupil_id=str(self.leerling_id),
            soort=VerlofSoort(self.soort),
            start=self.start,
            end=self.end,
            status=status,
            line=self.pk or 0,
        )
