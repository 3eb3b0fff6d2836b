"""The record of every run of the retention job (:mod:`leerrecht.web.bewaartermijnen.plan`).

A run keeps its report: when, the peildatum, whether it was executed or only a dry run, and the
number of rows per category, model, action and owner (school, office or JGZ organisation). It
never holds personal data: no names, no pupil numbers, no primary keys.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class BewaarRun(models.Model):
    gestart_op = models.DateTimeField(_("gestart op"), auto_now_add=True)
    peildatum = models.DateField(_("peildatum"))
    uitgevoerd = models.BooleanField(
        _("uitgevoerd"), help_text=_("nee: alleen een proefdraai, er is niets verwijderd")
    )
    totaal = models.PositiveIntegerField(_("aantal rijen"), default=0)
    bestanden = models.PositiveIntegerField(_("aantal bestanden"), default=0)
    rapport = models.JSONField(_("rapport"), default=dict)
    duur = models.FloatField(_("duur in seconden"), default=0.0)

    class Meta:
        verbose_name = _("run van de bewaartermijnen")
        verbose_name_plural = _("runs van de bewaartermijnen")
        ordering = ["-gestart_op", "-pk"]

    def __str__(self) -> str:
        soort = "uitgevoerd" if self.uitgevoerd else "proefdraai"
        return f"{self.gestart_op:%Y-%m-%d %H:%M} peildatum {self.peildatum} ({soort})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Een run van de bewaartermijnen wordt nooit gewijzigd.")
        super().save(*args, **kwargs)
