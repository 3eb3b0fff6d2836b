"""School pages: the worklist, taking the register, and the pupil page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, cast
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from leerrecht.core.calendar import CalendarError, add_werkdagen, school_year_start
from leerrecht.web import evaluatie
from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.evaluaties import cache as evaluaties
from leerrecht.web.menu import menu_rollen
from leerrecht.web.registratie.forms import (
    ActieForm,
    KeuzeForm,
    RegelForm,
    hours_for_moment,
    parse_date,
)
from leerrecht.web.registratie.grafiek import tijdlijn_svg
from leerrecht.web.registratie.models import ActieAfgehandeld, Registratie, RegistratieWijziging
from leerrecht.web.registratie.regels import Regels
from leerrecht.web.registratie.werklijstrijen import SignaalRijen
from leerrecht.web.registratie.ziekteverzuim import HERCLASSIFICATIE_DOEL
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import Groep, Leerling, RolSoort, School
from leerrecht.web.startpagina import startpagina
from leerrecht.web.vaste_query import VasteQuery

#: write the worklist's rows of protocol steps with :class:`SignaalRijen` (same HTML)
SNEL_WERKLIJST = True
#: open the register with :class:`Regels` instead of a template per widget (same HTML)
SNEL_REGISTER = True
NADERT_DE_GRENS = 10.0  # uren ongeoorloofd in 4 lesweken waarboven 'nadert de grens' verschijnt


def _school(request: HttpRequest, mine: list[School] | None = None) -> School:
    """The school asked for (``?school=``) among the user's, else their first; ``mine``: the
    user's schools when the caller has read them already (the worklist shows them too)."""
    wanted = request.GET.get("school")
    if mine is None:
        qs = scope.scholen(request.user)
        school = qs.filter(pk=wanted).first() if wanted and wanted.isdigit() else qs.first()
    elif wanted and wanted.isdigit():
        school = next((s for s in mine if s.pk == int(wanted)), None)
    else:
        school = mine[0] if mine else None
    if school is None:
        raise Http404(_("U heeft geen rol op een school."))
    return school


def _as_of(request: HttpRequest) -> dt.date:
    return parse_date(request.GET.get("peildatum"), dt.date.today())


@lru_cache(maxsize=4096)
def _werkdagen_tot(today: dt.date, due: dt.date) -> int:
    """Werkdagen left until ``due`` (negative when the deadline has passed). Kept per pair of
    dates: every worklist of the day asks the same pairs, and counting takes milliseconds."""
    if due >= today:
        n = 0
        while add_werkdagen(today, n) < due:
            n += 1
        return n
    n = 0
    while add_werkdagen(due, n) < today:
        n += 1
    return -n


def _per_leerling(naam: str) -> Callable[[int | str], str]:
    """The URL ``naam`` for a pupil id, reversed once: the rest is string formatting."""
    teken = 918273645
    kop, _midden, staart = reverse(naam, args=[teken]).partition(str(teken))
    return lambda pk: f"{kop}{pk}{staart}"


class _Datums:
    """A date in one format (in the active language), formatted once per date."""

    def __init__(self, formaat: str) -> None:
        self.formaat = formaat
        self._klaar: dict[dt.date, str] = {}

    def __call__(self, dag: dt.date) -> str:
        tekst = self._klaar.get(dag)
        if tekst is None:
            tekst = self._klaar[dag] = date_format(dag, self.formaat)
        return tekst


@login_required
def werklijst(request: HttpRequest) -> HttpResponse:
    # the kinds of role the menu reads anyway (one query per request for both)
    if not menu_rollen(request).school - {RolSoort.PRIVACY.value}:
        # office, SWV or JGZ staff and privacy officers: no school role that sees pupils
        elders = startpagina(request.user)
        if elders is not None:
            return redirect(elders)
    scholen = _scholen(request.user)  # for the choice of school as well
    school = _school(request, scholen)
    as_of = _as_of(request)
    # plain rows, not model instances: a school of 2,000 pupils (evaluatie.LeerlingRij)
    leerlingen = {str(p.pk): p for p in _leerling_rijen(request.user, school)}
    try:
        # only pupils whose registrations or data changed are evaluated again
        evaluation = evaluaties.evalueer(school, leerlingen.values(), as_of)
    except CalendarError as exc:
        messages.error(request, str(exc))
        return render(request, "werklijst.html", {"school": school, "as_of": as_of, "leeg": True})
    # Links and dates are made here, once per pupil or date: with a few hundred rows (a school of
    # 2,000 pupils) the template's {% url %} and |date per row cost more than the evaluation.
    peildatum = as_of.isoformat()
    naar_leerling = _per_leerling("leerling")
    naar_actie = _per_leerling("actie_afhandelen")
    brief_maken = reverse("brieven:maken")
    kort = _Datums("j M")

    def url(pupil_id: str) -> str:
        return f"{naar_leerling(pupil_id)}?peildatum={peildatum}"

    meldingen: list[dict[str, Any]] = [
        {
            "melding": m,
            "leerling": leerlingen[m.pupil_id],
            "url": url(m.pupil_id),
            "werkdagen": _werkdagen_tot(as_of, m.due),
        }
        for m in evaluation.meldingen
        if m.reached <= as_of and (m.due >= as_of - dt.timedelta(days=28) or m.end is None)
    ]
    meldingen.sort(key=lambda row: row["werkdagen"])
    horizon = as_of - dt.timedelta(days=28)
    done = {
        (a.leerling_id, a.protocol, a.stap, a.bereikt_op): a
        for a in _afgehandeld(school, leerlingen.values(), horizon)
    }
    signalen: list[dict[str, Any]] = [
        {
            "signaal": s,
            "leerling": leerlingen[s.pupil_id],
            "url": url(s.pupil_id),
            "op": kort(s.on),
            "op_iso": s.on.isoformat(),
            "actie_url": naar_actie(s.pupil_id),
            "brief_url": f"{brief_maken}?leerling={s.pupil_id}&protocol={quote(s.protocol)}"
            f"&stap={quote(s.step)}&stap_datum={s.on.isoformat()}",
            "afgehandeld": done.get((int(s.pupil_id), s.protocol, s.step, s.on)),
        }
        for s in evaluation.signals
        if s.on >= horizon
    ]
    signalen.sort(key=lambda row: row["signaal"].on, reverse=True)
    if SNEL_WERKLIJST:
        rij = SignaalRijen(request.get_full_path(), get_token(request))
        for n, row in enumerate(signalen, start=1):
            row["html"] = rij(n, row)
    thuiszitters = [
        {
            "leerling": leerlingen[r.pupil.pupil_id],
            "url": url(r.pupil.pupil_id),
            "thuiszitter": r.thuiszitter,
        }
        for r in evaluation.results
        if r.thuiszitter is not None
    ]
    checks = [
        {"check": c, "leerling": leerlingen[c.pupil_id], "url": url(c.pupil_id), "op": kort(c.on)}
        for c in evaluation.checks
        if c.on >= horizon
    ]
    grens = [
        {
            "leerling": leerlingen[r.pupil.pupil_id],
            "url": url(r.pupil.pupil_id),
            "uren": r.lopende_uren,
        }
        for r in evaluation.results
        if NADERT_DE_GRENS <= r.lopende_uren < 16
    ]
    schoolbreed = scope.schoolbreed(request.user, school)
    groepen = _groepen(request.user, school, schoolbreed)
    context: dict[str, Any] = {
        "school": school,
        "scholen": scholen,
        "as_of": as_of,
        "meldingen": meldingen,
        "signalen": signalen,
        "thuiszitters": thuiszitters,
        "checks": checks,
        "grens": grens,
        "groepen": groepen,
        "groep_links": _groep_links(groepen, peildatum) if SNEL_WERKLIJST else "",
        "schoolbreed": schoolbreed,
    }
    return render(request, "werklijst.html", context)


class _Gebruiker:
    """A signed-in account by id alone, to build :func:`scope.leerlingen`'s query for it."""

    is_authenticated = True

    def __init__(self, pk: int) -> None:
        self.pk = pk


#: the worklist's pupils (scope.leerlingen as evaluatie.leerling_rijen reads them), its SQL
#: written once per process
_LEERLINGEN = VasteQuery(
    lambda gebruiker, school: scope.leerlingen(
        cast(User, _Gebruiker(gebruiker)), School(pk=school)
    ).values_list(*evaluatie.RIJ_VELDEN),
    "gebruiker",
    "school",
    omzetten=True,
)


_SCHOOL_VELDEN = tuple(f.attname for f in School._meta.concrete_fields)
_GROEP_VELDEN = tuple(f.attname for f in Groep._meta.concrete_fields)
#: the worklist's schools and groups (scope.scholen, scope.groepen), their SQL written once
_SCHOLEN = VasteQuery(
    lambda gebruiker: scope.scholen(cast(User, _Gebruiker(gebruiker))).values_list(*_SCHOOL_VELDEN),
    "gebruiker",
    omzetten=True,
)
_GROEPEN_BREED = VasteQuery(
    lambda school: scope.groepen(
        cast(User, _Gebruiker(0)), School(pk=school), breed=True
    ).values_list(*_GROEP_VELDEN),
    "school",
    omzetten=True,
)
_GROEPEN_EIGEN = VasteQuery(
    lambda gebruiker, school: scope.groepen(
        cast(User, _Gebruiker(gebruiker)), School(pk=school), breed=False
    ).values_list(*_GROEP_VELDEN),
    "gebruiker",
    "school",
    omzetten=True,
)


def _scholen(user: Any) -> list[School]:
    """``list(scope.scholen(user))``, without building the query each time."""
    if not user.is_authenticated:
        return list(scope.scholen(user))
    return [
        School.from_db("default", _SCHOOL_VELDEN, rij) for rij in _SCHOLEN.rijen(gebruiker=user.pk)
    ]


def _groepen(user: Any, school: School, breed: bool) -> list[Groep]:
    """``list(scope.groepen(user, school, breed=breed))``, without building the query each
    time."""
    if not user.is_authenticated:
        return list(scope.groepen(user, school, breed=breed))
    if breed:  # every group of the school
        rijen = _GROEPEN_BREED.rijen(school=school.pk)
    else:
        rijen = _GROEPEN_EIGEN.rijen(gebruiker=user.pk, school=school.pk)
    return [Groep.from_db("default", _GROEP_VELDEN, rij) for rij in rijen]


def _leerling_rijen(user: Any, school: School) -> list[evaluatie.LeerlingRij]:
    """``evaluatie.leerling_rijen(scope.leerlingen(user, school))``, without building the
    query each time (the same SQL, values and order)."""
    if not user.is_authenticated:
        return evaluatie.leerling_rijen(scope.leerlingen(user, school))
    return evaluatie.RIJEN.rijen(_LEERLINGEN.rijen(gebruiker=user.pk, school=school.pk))


def _afgehandeld(
    school: School, leerlingen: Iterable[evaluatie.LeerlingGegevens], horizon: dt.date
) -> list[ActieAfgehandeld]:
    """Actions marked done since ``horizon`` for these pupils. For a whole school they are
    selected by school rather than by a list of 2,000 ids (as the stored evaluations are)."""
    school_id = school.pk  # (a model's pk is a property: once, not twice per pupil)
    eigen = {p.pk for p in leerlingen if p.school_id == school_id}
    anders = [p.pk for p in leerlingen if p.school_id != school_id]
    qs = ActieAfgehandeld.objects.filter(bereikt_op__gte=horizon).select_related("gedaan_door")
    if len(eigen) <= evaluaties.LIJST_TOT:
        return list(qs.filter(leerling_id__in=[*eigen, *anders]))
    gevonden = [a for a in qs.filter(leerling__school_id=school.pk) if a.leerling_id in eigen]
    if anders:
        gevonden += qs.filter(leerling_id__in=anders)
    return gevonden


def _groep_links(groepen: list[Groep], peildatum: str) -> SafeString:
    """The worklist's links to the register of each group, written once (a coordinator of a
    large school has a hundred groups; the template's {% url %} and {% blocktranslate %} per
    group cost more than the rest of that list). The same HTML as the template's loop."""
    naar_groep = _per_leerling("registreren")
    tekst = _("Groep %(naam)s")
    links = []
    for g in groepen:
        naam = tekst % {"naam": escape(g.naam)}  # as {% blocktranslate %}: only the value escaped
        links.append(f'<li><a href="{escape(naar_groep(g.pk))}?datum={peildatum}">{naam}</a></li>')
    # every value in it is escaped here; the text is the catalogue's
    return mark_safe("".join(links))


@login_required
def registreren(request: HttpRequest, groep_id: int) -> HttpResponse:
    groep = get_object_or_404(Groep.objects.select_related("school"), pk=groep_id)
    if not scope.mag_groep(request.user, groep):
        raise Http404(_("Deze groep hoort niet bij uw rollen."))
    calendar = evaluatie.calendar_for(groep.school)
    keuze = KeuzeForm(request.GET or None, initial={"datum": dt.date.today()})
    datum = parse_date(request.GET.get("datum"), dt.date.today())
    moment = request.GET.get("moment", "dag")
    problem = ""
    try:
        problem = calendar.why_not_school_day(datum)
    except CalendarError as exc:
        problem = str(exc)
    leerlingen = list(
        groep.leerlingen.filter(ingeschreven_vanaf__lte=datum).exclude(ingeschreven_tot__lt=datum)
    )
    existing = _bestaand(leerlingen, datum, moment)
    regel_formset = formset_factory(RegelForm, extra=0)
    form_kwargs = {"datum": datum}
    initial = _beginwaarden(leerlingen, existing)
    # Saved with htmx (the page's form): the answer is the form alone, as it is now, with the
    # message in it; without JavaScript the browser posts and follows a redirect to the page.
    htmx = request.method == "POST" and bool(getattr(request, "htmx", False))
    if htmx and problem:
        return HttpResponseClientRedirect(request.get_full_path())  # the page says why
    melding: dict[str, str] | None = None
    if request.method == "POST" and not problem:
        formset = regel_formset(request.POST, initial=initial, form_kwargs=form_kwargs)
        # every line is checked against the stored value of the pupil at the same position
        # (a sick day made ongeoorloofd, a note next to sick leave): the lines must be the
        # pupils in the page's order, else a reordered POST would compare with another pupil
        volgorde = [str(p.pk) for p in leerlingen]
        gepost = [request.POST.get(f"form-{n}-leerling", "") for n in range(len(volgorde))]
        if {g for g in gepost if g.isdigit()} - set(volgorde):
            raise Http404(_("Een leerling hoort niet bij deze groep."))
        passend = len(formset.forms) != len(leerlingen) or gepost == volgorde
        if passend and formset.is_valid():
            allowed = {p.pk for p in leerlingen}
            if any(f.cleaned_data["leerling"] not in allowed for f in formset.forms):
                raise Http404(_("Een leerling hoort niet bij deze groep."))
            changed = _save_register(
                request, formset.forms, existing, datum, moment, calendar.scheduled_hours(datum)
            )
            tekst = _("Register opgeslagen: %(n)d wijziging(en).") % {"n": changed}
            if not htmx:
                messages.success(request, tekst)
                return redirect(f"{request.path}?datum={datum.isoformat()}&moment={moment}")
            melding = {"soort": "success", "tekst": tekst}
            initial = _beginwaarden(leerlingen, _bestaand(leerlingen, datum, moment))
            formset = regel_formset(initial=initial, form_kwargs=form_kwargs)
        elif not passend or len(formset.forms) != len(leerlingen):
            # not this group's register (no or a changed management form, other pupils or
            # another order, or the group changed since the page was opened): nothing is saved,
            # the register is shown anew
            melding = {
                "soort": "error",
                "tekst": _(
                    "Het register is niet opgeslagen: het formulier past niet bij de leerlingen "
                    "van deze groep. Vul het register opnieuw in."
                ),
            }
            formset = regel_formset(initial=initial, form_kwargs=form_kwargs)
        else:
            melding = {
                "soort": "error",
                "tekst": _("Het register is niet opgeslagen: controleer de gemarkeerde regels."),
            }
        if not htmx:  # the page shows it with the other messages
            messages.error(request, melding["tekst"])
            melding = None
    else:
        formset = regel_formset(initial=initial, form_kwargs=form_kwargs)
    # a posted form with errors goes through the widgets (they mark the errors)
    regel = Regels() if SNEL_REGISTER and not formset.is_bound else None
    rows = [
        (leerling, form, regel(form, leerling) if regel is not None else "")
        for leerling, form in zip(leerlingen, formset.forms, strict=True)
    ]
    context = {
        "groep": groep,
        "keuze": keuze,
        "datum": datum,
        "moment": moment,
        "problem": problem,
        "formset": formset,
        "rows": rows,
        "melding": melding,
    }
    if htmx:
        # the form alone needs no menu: without the context processors (their queries)
        context.update(request=request, csrf_token=get_token(request))
        return HttpResponse(get_template("_register.html").render(context))
    return render(request, "registreren.html", context)


def _bestaand(leerlingen: list[Leerling], datum: dt.date, moment: str) -> dict[int, Registratie]:
    """The registrations on the register of ``datum`` and ``moment``, per pupil id."""
    ids = [p.pk for p in leerlingen]  # (ids, not instances: the same query, less to resolve)
    return {
        r.leerling_id: r
        for r in Registratie.objects.filter(leerling_id__in=ids, datum=datum, moment=moment)
    }


def _beginwaarden(
    leerlingen: list[Leerling], existing: dict[int, Registratie]
) -> list[dict[str, Any]]:
    """The register's lines as stored (a pupil without a registration was present)."""
    initial = []
    for leerling in leerlingen:
        reg = existing.get(leerling.pk)
        row: dict[str, Any] = {"leerling": leerling.pk, "status": "aanwezig"}
        if reg is not None:
            row.update(status=reg.soort, reden=reg.reden, notitie=reg.notitie)
            if reg.soort == "late" and reg.uren is not None:
                row["minuten"] = round(float(reg.uren) * 60)
        initial.append(row)
    return initial


def beschrijf(reg: Registratie | None) -> str:
    """A registration as text for the correction history ("aanwezig" when there is none)."""
    if reg is None:
        return "aanwezig"
    text = f"{reg.get_soort_display()} ({reg.reden})"
    return text + (f", {reg.uren} uur" if reg.uren is not None else "")


def leg_wijziging_vast(
    leerling_id: int,
    datum: dt.date,
    moment: str,
    oude_waarde: str,
    nieuwe_waarde: str,
    door: User,
    ouders_geinformeerd_op: dt.date | None = None,
) -> RegistratieWijziging:
    """Keep the previous value of a changed registration: who changed it and when (also used
    when a schorsing replaces registrations). ``ouders_geinformeerd_op``: sick leave made
    ongeoorloofd, the day the parents were told (:mod:`leerrecht.web.registratie.ziekteverzuim`)."""
    return RegistratieWijziging.objects.create(
        leerling_id=leerling_id,
        datum=datum,
        moment=moment,
        oude_waarde=oude_waarde,
        nieuwe_waarde=nieuwe_waarde,
        gewijzigd_door=door,
        ouders_geinformeerd_op=ouders_geinformeerd_op,
    )


@transaction.atomic
def _save_register(
    request: HttpRequest,
    forms: list[Any],
    existing: dict[int, Registratie],
    datum: dt.date,
    moment: str,
    scheduled: float,
) -> int:
    changed = 0
    for form in forms:
        data = form.cleaned_data
        leerling_id = data["leerling"]
        old = existing.get(leerling_id)
        status = data["status"]
        if status == "aanwezig":
            if old is not None:
                leg_wijziging_vast(
                    leerling_id, datum, moment, beschrijf(old), "aanwezig", cast(User, request.user)
                )
                old.delete()
                changed += 1
            continue
        uren = form.uren() if status == "late" else hours_for_moment(moment, scheduled)
        values = {
            "soort": status,
            "reden": data["reden"],
            "uren": uren,
            "notitie": data.get("notitie", ""),
        }
        if old is None:
            Registratie.objects.create(
                leerling_id=leerling_id,
                datum=datum,
                moment=moment,
                geregistreerd_door=cast(User, request.user),
                **values,
            )
            changed += 1
            continue
        if (old.soort, old.reden, old.uren, old.notitie) == (
            values["soort"],
            values["reden"],
            values["uren"],
            values["notitie"],
        ):
            continue
        before = beschrijf(old)
        for key, value in values.items():
            setattr(old, key, value)
        old.save()
        geinformeerd = data["ouders_geinformeerd_op"] if form.herclassificatie() else None
        leg_wijziging_vast(
            leerling_id,
            datum,
            moment,
            before,
            beschrijf(old),
            cast(User, request.user),
            ouders_geinformeerd_op=geinformeerd,
        )
        if geinformeerd is not None:
            vastleggen(
                request.user,
                Actie.WIJZIGEN,
                old,
                doel=HERCLASSIFICATIE_DOEL,
                omschrijving=f"{datum.isoformat()} ({moment}): {before} -> {beschrijf(old)}; "
                f"ouders geïnformeerd op {geinformeerd.isoformat()}",
            )
        changed += 1
    return changed


@login_required
def actie_afhandelen(request: HttpRequest, leerling_id: int) -> HttpResponse:
    """Mark the actions of a reached protocol step done, with a note (POST from the worklist).

    Without JavaScript the form posts and the worklist reloads. With HTMX only the cell of the
    step is replaced (``_actie.html``), so the worklist need not be evaluated again.
    """
    if request.method != "POST":
        return redirect("werklijst")
    pupil = get_object_or_404(scope.leerlingen(request.user), pk=leerling_id)
    htmx = bool(getattr(request, "htmx", False))
    form = ActieForm(request.POST)
    next_url = request.POST.get("volgende", "")
    if not form.is_valid():
        fout = _("Niet opgeslagen: vul een notitie in bij de afgehandelde actie.")
        if htmx and not form.errors.keys() - {"notitie"}:
            row = {
                "leerling": pupil,
                "actie_url": reverse("actie_afhandelen", args=[pupil.pk]),
                "op_iso": form.cleaned_data["bereikt_op"].isoformat(),
                "signaal": {
                    "protocol": form.cleaned_data["protocol"],
                    "step": form.cleaned_data["stap"],
                    "on": form.cleaned_data["bereikt_op"],
                },
            }
            return _actie_fragment(request, row, fout, next_url)
        messages.error(request, fout)
        return redirect("werklijst")
    # The step must really have been reached: never record a note for a made-up step.
    as_of = form.cleaned_data["bereikt_op"]
    evaluation = evaluatie.evaluate_pupils(pupil.school, [pupil], as_of)
    reached = any(
        s.protocol == form.cleaned_data["protocol"]
        and s.step == form.cleaned_data["stap"]
        and s.on == as_of
        for s in evaluation.signals
    )
    if not reached:
        raise Http404(_("Deze stap is voor deze leerling niet bereikt."))
    gedaan, _created = ActieAfgehandeld.objects.get_or_create(
        leerling=pupil,
        protocol=form.cleaned_data["protocol"],
        stap=form.cleaned_data["stap"],
        bereikt_op=as_of,
        defaults={"notitie": form.cleaned_data["notitie"], "gedaan_door": cast(User, request.user)},
    )
    if htmx:
        row = {"leerling": pupil, "afgehandeld": gedaan}
        return _actie_fragment(request, row, "", next_url)
    messages.success(request, _("Actie afgehandeld voor %(naam)s.") % {"naam": pupil})
    return redirect(
        next_url if next_url.startswith("/") and not next_url.startswith("//") else "werklijst"
    )


def _actie_fragment(
    request: HttpRequest, row: dict[str, Any], fout: str, volgende: str
) -> HttpResponse:
    n = request.POST.get("n", "0")
    return render(
        request,
        "_actie.html",
        {"row": row, "fout": fout, "volgende": volgende, "n": n if n.isdigit() else "0"},
    )


@login_required
def leerling(request: HttpRequest, leerling_id: int) -> HttpResponse:
    pupil = get_object_or_404(scope.leerlingen(request.user), pk=leerling_id)
    as_of = _as_of(request)
    result = None
    grafiek = ""
    registraties = list(pupil.registraties.order_by("-datum"))
    try:
        evaluation = evaluatie.evaluate_pupils(pupil.school, [pupil], as_of)
        result = evaluation.results[0]
        calendar = evaluatie.calendar_for(pupil.school)
        year_start = school_year_start(as_of)
        grafiek = tijdlijn_svg(
            calendar, registraties, result.meldingen, result.signals, year_start, as_of
        )
    except CalendarError as exc:
        messages.error(request, str(exc))
    return render(
        request,
        "leerling.html",
        {
            "leerling": pupil,
            "as_of": as_of,
            "result": result,
            "grafiek": grafiek,
            "registraties": registraties[:200],
            "wijzigingen": pupil.wijzigingen.select_related("gewijzigd_door")[:50],
        },
    )
