"""The school beheer pages: groups, pupils, staff and roles, calendar and protocol.

Only the beheerder and the directeur of a school see these pages, and only for that school
(:mod:`leerrecht.web.schoolbeheer.toegang`). Everything else is a 404. The Django admin
(``/beheer/``) stays for the application's superusers.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, router, transaction
from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.scholen.models import Groep, Leerling, Rol, School
from leerrecht.web.schoolbeheer import accounts, kalender, protocollen
from leerrecht.web.schoolbeheer.forms import (
    GROEPSROLLEN,
    BestaandAccountForm,
    GroepForm,
    LeerlingForm,
    LesurenForm,
    NieuwAccountForm,
    ProtocolForm,
    RolForm,
    UitschrijvenForm,
    VakantieForm,
    VrijeDagForm,
)
from leerrecht.web.schoolbeheer.models import ProtocolWijziging, SchoolVakantie, SchoolVrijeDag
from leerrecht.web.schoolbeheer.toegang import (
    BEHEER_ROLLEN,
    beheer_scholen,
    check_school,
    gekozen_school,
    met_school,
    url,
)
from leerrecht.web.tweestaps import beleid

#: rows per list page
MAX_RIJEN = 500


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _zonder_cache(response: HttpResponse) -> HttpResponse:
    """Pages that show a password once must not be kept by the browser."""
    response.headers["Cache-Control"] = "no-store"
    return response


# -- start ------------------------------------------------------------------------------------


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The beheer start page of one school; with several schools and none chosen, the chooser."""
    scholen = beheer_scholen(request)
    if not scholen.exists():
        raise Http404(_("U heeft geen rol waarmee u een school mag beheren."))
    school: School | None = None
    if request.GET.get("school") or scholen.count() == 1:
        school = gekozen_school(request)
    context: dict[str, Any] = {"school": school, "scholen": scholen}
    if school is not None:
        vandaag = timezone.localdate()
        context.update(
            {
                "aantal_groepen": school.groepen.count(),
                "aantal_leerlingen": school.leerlingen.filter(
                    Q(ingeschreven_tot__isnull=True) | Q(ingeschreven_tot__gte=vandaag),
                    ingeschreven_vanaf__lte=vandaag,
                ).count(),
                "aantal_medewerkers": User.objects.filter(rollen__school=school).distinct().count(),
                "aantal_vrije_dagen": SchoolVrijeDag.objects.filter(school=school).count(),
                "aantal_vakanties": SchoolVakantie.objects.filter(school=school).count(),
                "protocol": protocollen.zoek(school.protocol) if school.protocol else None,
            }
        )
    return render(request, "schoolbeheer/start.html", context)


# -- groups -----------------------------------------------------------------------------------


def _groep(request: HttpRequest, pk: int) -> Groep:
    groep = get_object_or_404(Groep.objects.select_related("school", "locatie"), pk=pk)
    check_school(request, groep.school)
    return groep


@met_school
@require_http_methods(["GET", "POST"])
def groepen(request: HttpRequest, school: School) -> HttpResponse:
    form = GroepForm(school=school)
    if request.method == "POST":
        form = GroepForm(request.POST, school=school)
        if form.is_valid():
            try:
                with transaction.atomic():
                    groep = form.save()
            except IntegrityError:
                form.add_error("naam", _("Deze school heeft al een groep met deze naam."))
            else:
                messages.success(request, _("Groep %(naam)s toegevoegd.") % {"naam": groep.naam})
                return redirect(url("schoolbeheer:groepen", school))
    rijen = (
        school.groepen.select_related("locatie")
        .annotate(
            aantal_leerlingen=Count("leerlingen", distinct=True),
            aantal_rollen=Count("rollen", distinct=True),
        )
        .order_by("naam")
    )
    return render(
        request,
        "schoolbeheer/groepen.html",
        {
            "school": school,
            "groepen": rijen,
            "form": form,
            "heeft_locaties": school.locaties.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def groep_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    groep = _groep(request, pk)
    school = groep.school
    oude_naam = groep.naam
    form = GroepForm(instance=groep, school=school)
    if request.method == "POST":
        form = GroepForm(request.POST, instance=groep, school=school)
        if form.is_valid():
            try:
                with transaction.atomic():
                    groep = form.save()
            except IntegrityError:
                form.add_error("naam", _("Deze school heeft al een groep met deze naam."))
            else:
                messages.success(request, _("Groep %(naam)s opgeslagen.") % {"naam": groep.naam})
                return redirect(url("schoolbeheer:groepen", school))
    return render(
        request,
        "schoolbeheer/groep.html",
        {
            "school": school,
            "groep": groep,
            "oude_naam": oude_naam,
            "form": form,
            "aantal_leerlingen": groep.leerlingen.count(),
            "heeft_locaties": school.locaties.exists(),
        },
    )


@login_required
@require_POST
def groep_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    groep = _groep(request, pk)
    school = groep.school
    aantal = groep.leerlingen.count()
    if aantal:
        messages.error(
            request,
            ngettext(
                "Groep %(naam)s heeft nog %(n)d leerling (ook uitgeschreven leerlingen tellen "
                "mee). Zet die eerst in een andere groep; een groep wordt alleen verwijderd als "
                "hij leeg is.",
                "Groep %(naam)s heeft nog %(n)d leerlingen (ook uitgeschreven leerlingen tellen "
                "mee). Zet die eerst in een andere groep; een groep wordt alleen verwijderd als "
                "hij leeg is.",
                aantal,
            )
            % {"naam": groep.naam, "n": aantal},
        )
        return redirect(url("schoolbeheer:groep_bewerken", school, groep.pk))
    naam = groep.naam
    groep.delete()
    messages.success(request, _("Groep %(naam)s verwijderd.") % {"naam": naam})
    return redirect(url("schoolbeheer:groepen", school))


# -- pupils -----------------------------------------------------------------------------------


def _leerling(request: HttpRequest, pk: int) -> Leerling:
    leerling = get_object_or_404(Leerling.objects.select_related("school", "groep"), pk=pk)
    check_school(request, leerling.school)
    return leerling


def _bewaarde_gegevens(leerling: Leerling) -> list[str]:
    """What deleting the pupil would also delete or is blocked by (registrations, meldingen,
    verlof, letters, ...): such a pupil is uitgeschreven, never deleted."""
    collector = NestedObjects(using=router.db_for_write(Leerling))
    collector.collect([leerling])
    telling: Counter[type[Model]] = Counter()
    for model, objs in cast(dict[type[Model], set[Model]], collector.model_objs).items():
        # stored evaluations are derived data (recomputed from the rest), not data to keep
        if model is not Leerling and model._meta.app_label != "evaluaties":
            telling[model] += len(objs)
    for obj in collector.protected:
        telling[type(obj)] += 1
    namen = sorted(
        (str(m._meta.verbose_name if n == 1 else m._meta.verbose_name_plural), n)
        for m, n in telling.items()
    )
    return [f"{n} {naam}" for naam, n in namen]


@met_school
def leerlingen(request: HttpRequest, school: School) -> HttpResponse:
    zoek = request.GET.get("q", "").strip()
    groep_keuze = request.GET.get("groep", "")
    status = request.GET.get("status", "ingeschreven")
    rijen: QuerySet[Leerling] = school.leerlingen.select_related("groep")
    if zoek:
        rijen = rijen.filter(
            Q(voornaam__icontains=zoek)
            | Q(achternaam__icontains=zoek)
            | Q(leerlingnummer__iexact=zoek)
        )
    if groep_keuze == "geen":
        rijen = rijen.filter(groep__isnull=True)
    elif groep_keuze.isdigit():
        rijen = rijen.filter(groep_id=int(groep_keuze))
    vandaag = timezone.localdate()
    ingeschreven = Q(ingeschreven_tot__isnull=True) | Q(ingeschreven_tot__gte=vandaag)
    if status == "ingeschreven":
        rijen = rijen.filter(ingeschreven)
    elif status == "uitgeschreven":
        rijen = rijen.exclude(ingeschreven)
    else:
        status = "alle"
    rijen = rijen.order_by("groep__naam", "achternaam", "voornaam")
    aantal = rijen.count()
    return render(
        request,
        "schoolbeheer/leerlingen.html",
        {
            "school": school,
            "leerlingen": rijen[:MAX_RIJEN],
            "aantal": aantal,
            "meer": max(0, aantal - MAX_RIJEN),
            "zoek": zoek,
            "groep_keuze": groep_keuze,
            "status": status,
            "groepen": school.groepen.all(),
            "vandaag": vandaag,
        },
    )


def _bewaar_leerling(form: LeerlingForm) -> Leerling | None:
    """Save, or put a clash on the leerlingnummer (two people saving at once) on the form."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("leerlingnummer", _("Dit leerlingnummer is op deze school al in gebruik."))
        return None


@met_school
@require_http_methods(["GET", "POST"])
def leerling_nieuw(request: HttpRequest, school: School) -> HttpResponse:
    form = LeerlingForm(school=school)
    if request.method == "POST":
        form = LeerlingForm(request.POST, school=school)
        if form.is_valid():
            leerling = _bewaar_leerling(form)
            if leerling is not None:
                messages.success(request, _("Leerling %(naam)s ingeschreven.") % {"naam": leerling})
                return redirect(url("schoolbeheer:leerlingen", school))
    return render(
        request, "schoolbeheer/leerling_form.html", {"school": school, "form": form, "nieuw": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def leerling_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = _leerling(request, pk)
    school = leerling.school
    form = LeerlingForm(instance=leerling, school=school)
    if request.method == "POST":
        form = LeerlingForm(request.POST, instance=leerling, school=school)
        if form.is_valid():
            bewaard = _bewaar_leerling(form)
            if bewaard is not None:
                messages.success(
                    request, _("Gegevens van %(naam)s opgeslagen.") % {"naam": bewaard}
                )
                return redirect(url("schoolbeheer:leerling_bewerken", school, bewaard.pk))
        leerling.refresh_from_db()
    return render(
        request,
        "schoolbeheer/leerling_form.html",
        {
            "school": school,
            "form": form,
            "nieuw": False,
            "leerling": leerling,
            "bewaard": _bewaarde_gegevens(leerling),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def leerling_uitschrijven(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = _leerling(request, pk)
    school = leerling.school
    if request.method == "POST" and request.POST.get("actie") == "ongedaan":
        Leerling.objects.filter(pk=leerling.pk).update(
            ingeschreven_tot=None, uitschrijfreden="", nieuwe_inschrijving_vanaf=None
        )
        messages.success(
            request, _("De uitschrijving van %(naam)s is ongedaan gemaakt.") % {"naam": leerling}
        )
        return redirect(url("schoolbeheer:leerling_bewerken", school, leerling.pk))
    form = UitschrijvenForm(instance=leerling)
    if request.method == "POST":
        form = UitschrijvenForm(request.POST, instance=leerling)
        if form.is_valid():
            leerling = form.save()
            messages.success(
                request,
                _("%(naam)s is uitgeschreven; de laatste dag is %(dag)s.")
                % {"naam": leerling, "dag": leerling.ingeschreven_tot},
            )
            return redirect(url("schoolbeheer:leerling_bewerken", school, leerling.pk))
        leerling.refresh_from_db()
    return render(
        request,
        "schoolbeheer/uitschrijven.html",
        {"school": school, "leerling": leerling, "form": form},
    )


@login_required
@require_POST
def leerling_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = _leerling(request, pk)
    school = leerling.school
    bewaard = _bewaarde_gegevens(leerling)
    if bewaard:
        messages.error(
            request,
            _(
                "%(naam)s kan niet worden verwijderd: er zijn gegevens van deze leerling die "
                "bewaard moeten blijven (%(wat)s). Schrijf de leerling uit."
            )
            % {"naam": leerling, "wat": ", ".join(bewaard)},
        )
        return redirect(url("schoolbeheer:leerling_bewerken", school, leerling.pk))
    naam = str(leerling)
    leerling.delete()
    messages.success(request, _("Leerling %(naam)s verwijderd.") % {"naam": naam})
    return redirect(url("schoolbeheer:leerlingen", school))


# -- staff and roles --------------------------------------------------------------------------


def _rollen_hier(school: School) -> Prefetch[Any]:
    return Prefetch(
        "rollen",
        queryset=Rol.objects.filter(school=school).prefetch_related("groepen").order_by("soort"),
        to_attr="rollen_hier",
    )


@met_school
def personeel(request: HttpRequest, school: School) -> HttpResponse:
    medewerkers = (
        User.objects.filter(rollen__school=school)
        .distinct()
        .prefetch_related(_rollen_hier(school))
        .order_by("last_name", "first_name", "username")
    )
    return render(
        request, "schoolbeheer/personeel.html", {"school": school, "medewerkers": medewerkers}
    )


def _zet_groepen(rol: Rol, form: RolForm) -> None:
    rol.groepen.set(form.cleaned_data["groepen"] if rol.soort in GROEPSROLLEN else [])


@met_school
@require_http_methods(["GET", "POST"])
def medewerker_nieuw(request: HttpRequest, school: School) -> HttpResponse:
    nieuw = NieuwAccountForm(school=school, prefix="nieuw")
    bestaand = BestaandAccountForm(school=school, prefix="bestaand")
    if request.method == "POST" and request.POST.get("actie") == "nieuw":
        nieuw = NieuwAccountForm(request.POST, school=school, prefix="nieuw")
        if nieuw.is_valid():
            data = nieuw.cleaned_data
            try:
                with transaction.atomic():
                    user = User(
                        username=data["gebruikersnaam"],
                        first_name=data["voornaam"],
                        last_name=data["achternaam"],
                        email=data["email"],
                        is_staff=False,
                        is_superuser=False,
                    )
                    wachtwoord = accounts.nieuw_wachtwoord(user)
                    user.set_password(wachtwoord)
                    user.save()
                    rol = Rol.objects.create(gebruiker=user, school=school, soort=data["soort"])
                    _zet_groepen(rol, nieuw)
            except IntegrityError:
                nieuw.add_error("gebruikersnaam", _("Deze gebruikersnaam is al in gebruik."))
            else:
                return _zonder_cache(
                    render(
                        request,
                        "schoolbeheer/wachtwoord.html",
                        {
                            "school": school,
                            "medewerker": user,
                            "wachtwoord": wachtwoord,
                            "nieuw": True,
                        },
                    )
                )
    elif request.method == "POST" and request.POST.get("actie") == "bestaand":
        bestaand = BestaandAccountForm(request.POST, school=school, prefix="bestaand")
        if bestaand.is_valid():
            user = bestaand.cleaned_data["gebruikersnaam"]
            try:
                with transaction.atomic():
                    rol = Rol.objects.create(
                        gebruiker=user, school=school, soort=bestaand.cleaned_data["soort"]
                    )
                    _zet_groepen(rol, bestaand)
            except IntegrityError:
                bestaand.add_error("soort", _("Deze medewerker heeft deze rol hier al."))
            else:
                messages.success(
                    request,
                    _("%(naam)s heeft nu de rol %(rol)s.")
                    % {
                        "naam": user.get_full_name() or user.get_username(),
                        "rol": rol.get_soort_display(),
                    },
                )
                return redirect(url("schoolbeheer:medewerker", school, user.pk))
    return render(
        request,
        "schoolbeheer/medewerker_nieuw.html",
        {"school": school, "nieuw": nieuw, "bestaand": bestaand},
    )


@met_school
@require_http_methods(["GET", "POST"])
def medewerker(request: HttpRequest, school: School, pk: int) -> HttpResponse:
    user = get_object_or_404(
        User.objects.filter(rollen__school=school)
        .distinct()
        .prefetch_related(_rollen_hier(school)),
        pk=pk,
    )
    door = _gebruiker(request)
    mag_wachtwoord = accounts.mag_wachtwoord_geven(door, user, school)
    form = RolForm(school=school)
    actie = request.POST.get("actie") if request.method == "POST" else None
    if actie == "rol":
        form = RolForm(request.POST, school=school)
        if form.is_valid():
            rol, aangemaakt = Rol.objects.get_or_create(
                gebruiker=user, school=school, soort=form.cleaned_data["soort"]
            )
            _zet_groepen(rol, form)
            tekst = _("Rol %(rol)s toegevoegd.") if aangemaakt else _("Rol %(rol)s gewijzigd.")
            messages.success(request, tekst % {"rol": rol.get_soort_display()})
            return redirect(url("schoolbeheer:medewerker", school, user.pk))
    elif actie == "rol_verwijderen":
        return _rol_verwijderen(request, school, user)
    elif actie == "tweestaps":
        return _tweestaps_herstellen(request, school, user, door, mag_wachtwoord)
    elif actie == "wachtwoord":
        if not mag_wachtwoord:
            messages.error(
                request,
                _(
                    "U kunt dit account geen nieuw wachtwoord geven: het heeft ook rollen op "
                    "een andere school, het is een beheeraccount van de applicatie, of het is "
                    "uw eigen account."
                ),
            )
            return redirect(url("schoolbeheer:medewerker", school, user.pk))
        wachtwoord = accounts.nieuw_wachtwoord(user)
        user.set_password(wachtwoord)
        user.save(update_fields=["password"])
        return _zonder_cache(
            render(
                request,
                "schoolbeheer/wachtwoord.html",
                {"school": school, "medewerker": user, "wachtwoord": wachtwoord, "nieuw": False},
            )
        )
    return render(
        request,
        "schoolbeheer/medewerker.html",
        {
            "school": school,
            "medewerker": user,
            "rollen": getattr(user, "rollen_hier", []),
            "form": form,
            "mag_wachtwoord": mag_wachtwoord,
            "heeft_tweestaps": beleid.heeft_tweestaps(user),
            "andere_scholen": user.rollen.exclude(school=school).exists(),
        },
    )


def _tweestaps_herstellen(
    request: HttpRequest, school: School, user: User, door: User, mag: bool
) -> HttpResponse:
    """A lost phone: remove the app and backup codes; the next login enrols a new app. The
    same accounts as a new password (only roles at this school, not one's own, not staff)."""
    if not mag:
        messages.error(
            request,
            _(
                "U kunt de twee-factor-app van dit account niet verwijderen: het heeft ook rollen "
                "op een andere school, het is een beheeraccount van de applicatie, of het is uw "
                "eigen account."
            ),
        )
    elif beleid.verwijder_apparaten(user):
        vastleggen(
            door,
            Actie.WIJZIGEN,
            f"twee-factor van {user.get_username()}",
            doel="inloggen",
            omschrijving=f"app en reservecodes verwijderd door de schoolbeheerder ({school})",
        )
        messages.success(
            request,
            _(
                "De twee-factor-app van %(naam)s is verwijderd. Bij de volgende keer inloggen "
                "stelt %(naam)s een nieuwe app in."
            )
            % {"naam": user.get_full_name() or user.get_username()},
        )
    else:
        messages.info(request, _("Dit account heeft nog geen twee-factor-app."))
    return redirect(url("schoolbeheer:medewerker", school, user.pk))


def _rol_verwijderen(request: HttpRequest, school: School, user: User) -> HttpResponse:
    gekozen = request.POST.get("rol", "")
    rol = Rol.objects.filter(
        school=school, gebruiker=user, pk=int(gekozen) if gekozen.isdigit() else 0
    ).first()
    if rol is None:
        return redirect(url("schoolbeheer:medewerker", school, user.pk))
    if user.pk == request.user.pk and rol.soort in BEHEER_ROLLEN:
        overige = Rol.objects.filter(gebruiker=user, school=school, soort__in=list(BEHEER_ROLLEN))
        if not overige.exclude(pk=rol.pk).exists():
            messages.error(
                request,
                _(
                    "U kunt uw eigen laatste beheerrol op deze school niet verwijderen: dan kan "
                    "niemand u die teruggeven. Vraag een andere beheerder of de directeur."
                ),
            )
            return redirect(url("schoolbeheer:medewerker", school, user.pk))
    naam = rol.get_soort_display()
    rol.delete()
    messages.success(request, _("Rol %(rol)s verwijderd.") % {"rol": naam})
    if not Rol.objects.filter(gebruiker=user, school=school).exists():
        messages.info(
            request,
            _("%(naam)s heeft geen rol meer op deze school.")
            % {"naam": user.get_full_name() or user.get_username()},
        )
        return redirect(url("schoolbeheer:personeel", school))
    return redirect(url("schoolbeheer:medewerker", school, user.pk))


# -- calendar ---------------------------------------------------------------------------------


@met_school
@require_http_methods(["GET", "POST"])
def kalender_view(request: HttpRequest, school: School) -> HttpResponse:
    lesuren = LesurenForm(instance=school, prefix="uren")
    vrije_dag = VrijeDagForm(school=school, prefix="dag")
    vakantie = VakantieForm(school=school, prefix="vakantie")
    actie = request.POST.get("actie") if request.method == "POST" else None
    if actie == "lesuren":
        lesuren = LesurenForm(request.POST, instance=school, prefix="uren")
        if lesuren.is_valid():
            school = lesuren.save(commit=False)
            school.save(update_fields=list(lesuren.Meta.fields))
            messages.success(request, _("Lesuren en vakantieregio opgeslagen."))
            return redirect(url("schoolbeheer:kalender", school))
        school.refresh_from_db()
    elif actie == "vrije_dag":
        vrije_dag = VrijeDagForm(request.POST, school=school, prefix="dag")
        if vrije_dag.is_valid():
            try:
                with transaction.atomic():
                    dag = vrije_dag.save()
            except IntegrityError:
                vrije_dag.add_error("datum", _("Deze dag staat al in de lijst vrije dagen."))
            else:
                messages.success(
                    request,
                    _("%(datum)s is nu een vrije dag (%(wat)s).")
                    % {"datum": dag.datum.isoformat(), "wat": dag.omschrijving},
                )
                return redirect(url("schoolbeheer:kalender", school))
    elif actie == "vakantie":
        vakantie = VakantieForm(request.POST, school=school, prefix="vakantie")
        if vakantie.is_valid():
            try:
                with transaction.atomic():
                    eigen = vakantie.save()
            except IntegrityError:
                vakantie.add_error("naam", _("Deze vakantie staat al in de lijst."))
            else:
                messages.success(
                    request,
                    _("%(naam)s %(jaar)s opgeslagen: %(van)s tot en met %(tot)s.")
                    % {
                        "naam": eigen.naam,
                        "jaar": eigen.schooljaar_label,
                        "van": eigen.eerste_dag.isoformat(),
                        "tot": eigen.laatste_dag.isoformat(),
                    },
                )
                return redirect(url("schoolbeheer:kalender", school))
    return render(
        request,
        "schoolbeheer/kalender.html",
        {
            "school": school,
            "lesuren": lesuren,
            "vrije_dag": vrije_dag,
            "vakantie": vakantie,
            "vrije_dagen": SchoolVrijeDag.objects.filter(school=school),
            "eigen_vakanties": SchoolVakantie.objects.filter(school=school),
            "jaren": kalender.overzicht(school),
            "OCW": kalender.OCW,
            "VERVANGT_OCW": kalender.VERVANGT_OCW,
        },
    )


@login_required
@require_POST
def vrije_dag_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    dag = get_object_or_404(SchoolVrijeDag.objects.select_related("school"), pk=pk)
    school = check_school(request, dag.school)
    dag.delete()
    messages.success(
        request,
        _("%(datum)s (%(wat)s) is weer een gewone dag.")
        % {"datum": dag.datum.isoformat(), "wat": dag.omschrijving},
    )
    return redirect(url("schoolbeheer:kalender", school))


@login_required
@require_POST
def vakantie_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    vakantie = get_object_or_404(SchoolVakantie.objects.select_related("school"), pk=pk)
    school = check_school(request, vakantie.school)
    vakantie.delete()
    messages.success(
        request,
        _("De eigen %(naam)s %(jaar)s is verwijderd; de OCW-datums gelden weer.")
        % {"naam": vakantie.naam, "jaar": vakantie.schooljaar_label},
    )
    return redirect(url("schoolbeheer:kalender", school))


# -- protocol ---------------------------------------------------------------------------------


@met_school
@require_http_methods(["GET", "POST"])
def protocol(request: HttpRequest, school: School) -> HttpResponse:
    """The school's protocol; choosing another one shows its steps first, then asks to save."""
    keuzes = [(p.id, f"{p.name} ({p.id})") for p in protocollen.voor_school(school)]
    huidig = protocollen.zoek(school.protocol) if school.protocol else None
    voorstel: str | None = None  # the protocol id (or "" for none) to confirm
    if request.method == "POST":
        form = ProtocolForm(request.POST, keuzes=keuzes)
        if form.is_valid():
            nieuw: str = form.cleaned_data["protocol"]
            if nieuw == school.protocol:
                messages.info(request, _("Het protocol is niet gewijzigd."))
            else:
                with transaction.atomic():
                    ProtocolWijziging.objects.create(
                        school=school, oud=school.protocol, nieuw=nieuw, door=_gebruiker(request)
                    )
                    school.protocol = nieuw
                    school.save(update_fields=["protocol"])
                if nieuw:
                    messages.success(
                        request, _("Het verzuimprotocol is nu %(nieuw)s.") % {"nieuw": nieuw}
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "De school volgt nu geen regionaal protocol, alleen de wettelijke regels."
                        ),
                    )
            return redirect(url("schoolbeheer:protocol", school))
    elif "protocol" in request.GET:
        form = ProtocolForm(request.GET, keuzes=keuzes)
        if form.is_valid() and form.cleaned_data["protocol"] != school.protocol:
            voorstel = form.cleaned_data["protocol"]
    else:
        form = ProtocolForm(initial={"protocol": school.protocol}, keuzes=keuzes)
    bekijken = protocollen.zoek(voorstel) if voorstel else None
    getoond = bekijken if voorstel is not None else huidig
    return render(
        request,
        "schoolbeheer/protocol.html",
        {
            "school": school,
            "form": form,
            "huidig": huidig,
            "voorstel": voorstel,
            "getoond": getoond,
            "stappen": protocollen.stappen(getoond) if getoond else [],
            "wijzigingen": ProtocolWijziging.objects.filter(school=school).select_related("door")[
                :20
            ],
        },
    )
