"""The demo school of ``leerrecht demo``: deterministic, realistic, and alive on the worklist."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.test import Client

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.evaluate import Evaluation, evaluate
from leerrecht.core.leerplicht import Leerplicht, age_on, leerplicht_periods
from leerrecht.core.model import ExitReason, Pupil, School, Sector, Soort, ThuiszitterGroup
from leerrecht.core.protocols.loader import load_protocol
from leerrecht.web.demodata.bouw import (
    BESTUUR,
    PERSONEEL,
    SUPERUSER,
    WACHTWOORD,
    bouw_demo,
    verwijder_demo,
)
from leerrecht.web.demodata.plan import (
    GROEPEN,
    LESUREN,
    Plan,
    demo_kalender,
    maak_plan,
)
from leerrecht.web.evaluatie import calendar_for
from leerrecht.web.registratie.models import Moment, Registratie
from leerrecht.web.scholen import models as m

D = dt.date
PEILDATUM = D(2026, 3, 20)


def evalueer(plan: Plan) -> Evaluation:
    """Evaluate a plan with the core, as the worklist does (parkstad-po protocol)."""
    pupils = [
        Pupil(
            p.nummer,
            p.geboortedatum,
            p.ingeschreven_vanaf,
            p.ingeschreven_tot,
            p.woongemeente,
            p.groep,
            exit_reason=ExitReason(p.uitschrijfreden) if p.uitschrijfreden else None,
            next_enrolment_from=p.nieuwe_inschrijving_vanaf,
        )
        for p in plan.leerlingen
    ]
    registrations = [
        Registration(
            r.nummer,
            r.datum,
            Kind(r.soort),
            Reason(r.reden),
            float(r.uren) if r.uren is not None else None,
        )
        for r in plan.registraties
    ]
    school = School("Basisschool De Linde", Sector.PO, demo_kalender())
    return evaluate(school, pupils, registrations, [], plan.peildatum, load_protocol("parkstad-po"))


def test_het_plan_is_deterministisch() -> None:
    first = maak_plan(PEILDATUM, 40, seed=7)
    assert first == maak_plan(PEILDATUM, 40, seed=7)
    assert first.registraties != maak_plan(PEILDATUM, 40, seed=8).registraties


def test_de_kalender_is_die_van_de_demoschool() -> None:
    school = m.School(regio="zuid")
    assert school.lesuren() == LESUREN
    assert calendar_for(school).school_days == demo_kalender().school_days


def test_leerlingen_en_registraties_kloppen_met_school_en_leeftijd() -> None:
    plan = maak_plan(PEILDATUM, 300, seed=2026)
    calendar = demo_kalender()
    assert len(plan.leerlingen) == 300
    assert plan.eerste_dag == D(2025, 8, 18)  # eerste schooldag van 2025-2026 in regio zuid
    per_groep = Counter(p.groep for p in plan.leerlingen)
    assert set(per_groep) == set(GROEPEN) and min(per_groep.values()) >= 37
    for p in plan.leerlingen:
        age = age_on(p.geboortedatum, PEILDATUM)
        if p.groep.startswith("1/2"):
            assert 4 <= age <= 6, p
        else:
            assert int(p.groep) + 2 <= age <= int(p.groep) + 4, p
    statuses = [leerplicht_periods(p.geboortedatum).status(PEILDATUM) for p in plan.leerlingen]
    assert statuses.count(Leerplicht.NIET_LEERPLICHTIG) >= 1  # de vierjarige kleuter
    enrolled = {p.nummer: p for p in plan.leerlingen}
    keys = [(r.nummer, r.datum, r.moment) for r in plan.registraties]
    assert len(keys) == len(set(keys))
    for r in plan.registraties:
        assert calendar.is_school_day(r.datum) and r.datum <= PEILDATUM
        assert enrolled[r.nummer].ingeschreven_op(r.datum)
        assert r.moment in Moment.values
    redenen = Counter(r.reden for r in plan.registraties)
    assert set(redenen) >= {"ziek", "arts", "ongeoorloofd", "luxe", "schorsing", "verlof"}
    # meer ziekte in de winter dan in het najaar
    ziek = Counter(r.datum.month for r in plan.registraties if r.reden == "ziek")
    assert ziek[1] + ziek[2] > ziek[9] + ziek[10]
    # verreweg de meeste leerlingen zijn er bijna altijd
    dagen = Counter(r.nummer for r in plan.registraties if r.moment == "dag")
    assert sum(1 for p in plan.leerlingen if dagen[p.nummer] <= 10) > 200


@pytest.mark.parametrize(
    "peildatum",
    [D(2024, 11, 15), D(2025, 6, 10), D(2025, 9, 12), D(2026, 11, 22)],
)
def test_de_werklijst_leeft_op_elke_peildatum(peildatum: dt.date) -> None:
    plan = maak_plan(peildatum, 40, seed=2026)
    evaluation = evalueer(plan)
    recent = peildatum - dt.timedelta(days=14)
    zestien = {
        x.pupil_id
        for x in evaluation.meldingen
        if x.soort is Soort.ZESTIEN_UUR and recent <= x.reached <= peildatum
    }
    assert len(zestien) >= 2
    groups = Counter(r.thuiszitter.group for r in evaluation.results if r.thuiszitter)
    assert groups[ThuiszitterGroup.LRV_2A] == 1 and groups[ThuiszitterGroup.ABSOLUUT] == 1
    (since,) = [
        r.thuiszitter.since
        for r in evaluation.results
        if r.thuiszitter and r.thuiszitter.group is ThuiszitterGroup.LRV_2A
    ]
    zomer = any(
        v.name == "zomervakantie" and since < v.start < peildatum for v in demo_kalender().vacations
    )
    assert 6 * 7 <= (peildatum - since).days <= 8 * 7 or zomer  # 6 tot 8 weken thuis
    assert any(x.soort is Soort.LRV and x.end is None for x in evaluation.meldingen)
    assert any(10 <= r.lopende_uren < 16 for r in evaluation.results)
    assert any(x.soort is Soort.LUXE for x in evaluation.meldingen)
    kinds = {c.kind for c in evaluation.checks if c.on >= peildatum - dt.timedelta(days=28)}
    assert {"schorsing_melden", "uitschrijving_niet_toegestaan"} <= kinds
    assert "twijfelachtig_ziekteverzuim" in {c.kind for c in evaluation.checks}


def rijen() -> list[tuple[Any, ...]]:
    return list(
        Registratie.objects.filter(leerling__school__bestuur__naam=BESTUUR)
        .order_by("leerling__leerlingnummer", "datum", "moment")
        .values_list(
            "leerling__leerlingnummer",
            "leerling__voornaam",
            "leerling__achternaam",
            "datum",
            "moment",
            "soort",
            "reden",
            "uren",
            "notitie",
        )
    )


@pytest.mark.django_db
def test_bouwen_is_deterministisch_en_vervangt_de_vorige_demo() -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=11)
    first = rijen()
    assert len(first) == demo.registraties > 0
    bouw_demo(PEILDATUM, 40, seed=11)
    assert rijen() == first
    assert m.School.objects.count() == 1 and m.Leerling.objects.count() == 40
    verwijder_demo()
    assert not m.School.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_een_account_per_rol_met_het_demowachtwoord() -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=2026)
    rollen = m.Rol.objects.select_related("gebruiker")
    assert sorted(r.soort for r in rollen) == sorted(m.RolSoort.values)
    for rol in rollen:
        groepen = [g.naam for g in rol.groepen.all()]
        expected = 1 if rol.soort in (m.RolSoort.DOCENT, m.RolSoort.MENTOR) else 0
        assert len(groepen) == expected, rol
    beheer = User.objects.get(username=SUPERUSER)
    assert beheer.is_superuser and beheer.is_staff
    assert not m.Rol.objects.filter(gebruiker=beheer).exists()
    school_users = list(
        User.objects.filter(username__in=[*(p.gebruikersnaam for p in PERSONEEL), SUPERUSER])
    )
    assert len(school_users) == 9 and len({u.password for u in school_users}) == 1  # één hash
    # plus the chain partners: leerplichtambtenaar, leerplicht-administratie, SWV and jeugdarts
    users = list(User.objects.all())
    assert len(users) == 13
    for user in users:
        assert user.check_password(WACHTWOORD), user
        validate_password(WACHTWOORD, user)
    assert [a.gebruikersnaam for a in demo.accounts] == [
        *(p.gebruikersnaam for p in PERSONEEL),
        SUPERUSER,
    ]
    assert len(demo.verhalen) >= 12


@pytest.mark.django_db
def test_werklijst_van_de_coordinator_toont_meldingen_thuiszitter_en_grens(
    client: Client,
) -> None:
    bouw_demo(PEILDATUM, 40, seed=2026)
    assert client.login(username="coordinator", password=WACHTWOORD)
    response = client.get("/?peildatum=2026-03-20")
    assert response.status_code == 200
    html = response.content.decode()
    context = response.context
    zestien = [r for r in context["meldingen"] if r["melding"].soort is Soort.ZESTIEN_UUR]
    assert len({r["leerling"].pk for r in zestien}) >= 2
    assert "16_uur" in html
    groups = {r["thuiszitter"].group.value for r in context["thuiszitters"]}
    assert groups == {"2a", "absoluut"}
    assert "Thuiszitters" in html and "2a" in html
    assert context["grens"]
    assert "Nadert de grens" in html
    assert "uur ongeoorloofd in de lopende 4 lesweken" in html
    for row in context["grens"]:
        assert row["leerling"].voornaam in html


@pytest.mark.django_db
def test_docent_ziet_alleen_de_eigen_groep(client: Client) -> None:
    bouw_demo(PEILDATUM, 40, seed=2026)
    assert client.login(username="docent", password=WACHTWOORD)
    response = client.get("/?peildatum=2026-03-20")
    assert response.status_code == 200
    groepen = {r["leerling"].groep.naam for r in response.context["grens"]} | {
        r["leerling"].groep.naam for r in response.context["meldingen"]
    }
    assert groepen <= {"5"}
    assert [g.naam for g in response.context["groepen"]] == ["5"]
