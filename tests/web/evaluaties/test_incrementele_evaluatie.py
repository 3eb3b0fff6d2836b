"""Incremental evaluation (issue 6): stored results per pupil are used only while current, and
the worklist built from them is identical to one built from a full evaluation."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client

from leerrecht.core.calendar import SchoolCalendar
from leerrecht.web import evaluatie
from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo, demo_school
from leerrecht.web.evaluaties import cache, opslag
from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie
from leerrecht.web.leerlingzaken.schorsingen import SchorsingFout, registreer
from leerrecht.web.registratie import views
from leerrecht.web.registratie.models import ActieAfgehandeld, Registratie
from leerrecht.web.scholen.models import Groep, Leerling, School
from leerrecht.web.schoolbeheer.models import SchoolVrijeDag
from leerrecht.web.verlof.toetsing import registreer_dagen

PEILDATUM = dt.date(2026, 3, 20)


@pytest.fixture
def school(db: None) -> School:
    bouw_demo(PEILDATUM, 60, seed=7)
    school = demo_school()
    assert school is not None
    return school


def leerlingen(school: School) -> list[Leerling]:
    return list(school.leerlingen.select_related("groep").order_by("pk"))


def vergelijk(school: School, as_of: dt.date = PEILDATUM) -> cache.Telling:
    """The incremental result equals the full evaluation; returns what it took."""
    pupils = leerlingen(school)
    incrementeel, telling = cache.evalueer_met_telling(school, pupils, as_of)
    volledig = evaluatie.evaluate_pupils(school, pupils, as_of)
    assert incrementeel.results == volledig.results
    assert incrementeel.to_dict() == volledig.to_dict()
    return telling


def schooldagen(calendar: SchoolCalendar, tot: dt.date) -> list[dt.date]:
    day, days = tot - dt.timedelta(days=70), []
    while day <= tot:
        if calendar.is_school_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def test_een_tweede_evaluatie_haalt_alles_uit_de_opslag(school: School) -> None:
    n = len(leerlingen(school))
    eerste = vergelijk(school)
    assert eerste.uit_opslag + eerste.geevalueerd == n
    tweede = vergelijk(school)
    assert (tweede.uit_opslag, tweede.geevalueerd) == (n, 0)


def test_de_opslag_is_compacte_json_die_exact_terugleest(school: School) -> None:
    pupils = leerlingen(school)
    volledig = evaluatie.evaluate_pupils(school, pupils, PEILDATUM)
    soorten = {
        "meldingen": any(r.meldingen for r in volledig.results),
        "signalen": any(r.signals for r in volledig.results),
        "aandachtspunten": any(r.checks for r in volledig.results),
        "thuiszitters": any(r.thuiszitter for r in volledig.results),
    }
    assert all(soorten.values()), soorten  # the demo has every kind of outcome
    for pupil, result in zip(pupils, volledig.results, strict=True):
        text = json.dumps(opslag.naar_json(result), separators=(",", ":"))
        terug = opslag.uit_json(json.loads(text), evaluatie.core_pupil(pupil), PEILDATUM)
        assert terug == result


def test_willekeurige_wijzigingen_geven_dezelfde_uitkomst_als_een_volledige_evaluatie(
    school: School, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "LIJST_TOT", 5)  # versions and results read per school
    rng = random.Random(2026)
    directeur = User.objects.get(username="directeur")
    calendar = evaluatie.calendar_for(school)
    dagen = schooldagen(calendar, PEILDATUM)
    vergelijk(school)
    gedaan: set[str] = set()
    for stap in range(45):
        pupils = leerlingen(school)
        p = rng.choice(pupils)
        keuze = rng.choice(
            [
                "nieuw",
                "nieuw",
                "wijzig",
                "verwijder",
                "update",
                "bulk",
                "qs_verwijder",
                "leerling",
                "groep",
                "vrije_dag",
                "protocol",
                "lesuren",
                "schorsing",
                "verlof",
            ]
        )
        verwacht: set[int] | None = {p.pk}  # None: every pupil
        if keuze == "nieuw":
            day = rng.choice(dagen)
            _reg, created = Registratie.objects.get_or_create(
                leerling=p,
                datum=day,
                moment=rng.choice(["dag", "1", "2"]),
                defaults={
                    "soort": rng.choice(["absent", "late"]),
                    "reden": rng.choice(["ongeoorloofd", "ziek", "luxe", "ziek_niet_gemeld"]),
                    "uren": rng.choice([None, Decimal("1.00"), Decimal("0.25")]),
                },
            )
            if not created:
                continue
        elif keuze == "wijzig":
            reg = Registratie.objects.filter(leerling=p).order_by("?").first()
            if reg is None:
                continue
            reg.reden = rng.choice(["ongeoorloofd", "ziek", "arts", "luxe"])
            reg.save()
        elif keuze == "verwijder":
            reg = Registratie.objects.filter(leerling=p).order_by("?").first()
            if reg is None:
                continue
            reg.delete()
        elif keuze == "update":
            q = Registratie.objects.filter(leerling=p, datum__gte=rng.choice(dagen))
            if not q.update(reden="ongeoorloofd"):
                continue
        elif keuze == "bulk":
            q = rng.choice(pupils)
            bezet = set(Registratie.objects.filter(moment="3").values_list("leerling_id", "datum"))
            day = rng.choice(dagen)
            nieuw = Registratie.objects.bulk_create(
                Registratie(
                    leerling=x,
                    datum=day,
                    moment="3",
                    soort="absent",
                    reden="ongeoorloofd",
                    uren=Decimal("1"),
                )
                for x in {p, q}
                if (x.pk, day) not in bezet
            )
            if not nieuw:
                continue
            verwacht = {r.leerling_id for r in nieuw}
        elif keuze == "qs_verwijder":
            start = rng.choice(dagen)
            q = Registratie.objects.filter(
                leerling=p, datum__gte=start, datum__lte=start + dt.timedelta(days=7)
            )
            if not q.delete()[0]:
                continue
        elif keuze == "leerling":
            voor = evaluatie.core_pupil(p)
            veld = rng.choice(["tot", "startkwalificatie", "geboortedatum", "groep"])
            if veld == "tot":
                p.ingeschreven_tot = None if p.ingeschreven_tot else rng.choice(dagen)
            elif veld == "startkwalificatie":
                p.startkwalificatie = not p.startkwalificatie
            elif veld == "geboortedatum":
                p.geboortedatum -= dt.timedelta(days=rng.choice([200, 400, 4000]))
            else:
                p.groep = rng.choice(list(Groep.objects.filter(school=school)))
            p.save()
            if evaluatie.core_pupil(p) == voor:  # the same group again: nothing changed
                verwacht = set()
        elif keuze == "groep":
            groep = Groep.objects.filter(school=school).order_by("?").first()
            assert groep is not None
            groep.naam = f"{groep.naam}x"
            groep.save()
            verwacht = set(groep.leerlingen.values_list("pk", flat=True))
        elif keuze == "vrije_dag":
            day = rng.choice(dagen)
            vrij = SchoolVrijeDag.objects.filter(school=school).first()
            if vrij is not None:
                vrij.delete()
            else:
                SchoolVrijeDag.objects.create(school=school, datum=day, omschrijving="studiedag")
            verwacht = None
        elif keuze == "protocol":
            school.protocol = rng.choice(["", "twente-po", "parkstad-po"])
            school.save()
            verwacht = None
        elif keuze == "lesuren":
            school.uren_wo = rng.choice([Decimal("3.75"), Decimal("5.5"), Decimal("0")])
            school.save()
            verwacht = None
        elif keuze == "schorsing":
            day = rng.choice(dagen)
            try:
                registreer(
                    p,
                    eerste_dag=day,
                    laatste_dag=day,
                    reden="test",
                    besluit_op=day,
                    ouders_geinformeerd_op=day,
                    door=directeur,
                )
            except SchorsingFout:
                continue
        elif keuze == "verlof":
            start = rng.choice(dagen)
            if not any(
                d.geregistreerd
                for d in registreer_dagen(p, start, start + dt.timedelta(days=3), "verlof", None)
            ):
                continue
        gedaan.add(keuze)
        school.refresh_from_db()
        telling = vergelijk(school)
        n = len(leerlingen(school))
        if verwacht is None:
            # the school changed: everything again (nothing when the value stayed the same)
            assert telling.geevalueerd in (0, n), (stap, keuze, telling)
        else:
            assert telling.geevalueerd == len(verwacht), (stap, keuze, telling)
        if stap % 9 == 0:
            vergelijk(school, PEILDATUM - dt.timedelta(days=rng.choice([1, 10, 30])))
    assert len(gedaan) >= 12, gedaan
    # and the worklist page itself: stored results versus a full evaluation
    client.login(username="coordinator", password=WACHTWOORD)
    url = f"/?peildatum={PEILDATUM.isoformat()}"
    opgeslagen = _zonder_csrf(client.get(url).content.decode())
    assert 'id="kop-meldingen"' in opgeslagen
    origineel = views.evaluaties.evalueer
    try:
        views.evaluaties.evalueer = lambda s, ll, a: evaluatie.evaluate_pupils(s, ll, a)  # type: ignore[assignment]
        volledig = _zonder_csrf(client.get(url).content.decode())
    finally:
        views.evaluaties.evalueer = origineel  # type: ignore[assignment]
    assert opgeslagen == volledig


def _zonder_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_register_opslaan_evalueert_alleen_de_gewijzigde_leerlingen(
    school: School, client: Client
) -> None:
    groep = Groep.objects.get(school=school, naam="5")
    pupils = list(
        groep.leerlingen.filter(ingeschreven_vanaf__lte=PEILDATUM).exclude(
            ingeschreven_tot__lt=PEILDATUM
        )
    )
    n = len(leerlingen(school))
    vergelijk(school)
    client.login(username="docent", password=WACHTWOORD)
    rows = [{"leerling": str(p.pk), "status": "aanwezig"} for p in pupils]
    bestaand = set(
        Registratie.objects.filter(leerling__in=pupils, datum=PEILDATUM, moment="dag").values_list(
            "leerling_id", flat=True
        )
    )
    nieuw = [p for p in pupils if p.pk not in bestaand][:2]
    for row in rows:
        if int(row["leerling"]) in {p.pk for p in nieuw}:
            row.update(status="absent", reden="ongeoorloofd")
        elif int(row["leerling"]) in bestaand:  # keep what was there
            reg = Registratie.objects.get(
                leerling_id=row["leerling"], datum=PEILDATUM, moment="dag"
            )
            row.update(status=reg.soort, reden=reg.reden, notitie=reg.notitie)
            if reg.soort == "late" and reg.uren is not None:
                row["minuten"] = str(round(float(reg.uren) * 60))
    data: dict[str, Any] = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    response = client.post(
        f"/registreren/{groep.pk}/?datum={PEILDATUM.isoformat()}&moment=dag", data
    )
    assert response.status_code == 302
    telling = vergelijk(school)
    assert (telling.geevalueerd, telling.uit_opslag) == (len(nieuw), n - len(nieuw))


def test_andere_regels_of_een_ander_schema_worden_opnieuw_geevalueerd(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = len(leerlingen(school))
    vergelijk(school)
    monkeypatch.setattr(cache, "regels_versie", lambda: "een-nieuwe-release")
    assert vergelijk(school).geevalueerd == n
    assert vergelijk(school).geevalueerd == 0
    PupilEvaluatie.objects.filter(pk__in=PupilEvaluatie.objects.values("pk")[:5]).update(
        resultaat={"v": opslag.SCHEMA + 1}
    )
    assert vergelijk(school).geevalueerd == 0  # this process still has them in memory
    cache.GEHEUGEN.leeg()  # as in another process
    assert vergelijk(school).geevalueerd == 5


def test_een_uitkomst_uit_een_teruggedraaide_transactie_wordt_nooit_gebruikt(
    school: School,
) -> None:
    p = leerlingen(school)[0]
    dagen = schooldagen(evaluatie.calendar_for(school), PEILDATUM)
    vergelijk(school)

    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        Registratie.objects.create(
            leerling=p, datum=dagen[-1], moment="1", soort="absent", reden="ongeoorloofd"
        )
        assert vergelijk(school).geevalueerd == 1  # kept in this process's memory
        raise Terug
    Registratie.objects.create(
        leerling=p, datum=dagen[-2], moment="2", soort="absent", reden="ziek", uren=Decimal("1")
    )
    assert vergelijk(school).geevalueerd == 1


def test_een_leerling_verwijderen_verwijdert_ook_de_opgeslagen_uitkomst(school: School) -> None:
    vergelijk(school)
    registreer_dagen_leerling = Leerling.objects.create(
        school=school,
        leerlingnummer="nieuw-1",
        voornaam="Nieuwe",
        achternaam="Leerling",
        geboortedatum=dt.date(2016, 5, 1),
        ingeschreven_vanaf=dt.date(2025, 8, 1),
    )
    Registratie.objects.create(
        leerling=registreer_dagen_leerling,
        datum=schooldagen(evaluatie.calendar_for(school), PEILDATUM)[-1],
        soort="absent",
        reden="ongeoorloofd",
    )
    assert vergelijk(school).geevalueerd == 1
    assert PupilEvaluatie.objects.filter(leerling=registreer_dagen_leerling).exists()
    registreer_dagen_leerling.delete()  # with its registrations: no new version for a ghost
    assert not PupilEvaluatie.objects.filter(leerling_id=registreer_dagen_leerling.pk).exists()
    assert not LeerlingInvoer.objects.filter(leerling_id=registreer_dagen_leerling.pk).exists()
    assert vergelijk(school).geevalueerd == 0


def test_een_afgehandelde_actie_staat_direct_op_de_werklijst(
    school: School, client: Client
) -> None:
    client.login(username="coordinator", password=WACHTWOORD)
    url = f"/?peildatum={PEILDATUM.isoformat()}"
    response = client.get(url)
    signalen = response.context["signalen"]
    assert signalen, "de demo heeft bereikte protocolstappen in de laatste 4 weken"
    row = signalen[0]
    s = row["signaal"]
    ActieAfgehandeld.objects.create(
        leerling_id=row["leerling"].pk,
        protocol=s.protocol,
        stap=s.step,
        bereikt_op=s.on,
        notitie="Ouders gebeld",
        gedaan_door=User.objects.get(username="coordinator"),
    )
    html = client.get(url).content.decode()
    assert "Ouders gebeld" in html


def test_een_leerling_van_een_andere_school_wordt_apart_gelezen(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "LIJST_TOT", 1)
    ander = School.objects.create(
        bestuur=school.bestuur, naam="Andere school", sector="po", regio="zuid"
    )
    vreemd = Leerling.objects.create(
        school=ander,
        leerlingnummer="v1",
        voornaam="Vreemde",
        achternaam="Leerling",
        geboortedatum=dt.date(2016, 5, 1),
        ingeschreven_vanaf=dt.date(2025, 8, 1),
    )
    pupils = [*leerlingen(school), vreemd]
    assert cache.evalueer_met_telling(school, pupils, PEILDATUM)[1].geevalueerd == len(pupils)
    Registratie.objects.create(
        leerling=vreemd,
        datum=schooldagen(evaluatie.calendar_for(school), PEILDATUM)[-1],
        soort="absent",
        reden="ongeoorloofd",
    )
    incrementeel, telling = cache.evalueer_met_telling(school, pupils, PEILDATUM)
    assert telling.geevalueerd == 1
    assert incrementeel.results == evaluatie.evaluate_pupils(school, pupils, PEILDATUM).results
