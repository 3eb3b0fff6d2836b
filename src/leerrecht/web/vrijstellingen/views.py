"""Office pages for vrijstellingen and verlof of more than 10 school days, the school's view of
the decisions about its pupils, and the letters (for the office, the school and the parents).

Access: office staff see the vrijstellingen of their own office and the forwarded verlof of
pupils in their area (:mod:`leerrecht.web.leerplicht.scope`); only a leerplichtambtenaar decides
(a 403 for the administratie). School staff with a schoolwide role see the decisions about the
pupils of their school. Everything else is a 404. Every read and write is audited.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrPromise

from leerrecht.core.calendar import CalendarError
from leerrecht.core.rules.verlof import VerlofCheck
from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht import scope as lp_scope
from leerrecht.web.leerplicht.models import Bureau, BureauRolSoort, Jeugdige
from leerrecht.web.scholen import scope as school_scope
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN, Leerling
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import VerlofAanvraag
from leerrecht.web.verlof.ouder_views import huidige_toegang
from leerrecht.web.vrijstellingen import brief, tijd
from leerrecht.web.vrijstellingen.forms import (
    StatusForm,
    VerklaringForm,
    VerlofBesluitForm,
    VrijstellingForm,
    ZoekForm,
)
from leerrecht.web.vrijstellingen.models import (
    BESLOTEN,
    VERKLARING_NODIG,
    Status,
    VerlofBesluit,
    Vrijstelling,
    VrijstellingWijziging,
)
from leerrecht.web.vrijstellingen.personen import jeugdige_voor
from leerrecht.web.vrijstellingen.statussen import (
    StatusFout,
    toegestaan,
    waarom_niet_toekennen,
    wijzig_status,
)
from leerrecht.web.vrijstellingen.verlofbesluit import (
    AlBesloten,
    NietAanLeerplicht,
    beslis,
    bureau_voor,
    doorgestuurd,
    mogelijke_besluiten,
)

ZOEK_MAX = 20

KNOP: dict[str, StrPromise] = {
    Status.IN_BEHANDELING: gettext_lazy("In behandeling nemen"),
    Status.TOEGEKEND: gettext_lazy("Toekennen"),
    Status.AFGEWEZEN: gettext_lazy("Afwijzen"),
    Status.INGETROKKEN: gettext_lazy("Intrekken"),
}

# audit purposes (stored, so Dutch whatever the screen language)
DOEL_BUREAU = "vrijstelling of verlof behandelen (leerplicht)"
DOEL_SCHOOL = "besluit van leerplicht over een leerling van de school"
DOEL_OUDER = "besluitbrief van leerplicht (ouder)"


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _pdf(inhoud: bytes, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{naam}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _is_leerplichtambtenaar(request: HttpRequest, bureau: Bureau) -> bool:
    return lp_scope.heeft_rol(request.user, bureau, BureauRolSoort.LEERPLICHTAMBTENAAR)


def _vereis_bureau(request: HttpRequest) -> None:
    if not lp_scope.is_bureaumedewerker(request.user):
        raise Http404(_("U werkt niet bij een leerplichtbureau."))


def _vrijstellingen(request: HttpRequest) -> QuerySet[Vrijstelling]:
    return Vrijstelling.objects.filter(bureau__in=lp_scope.bureaus(request.user)).select_related(
        "bureau", "jeugdige", "jeugdige__gemeente", "leerling", "leerling__school", "besloten_door"
    )


def _vrijstelling(request: HttpRequest, pk: int) -> Vrijstelling:
    return get_object_or_404(_vrijstellingen(request), pk=pk)


# -- the office: overview --------------------------------------------------------------------


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    _vereis_bureau(request)
    alle = _vrijstellingen(request)
    afgerond = (*BESLOTEN, Status.INGETROKKEN)
    lopend = list(alle.exclude(status__in=afgerond).order_by("aangevraagd_op", "pk"))
    besloten = list(alle.filter(status__in=afgerond).order_by("-besloten_op", "-pk")[:100])
    verlof_open = list(doorgestuurd(request.user).filter(leerplichtbesluit__isnull=True))
    verlof_besloten = list(
        VerlofBesluit.objects.filter(bureau__in=lp_scope.bureaus(request.user))
        .select_related("aanvraag", "aanvraag__leerling", "aanvraag__leerling__school")
        .order_by("-besloten_op", "-pk")[:100]
    )
    zoek = ZoekForm(request.GET or None)
    gevonden_leerlingen: list[Leerling] = []
    gevonden_jeugdigen: list[Jeugdige] = []
    if zoek.is_valid() and zoek.cleaned_data["q"].strip():
        q = zoek.cleaned_data["q"].strip()
        naam = Q(voornaam__icontains=q) | Q(achternaam__icontains=q)
        gevonden_leerlingen = list(
            lp_scope.leerlingen(request.user).filter(naam).select_related("school")[:ZOEK_MAX]
        )
        gevonden_jeugdigen = list(lp_scope.jeugdigen(request.user).filter(naam)[:ZOEK_MAX])
    for v in [*lopend, *besloten]:
        vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_BUREAU, omschrijving="in de lijst")
    for a in verlof_open:
        vastleggen(request.user, Actie.LEZEN, a, doel=DOEL_BUREAU, omschrijving="in de lijst")
    for b in verlof_besloten:
        vastleggen(
            request.user,
            Actie.LEZEN,
            b,
            doel=DOEL_BUREAU,
            leerling_id=b.aanvraag.leerling_id,
            omschrijving="in de lijst",
        )
    for leerling in gevonden_leerlingen:
        vastleggen(request.user, Actie.LEZEN, leerling, doel=DOEL_BUREAU, omschrijving="zoeken")
    for jeugdige in gevonden_jeugdigen:
        vastleggen(request.user, Actie.LEZEN, jeugdige, doel=DOEL_BUREAU, omschrijving="zoeken")
    return render(
        request,
        "vrijstellingen/lijst.html",
        {
            "lopend": lopend,
            "besloten": besloten,
            "verlof_open": verlof_open,
            "verlof_besloten": verlof_besloten,
            "zoek": zoek,
            "gevonden_leerlingen": gevonden_leerlingen,
            "gevonden_jeugdigen": gevonden_jeugdigen,
            "gezocht": zoek.is_bound,
        },
    )


# -- the office: a vrijstelling --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    _vereis_bureau(request)
    params = request.POST if request.method == "POST" else request.GET
    leerling_id = params.get("leerling", "")
    jeugdige_id = params.get("jeugdige", "")
    leerling: Leerling | None = None
    jeugdige: Jeugdige | None = None
    if leerling_id.isdigit():
        leerling = get_object_or_404(
            lp_scope.leerlingen(request.user).select_related("school"), pk=int(leerling_id)
        )
        bureau = bureau_voor(request.user, leerling)
        if bureau is None:
            raise Http404(_("Deze leerling hoort niet bij uw bureau."))
    elif jeugdige_id.isdigit():
        jeugdige = get_object_or_404(
            lp_scope.jeugdigen(request.user).select_related("bureau"), pk=int(jeugdige_id)
        )
        bureau = jeugdige.bureau
        leerling = (
            jeugdige.leerlingen.select_related("school").order_by("-ingeschreven_vanaf").first()
        )
    else:
        return redirect("vrijstellingen:lijst")
    form = VrijstellingForm(request.POST or None, initial={"aangevraagd_op": tijd.vandaag()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if jeugdige is None:
                assert leerling is not None
                jeugdige = jeugdige_voor(bureau, leerling)
            v = form.save(commit=False)
            v.bureau = bureau
            v.jeugdige = jeugdige
            v.leerling = leerling
            v.status = Status.ONTVANGEN
            v.aangemaakt_door = _gebruiker(request)
            v.save()
            VrijstellingWijziging.objects.create(
                vrijstelling=v, van="", naar=Status.ONTVANGEN, door=_gebruiker(request)
            )
        vastleggen(request.user, Actie.AANMAKEN, v, doel=DOEL_BUREAU)
        messages.success(request, _("De aanvraag is vastgelegd."))
        return redirect("vrijstellingen:detail", pk=v.pk)
    vastleggen(
        request.user,
        Actie.LEZEN,
        jeugdige if jeugdige is not None else cast(Leerling, leerling),
        doel=DOEL_BUREAU,
        omschrijving="nieuwe vrijstelling",
    )
    return render(
        request,
        "vrijstellingen/nieuw.html",
        {"form": form, "leerling": leerling, "jeugdige": jeugdige},
    )


def _overgangen(v: Vrijstelling, lpa: bool) -> list[dict[str, Any]]:
    return [
        {
            "naar": s.value,
            "label": KNOP[s],
            "motivering": s in (Status.TOEGEKEND, Status.AFGEWEZEN),
        }
        for s in toegestaan(v.status, leerplichtambtenaar=lpa)
    ]


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = _vrijstelling(request, pk)
    vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_BUREAU)
    lpa = _is_leerplichtambtenaar(request, v.bureau)
    open_ = v.status in (Status.ONTVANGEN, Status.IN_BEHANDELING)
    return render(
        request,
        "vrijstellingen/detail.html",
        {
            "v": v,
            "geschiedenis": v.geschiedenis.select_related("door"),
            "overgangen": _overgangen(v, lpa),
            "leerplichtambtenaar": lpa,
            "verklaring_nodig": VERKLARING_NODIG.get(v.grond),
            "verklaring_form": VerklaringForm(instance=v) if open_ else None,
            "waarom_niet": waarom_niet_toekennen(v) if v.status == Status.IN_BEHANDELING else [],
        },
    )


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    v = _vrijstelling(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De status is niet gewijzigd: controleer de velden."))
        return redirect("vrijstellingen:detail", pk=v.pk)
    naar = form.cleaned_data["naar"]
    lpa = _is_leerplichtambtenaar(request, v.bureau)
    if naar in (Status.TOEGEKEND, Status.AFGEWEZEN, Status.INGETROKKEN) and not lpa:
        raise PermissionDenied(_("Alleen een leerplichtambtenaar beslist over een vrijstelling."))
    try:
        wijzig_status(
            v,
            naar,
            _gebruiker(request),
            leerplichtambtenaar=lpa,
            motivering=form.cleaned_data["motivering"],
            notitie=form.cleaned_data["notitie"],
        )
    except StatusFout as exc:
        messages.error(request, str(exc))
    else:
        vastleggen(
            request.user, Actie.WIJZIGEN, v, doel=DOEL_BUREAU, omschrijving=f"status {v.status}"
        )
        messages.success(
            request, _("De status is nu '%(status)s'.") % {"status": Status(v.status).label}
        )
    return redirect("vrijstellingen:detail", pk=v.pk)


@login_required
@require_POST
def verklaring(request: HttpRequest, pk: int) -> HttpResponse:
    v = _vrijstelling(request, pk)
    if v.status not in (Status.ONTVANGEN, Status.IN_BEHANDELING):
        messages.error(request, _("Over deze vrijstelling is al besloten."))
        return redirect("vrijstellingen:detail", pk=v.pk)
    form = VerklaringForm(request.POST, instance=v)
    if form.is_valid():
        form.save()
        vastleggen(
            request.user,
            Actie.WIJZIGEN,
            v,
            doel=DOEL_BUREAU,
            omschrijving="verklaring of bewijs ontvangen",
        )
        messages.success(request, _("Vastgelegd dat de verklaring is ontvangen."))
    else:
        fouten = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("Niet opgeslagen: %(fouten)s") % {"fouten": fouten})
    return redirect("vrijstellingen:detail", pk=v.pk)


@login_required
def brief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    v = _vrijstelling(request, pk)
    if not v.besloten:
        raise Http404(_("Over deze vrijstelling is nog niet besloten."))
    vastleggen(request.user, Actie.EXPORTEREN, v, doel=DOEL_BUREAU, omschrijving="besluitbrief")
    return _pdf(brief.vrijstelling_brief(v), f"besluit-vrijstelling-{v.pk}.pdf")


# -- the office: verlof of more than 10 school days ------------------------------------------


def _doorgestuurde_aanvraag(request: HttpRequest, pk: int) -> VerlofAanvraag:
    _vereis_bureau(request)
    return get_object_or_404(
        doorgestuurd(request.user).select_related("besloten_door", "ingediend_via"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def verlof(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _doorgestuurde_aanvraag(request, pk)
    besluit = (
        VerlofBesluit.objects.filter(aanvraag=aanvraag).select_related("besloten_door").first()
    )
    bureau = bureau_voor(request.user, aanvraag.leerling)
    lpa = bureau is not None and _is_leerplichtambtenaar(request, bureau)
    check: VerlofCheck | None = None
    kalender_fout = ""
    try:
        check = toetsing.toets(aanvraag)
    except CalendarError as exc:
        kalender_fout = str(exc)
    form: VerlofBesluitForm | None = None
    if besluit is None and check is not None and check.decided_by == toetsing.LEERPLICHTAMBTENAAR:
        if request.method == "POST" and not lpa:
            raise PermissionDenied(_("Alleen een leerplichtambtenaar beslist over verlof."))
        if lpa:
            form = VerlofBesluitForm(
                request.POST if request.method == "POST" else None,
                mogelijk=mogelijke_besluiten(check),
            )
    if request.method == "POST":
        if form is None or bureau is None:
            messages.error(request, _("Over deze aanvraag kan hier niet (meer) worden besloten."))
            return redirect("vrijstellingen:verlof", pk=aanvraag.pk)
        if form.is_valid():
            try:
                uitkomst = beslis(
                    aanvraag.pk,
                    bureau,
                    form.cleaned_data["besluit"],
                    form.cleaned_data["motivering"],
                    _gebruiker(request),
                )
            except AlBesloten:
                messages.error(request, _("Over deze aanvraag is intussen al besloten."))
            except (NietAanLeerplicht, CalendarError, ValueError):
                messages.error(request, _("Dit besluit is niet mogelijk; bekijk de toets opnieuw."))
            else:
                vastleggen(
                    request.user,
                    Actie.AANMAKEN,
                    uitkomst.besluit,
                    doel=DOEL_BUREAU,
                    leerling_id=aanvraag.leerling_id,
                    omschrijving=f"verlof {uitkomst.besluit.besluit}",
                )
                messages.success(
                    request,
                    _("Besluit vastgelegd: %(besluit)s.")
                    % {"besluit": uitkomst.besluit.get_besluit_display()},
                )
                if uitkomst.besluit.toegekend:
                    messages.info(
                        request,
                        _("Verlof geregistreerd op %(n)d schooldag(en).")
                        % {"n": uitkomst.besluit.dagen_geregistreerd},
                    )
            return redirect("vrijstellingen:verlof", pk=aanvraag.pk)
    vastleggen(request.user, Actie.LEZEN, aanvraag, doel=DOEL_BUREAU)
    return render(
        request,
        "vrijstellingen/verlof.html",
        {
            "aanvraag": aanvraag,
            "leerling": aanvraag.leerling,
            "check": check,
            "kalender_fout": kalender_fout,
            "besluit": besluit,
            "form": form,
            "leerplichtambtenaar": lpa,
        },
    )


@login_required
def verlof_brief(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _doorgestuurde_aanvraag(request, pk)
    besluit = get_object_or_404(VerlofBesluit, aanvraag=aanvraag)
    vastleggen(
        request.user,
        Actie.EXPORTEREN,
        besluit,
        doel=DOEL_BUREAU,
        leerling_id=aanvraag.leerling_id,
        omschrijving="besluitbrief verlof",
    )
    return _pdf(brief.verlof_brief(besluit), f"besluit-verlof-leerplicht-{aanvraag.pk}.pdf")


# -- the school ------------------------------------------------------------------------------


def _school_leerlingen(request: HttpRequest) -> QuerySet[Leerling]:
    """Pupils of the schools where the user has a schoolwide role."""
    wide = school_scope.rollen(request.user).filter(soort__in=list(SCHOOLBREDE_ROLLEN))
    return Leerling.objects.filter(school_id__in=wide.values("school_id"))


@login_required
def school_lijst(request: HttpRequest) -> HttpResponse:
    leerlingen = _school_leerlingen(request)
    if not school_scope.rollen(request.user).filter(soort__in=list(SCHOOLBREDE_ROLLEN)).exists():
        raise Http404(_("U heeft geen schoolbrede rol."))
    vrijstellingen = list(
        Vrijstelling.objects.filter(leerling__in=leerlingen.values("pk"), besloten_op__isnull=False)
        .select_related("leerling", "leerling__groep", "bureau")
        .order_by("-besloten_op", "-pk")[:200]
    )
    verlofbesluiten = list(
        VerlofBesluit.objects.filter(aanvraag__leerling__in=leerlingen.values("pk"))
        .select_related("aanvraag", "aanvraag__leerling", "bureau")
        .order_by("-besloten_op", "-pk")[:200]
    )
    for v in vrijstellingen:
        vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_SCHOOL, omschrijving="in de lijst")
    for b in verlofbesluiten:
        vastleggen(
            request.user,
            Actie.LEZEN,
            b,
            doel=DOEL_SCHOOL,
            leerling_id=b.aanvraag.leerling_id,
            omschrijving="in de lijst",
        )
    return render(
        request,
        "vrijstellingen/school_lijst.html",
        {"vrijstellingen": vrijstellingen, "verlofbesluiten": verlofbesluiten},
    )


@login_required
def school_brief(request: HttpRequest, pk: int) -> HttpResponse:
    """The school's copy of the letter (seed 000 §1.1.2: "U ontvangt een kopie van de
    vrijstellingsbrief")."""
    v = get_object_or_404(
        Vrijstelling.objects.filter(
            leerling__in=_school_leerlingen(request).values("pk"), besloten_op__isnull=False
        ),
        pk=pk,
    )
    vastleggen(request.user, Actie.EXPORTEREN, v, doel=DOEL_SCHOOL, omschrijving="besluitbrief")
    return _pdf(brief.vrijstelling_brief(v), f"besluit-vrijstelling-{v.pk}.pdf")


@login_required
def school_verlof_brief(request: HttpRequest, pk: int) -> HttpResponse:
    besluit = get_object_or_404(
        VerlofBesluit.objects.filter(
            aanvraag__leerling__in=_school_leerlingen(request).values("pk")
        ).select_related("aanvraag", "aanvraag__leerling__school"),
        aanvraag_id=pk,
    )
    vastleggen(
        request.user,
        Actie.EXPORTEREN,
        besluit,
        doel=DOEL_SCHOOL,
        leerling_id=besluit.aanvraag.leerling_id,
        omschrijving="besluitbrief verlof",
    )
    return _pdf(brief.verlof_brief(besluit), f"besluit-verlof-leerplicht-{pk}.pdf")


# -- the parent (signed in with the school's code, see leerrecht.web.verlof.ouder_views) ------


def ouder_verlof_brief(request: HttpRequest, pk: int) -> HttpResponse:
    toegang = huidige_toegang(request)
    if toegang is None:
        messages.info(request, _("Vul eerst de code in die u van de school heeft gekregen."))
        return redirect("ouders:code")
    besluit = get_object_or_404(
        VerlofBesluit.objects.select_related("aanvraag", "aanvraag__leerling__school"),
        aanvraag_id=pk,
        aanvraag__leerling=toegang.leerling,
    )
    vastleggen(
        None,
        Actie.EXPORTEREN,
        besluit,
        doel=DOEL_OUDER,
        leerling_id=besluit.aanvraag.leerling_id,
        omschrijving=f"code {toegang.prefix}…",
    )
    return _pdf(brief.verlof_brief(besluit), f"besluit-verlof-leerplicht-{pk}.pdf")
