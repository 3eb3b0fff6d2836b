"""Registrations of absence and late arrival. A pupil without a registration was present.

A correction never overwrites silently: every change keeps the previous value, who changed it,
when and why (:class:`RegistratieWijziging`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from leerrecht.core.absence import Kind, Reason
from leerrecht.web.scholen.models import Leerling


class Moment(models.TextChoices):
    DAG = "dag", _("hele dag")
    OCHTEND = "ochtend", _("ochtend")
    MIDDAG = "middag", _("middag")
    LES1 = "1", _("1e lesuur")
    LES2 = "2", _("2e lesuur")
    LES3 = "3", _("3e lesuur")
    LES4 = "4", _("4e lesuur")
    LES5 = "5", _("5e lesuur")
    LES6 = "6", _("6e lesuur")
    LES7 = "7", _("7e lesuur")
    LES8 = "8", _("8e lesuur")


SOORT_CHOICES = [(Kind.ABSENT.value, _("afwezig")), (Kind.LATE.value, _("te laat"))]
#: the core's descriptions (Dutch), marked for translation for the screens
REDEN_LABELS = {
    Reason.ZIEK: _("ziek, gemeld volgens de afspraken (geoorloofd)"),
    Reason.ZIEK_NIET_GEMELD: _("ziek maar niet volgens de afspraken gemeld (ongeoorloofd)"),
    Reason.ARTS: _("bezoek arts of specialist, gemeld volgens de afspraken (geoorloofd)"),
    Reason.VERLOF: _("toegekend verlof (geoorloofd)"),
    Reason.SCHORSING: _("geschorst: telt niet als verzuim"),
    Reason.VRIJSTELLING: _("vrijstelling van geregeld schoolbezoek (geoorloofd)"),
    Reason.ONGEOORLOOFD: _("afwezig zonder geldige reden (ongeoorloofd)"),
    Reason.LUXE: _("luxe verzuim: buiten de schoolvakanties zonder toestemming (ongeoorloofd)"),
    Reason.OVERIG_GEOORLOOFD: _("andere geldige reden (geoorloofd)"),
}
REDEN_CHOICES = [(r.value, REDEN_LABELS[r]) for r in Reason]


#: Sent after ``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` of registrations,
#: which send no ``post_save``, with ``leerling_ids``: the pupils whose registrations changed.
#: (Stored evaluations listen to it: :mod:`leerrecht.web.evaluaties.signalen`.)
registraties_gewijzigd = Signal()


class RegistratieQuerySet(models.QuerySet["Registratie"]):
    """Bulk writes of registrations report the pupils they touched (:data:`registraties_gewijzigd`),
    in the same transaction as the write."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            ids = set(self.values_list("leerling_id", flat=True))
            verhuisd = "leerling" in kwargs or "leerling_id" in kwargs
            pks = list(self.values_list("pk", flat=True)) if verhuisd else []
            count = super().update(**kwargs)
            if verhuisd:  # also the pupils they now belong to
                ids |= set(
                    Registratie.objects.filter(pk__in=pks).values_list("leerling_id", flat=True)
                )
            if count:
                registraties_gewijzigd.send(sender=Registratie, leerling_ids=ids)
        return count

    def bulk_create(
        self, objs: Iterable[Registratie], *args: Any, **kwargs: Any
    ) -> list[Registratie]:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                ids = {r.leerling_id for r in created}
                registraties_gewijzigd.send(sender=Registratie, leerling_ids=ids)
        return created

    def bulk_update(
        self, objs: Iterable[Registratie], fields: Any, *args: Any, **kwargs: Any
    ) -> int:
        objs = list(objs)
        with transaction.atomic(using=self.db):
            ids = {r.leerling_id for r in objs}
            if "leerling" in fields or "leerling_id" in fields:  # also the pupils they leave
                ids |= set(
                    Registratie.objects.filter(pk__in=[r.pk for r in objs]).values_list(
                        "leerling_id", flat=True
                    )
                )
            count = super().bulk_update(objs, fields, *args, **kwargs)
            if count:
                registraties_gewijzigd.send(sender=Registratie, leerling_ids=ids)
        return count


class Registratie(models.Model):
    objects = RegistratieQuerySet.as_manager()

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="registraties")
    datum = models.DateField(_("datum"))
    moment = models.CharField(
        _("moment"), max_length=10, choices=Moment.choices, default=Moment.DAG
    )
    soort = models.CharField(_("soort"), max_length=10, choices=SOORT_CHOICES)
    reden = models.CharField(_("reden"), max_length=20, choices=REDEN_CHOICES)
    uren = models.DecimalField(
        _("gemiste uren"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("leeg: de hele lesdag (afwezig)"),
    )
    notitie = models.CharField(_("notitie"), max_length=500, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        ordering = ["datum", "moment"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "datum", "moment"], name="een_registratie_per_moment"
            ),
        ]
        indexes = [models.Index(fields=["datum"]), models.Index(fields=["leerling", "datum"])]

    def __str__(self) -> str:
        return f"{self.leerling} {self.datum} {self.moment}: {self.soort} ({self.reden})"


class RegistratieWijziging(models.Model):
    """The history of a registration: the previous value and who changed it."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="wijzigingen")
    datum = models.DateField()
    moment = models.CharField(max_length=10)
    oude_waarde = models.CharField(_("oude waarde"), max_length=200)
    nieuwe_waarde = models.CharField(_("nieuwe waarde"), max_length=200)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now_add=True)
    ouders_geinformeerd_op = models.DateField(
        _("ouders geïnformeerd op"),
        null=True,
        blank=True,
        help_text=_(
            "bij ziekteverzuim dat ongeoorloofd werd: de dag waarop de ouders dat te horen kregen"
        ),
    )

    class Meta:
        verbose_name = _("wijziging van een registratie")
        verbose_name_plural = _("wijzigingen van registraties")
        ordering = ["-gewijzigd_op"]


class ActieAfgehandeld(models.Model):
    """A protocol step's actions marked done on the worklist, with a note (who, when, what)."""

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="afgehandelde_acties"
    )
    protocol = models.CharField(max_length=80)
    stap = models.CharField(max_length=80)
    bereikt_op = models.DateField(_("stap bereikt op"))
    notitie = models.CharField(_("notitie"), max_length=1000)
    gedaan_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gedaan_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afgehandelde actie")
        verbose_name_plural = _("afgehandelde acties")
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "protocol", "stap", "bereikt_op"],
                name="actie_een_keer_afgehandeld",
            ),
        ]
