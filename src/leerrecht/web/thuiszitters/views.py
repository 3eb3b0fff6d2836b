"""Pages of the thuiszitter register (office), the monthly overview (office and SWV), the yearly
analysis and figures (office) and the school's own figures (directeur, verzuimcoördinator).

Access (:mod:`leerrecht.web.thuiszitters.scope`): whoever has no role for what is asked gets a
404, as if it did not exist. Every page that shows or changes data about young people writes an
audit row (:func:`leerrecht.web.audit.log.vastleggen`); downloads are 'exporteren'.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht import scope as lp_scope
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.registratie.forms import parse_date
from leerrecht.web.thuiszitters import analyse as an
from leerrecht.web.thuiszitters import overzicht as ov
from leerrecht.web.thuiszitters import register, scope
from leerrecht.web.thuiszitters.forms import (
    JeugdigeForm,
    OverlegForm,
    RegistratieForm,
    StatusForm,
)
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Samenwerkingsverband,
    Status,
    ThuiszitterRegistratie,
)
from leerrecht.web.thuiszitters.statussen import (
    StatusFout,
    leg_overleg_vast,
    toegestaan,
    wijzig_gegevens,
    wijzig_status,
)
from leerrecht.web.thuiszitters.termijnen import (
    duur_weken,
    huidige_categorie,
    op_urgentie,
    termijnen,
)

DOEL_REGISTER = "thuiszitterregister bijhouden (seed 002 bijlage 1)"
DOEL_OVERZICHT = "maandoverzicht thuiszitters voor het samenwerkingsverband (seed 002 §3a)"


def _vandaag() -> dt.date:
    return timezone.localdate()


def _peildatum(request: HttpRequest) -> dt.date:
    """``?peildatum=`` (never later than today: later days have no register yet)."""
    vandaag = _vandaag()
    return min(parse_date(request.GET.get("peildatum"), vandaag), vandaag)


def _bureau(request: HttpRequest) -> Bureau:
    return scope.bureau(request.user, request.GET.get("bureau") or request.POST.get("bureau"))


def _registratie(request: HttpRequest, pk: int) -> ThuiszitterRegistratie:
    return get_object_or_404(
        scope.alle_registraties(request.user).select_related(
            "bureau", "jeugdige", "jeugdige__gemeente", "school", "swv", "leerling"
        ),
        pk=pk,
    )


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _basis(request: HttpRequest, bureau: Bureau) -> dict[str, Any]:
    """What every office page needs for its menu."""
    bureaus = list(lp_scope.bureaus(request.user))
    return {
        "bureau": bureau,
        "bureaus": bureaus,
        "bureau_query": f"?bureau={bureau.pk}" if len(bureaus) > 1 else "",
    }


def _detail_url(reg: ThuiszitterRegistratie) -> str:
    return reverse("thuiszitters:detail", args=[reg.pk])


def _ids(regs: list[ThuiszitterRegistratie]) -> str:
    return ", ".join(str(r.pk) for r in regs)


# -- register ------------------------------------------------------------------------------


@login_required
def register_lijst(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    as_of = _peildatum(request)
    status = request.GET.get("status", Status.OPEN.value)
    qs = scope.registraties(request.user, bureau).select_related("jeugdige", "school", "swv")
    if status in Status.values:
        qs = qs.filter(status=status)
    regs = list(qs.order_by("sinds", "jeugdige__achternaam", "pk"))
    rijen = [
        {
            "reg": r,
            "categorie": huidige_categorie(r, as_of),
            "weken": duur_weken(r, as_of),
            "termijnen": termijnen(r, as_of),
        }
        for r in regs
    ]
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"thuiszitterregister {bureau.naam}",
        doel=DOEL_REGISTER,
        omschrijving=_ids(regs),
    )
    return render(
        request,
        "thuiszitters/register.html",
        {
            **_basis(request, bureau),
            "rijen": rijen,
            "as_of": as_of,
            "status": status,
            "statussen": Status.choices,
        },
    )


@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    vandaag = _vandaag()
    if request.method == "POST":
        wie = JeugdigeForm(request.POST, bureau=bureau, prefix="wie")
        form = RegistratieForm(request.POST, registratiedatum=vandaag)
        if wie.is_valid() and form.is_valid():
            reg = form.save(commit=False)
            reg.bureau = bureau
            reg.aangemaakt_door = _gebruiker(request)
            if reg.swv is None:
                reg.swv = scope.swv_voor_school(reg.school)
            try:
                reg.jeugdige = wie.jeugdige_opslaan()
                if reg.school is not None:
                    reg.leerling = reg.jeugdige.leerlingen.filter(school=reg.school).first()
                register.maak(reg, _gebruiker(request))
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                vastleggen(
                    request.user,
                    Actie.AANMAKEN,
                    reg,
                    doel=DOEL_REGISTER,
                    leerling_id=reg.leerling_id,
                )
                messages.success(
                    request,
                    _("%(naam)s staat in het thuiszitterregister.") % {"naam": reg.jeugdige},
                )
                if reg.swv is None:
                    messages.warning(
                        request,
                        _(
                            "Er is geen samenwerkingsverband bekend: deze thuiszitter staat in "
                            "geen maandoverzicht voor een SWV. Kies het SWV bij 'Gegevens wijzigen'."
                        ),
                    )
                return redirect(_detail_url(reg))
    else:
        wie = JeugdigeForm(bureau=bureau, prefix="wie")
        form = RegistratieForm(registratiedatum=vandaag, initial={"sinds": vandaag})
    return render(
        request,
        "thuiszitters/nieuw.html",
        {**_basis(request, bureau), "wie": wie, "form": form},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _registratie(request, pk)
    vandaag = _vandaag()
    vastleggen(request.user, Actie.LEZEN, reg, doel=DOEL_REGISTER, leerling_id=reg.leerling_id)
    overgangen = [
        {"naar": s.value, "label": _("Opgelost") if s == Status.OPGELOST else _("Heropenen")}
        for s in toegestaan(reg.status)
    ]
    return render(
        request,
        "thuiszitters/detail.html",
        {
            **_basis(request, reg.bureau),
            "reg": reg,
            "vandaag": vandaag,
            "categorie": huidige_categorie(reg, vandaag),
            "weken": duur_weken(reg, vandaag),
            "termijnen": termijnen(reg, vandaag),
            "geschiedenis": reg.geschiedenis.select_related("door"),
            "overleg_form": OverlegForm(initial={"datum": vandaag}, prefix="overleg"),
            "status_form": StatusForm(initial={"datum": vandaag}),
            "overgangen": overgangen,
        },
    )


@login_required
def wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _registratie(request, pk)
    registratiedatum = timezone.localtime(reg.aangemaakt_op).date()
    oud = copy.copy(reg)
    if request.method == "POST":
        form = RegistratieForm(request.POST, instance=reg, registratiedatum=registratiedatum)
        if form.is_valid():
            nieuw_ = form.save(commit=False)
            if nieuw_.swv is None:
                nieuw_.swv = scope.swv_voor_school(nieuw_.school)
            rijen = wijzig_gegevens(nieuw_, oud, _gebruiker(request))
            vastleggen(
                request.user,
                Actie.WIJZIGEN,
                nieuw_,
                doel=DOEL_REGISTER,
                leerling_id=nieuw_.leerling_id,
                omschrijving="; ".join(r.naar for r in rijen),
            )
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(_detail_url(reg))
    else:
        form = RegistratieForm(instance=reg, registratiedatum=registratiedatum)
        vastleggen(request.user, Actie.LEZEN, reg, doel=DOEL_REGISTER, leerling_id=reg.leerling_id)
    return render(
        request,
        "thuiszitters/wijzigen.html",
        {**_basis(request, reg.bureau), "reg": reg, "form": form},
    )


@login_required
@require_POST
def overleg(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _registratie(request, pk)
    form = OverlegForm(request.POST, prefix="overleg")
    if not form.is_valid():
        messages.error(request, _("Vul de soort overleg en de datum in."))
        return redirect(_detail_url(reg))
    try:
        rij = leg_overleg_vast(
            reg,
            form.cleaned_data["soort"],
            form.cleaned_data["datum"],
            _gebruiker(request),
            vandaag=_vandaag(),
            notitie=form.cleaned_data["notitie"],
        )
    except StatusFout as exc:
        messages.error(request, str(exc))
        return redirect(_detail_url(reg))
    vastleggen(
        request.user,
        Actie.WIJZIGEN,
        reg,
        doel=DOEL_REGISTER,
        leerling_id=reg.leerling_id,
        omschrijving=f"{rij.get_soort_display()} {rij.datum}",
    )
    messages.success(
        request,
        _("%(soort)s op %(datum)s vastgelegd.")
        % {
            "soort": rij.get_soort_display().capitalize(),
            "datum": formats.date_format(form.cleaned_data["datum"], "j F Y"),
        },
    )
    return redirect(_detail_url(reg))


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _registratie(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Onbekende status."))
        return redirect(_detail_url(reg))
    data = form.cleaned_data
    try:
        wijzig_status(
            reg,
            data["naar"],
            _gebruiker(request),
            datum=data.get("datum"),
            uitkomst=data.get("uitkomst") or "",
            notitie=data.get("notitie") or "",
        )
    except StatusFout as exc:
        messages.error(request, str(exc))
        return redirect(_detail_url(reg))
    vastleggen(
        request.user,
        Actie.WIJZIGEN,
        reg,
        doel=DOEL_REGISTER,
        leerling_id=reg.leerling_id,
        omschrijving=f"status {reg.status}",
    )
    messages.success(
        request, _("De status is nu '%(status)s'.") % {"status": reg.get_status_display()}
    )
    return redirect(_detail_url(reg))


# -- suggestions from the rules ------------------------------------------------------------


@login_required
def suggesties(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    as_of = _peildatum(request)
    rijen, mislukt = register.suggesties(request.user, bureau, as_of)
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"thuiszittersuggesties {bureau.naam}",
        doel=DOEL_REGISTER,
        omschrijving=", ".join(str(s.leerling.pk) for s in rijen),
    )
    return render(
        request,
        "thuiszitters/suggesties.html",
        {**_basis(request, bureau), "rijen": rijen, "mislukt": mislukt, "as_of": as_of},
    )


@login_required
@require_POST
def opnemen(request: HttpRequest) -> HttpResponse:
    """One click: put a pupil the rules classify as thuiszitter in the register (the rules are
    evaluated again here: nothing the browser sends decides the category or the first day)."""
    bureau = _bureau(request)
    vandaag = _vandaag()
    as_of = min(parse_date(request.POST.get("peildatum"), vandaag), vandaag)
    wanted = request.POST.get("leerling", "")
    leerling = get_object_or_404(
        scope.leerlingen(request.user, bureau).select_related("school"),
        pk=int(wanted) if wanted.isdigit() else 0,
    )
    terug = (
        reverse("thuiszitters:suggesties")
        + "?"
        + urlencode({"bureau": str(bureau.pk), "peildatum": as_of.isoformat()})
    )
    gevonden, _mislukt = register.evalueer([leerling], as_of)
    thuiszitter = gevonden.get(leerling.pk)
    if thuiszitter is None:
        messages.error(
            request,
            _("Volgens de regels is %(naam)s geen thuiszitter (meer).") % {"naam": leerling},
        )
        return redirect(terug)
    try:
        reg = register.opnemen(bureau, leerling, thuiszitter, _gebruiker(request))
    except StatusFout as exc:
        messages.error(request, str(exc))
        return redirect(terug)
    vastleggen(request.user, Actie.AANMAKEN, reg, doel=DOEL_REGISTER, leerling_id=leerling.pk)
    messages.success(
        request,
        _("%(naam)s staat in het thuiszitterregister. Vul de reden en de afgesproken aanpak aan.")
        % {"naam": leerling},
    )
    return redirect(_detail_url(reg))


# -- deadlines -----------------------------------------------------------------------------


@login_required
def termijnen_lijst(request: HttpRequest) -> HttpResponse:
    """The open deadlines of the office's open thuiszitters, the most urgent first."""
    bureau = _bureau(request)
    as_of = _peildatum(request)
    regs = list(
        scope.registraties(request.user, bureau)
        .filter(status=Status.OPEN)
        .select_related("jeugdige", "school", "swv")
    )
    rijen = op_urgentie(regs, as_of)
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"termijnen thuiszitters {bureau.naam}",
        doel=DOEL_REGISTER,
        omschrijving=_ids([r.reg for r in rijen]),
    )
    return render(
        request,
        "thuiszitters/termijnen.html",
        {**_basis(request, bureau), "rijen": rijen, "as_of": as_of},
    )


# -- the monthly overview for the SWV ------------------------------------------------------


def _maand(request: HttpRequest, vandaag: dt.date) -> dt.date:
    deze = vandaag.replace(day=1)
    waarde = request.GET.get("maand", "")
    try:
        jaar, maand = (int(d) for d in waarde.split("-"))
        gekozen = dt.date(jaar, maand, 1)
    except ValueError:
        return deze
    return min(gekozen, deze)


def _overzicht(request: HttpRequest) -> tuple[ov.Maandoverzicht, dict[str, Any], str]:
    """The overview asked for, and the page context; 404 outside the user's SWVs or office."""
    vandaag = _vandaag()
    maand = _maand(request, vandaag)
    wanted = request.GET.get("swv", "")
    context: dict[str, Any] = {}
    qs: QuerySet[ThuiszitterRegistratie]
    if lp_scope.is_bureaumedewerker(request.user):
        bureau = _bureau(request)
        toegestaan_ = scope.swvs_voor_bureau(bureau)
        qs = scope.registraties(request.user, bureau)
        afzender = bureau.naam
        context.update(_basis(request, bureau))
        context["is_bureau"] = True
    else:
        toegestaan_ = scope.swvs(request.user)
        if not toegestaan_.exists():
            raise Http404(_("U heeft geen rol bij een samenwerkingsverband."))
        qs = ThuiszitterRegistratie.objects.filter(swv__in=toegestaan_)
        afzender = ", ".join(s.naam for s in toegestaan_)
        if not wanted and toegestaan_.count() == 1:
            wanted = str(toegestaan_.get().pk)
    swv: Samenwerkingsverband | None = None
    if wanted:
        swv = toegestaan_.filter(pk=wanted).first() if wanted.isdigit() else None
        if swv is None:
            raise Http404(_("Dit samenwerkingsverband hoort niet bij uw rollen."))
        qs = qs.filter(swv=swv)
    query = {"maand": maand.strftime("%Y-%m")}
    if swv is not None:
        query["swv"] = str(swv.pk)
    if request.GET.get("bureau"):
        query["bureau"] = request.GET["bureau"]
    naam = swv.naam if swv else _("alle samenwerkingsverbanden")
    maandnaam = formats.date_format(maand, "F Y")
    titel = _("Thuiszitters %(maand)s: %(swv)s") % {"maand": maandnaam, "swv": naam}
    overzicht = ov.maandoverzicht(qs, maand, vandaag, swv, titel)
    context.update(
        {
            "overzicht": overzicht,
            "swvs": list(toegestaan_),
            "swv": swv,
            "maand": maand,
            "query": urlencode(query),
        }
    )
    return overzicht, context, afzender


def _audit_overzicht(
    request: HttpRequest, overzicht: ov.Maandoverzicht, actie: Actie, formaat: str
) -> None:
    vastleggen(
        request.user,
        actie,
        f"maandoverzicht thuiszitters {overzicht.maand:%Y-%m} ({formaat})",
        doel=DOEL_OVERZICHT,
        omschrijving=f"{overzicht.titel}; registraties {_ids([r.reg for r in overzicht.rijen])}",
    )


@login_required
def swv_overzicht(request: HttpRequest) -> HttpResponse:
    overzicht, context, _afzender = _overzicht(request)
    _audit_overzicht(request, overzicht, Actie.LEZEN, "html")
    return render(request, "thuiszitters/swv_overzicht.html", context)


def _bestand(inhoud: bytes, mimetype: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept in a cache
    return response


def _bestandsnaam(overzicht: ov.Maandoverzicht, extensie: str) -> str:
    swv = f"-swv{overzicht.swv.pk}" if overzicht.swv else ""
    return f"thuiszitters-{overzicht.maand:%Y-%m}{swv}.{extensie}"


@login_required
def swv_overzicht_csv(request: HttpRequest) -> HttpResponse:
    overzicht, _context, _afzender = _overzicht(request)
    _audit_overzicht(request, overzicht, Actie.EXPORTEREN, "csv")
    return _bestand(
        ov.csv_bytes(overzicht), "text/csv; charset=utf-8", _bestandsnaam(overzicht, "csv")
    )


@login_required
def swv_overzicht_pdf(request: HttpRequest) -> HttpResponse:
    overzicht, _context, afzender = _overzicht(request)
    _audit_overzicht(request, overzicht, Actie.EXPORTEREN, "pdf")
    return _bestand(
        ov.pdf_bytes(overzicht, afzender), "application/pdf", _bestandsnaam(overzicht, "pdf")
    )


# -- yearly analysis and figures -----------------------------------------------------------


def _schooljaar(request: HttpRequest, vandaag: dt.date) -> int:
    huidig = an.schooljaar_van(vandaag)
    waarde = request.GET.get("schooljaar", "")
    if waarde.isdigit() and 2000 <= int(waarde) <= huidig:
        return int(waarde)
    return huidig


def _jaren(vandaag: dt.date) -> list[tuple[int, str]]:
    huidig = an.schooljaar_van(vandaag)
    return [(j, an.label(j)) for j in range(huidig, huidig - 6, -1)]


@login_required
def analyse(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    vandaag = _vandaag()
    jaar = _schooljaar(request, vandaag)
    uitkomst = an.analyse(scope.registraties(request.user, bureau), jaar, vandaag)
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"jaaranalyse thuiszitters {bureau.naam} {uitkomst.schooljaar}",
        doel="jaarlijkse analyse voor de beleidstafel thuiszitters (seed 002 bijlage 1)",
    )
    return render(
        request,
        "thuiszitters/analyse.html",
        {
            **_basis(request, bureau),
            "a": uitkomst,
            "jaar": jaar,
            "jaren": _jaren(vandaag),
            "kolommen": [str(k) for _c, k in an.KOLOMMEN],
            "tabellen": [
                (_("Thuiszitters per categorie"), "categorie", uitkomst.categorieen),
                (_("Redenen van thuiszitten"), "reden", uitkomst.redenen),
                (_("Duur van het thuiszitten"), "duur", uitkomst.duur),
                (_("Uitkomsten (opgelost in het schooljaar)"), "uitkomst", uitkomst.uitkomsten),
                (
                    _("Knelpunten bij plaatsing: redenen van wie na 3 maanden nog thuis zit"),
                    "knelpunt",
                    uitkomst.knelpunten,
                ),
            ],
        },
    )


@login_required
def analyse_csv(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    vandaag = _vandaag()
    jaar = _schooljaar(request, vandaag)
    uitkomst = an.analyse(scope.registraties(request.user, bureau), jaar, vandaag)
    vastleggen(
        request.user,
        Actie.EXPORTEREN,
        f"jaaranalyse thuiszitters {bureau.naam} {uitkomst.schooljaar} (csv)",
        doel="jaarlijkse analyse voor de beleidstafel thuiszitters (seed 002 bijlage 1)",
    )
    return _bestand(
        an.analyse_csv(uitkomst, bureau.naam),
        "text/csv; charset=utf-8",
        f"thuiszitteranalyse-{uitkomst.schooljaar}.csv",
    )


@login_required
def jaarcijfers(request: HttpRequest) -> HttpResponse:
    bureau = _bureau(request)
    vandaag = _vandaag()
    jaar = _schooljaar(request, vandaag)
    cijfers = an.bureau_jaarcijfers(bureau, jaar, vandaag)
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"jaarcijfers {bureau.naam} {cijfers.schooljaar}",
        doel="jaarcijfers voor het jaarverslag leerplicht",
    )
    return render(
        request,
        "thuiszitters/jaarcijfers.html",
        {**_basis(request, bureau), "c": cijfers, "jaar": jaar, "jaren": _jaren(vandaag)},
    )


@login_required
def jaarcijfers_school(request: HttpRequest) -> HttpResponse:
    scholen = scope.jaarcijfer_scholen(request.user)
    wanted = request.GET.get("school", "")
    school = (
        scholen.filter(pk=wanted).first()
        if wanted.isdigit()
        else (None if wanted else scholen.first())
    )
    if school is None:
        raise Http404(_("U heeft geen rol als directeur of verzuimcoördinator op deze school."))
    vandaag = _vandaag()
    jaar = _schooljaar(request, vandaag)
    cijfers = an.school_jaarcijfers(school, jaar, vandaag)
    vastleggen(
        request.user,
        Actie.LEZEN,
        f"jaarcijfers school {school.naam} {cijfers.schooljaar}",
        doel="jaarcijfers van de school",
    )
    return render(
        request,
        "thuiszitters/jaarcijfers_school.html",
        {
            "school": school,
            "scholen": list(scholen),
            "c": cijfers,
            "jaar": jaar,
            "jaren": _jaren(vandaag),
            "categorieen": Categorie,
        },
    )
