"""DUO verzuimmeldingen of a school and the history of their status.

A :class:`DuoMelding` starts as a *concept* that leerrecht prefills from the rules (see
:mod:`leerrecht.web.meldingen.services`); the school completes it, reports it to DUO and records
DUO's meldingsnummer. Statuses follow DUO's: concept, gemeld, in behandeling, afgesloten,
ingetrokken and ter kennisgeving aangenomen. Which status may follow which is one explicit map
(:mod:`leerrecht.web.meldingen.statussen`); every change is kept in :class:`StatusWijziging`,
which is append only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerrecht.web.scholen.models import Leerling, Locatie, School


class Status(models.TextChoices):
    """DUO's statuses of a verzuimmelding (plus 'concept': not yet reported)."""

    CONCEPT = "concept", _("concept")
    GEMELD = "gemeld", _("gemeld")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    AFGESLOTEN = "afgesloten", _("afgesloten")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    TER_KENNISGEVING = "ter_kennisgeving", _("ter kennisgeving aangenomen")


#: statuses in which DUO has the melding, so a meldingsnummer must be known
MET_MELDINGSNUMMER = (
    Status.GEMELD,
    Status.IN_BEHANDELING,
    Status.AFGESLOTEN,
    Status.TER_KENNISGEVING,
)


class Verzuimsoort(models.TextChoices):
    """DUO's verzuimsoorten; the values are those of :class:`leerrecht.core.model.Soort`."""

    ZESTIEN_UUR = "16_uur", _("16 uur ongeoorloofd verzuim in 4 lesweken")
    LRV = "lrv", _("langdurig relatief verzuim")
    LUXE = "luxe", _("luxe verzuim")
    OVERIG = "overig", _("overig verzuim")
    ACHTTIEN_PLUS = "18plus", _("18+ verzuim")


class VermoedelijkeReden(models.TextChoices):
    """What the school thinks is behind the absence (the LRV options of seed 002 §2b)."""

    ONBEKEND = "onbekend", _("onbekend")
    LEERLING_WIL_NIET = "leerling_wil_niet", _("leerling wil niet naar school")
    OUDERS_STUREN_NIET = "ouders_sturen_niet", _("ouders sturen hun kind niet naar school")
    GEEN_OVEREENSTEMMING = (
        "geen_overeenstemming",
        _("geen overeenstemming ouders/school over een passende onderwijsplek"),
    )
    ANDERS = "anders", _("anders (zie toelichting)")


class DuoMelding(models.Model):
    """One verzuimmelding of one pupil to DUO, with what DUO asks for."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="duo_meldingen")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="duo_meldingen")
    locatie = models.ForeignKey(
        Locatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locatie"),
    )
    soort = models.CharField(_("verzuimsoort"), max_length=10, choices=Verzuimsoort.choices)
    begin = models.DateField(_("begindatum"))
    einde = models.DateField(
        _("einddatum"),
        null=True,
        blank=True,
        help_text=_("leeg: langdurig relatief verzuim dat nog loopt"),
    )
    uren = models.DecimalField(_("uren verzuim"), max_digits=7, decimal_places=2)
    uiterlijk = models.DateField(_("uiterlijk melden op"))
    volgnummer = models.PositiveSmallIntegerField(
        _("volgnummer"), default=1, help_text=_("1 = eerste melding, 2 of meer = herhaalmelding")
    )
    bereikt = models.DateField(_("melding nodig sinds"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    meldingsnummer = models.CharField(
        _("meldingsnummer van DUO"), max_length=50, blank=True, default=""
    )
    woongemeente = models.CharField(_("woongemeente"), max_length=100, blank=True)
    verzuimdagen = models.TextField(
        _("verzuimdagen"), blank=True, help_text=_("de dagen en uren van het verzuim")
    )
    uitleg = models.TextField(_("uitleg van de regel"), blank=True)
    vermoedelijke_reden = models.CharField(
        _("vermoedelijke reden"),
        max_length=30,
        choices=VermoedelijkeReden.choices,
        default=VermoedelijkeReden.ONBEKEND,
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    ondernomen_acties = models.TextField(_("ondernomen acties"), blank=True)
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("DUO-melding")
        verbose_name_plural = _("DUO-meldingen")
        ordering = ["uiterlijk", "begin", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "soort", "begin"], name="duo_melding_eenmaal"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in MET_MELDINGSNUMMER])
                | ~Q(meldingsnummer=""),
                name="duo_melding_gemeld_heeft_meldingsnummer",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("begin")),
                name="duo_melding_einde_na_begin",
            ),
        ]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return f"{self.leerling} - {self.get_soort_display()} vanaf {self.begin}"

    @property
    def is_concept(self) -> bool:
        return self.status == Status.CONCEPT

    @property
    def is_open(self) -> bool:
        """Langdurig relatief verzuim that has not ended (no einddatum yet)."""
        return self.einde is None


class StatusWijziging(models.Model):
    """One step in the history of a melding: created, a status change or an einddatum filled in.

    Append only: a saved row is never changed or deleted.
    """

    melding = models.ForeignKey(DuoMelding, on_delete=models.PROTECT, related_name="geschiedenis")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("leeg: door leerrecht zelf"),
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    notitie = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.melding}: {self.van or '-'} -> {self.naar}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een melding wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een melding wordt nooit verwijderd.")
