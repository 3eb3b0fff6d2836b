"""Pages for parents. No Django account: a code issued by the school, kept in the session.

The session holds the id of the access code and of its pupil; every request checks that the
code is still active, so withdrawing a code locks the parent out at once. A parent only ever
sees the pupil of their own code.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from leerrecht.core.calendar import CalendarError
from leerrecht.core.rules.verlof import VerlofCheck
from leerrecht.web.tweestaps import pogingen
from leerrecht.web.tweestaps.beleid import OUDERCODE
from leerrecht.web.tweestaps.views import geblokkeerd
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.brief import besluitbrief
from leerrecht.web.verlof.forms import CodeForm, VerlofForm, ZiekmeldingForm
from leerrecht.web.verlof.models import BESLOTEN, OuderToegang, VerlofAanvraag

SESSIE_TOEGANG = "verlof_ouder_toegang"
SESSIE_LEERLING = "verlof_ouder_leerling"

P = ParamSpec("P")


def _uitloggen(request: HttpRequest) -> None:
    request.session.pop(SESSIE_TOEGANG, None)
    request.session.pop(SESSIE_LEERLING, None)


def huidige_toegang(request: HttpRequest) -> OuderToegang | None:
    """The parent's active access from the session, or None."""
    toegang_id = request.session.get(SESSIE_TOEGANG)
    leerling_id = request.session.get(SESSIE_LEERLING)
    if not isinstance(toegang_id, int) or not isinstance(leerling_id, int):
        return None
    toegang = (
        OuderToegang.objects.select_related("leerling", "leerling__school", "leerling__groep")
        .filter(pk=toegang_id, leerling_id=leerling_id, actief=True)
        .first()
    )
    if toegang is None:
        _uitloggen(request)
    return toegang


def ouder_vereist(
    view: Callable[Concatenate[HttpRequest, OuderToegang, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Only with a valid code in the session; otherwise back to the code page."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        toegang = huidige_toegang(request)
        if toegang is None:
            messages.info(request, _("Vul eerst de code in die u van de school heeft gekregen."))
            return redirect("ouders:code")
        response = view(request, toegang, *args, **kwargs)
        response.headers["Cache-Control"] = "no-store"
        return response

    return wrapper


@never_cache
def code(request: HttpRequest) -> HttpResponse:
    """Enter the school's code. A wrong, unknown or withdrawn code gets the same answer."""
    if request.method == "POST":
        # brute-force protection: failed codes per IP address, counted like failed logins
        if not pogingen.toegestaan(request, OUDERCODE):
            return geblokkeerd(request, None, {"username": OUDERCODE})
        form = CodeForm(request.POST)
        if form.is_valid():
            toegang = OuderToegang.zoek(form.cleaned_data["code"])
            if toegang is None and pogingen.mislukt(request, OUDERCODE):
                return geblokkeerd(request, None, {"username": OUDERCODE})
            if toegang is not None:
                request.session.cycle_key()
                request.session[SESSIE_TOEGANG] = toegang.pk
                request.session[SESSIE_LEERLING] = toegang.leerling_id
                toegang.laatst_gebruikt = timezone.now()
                toegang.save(update_fields=["laatst_gebruikt"])
                return redirect("ouders:overzicht")
            form.add_error(
                "code",
                _(
                    "Deze code is niet geldig. Controleer of u de code goed heeft overgenomen, "
                    "of vraag de school om een nieuwe code."
                ),
            )
    else:
        form = CodeForm(initial={"code": request.GET.get("code", "")[:100]})
    return render(
        request, "verlof/ouder_code.html", {"form": form, "toegang": huidige_toegang(request)}
    )


@require_POST
def afmelden(request: HttpRequest) -> HttpResponse:
    _uitloggen(request)
    messages.success(request, _("U bent afgemeld."))
    return redirect("ouders:code")


@ouder_vereist
def overzicht(request: HttpRequest, toegang: OuderToegang) -> HttpResponse:
    aanvragen = VerlofAanvraag.objects.filter(leerling=toegang.leerling).order_by("-start", "-pk")
    return render(
        request,
        "verlof/ouder_overzicht.html",
        {"leerling": toegang.leerling, "aanvragen": aanvragen},
    )


@ouder_vereist
def ziekmelding(request: HttpRequest, toegang: OuderToegang) -> HttpResponse:
    leerling = toegang.leerling
    form = ZiekmeldingForm(request.POST or None, leerling=leerling)
    if request.method == "POST" and form.is_valid():
        try:
            dagen = toetsing.registreer_dagen(
                leerling,
                form.cleaned_data["van"],
                form.cleaned_data["tot"],
                "ziek",
                None,
                # stored data stays Dutch, whatever the language of the screen
                notitie=f"ziekgemeld door ouder (code {toegang.prefix}…)",
            )
        except CalendarError as exc:
            form.add_error(None, str(exc))
        else:
            return render(
                request,
                "verlof/ouder_ziekmelding_klaar.html",
                {
                    "leerling": leerling,
                    "geregistreerd": [d for d in dagen if d.geregistreerd],
                    "overgeslagen": [d for d in dagen if not d.geregistreerd],
                },
            )
    return render(request, "verlof/ouder_ziekmelding.html", {"leerling": leerling, "form": form})


@ouder_vereist
def aanvragen(request: HttpRequest, toegang: OuderToegang) -> HttpResponse:
    leerling = toegang.leerling
    if request.method == "POST":
        form = VerlofForm(request.POST, request.FILES, leerling=leerling)
        if form.is_valid():
            aanvraag = form.save(commit=False)
            aanvraag.leerling = leerling
            aanvraag.aangevraagd_op = toetsing.vandaag()
            aanvraag.ingediend_via = toegang
            aanvraag.save()
            messages.success(request, _("Uw aanvraag is ontvangen."))
            return redirect("ouders:aanvraag", pk=aanvraag.pk)
    else:
        form = VerlofForm(leerling=leerling)
    return render(request, "verlof/ouder_aanvragen.html", {"leerling": leerling, "form": form})


def _toets_of_niets(aanvraag: VerlofAanvraag) -> VerlofCheck | None:
    try:
        return toetsing.toets(aanvraag)
    except CalendarError:
        return None


@ouder_vereist
def aanvraag(request: HttpRequest, toegang: OuderToegang, pk: int) -> HttpResponse:
    verzoek = get_object_or_404(VerlofAanvraag, pk=pk, leerling=toegang.leerling)
    check = None if verzoek.besloten else _toets_of_niets(verzoek)
    return render(
        request,
        "verlof/ouder_aanvraag.html",
        {
            "leerling": toegang.leerling,
            "aanvraag": verzoek,
            "check": check,
            "samenvatting": toetsing.samenvatting(check) if check else "",
        },
    )


@ouder_vereist
def besluit_pdf(request: HttpRequest, toegang: OuderToegang, pk: int) -> HttpResponse:
    verzoek = get_object_or_404(
        VerlofAanvraag.objects.select_related("leerling__school", "leerling__groep"),
        pk=pk,
        leerling=toegang.leerling,
    )
    if verzoek.status not in BESLOTEN:
        raise Http404(_("Over deze aanvraag is nog niet besloten."))
    return pdf_response(verzoek)


def pdf_response(verzoek: VerlofAanvraag) -> HttpResponse:
    response = HttpResponse(besluitbrief(verzoek), content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="besluit-verlof-{verzoek.pk}.pdf"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
