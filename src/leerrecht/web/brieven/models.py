"""Letters to parents: the school's editable templates and the letters actually sent.

A :class:`VerzondenBrief` keeps the letter exactly as it was sent (school name, pupil name,
subject, text, sender), so downloading it again always gives the same letter, also after the
template or the pupil's data changed. There is at most one letter per template for one
occurrence of a protocol step (the unique constraint): asking again returns the stored letter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.web.brieven import sjabloontaal
from leerrecht.web.scholen.models import Leerling, School


class Soort(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("waarschuwing")
    UITNODIGING_GESPREK = "uitnodiging_gesprek", _("uitnodiging voor een gesprek")
    VERLOFBESLUIT = "verlofbesluit", _("verlofbesluit")
    ANDERS = "anders", _("anders")


class BriefSjabloon(models.Model):
    """A letter text of one school, with placeholders (see :mod:`.sjabloontaal`)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="briefsjablonen")
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort brief"), max_length=30, choices=Soort.choices)
    onderwerp = models.CharField(
        _("onderwerp"),
        max_length=300,
        validators=[sjabloontaal.controleer],
        help_text=_("de regel 'Betreft' in de brief; variabelen zijn toegestaan"),
    )
    tekst = models.TextField(
        _("tekst"),
        max_length=20000,
        validators=[sjabloontaal.controleer],
        help_text=_("de brief zelf, met variabelen zoals {{ leerling.voornaam }}"),
    )
    protocol = models.CharField(
        _("verzuimprotocol"),
        max_length=80,
        blank=True,
        help_text=_("leeg: de brief is bruikbaar bij elke stap"),
    )
    stap = models.CharField(_("protocolstap"), max_length=80, blank=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("alleen actieve sjablonen kunnen worden gekozen")
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatst gewijzigd door"),
    )
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "naam"], name="briefsjabloon_naam_per_school"
            ),
            models.CheckConstraint(
                condition=models.Q(stap="") | ~models.Q(protocol=""),
                name="briefsjabloon_stap_met_protocol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.school})"

    def past_bij(self, protocol: str, stap: str) -> bool:
        """May this template be used for this protocol step?"""
        if not self.protocol:
            return True
        return self.protocol == protocol and (not self.stap or self.stap == stap)


class VerzondenBrief(models.Model):
    """A letter as it was made for one occurrence of a protocol step."""

    sjabloon = models.ForeignKey(
        BriefSjabloon,
        on_delete=models.PROTECT,
        related_name="brieven",
        verbose_name=_("sjabloon"),
    )
    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="brieven", verbose_name=_("leerling")
    )
    protocol = models.CharField(_("verzuimprotocol"), max_length=80)
    stap = models.CharField(_("protocolstap"), max_length=80)
    stap_datum = models.DateField(_("stap bereikt op"))
    stap_titel = models.CharField(_("titel van de stap"), max_length=500)
    # the letter as sent
    school_naam = models.CharField(_("school"), max_length=200)
    leerling_naam = models.CharField(_("naam van de leerling"), max_length=201)
    datum = models.DateField(_("datum van de brief"))
    onderwerp = models.TextField(_("onderwerp"))
    tekst = models.TextField(_("tekst"))
    afzender = models.CharField(_("afzender"), max_length=300)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzonden brief")
        verbose_name_plural = _("verzonden brieven")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "sjabloon", "protocol", "stap", "stap_datum"],
                name="brief_een_keer_per_stap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} ({self.leerling_naam}, {self.datum:%Y-%m-%d})"

    def bestandsnaam(self) -> str:
        return f"brief-{self.pk}-{self.stap}-{self.stap_datum:%Y-%m-%d}.pdf"


class EmailStatus(models.TextChoices):
    WACHT = "wacht", _("wacht op verzending")
    VERSTUURD = "verstuurd", _("verstuurd")
    MISLUKT = "mislukt", _("mislukt")


class BriefEmail(models.Model):
    """A letter sent by e-mail (the PDF attached), in the background (``leerrecht.mail_brief``).

    The address is kept with the letter, as the school's record of where it went; the letter
    itself is the stored :class:`VerzondenBrief`, unchanged.
    """

    brief = models.ForeignKey(
        VerzondenBrief, on_delete=models.CASCADE, related_name="emails", verbose_name=_("brief")
    )
    aan = models.EmailField(_("e-mailadres"))
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.WACHT
    )
    fout = models.CharField(_("fout"), max_length=500, blank=True)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("brief per e-mail")
        verbose_name_plural = _("brieven per e-mail")
        ordering = ["-gevraagd_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.brief} -> {self.aan} ({self.status})"
