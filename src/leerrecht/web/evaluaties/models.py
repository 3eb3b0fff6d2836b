"""The stored evaluation per pupil and peildatum, and the version of a pupil's registrations.

A stored result (:class:`PupilEvaluatie`) is used only while everything it was computed from
is unchanged:

- ``versie`` equals the pupil's :class:`LeerlingInvoer` version. That version is renewed with
  every change of the pupil's registrations (the register, corrections, verlof and ziekmeldingen that
  write registrations, a schorsing and its withdrawal, imports); see
  :mod:`leerrecht.web.evaluaties.signalen`.
- ``vingerafdruk`` equals the fingerprint of the pupil's own data (birth date, enrolment, group,
  ...), the school (sector, region, lesson hours, own closed days and vacations, protocol) and
  the rules themselves (the source of :mod:`leerrecht.core`). Those are read with the pupils
  anyway, so they need no invalidation: any change gives another fingerprint.

Everything else is evaluated again; the result is then stored for the next request.
"""

from __future__ import annotations

from django.db import models

from leerrecht.web.scholen.models import Leerling


class LeerlingInvoer(models.Model):
    """The version of a pupil's registrations: a new random number on every change (0: no
    change since the row was created, or no row)."""

    leerling = models.OneToOneField(
        Leerling, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    versie = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "versie van de registraties"
        verbose_name_plural = "versies van de registraties"


class PupilEvaluatie(models.Model):
    """The rule engine's result for one pupil at one peildatum (JSON, see :mod:`.opslag`)."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="+")
    peildatum = models.DateField()
    versie = models.BigIntegerField()
    vingerafdruk = models.CharField(max_length=32)
    resultaat = models.JSONField()
    berekend_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bewaarde evaluatie"
        verbose_name_plural = "bewaarde evaluaties"
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "peildatum"], name="evaluatie_per_leerling_per_peildatum"
            ),
        ]
        indexes = [models.Index(fields=["berekend_op"])]
