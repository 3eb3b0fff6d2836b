"""Exchange channels: how DUO-meldingen leave leerrecht.

A channel (:class:`Kanaal`) takes meldingen and delivers them. The built-in channel ``bestand``
writes a CSV file for manual entry in DUO's portal. A real DUO connection is added later as
another channel, without touching the views::

    from leerrecht.web.meldingen import kanalen

    @kanalen.register
    class DuoKoppeling(kanalen.Kanaal):
        naam = "duo"
        omschrijving = "rechtstreeks naar DUO"
        automatisch = True

        def versturen(self, meldingen):
            ...  # send, and return DUO's meldingsnummer per melding
            return kanalen.KanaalResultaat(kanaal=self.naam, aantal=len(meldingen),
                                           meldingsnummers={m.pk: "..." for m in meldingen})

The deployer chooses the channel with the Django setting ``LEERRECHT_DUO_KANAAL`` (default
``"bestand"``). A channel that returns meldingsnummers has those meldingen set to 'gemeld'.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.text import slugify

from leerrecht.web.meldingen.models import DuoMelding

STANDAARD_KANAAL = "bestand"


class KanaalFout(Exception):
    """A channel could not deliver; the message is for the user (Dutch)."""


@dataclass(frozen=True)
class KanaalResultaat:
    """What a channel did.

    ``bestand`` is a file for the user to download (channel ``bestand``); ``meldingsnummers``
    maps the pk of each melding DUO accepted to DUO's meldingsnummer (a real connection).
    """

    kanaal: str
    aantal: int
    bestand: bytes | None = None
    bestandsnaam: str = ""
    mimetype: str = ""
    meldingsnummers: Mapping[int, str] = field(default_factory=dict)
    berichten: tuple[str, ...] = ()


class Kanaal(ABC):
    """An exchange channel for DUO-meldingen."""

    naam: ClassVar[str]
    omschrijving: ClassVar[str] = ""
    #: True when the channel itself delivers to DUO (and returns meldingsnummers)
    automatisch: ClassVar[bool] = False

    @abstractmethod
    def versturen(self, meldingen: Sequence[DuoMelding]) -> KanaalResultaat:
        """Deliver ``meldingen``; raise :class:`KanaalFout` when that fails."""


K = TypeVar("K", bound=type[Kanaal])

_REGISTER: dict[str, type[Kanaal]] = {}


def register(kanaal: K) -> K:
    """Register a channel class under its ``naam`` (usable as a class decorator)."""
    naam = getattr(kanaal, "naam", "")
    if not naam:
        raise ValueError(f"kanaal {kanaal.__name__} heeft geen naam")
    if naam in _REGISTER and _REGISTER[naam] is not kanaal:
        raise ValueError(f"er is al een kanaal met de naam {naam!r}")
    _REGISTER[naam] = kanaal
    return kanaal


def unregister(naam: str) -> None:
    """Remove a channel (for tests and plug-ins that replace one)."""
    _REGISTER.pop(naam, None)


def namen() -> list[str]:
    return sorted(_REGISTER)


def get(naam: str) -> Kanaal:
    """A new instance of the channel called ``naam``."""
    try:
        return _REGISTER[naam]()
    except KeyError:
        bekend = ", ".join(namen()) or "(geen)"
        raise KeyError(f"onbekend DUO-kanaal {naam!r}; bekende kanalen: {bekend}") from None


def ingesteld_naam() -> str:
    return str(getattr(settings, "LEERRECHT_DUO_KANAAL", STANDAARD_KANAAL))


def ingesteld() -> Kanaal:
    """The channel the deployer chose with the setting ``LEERRECHT_DUO_KANAAL``."""
    return get(ingesteld_naam())


# -- the built-in channel: a CSV file for manual entry ----------------------------------------

#: DUO's order of the fields of a verzuimmelding
KOLOMMEN = (
    "BRIN",
    "school",
    "locatie",
    "leerlingnummer",
    "naam",
    "geboortedatum",
    "woongemeente",
    "verzuimsoort",
    "begindatum",
    "einddatum",
    "uren",
    "verzuimdagen",
    "vermoedelijke reden",
    "toelichting",
    "ondernomen acties",
    "contactpersoon",
)

#: a cell starting with one of these is a formula in Excel (CSV injection)
_FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    return "'" + waarde if waarde.startswith(_FORMULE_TEKENS) else waarde


def contactpersoon(user: User | None) -> str:
    if user is None:
        return ""
    naam = user.get_full_name() or user.get_username()
    return f"{naam} ({user.email})" if user.email else naam


def rij(melding: DuoMelding) -> list[str]:
    """One melding as a row in :data:`KOLOMMEN` order (dates ISO, hours with a decimal comma)."""
    leerling = melding.leerling
    school = melding.school
    waarden = [
        school.brin,
        school.naam,
        melding.locatie.naam if melding.locatie else "",
        leerling.leerlingnummer,
        f"{leerling.voornaam} {leerling.achternaam}",
        leerling.geboortedatum.isoformat(),
        melding.woongemeente,
        str(melding.get_soort_display()),
        melding.begin.isoformat(),
        melding.einde.isoformat() if melding.einde else "",
        f"{melding.uren.normalize():f}".replace(".", ","),
        melding.verzuimdagen,
        str(melding.get_vermoedelijke_reden_display()),
        melding.toelichting,
        melding.ondernomen_acties,
        contactpersoon(melding.contactpersoon),
    ]
    return [veilige_cel(w) for w in waarden]


def csv_bytes(meldingen: Sequence[DuoMelding]) -> bytes:
    """``;``-separated, UTF-8 with BOM (Excel recognises the encoding), one row per melding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(KOLOMMEN)
    for melding in meldingen:
        writer.writerow(rij(melding))
    return buffer.getvalue().encode("utf-8-sig")


@register
class BestandKanaal(Kanaal):
    """A CSV file to enter the meldingen by hand in DUO's portal."""

    naam = STANDAARD_KANAAL
    omschrijving = "CSV-bestand om zelf in te voeren bij DUO"

    def versturen(self, meldingen: Sequence[DuoMelding]) -> KanaalResultaat:
        return KanaalResultaat(
            kanaal=self.naam,
            aantal=len(meldingen),
            bestand=csv_bytes(meldingen),
            bestandsnaam=bestandsnaam(meldingen),
            mimetype="text/csv; charset=utf-8",
        )


def bestandsnaam(meldingen: Sequence[DuoMelding]) -> str:
    scholen = {m.school_id: m.school for m in meldingen}
    if len(scholen) == 1:
        school = next(iter(scholen.values()))
        deel = slugify(school.brin or school.naam) or "school"
    else:
        deel = "scholen"
    stempel = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"duo-meldingen-{deel}-{stempel}.csv"
