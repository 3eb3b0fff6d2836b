"""Forms of the dossier pages. The MAS checks ('pas toe of leg uit') run in ``clean`` so a
missing motivation is a form error next to the field, with the reason from the seeds; the
functions in :mod:`leerrecht.web.dossiers.diensten` check again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leerrecht.web.dossiers import documenten, mas
from leerrecht.web.dossiers.models import ActieSoort, DossierInstelling, Route, Status
from leerrecht.web.formvelden import ModelMultipleChoiceField
from leerrecht.web.leerplicht.models import InboxMelding, Jeugdige
from leerrecht.web.meldingen.models import Verzuimsoort

MOTIVERING_HULP = _(
    "Verplicht als u afwijkt van de MAS (pas toe of leg uit, seed 003 §7): waarom hier anders "
    "wordt gehandeld. De motivering komt in de geschiedenis van het dossier."
)
GEEN_MEDISCH = _(
    "Schrijf hier geen medische gegevens of diagnoses: alleen afspraken, feiten over het verzuim "
    "en wat er gedaan is."
)


def verzuimsoort(code: str) -> str:
    """The label of a DUO verzuimsoort as the inbox stores it (its code)."""
    return str(Verzuimsoort(code).label) if code in Verzuimsoort.values else code


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GebruikerVeld(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class JeugdigeVeld(forms.ModelChoiceField[Jeugdige]):
    def label_from_instance(self, obj: Jeugdige) -> str:
        return f"{obj.achternaam}, {obj.voornaam} ({obj.geboortedatum:%d-%m-%Y})"


class MeldingenVeld(ModelMultipleChoiceField[InboxMelding]):
    def label_from_instance(self, obj: InboxMelding) -> str:
        return str(
            _("%(soort)s vanaf %(begin)s, %(school)s (ontvangen %(ontvangen)s)")
            % {
                "soort": verzuimsoort(obj.soort),
                "begin": f"{obj.begin:%d-%m-%Y}",
                "school": obj.school_naam,
                "ontvangen": f"{obj.ontvangen_op:%d-%m-%Y}",
            }
        )


class KiesJeugdigeForm(forms.Form):
    jeugdige = JeugdigeVeld(label=_("Jeugdige"), queryset=Jeugdige.objects.none())

    def __init__(self, *args: Any, jeugdigen: QuerySet[Jeugdige], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["jeugdige"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = jeugdigen


class NieuwForm(forms.Form):
    behandelaar = GebruikerVeld(label=_("Behandelaar"), queryset=User.objects.none())
    meldingen = MeldingenVeld(
        label=_("Meldingen in dit dossier"),
        queryset=InboxMelding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De meldingen uit de inbox waarvoor dit dossier wordt geopend."),
    )

    def __init__(
        self,
        *args: Any,
        behandelaars: QuerySet[User],
        meldingen: QuerySet[InboxMelding],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        behandelaar = self.fields["behandelaar"]
        assert isinstance(behandelaar, forms.ModelChoiceField)
        behandelaar.queryset = behandelaars
        veld = self.fields["meldingen"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        veld.queryset = meldingen


class BehandelaarForm(forms.Form):
    behandelaar = GebruikerVeld(label=_("Behandelaar"), queryset=User.objects.none())

    def __init__(self, *args: Any, behandelaars: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["behandelaar"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = behandelaars


class _MetMotivering(forms.Form):
    """A form whose choice may deviate from the MAS: then the motivation is required."""

    motivering = forms.CharField(
        label=_("Motivering (pas toe of leg uit)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MOTIVERING_HULP,
    )

    def _eis_motivering(self, redenen: list[str]) -> None:
        if not redenen:
            return
        if len((self.cleaned_data.get("motivering") or "").strip()) >= mas.MIN_MOTIVERING:
            return
        self.add_error(
            "motivering",
            _(
                "Dit wijkt af van de MAS en kan alleen met een motivering (minstens %(n)d "
                "tekens). Waarom het afwijkt: %(redenen)s"
            )
            % {"n": mas.MIN_MOTIVERING, "redenen": " ".join(redenen)},
        )


class RouteForm(_MetMotivering):
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=GEEN_MEDISCH,
    )

    field_order = ["route", "toelichting", "motivering"]

    def __init__(self, *args: Any, stand: mas.Stand, vandaag: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stand = stand
        self.vandaag = vandaag

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        route = data.get("route")
        if route:
            if route == self.stand.route:
                self.add_error("route", _("Dit is al de route van het dossier."))
            else:
                self._eis_motivering(mas.afwijkingen_route(self.stand, route, self.vandaag))
        return data


class ActieForm(_MetMotivering):
    soort = forms.ChoiceField(label=_("Soort actie"), choices=ActieSoort.choices)
    gepland_op = forms.DateField(label=_("Gepland op"), required=False, widget=DatumInput())
    uiterlijk = forms.DateField(
        label=_("Uiterlijk (termijn)"),
        required=False,
        widget=DatumInput(),
        help_text=_(
            "Leeg laten: de termijn uit de seeds of van het bureau, als die er is "
            "(verzuimgesprek, knooppunt, breed overleg, terugkoppeling)."
        ),
    )
    gedaan_op = forms.DateField(
        label=_("Gedaan op"),
        required=False,
        widget=DatumInput(),
        help_text=_("Alleen invullen als de actie al gedaan is."),
    )
    uitkomst = forms.CharField(
        label=_("Uitkomst"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=GEEN_MEDISCH,
    )

    field_order = ["soort", "gepland_op", "uiterlijk", "gedaan_op", "uitkomst", "motivering"]

    def __init__(self, *args: Any, stand: mas.Stand, vandaag: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stand = stand
        self.vandaag = vandaag

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gedaan: dt.date | None = data.get("gedaan_op")
        if gedaan is not None and gedaan > self.vandaag:
            self.add_error("gedaan_op", _("Een actie kan niet in de toekomst gedaan zijn."))
        if (data.get("uitkomst") or "").strip() and gedaan is None:
            self.add_error(
                "gedaan_op", _("Een uitkomst hoort bij een gedane actie: vul de datum in.")
            )
        soort = data.get("soort")
        if soort:
            op = gedaan or data.get("gepland_op") or self.vandaag
            self._eis_motivering(mas.afwijkingen_actie(self.stand, soort, op))
        return data


class AfrondenForm(forms.Form):
    gedaan_op = forms.DateField(label=_("Gedaan op"), widget=DatumInput())
    uitkomst = forms.CharField(
        label=_("Uitkomst"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=GEEN_MEDISCH,
    )

    def __init__(self, *args: Any, vandaag: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vandaag = vandaag

    def clean_gedaan_op(self) -> dt.date:
        gedaan: dt.date = self.cleaned_data["gedaan_op"]
        if gedaan > self.vandaag:
            raise forms.ValidationError(_("Een actie kan niet in de toekomst gedaan zijn."))
        return gedaan


class StatusForm(forms.Form):
    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    toelichting = forms.CharField(required=False, max_length=2000)
    motivering = forms.CharField(required=False, max_length=4000)


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Notitie"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=GEEN_MEDISCH,
    )


class DocumentForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("pdf, docx, odt, jpg of png; hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": documenten.ACCEPT}),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'uitnodiging verzuimgesprek'. Geen medische gegevens."),
    )

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        try:
            self.content_type = documenten.controleer(bestand)
        except documenten.DocumentFout as exc:
            raise forms.ValidationError(str(exc)) from None
        return bestand


class InstellingForm(forms.ModelForm[DossierInstelling]):
    class Meta:
        model = DossierInstelling
        fields = ["termijn_verzuimgesprek", "termijn_terugkoppeling"]
