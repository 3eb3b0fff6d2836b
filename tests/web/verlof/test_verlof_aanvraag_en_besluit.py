"""Verlof: the parent requests, sees the legal pre-check, the directeur decides with a
motivation, the verlof days are registered, and both sides get the decision letter as PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from verlof_hulp import D, World, absent_days, login, pdf, pdf_tekst

from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.models import Status, VerlofAanvraag

Ouder = Callable[[Leerling], Client]
Vandaag = Callable[[dt.date], None]


def vakantie(start: str, end: str, **extra: object) -> dict[str, object]:
    return {"soort": "vakantie", "start": start, "end": end, "toelichting": "", **extra}


def gewichtig(start: str, end: str, reden: str = "huwelijk") -> dict[str, object]:
    return {"soort": "gewichtig", "start": start, "end": end, "reden": reden, "toelichting": ""}


def test_vakantieverlof_aanvragen_toekennen_registreren_en_besluitbrief(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    client = ouder(world.a1)
    response = client.post(
        "/ouders/verlof/", vakantie("2026-03-09", "2026-03-13", werkgeversverklaring=pdf())
    )
    aanvraag = VerlofAanvraag.objects.get()
    assert response["Location"] == f"/ouders/verlof/{aanvraag.pk}/"
    assert (aanvraag.leerling, aanvraag.status, aanvraag.aangevraagd_op) == (
        world.a1,
        Status.AANGEVRAAGD,
        D(2026, 1, 12),
    )
    assert aanvraag.werkgeversverklaring.name.endswith(".pdf")
    assert "verklaring werkgever" not in aanvraag.werkgeversverklaring.name

    # de ouder ziet direct de voorlopige toets in gewone taal
    html = client.get(response["Location"]).content.decode()
    assert "voldoet aan de wettelijke voorwaarden" in html
    assert "Niet in orde" not in html
    assert "5 schooldagen" in html

    # de directeur ziet elke voorwaarde met uitkomst en bron
    staf = login(directeur)
    html = staf.get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert html.count(">voldaan<") == 4
    assert "Leerplichtwet 1969, art. 13a (vakantieverlof)" in html
    assert "Beslist door: directeur" in html
    assert 'value="toekennen"' in html and 'value="doorsturen"' not in html

    response = staf.post(
        f"/verlof/{aanvraag.pk}/",
        {"besluit": "toekennen", "motivering": "Werkgeversverklaring overlegd."},
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND
    assert (aanvraag.besloten_door, aanvraag.besloten_op) == (directeur, D(2026, 1, 12))
    assert aanvraag.toetsing["allowed"] is True
    verlof = Registratie.objects.filter(leerling=world.a1, reden="verlof")
    assert [r.datum for r in verlof] == [D(2026, 3, d) for d in range(9, 14)]
    assert all(r.geregistreerd_door == directeur and r.moment == "dag" for r in verlof)

    # de ouder ziet het besluit en kan de brief downloaden
    html = client.get("/ouders/overzicht/").content.decode()
    assert "toegekend" in html and "Werkgeversverklaring overlegd." in html
    assert f"/ouders/verlof/{aanvraag.pk}/besluit.pdf" in html
    brief = client.get(f"/ouders/verlof/{aanvraag.pk}/besluit.pdf")
    assert brief.status_code == 200
    assert brief["Content-Type"] == "application/pdf"
    assert brief.content.startswith(b"%PDF")
    tekst = pdf_tekst(brief.content)
    assert "De directeur kent het gevraagde verlof toe." in tekst
    assert "Artikel 13a Leerplichtwet 1969" in tekst
    assert "Werkgeversverklaring overlegd." in tekst
    staf_brief = staf.get(f"/verlof/{aanvraag.pk}/besluit.pdf")
    assert staf_brief.status_code == 200 and staf_brief.content.startswith(b"%PDF")


def test_besluitbrief_bevat_school_leerling_periode_besluit_grondslag_en_bezwaar(
    world: World, directeur: User
) -> None:
    aanvraag = VerlofAanvraag.objects.create(
        leerling=world.a1,
        soort="gewichtig",
        reden="overlijden",
        start=D(2026, 3, 9),
        end=D(2026, 3, 10),
        aangevraagd_op=D(2026, 3, 5),
        status=Status.AFGEWEZEN,
        besluit_motivering="Niet <b>aangetoond</b> & niet onderbouwd.",
        besloten_door=directeur,
        besloten_op=D(2026, 3, 6),
    )
    response = login(directeur).get(f"/verlof/{aanvraag.pk}/besluit.pdf")
    assert response.content.startswith(b"%PDF")
    assert f'filename="besluit-verlof-{aanvraag.pk}.pdf"' in response["Content-Disposition"]
    tekst = pdf_tekst(response.content)
    for verwacht in (
        "De Linde",
        "Leerlinga1 Test",
        "Dagtekening: 6 maart 2026",
        "9 maart 2026 tot en met 10 maart 2026",
        "overlijden of begrafenis van een familielid",
        "De directeur wijst de aanvraag om verlof af.",
        "Artikel 14 Leerplichtwet 1969",
        "Binnen zes weken na dagtekening kunt u bezwaar maken bij de directeur.",
    ):
        assert verwacht in tekst, verwacht
    # markup in the motivation is printed as text, not interpreted
    assert "Niet<b>aangetoond</b>&nietonderbouwd." in tekst.replace(" ", "")


def test_doorzendbrief_noemt_de_leerplichtambtenaar_en_geen_bezwaar_bij_de_directeur(
    world: World, directeur: User
) -> None:
    aanvraag = VerlofAanvraag.objects.create(
        leerling=world.a1,
        soort="gewichtig",
        reden="ziekte_familielid",
        start=D(2026, 3, 2),
        end=D(2026, 3, 17),
        aangevraagd_op=D(2026, 2, 25),
        status=Status.DOORGESTUURD,
        besloten_door=directeur,
        besloten_op=D(2026, 2, 26),
    )
    tekst = pdf_tekst(login(directeur).get(f"/verlof/{aanvraag.pk}/besluit.pdf").content)
    assert "doorgestuurd naar de leerplichtambtenaar" in tekst
    assert "bezwaar maken bij de directeur" not in tekst


def test_afwijzen_zonder_motivering_wordt_niet_vastgelegd(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 5))
    ouder(world.a1).post("/ouders/verlof/", gewichtig("2026-03-09", "2026-03-10"))
    aanvraag = VerlofAanvraag.objects.get()
    staf = login(directeur)
    response = staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "afwijzen", "motivering": "  "})
    assert response.status_code == 200
    assert "Motiveer het besluit" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD and aanvraag.besloten_door is None
    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "afwijzen", "motivering": "Geen reden."})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AFGEWEZEN
    assert not Registratie.objects.exists()


def test_vakantieverlof_in_de_eerste_twee_lesweken_wordt_door_de_toets_afgewezen(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    # schooljaar 2025-2026 in regio zuid begint ma 18 aug 2025
    vandaag(D(2025, 6, 2))
    client = ouder(world.a1)
    client.post("/ouders/verlof/", vakantie("2025-08-25", "2025-08-29", werkgeversverklaring=pdf()))
    aanvraag = VerlofAanvraag.objects.get()
    html = client.get(f"/ouders/verlof/{aanvraag.pk}/").content.decode()
    assert "voldoet niet aan alle wettelijke voorwaarden" in html
    assert "Niet in orde" in html and "eerste twee lesweken" in html

    staf = login(directeur)
    html = staf.get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert "niet voldaan" in html
    assert 'value="toekennen"' not in html and 'value="afwijzen"' in html
    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "toekennen", "motivering": "Toch maar."})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD
    assert not Registratie.objects.exists()


def test_vakantieverlof_zonder_werkgeversverklaring_voldoet_niet(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    client = ouder(world.a1)
    client.post("/ouders/verlof/", vakantie("2026-03-09", "2026-03-13"))
    aanvraag = VerlofAanvraag.objects.get()
    html = client.get(f"/ouders/verlof/{aanvraag.pk}/").content.decode()
    assert "geen werkgeversverklaring opgegeven" in html


def test_tweede_vakantieverlof_in_hetzelfde_schooljaar_voldoet_niet(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    VerlofAanvraag.objects.create(
        leerling=world.a1,
        soort="vakantie",
        start=D(2026, 3, 9),
        end=D(2026, 3, 13),
        status=Status.TOEGEKEND,
    )
    client = ouder(world.a1)
    client.post("/ouders/verlof/", vakantie("2026-06-01", "2026-06-05", werkgeversverklaring=pdf()))
    aanvraag = VerlofAanvraag.objects.get(status=Status.AANGEVRAAGD)
    html = login(directeur).get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert "al toegekend: 2026-03-09 t/m 2026-03-13" in html
    assert 'value="toekennen"' not in html


def test_gewichtige_omstandigheden_van_12_schooldagen_kan_alleen_worden_doorgestuurd(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    # ma 2 t/m di 17 maart 2026: 12 schooldagen
    vandaag(D(2026, 2, 25))
    client = ouder(world.a1)
    client.post("/ouders/verlof/", gewichtig("2026-03-02", "2026-03-17", "ziekte_familielid"))
    aanvraag = VerlofAanvraag.objects.get()
    html = client.get(f"/ouders/verlof/{aanvraag.pk}/").content.decode()
    assert "leerplichtambtenaar van uw gemeente" in html

    staf = login(directeur)
    html = staf.get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert "Beslist door: leerplichtambtenaar" in html and "Aantal schooldagen: 12" in html
    assert 'value="doorsturen"' in html
    assert 'value="toekennen"' not in html and 'value="afwijzen"' not in html

    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "toekennen", "motivering": "Ja."})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD

    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "doorsturen", "motivering": ""})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.DOORGESTUURD
    assert not Registratie.objects.exists()
    assert (
        "doorgestuurd naar de leerplichtambtenaar"
        in client.get("/ouders/overzicht/").content.decode()
    )
    assert client.get(f"/ouders/verlof/{aanvraag.pk}/besluit.pdf").content.startswith(b"%PDF")


def test_toekennen_overschrijft_bestaande_registraties_niet(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 5))
    absent_days(world.a1, [D(2026, 3, 10)], reden="ziek")
    ouder(world.a1).post("/ouders/verlof/", gewichtig("2026-03-09", "2026-03-11", "overlijden"))
    aanvraag = VerlofAanvraag.objects.get()
    response = login(directeur).post(
        f"/verlof/{aanvraag.pk}/",
        {"besluit": "toekennen", "motivering": "Begrafenis grootvader."},
        follow=True,
    )
    assert "2026-03-10 niet geregistreerd: er staat al een registratie" in response.content.decode()
    assert dict(Registratie.objects.values_list("datum", "reden")) == {
        D(2026, 3, 9): "verlof",
        D(2026, 3, 10): "ziek",
        D(2026, 3, 11): "verlof",
    }


def test_een_besluit_kan_niet_twee_keer_worden_genomen(
    world: World, directeur: User, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 5))
    ouder(world.a1).post("/ouders/verlof/", gewichtig("2026-03-09", "2026-03-09"))
    aanvraag = VerlofAanvraag.objects.get()
    staf = login(directeur)
    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "afwijzen", "motivering": "Nee."})
    staf.post(f"/verlof/{aanvraag.pk}/", {"besluit": "toekennen", "motivering": "Toch wel."})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AFGEWEZEN and aanvraag.besluit_motivering == "Nee."
    assert not Registratie.objects.exists()


def test_aanvraag_met_einde_voor_begin_slaat_niets_op(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    response = ouder(world.a1).post("/ouders/verlof/", gewichtig("2026-03-13", "2026-03-09"))
    assert response.status_code == 200
    assert "De laatste dag ligt voor de eerste dag." in response.content.decode()
    assert not VerlofAanvraag.objects.exists()


def test_aanvraag_in_een_onbekend_schooljaar_geeft_een_duidelijke_melding(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    response = ouder(world.a1).post(
        "/ouders/verlof/", vakantie("2027-09-06", "2027-09-10", werkgeversverklaring=pdf())
    )
    html = response.content.decode()
    assert "de schoolvakanties nog niet bekend" in html and "2027-2028" in html
    assert not VerlofAanvraag.objects.exists()


def test_aanvraag_zonder_schooldagen_is_niet_nodig(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    response = ouder(world.a1).post("/ouders/verlof/", gewichtig("2026-02-16", "2026-02-20"))
    assert "geen schooldagen" in response.content.decode()
    assert not VerlofAanvraag.objects.exists()


def test_gewichtige_omstandigheden_vraagt_een_reden_en_geen_werkgeversverklaring(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 1, 12))
    client = ouder(world.a1)
    html = client.post(
        "/ouders/verlof/", gewichtig("2026-03-09", "2026-03-10", "")
    ).content.decode()
    assert "Kies de reden van het verlof." in html
    data = gewichtig("2026-03-09", "2026-03-10") | {"werkgeversverklaring": pdf()}
    html = client.post("/ouders/verlof/", data).content.decode()
    assert "hoort alleen bij vakantieverlof" in html
    assert not VerlofAanvraag.objects.exists()


def test_werkgeversverklaring_moet_pdf_of_afbeelding_zijn(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    vandaag(D(2026, 1, 12))
    bestand = SimpleUploadedFile("verklaring.exe", b"MZ", content_type="application/octet-stream")
    ouder(world.a1).post(
        "/ouders/verlof/", vakantie("2026-03-09", "2026-03-13", werkgeversverklaring=bestand)
    )
    assert not VerlofAanvraag.objects.exists()


def test_vakantieverlof_achteraf_aanvragen_kan_niet(
    world: World, ouder: Ouder, vandaag: Vandaag
) -> None:
    vandaag(D(2026, 3, 20))
    response = ouder(world.a1).post(
        "/ouders/verlof/", vakantie("2026-03-09", "2026-03-13", werkgeversverklaring=pdf())
    )
    assert "van tevoren aan" in response.content.decode()
    assert not VerlofAanvraag.objects.exists()
