"""One row per read or write of pupil data (AVG art. 5 lid 2, art. 30; issue 5 and 7).

Append only: a saved row is never changed or deleted through the application, and database
triggers (migration 0003) refuse UPDATE and DELETE on the table as well. Only rows older than
:data:`AUDIT_BEWAARTERMIJN_JAREN` may be deleted, by the retention job.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: audit rows are kept this many years, then the retention job deletes them (the database
#: triggers allow DELETE of older rows only)
AUDIT_BEWAARTERMIJN_JAREN = 5


class Actie(models.TextChoices):
    LEZEN = "lezen", _("lezen")
    AANMAKEN = "aanmaken", _("aanmaken")
    WIJZIGEN = "wijzigen", _("wijzigen")
    EXPORTEREN = "exporteren", _("exporteren")
    #: a request for pupil data that was refused (403 or 404): nothing was shown or changed
    GEWEIGERD = "geweigerd", _("geweigerd")


class AuditRegel(models.Model):
    wie = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    wanneer = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)
    actie = models.CharField(_("actie"), max_length=12, choices=Actie.choices)
    wat = models.CharField(_("wat"), max_length=200, help_text=_("soort gegeven en nummer"))
    leerling_id = models.BigIntegerField(_("leerling"), null=True, blank=True, db_index=True)
    #: the school of the pupil, or of the request's school context: the privacy officer's filter
    school_id = models.BigIntegerField(_("school"), null=True, blank=True, db_index=True)
    doel = models.CharField(_("doel"), max_length=200)
    omschrijving = models.CharField(_("omschrijving"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-wanneer", "-pk"]
        indexes = [
            # the privacy officer's page: one school's rows, newest first, optionally a period
            models.Index(fields=["school_id", "-wanneer"], name="audit_school_wanneer"),
        ]

    def __str__(self) -> str:
        return f"{self.wanneer:%Y-%m-%d %H:%M} {self.wie} {self.actie} {self.wat} ({self.doel})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Het audit-log wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Het audit-log wordt nooit verwijderd.")
