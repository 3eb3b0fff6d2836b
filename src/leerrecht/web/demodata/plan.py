"""The demo school's pupils and their attendance, generated deterministically from a seed.

Django-free: the plan works on the core :class:`SchoolCalendar` and plain values, so the same
seed always gives the same school, and it is cheap to test. :mod:`.bouw` writes a plan to the
database.

The attendance runs from the first school day of the peildatum's school year up to the peildatum
(peildatum 2026-03-20: from 2025-08-18), or from the first school day of the school year before
it when fewer than 8 lesweken have passed, so a thuiszitter can have been at home for 6 lesweken.
(The worklist evaluates every pupil from the start of the school year of their earliest
registration, so a longer history makes it slower.) Everything that should be on the worklist *now* is placed relative to
the peildatum, so the demo looks alive on any peildatum in a known school year:

- most pupils are almost always there; sickness follows the seasons (more in winter);
- a few chronically sick pupils (frequent sick reports) and one sick for two weeks in a row;
- late-comers, one of whom reached ten late arrivals a few days ago;
- two truants who reached 16 uur in 4 lesweken in the last two weeks (one melding still in
  time, one overdue), one with a 16-uur melding months ago, and one pupil approaching the limit
  (10-15 uur in the last 4 lesweken);
- a thuiszitter: every school day ongeoorloofd absent for the last 6 lesweken (LRV, 2a);
- luxe verzuim: two siblings leaving on the Friday before the herfstvakantie, a pupil back two
  days late after the most recent vacation; a sick report right after that vacation;
- a 2-day schorsing (the copy of the decision to the samenwerkingsverband still to be sent), a
  verwijderingsprocedure halfway (parents and teacher heard, the inspectie next), a pupil
  uitgeschreven without a new school (absoluut verzuim), a four-year-old who is not leerplichtig
  yet, pupils who moved in or out during the year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from leerrecht.core.absence import Kind, Reason
from leerrecht.core.calendar import (
    CalendarError,
    SchoolCalendar,
    build_calendar,
    school_year_label,
    school_year_start,
)
from leerrecht.core.leerplicht import age_on, birthday
from leerrecht.core.vacations import Region, shipped_vacations
from leerrecht.web.demodata import namen

#: Lesson hours of the demo school, Monday to Friday (as the School model's defaults).
LESUREN = {0: 5.5, 1: 5.5, 2: 3.75, 3: 5.5, 4: 5.5}
REGIO = Region.ZUID
GROEPEN = ("1/2a", "1/2b", "3", "4", "5", "6", "7", "8")
MIN_LEERLINGEN = 40  # five per group: enough for every pattern
MAX_LEERLINGEN = 2000
MIN_SCHOOLDAGEN = 20
#: Fewer lesweken than this in the peildatum's school year: start in the previous one.
MIN_LESWEKEN = 8

DAG = "dag"
OCHTEND = "ochtend"
MIDDAG = "middag"

#: Chance per school day that a pupil falls ill, by month: more in winter.
ZIEKTEKANS = {
    8: 0.004, 9: 0.005, 10: 0.007, 11: 0.009, 12: 0.012, 1: 0.014,
    2: 0.012, 3: 0.009, 4: 0.006, 5: 0.005, 6: 0.004, 7: 0.004,
}  # fmt: skip
ARTSKANS = 0.0015
TE_LAAT_KANS = 0.001
NIET_GEMELD_KANS = 0.0003

#: Suikerfeest and Offerfeest (dates as celebrated in the Netherlands).
FEESTDAGEN = {
    dt.date(2025, 3, 31): "Suikerfeest",
    dt.date(2025, 6, 6): "Offerfeest",
    dt.date(2026, 3, 20): "Suikerfeest",
    dt.date(2026, 5, 27): "Offerfeest",
    dt.date(2027, 3, 10): "Suikerfeest",
    dt.date(2027, 5, 17): "Offerfeest",
}


class PeildatumFout(ValueError):
    """The demo cannot be built for this peildatum (Dutch message)."""


@dataclass(frozen=True, slots=True)
class PlanLeerling:
    nummer: str
    voornaam: str
    achternaam: str
    geboortedatum: dt.date
    groep: str
    ingeschreven_vanaf: dt.date
    woongemeente: str
    ingeschreven_tot: dt.date | None = None
    uitschrijfreden: str = ""
    nieuwe_inschrijving_vanaf: dt.date | None = None

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def ingeschreven_op(self, day: dt.date) -> bool:
        return self.ingeschreven_vanaf <= day and (
            self.ingeschreven_tot is None or day <= self.ingeschreven_tot
        )


@dataclass(frozen=True, slots=True)
class PlanRegistratie:
    nummer: str
    datum: dt.date
    moment: str
    soort: str
    reden: str
    uren: Decimal | None = None
    notitie: str = ""


@dataclass(frozen=True, slots=True)
class Verhaal:
    """A pupil worth looking at in the demo, and why."""

    wat: str
    nummer: str


@dataclass(frozen=True, slots=True)
class PlanSchorsing:
    """A schorsing decided by the directeur; ``verstuurd``: the recipients (``inspectie``,
    ``leerplicht``, ``swv``) that already got a copy of the decision, on the first day."""

    nummer: str
    dagen: tuple[dt.date, ...]
    reden: str
    besluit_op: dt.date
    verstuurd: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanVerwijdering:
    """A verwijderingsprocedure: the steps recorded so far as (stap, datum, notitie)."""

    nummer: str
    stappen: tuple[tuple[str, dt.date, str], ...]
    zoeken_vanaf: dt.date | None = None


@dataclass(frozen=True)
class Plan:
    peildatum: dt.date
    eerste_dag: dt.date
    leerlingen: tuple[PlanLeerling, ...]
    registraties: tuple[PlanRegistratie, ...]
    verhalen: tuple[Verhaal, ...]
    schorsingen: tuple[PlanSchorsing, ...] = ()
    verwijderingen: tuple[PlanVerwijdering, ...] = ()


@lru_cache(maxsize=1)
def demo_kalender() -> SchoolCalendar:
    """The calendar of the demo school (regio zuid, LESUREN); equal to ``calendar_for`` of the
    demo school, but available before Django is set up (to check the peildatum)."""
    vacations, years = shipped_vacations(REGIO)
    return build_calendar(LESUREN, vacations, [], years)


def eerste_dag(calendar: SchoolCalendar, peildatum: dt.date) -> dt.date:
    """The first school day of the generated attendance; raises :class:`PeildatumFout`."""
    try:
        calendar.require(peildatum)
    except CalendarError:
        known = sorted(calendar.covered_years)
        raise PeildatumFout(
            f"de peildatum {peildatum} ligt in schooljaar {school_year_label(peildatum)}; de "
            f"demo kent de schoolvakanties van {known[0]}-{known[0] + 1} t/m "
            f"{known[-1]}-{known[-1] + 1}. Kies een peildatum tussen {known[0]}-08-01 en "
            f"{known[-1] + 1}-07-31 (JJJJ-MM-DD)."
        ) from None
    start = school_year_start(peildatum)
    days = calendar.school_days_between(start, peildatum)
    weeks = {calendar.lesweek_index(d) for d in days}
    previous = dt.date(start.year - 1, 8, 1)
    if len(weeks) < MIN_LESWEKEN and calendar.covers(previous):
        days = calendar.school_days_between(previous, peildatum)
    if len(days) < MIN_SCHOOLDAGEN:
        first = calendar.school_days[MIN_SCHOOLDAGEN - 1]
        raise PeildatumFout(
            f"voor de peildatum {peildatum} liggen te weinig schooldagen ({len(days)}) om een "
            f"schooljaar na te bootsen; kies een peildatum vanaf {first}."
        )
    return days[0]


def maak_plan(
    peildatum: dt.date, aantal: int, seed: int, calendar: SchoolCalendar | None = None
) -> Plan:
    """The demo school for ``aantal`` pupils; the same arguments always give the same plan."""
    if not MIN_LEERLINGEN <= aantal <= MAX_LEERLINGEN:
        raise ValueError(
            f"aantal leerlingen moet tussen {MIN_LEERLINGEN} en {MAX_LEERLINGEN} liggen"
        )
    cal = calendar if calendar is not None else demo_kalender()
    return _Generator(cal, peildatum, aantal, seed).run()


def halve_dag(uren: float) -> Decimal:
    """Missed hours for a morning or afternoon, as the register computes them."""
    return (Decimal(str(uren)) / 2).quantize(Decimal("0.01"))


def minuten(n: int) -> Decimal:
    return (Decimal(n) / Decimal(60)).quantize(Decimal("0.01"))


@dataclass
class _Leerling:
    """A pupil while the plan is being made."""

    data: PlanLeerling
    regs: dict[dt.date, PlanRegistratie] = field(default_factory=dict)
    bijzonder: bool = False


class _Generator:
    def __init__(self, calendar: SchoolCalendar, peildatum: dt.date, aantal: int, seed: int):
        self.cal = calendar
        self.peildatum = peildatum
        self.aantal = aantal
        self.rng = random.Random(seed)
        self.start = eerste_dag(calendar, peildatum)
        self.days = calendar.school_days_between(self.start, peildatum)
        self.last = self.days[-1]
        self.last_week = calendar.lesweek_index(self.last)
        self.year = school_year_start(peildatum).year
        self.pupils: list[_Leerling] = []
        self.verhalen: list[Verhaal] = []
        self.schorsingen: list[PlanSchorsing] = []
        self.verwijderingen: list[PlanVerwijdering] = []

    # -- helpers --------------------------------------------------------------------------

    def week(self, day: dt.date) -> int:
        return self.cal.lesweek_index(day)

    def hours(self, day: dt.date) -> float:
        return self.cal.scheduled_hours(day)

    def rustig(self, day: dt.date) -> bool:
        """A full day (not Wednesday) that does not touch a vacation: ongeoorloofd absence
        there counts towards the 16 uur (next to a vacation it would be luxe verzuim)."""
        return day.weekday() != 2 and self.cal.adjacent_vacation(day) is None

    def recent(self, until: dt.date, *, inclusive: bool = False) -> list[dt.date]:
        """Quiet school days before school day ``until`` (or up to it), in its lesweek and the
        three lesweken before it: all within 4 lesweken of ``until``."""
        top = self.week(until)
        return [
            d
            for d in self.days
            if (d <= until if inclusive else d < until)
            and top - self.week(d) <= 3
            and self.rustig(d)
        ]

    def kies(self, options: Sequence[dt.date], n: int) -> list[dt.date]:
        return sorted(self.rng.sample(list(options), min(n, len(options))))

    def laatste(self, options: Sequence[dt.date], ok: Callable[[dt.date], bool]) -> dt.date | None:
        return next((d for d in reversed(options) if ok(d)), None)

    def verhaal(self, pupil: _Leerling, wat: str) -> None:
        pupil.bijzonder = True
        self.verhalen.append(Verhaal(wat, pupil.data.nummer))

    def zet(
        self,
        pupil: _Leerling,
        day: dt.date,
        reden: Reason,
        *,
        moment: str = DAG,
        soort: Kind = Kind.ABSENT,
        uren: Decimal | None = None,
        notitie: str = "",
    ) -> None:
        pupil.regs[day] = PlanRegistratie(
            pupil.data.nummer, day, moment, soort.value, reden.value, uren, notitie
        )

    # -- the run --------------------------------------------------------------------------

    def run(self) -> Plan:
        self.maak_leerlingen()
        self.bijzondere_leerlingen()
        registraties = sorted(
            (
                reg
                for pupil in self.pupils
                for day, reg in pupil.regs.items()
                if pupil.data.ingeschreven_op(day) and self.start <= day <= self.peildatum
            ),
            key=lambda r: (r.nummer, r.datum, r.moment),
        )
        return Plan(
            peildatum=self.peildatum,
            eerste_dag=self.start,
            leerlingen=tuple(p.data for p in self.pupils),
            registraties=tuple(registraties),
            verhalen=tuple(self.verhalen),
            schorsingen=tuple(self.schorsingen),
            verwijderingen=tuple(self.verwijderingen),
        )

    # -- pupils ---------------------------------------------------------------------------

    def geboorte(self, groep: str) -> dt.date:
        y = self.year
        if groep.startswith("1/2"):
            lo = dt.date(y - 6, 10, 1)
            hi = self.peildatum - dt.timedelta(days=4 * 365 + 30)  # four, enrolled a while
        else:
            g = int(groep)
            lo, hi = dt.date(y - g - 4, 10, 1), dt.date(y - g - 3, 9, 30)
        return lo + dt.timedelta(days=self.rng.randrange((hi - lo).days + 1))

    def maak_leerlingen(self) -> None:
        rng = self.rng
        gemeenten = [g for g, _ in namen.WOONGEMEENTEN]
        gewichten = [w for _, w in namen.WOONGEMEENTEN]
        gezinnen: list[tuple[str, str, str]] = []  # (achternaam, woongemeente, groep)
        nummer = 1000
        for index, groep in enumerate(GROEPEN):
            count = self.aantal // len(GROEPEN) + (1 if index < self.aantal % len(GROEPEN) else 0)
            namen_in_groep: set[str] = set()
            for _ in range(count):
                jongen = rng.random() < 0.5
                broer_zus = [g for g in gezinnen if g[2] != groep]
                if broer_zus and rng.random() < 0.18:
                    achternaam, gemeente, _g = rng.choice(broer_zus)
                else:
                    achternaam = rng.choice(namen.ACHTERNAMEN)
                    gemeente = rng.choices(gemeenten, gewichten)[0]
                while True:
                    voornaam = rng.choice(namen.JONGENS if jongen else namen.MEISJES)
                    if f"{voornaam} {achternaam}" not in namen_in_groep:
                        break
                namen_in_groep.add(f"{voornaam} {achternaam}")
                gezinnen.append((achternaam, gemeente, groep))
                geboren = self.geboorte(groep)
                nummer += 1
                self.pupils.append(
                    _Leerling(
                        PlanLeerling(
                            nummer=str(nummer),
                            voornaam=voornaam,
                            achternaam=achternaam,
                            geboortedatum=geboren,
                            groep=groep,
                            ingeschreven_vanaf=birthday(geboren, 4),
                            woongemeente=gemeente,
                        )
                    )
                )

    def uit_groep(self, groep: str, *, heel: bool = True) -> _Leerling:
        """A pupil of ``groep`` without a story yet (``heel``: enrolled the whole period)."""
        options = [
            p
            for p in self.pupils
            if p.data.groep == groep
            and not p.bijzonder
            and (not heel or p.data.ingeschreven_vanaf <= self.start)
        ]
        pupil = self.rng.choice(options)
        pupil.bijzonder = True
        return pupil

    def achtergrond(self, pupil: _Leerling, factor: float, ongeoorloofd: bool) -> None:
        """Ordinary attendance: seasonal sickness, appointments, now and then a late arrival."""
        rng = self.rng
        i = 0
        while i < len(self.days):
            day = self.days[i]
            r = rng.random()
            ziek = ZIEKTEKANS[day.month] * factor
            if r < ziek:
                length = rng.choices((1, 2, 3, 4, 5), (45, 30, 15, 6, 4))[0]
                melder = rng.choice(("moeder", "vader", "moeder", "ouder", "verzorger"))
                for j, sick_day in enumerate(self.days[i : i + length]):
                    note = f"Ziek gemeld door {melder}" if j == 0 else ""
                    self.zet(pupil, sick_day, Reason.ZIEK, notitie=note)
                i += length
                continue
            r -= ziek
            if r < ARTSKANS:
                self.zet(
                    pupil,
                    day,
                    Reason.ARTS,
                    moment=OCHTEND,
                    uren=halve_dag(self.hours(day)),
                    notitie="Afspraak, vooraf gemeld door ouder",
                )
            elif ongeoorloofd and r < ARTSKANS + TE_LAAT_KANS:
                n = rng.choice((5, 10, 10, 15, 20))
                self.zet(
                    pupil,
                    day,
                    Reason.ONGEOORLOOFD,
                    soort=Kind.LATE,
                    uren=minuten(n),
                    notitie=f"{n} minuten te laat",
                )
            elif ongeoorloofd and r < ARTSKANS + TE_LAAT_KANS + NIET_GEMELD_KANS:
                self.zet(
                    pupil, day, Reason.ZIEK_NIET_GEMELD, notitie="Ziekte pas na schooltijd gemeld"
                )
            i += 1

    # -- the stories ----------------------------------------------------------------------

    def bijzondere_leerlingen(self) -> None:
        rng = self.rng
        # Stories first (they pick pupils enrolled the whole period), then ordinary life.
        thuiszitter = self.uit_groep("8")
        spijbelaar_a = self.uit_groep("8")
        spijbelaar_b = self.uit_groep("7")
        eerder_gemeld = self.uit_groep("7")
        grens = self.uit_groep("6")
        te_laat = [self.uit_groep(g) for g in ("5", "8", "6", "4")]
        chronisch = [self.uit_groep(g) for g in ("5", "3")]
        langdurig_ziek = self.uit_groep("4")
        luxe_jong = self.uit_groep("3")
        luxe_oud = self.uit_groep("6")
        luxe_oud.data = _met(luxe_oud.data, achternaam=luxe_jong.data.achternaam)
        luxe_na = self.uit_groep("5")
        ziek_na = self.uit_groep("6")
        geschorst = self.uit_groep("7")
        uitgeschreven = self.uit_groep("4")
        kleuter = self.uit_groep("1/2a", heel=False)

        gewoon = [p for p in self.pupils if not p.bijzonder]
        for pupil in self.pupils:
            factor = min(3.0, rng.lognormvariate(0.0, 0.6))
            if pupil.data.groep.startswith("1/2"):
                factor *= 1.3
            if pupil in chronisch:
                factor = 6.0
            self.achtergrond(pupil, factor, ongeoorloofd=pupil in gewoon)

        self.verhuizingen(gewoon)
        self.feestdagen()
        self.verlof(gewoon)

        self.maak_thuiszitter(thuiszitter)
        self.maak_spijbelaar_a(spijbelaar_a)
        self.maak_spijbelaar_b(spijbelaar_b)
        self.maak_eerder_gemeld(eerder_gemeld)
        self.maak_grens(grens)
        self.maak_te_laat(te_laat)
        for pupil in chronisch:
            self.verhaal(pupil, "vaak ziek gemeld: signaal ziekteverzuim (M@ZL)")
        self.maak_langdurig_ziek(langdurig_ziek)
        self.maak_luxe_herfst(luxe_jong, luxe_oud)
        self.maak_na_vakantie(luxe_na, ziek_na)
        self.maak_schorsing(geschorst)
        self.maak_uitgeschreven(uitgeschreven)
        self.maak_kleuter(kleuter)
        self.maak_verwijdering()

    def verhuizingen(self, gewoon: list[_Leerling]) -> None:
        """A few pupils moved in during the year, a few left for another school."""
        rng = self.rng
        older = [p for p in gewoon if not p.data.groep.startswith("1/2")]
        n = max(1, len(self.pupils) // 50)
        chosen = rng.sample(older, min(len(older), 2 * n))
        early = self.days[: max(1, len(self.days) * 2 // 3)]
        for pupil in chosen[:n]:
            pupil.data = _met(pupil.data, ingeschreven_vanaf=rng.choice(early[1:] or early))
        for pupil in chosen[n:]:
            until = rng.choice(early)
            pupil.data = _met(
                pupil.data,
                ingeschreven_tot=until,
                uitschrijfreden="nieuwe_school",
                nieuwe_inschrijving_vanaf=until + dt.timedelta(days=1),
            )

    def feestdagen(self) -> None:
        for pupil in self.pupils:
            if pupil.data.achternaam not in namen.FEESTDAG_FAMILIES or self.rng.random() > 0.8:
                continue
            for day, naam in FEESTDAGEN.items():
                if day in self.days:
                    self.zet(
                        pupil,
                        day,
                        Reason.OVERIG_GEOORLOOFD,
                        notitie=f"{naam}: plicht uit godsdienst, vooraf gemeld",
                    )

    def verlof(self, gewoon: list[_Leerling]) -> None:
        """Granted leave for gewichtige omstandigheden now and then."""
        rng = self.rng
        redenen = ("Huwelijk van een familielid", "Begrafenis grootouder", "Verhuizing gezin")
        for pupil in rng.sample(gewoon, max(1, len(gewoon) // 40)):
            day = rng.choice(self.days)
            self.zet(pupil, day, Reason.VERLOF, notitie=f"{rng.choice(redenen)} (verlof toegekend)")

    def maak_thuiszitter(self, pupil: _Leerling) -> None:
        """Every school day ongeoorloofd absent for the last 7 weeks (longer when vacations
        would leave fewer than 5 lesweken): LRV, thuiszitter 2a."""
        start = self.cal.first_school_day_on_or_after(self.peildatum - dt.timedelta(weeks=7))
        if start is None or start > self.last:
            start = self.last

        def lrv(begin: dt.date) -> bool:
            return not self.cal.within_lesweken(begin, self.last, 4)

        while not lrv(start) and start > self.days[0]:
            week = self.week(start) - 1
            start = next(d for d in self.days if self.week(d) >= week)
        streak = [d for d in self.days if d >= start]
        first_week = self.week(start)
        for i, day in enumerate(streak):
            note = "Ouders: wil niet naar school; geen ziekmelding" if i == 0 else ""
            self.zet(pupil, day, Reason.ONGEOORLOOFD, notitie=note)
        # before it: trouble building up (sick, late), never right before the streak
        before = [d for d in self.days if first_week - 5 <= self.week(d) < first_week - 1]
        for day in self.kies(before, 3):
            self.zet(pupil, day, Reason.ZIEK, notitie="Ziek gemeld door moeder")
        for day in self.kies([d for d in before if d not in pupil.regs], 2):
            self.zet(
                pupil,
                day,
                Reason.ONGEOORLOOFD,
                soort=Kind.LATE,
                uren=minuten(30),
                notitie="30 minuten te laat",
            )
        if streak:
            self.verhaal(
                pupil, f"thuiszitter: sinds {streak[0]} elke schooldag ongeoorloofd afwezig (LRV)"
            )

    def maak_spijbelaar_a(self, pupil: _Leerling) -> None:
        """Three whole days in three lesweken, the 16 uur reached a school day ago."""
        end = self.laatste(self.days[-3:-1] or self.days, self.rustig) or self.laatste(
            self.days, self.rustig
        )
        if end is None:
            return
        earlier = self.kies(self.recent(end), 2)
        for i, day in enumerate([*earlier, end]):
            if i == 0:
                self.zet(
                    pupil,
                    day,
                    Reason.ZIEK_NIET_GEMELD,
                    notitie="Om 11 uur ziek gemeld, niet volgens de afspraken",
                )
            else:
                self.zet(
                    pupil, day, Reason.ONGEOORLOOFD, notitie="Niet op school, ouders onbereikbaar"
                )
        self.spijbel_historie(pupil, end)
        self.verhaal(pupil, f"16 uur ongeoorloofd bereikt op {end}: DUO-melding binnen 5 werkdagen")

    def maak_spijbelaar_b(self, pupil: _Leerling) -> None:
        """Six afternoons away in three lesweken; the 16 uur reached over a week ago."""
        end = self.laatste(self.days[-8:-5] or self.days, self.rustig)
        if end is None:
            return
        earlier = self.kies(self.recent(end), 5)
        for day in [*earlier, end]:
            self.zet(
                pupil,
                day,
                Reason.ONGEOORLOOFD,
                moment=MIDDAG,
                uren=halve_dag(self.hours(day)),
                notitie="Na de middagpauze niet teruggekomen",
            )
        self.spijbel_historie(pupil, end)
        self.verhaal(pupil, f"16 uur ongeoorloofd (middagen) bereikt op {end}: melding te laat?")

    def spijbel_historie(self, pupil: _Leerling, end: dt.date) -> None:
        """One ongeoorloofd day long before (more than 6 lesweken)."""
        old = [d for d in self.days if self.week(end) - self.week(d) > 6 and self.rustig(d)]
        for day in self.kies(old, 1):
            self.zet(pupil, day, Reason.ONGEOORLOOFD, notitie="Niet op school, geen bericht")

    def maak_eerder_gemeld(self, pupil: _Leerling) -> None:
        """A 16-uur melding months ago, and a single day since."""
        week = self.last_week - 12
        cluster = [d for d in self.days if self.week(d) == week and self.rustig(d)]
        if len(cluster) < 3:
            return
        for day in self.kies(cluster, 3):
            self.zet(pupil, day, Reason.ONGEOORLOOFD, notitie="Gespijbeld")
        later = [d for d in self.days if 6 < self.last_week - self.week(d) < 10 and self.rustig(d)]
        for day in self.kies(later, 1):
            self.zet(pupil, day, Reason.ONGEOORLOOFD, notitie="Niet op school, geen bericht")
        self.verhaal(pupil, "eerder 16 uur ongeoorloofd: melding van maanden geleden")

    def maak_grens(self, pupil: _Leerling) -> None:
        """Two whole days and a late arrival in the last three lesweken: 11.25 uur."""
        days = self.kies(self.recent(self.last, inclusive=True), 3)
        if len(days) < 3:
            return
        for day in days[:2]:
            self.zet(pupil, day, Reason.ONGEOORLOOFD, notitie="Afwezig zonder bericht")
        self.zet(
            pupil,
            days[2],
            Reason.ONGEOORLOOFD,
            soort=Kind.LATE,
            uren=minuten(15),
            notitie="15 minuten te laat",
        )
        self.verhaal(pupil, "nadert de grens: ruim 11 uur ongeoorloofd in de lopende 4 lesweken")

    def maak_te_laat(self, pupils: list[_Leerling]) -> None:
        rng = self.rng
        excuses = ("Verslapen", "Bus gemist", "Broertje naar de opvang gebracht", "")
        this_year = [d for d in self.days if d >= school_year_start(self.peildatum)]
        often, recent_tenth = pupils[0], pupils[1]
        for pupil in pupils:
            if pupil is recent_tenth:
                # exactly ten this school year, the tenth three school days ago
                pool = this_year if len(this_year) > 12 else self.days
                days = [*self.kies(pool[:-12], 9), pool[-3]]
            else:
                chance = 0.1 if pupil is often else rng.choice((0.04, 0.06))
                days = [d for d in self.days if rng.random() < chance]
            for day in days:
                n = rng.choice((5, 10, 10, 15, 20, 25))
                excuse = rng.choice(excuses)
                self.zet(
                    pupil,
                    day,
                    Reason.ONGEOORLOOFD,
                    soort=Kind.LATE,
                    uren=minuten(n),
                    notitie=f"{n} minuten te laat" + (f": {excuse.lower()}" if excuse else ""),
                )
        count = sum(1 for reg in often.regs.values() if reg.soort == Kind.LATE.value)
        self.verhaal(often, f"vaak te laat: {count} keer sinds {self.start}")
        self.verhaal(recent_tenth, "tien keer te laat: melding 'overig verzuim'")

    def maak_langdurig_ziek(self, pupil: _Leerling) -> None:
        """Nine school days sick in a row, ending three weeks ago."""
        if len(self.days) < 30:
            return
        for i, day in enumerate(self.days[-23:-14]):
            self.zet(pupil, day, Reason.ZIEK, notitie="Ziek gemeld door vader" if i == 0 else "")
        self.verhaal(pupil, "langer dan 7 schooldagen ziek: signaal ziekteverzuim")

    def vakantie_voor(
        self, day: dt.date, name: str | None = None
    ) -> tuple[dt.date, dt.date] | None:
        """(last school day before, first school day after) the latest vacation (optionally
        with this name) that ended before ``day`` and lies within the generated period."""
        best: tuple[dt.date, dt.date] | None = None
        for vacation in self.cal.vacations:
            if name is not None and vacation.name != name:
                continue
            before = self.cal.previous_school_day(vacation.start)
            after = self.cal.next_school_day(vacation.end)
            if before is None or after is None or not self.start <= after < day:
                continue
            best = (before, after)
        return best

    def maak_luxe_herfst(self, young: _Leerling, old: _Leerling) -> None:
        """Two siblings leave on the Friday before the herfstvakantie (registered as luxe)."""
        around = self.vakantie_voor(self.last, "herfstvakantie")
        if around is None or around[0] < self.start:
            return
        for pupil in (young, old):
            self.zet(
                pupil,
                around[0],
                Reason.LUXE,
                notitie="Eerder op vakantie vertrokken; verlof was afgewezen",
            )
        for pupil in (young, old):
            self.verhaal(pupil, f"luxe verzuim op {around[0]}, voor de herfstvakantie (broer/zus)")

    def maak_na_vakantie(self, luxe: _Leerling, ziek: _Leerling) -> None:
        """Back two days late after the most recent vacation; a sick report on its first day."""
        around = self.vakantie_voor(self.last + dt.timedelta(days=1))
        if around is None:
            return
        first = around[1]
        second = self.cal.next_school_day(first)
        for day in [first] + ([second] if second is not None and second <= self.last else []):
            self.zet(
                luxe,
                day,
                Reason.ONGEOORLOOFD,
                notitie="Later terug van vakantie, geen verlof aangevraagd" if day == first else "",
            )
        self.verhaal(luxe, f"later terug van vakantie ({first}): luxe verzuim")
        self.zet(ziek, first, Reason.ZIEK, notitie="Ziek gemeld door moeder")
        self.verhaal(ziek, f"ziek gemeld op de eerste dag na de vakantie ({first})")

    def maak_schorsing(self, pupil: _Leerling) -> None:
        """Two days geschorst; the copies went to inspectie and leerplicht, not yet to the SWV."""
        days = self.days[-9:-7]
        if len(days) < 2:
            return
        for day in days:
            self.zet(
                pupil,
                day,
                Reason.SCHORSING,
                notitie="Geschorst (besluit directeur, ouders schriftelijk geïnformeerd)",
            )
        self.schorsingen.append(
            PlanSchorsing(
                pupil.data.nummer,
                tuple(days),
                "Herhaaldelijk agressief gedrag tegen medeleerlingen",
                besluit_op=days[0] - dt.timedelta(days=1),
                verstuurd=("inspectie", "leerplicht"),
            )
        )
        self.verhaal(
            pupil,
            f"2 dagen geschorst vanaf {days[0]}: kopie van het besluit aan het "
            "samenwerkingsverband nog te versturen",
        )

    def maak_verwijdering(self) -> None:
        """A verwijderingsprocedure halfway: voornemen, parents, pupil (when 12) and teacher
        heard; the consultation with the inspectie is next. Chosen without the random generator
        (the first ordinary pupil of the oldest group), so the rest of the demo stays the same."""
        candidates = [
            p
            for groep in ("8", "7")
            for p in self.pupils
            if p.data.groep == groep
            and not p.bijzonder
            and p.data.ingeschreven_vanaf <= self.start
            and p.data.ingeschreven_tot is None
        ]
        if not candidates:
            return
        pupil = candidates[0]
        n = len(self.days)
        voornemen, ouders, leerling, leerkracht = (
            self.days[max(0, n - k)] for k in (30, 25, 24, 23)
        )
        stappen = [
            (
                "voornemen",
                voornemen,
                "Voornemen na herhaald geweld; ouders schriftelijk geïnformeerd",
            ),
            ("ouders_gehoord", ouders, "Gesprek met beide ouders; zij zijn het niet eens"),
        ]
        if age_on(pupil.data.geboortedatum, leerkracht) >= 12:
            stappen.append(("leerling_gehoord", leerling, "Gesprek met de leerling en de mentor"))
        stappen.append(("leerkracht_gehoord", leerkracht, "Groepsleerkracht gehoord"))
        self.verwijderingen.append(
            PlanVerwijdering(pupil.data.nummer, tuple(stappen), zoeken_vanaf=voornemen)
        )
        self.verhaal(
            pupil,
            f"verwijderingsprocedure sinds {voornemen}: gehoord, volgende stap overleg met de "
            "inspectie",
        )

    def maak_uitgeschreven(self, pupil: _Leerling) -> None:
        """Uitgeschreven 'for a new school' that never enrolled him: absoluut verzuim."""
        until = self.days[-12] if len(self.days) > 12 else self.days[0]
        pupil.data = _met(pupil.data, ingeschreven_tot=until, uitschrijfreden="nieuwe_school")
        self.verhaal(pupil, f"uitgeschreven per {until} zonder nieuwe school: absoluut verzuim")

    def maak_kleuter(self, pupil: _Leerling) -> None:
        """Turned four recently: enrolled, not leerplichtig yet."""
        geboren = birthday(self.peildatum, -4) - dt.timedelta(days=self.rng.randrange(20, 70))
        pupil.data = _met(
            pupil.data, geboortedatum=geboren, ingeschreven_vanaf=birthday(geboren, 4)
        )
        self.verhaal(pupil, "net vier jaar: nog niet leerplichtig")


def _met(pupil: PlanLeerling, **changes: Any) -> PlanLeerling:
    return dataclasses.replace(pupil, **changes)
