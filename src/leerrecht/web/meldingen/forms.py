"""Forms: completing a concept melding and changing its status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from leerrecht.web.meldingen.models import DuoMelding, Status, VermoedelijkeReden
from leerrecht.web.meldingen.statussen import MELDINGSNUMMER_MAX


class ContactpersoonVeld(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class MeldingForm(forms.ModelForm[DuoMelding]):
    """What the school adds to the prefilled melding before it goes to DUO."""

    class Meta:
        model = DuoMelding
        fields = ["vermoedelijke_reden", "toelichting", "ondernomen_acties", "contactpersoon"]
        field_classes = {"contactpersoon": ContactpersoonVeld}
        widgets = {
            "toelichting": forms.Textarea(attrs={"rows": 4}),
            "ondernomen_acties": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "ondernomen_acties": _("Bijvoorbeeld gesprekken met leerling en ouders, en wanneer."),
            "contactpersoon": _("Wie de leerplichtambtenaar over deze melding kan bellen."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school = self.instance.school
        # only staff of this school can be the contact person (never another school's staff)
        veld = self.fields["contactpersoon"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = (
            User.objects.filter(rollen__school=school, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("vermoedelijke_reden") == VermoedelijkeReden.ANDERS
            and not (data.get("toelichting") or "").strip()
        ):
            self.add_error("toelichting", _("Licht toe wat de reden is als u 'anders' kiest."))
        return data


class StatusForm(forms.Form):
    """One status button; the meldingsnummer only for concept -> gemeld."""

    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    meldingsnummer = forms.CharField(
        label=_("Meldingsnummer van DUO"), max_length=MELDINGSNUMMER_MAX, required=False
    )
    notitie = forms.CharField(
        label=_("Notitie (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
