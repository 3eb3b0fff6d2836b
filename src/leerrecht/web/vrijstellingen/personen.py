"""The office's record of a pupil (:class:`~leerrecht.web.leerplicht.models.Jeugdige`)."""

from __future__ import annotations

from leerrecht.web.leerplicht.models import Bureau, Jeugdige
from leerrecht.web.leerplicht.routering import gemeente_bij_naam
from leerrecht.web.scholen.models import Leerling


def jeugdige_voor(bureau: Bureau, leerling: Leerling) -> Jeugdige:
    """The office's record of this pupil (matched on name and date of birth within the office,
    as the model's uniqueness says), linked to the pupil record."""
    jeugdige, _nieuw = Jeugdige.objects.get_or_create(
        bureau=bureau,
        achternaam=leerling.achternaam,
        voornaam=leerling.voornaam,
        geboortedatum=leerling.geboortedatum,
        defaults={"gemeente": gemeente_bij_naam(leerling.woongemeente)},
    )
    jeugdige.leerlingen.add(leerling)
    return jeugdige
