"""Keep stored evaluations honest: every change of a registration renews the pupil's version.

Registrations are the only input of a pupil's result that is not read with the pupil itself
(see :mod:`leerrecht.web.evaluaties.cache` for the fingerprint of the rest). They change through

- ``save()`` and ``delete()`` of one :class:`Registratie` (the register, corrections, ziekmelding
  by parents, verlof, a schorsing and its withdrawal): the receivers below;
- ``QuerySet.delete()``: Django sends ``post_delete`` for every row, so the receivers below;
- ``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` (the import, the demo), which
  send no ``post_save``: the registrations' own QuerySet sends
  :data:`~leerrecht.web.registratie.models.registraties_gewijzigd` with the pupils it touched.

Only raw SQL bypasses all of these; code that writes registrations with raw SQL must call
:func:`leerrecht.web.evaluaties.cache.maak_ongeldig` itself.

Removing a pupil removes its stored results (cascade); its registrations then need no new
version, and creating one would point at a pupil that is being deleted.

The other inputs the brief of this cache names are not inputs of the evaluation the web app
runs today: verlof reaches the rules as registrations with reason ``verlof`` (covered above),
and actions marked done (:class:`~leerrecht.web.registratie.models.ActieAfgehandeld`) are read
fresh on every worklist request, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from leerrecht.web.evaluaties.cache import maak_ongeldig
from leerrecht.web.registratie.models import Registratie, registraties_gewijzigd


@receiver(post_save, sender=Registratie, dispatch_uid="evaluaties_registratie_opgeslagen")
def registratie_opgeslagen(sender: type[Registratie], instance: Registratie, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no pupil rows to raise yet
        return
    maak_ongeldig([instance.leerling_id])


def _zelf_verwijderd(origin: object) -> bool:
    """Was the registration deleted itself (not as a cascade of its pupil)?"""
    if isinstance(origin, QuerySet):
        return origin.model is Registratie
    if isinstance(origin, Model):
        return isinstance(origin, Registratie)
    return True  # unknown origin: raise the version, to be safe


@receiver(post_delete, sender=Registratie, dispatch_uid="evaluaties_registratie_verwijderd")
def registratie_verwijderd(sender: type[Registratie], instance: Registratie, **kwargs: Any) -> None:
    if _zelf_verwijderd(kwargs.get("origin")):
        maak_ongeldig([instance.leerling_id])


@receiver(registraties_gewijzigd, sender=Registratie, dispatch_uid="evaluaties_registraties_bulk")
def registraties_in_bulk(
    sender: type[Registratie], leerling_ids: Iterable[int], **kwargs: Any
) -> None:
    maak_ongeldig(leerling_ids)
