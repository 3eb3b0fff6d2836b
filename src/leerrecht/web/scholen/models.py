"""Tenancy and pupils: school boards with schools and locations, groups, pupils, staff roles.

Every query for pupil data goes through :mod:`leerrecht.web.scholen.scope`, so a user only ever
sees the schools and pupils their roles give them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bestuur(models.Model):
    """A school board (bevoegd gezag): the tenant."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("schoolbestuur")
        verbose_name_plural = _("schoolbesturen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Sector(models.TextChoices):
    PO = "po", _("primair onderwijs")
    SO = "so", _("speciaal onderwijs")
    VO = "vo", _("voortgezet onderwijs")
    MBO = "mbo", _("mbo")


class Regio(models.TextChoices):
    NOORD = "noord", _("noord")
    MIDDEN = "midden", _("midden")
    ZUID = "zuid", _("zuid")


class School(models.Model):
    bestuur = models.ForeignKey(Bestuur, on_delete=models.PROTECT, related_name="scholen")
    naam = models.CharField(_("naam"), max_length=200)
    brin = models.CharField(_("BRIN"), max_length=6, blank=True)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    regio = models.CharField(_("vakantieregio"), max_length=6, choices=Regio.choices)
    protocol = models.CharField(
        _("verzuimprotocol"),
        max_length=80,
        blank=True,
        help_text=_("id van de regionale verzuimkaart"),
    )
    uren_ma = models.DecimalField(
        _("lesuren maandag"), max_digits=4, decimal_places=2, default=Decimal("5.5")
    )
    uren_di = models.DecimalField(
        _("lesuren dinsdag"), max_digits=4, decimal_places=2, default=Decimal("5.5")
    )
    uren_wo = models.DecimalField(
        _("lesuren woensdag"), max_digits=4, decimal_places=2, default=Decimal("3.75")
    )
    uren_do = models.DecimalField(
        _("lesuren donderdag"), max_digits=4, decimal_places=2, default=Decimal("5.5")
    )
    uren_vr = models.DecimalField(
        _("lesuren vrijdag"), max_digits=4, decimal_places=2, default=Decimal("5.5")
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["bestuur", "naam"], name="school_naam_per_bestuur"),
        ]

    def __str__(self) -> str:
        return self.naam

    def lesuren(self) -> dict[int, float]:
        return {
            0: float(self.uren_ma),
            1: float(self.uren_di),
            2: float(self.uren_wo),
            3: float(self.uren_do),
            4: float(self.uren_vr),
        }


class Locatie(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="locaties")
    naam = models.CharField(_("naam"), max_length=200)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.school} - {self.naam}"


class Groep(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groepen")
    locatie = models.ForeignKey(
        Locatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="groepen"
    )
    naam = models.CharField(_("naam"), max_length=50)

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["school", "naam"], name="groep_naam_per_school")
        ]

    def __str__(self) -> str:
        return self.naam


class Uitschrijfreden(models.TextChoices):
    NIEUWE_SCHOOL = "nieuwe_school", _("inschrijving op een andere school")
    EMIGRATIE = "emigratie", _("vertrek naar het buitenland")
    VRIJSTELLING = "vrijstelling", _("vrijstelling")
    VERWIJDERD_SO = "verwijderd_so", _("verwijderd uit SO cluster 1/2 na 8 weken zoeken")


class Leerling(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="leerlingen")
    groep = models.ForeignKey(
        Groep, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerlingen"
    )
    leerlingnummer = models.CharField(_("leerlingnummer"), max_length=40)
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    geboortedatum = models.DateField(_("geboortedatum"))
    ingeschreven_vanaf = models.DateField(_("ingeschreven vanaf"))
    ingeschreven_tot = models.DateField(_("ingeschreven tot en met"), null=True, blank=True)
    woongemeente = models.CharField(_("woongemeente"), max_length=100, blank=True)
    startkwalificatie = models.BooleanField(_("startkwalificatie"), default=False)
    uitschrijfreden = models.CharField(
        _("reden uitschrijving"), max_length=20, choices=Uitschrijfreden.choices, blank=True
    )
    nieuwe_inschrijving_vanaf = models.DateField(
        _("nieuwe inschrijving vanaf"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "leerlingnummer"], name="leerlingnummer_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def clean(self) -> None:
        if self.geboortedatum and self.geboortedatum > dt.date.today():
            raise ValidationError({"geboortedatum": _("De geboortedatum ligt in de toekomst.")})
        if self.ingeschreven_tot and self.ingeschreven_tot < self.ingeschreven_vanaf:
            raise ValidationError(
                {"ingeschreven_tot": _("De uitschrijfdatum ligt voor de inschrijfdatum.")}
            )

    def ingeschreven_op(self, day: dt.date) -> bool:
        return self.ingeschreven_vanaf <= day and (
            self.ingeschreven_tot is None or day <= self.ingeschreven_tot
        )


class RolSoort(models.TextChoices):
    DOCENT = "docent", _("docent")
    MENTOR = "mentor", _("mentor")
    COORDINATOR = "coordinator", _("verzuimcoördinator")
    TEAMLEIDER = "teamleider", _("teamleider")
    ADMINISTRATIE = "administratie", _("administratie")
    DIRECTEUR = "directeur", _("directeur")
    BEHEERDER = "beheerder", _("schoolbeheerder")
    #: the school's privacy officer (functionaris gegevensbescherming or privacy contact): reads
    #: the audit log of the school's pupil data, never the pupil data itself (issue 7)
    PRIVACY = "privacy", _("privacyfunctionaris")


#: roles that see every pupil of their school; docent and mentor see their own groups only
SCHOOLBREDE_ROLLEN = frozenset(
    {
        RolSoort.COORDINATOR,
        RolSoort.TEAMLEIDER,
        RolSoort.ADMINISTRATIE,
        RolSoort.DIRECTEUR,
        RolSoort.BEHEERDER,
    }
)


class Rol(models.Model):
    """What a staff member may do at one school."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rollen"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="rollen")
    soort = models.CharField(_("rol"), max_length=20, choices=RolSoort.choices)
    groepen = models.ManyToManyField(Groep, blank=True, related_name="rollen")

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "school", "soort"], name="rol_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} - {self.get_soort_display()} ({self.school})"
