"""Forms of the thuiszitter register: a registration, a new jeugdige, an overleg, the status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.web.leerplicht.models import Bureau, Gemeente, Jeugdige
from leerrecht.web.scholen.models import School
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Reden,
    Samenwerkingsverband,
    Soort,
    Status,
    ThuiszitterRegistratie,
    Uitkomst,
)
from leerrecht.web.thuiszitters.termijnen import DOEL_MAANDEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

#: categories without a school: not enrolled (absoluut verzuim) or exempt from enrolment
ZONDER_SCHOOL = frozenset({Categorie.ABSOLUUT, Categorie.VRIJGESTELD})


class RegistratieForm(forms.ModelForm[ThuiszitterRegistratie]):
    """The data of a thuiszitter the office keeps (seed 002 bijlage 1, punt 1: the reason and the
    agreed approach)."""

    class Meta:
        model = ThuiszitterRegistratie
        fields = [
            "categorie",
            "sinds",
            "school",
            "school_naam",
            "swv",
            "reden",
            "toelichting",
            "aanpak",
        ]
        widgets = {
            "sinds": DATUM,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
            "aanpak": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "swv": _("leeg: het samenwerkingsverband van de school"),
            "school_naam": _("alleen als de school niet op het platform staat"),
        }

    def __init__(self, *args: Any, registratiedatum: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registratiedatum = registratiedatum
        school = self.fields["school"]
        assert isinstance(school, forms.ModelChoiceField)
        school.queryset = School.objects.order_by("naam")
        swv = self.fields["swv"]
        assert isinstance(swv, forms.ModelChoiceField)
        swv.queryset = Samenwerkingsverband.objects.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        categorie = data.get("categorie")
        sinds: dt.date | None = data.get("sinds")
        if sinds is not None and sinds > self.registratiedatum:
            self.add_error("sinds", _("De eerste dag thuis ligt in de toekomst."))
            sinds = None  # no group to check (and 9999-12-31 plus three months does not exist)
        # the registered group is checked when it is chosen (a later edit of other fields keeps it)
        gekozen = self.instance.pk is None or {"categorie", "sinds"} & set(self.changed_data)
        if gekozen and sinds is not None and categorie in (Categorie.LRV_2A, Categorie.LRV_2B):
            drie_maanden = add_months(sinds, DOEL_MAANDEN)
            if categorie == Categorie.LRV_2B and self.registratiedatum <= drie_maanden:
                self.add_error(
                    "categorie",
                    _(
                        "Groep 2b is langdurig relatief verzuim van langer dan drie maanden; "
                        "deze jongere zit korter thuis: kies 2a."
                    ),
                )
            if categorie == Categorie.LRV_2A and self.registratiedatum > drie_maanden:
                self.add_error(
                    "categorie",
                    _("Deze jongere zit langer dan drie maanden thuis: kies groep 2b."),
                )
        heeft_school = data.get("school") is not None or bool(
            (data.get("school_naam") or "").strip()
        )
        if categorie in ZONDER_SCHOOL and heeft_school:
            self.add_error(
                "school",
                _(
                    "Bij absoluut verzuim en een vrijstelling van de inschrijving staat de jongere "
                    "op geen school ingeschreven: laat de school leeg en kies zo nodig het "
                    "samenwerkingsverband."
                ),
            )
        if categorie and categorie not in ZONDER_SCHOOL and not heeft_school:
            self.add_error(
                "school",
                _("Kies de school (of vul de naam in als die niet op het platform staat)."),
            )
        if data.get("reden") == Reden.ANDERS and not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", _("Licht toe wat de reden is als u 'anders' kiest."))
        return data


class JeugdigeKeuzeVeld(forms.ModelChoiceField[Jeugdige]):
    def label_from_instance(self, obj: Jeugdige) -> str:
        return f"{obj.achternaam}, {obj.voornaam} ({obj.geboortedatum:%d-%m-%Y})"


class JeugdigeForm(forms.Form):
    """Who: a jeugdige the office knows, or a new one (name, date of birth, woongemeente)."""

    jeugdige = JeugdigeKeuzeVeld(
        label=_("Bekende jeugdige"), queryset=Jeugdige.objects.none(), required=False
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=100, required=False)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATUM)
    gemeente = forms.ModelChoiceField(
        label=_("Woongemeente"), queryset=Gemeente.objects.none(), required=False
    )

    def __init__(self, *args: Any, bureau: Bureau, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bureau = bureau
        jeugdige = self.fields["jeugdige"]
        assert isinstance(jeugdige, forms.ModelChoiceField)
        jeugdige.queryset = Jeugdige.objects.filter(bureau=bureau)
        gemeente = self.fields["gemeente"]
        assert isinstance(gemeente, forms.ModelChoiceField)
        gemeente.queryset = Gemeente.objects.filter(werkgebied__bureau=bureau)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("jeugdige") is not None:
            return data
        ontbreekt = [
            veld for veld in ("voornaam", "achternaam", "geboortedatum") if not data.get(veld)
        ]
        for veld in ontbreekt:
            self.add_error(
                veld,
                _("Kies een bekende jeugdige of vul voornaam, achternaam en geboortedatum in."),
            )
        return data

    def jeugdige_opslaan(self) -> Jeugdige:
        data = self.cleaned_data
        if data.get("jeugdige") is not None:
            gekozen: Jeugdige = data["jeugdige"]
            return gekozen
        jeugdige, _nieuw = Jeugdige.objects.get_or_create(
            bureau=self.bureau,
            voornaam=data["voornaam"].strip(),
            achternaam=data["achternaam"].strip(),
            geboortedatum=data["geboortedatum"],
            defaults={"gemeente": data.get("gemeente")},
        )
        return jeugdige


class OverlegForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort overleg"),
        choices=[
            (Soort.KNOOPPUNT.value, Soort.KNOOPPUNT.label),
            (Soort.BREED_OVERLEG.value, Soort.BREED_OVERLEG.label),
        ],
    )
    datum = forms.DateField(label=_("Gehouden op"), widget=DATUM)
    notitie = forms.CharField(
        label=_("Afspraken (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Geen medische gegevens of diagnoses."),
    )


class StatusForm(forms.Form):
    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    datum = forms.DateField(label=_("Opgelost op"), required=False, widget=DATUM)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=[("", "---------"), *Uitkomst.choices], required=False
    )
    notitie = forms.CharField(
        label=_("Notitie (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
