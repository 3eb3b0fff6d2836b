"""The thuiszitter register of a leerplicht office and the samenwerkingsverbanden (SWV).

- Leerplicht "houdt een actuele lijst bij met alle regionale thuiszitters, de reden van
  thuiszitten en de afspraken rond de aanpak" (seed 002 bijlage 1, punt 1):
  :class:`ThuiszitterRegistratie`, one per thuiszitter, with its history
  (:class:`Gebeurtenis`, append only).
- The groups follow seed 003 §7 "Verschillende groepen" (thuiszitters 2a/2b, absoluut verzuimers,
  vrijgestelde leerlingen art. 5 onder a) and seed 002 §3b (risicoleerlingen).
- A :class:`Samenwerkingsverband` (PO or VO) receives a monthly overview of the thuiszitters of
  its schools (seed 002 §3a: "Informeert de samenwerkingsverbanden periodiek (richtlijn: 1x per
  maand) ... een onderscheid gemaakt tussen po en vo"). Its users (:class:`SwvRol`) see only
  that overview: never the register itself, a melding or a dossier.

No medical details are stored anywhere: the reason is a category and the toelichting says so.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerrecht.web.leerplicht.models import Bureau, Gemeente, Jeugdige
from leerrecht.web.scholen.models import Leerling, School


class SwvSector(models.TextChoices):
    PO = "po", _("primair onderwijs (PO)")
    VO = "vo", _("voortgezet onderwijs (VO)")


class Samenwerkingsverband(models.Model):
    """A samenwerkingsverband passend onderwijs: the schools of its boards in one sector."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("bijvoorbeeld PO 31-01 of VO 28-01")
    )
    sector = models.CharField(_("sector"), max_length=2, choices=SwvSector.choices)
    scholen = models.ManyToManyField(
        School, blank=True, related_name="samenwerkingsverbanden", verbose_name=_("scholen")
    )
    gemeenten = models.ManyToManyField(
        Gemeente, blank=True, related_name="samenwerkingsverbanden", verbose_name=_("gemeenten")
    )

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["sector", "naam"]

    def __str__(self) -> str:
        return self.naam


class SwvRol(models.Model):
    """A staff member of a samenwerkingsverband: sees its thuiszitter overviews only."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="swvrollen"
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="rollen",
        verbose_name=_("samenwerkingsverband"),
    )

    class Meta:
        verbose_name = _("rol bij een samenwerkingsverband")
        verbose_name_plural = _("rollen bij samenwerkingsverbanden")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "swv"], name="swvrol_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} - {self.swv}"


class Categorie(models.TextChoices):
    """The forms of thuiszitten (seed 003 §7 "Verschillende groepen"; seed 002 §3a/§3b)."""

    LRV_2A = "lrv_2a", _("langdurig relatief verzuim, 4 weken tot 3 maanden (2a)")
    LRV_2B = "lrv_2b", _("langdurig relatief verzuim, langer dan 3 maanden (2b)")
    ABSOLUUT = "absoluut", _("absoluut verzuim")
    VRIJGESTELD = "vrijgesteld", _("vrijgesteld (art. 5 onder a Leerplichtwet)")
    RISICO = "risicoleerling", _("risicoleerling")


#: the categories of langdurig relatief verzuim, whose group follows from the duration
LRV = frozenset({Categorie.LRV_2A, Categorie.LRV_2B})


class Reden(models.TextChoices):
    """Why the pupil is at home, as categories (seed 002 §2b "Langdurig relatief verzuim": the
    options of the LRV melding; §2b "Absoluut verzuim"; §3b risicoleerlingen; §3c; seed 000 §3
    "thuiszitters die wachten op een plaatsing passend onderwijs")."""

    ONBEKEND = "onbekend", _("nog niet bekend")
    LEERLING_WIL_NIET = "leerling_wil_niet", _("leerling wil niet naar school")
    OUDERS_STUREN_NIET = "ouders_sturen_niet", _("ouders sturen hun kind niet naar school")
    GEEN_OVEREENSTEMMING = (
        "geen_overeenstemming",
        _("geen overeenstemming ouders/school over een passende onderwijsplek"),
    )
    WACHT_OP_PLAATSING = "wacht_op_plaatsing", _("wacht op plaatsing in passend onderwijs")
    GEEN_SCHOOL = "geen_school", _("geen school gevonden of niet ingeschreven")
    ONDERWIJS_ZORG = "onderwijs_zorg", _("geen passend onderwijs-zorgarrangement")
    GEOORLOOFD = (
        "geoorloofd",
        _("geoorloofd verzuim wegens ziekte (art. 11 onder d; zonder medische details)"),
    )
    GESCHORST = "geschorst", _("geschorst of de school is handelingsverlegen")
    ANDERS = "anders", _("anders (zie toelichting)")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    OPGELOST = "opgelost", _("opgelost")


class Uitkomst(models.TextChoices):
    """How the thuiszitten ended (seed 002 §3a: "weer naar school gaat of dat er een (klinische)
    behandeling of ander traject ... is gestart"; seed 000 §3: "onderwijsvervangend traject";
    vrijstelling art. 5 onder a)."""

    TERUG_NAAR_SCHOOL = "terug_naar_school", _("teruggeleid naar de eigen school")
    ANDERE_SCHOOL = "andere_school", _("geplaatst op een andere school")
    SPECIAAL_ONDERWIJS = "speciaal_onderwijs", _("geplaatst in het (voortgezet) speciaal onderwijs")
    DAGBESTEDING = "dagbesteding", _("dagbesteding of onderwijsvervangend traject")
    BEHANDELING = "behandeling", _("behandeling of zorgtraject gestart")
    VRIJSTELLING = "vrijstelling", _("vrijstelling verleend")
    VERHUISD = "verhuisd", _("verhuisd (buiten het werkgebied of naar het buitenland)")
    NIET_MEER_PLICHTIG = "niet_meer_plichtig", _("niet meer leer- of kwalificatieplichtig")
    ANDERS = "anders", _("anders")


GEEN_MEDISCHE_DETAILS = _(
    "Geen medische gegevens of diagnoses: alleen wat nodig is om de aanpak te volgen."
)


class ThuiszitterRegistratie(models.Model):
    """One thuiszitter in an office's register (seed 002 bijlage 1, punt 1)."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="thuiszitters")
    jeugdige = models.ForeignKey(
        Jeugdige, on_delete=models.PROTECT, related_name="thuiszitters", verbose_name=_("jeugdige")
    )
    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="thuiszitterregistraties",
        verbose_name=_("leerling op het platform"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thuiszitterregistraties",
        verbose_name=_("school"),
        help_text=_("leeg bij absoluut verzuim: de jongere staat op geen school ingeschreven"),
    )
    school_naam = models.CharField(
        _("school buiten het platform"), max_length=200, blank=True, default=""
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thuiszitters",
        verbose_name=_("samenwerkingsverband"),
    )
    categorie = models.CharField(
        _("categorie bij registratie"), max_length=20, choices=Categorie.choices
    )
    sinds = models.DateField(_("thuis sinds"), help_text=_("de eerste dag van het thuiszitten"))
    reden = models.CharField(
        _("reden"), max_length=30, choices=Reden.choices, default=Reden.ONBEKEND
    )
    toelichting = models.TextField(
        _("toelichting"), blank=True, default="", help_text=GEEN_MEDISCHE_DETAILS
    )
    aanpak = models.TextField(
        _("afgesproken aanpak"),
        blank=True,
        default="",
        help_text=_("wie doet wat en wanneer; de regie en de contactpersoon"),
    )
    knooppunt_op = models.DateField(_("eerste knooppunt gehouden op"), null=True, blank=True)
    breed_overleg_op = models.DateField(_("breed overleg gehouden op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opgelost_op = models.DateField(_("opgelost op"), null=True, blank=True)
    uitkomst = models.CharField(
        _("uitkomst"), max_length=30, choices=Uitkomst.choices, blank=True, default=""
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    aangemaakt_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("thuiszitter in het register")
        verbose_name_plural = _("thuiszitterregister")
        ordering = ["sinds", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "jeugdige"],
                condition=Q(status="open"),
                name="thuiszitter_eenmaal_open_per_jeugdige",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(opgelost_op__isnull=False) & ~Q(uitkomst="")),
                name="thuiszitter_opgelost_met_datum_en_uitkomst",
            ),
            models.CheckConstraint(
                condition=Q(opgelost_op__isnull=True) | Q(opgelost_op__gte=models.F("sinds")),
                name="thuiszitter_opgelost_na_sinds",
            ),
        ]
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self) -> str:
        return f"{self.jeugdige} - {self.get_categorie_display()} sinds {self.sinds}"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def schoolnaam(self) -> str:
        return self.school.naam if self.school else self.school_naam


class Soort(models.TextChoices):
    """What happened to a registration (one row of its history)."""

    AANGEMAAKT = "aangemaakt", _("opgenomen in het register")
    GEWIJZIGD = "gewijzigd", _("gegevens gewijzigd")
    KNOOPPUNT = "knooppunt", _("knooppunt gehouden")
    BREED_OVERLEG = "breed_overleg", _("breed overleg gehouden")
    STATUS = "status", _("status gewijzigd")


class Gebeurtenis(models.Model):
    """One step in the history of a registration. Append only: never changed or deleted."""

    registratie = models.ForeignKey(
        ThuiszitterRegistratie, on_delete=models.PROTECT, related_name="geschiedenis"
    )
    soort = models.CharField(_("wat"), max_length=20, choices=Soort.choices)
    datum = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("de dag van het overleg of de oplossing")
    )
    van = models.CharField(_("van"), max_length=200, blank=True, default="")
    naar = models.CharField(_("naar"), max_length=200, blank=True, default="")
    notitie = models.TextField(_("notitie"), blank=True, default="")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.registratie}: {self.get_soort_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een thuiszitter wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een thuiszitter wordt nooit verwijderd.")
