"""Schorsing and verwijdering of a pupil: the directeur's decisions and what must follow them.

- A :class:`Schorsing` covers at most 5 school days. On those days the pupil has a registration
  with reason ``schorsing`` (so the rules treat the pupil as geschorst, not absent); what it
  replaced is kept per day in :class:`SchorsingDag` (to put back when the schorsing is
  withdrawn) and in the registrations' correction history.
- A schorsing of more than 1 day needs a copy of the decision to the inspectie and the
  leerplichtambtenaar, in PO and SO also to the samenwerkingsverband: one
  :class:`Kennisgeving` per recipient, with when it was sent and by whom.
- A :class:`Verwijdering` is a procedure of steps in a fixed order
  (:mod:`leerrecht.web.leerlingzaken.stappen`), each recorded once as a
  :class:`VerwijderingStap` with a date and a short note.

Privacy (AVG): the reason of a schorsing is short and never medical.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.web.scholen.models import Leerling

REDEN_MAX = 200
NOTITIE_MAX = 500


class Ontvanger(models.TextChoices):
    INSPECTIE = "inspectie", _("onderwijsinspectie")
    LEERPLICHT = "leerplicht", _("leerplichtambtenaar")
    SWV = "swv", _("samenwerkingsverband")


#: the recipient with its article, for sentences ("nog te melden aan het samenwerkingsverband")
MET_LIDWOORD = {
    Ontvanger.INSPECTIE: _("de onderwijsinspectie"),
    Ontvanger.LEERPLICHT: _("de leerplichtambtenaar"),
    Ontvanger.SWV: _("het samenwerkingsverband"),
}


class Schorsing(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="schorsingen")
    eerste_dag = models.DateField(_("eerste dag"))
    laatste_dag = models.DateField(_("laatste dag"))
    reden = models.CharField(
        _("reden"),
        max_length=REDEN_MAX,
        help_text=_("kort; geen medische gegevens"),
    )
    besluit_op = models.DateField(_("datum van het besluit"))
    ouders_geinformeerd_op = models.DateField(_("ouders schriftelijk geïnformeerd op"))
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    intrekking_reden = models.CharField(_("reden van intrekken"), max_length=REDEN_MAX, blank=True)

    class Meta:
        verbose_name = _("schorsing")
        verbose_name_plural = _("schorsingen")
        ordering = ["-eerste_dag", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(laatste_dag__gte=models.F("eerste_dag")),
                name="schorsing_einde_na_begin",
                violation_error_message=_("De laatste dag ligt voor de eerste dag."),
            ),
        ]
        indexes = [models.Index(fields=["leerling", "eerste_dag"])]

    def __str__(self) -> str:
        return f"{self.leerling}: {self.eerste_dag} t/m {self.laatste_dag}"

    @property
    def ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None


class SchorsingDag(models.Model):
    """A school day of a schorsing, with the registrations it replaced (to put them back when
    the schorsing is withdrawn): a list of ``{moment, soort, reden, uren, notitie, door}``."""

    schorsing = models.ForeignKey(Schorsing, on_delete=models.CASCADE, related_name="dagen")
    datum = models.DateField(_("datum"))
    vervangen = models.JSONField(_("vervangen registraties"), default=list, blank=True)

    class Meta:
        verbose_name = _("schooldag van een schorsing")
        verbose_name_plural = _("schooldagen van schorsingen")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(fields=["schorsing", "datum"], name="schorsingdag_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.schorsing.leerling} {self.datum}"


class Kennisgeving(models.Model):
    """A copy of the schorsing decision that must go to one recipient."""

    schorsing = models.ForeignKey(
        Schorsing, on_delete=models.CASCADE, related_name="kennisgevingen"
    )
    ontvanger = models.CharField(_("ontvanger"), max_length=12, choices=Ontvanger.choices)
    verstuurd_op = models.DateField(_("verstuurd op"), null=True, blank=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("kopie van een schorsingsbesluit")
        verbose_name_plural = _("kopieën van schorsingsbesluiten")
        ordering = ["schorsing", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schorsing", "ontvanger"], name="kennisgeving_per_ontvanger"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.schorsing}: {self.get_ontvanger_display()}"

    @property
    def verstuurd(self) -> bool:
        return self.verstuurd_op is not None

    @property
    def aan(self) -> str:
        """The recipient with its article: 'de onderwijsinspectie', 'het samenwerkingsverband'."""
        return str(MET_LIDWOORD[Ontvanger(self.ontvanger)])


class Stap(models.TextChoices):
    """The steps of a verwijdering, in order; ``AFGEZIEN`` ends the procedure without removal."""

    VOORNEMEN = "voornemen", _("voornemen tot verwijdering")
    OUDERS_GEHOORD = "ouders_gehoord", _("ouders gehoord")
    LEERLING_GEHOORD = "leerling_gehoord", _("leerling gehoord")
    LEERKRACHT_GEHOORD = "leerkracht_gehoord", _("groepsleerkracht of mentor gehoord")
    INSPECTIE = "inspectie", _("overleg met de onderwijsinspectie")
    LEERPLICHT = "leerplicht", _("leerplichtambtenaar geconsulteerd")
    BESLUIT = "besluit", _("besluit tot verwijdering")
    DEFINITIEF = "definitief", _("definitief verwijderd")
    AFGEZIEN = "afgezien", _("afgezien van verwijdering")


class Cluster(models.IntegerChoices):
    """Clusters of speciaal onderwijs."""

    EEN = 1, _("cluster 1 (visueel beperkt)")
    TWEE = 2, _("cluster 2 (auditief of communicatief beperkt)")
    DRIE = 3, _("cluster 3 (lichamelijk of verstandelijk beperkt, langdurig ziek)")
    VIER = 4, _("cluster 4 (psychiatrische of gedragsproblemen)")


class Verwijdering(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="verwijderingen")
    status = models.CharField(
        _("laatste stap"), max_length=20, choices=Stap.choices, default=Stap.VOORNEMEN
    )
    cluster = models.PositiveSmallIntegerField(
        _("cluster"),
        choices=Cluster.choices,
        null=True,
        blank=True,
        help_text=_("alleen in het speciaal onderwijs"),
    )
    zoeken_vanaf = models.DateField(_("zoeken naar een andere school sinds"), null=True, blank=True)
    nieuwe_school = models.CharField(_("nieuwe school"), max_length=200, blank=True)
    nieuwe_inschrijving_vanaf = models.DateField(
        _("ingeschreven op de nieuwe school vanaf"), null=True, blank=True
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    aangemaakt_op = models.DateTimeField(_("gestart op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verwijderingsprocedure")
        verbose_name_plural = _("verwijderingsprocedures")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling"],
                condition=~models.Q(status__in=["definitief", "afgezien"]),
                name="een_lopende_verwijdering_per_leerling",
                violation_error_message=_(
                    "Voor deze leerling loopt al een verwijderingsprocedure."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling}: {self.get_status_display()}"

    @property
    def afgerond(self) -> bool:
        return self.status in (Stap.DEFINITIEF, Stap.AFGEZIEN)


class VerwijderingStap(models.Model):
    verwijdering = models.ForeignKey(Verwijdering, on_delete=models.CASCADE, related_name="stappen")
    stap = models.CharField(_("stap"), max_length=20, choices=Stap.choices)
    datum = models.DateField(_("datum"))
    notitie = models.CharField(_("notitie"), max_length=NOTITIE_MAX)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("stap van een verwijderingsprocedure")
        verbose_name_plural = _("stappen van verwijderingsprocedures")
        ordering = ["datum", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["verwijdering", "stap"], name="stap_een_keer"),
        ]

    def __str__(self) -> str:
        return f"{self.verwijdering.leerling}: {self.get_stap_display()} ({self.datum})"
