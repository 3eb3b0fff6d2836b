"""The office side: municipalities (CBS), leerplicht offices and the municipalities they serve,
the inbox of meldingen,
the office's staff roles, the contact person per school, and the jeugdige (the office's record of
one young person, linked to the pupil records at the schools on the platform).

Routing rule (seed 000 bijlage 2 "Welke leerling waar melden?"): the woonplaats of the pupil (BRP)
decides where a melding goes; see :mod:`leerrecht.web.leerplicht.routering`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerrecht.web.scholen.models import Leerling, School


class Gemeente(models.Model):
    """A Dutch municipality as CBS lists it (code 'GM0917', name 'Heerlen')."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    provincie = models.CharField(_("provincie"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Bureau(models.Model):
    """A leerplicht office (afdeling leerplicht, RBL, bureau leerplicht) of one or more
    municipalities."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    adres = models.CharField(_("postadres"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("leerplichtbureau")
        verbose_name_plural = _("leerplichtbureaus")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Werkgebied(models.Model):
    """A municipality served by an office: each municipality by at most one office."""

    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="werkgebied")
    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.PROTECT, related_name="werkgebied", verbose_name=_("gemeente")
    )

    class Meta:
        verbose_name = _("gemeente in het werkgebied")
        verbose_name_plural = _("werkgebied")
        ordering = ["gemeente__naam"]

    def __str__(self) -> str:
        return f"{self.gemeente} - {self.bureau}"


class BureauRolSoort(models.TextChoices):
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("leerplichtambtenaar (consulent leerrecht)")
    ADMINISTRATIE = "administratie", _("administratie leerplicht")


class BureauRol(models.Model):
    """What a staff member of an office may do there."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bureaurollen"
    )
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="rollen")
    soort = models.CharField(_("rol"), max_length=20, choices=BureauRolSoort.choices)

    class Meta:
        verbose_name = _("rol bij een leerplichtbureau")
        verbose_name_plural = _("rollen bij leerplichtbureaus")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "bureau", "soort"], name="bureaurol_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} - {self.get_soort_display()} ({self.bureau})"


class Contactpersoon(models.Model):
    """Which consulent leerrecht of an office handles which school (seed 000 bijlage 1)."""

    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="contactpersonen")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="contactpersonen")
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("consulent leerrecht"),
    )

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        constraints = [
            models.UniqueConstraint(fields=["bureau", "school"], name="contactpersoon_per_school"),
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.consulent} ({self.bureau})"


class Jeugdige(models.Model):
    """The office's record of one young person: the pupil records at the schools on the platform
    (``leerlingen``) and the meldingen about them, so the office sees the history across schools.

    Matched on name and date of birth within an office; no BSN is stored (data minimisation)."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="jeugdigen")
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    geboortedatum = models.DateField(_("geboortedatum"))
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("woongemeente"),
    )
    leerlingen = models.ManyToManyField(Leerling, blank=True, related_name="jeugdigen")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("jeugdige")
        verbose_name_plural = _("jeugdigen")
        ordering = ["achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "achternaam", "voornaam", "geboortedatum"],
                name="jeugdige_eenmaal_per_bureau",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"


class Bron(models.TextChoices):
    PLATFORM = "platform", _("school op het platform")
    IMPORT = "import", _("geïmporteerd (DUO-verzuimloket)")


class InboxMelding(models.Model):
    """A verzuimmelding in an office's inbox: from a school on the platform (linked to its
    :class:`~leerrecht.web.meldingen.models.DuoMelding`, whose status the office moves on, so the
    school sees it) or imported from DUO's verzuimloket. The melding's content is kept as
    received (a snapshot), so both sources read alike."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="inbox")
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="meldingen")
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices)
    duo_melding = models.OneToOneField(
        "meldingen.DuoMelding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ontvangst",
        verbose_name=_("melding van de school"),
    )
    meldingsnummer = models.CharField(_("meldingsnummer van DUO"), max_length=50, blank=True)
    school_naam = models.CharField(_("school"), max_length=200)
    brin = models.CharField(_("BRIN"), max_length=6, blank=True)
    soort = models.CharField(_("verzuimsoort"), max_length=10)
    begin = models.DateField(_("begindatum"))
    einde = models.DateField(_("einddatum"), null=True, blank=True)
    uren = models.DecimalField(
        _("uren verzuim"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    vermoedelijke_reden = models.CharField(_("vermoedelijke reden"), max_length=200, blank=True)
    toelichting = models.TextField(_("toelichting van de school"), blank=True)
    ondernomen_acties = models.TextField(_("ondernomen acties van de school"), blank=True)
    contactpersoon = models.CharField(
        _("contactpersoon van de school"),
        max_length=200,
        blank=True,
        help_text=_("naam en e-mail of telefoon, zoals de school ze opgaf"),
    )
    status = models.CharField(_("status"), max_length=20, default="gemeld")
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandelaar"),
    )
    terugkoppeling = models.TextField(
        _("terugkoppeling aan de school"),
        blank=True,
        help_text=_("wat er met de melding gedaan is; de school ziet dit (seed 002)"),
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("melding in de inbox")
        verbose_name_plural = _("inbox")
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "meldingsnummer"],
                condition=~models.Q(meldingsnummer=""),
                name="inbox_meldingsnummer_eenmaal",
            ),
        ]
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self) -> str:
        return f"{self.jeugdige} - {self.soort} vanaf {self.begin} ({self.school_naam})"

    @property
    def status_label(self) -> str:
        """The status as the user reads it (the DUO statuses of the school's melding)."""
        return _label(self.status)

    @property
    def soort_label(self) -> str:
        from leerrecht.web.meldingen.models import Verzuimsoort

        try:
            return str(Verzuimsoort(self.soort).label)
        except ValueError:
            return self.soort


def _label(status: str) -> str:
    from leerrecht.web.meldingen.models import Status

    try:
        return str(Status(status).label)
    except ValueError:
        return status


class InboxStatusWijziging(models.Model):
    """One step in the office's handling of an inbox melding: received, a status change, a
    withdrawal by the school, or a new terugkoppeling. Append only."""

    melding = models.ForeignKey(InboxMelding, on_delete=models.PROTECT, related_name="geschiedenis")
    van = models.CharField(_("van"), max_length=20, blank=True)
    naar = models.CharField(_("naar"), max_length=20)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    notitie = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("statuswijziging in de inbox")
        verbose_name_plural = _("statuswijzigingen in de inbox")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.melding}: {self.van or '-'} -> {self.naar}"

    @property
    def van_label(self) -> str:
        return _label(self.van) if self.van else ""

    @property
    def naar_label(self) -> str:
        return _label(self.naar)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een melding wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een melding wordt nooit verwijderd.")
