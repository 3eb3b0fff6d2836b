"""The upload form and the LAS code form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leerrecht.web.importeren.models import CodeKoppeling, normaliseer_code
from leerrecht.web.importeren.parsers import MAX_BYTES, keuzes
from leerrecht.web.scholen.models import School


class UploadForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), empty_label=None
    )
    formaat = forms.ChoiceField(label=_("Formaat"), choices=[], widget=forms.RadioSelect)
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (komma, puntkomma of tab), of voor leerrecht een ZIP; hooguit 20 MB."),
    )

    def __init__(self, *args: Any, scholen: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scholen
        choice = self.fields["formaat"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = keuzes()

    def clean_bestand(self) -> Any:
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 20 MB; splits het in kleinere bestanden.")
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg."))
        return upload


class CodeForm(forms.ModelForm[CodeKoppeling]):
    class Meta:
        model = CodeKoppeling
        fields = ["code", "soort", "reden"]

    def clean_code(self) -> str:
        code = normaliseer_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Vul een code in."))
        return code
