"""The melding overig verzuim after missed consults at the jeugdarts (seed 003 §7 NB: "Bij twee
keer niet verschijnen bij de jeugdarts wordt er een melding bij de leerplichtambtenaar gedaan";
"Zorg coördinator maakt een DUO-melding 'overig verzuim'"; seed 000 §1.1.1 "Wie doet wat?").

leerrecht prepares a *concept* :class:`~leerrecht.web.meldingen.models.DuoMelding` of soort
'overig' the same way the meldingen app prepares its concepts (one history row 'concept'); the
school completes and reports it on the DUO-meldingen page. Nothing medical goes into it.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from leerrecht.core.calendar import add_werkdagen
from leerrecht.core.rules.wettelijk import DEADLINE_WERKDAGEN
from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.models import Status, Verwijzing
from leerrecht.web.jgz.statussen import drempel, mag_overig_verzuim_melden
from leerrecht.web.meldingen.models import DuoMelding, StatusWijziging, Verzuimsoort
from leerrecht.web.meldingen.models import Status as MeldingStatus


class GeenMelding(Exception):
    """The referral does not (yet) allow a melding overig verzuim; the message is Dutch."""


def maak_concept(verwijzing: Verwijzing, door: User) -> tuple[DuoMelding, bool]:
    """The concept melding overig verzuim for ``verwijzing``: (melding, newly created).

    The melding begins and ends on the day of the last missed consult. A second click, or a
    melding overig verzuim that already exists for that day, returns the existing melding.
    """
    if not mag_overig_verzuim_melden(verwijzing):
        raise GeenMelding(
            _(
                "De leerling is %(n)d keer niet verschenen bij de jeugdarts; een melding "
                "overig verzuim kan na %(drempel)d keer."
            )
            % {"n": verwijzing.keer_niet_verschenen, "drempel": drempel(verwijzing)}
        )
    if verwijzing.duo_melding_id is not None and verwijzing.duo_melding is not None:
        return verwijzing.duo_melding, False
    dag = verwijzing.laatste_niet_verschenen()
    assert dag is not None
    leerling = verwijzing.leerling
    data = sorted(
        w.datum.isoformat()
        for w in verwijzing.geschiedenis.all()
        if w.naar == Status.NIET_VERSCHENEN
    )
    vandaag = tijd.vandaag()
    # stored data stays Dutch, whatever the language of the screen
    uitleg = (
        f"M@ZL: de leerling is {len(data)} keer niet verschenen bij de jeugdarts van "
        f"{verwijzing.organisatie.naam} ({', '.join(data)}), na de verwijzing van "
        f"{verwijzing.aangemeld_op.isoformat()}. De school meldt dit als overig verzuim (seed "
        "003 §7, 'Schema bij afwezigheid door ziekte', NB; seed 000 §1.1.1, 'Wie doet wat?')."
    )
    with transaction.atomic():
        locked = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
        if locked.duo_melding_id is not None:
            melding = DuoMelding.objects.get(pk=locked.duo_melding_id)
            verwijzing.duo_melding = melding
            return melding, False
        try:
            with transaction.atomic():  # a savepoint: the melding may already exist
                melding = DuoMelding.objects.create(
                    school=verwijzing.school,
                    leerling=leerling,
                    locatie=leerling.groep.locatie if leerling.groep else None,
                    soort=Verzuimsoort.OVERIG,
                    begin=dag,
                    einde=dag,
                    uren=Decimal("0.00"),
                    uiterlijk=add_werkdagen(vandaag, DEADLINE_WERKDAGEN),
                    volgnummer=1,
                    bereikt=dag,
                    status=MeldingStatus.CONCEPT,
                    woongemeente=leerling.woongemeente,
                    verzuimdagen="",
                    uitleg=uitleg,
                    contactpersoon=door,
                )
        except IntegrityError:
            melding = DuoMelding.objects.get(
                leerling=leerling, soort=Verzuimsoort.OVERIG, begin=dag
            )
            nieuw = False
        else:
            StatusWijziging.objects.create(
                melding=melding,
                van="",
                naar=MeldingStatus.CONCEPT,
                door=door,
                notitie="Concept aangemaakt vanuit de verwijzing naar de jeugdarts (M@ZL).",
            )
            nieuw = True
        locked.duo_melding = melding
        locked.save(update_fields=["duo_melding", "gewijzigd_op"])
    verwijzing.duo_melding = melding
    return melding, nieuw
