"""The data of the load test: the demo school with N pupils in groups of 20, one teacher per
group, and the stored evaluations of the nightly run. Run by ``run.py`` (with its database).

    DATABASE_URL=... python benchmarks/belasting/dataset.py --leerlingen 2000 --uit dataset.json

Writes JSON for the locust file: the peildatum, and per teacher the group with its pupils and
what the register of the peildatum holds for them. Every user gets a session made here, as if
logged in: a load test of the register and the worklist should not spend the machine on
password hashing (Argon2 costs a good part of a second per login by design). The sessions have
passed the second factor too (a confirmed TOTP device per user, as after the code step), and
their clocks for the idle timeout start when the dataset is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Any

PEILDATUM = dt.date(2026, 3, 20)
GROEPSGROOTTE = 20
COORDINATOR_SESSIES = 50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leerlingen", type=int, default=2000)
    parser.add_argument("--uit", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from leerrecht.web.demodata.bouw import bouw_demo, demo_school
    from leerrecht.web.registratie.models import Registratie
    from leerrecht.web.scholen.models import Groep, Leerling, Rol, RolSoort

    start = time.perf_counter()
    bouw_demo(PEILDATUM, args.leerlingen, seed=2026)
    school = demo_school()
    assert school is not None
    wachtwoord = User.objects.get(username="coordinator").password  # the same hash for all
    docenten: list[dict[str, Any]] = []
    with transaction.atomic():
        leerlingen = list(
            Leerling.objects.filter(school=school)
            .select_related("groep")
            .order_by("groep__naam", "achternaam", "voornaam", "pk")
        )
        for n in range(0, len(leerlingen), GROEPSGROOTTE):
            deel = leerlingen[n : n + GROEPSGROOTTE]
            basis = deel[0].groep.naam if deel[0].groep else "x"
            groep = Groep.objects.create(
                school=school, naam=f"{basis}-{n // GROEPSGROOTTE + 1:03d}"
            )
            Leerling.objects.filter(pk__in=[p.pk for p in deel]).update(groep=groep)
            user = User.objects.create(
                username=f"belasting-docent-{n // GROEPSGROOTTE + 1:03d}", password=wachtwoord
            )
            rol = Rol.objects.create(gebruiker=user, school=school, soort=RolSoort.DOCENT)
            rol.groepen.set([groep])
            docenten.append({"gebruiker": user.username, "groep": groep.pk})
    for docent in docenten:
        groep = Groep.objects.get(pk=docent["groep"])
        pupils = list(
            groep.leerlingen.filter(ingeschreven_vanaf__lte=PEILDATUM).exclude(
                ingeschreven_tot__lt=PEILDATUM
            )
        )
        bestaand = {
            r.leerling_id: r
            for r in Registratie.objects.filter(leerling__in=pupils, datum=PEILDATUM, moment="dag")
        }
        rijen = []
        for p in pupils:
            reg = bestaand.get(p.pk)
            rij: dict[str, Any] = {"leerling": p.pk, "status": "aanwezig"}
            if reg is not None:
                rij.update(status=reg.soort, reden=reg.reden, notitie=reg.notitie)
                if reg.soort == "late" and reg.uren is not None:
                    rij["minuten"] = round(float(reg.uren) * 60)
            rijen.append(rij)
        docent["rijen"] = rijen
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from leerrecht.web.tweestaps import sessie as sessieklok

    def sessie(user: User) -> str:
        """A session as after the password and the second factor (every account has 2FA)."""
        apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if apparaat is None:
            apparaat = TOTPDevice.objects.create(user=user, name="belasting", confirmed=True)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        store[sessieklok.SESSIE_BEGIN] = store[sessieklok.SESSIE_ACTIEF] = sessieklok.nu()
        store.create()
        assert store.session_key is not None
        return store.session_key

    for docent in docenten:
        docent["sessie"] = sessie(User.objects.get(username=docent["gebruiker"]))
    coordinator = User.objects.get(username="coordinator")
    coordinatoren = [sessie(coordinator) for _ in range(COORDINATOR_SESSIES)]
    gebouwd = time.perf_counter() - start
    start = time.perf_counter()
    call_command("nachtelijke_evaluatie", peildatum=PEILDATUM)  # as every night, before school
    nacht = time.perf_counter() - start
    args.uit.write_text(
        json.dumps(
            {
                "peildatum": PEILDATUM.isoformat(),
                "coordinatoren": coordinatoren,
                "leerlingen": len(leerlingen),
                "docenten": docenten,
            }
        ),
        "utf-8",
    )
    print(
        f"dataset: {len(leerlingen)} leerlingen in {len(docenten)} groepen van "
        f"{GROEPSGROOTTE}, gebouwd in {gebouwd:.1f} s; nachtelijke evaluatie {nacht:.1f} s"
    )


if __name__ == "__main__":
    main()
