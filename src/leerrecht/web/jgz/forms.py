"""Forms: the school's referral, the jeugdarts' status steps and advice, and the consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leerrecht.core.leerplicht import age_on
from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.models import (
    Aanleiding,
    JgzOrganisatie,
    Reikwijdte,
    Status,
    Toestemming,
    ToestemmingDoor,
    Verwijzing,
)
from leerrecht.web.scholen.models import Leerling

ADVIES_MAX = 4000


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LeerlingVeld(forms.ModelChoiceField[Leerling]):
    def label_from_instance(self, obj: Leerling) -> str:
        groep = f" ({obj.groep.naam})" if obj.groep else ""
        return f"{obj.achternaam}, {obj.voornaam}{groep}"


class KiesLeerlingForm(forms.Form):
    leerling = LeerlingVeld(queryset=Leerling.objects.none(), label=_("Leerling"))

    def __init__(self, *args: Any, leerlingen: QuerySet[Leerling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["leerling"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = leerlingen.select_related("groep").order_by(
            "groep__naam", "achternaam", "voornaam"
        )


class VerwijzingForm(forms.ModelForm[Verwijzing]):
    """What the school sends to the jeugdarts: the reason, the numbers, and that the parents
    know. No free text: the school never writes about the illness."""

    class Meta:
        model = Verwijzing
        fields = [
            "organisatie",
            "aanleiding",
            "ziekmeldingen_12_weken",
            "schooldagen_laatste_ziekmelding",
            "schooldagen_ziek_schooljaar",
            "ouders_geinformeerd_op",
        ]
        widgets = {
            "aanleiding": forms.RadioSelect,
            "ouders_geinformeerd_op": DatumInput(),
        }
        help_texts = {
            "ziekmeldingen_12_weken": _(
                "Ingevuld uit het register: een reeks aaneengesloten ziektedagen telt als één "
                "ziekmelding."
            ),
        }

    def __init__(self, *args: Any, organisaties: QuerySet[JgzOrganisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = organisaties
        veld.empty_label = None
        aanleiding = self.fields["aanleiding"]
        assert isinstance(aanleiding, forms.ChoiceField)
        aanleiding.choices = Aanleiding.choices

    def clean_ouders_geinformeerd_op(self) -> dt.date:
        dag: dt.date = self.cleaned_data["ouders_geinformeerd_op"]
        if dag > tijd.vandaag():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return dag


class StatusForm(forms.Form):
    """One status step; the date for an invitation or a consult, the advice for 'advies'."""

    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    datum = forms.DateField(label=_("Datum"), required=False, widget=DatumInput())
    advies = forms.CharField(
        label=_("Advies aan school"),
        required=False,
        max_length=ADVIES_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ToestemmingForm(forms.ModelForm[Toestemming]):
    class Meta:
        model = Toestemming
        fields = ["gegeven_door", "gegeven_op", "reikwijdte"]
        widgets = {
            "gegeven_door": forms.RadioSelect,
            "reikwijdte": forms.RadioSelect,
            "gegeven_op": DatumInput(),
        }

    def __init__(self, *args: Any, verwijzing: Verwijzing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.verwijzing = verwijzing
        keuzes = {"gegeven_door": ToestemmingDoor.choices, "reikwijdte": Reikwijdte.choices}
        for naam, waarden in keuzes.items():
            veld = self.fields[naam]
            assert isinstance(veld, forms.ChoiceField)
            veld.choices = waarden

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dag: dt.date | None = data.get("gegeven_op")
        door = data.get("gegeven_door")
        if dag is None or door is None:
            return data
        if dag > tijd.vandaag():
            self.add_error("gegeven_op", _("Deze datum ligt in de toekomst."))
        elif dag < self.verwijzing.aangemeld_op:
            self.add_error("gegeven_op", _("Deze datum ligt voor de aanmelding."))
        fout = toestemming_fout(self.verwijzing.leerling, door, dag)
        if fout:
            self.add_error("gegeven_door", fout)
        return data


def toestemming_fout(leerling: Leerling, door: str, dag: dt.date) -> str:
    """Who must consent at the pupil's age (WGBO art. 7:465 BW): under 12 the parents, from 12
    to 15 the parents and the pupil, from 16 the pupil (the parents may consent with the pupil).
    Empty when ``door`` fits."""
    leeftijd = age_on(leerling.geboortedatum, dag)
    if leeftijd < 12 and door == ToestemmingDoor.LEERLING:
        return str(_("Een leerling jonger dan 12 jaar geeft geen toestemming zonder de ouders."))
    if 12 <= leeftijd < 16 and door != ToestemmingDoor.OUDERS_EN_LEERLING:
        return str(
            _(
                "De leerling is %(n)d jaar: van 12 tot en met 15 jaar zijn de toestemming van "
                "de ouders en van de leerling nodig."
            )
            % {"n": leeftijd}
        )
    if leeftijd >= 16 and door == ToestemmingDoor.OUDERS:
        return str(
            _("De leerling is %(n)d jaar: vanaf 16 jaar geeft de leerling zelf toestemming.")
            % {"n": leeftijd}
        )
    return ""


class IntrekkenForm(forms.Form):
    ingetrokken_op = forms.DateField(
        label=_("Ingetrokken op"), widget=DatumInput(), initial=tijd.vandaag
    )
