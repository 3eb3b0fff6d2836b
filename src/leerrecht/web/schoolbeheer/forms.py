"""Forms of the school beheer: groups, pupils, staff and roles, calendar, protocol.

Uniqueness within a school (group name, leerlingnummer, closed day, own vacation) is checked
here with a clear message: the ModelForms do not show the school, so Django would leave those
constraints to the database (an IntegrityError).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from leerrecht.core.calendar import (
    CalendarError,
    SchoolCalendar,
    school_year_label,
    school_year_start,
)
from leerrecht.core.leerplicht import Leerplicht, leerplicht_periods
from leerrecht.web import evaluatie
from leerrecht.web.formvelden import ModelMultipleChoiceField
from leerrecht.web.scholen.models import (
    Groep,
    Leerling,
    RolSoort,
    School,
    Uitschrijfreden,
)
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag, normaliseer_naam

#: roles that see the pupils of their own groups only (and so need groups)
GROEPSROLLEN = (RolSoort.DOCENT, RolSoort.MENTOR)
#: an own vacation longer than this is almost certainly a typing error in a date
MAX_VAKANTIE_DAGEN = 70
UREN_VELDEN = ("uren_ma", "uren_di", "uren_wo", "uren_do", "uren_vr")


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _kalender(school: School) -> SchoolCalendar:
    return evaluatie.calendar_for(school)


def _bekend_schooljaar(calendar: SchoolCalendar, day: dt.date) -> None:
    """A date outside the school years with known vacations cannot be checked or used."""
    if not calendar.covers(day):
        bekend = ", ".join(f"{y}-{y + 1}" for y in sorted(calendar.covered_years))
        raise forms.ValidationError(
            _(
                "%(datum)s valt in schooljaar %(jaar)s; leerrecht kent alleen de vakanties van "
                "%(bekend)s. Kies een datum in een van die schooljaren."
            )
            % {"datum": day.isoformat(), "jaar": school_year_label(day), "bekend": bekend}
        )


# -- groups ---------------------------------------------------------------------------------


class GroepForm(forms.ModelForm[Groep]):
    class Meta:
        model = Groep
        fields = ["naam", "locatie"]
        labels = {"naam": _("Naam van de groep"), "locatie": _("Locatie")}
        help_texts = {"naam": _("Bijvoorbeeld 5a of H3B; uniek binnen de school.")}

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school
        locatie = self.fields["locatie"]
        assert isinstance(locatie, forms.ModelChoiceField)
        locatie.queryset = school.locaties.all()
        locatie.empty_label = str(_("geen locatie"))
        locatie.label_from_instance = lambda obj: obj.naam  # type: ignore[method-assign]

    def clean_naam(self) -> str:
        naam = " ".join(str(self.cleaned_data["naam"]).split())
        if not naam:
            raise forms.ValidationError(_("Vul een naam in."))
        dubbel = Groep.objects.filter(school=self.school, naam__iexact=naam)
        if self.instance.pk:
            dubbel = dubbel.exclude(pk=self.instance.pk)
        if dubbel.exists():
            raise forms.ValidationError(
                _("Deze school heeft al een groep met de naam %(naam)s.") % {"naam": naam}
            )
        return naam


# -- pupils ---------------------------------------------------------------------------------


class LeerlingForm(forms.ModelForm[Leerling]):
    class Meta:
        model = Leerling
        fields = [
            "leerlingnummer",
            "voornaam",
            "achternaam",
            "geboortedatum",
            "ingeschreven_vanaf",
            "woongemeente",
            "groep",
            "startkwalificatie",
        ]
        labels = {
            "leerlingnummer": _("Leerlingnummer"),
            "voornaam": _("Voornaam"),
            "achternaam": _("Achternaam"),
            "geboortedatum": _("Geboortedatum"),
            "ingeschreven_vanaf": _("Ingeschreven vanaf"),
            "woongemeente": _("Woongemeente"),
            "groep": _("Groep"),
            "startkwalificatie": _("Heeft een startkwalificatie (havo, vwo of mbo 2 of hoger)"),
        }
        help_texts = {
            "leerlingnummer": _(
                "Het nummer uit het leerlingadministratiesysteem; uniek binnen de school."
            ),
            "woongemeente": _("De gemeente waar de leerling woont; DUO meldt het verzuim daar."),
        }
        widgets = {"geboortedatum": DatumInput(), "ingeschreven_vanaf": DatumInput()}

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school
        groep = self.fields["groep"]
        assert isinstance(groep, forms.ModelChoiceField)
        groep.queryset = school.groepen.all()
        groep.empty_label = str(_("geen groep"))

    def clean_leerlingnummer(self) -> str:
        nummer = str(self.cleaned_data["leerlingnummer"]).strip()
        if not nummer:
            raise forms.ValidationError(_("Vul een leerlingnummer in."))
        dubbel = Leerling.objects.filter(school=self.school, leerlingnummer=nummer)
        if self.instance.pk:
            dubbel = dubbel.exclude(pk=self.instance.pk)
        bestaand = dubbel.first()
        if bestaand is not None:
            raise forms.ValidationError(
                _("Leerlingnummer %(nummer)s is op deze school al van %(naam)s.")
                % {"nummer": nummer, "naam": bestaand}
            )
        return nummer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vanaf: dt.date | None = data.get("ingeschreven_vanaf")
        tot = self.instance.ingeschreven_tot
        if vanaf is not None and tot is not None and vanaf > tot:
            # on the field shown here; the model would name ingeschreven_tot, not on this form
            self.add_error(
                "ingeschreven_vanaf",
                _(
                    "De leerling is uitgeschreven per %(tot)s; de inschrijving kan niet later "
                    "beginnen. Maak eerst de uitschrijving ongedaan."
                )
                % {"tot": tot.isoformat()},
            )
        return data


class UitschrijvenForm(forms.ModelForm[Leerling]):
    class Meta:
        model = Leerling
        fields = ["ingeschreven_tot", "uitschrijfreden", "nieuwe_inschrijving_vanaf"]
        labels = {
            "ingeschreven_tot": _("Laatste dag van de inschrijving"),
            "uitschrijfreden": _("Reden van de uitschrijving"),
            "nieuwe_inschrijving_vanaf": _("Eerste dag op de nieuwe school"),
        }
        help_texts = {
            "uitschrijfreden": _(
                "Verplicht als de leerling daarna nog leerplichtig of kwalificatieplichtig is "
                "(Leerplichtwet art. 18)."
            ),
            "nieuwe_inschrijving_vanaf": _(
                "Alleen bij inschrijving op een andere school: de dag na de laatste dag hier."
            ),
        }
        widgets = {
            "ingeschreven_tot": DatumInput(),
            "nieuwe_inschrijving_vanaf": DatumInput(),
            "uitschrijfreden": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ingeschreven_tot"].required = True
        reden = self.fields["uitschrijfreden"]
        assert isinstance(reden, forms.ChoiceField)
        # verwijderd_so only results from the verwijderingsprocedure (leerlingzaken), never by hand
        reden.choices = [
            ("", _("geen reden (niet meer leerplichtig)")),
            *[c for c in Uitschrijfreden.choices if c[0] != Uitschrijfreden.VERWIJDERD_SO],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tot: dt.date | None = data.get("ingeschreven_tot")
        reden = data.get("uitschrijfreden") or ""
        nieuw: dt.date | None = data.get("nieuwe_inschrijving_vanaf")
        if tot is None:
            return data
        if tot >= dt.date.max:  # the day after it does not exist
            self.add_error(
                "ingeschreven_tot", _("Deze datum kan niet; vul de laatste schooldag in.")
            )
            return data
        leerling = self.instance
        dag_erna = tot + dt.timedelta(days=1)
        periods = leerplicht_periods(
            leerling.geboortedatum, startkwalificatie=leerling.startkwalificatie
        )
        status = periods.status(dag_erna)
        if not reden and status is not Leerplicht.NIET_LEERPLICHTIG:
            self.add_error(
                "uitschrijfreden",
                _(
                    "De leerling is op %(dag)s nog %(status)s. Een leerplichtige mag alleen "
                    "worden uitgeschreven bij inschrijving op een andere school, vertrek naar "
                    "het buitenland of een vrijstelling; kies de reden."
                )
                % {"dag": dag_erna.isoformat(), "status": status.value.replace("_", " ")},
            )
        if reden == Uitschrijfreden.NIEUWE_SCHOOL:
            if nieuw is None:
                self.add_error(
                    "nieuwe_inschrijving_vanaf",
                    _("Vul de eerste dag op de nieuwe school in."),
                )
            elif nieuw != dag_erna:
                self.add_error(
                    "nieuwe_inschrijving_vanaf",
                    _(
                        "De uitschrijving sluit niet aan op de nieuwe inschrijving: de laatste "
                        "dag hier hoort de dag voor de eerste dag op de nieuwe school te zijn "
                        "(%(dag)s)."
                    )
                    % {
                        "dag": (
                            max(nieuw, dt.date.min + dt.timedelta(days=1)) - dt.timedelta(days=1)
                        ).isoformat()
                    },
                )
        elif nieuw is not None:
            self.add_error(
                "nieuwe_inschrijving_vanaf",
                _("Vul dit alleen in bij inschrijving op een andere school."),
            )
        return data


# -- staff and roles --------------------------------------------------------------------------


class RolForm(forms.Form):
    """A role at the school; docent and mentor get their groups."""

    soort = forms.ChoiceField(label=_("Rol"), choices=RolSoort.choices)
    groepen = ModelMultipleChoiceField(
        label=_("Groepen"),
        queryset=Groep.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen voor docent en mentor: zij zien de leerlingen van deze groepen."),
    )

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        groepen = self.fields["groepen"]
        assert isinstance(groepen, forms.ModelMultipleChoiceField)
        groepen.queryset = school.groepen.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("soort") not in GROEPSROLLEN and data.get("groepen"):
            self.add_error(
                "groepen",
                _("Groepen horen alleen bij een docent of mentor; laat ze leeg bij deze rol."),
            )
        return data


class NieuwAccountForm(RolForm):
    """A new staff account with one role at this school (never staff or superuser)."""

    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, cijfers en @ . + - _; hiermee logt de medewerker in."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), required=False)

    field_order = ["gebruikersnaam", "voornaam", "achternaam", "email", "soort", "groepen"]

    def clean_gebruikersnaam(self) -> str:
        naam = str(self.cleaned_data["gebruikersnaam"]).strip()
        if User.objects.filter(username__iexact=naam).exists():
            raise forms.ValidationError(
                _(
                    "Deze gebruikersnaam is al in gebruik. Gaat het om dezelfde persoon, voeg "
                    "dan een rol toe aan het bestaande account."
                )
            )
        return naam


class BestaandAccountForm(RolForm):
    """A role at this school for an account that already exists."""

    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam van het bestaande account"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    field_order = ["gebruikersnaam", "soort", "groepen"]

    def clean_gebruikersnaam(self) -> User:
        naam = str(self.cleaned_data["gebruikersnaam"]).strip()
        user = User.objects.filter(username=naam).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met deze gebruikersnaam."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user: User | None = data.get("gebruikersnaam")
        soort = data.get("soort")
        if user is not None and soort and user.rollen.filter(school=self.school, soort=soort):
            self.add_error(
                "soort",
                _("%(naam)s heeft deze rol op deze school al.") % {"naam": user.get_username()},
            )
        return data


# -- calendar ---------------------------------------------------------------------------------


def _uren_veld(label: StrOrPromise) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(12),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0", "max": "12"}),
    )


class LesurenForm(forms.ModelForm[School]):
    """The school's vacation region and its lesson hours per weekday."""

    uren_ma = _uren_veld(_("Maandag"))
    uren_di = _uren_veld(_("Dinsdag"))
    uren_wo = _uren_veld(_("Woensdag"))
    uren_do = _uren_veld(_("Donderdag"))
    uren_vr = _uren_veld(_("Vrijdag"))

    class Meta:
        model = School
        fields = ["regio", *UREN_VELDEN]
        labels = {"regio": _("Vakantieregio")}
        help_texts = {
            "regio": _("Bepaalt de OCW-schoolvakanties (noord, midden of zuid)."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        uren = [data.get(veld) for veld in UREN_VELDEN]
        if all(u is not None for u in uren) and not any(u for u in uren):
            raise forms.ValidationError(
                _("Geef ten minste één weekdag lestijd; zonder lesuren zijn er geen schooldagen.")
            )
        return data


class VrijeDagForm(forms.ModelForm[SchoolVrijeDag]):
    class Meta:
        model = SchoolVrijeDag
        fields = ["datum", "omschrijving"]
        labels = {"datum": _("Datum"), "omschrijving": _("Omschrijving")}
        help_texts = {"omschrijving": _("Bijvoorbeeld studiedag of margedag.")}
        widgets = {"datum": DatumInput()}

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school

    def clean_datum(self) -> dt.date:
        datum: dt.date = self.cleaned_data["datum"]
        calendar = _kalender(self.school)
        _bekend_schooljaar(calendar, datum)
        if SchoolVrijeDag.objects.filter(school=self.school, datum=datum).exists():
            raise forms.ValidationError(_("Deze dag staat al in de lijst vrije dagen."))
        if datum.weekday() >= 5:
            raise forms.ValidationError(_("Deze dag valt in het weekend."))
        try:
            waarom = calendar.why_not_school_day(datum)
        except CalendarError as exc:  # pragma: no cover - covered by _bekend_schooljaar
            raise forms.ValidationError(str(exc)) from exc
        if waarom:
            raise forms.ValidationError(
                _("Op deze dag is er al geen school: %(waarom)s.") % {"waarom": waarom}
            )
        return datum

    def clean_omschrijving(self) -> str:
        tekst = " ".join(str(self.cleaned_data["omschrijving"]).split())
        if not tekst:
            raise forms.ValidationError(_("Vul een omschrijving in."))
        return tekst


class VakantieForm(forms.ModelForm[SchoolVakantie]):
    class Meta:
        model = SchoolVakantie
        fields = ["naam", "eerste_dag", "laatste_dag"]
        labels = {
            "naam": _("Naam van de vakantie"),
            "eerste_dag": _("Eerste dag"),
            "laatste_dag": _("Laatste dag"),
        }
        help_texts = {
            "naam": _(
                "Dezelfde naam als een OCW-vakantie (bijvoorbeeld herfstvakantie) vervangt die "
                "vakantie in dat schooljaar; een andere naam voegt een vakantie toe."
            ),
        }
        widgets = {"eerste_dag": DatumInput(), "laatste_dag": DatumInput()}

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school

    def clean_naam(self) -> str:
        naam = normaliseer_naam(str(self.cleaned_data["naam"]))
        if not naam:
            raise forms.ValidationError(_("Vul een naam in."))
        return naam

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        eerste: dt.date | None = data.get("eerste_dag")
        laatste: dt.date | None = data.get("laatste_dag")
        naam: str | None = data.get("naam")
        if eerste is None or laatste is None:
            return data
        if laatste < eerste:
            self.add_error("laatste_dag", _("De laatste dag ligt voor de eerste dag."))
            return data
        calendar = _kalender(self.school)
        for veld, dag in (("eerste_dag", eerste), ("laatste_dag", laatste)):
            try:
                _bekend_schooljaar(calendar, dag)
            except forms.ValidationError as exc:
                self.add_error(veld, exc)
                return data
        if (laatste - eerste).days + 1 > MAX_VAKANTIE_DAGEN:
            self.add_error(
                "laatste_dag",
                _("Een vakantie van meer dan %(n)d dagen is vast een vergissing in een datum.")
                % {"n": MAX_VAKANTIE_DAGEN},
            )
            return data
        if naam:
            jaar = school_year_start(eerste).year
            if SchoolVakantie.objects.filter(school=self.school, schooljaar=jaar, naam=naam):
                self.add_error(
                    "naam",
                    _(
                        "Deze school heeft al een eigen %(naam)s in schooljaar %(jaar)s; "
                        "verwijder die eerst."
                    )
                    % {"naam": naam, "jaar": school_year_label(eerste)},
                )
        return data


# -- protocol ---------------------------------------------------------------------------------


class ProtocolForm(forms.Form):
    protocol = forms.ChoiceField(label=_("Verzuimprotocol"), required=False)

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["protocol"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [("", _("geen protocol (alleen de wettelijke regels)")), *keuzes]
