"""What the school beheerder adds to the shipped data: the school's own closed days and vacations,
and the history of the school's choice of regional protocol.

- :class:`SchoolVrijeDag` is a day the school is closed although it is no vacation (studiedag,
  margedag). The engine treats it like a public holiday: no school day, no lesson hours.
- :class:`SchoolVakantie` replaces the shipped OCW vacation with the same name in the same
  school year (the school year of its first day), or adds a vacation when OCW has none by that
  name. Names are stored in lower case, as OCW writes them (``herfstvakantie``).
- :class:`ProtocolWijziging` records who changed the school's protocol, when, from what to what.

:func:`leerrecht.web.evaluatie.calendar_for` builds the school calendar with these.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.core.calendar import school_year_start
from leerrecht.web.scholen.models import School


def normaliseer_naam(naam: str) -> str:
    """Vacation names are compared without case and outer spaces (``Herfstvakantie ``)."""
    return " ".join(naam.split()).lower()


class SchoolVrijeDag(models.Model):
    """A day the school is closed outside the vacations: studiedag, margedag."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vrije_dagen")
    datum = models.DateField(_("datum"))
    omschrijving = models.CharField(
        _("omschrijving"),
        max_length=100,
        help_text=_("bijvoorbeeld studiedag of margedag"),
    )

    class Meta:
        verbose_name = _("vrije dag van de school")
        verbose_name_plural = _("vrije dagen van de school")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(fields=["school", "datum"], name="vrije_dag_uniek_per_school"),
        ]

    def __str__(self) -> str:
        return f"{self.datum}: {self.omschrijving}"


class SchoolVakantie(models.Model):
    """The school's own dates for a vacation in one school year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="eigen_vakanties")
    naam = models.CharField(
        _("naam"),
        max_length=60,
        help_text=_(
            "dezelfde naam als een OCW-vakantie (bijvoorbeeld herfstvakantie) vervangt die in "
            "dit schooljaar; een andere naam voegt een vakantie toe"
        ),
    )
    eerste_dag = models.DateField(_("eerste dag"))
    laatste_dag = models.DateField(_("laatste dag"))
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"),
        editable=False,
        help_text=_("het beginjaar van het schooljaar van de eerste dag (2025 voor 2025-2026)"),
    )

    class Meta:
        verbose_name = _("vakantie van de school")
        verbose_name_plural = _("vakanties van de school")
        ordering = ["eerste_dag"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "schooljaar", "naam"], name="vakantie_uniek_per_schooljaar"
            ),
            models.CheckConstraint(
                condition=models.Q(laatste_dag__gte=models.F("eerste_dag")),
                name="vakantie_einde_na_begin",
                violation_error_message=_("De laatste dag ligt voor de eerste dag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} {self.eerste_dag} - {self.laatste_dag}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.naam = normaliseer_naam(self.naam)
        self.schooljaar = school_year_start(self.eerste_dag).year
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def schooljaar_label(self) -> str:
        return f"{self.schooljaar}-{self.schooljaar + 1}"


class ProtocolWijziging(models.Model):
    """One change of the school's regional protocol (verzuimkaart)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="protocolwijzigingen")
    oud = models.CharField(_("oud protocol"), max_length=80, blank=True)
    nieuw = models.CharField(_("nieuw protocol"), max_length=80, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    op = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging van het verzuimprotocol")
        verbose_name_plural = _("wijzigingen van het verzuimprotocol")
        ordering = ["-op", "-pk"]

    def __str__(self) -> str:
        return f"{self.school}: {self.oud or '-'} -> {self.nieuw or '-'}"
