"""Where a melding goes: the leerplicht office of the pupil's woongemeente (seed 000 bijlage 2,
"Welke leerling waar melden?": "De woonplaats van de leerling (BRP-inschrijving) bepaalt waar de
leerling gemeld moet worden"). Pupils living in Germany or Belgium go to the Jugendamt or the CLB
of their place of residence, outside the platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from leerrecht.web.leerplicht.models import Bureau, Gemeente

#: seed 000 bijlage 2: pupils living abroad are reported outside DUO's verzuimloket
BUITENLAND = {
    "duitsland": "het Jugendamt van de woonplaats",
    "belgie": "het Centrum voor Leerlingenbegeleiding (CLB) van de woongemeente",
    "belgië": "het Centrum voor Leerlingenbegeleiding (CLB) van de woongemeente",
}


#: other spellings of a CBS name that schools use, including the seed's own (seed 000 bijlage 2
#: writes "Gulpen-Witten" and "Valkenburg a/d Geul"); the CBS dropped "(L.)" and the like in 2023
ALIASSEN = {
    "den haag": "'s-gravenhage",
    "den bosch": "'s-hertogenbosch",
    "valkenburg a/d geul": "valkenburg aan de geul",
    "gulpen-witten": "gulpen-wittem",
    "beek (l.)": "beek",
    "beek (l)": "beek",
    "stein (l.)": "stein",
    "stein (l)": "stein",
    "hengelo (o.)": "hengelo",
    "hengelo (o)": "hengelo",
    "laren (nh.)": "laren",
    "laren (nh)": "laren",
    "middelburg (z.)": "middelburg",
    "rijswijk (zh.)": "rijswijk",
    "bergen (nh)": "bergen (nh.)",
    "bergen (l)": "bergen (l.)",
}


@dataclass(frozen=True)
class Routering:
    """The outcome of routing one woongemeente, with its explanation for the user."""

    bureau: Bureau | None
    gemeente: Gemeente | None
    uitleg: str
    buitenland: bool = False


def normaliseer(naam: str) -> str:
    """'  gemeente  Heerlen ' -> 'heerlen' (case, spaces and a leading 'gemeente' ignored)."""
    tekst = re.sub(r"\s+", " ", naam).strip().casefold()
    return tekst.removeprefix("gemeente ").strip()


def gemeente_bij_naam(naam: str) -> Gemeente | None:
    gezocht = normaliseer(naam)
    if not gezocht:
        return None
    gezocht = ALIASSEN.get(gezocht, gezocht)
    return Gemeente.objects.filter(naam__iexact=gezocht).first()


def routeer(woongemeente: str) -> Routering:
    gezocht = normaliseer(woongemeente)
    if not gezocht:
        return Routering(
            None,
            None,
            _(
                "De woongemeente van de leerling is niet ingevuld; vul die in bij de leerling "
                "(de woonplaats in de BRP bepaalt waar de melding heen gaat)."
            ),
        )
    if gezocht in BUITENLAND:
        return Routering(
            None,
            None,
            _("De leerling woont in het buitenland: meld de leerling bij %(instantie)s.")
            % {"instantie": BUITENLAND[gezocht]},
            buitenland=True,
        )
    gemeente = gemeente_bij_naam(gezocht)
    if gemeente is None:
        return Routering(
            None,
            None,
            _(
                "'%(naam)s' staat niet in de lijst van Nederlandse gemeenten (CBS); controleer de "
                "woongemeente van de leerling."
            )
            % {"naam": woongemeente.strip()},
        )
    werkgebied = getattr(gemeente, "werkgebied", None)
    if werkgebied is None:
        return Routering(
            None,
            gemeente,
            _(
                "Geen leerplichtbureau op het platform voor %(gemeente)s: meld de leerling bij de "
                "afdeling leerplicht van die gemeente (verzuimmeldingen via DUO)."
            )
            % {"gemeente": gemeente.naam},
        )
    bureau = werkgebied.bureau
    return Routering(
        bureau,
        gemeente,
        _("Woongemeente %(gemeente)s: de melding gaat naar %(bureau)s.")
        % {"gemeente": gemeente.naam, "bureau": bureau.naam},
    )
