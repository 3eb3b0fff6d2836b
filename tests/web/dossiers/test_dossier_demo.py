"""The demo content for dossiers: on the demo school (issue 4) and an office serving its pupils,
three dossiers in different routes and statuses with actions, one with an action past its
deadline, shown on the office's list."""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers_hulp import login

from leerrecht.web.demodata.bouw import bouw_demo, demo_school
from leerrecht.web.dossiers import tijd
from leerrecht.web.dossiers.models import ActieSoort, Dossier, Route, Status
from leerrecht.web.leerplicht.models import Bureau

pytestmark = pytest.mark.django_db

PEILDATUM = dt.date(2026, 3, 20)


def test_drie_dossiers_in_verschillende_routes_een_te_laat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tijd, "vandaag", lambda: PEILDATUM)
    demo = bouw_demo(PEILDATUM, 40, seed=2026)  # with the chain partners (issue 5)
    school = demo_school()
    assert school is not None
    assert Bureau.objects.filter(naam="Bureau Leren en Doorstromen Parkstad").exists()
    regels = list(demo.ketenpartners)

    dossiers = list(Dossier.objects.order_by("pk"))
    assert len(dossiers) == 3
    assert {d.route for d in dossiers} >= {Route.VOORLIGGEND}
    assert len({d.route for d in dossiers}) == 3
    assert [d.status for d in dossiers] == [
        Status.IN_UITVOERING,
        Status.ONDERZOEK,
        Status.AFGESLOTEN,
    ]
    te_laat = [a for d in dossiers for a in d.acties.all() if a.te_laat(PEILDATUM) and d.is_open]
    assert [a.soort for a in te_laat] == [ActieSoort.TERUGKOPPELING]
    assert any("Dossiers (MAS)" in r and "leerplichtambtenaar" in r for r in regels)
    assert any("te laat" in r for r in regels)
    # the history is spread over the demo's days, not all 'now'
    assert dossiers[2].geschiedenis.first().op.date() < PEILDATUM  # type: ignore[union-attr]

    from django.contrib.auth.models import User

    html = (
        login(User.objects.get(username="leerplichtambtenaar")).get("/dossiers/").content.decode()
    )
    assert "1 actie is niet op tijd gedaan" in html
