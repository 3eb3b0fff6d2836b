"""Vrijstellingen decided by the leerplicht office, and the office's decision on verlof of more
than 10 school days.

Sources: seed 000 §1.1.2 "Vrijstellingen" (vrijstellingen van de inschrijvingsplicht on art. 5
onder a, b and c Lpw; "De consulent leerrecht beoordeelt aanvragen voor verlof vanwege
gewichtige omstandigheden meer dan 10 schooldagen (LPW 1969, art. 11g / 14)"; "U ontvangt een
kopie van de vrijstellingsbrief"); seed 002 §2a "Vrijstellingen" (leerplicht decides on
vrijstelling van de inschrijvingsplicht, wegens het volgen van ander onderwijs, vervangende
leerplicht, verlof > 10 schooldagen, trekkend bestaan); seed 002 §3a "Leerplicht" (a vrijstelling
on art. 5 onder a only after the advice of a physician, never for lack of a suitable place);
seed 003 bijlage 3 "Overzicht vrijstellingen".

Privacy: for art. 5 onder a leerrecht records only *that* the statement of the physician was
received and from whom, never its content.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.web.leerplicht.models import Bureau, Jeugdige
from leerrecht.web.scholen.models import Leerling


class Grond(models.TextChoices):
    """The legal ground of a vrijstelling (Leerplichtwet 1969)."""

    ART_5A = "5a", _("art. 5 onder a: lichamelijk of psychisch niet geschikt voor een school")
    ART_5B = "5b", _("art. 5 onder b: overwegende bedenkingen tegen de richting van het onderwijs")
    ART_5C = "5c", _("art. 5 onder c: ingeschreven op een school buiten Nederland")
    ART_5A_TREKKEND = "5a_trekkend", _("art. 5a: trekkend bestaan van de ouders")
    ART_15 = "15", _("art. 15: het volgen van ander onderwijs")
    ART_3A = "3a", _("art. 3a: vervangende leerplicht")
    ART_3B = "3b", _("art. 3b: vrijstelling van de kwalificatieplicht")


#: grounds for which the office records a statement or proof before granting (never its content)
VERKLARING_NODIG: dict[str, Any] = {
    # art. 7 lid 1 Lpw: the statement of a physician (often the jeugdarts of the GGD)
    Grond.ART_5A: _("de verklaring van een arts (art. 7 Leerplichtwet)"),
    # seed 000 §1.1.2: "wordt toegekend zodra ouders het inschrijfbewijs ... hebben overlegd"
    Grond.ART_5C: _("het bewijs van inschrijving op de school buiten Nederland"),
}

#: vrijstellingen van de inschrijvingsplicht: the school may unenrol the pupil once granted
INSCHRIJVINGSPLICHT = frozenset({Grond.ART_5A, Grond.ART_5B, Grond.ART_5C, Grond.ART_5A_TREKKEND})


class Verzoeker(models.TextChoices):
    OUDERS = "ouders", _("ouder(s) of verzorger(s)")
    JONGERE = "jongere", _("de jongere zelf")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("ontvangen")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


BESLOTEN = (Status.TOEGEKEND, Status.AFGEWEZEN)


class Vrijstelling(models.Model):
    """A request (or, for art. 5, a beroep op vrijstelling) handled by a leerplicht office."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="vrijstellingen")
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="vrijstellingen")
    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vrijstellingen",
        verbose_name=_("leerling"),
        help_text=_("de inschrijving op een school op het platform; die school ziet het besluit"),
    )
    grond = models.CharField(_("grond"), max_length=12, choices=Grond.choices)
    verzoek_door = models.CharField(
        _("aangevraagd door"), max_length=10, choices=Verzoeker.choices, default=Verzoeker.OUDERS
    )
    aangevraagd_op = models.DateField(_("aangevraagd op"))
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"))
    verklaring_ontvangen_op = models.DateField(
        _("verklaring of bewijs ontvangen op"), null=True, blank=True
    )
    verklaring_van = models.CharField(
        _("verklaring of bewijs van"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bij art. 5 onder a: naam en functie van de arts (bijvoorbeeld de jeugdarts van de "
            "GGD); bij art. 5 onder c: de school buiten Nederland. Alleen dat de verklaring er "
            "is en van wie, nooit de inhoud."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN
    )
    motivering = models.TextField(
        _("motivering van het besluit"),
        blank=True,
        help_text=_("Komt in de besluitbrief. Geen medische gegevens."),
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vrijstelling")
        verbose_name_plural = _("vrijstellingen")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="vrijstelling_einde_na_begin",
                violation_error_message=_("De einddatum ligt voor de ingangsdatum."),
            ),
        ]
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self) -> str:
        return f"{self.jeugdige}: {self.get_grond_display()} ({self.get_status_display()})"

    @property
    def besloten(self) -> bool:
        return self.status in BESLOTEN and self.besloten_op is not None

    @property
    def is_beroep(self) -> bool:
        """Art. 5 and 5a: the parents invoke a vrijstelling (kennisgeving, art. 6 Lpw) rather
        than ask for one."""
        return self.grond in INSCHRIJVINGSPLICHT


class VrijstellingWijziging(models.Model):
    """One step in the history of a vrijstelling. Append only: never changed or deleted."""

    vrijstelling = models.ForeignKey(
        Vrijstelling, on_delete=models.PROTECT, related_name="geschiedenis"
    )
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    notitie = models.CharField(_("notitie"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("wijziging van een vrijstelling")
        verbose_name_plural = _("wijzigingen van vrijstellingen")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.vrijstelling}: {self.van or '-'} -> {self.naar}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een vrijstelling wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een vrijstelling wordt nooit verwijderd.")


class VerlofBesluitSoort(models.TextChoices):
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class VerlofBesluit(models.Model):
    """The leerplichtambtenaar's decision on verlof wegens gewichtige omstandigheden of more than
    10 school days (art. 14 lid 3 Lpw), which the directeur forwarded
    (:class:`~leerrecht.web.verlof.models.VerlofAanvraag` with status 'doorgestuurd').

    The request itself keeps the directeur's forwarding (its status, motivation and letter); this
    record adds the office's decision, which the school and the parents see on their verlof
    pages. Once taken, a decision is not changed (bezwaar goes through the municipality).
    """

    aanvraag = models.OneToOneField(
        "verlof.VerlofAanvraag", on_delete=models.PROTECT, related_name="leerplichtbesluit"
    )
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="verlofbesluiten")
    besluit = models.CharField(_("besluit"), max_length=10, choices=VerlofBesluitSoort.choices)
    motivering = models.TextField(_("motivering"))
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateField(_("besloten op"))
    toetsing = models.JSONField(
        _("wettelijke toets bij het besluit"),
        default=dict,
        blank=True,
        help_text=_("de uitkomst van de toets zoals de leerplichtambtenaar die zag"),
    )
    dagen_geregistreerd = models.PositiveSmallIntegerField(
        _("schooldagen als verlof geregistreerd"), default=0
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluit over verlof van meer dan 10 schooldagen")
        verbose_name_plural = _("besluiten over verlof van meer dan 10 schooldagen")
        ordering = ["-besloten_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.aanvraag}: {self.get_besluit_display()} ({self.bureau})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Een besluit over verlof wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    @property
    def toegekend(self) -> bool:
        return self.besluit == VerlofBesluitSoort.TOEGEKEND
