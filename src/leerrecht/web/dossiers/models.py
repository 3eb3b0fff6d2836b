"""Cases (dossiers) of the leerplicht office, following the Methodische Aanpak Schoolverzuim (MAS).

Sources (cite by file and section):

- seed 003 (Regionaal protocol IJssel-Vecht) §4 "Landelijke methodische aanpak schoolverzuim
  (MAS)": the four routes after a melding of ongeoorloofde afwezigheid - (lichte) voorliggende
  ondersteuning / (vrijwillige) jeugdhulp, HALT-straf, dwang in civielrechtelijk kader, dwang in
  strafrechtelijk kader; §7 "Rol leerplichtambtenaar": 'Pas toe of leg uit'.
- seed 000 (BLD Parkstad) §1.2.2 "Wie doet wat?" (verzuimgesprek, waarschuwing, Halt of
  proces-verbaal, terugkoppeling aan school), §3 "Knooppunten", bijlage 3 (verzuimkaart) and
  bijlage 5 (MAS).
- seed 002 (Holland Rijnland) §2 (the leerplichtambtenaar reports back to the melder "in alle
  gevallen") and §3a (breed overleg after 8 weeks of thuiszitten).

Which status may follow which is decided in :mod:`leerrecht.web.dossiers.statussen`; which
action or route deviates from the MAS in :mod:`leerrecht.web.dossiers.mas`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from leerrecht.web.leerplicht.models import Bureau, InboxMelding, Jeugdige


class Status(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("aangemaakt")
    ONDERZOEK = "onderzoek", _("onderzoek (verzuimgesprek)")
    ROUTE_BEPAALD = "route_bepaald", _("route bepaald")
    IN_UITVOERING = "in_uitvoering", _("in uitvoering")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Route(models.TextChoices):
    """The four routes of the MAS (seed 003 §4)."""

    VOORLIGGEND = (
        "voorliggend",
        _("(lichte) voorliggende ondersteuning / (vrijwillige) jeugdhulp (zorgroute)"),
    )
    HALT = "halt", _("Halt-straf")
    CIVIEL = "civiel", _("dwang in civielrechtelijk kader (Raad voor de Kinderbescherming)")
    STRAF = "straf", _("dwang in strafrechtelijk kader (proces-verbaal)")


class ActieSoort(models.TextChoices):
    VERZUIMGESPREK = "verzuimgesprek", _("verzuimgesprek")
    WAARSCHUWING = "waarschuwing", _("schriftelijke waarschuwing")
    HALT_VERWIJZING = "halt_verwijzing", _("Halt-verwijzing")
    PROCES_VERBAAL = "proces_verbaal", _("proces-verbaal")
    RAAD = "raad", _("verzoek tot onderzoek aan de Raad voor de Kinderbescherming")
    KNOOPPUNT = "knooppunt", _("knooppuntoverleg")
    BREED_OVERLEG = "breed_overleg", _("breed overleg thuiszitters")
    ZORGMELDING = "zorgmelding", _("zorgmelding of doorverwijzing naar hulpverlening")
    TERUGKOPPELING = "terugkoppeling", _("terugkoppeling aan de school")


class WijzigingSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("dossier geopend")
    STATUS = "status", _("status")
    ROUTE = "route", _("route")
    ACTIE = "actie", _("actie gepland")
    ACTIE_GEDAAN = "actie_gedaan", _("actie gedaan")
    MELDING = "melding", _("melding gekoppeld")
    BEHANDELAAR = "behandelaar", _("behandelaar")


class Dossier(models.Model):
    """One case of the office about one jeugdige; at most one open case per jeugdige."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="dossiers")
    jeugdige = models.ForeignKey(
        Jeugdige, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("jeugdige")
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("behandelaar"),
    )
    meldingen = models.ManyToManyField(
        InboxMelding, blank=True, related_name="dossiers", verbose_name=_("meldingen")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGEMAAKT
    )
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    geopend_op = models.DateField(_("geopend op"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-geopend_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jeugdige"],
                condition=~models.Q(status="afgesloten"),
                name="dossier_een_open_per_jeugdige",
            ),
        ]
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self) -> str:
        return f"{self.jeugdige} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != Status.AFGESLOTEN


class Wijziging(models.Model):
    """The history of a dossier: opened, status and route changes, actions planned and done,
    with who, when, why, and - when it deviated from the MAS - the rule and the motivation
    ('pas toe of leg uit', seed 003 §7).

    Append only: a saved row is never changed or deleted.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="geschiedenis")
    soort = models.CharField(_("soort"), max_length=20, choices=WijzigingSoort.choices)
    van = models.CharField(_("van"), max_length=150, blank=True)
    naar = models.CharField(_("naar"), max_length=150, blank=True)
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
    toelichting = models.TextField(_("toelichting"), blank=True)
    afwijking = models.TextField(
        _("afwijking van de MAS"),
        blank=True,
        help_text=_("waarvan werd afgeweken, zoals het op dat moment werd getoond"),
    )
    motivering = models.TextField(_("motivering (pas toe of leg uit)"), blank=True)

    class Meta:
        verbose_name = _("wijziging van een dossier")
        verbose_name_plural = _("geschiedenis van dossiers")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.soort} {self.van or '-'} -> {self.naar or '-'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een dossier wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een dossier wordt nooit verwijderd.")

    def _label(self, value: str) -> str:
        if not value:
            return ""
        soort = WijzigingSoort(self.soort)
        keuzes: type[models.TextChoices]
        if soort in (WijzigingSoort.STATUS, WijzigingSoort.AANGEMAAKT):
            keuzes = Status
        elif soort == WijzigingSoort.ROUTE:
            keuzes = Route
        elif soort in (WijzigingSoort.ACTIE, WijzigingSoort.ACTIE_GEDAAN):
            keuzes = ActieSoort
        else:
            return value
        try:
            return str(keuzes(value).label)
        except ValueError:
            return value

    @property
    def van_label(self) -> str:
        return self._label(self.van)

    @property
    def naar_label(self) -> str:
        return self._label(self.naar)


class Actie(models.Model):
    """An action of the leerplichtambtenaar in a dossier: planned (with a deadline where the
    seeds or the office set one) and later done with its outcome."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="acties")
    soort = models.CharField(_("soort actie"), max_length=20, choices=ActieSoort.choices)
    gepland_op = models.DateField(_("gepland op"), null=True, blank=True)
    uiterlijk = models.DateField(_("uiterlijk (termijn)"), null=True, blank=True)
    termijn_bron = models.CharField(
        _("bron van de termijn"),
        max_length=300,
        blank=True,
        help_text=_("waar de termijn vandaan komt: een seed of de instelling van het bureau"),
    )
    gedaan_op = models.DateField(_("gedaan op"), null=True, blank=True)
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    motivering = models.TextField(_("motivering (pas toe of leg uit)"), blank=True)
    afwijking = models.TextField(_("afwijking van de MAS"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["gedaan_op", "uiterlijk", "gepland_op", "pk"]
        indexes = [models.Index(fields=["uiterlijk", "gedaan_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.dossier.jeugdige})"

    @property
    def is_gedaan(self) -> bool:
        return self.gedaan_op is not None

    def te_laat(self, vandaag: dt.date) -> bool:
        """Not done and its deadline has passed."""
        return self.gedaan_op is None and self.uiterlijk is not None and self.uiterlijk < vandaag


class Notitie(models.Model):
    """A working note in a dossier. Never medical details or a diagnosis (see the help text)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="notities")
    tekst = models.TextField(_("notitie"), max_length=4000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.tekst[:40]}"


@deconstructible
class DocumentOpslag(FileSystemStorage):
    """Documents of dossiers: under ``DATA_DIR``, never under a public media URL; they are only
    served by :func:`leerrecht.web.dossiers.views.document` after the access check.

    The location is read from the settings on every use, so tests can point ``DATA_DIR``
    elsewhere.
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR, "dossier-documenten").absolute())

    @property
    def location(self) -> str:
        return self.base_location

    @property
    def base_url(self) -> str:
        return ""


def document_pad(instance: Document, filename: str) -> str:
    """A random file name on disk; the original name is kept in the database only."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class Document(models.Model):
    """A document uploaded to a dossier (pdf, docx, odt, jpg, png; at most 10 MB)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documenten")
    bestand = models.FileField(_("bestand"), storage=DocumentOpslag(), upload_to=document_pad)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.naam}"


#: documented defaults of the office settings (docs/leerplichtbureau.md, "Dossiers (MAS)")
STANDAARD_TERMIJN_VERZUIMGESPREK = 10
STANDAARD_TERMIJN_TERUGKOPPELING = 5


class DossierInstelling(models.Model):
    """Deadlines the seeds leave to the office: the seeds say the leerplichtambtenaar invites
    parents and pupil for a verzuimgesprek after a melding (seed 000 §1.2.2, seed 003 §7) and
    always reports back to the melder (seed 002 §2), but give no number of days."""

    bureau = models.OneToOneField(
        Bureau, on_delete=models.CASCADE, related_name="dossierinstelling"
    )
    termijn_verzuimgesprek = models.PositiveSmallIntegerField(
        _("verzuimgesprek binnen (werkdagen na ontvangst van de melding)"),
        default=STANDAARD_TERMIJN_VERZUIMGESPREK,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("De seeds noemen geen termijn; standaard 10 werkdagen."),
    )
    termijn_terugkoppeling = models.PositiveSmallIntegerField(
        _("terugkoppeling aan de school binnen (werkdagen na het verzuimgesprek)"),
        default=STANDAARD_TERMIJN_TERUGKOPPELING,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("De seeds noemen geen termijn; standaard 5 werkdagen."),
    )

    class Meta:
        verbose_name = _("termijnen voor dossiers")
        verbose_name_plural = _("termijnen voor dossiers")

    def __str__(self) -> str:
        return f"{self.bureau}: {self.termijn_verzuimgesprek}/{self.termijn_terugkoppeling}"
