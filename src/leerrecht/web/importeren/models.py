"""Imports and the school's own LAS code table.

- :class:`CodeKoppeling` maps the absence codes of the school's leerlingadministratiesysteem
  (Magister, SOMtoday, ParnasSys, or the ``code`` column of the leerrecht format) onto a leerrecht
  kind (absent/late) and reason. An unknown code in an import is an error, never dropped.
- :class:`ImportOpdracht` is one upload: the file itself (kept in the database, so the preview
  survives the redirect and the import runs on exactly the bytes that were previewed), its
  status, counts, error text and progress.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.web.registratie.models import REDEN_CHOICES, SOORT_CHOICES
from leerrecht.web.scholen.models import School


class CodeKoppeling(models.Model):
    """One LAS absence code of a school and the leerrecht kind and reason it stands for."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="lascodes")
    code = models.CharField(
        _("code"),
        max_length=50,
        help_text=_("de code zoals het LAS hem exporteert, bijvoorbeeld Z, TL of Ziek"),
    )
    soort = models.CharField(_("soort"), max_length=10, choices=SOORT_CHOICES)
    reden = models.CharField(_("reden"), max_length=20, choices=REDEN_CHOICES)

    class Meta:
        verbose_name = _("LAS-code")
        verbose_name_plural = _("LAS-codes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["school", "code"], name="lascode_uniek_per_school"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.soort} ({self.reden})"

    def save(self, *args: object, **kwargs: object) -> None:
        # Codes are matched case-insensitively, as in core.absence.CodeMapping.
        self.code = normaliseer_code(self.code)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def normaliseer_code(code: str) -> str:
    return code.strip().upper()


class Status(models.TextChoices):
    VOORBEELD = "voorbeeld", _("voorbeeld")
    BEZIG = "bezig", _("bezig")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


class ImportOpdracht(models.Model):
    """An uploaded file on its way from preview to applied (or failed) import."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="imports")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    formaat = models.CharField(_("formaat"), max_length=20)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    bestand = models.BinaryField(
        _("bestand"),
        help_text=_("de geüploade bytes; gewist zodra de import klaar of mislukt is"),
    )
    grootte = models.PositiveIntegerField(_("grootte in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VOORBEELD
    )
    vingerafdruk = models.CharField(
        _("vingerafdruk van het voorbeeld"),
        max_length=64,
        blank=True,
        help_text=_("wat de gebruiker bevestigde; bij een andere uitkomst stopt de import"),
    )
    aantallen = models.JSONField(_("aantallen"), default=dict, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    verwerkt = models.PositiveIntegerField(_("verwerkt"), default=0)
    totaal = models.PositiveIntegerField(_("totaal"), default=0)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.formaat}, {self.status})"

    def inhoud(self) -> bytes:
        """The uploaded bytes (PostgreSQL returns a memoryview for a BinaryField)."""
        return bytes(self.bestand)
