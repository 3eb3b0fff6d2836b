"""M@ZL referrals from school to the jeugdarts (GGD-JGZ), without any diagnosis.

Sources: seed 003 §7 "Afwezigheid vanwege ziekte: M@ZL-methodiek" (the referral criteria, the
school announces the referral to the parents, "Bij twee keer niet verschijnen bij de jeugdarts
wordt er een melding bij de leerplichtambtenaar gedaan", "Zorg coördinator maakt een DUO-melding
overig verzuim"); seed 000 §1.1.1 "Twijfelachtig ziekteverzuim" and "Wie doet wat?" ("Na
toestemming van ouders en leerling wordt schriftelijk teruggekoppeld naar school"); seed 002 §2a
"Ziek" and "GGD" (more than 2 weeks or the 4th sick report in a quarter; the advice reaches
school "na toestemming van ouders en leerling"); seed 001 "Ziekte" (more than 2 weeks, the 3rd
sick report in 3 months, or a sick report that is a reason for concern).

Privacy (AVG art. 9, WGBO art. 7:457 BW): nothing here records a diagnosis, the nature of an
illness or anything medical. The school shares numbers only (how often and how long the pupil
was reported sick); the jeugdarts records an advice *for school* (attendance, adjustments) and
whether the parents or the pupil consented to sharing it. ``tests/web/jgz`` fails when a field
for a diagnosis, an illness or a free-text note appears.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerrecht.web.scholen.models import Leerling, School


class JgzOrganisatie(models.Model):
    """A youth health care organisation (GGD-JGZ) and the schools it serves."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    scholen = models.ManyToManyField(
        School, blank=True, related_name="jgz_organisaties", verbose_name=_("scholen")
    )

    class Meta:
        verbose_name = _("JGZ-organisatie")
        verbose_name_plural = _("JGZ-organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class JgzRolSoort(models.TextChoices):
    JEUGDARTS = "jeugdarts", _("jeugdarts")
    JEUGDVERPLEEGKUNDIGE = "jeugdverpleegkundige", _("jeugdverpleegkundige")


class JgzRol(models.Model):
    """A jeugdarts or jeugdverpleegkundige of a JGZ organisation: sees its referrals only."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jgzrollen"
    )
    organisatie = models.ForeignKey(JgzOrganisatie, on_delete=models.CASCADE, related_name="rollen")
    soort = models.CharField(_("rol"), max_length=20, choices=JgzRolSoort.choices)

    class Meta:
        verbose_name = _("rol bij een JGZ-organisatie")
        verbose_name_plural = _("rollen bij JGZ-organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "organisatie", "soort"], name="jgzrol_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} - {self.get_soort_display()} ({self.organisatie})"


class Aanleiding(models.TextChoices):
    """Why the school refers: the criteria of the regional sickness schemes."""

    #: seed 003 §7, 'Schema bij afwezigheid door ziekte'
    VIERDE_ZIEKMELDING_12_WEKEN = (
        "4e_ziekmelding_12_weken",
        _("4e ziekmelding in 12 schoolweken (M@ZL)"),
    )
    #: seed 003 §7, 'Schema bij afwezigheid door ziekte'
    ZEVENDE_DAG = "7e_dag", _("7e aaneengesloten schooldag ziek (M@ZL)")
    #: seed 002 §2a 'Ziek', seed 001 'Ziekte'
    LANGER_DAN_TWEE_WEKEN = "langer_dan_2_weken", _("langer dan 2 weken ziek")
    #: seed 002 §2a 'Ziek'
    VIERDE_ZIEKMELDING_KWARTAAL = "4e_ziekmelding_kwartaal", _("4e ziekmelding in een kwartaal")
    #: seed 001 'Ziekte'
    DERDE_ZIEKMELDING_3_MAANDEN = "3e_ziekmelding_3_maanden", _("3e ziekmelding in 3 maanden")
    #: seed 001 'Ziekte' (reden tot zorg), seed 000 §1.1.1 (twijfelachtig ziekteverzuim)
    ZORGEN = "zorgen", _("zorgen over het ziekteverzuim (twijfelachtig of zorgwekkend)")


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", _("aangemeld")
    UITGENODIGD = "uitgenodigd", _("uitgenodigd")
    VERSCHENEN = "verschenen", _("verschenen")
    NIET_VERSCHENEN = "niet_verschenen", _("niet verschenen")
    ADVIES_GEGEVEN = "advies_gegeven", _("advies gegeven")
    AFGESLOTEN = "afgesloten", _("afgesloten")
    INGETROKKEN = "ingetrokken", _("ingetrokken door de school")


class Verwijzing(models.Model):
    """One referral of one pupil by the school to a JGZ organisation (M@ZL)."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="jgz_verwijzingen")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="jgz_verwijzingen"
    )
    organisatie = models.ForeignKey(
        JgzOrganisatie,
        on_delete=models.PROTECT,
        related_name="verwijzingen",
        verbose_name=_("JGZ-organisatie"),
    )
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    aangemeld_op = models.DateField(_("aangemeld op"), default=timezone.localdate)
    aanleiding = models.CharField(_("aanleiding"), max_length=30, choices=Aanleiding.choices)
    # what the school shares of the register: numbers only, never what the illness is
    ziekmeldingen_12_weken = models.PositiveSmallIntegerField(
        _("ziekmeldingen in de laatste 12 schoolweken")
    )
    schooldagen_laatste_ziekmelding = models.PositiveSmallIntegerField(
        _("aaneengesloten schooldagen ziek bij de laatste ziekmelding")
    )
    schooldagen_ziek_schooljaar = models.PositiveSmallIntegerField(
        _("schooldagen ziek in dit schooljaar")
    )
    ouders_geinformeerd_op = models.DateField(
        _("ouders geïnformeerd over de aanmelding op"),
        help_text=_(
            "M@ZL: de school gaat met leerling en ouders in gesprek en kondigt de aanmelding "
            "bij de jeugdarts aan."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD
    )
    afspraak_op = models.DateField(_("afspraak bij de jeugdarts op"), null=True, blank=True)
    advies_aan_school = models.TextField(
        _("advies aan school"),
        blank=True,
        help_text=_(
            "Praktisch advies voor school: schoolgang, aanwezigheid, aanpassingen. Geen "
            "diagnose en geen medische gegevens. De school ziet dit alleen met toestemming."
        ),
    )
    advies_op = models.DateField(_("advies gegeven op"), null=True, blank=True)
    advies_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("advies gegeven door"),
    )
    duo_melding = models.ForeignKey(
        "meldingen.DuoMelding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("melding overig verzuim"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("verwijzing naar de jeugdarts")
        verbose_name_plural = _("verwijzingen naar de jeugdarts")
        ordering = ["-aangemeld_op", "-pk"]
        indexes = [
            models.Index(fields=["organisatie", "status"]),
            models.Index(fields=["school", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} - {self.organisatie} ({self.aangemeld_op})"

    @property
    def keer_niet_verschenen(self) -> int:
        """How often the pupil did not appear at the jeugdarts (from the history)."""
        return sum(1 for w in self.geschiedenis.all() if w.naar == Status.NIET_VERSCHENEN)

    def laatste_niet_verschenen(self) -> dt.date | None:
        dagen = [w.datum for w in self.geschiedenis.all() if w.naar == Status.NIET_VERSCHENEN]
        return max(dagen) if dagen else None

    def actieve_toestemming(self, op: dt.date | None = None) -> Toestemming | None:
        """The consent in force on ``op`` (today by default), or None."""
        from leerrecht.web.jgz.tijd import vandaag

        dag = op or vandaag()
        geldig = [
            t
            for t in self.toestemmingen.all()
            if t.gegeven_op <= dag and (t.ingetrokken_op is None or t.ingetrokken_op > dag)
        ]
        return max(geldig, key=lambda t: (t.gegeven_op, t.pk)) if geldig else None

    @property
    def advies_gegeven(self) -> bool:
        return bool(self.advies_op and self.advies_aan_school.strip())

    def advies_voor_school(self) -> str:
        """The advice as the school may see it: only with recorded consent, otherwise empty."""
        if not self.advies_gegeven or self.actieve_toestemming() is None:
            return ""
        return self.advies_aan_school


class VerwijzingWijziging(models.Model):
    """One step in the history of a referral. Append only: never changed or deleted."""

    verwijzing = models.ForeignKey(
        Verwijzing, on_delete=models.PROTECT, related_name="geschiedenis"
    )
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    datum = models.DateField(
        _("datum"), help_text=_("de dag van de afspraak, het consult of de wijziging")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging van een verwijzing")
        verbose_name_plural = _("wijzigingen van verwijzingen")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.verwijzing}: {self.van or '-'} -> {self.naar}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("De geschiedenis van een verwijzing wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("De geschiedenis van een verwijzing wordt nooit verwijderd.")


class ToestemmingDoor(models.TextChoices):
    """Who consented (WGBO art. 7:465 BW: under 12 the parents, 12 to 15 the parents and the
    pupil, from 16 the pupil)."""

    OUDERS = "ouders", _("ouder(s) of verzorger(s)")
    OUDERS_EN_LEERLING = "ouders_en_leerling", _("ouder(s) of verzorger(s) en de leerling")
    LEERLING = "leerling", _("de leerling (16 jaar of ouder)")


class Reikwijdte(models.TextChoices):
    SCHOOL = "school", _("het advies delen met de school")
    SCHOOL_EN_LEERPLICHT = (
        "school_en_leerplicht",
        _("het advies delen met de school en de leerplichtambtenaar"),
    )


class Toestemming(models.Model):
    """Consent to share the jeugdarts' advice with school, as recorded by the jeugdarts.

    A consent is never deleted; a withdrawal records the day from which it no longer holds.
    """

    verwijzing = models.ForeignKey(
        Verwijzing, on_delete=models.PROTECT, related_name="toestemmingen"
    )
    gegeven_door = models.CharField(
        _("toestemming gegeven door"), max_length=20, choices=ToestemmingDoor.choices
    )
    gegeven_op = models.DateField(_("toestemming gegeven op"))
    reikwijdte = models.CharField(_("reikwijdte"), max_length=20, choices=Reikwijdte.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    intrekking_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intrekking vastgelegd door"),
    )

    class Meta:
        verbose_name = _("toestemming om het advies te delen")
        verbose_name_plural = _("toestemmingen om het advies te delen")
        ordering = ["gegeven_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ingetrokken_op__isnull=True)
                | models.Q(ingetrokken_op__gte=models.F("gegeven_op")),
                name="toestemming_intrekking_na_geven",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verwijzing}: {self.get_gegeven_door_display()} op {self.gegeven_op}"
