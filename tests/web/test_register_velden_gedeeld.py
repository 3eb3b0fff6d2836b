"""The register's lines share their field objects (leerrecht.web.registratie.forms.RegelForm):
building, validating and rendering lines must leave those fields as they were, or one line
would change the next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory
from django.test import Client
from web_hulp import PASSWORD, D, World

from leerrecht.web.registratie.forms import RegelForm
from leerrecht.web.registratie.models import Registratie


def _toestand(field: forms.Field) -> tuple[Any, ...]:
    widget = field.widget
    return (
        type(field),
        field.required,
        str(field.label),
        field.initial,
        field.disabled,
        dict(field.error_messages),
        len(field.validators),
        type(widget),
        dict(widget.attrs),
        widget.is_required,
        [(w, str(label)) for w, label in getattr(field, "choices", [])],
        [(w, str(label)) for w, label in getattr(widget, "choices", [])],
    )


def _alle_toestanden() -> dict[str, tuple[Any, ...]]:
    return {naam: _toestand(field) for naam, field in RegelForm.base_fields.items()}


def test_de_regels_delen_de_velden_maar_elk_een_eigen_lijst() -> None:
    a, b = RegelForm(prefix="a"), RegelForm(prefix="b")
    assert a.fields is not b.fields
    assert all(a.fields[naam] is b.fields[naam] for naam in RegelForm.base_fields)
    del a.fields["notitie"]
    assert "notitie" in b.fields and "notitie" in RegelForm.base_fields


def test_bouwen_valideren_en_tonen_laat_de_velden_zoals_ze_waren(
    client: Client, world: World
) -> None:
    vooraf = _alle_toestanden()
    dag = D(2026, 3, 2)
    Registratie.objects.create(
        leerling=world.a1, datum=dag, moment="dag", soort="absent", reden="ziek"
    )
    regels = formset_factory(RegelForm, extra=0)
    initial = [
        {"leerling": world.a1.pk, "status": "absent", "reden": "ziek"},
        {"leerling": world.a2.pk, "status": "aanwezig"},
    ]
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-leerling": str(world.a1.pk),
        "form-0-status": "absent",
        "form-0-reden": "ongeoorloofd",  # reclassification without the date: an error
        "form-0-notitie": "koorts",  # a note next to sick leave: an error
        "form-1-leerling": "geen getal",
        "form-1-status": "late",
        "form-1-minuten": "9999",
        "form-1-ouders_geinformeerd_op": "geen datum",
    }
    bound = regels(data, initial=initial, form_kwargs={"datum": dag})
    assert not bound.is_valid()
    for form in [*bound.forms, *regels(initial=initial, form_kwargs={"datum": dag}).forms]:
        for veld in form:
            str(veld)  # through the widgets, with the error attributes
            str(veld.errors)
        for veld in form["status"]:
            str(veld.tag())
    # and the page itself, with errors (the widgets) and opened (the fast lines)
    client.login(username="docent", password=PASSWORD)
    url = f"/registreren/{world.groep_a.pk}/?datum={dag.isoformat()}&moment=dag"
    fout = client.post(url, {**data, "form-1-leerling": str(world.a2.pk)})
    assert fout.status_code == 200 and "aria-invalid" in fout.content.decode()
    assert client.get(url).status_code == 200
    assert _alle_toestanden() == vooraf
    # a fresh form is still unbound and without errors
    schoon = RegelForm(initial={"leerling": 1}, datum=dt.date(2026, 3, 2))
    assert not schoon.is_bound and not schoon.errors
