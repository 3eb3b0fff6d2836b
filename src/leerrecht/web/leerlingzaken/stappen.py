"""The verwijdering as a guided procedure: which step may follow which, why a step is blocked,
and the one function that records a step.

Sources: seed 000 §1.1.3 Schorsing en verwijdering, seed 002 §2a Verwijdering (and seed 001,
Verwijdering: "Verwijdering vindt pas plaats nadat het bevoegd gezag ervoor heeft zorggedragen
dat een andere school bereid is de leerling toe te laten"):

- before the besluit the bevoegd gezag hears the parents, the pupil (12 years or older; the seed
  says "indien ouder dan 12 jaar", read here as 12 or older) and the groepsleerkracht, consults
  the inspectie and the leerplichtambtenaar (consulent leerrecht);
- a pupil is only definitively removed once enrolled at another school (uitschrijving the day
  before the new enrolment); only a pupil of speciaal onderwijs cluster 1 or 2 may be removed
  without one, after a search of 8 weeks.

:data:`TRANSITIES` is the only place that decides the order (like the DUO statuses in
:mod:`leerrecht.web.meldingen.statussen`); :func:`waarom_niet` adds the conditions that depend
on dates, and :func:`leg_stap_vast` refuses everything else with a clear Dutch message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerrecht.core.leerplicht import age_on
from leerrecht.core.sources import PARKSTAD_113_SCHORSING, Source
from leerrecht.web.leerlingzaken import tijd
from leerrecht.web.leerlingzaken.models import Stap, Verwijdering, VerwijderingStap
from leerrecht.web.leerlingzaken.schorsingen import datum_tekst
from leerrecht.web.scholen.models import Leerling, Sector, Uitschrijfreden

HR_2A_VERWIJDERING = Source("002_116d4f78152f417a.txt", "§2a Verwijdering")
BRONNEN = f"{PARKSTAD_113_SCHORSING}; {HR_2A_VERWIJDERING}"

#: the steps in the order they are recorded (AFGEZIEN can end the procedure at any point)
VOLGORDE: tuple[Stap, ...] = (
    Stap.VOORNEMEN,
    Stap.OUDERS_GEHOORD,
    Stap.LEERLING_GEHOORD,
    Stap.LEERKRACHT_GEHOORD,
    Stap.INSPECTIE,
    Stap.LEERPLICHT,
    Stap.BESLUIT,
    Stap.DEFINITIEF,
)

TRANSITIES: Mapping[Stap, frozenset[Stap]] = {
    Stap.VOORNEMEN: frozenset({Stap.OUDERS_GEHOORD, Stap.AFGEZIEN}),
    # hearing the pupil may only be skipped for a pupil under 12 (see waarom_niet)
    Stap.OUDERS_GEHOORD: frozenset({Stap.LEERLING_GEHOORD, Stap.LEERKRACHT_GEHOORD, Stap.AFGEZIEN}),
    Stap.LEERLING_GEHOORD: frozenset({Stap.LEERKRACHT_GEHOORD, Stap.AFGEZIEN}),
    Stap.LEERKRACHT_GEHOORD: frozenset({Stap.INSPECTIE, Stap.AFGEZIEN}),
    Stap.INSPECTIE: frozenset({Stap.LEERPLICHT, Stap.AFGEZIEN}),
    Stap.LEERPLICHT: frozenset({Stap.BESLUIT, Stap.AFGEZIEN}),
    # definitief only with a new school (or SO cluster 1/2 after 8 weeks; see waarom_niet)
    Stap.BESLUIT: frozenset({Stap.DEFINITIEF, Stap.AFGEZIEN}),
    # final
    Stap.DEFINITIEF: frozenset(),
    Stap.AFGEZIEN: frozenset(),
}

LEEFTIJD_HOREN = 12
ZOEKTERMIJN = dt.timedelta(weeks=8)  # 56 days
CLUSTERS_ZONDER_NIEUWE_SCHOOL = frozenset({1, 2})

#: why each step is there, shown on the procedure page
UITLEG: Mapping[Stap, Promise] = {
    Stap.VOORNEMEN: gettext_lazy(
        "De school informeert leerling en ouders schriftelijk over het voornemen en de reden, "
        "biedt gelegenheid om gehoord te worden, en informeert samenwerkingsverband en "
        "leerplicht zodra er een voornemen is. De school zoekt een andere school."
    ),
    Stap.OUDERS_GEHOORD: gettext_lazy(
        "Voordat het bevoegd gezag tot verwijdering kan besluiten, moet het de ouders of "
        "verzorgers horen."
    ),
    Stap.LEERLING_GEHOORD: gettext_lazy(
        "Een leerling van 12 jaar of ouder moet gehoord worden voordat het bevoegd gezag "
        "besluit. Bij een jongere leerling is dit niet verplicht."
    ),
    Stap.LEERKRACHT_GEHOORD: gettext_lazy(
        "Ook de groepsleerkracht (in het voortgezet onderwijs de mentor) moet gehoord worden."
    ),
    Stap.INSPECTIE: gettext_lazy(
        "Voordat er een besluit wordt genomen, is overleg met de onderwijsinspectie vereist."
    ),
    Stap.LEERPLICHT: gettext_lazy(
        "De leerplichtambtenaar (consulent leerrecht) wordt over de verwijderingsprocedure "
        "geconsulteerd."
    ),
    Stap.BESLUIT: gettext_lazy(
        "Het bevoegd gezag (of namens hen de directeur) besluit. Het informeert leerling en "
        "ouders schriftelijk over de verwijdering, de reden en hoe zij bezwaar kunnen maken, en "
        "stuurt een kopie van de brief naar de inspectie, de leerplichtambtenaar en het "
        "samenwerkingsverband."
    ),
    Stap.DEFINITIEF: gettext_lazy(
        "Een leerling kan alleen definitief verwijderd worden als hij op een andere school staat "
        "ingeschreven; de uitschrijving gaat in op de dag voor de nieuwe inschrijving en wordt "
        "binnen 7 dagen bij DUO gemeld. Alleen een leerling uit het speciaal onderwijs, cluster "
        "1 of 2, kan na een zoektermijn van 8 weken zonder andere school verwijderd worden."
    ),
    Stap.AFGEZIEN: gettext_lazy("De school ziet af van verwijdering; de procedure stopt."),
}


class StapFout(Exception):
    """A step that may not be recorded (now); the message is for the user (Dutch)."""


def toegestaan(status: str) -> list[Stap]:
    """The steps that may follow ``status``, in the order of :class:`Stap`."""
    volgende = TRANSITIES.get(Stap(status), frozenset())
    return [s for s in Stap if s in volgende]


def leeftijd(leerling: Leerling, dag: dt.date) -> int:
    return age_on(leerling.geboortedatum, dag)


def leerling_horen_vereist(leerling: Leerling, dag: dt.date) -> bool:
    """Must the pupil be heard, given the date of the hearings?"""
    return leeftijd(leerling, dag) >= LEEFTIJD_HOREN


def zonder_nieuwe_school_vanaf(verwijdering: Verwijdering) -> dt.date | None:
    """From when this pupil may be removed without a new school (None: never, or no search
    started yet): speciaal onderwijs, cluster 1 or 2, 8 weeks after the search began."""
    if (
        verwijdering.leerling.school.sector != Sector.SO
        or verwijdering.cluster not in CLUSTERS_ZONDER_NIEUWE_SCHOOL
        or verwijdering.zoeken_vanaf is None
    ):
        return None
    return verwijdering.zoeken_vanaf + ZOEKTERMIJN


def zonder_nieuwe_school(verwijdering: Verwijdering, datum: dt.date) -> str:
    """Why this pupil cannot (yet) be removed without a new school on ``datum`` ("": it can)."""
    basis = _(
        "Een leerling kan alleen definitief verwijderd worden als hij op een andere school staat "
        "ingeschreven: vul de nieuwe school en de datum van inschrijving in."
    )
    if verwijdering.leerling.school.sector != Sector.SO:
        return basis + " " + _("(Bron: %(bron)s)") % {"bron": BRONNEN}
    if verwijdering.cluster not in CLUSTERS_ZONDER_NIEUWE_SCHOOL:
        return (
            basis
            + " "
            + _(
                "Zonder andere school kan het alleen bij een leerling uit cluster 1 of 2 van het "
                "speciaal onderwijs, na een zoektermijn van 8 weken; deze leerling is %(cluster)s. "
                "(Bron: %(bron)s)"
            )
            % {
                "cluster": verwijdering.get_cluster_display()
                if verwijdering.cluster
                else _("niet ingedeeld in een cluster"),
                "bron": PARKSTAD_113_SCHORSING,
            }
        )
    vanaf = zonder_nieuwe_school_vanaf(verwijdering)
    if vanaf is None:
        return (
            basis
            + " "
            + _(
                "Voor cluster 1 of 2 kan het zonder andere school na een zoektermijn van 8 "
                "weken, maar de start van de zoektocht is nog niet vastgelegd. (Bron: %(bron)s)"
            )
            % {"bron": PARKSTAD_113_SCHORSING}
        )
    if datum < vanaf:
        assert verwijdering.zoeken_vanaf is not None
        return _(
            "De zoektermijn van 8 weken is nog niet voorbij: gezocht sinds %(sinds)s, dus "
            "verwijderen zonder andere school kan vanaf %(vanaf)s (nog %(n)d dagen). Tot dan "
            "alleen met een inschrijving op een andere school. (Bron: %(bron)s)"
        ) % {
            "sinds": datum_tekst(verwijdering.zoeken_vanaf),
            "vanaf": datum_tekst(vanaf),
            "n": (vanaf - datum).days,
            "bron": PARKSTAD_113_SCHORSING,
        }
    return ""


def _eerst(status: Stap) -> str:
    volgende = [s for s in toegestaan(status) if s is not Stap.AFGEZIEN]
    return _("Eerst: %(volgende)s.") % {
        "volgende": f" {_('of')} ".join(str(s.label) for s in volgende)
    }


def _laatste_stap(verwijdering: Verwijdering) -> VerwijderingStap | None:
    return verwijdering.stappen.order_by("-datum", "-pk").first()


def waarom_niet(
    verwijdering: Verwijdering,
    stap: Stap,
    datum: dt.date | None = None,
    *,
    nieuwe_school: str = "",
    nieuwe_inschrijving_vanaf: dt.date | None = None,
) -> str:
    """Why ``stap`` cannot be recorded (now, or on ``datum``); "" when it can.

    Without ``datum`` the page asks in general (dates are checked as of today).
    """
    status = Stap(verwijdering.status)
    if verwijdering.afgerond:
        return _("De procedure is afgerond: %(status)s.") % {
            "status": verwijdering.get_status_display()
        }
    if stap not in TRANSITIES[status]:
        if verwijdering.stappen.filter(stap=stap).exists():
            return _("Deze stap is al vastgelegd.")
        return (
            _eerst(status)
            + " "
            + _(
                "De stappen gaan in vaste volgorde: pas als ouders, leerling (vanaf 12 jaar) en "
                "leerkracht gehoord zijn en inspectie en leerplicht zijn geraadpleegd, kan het "
                "bevoegd gezag besluiten. (Bron: %(bron)s)"
            )
            % {"bron": BRONNEN}
        )
    leerling = verwijdering.leerling
    dag = datum or tijd.vandaag()
    if (
        stap is Stap.LEERKRACHT_GEHOORD
        and status is Stap.OUDERS_GEHOORD
        and leerling_horen_vereist(leerling, dag)
    ):
        return _(
            "Hoor eerst de leerling: %(naam)s is op %(dag)s %(jaar)d jaar, en een leerling van 12 "
            "jaar of ouder moet gehoord worden voordat het bevoegd gezag besluit. (Bron: %(bron)s)"
        ) % {
            "naam": leerling,
            "dag": datum_tekst(dag),
            "jaar": leeftijd(leerling, dag),
            "bron": PARKSTAD_113_SCHORSING,
        }
    if stap is Stap.DEFINITIEF:
        if nieuwe_school.strip() or nieuwe_inschrijving_vanaf is not None:
            if not nieuwe_school.strip() or nieuwe_inschrijving_vanaf is None:
                return _("Vul zowel de nieuwe school als de datum van inschrijving daar in.")
            besluit = verwijdering.stappen.filter(stap=Stap.BESLUIT).first()
            if besluit is not None and nieuwe_inschrijving_vanaf <= besluit.datum:
                return _(
                    "De inschrijving op de nieuwe school moet na het besluit tot verwijdering "
                    "(%(dag)s) ingaan."
                ) % {"dag": datum_tekst(besluit.datum)}
            if nieuwe_inschrijving_vanaf <= leerling.ingeschreven_vanaf:
                return _("De nieuwe inschrijving moet na de inschrijving op deze school ingaan.")
        elif datum is not None:
            reden = zonder_nieuwe_school(verwijdering, dag)
            if reden:
                return reden
    if datum is not None:
        if datum > tijd.vandaag():
            return _("De datum ligt in de toekomst: leg een stap vast als hij gedaan is.")
        vorige = _laatste_stap(verwijdering)
        if vorige is not None and datum < vorige.datum:
            return _(
                "De datum ligt voor de vorige stap (%(stap)s op %(dag)s): de stappen volgen "
                "elkaar op."
            ) % {"stap": vorige.get_stap_display(), "dag": datum_tekst(vorige.datum)}
    return ""


@dataclass(frozen=True)
class StapStand:
    """One step on the procedure page."""

    stap: Stap
    uitleg: str
    stand: str  # "gedaan", "mogelijk", "geblokkeerd", "niet_vereist", "wacht", "vervallen"
    vastgelegd: VerwijderingStap | None = None
    reden: str = ""
    optioneel: bool = False

    @property
    def label(self) -> str:
        return str(self.stap.label)


def stand(verwijdering: Verwijdering) -> list[StapStand]:
    """Every step of the procedure: done (with date and note), possible now, blocked (and
    why), not required, or waiting for an earlier step."""
    gedaan = {Stap(s.stap): s for s in verwijdering.stappen.select_related("vastgelegd_door")}
    status = Stap(verwijdering.status)
    mogelijk = TRANSITIES[status]
    rijen: list[StapStand] = []
    for stap in VOLGORDE:
        uitleg = str(UITLEG[stap])
        if stap in gedaan:
            rijen.append(StapStand(stap, uitleg, "gedaan", gedaan[stap]))
        elif verwijdering.afgerond:
            rijen.append(StapStand(stap, uitleg, "vervallen"))
        elif stap is Stap.LEERLING_GEHOORD and Stap.LEERKRACHT_GEHOORD in gedaan:
            dag = gedaan[Stap.LEERKRACHT_GEHOORD].datum
            rijen.append(
                StapStand(
                    stap,
                    uitleg,
                    "niet_vereist",
                    reden=_("Niet vereist: de leerling was %(jaar)d jaar bij het horen (%(dag)s).")
                    % {"jaar": leeftijd(verwijdering.leerling, dag), "dag": datum_tekst(dag)},
                )
            )
        elif stap in mogelijk:
            reden = waarom_niet(verwijdering, stap)
            optioneel = stap is Stap.LEERLING_GEHOORD and not leerling_horen_vereist(
                verwijdering.leerling, tijd.vandaag()
            )
            if optioneel:
                jaar = leeftijd(verwijdering.leerling, tijd.vandaag())
                reden = _(
                    "Niet verplicht: de leerling is %(jaar)d jaar. U kunt de leerling horen of "
                    "deze stap overslaan."
                ) % {"jaar": jaar}
            rijen.append(
                StapStand(
                    stap,
                    uitleg,
                    "geblokkeerd" if reden and not optioneel else "mogelijk",
                    reden=reden,
                    optioneel=optioneel,
                )
            )
        else:
            rijen.append(StapStand(stap, uitleg, "wacht", reden=_eerst(status)))
    return rijen


def volgende(verwijdering: Verwijdering) -> Stap | None:
    """The next step to take (None when the procedure is finished)."""
    for rij in stand(verwijdering):
        if rij.stand in ("mogelijk", "geblokkeerd") and not rij.optioneel:
            return rij.stap
    return None


def start(
    leerling: Leerling, datum: dt.date, notitie: str, cluster: int | None, door: User
) -> Verwijdering:
    """Start a procedure with the voornemen; raises :class:`StapFout`."""
    with transaction.atomic():
        leerling = Leerling.objects.select_for_update().select_related("school").get(pk=leerling.pk)
        lopend = Verwijdering.objects.filter(leerling=leerling).exclude(
            status__in=[Stap.DEFINITIEF, Stap.AFGEZIEN]
        )
        if lopend.exists():
            raise StapFout(_("Voor deze leerling loopt al een verwijderingsprocedure."))
        if datum > tijd.vandaag():
            raise StapFout(_("De datum ligt in de toekomst: leg een stap vast als hij gedaan is."))
        if not leerling.ingeschreven_op(datum):
            raise StapFout(
                _("%(naam)s staat op %(dag)s niet op deze school ingeschreven.")
                % {"naam": leerling, "dag": datum_tekst(datum)}
            )
        verwijdering = Verwijdering.objects.create(
            leerling=leerling,
            status=Stap.VOORNEMEN,
            cluster=cluster if leerling.school.sector == Sector.SO else None,
            aangemaakt_door=door,
        )
        VerwijderingStap.objects.create(
            verwijdering=verwijdering,
            stap=Stap.VOORNEMEN,
            datum=datum,
            notitie=notitie.strip(),
            vastgelegd_door=door,
        )
    return verwijdering


def wijzig_gegevens(
    verwijdering_id: int, cluster: int | None, zoeken_vanaf: dt.date | None
) -> Verwijdering:
    """Record the cluster (SO only) and the start of the search for another school."""
    with transaction.atomic():
        verwijdering = (
            Verwijdering.objects.select_for_update()
            .select_related("leerling__school")
            .get(pk=verwijdering_id)
        )
        if verwijdering.afgerond:
            raise StapFout(
                _("De procedure is afgerond: %(status)s.")
                % {"status": verwijdering.get_status_display()}
            )
        if zoeken_vanaf is not None:
            if zoeken_vanaf > tijd.vandaag():
                raise StapFout(_("De start van de zoektocht ligt in de toekomst."))
            voornemen = verwijdering.stappen.filter(stap=Stap.VOORNEMEN).first()
            if voornemen is not None and zoeken_vanaf < voornemen.datum:
                raise StapFout(
                    _("De zoektocht kan niet voor het voornemen (%(dag)s) zijn begonnen.")
                    % {"dag": datum_tekst(voornemen.datum)}
                )
        verwijdering.cluster = cluster if verwijdering.leerling.school.sector == Sector.SO else None
        verwijdering.zoeken_vanaf = zoeken_vanaf
        verwijdering.save(update_fields=["cluster", "zoeken_vanaf"])
    return verwijdering


def leg_stap_vast(
    verwijdering_id: int,
    stap: str,
    datum: dt.date,
    notitie: str,
    door: User,
    *,
    nieuwe_school: str = "",
    nieuwe_inschrijving_vanaf: dt.date | None = None,
) -> Verwijdering:
    """Record ``stap`` of the procedure; raises :class:`StapFout` when it is not allowed.

    Definitief updates the pupil's enrolment: with a new school, uitgeschreven the day before
    the new enrolment (reason 'nieuwe school'); without (SO cluster 1/2 after 8 weeks),
    uitgeschreven on the day of the step, without a lawful exit reason, so the rules show the
    pupil to leerplicht as not enrolled anywhere.
    """
    try:
        doel = Stap(stap)
    except ValueError:
        raise StapFout(_("Onbekende stap: %(stap)s.") % {"stap": stap}) from None
    with transaction.atomic():
        verwijdering = (
            Verwijdering.objects.select_for_update()
            .select_related("leerling", "leerling__school")
            .get(pk=verwijdering_id)
        )
        reden = waarom_niet(
            verwijdering,
            doel,
            datum,
            nieuwe_school=nieuwe_school,
            nieuwe_inschrijving_vanaf=nieuwe_inschrijving_vanaf,
        )
        if reden:
            raise StapFout(reden)
        VerwijderingStap.objects.create(
            verwijdering=verwijdering,
            stap=doel,
            datum=datum,
            notitie=notitie.strip(),
            vastgelegd_door=door,
        )
        verwijdering.status = doel
        velden = ["status"]
        if doel is Stap.DEFINITIEF:
            leerling = Leerling.objects.select_for_update().get(pk=verwijdering.leerling_id)
            if nieuwe_inschrijving_vanaf is not None:
                verwijdering.nieuwe_school = nieuwe_school.strip()
                verwijdering.nieuwe_inschrijving_vanaf = nieuwe_inschrijving_vanaf
                velden += ["nieuwe_school", "nieuwe_inschrijving_vanaf"]
                leerling.ingeschreven_tot = nieuwe_inschrijving_vanaf - dt.timedelta(days=1)
                leerling.uitschrijfreden = Uitschrijfreden.NIEUWE_SCHOOL
                leerling.nieuwe_inschrijving_vanaf = nieuwe_inschrijving_vanaf
            else:
                leerling.ingeschreven_tot = datum
                leerling.uitschrijfreden = Uitschrijfreden.VERWIJDERD_SO
                leerling.nieuwe_inschrijving_vanaf = None
            leerling.save(
                update_fields=["ingeschreven_tot", "uitschrijfreden", "nieuwe_inschrijving_vanaf"]
            )
            verwijdering.leerling = leerling
        verwijdering.save(update_fields=velden)
    return verwijdering
