"""The register form: one row per pupil of a group, on one date and moment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.core.absence import Reason
from leerrecht.web.registratie.models import REDEN_CHOICES, Moment
from leerrecht.web.registratie.ziekteverzuim import is_herclassificatie, notitie_geweigerd

STATUS_CHOICES = [("aanwezig", _("aanwezig")), ("absent", _("afwezig")), ("late", _("te laat"))]


class KeuzeForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.ChoiceField(label=_("Moment"), choices=Moment.choices, initial=Moment.DAG)


class RegelForm(forms.Form):
    """One pupil's line on the register."""

    leerling = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=STATUS_CHOICES, widget=forms.RadioSelect, initial="aanwezig")
    reden = forms.ChoiceField(choices=[("", "-"), *REDEN_CHOICES], required=False)
    minuten = forms.IntegerField(
        label=_("minuten te laat"), required=False, min_value=1, max_value=600
    )
    notitie = forms.CharField(max_length=500, required=False)
    ouders_geinformeerd_op = forms.DateField(
        label=_("Ongeoorloofd maken: ouders geïnformeerd op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, datum: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the day of the register (a reclassification cannot be told to parents before it)
        self.datum = datum

    @property
    def was_ziek(self) -> bool:
        """The stored registration (the form's initial) is geoorloofde sick leave."""
        return self.initial.get("status", "aanwezig") != "aanwezig" and is_herclassificatie(
            self.initial.get("reden"), Reason.ONGEOORLOOFD.value
        )

    def herclassificatie(self) -> bool:
        """Stored ziek/arts becomes ongeoorloofd with this form (see registratie.ziekteverzuim)."""
        data = self.cleaned_data
        return (
            self.was_ziek
            and data.get("status") in ("absent", "late")
            and is_herclassificatie(self.initial.get("reden"), data.get("reden"))
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        status = data.get("status")
        if status == "absent" and not data.get("reden"):
            self.add_error("reden", _("Kies een reden voor de afwezigheid."))
        if status == "late":
            if not data.get("minuten"):
                self.add_error("minuten", _("Vul in hoeveel minuten de leerling te laat was."))
            if not data.get("reden"):
                data["reden"] = Reason.ONGEOORLOOFD.value
        if status == "aanwezig":
            data["reden"] = ""
        if notitie_geweigerd(data.get("reden"), data.get("notitie"), self.initial.get("notitie")):
            self.add_error(
                "notitie",
                _(
                    "Geen notitie bij ziekte of artsbezoek: noteer nooit de aard van een ziekte. "
                    "Maak het veld leeg."
                ),
            )
        self._controleer_herclassificatie(data)
        return data

    def _controleer_herclassificatie(self, data: dict[str, Any]) -> None:
        if not self.herclassificatie():
            data["ouders_geinformeerd_op"] = None  # only kept for a reclassification
            return
        op = data.get("ouders_geinformeerd_op")
        veld = "ouders_geinformeerd_op"
        if op is None:
            if veld not in self.errors:
                self.add_error(
                    veld,
                    _(
                        "Ziekteverzuim wordt alleen ongeoorloofd nadat de ouders dat te horen "
                        "kregen: vul de datum in waarop zij zijn geïnformeerd, of laat de reden "
                        "staan."
                    ),
                )
        elif op > dt.date.today():
            self.add_error(
                veld, _("De datum waarop de ouders zijn geïnformeerd ligt in de toekomst.")
            )
        elif self.datum is not None and op < self.datum:
            self.add_error(
                veld,
                _(
                    "De ouders zijn geïnformeerd voor de dag van het verzuim; vul een latere datum in."
                ),
            )

    def uren(self) -> Decimal | None:
        minuten = self.cleaned_data.get("minuten")
        if self.cleaned_data.get("status") == "late" and minuten:
            return (Decimal(minuten) / Decimal(60)).quantize(Decimal("0.01"))
        return None


class _GedeeldeVelden(dict[str, forms.Field]):
    """The fields of :class:`RegelForm`, shared by all lines of a register.

    Django gives every form a deep copy of its fields, so that a form may change its own fields
    (choices, widget attributes). A register builds 20 to 40 forms per request and never
    changes a field per line; copying them cost more than validating the lines. Each form still
    gets its own dict (adding or removing a field stays per form), with the same field
    objects. ``tests/web/test_register_velden_gedeeld.py`` checks that building, validating and
    rendering lines leaves the shared fields as they were. A form that must change one of its
    fields replaces it in ``self.fields`` with its own copy.
    """

    def __deepcopy__(self, memo: dict[int, object]) -> dict[str, forms.Field]:
        return dict(self)


RegelForm.base_fields = _GedeeldeVelden(RegelForm.base_fields)


def hours_for_moment(moment: str, scheduled: float) -> Decimal | None:
    """Missed hours for a whole-moment absence: a day (None = whole day), half a day, a lesson."""
    if moment == Moment.DAG:
        return None
    if moment in (Moment.OCHTEND, Moment.MIDDAG):
        return (Decimal(str(scheduled)) / 2).quantize(Decimal("0.01"))
    return Decimal("1.00")


def parse_date(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return default


class ActieForm(forms.Form):
    """Marks the actions of a reached protocol step done."""

    protocol = forms.CharField(max_length=80, widget=forms.HiddenInput)
    stap = forms.CharField(max_length=80, widget=forms.HiddenInput)
    bereikt_op = forms.DateField(widget=forms.HiddenInput)
    notitie = forms.CharField(label=_("Notitie"), max_length=1000, min_length=3)
