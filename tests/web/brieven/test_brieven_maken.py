"""Making a letter for a reached protocol step: checked, stored once, streamed as PDF."""

from __future__ import annotations

import dataclasses
import re

from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days, make_pupil, make_user

from leerrecht.web.brieven import sjabloontaal
from leerrecht.web.brieven.models import BriefSjabloon, VerzondenBrief
from leerrecht.web.brieven.pdf import BriefInhoud, brief_pdf
from leerrecht.web.scholen.models import Leerling, RolSoort

STAP = "wettelijk-16-uur"
STAP_DATUM = "2026-03-05"


def _stap_bereikt(pupil: Leerling) -> None:
    """Three unauthorised days: 16 uur in 4 weken on 5 March 2026 (parkstad-po)."""
    absent_days(pupil, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])


def _sjabloon(world: World, naam: str = "Uitnodiging gesprek over verzuim") -> BriefSjabloon:
    return BriefSjabloon.objects.get(school=world.school, naam=naam)


def _velden(pupil: Leerling, sjabloon: BriefSjabloon, **wijzig: object) -> dict[str, object]:
    data: dict[str, object] = {
        "leerling": pupil.pk,
        "protocol": "parkstad-po",
        "stap": STAP,
        "stap_datum": STAP_DATUM,
        "sjabloon": sjabloon.pk,
    }
    data.update(wijzig)
    return data


def _bestandsnaam(response: object) -> str:
    header = response.headers["Content-Disposition"]  # type: ignore[attr-defined]
    match = re.search(r'filename="([^"]+)"', header)
    assert match
    return match.group(1)


def test_brief_maken_geeft_een_pdf_met_de_ingevulde_gegevens(client: Client, world: World) -> None:
    _stap_bereikt(world.a1)
    client.login(username="coordinator", password=PASSWORD)
    response = client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    (brief,) = VerzondenBrief.objects.all()
    assert _bestandsnaam(response) == f"brief-{brief.pk}-{STAP}-2026-03-05.pdf"
    assert brief.aangemaakt_door == world.coordinator
    assert (brief.protocol, brief.stap, brief.stap_datum) == ("parkstad-po", STAP, D(2026, 3, 5))
    assert brief.leerling_naam == "Leerlinga1 Test" and brief.school_naam == "De Linde"
    assert brief.onderwerp == "Uitnodiging voor een gesprek over het verzuim van Leerlinga1"
    assert "Leerlinga1 Test uit groep 5a" in brief.tekst
    assert "Op 5 maart 2026 is de stap '16 uur in 4 weken'" in brief.tekst
    assert "{{" not in brief.tekst and "}}" not in brief.tekst
    assert brief.afzender == "coordinator"


def test_de_pdf_bevat_aanhef_onderwerp_tekst_en_ondertekening(client: Client, world: World) -> None:
    _stap_bereikt(world.a1)
    world.coordinator.first_name, world.coordinator.last_name = "Anna", "Smit"
    world.coordinator.save()
    client.login(username="coordinator", password=PASSWORD)
    client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world)))
    pdf = brief_pdf(VerzondenBrief.objects.get(), comprimeren=False)
    assert pdf.startswith(b"%PDF")
    assert b"De Linde" in pdf
    assert b"Aan de ouder\\(s\\)/verzorger\\(s\\) van Leerlinga1 Test" in pdf
    assert b"Betreft: Uitnodiging voor een gesprek" in pdf
    assert b"Met vriendelijke groet," in pdf and b"Anna Smit" in pdf
    assert re.search(rb"Datum: \d{1,2} [a-z]+ 20\d\d", pdf)
    # reproduceerbaar: dezelfde brief geeft dezelfde bytes
    assert brief_pdf(VerzondenBrief.objects.get(), comprimeren=False) == pdf


def test_namen_met_letters_uit_andere_talen_komen_goed_in_de_pdf() -> None:
    inhoud = BriefInhoud(
        school="De Linde",
        leerling="Łukasz Wójcik-Şahin Dvořák",
        datum=D(2026, 3, 6),
        onderwerp="Uitnodiging",
        tekst="Geachte ouders,\n\nTekst.",
        afzender="Zoë",
    )
    pdf = brief_pdf(inhoud, comprimeren=False)
    assert pdf.startswith(b"%PDF")
    assert b"ZapfDingbats" not in pdf  # reportlab's vervangteken voor ontbrekende letters
    assert b"FontFile2" in pdf  # een ingebed TrueType-lettertype met alle letters
    assert b"Datum: 6 maart 2026" in pdf


def test_geen_dubbele_brief_voor_dezelfde_stap(client: Client, world: World) -> None:
    _stap_bereikt(world.a1)
    sjabloon = _sjabloon(world)
    client.login(username="coordinator", password=PASSWORD)
    eerste = client.post("/brieven/maken/", _velden(world.a1, sjabloon))
    tekst = VerzondenBrief.objects.get().tekst
    # het sjabloon wordt daarna aangepast; de verzonden brief blijft zoals hij was
    sjabloon.tekst = "Een heel andere tekst."
    sjabloon.save()
    tweede = client.post("/brieven/maken/", _velden(world.a1, sjabloon))
    assert tweede.status_code == 200
    assert VerzondenBrief.objects.count() == 1
    assert _bestandsnaam(tweede) == _bestandsnaam(eerste)
    assert VerzondenBrief.objects.get().tekst == tekst
    # ook als het sjabloon daarna is uitgezet
    sjabloon.actief = False
    sjabloon.save()
    assert _bestandsnaam(client.post("/brieven/maken/", _velden(world.a1, sjabloon))) == (
        _bestandsnaam(eerste)
    )
    sjabloon.actief = True
    sjabloon.save()
    # ook een andere medewerker krijgt dezelfde brief
    client.login(username="docent", password=PASSWORD)
    derde = client.post("/brieven/maken/", _velden(world.a1, sjabloon))
    assert _bestandsnaam(derde) == _bestandsnaam(eerste)
    assert VerzondenBrief.objects.count() == 1
    # een ander sjabloon voor dezelfde stap is een andere brief
    client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world, "Verlofbesluit")))
    assert VerzondenBrief.objects.count() == 2


def test_een_niet_bereikte_stap_geeft_404_en_geen_brief(client: Client, world: World) -> None:
    client.login(username="coordinator", password=PASSWORD)
    sjabloon = _sjabloon(world)
    assert client.post("/brieven/maken/", _velden(world.a1, sjabloon)).status_code == 404
    _stap_bereikt(world.a1)
    # bereikt, maar niet op deze dag, of een andere stap, of een ander protocol
    for wijzig in (
        {"stap_datum": "2026-03-04"},
        {"stap": "te-laat-6x"},
        {"protocol": "twente-po"},
        {"stap_datum": "2040-03-05"},
    ):
        response = client.post("/brieven/maken/", _velden(world.a1, sjabloon, **wijzig))
        assert response.status_code == 404, wijzig
    assert client.get("/brieven/maken/", _velden(world.a1, sjabloon, stap="x")).status_code == 404
    assert not VerzondenBrief.objects.exists()


def test_onvolledige_aanvraag_geeft_400(client: Client, world: World) -> None:
    client.login(username="coordinator", password=PASSWORD)
    response = client.post("/brieven/maken/", {"leerling": world.a1.pk, "stap_datum": "gisteren"})
    assert response.status_code == 400
    assert not VerzondenBrief.objects.exists()


def test_html_en_script_in_de_naam_van_een_leerling_worden_ge_escaped(
    client: Client, world: World
) -> None:
    world.a1.voornaam = '<script>alert("x")</script>'
    world.a1.save()
    _stap_bereikt(world.a1)
    client.login(username="coordinator", password=PASSWORD)
    sjabloon = _sjabloon(world)
    html = client.get("/brieven/maken/", _velden(world.a1, sjabloon)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    gegevens = sjabloontaal.voorbeeld("De Linde", "x")
    gegevens = dataclasses.replace(gegevens, voornaam="<b>Tom</b>")
    assert sjabloontaal.render_html("Hallo {{ leerling.voornaam }}", gegevens) == (
        "Hallo &lt;b&gt;Tom&lt;/b&gt;"
    )
    response = client.post("/brieven/maken/", _velden(world.a1, sjabloon))
    assert response.content.startswith(b"%PDF")
    brief = VerzondenBrief.objects.get()
    pdf = brief_pdf(brief, comprimeren=False)
    # letterlijk als tekst in de brief, niet als opmaak geïnterpreteerd
    assert b'<script>alert\\("x"\\)</script> Test' in pdf
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert "<script>alert" not in html


def test_maken_toont_eerst_een_voorbeeld_en_daarna_de_gemaakte_brief(
    client: Client, world: World
) -> None:
    _stap_bereikt(world.a1)
    client.login(username="coordinator", password=PASSWORD)
    sjabloon = _sjabloon(world)
    html = client.get("/brieven/maken/", _velden(world.a1, sjabloon)).content.decode()
    assert "16 uur in 4 weken" in html and "Brief maken (PDF)" in html
    assert "Leerlinga1 Test uit groep 5a" in html
    assert f'name="sjabloon" value="{sjabloon.pk}"' in html
    client.post("/brieven/maken/", _velden(world.a1, sjabloon))
    html = client.get("/brieven/maken/", _velden(world.a1, sjabloon)).content.decode()
    assert "Al gemaakt voor deze stap" in html and "PDF opnieuw downloaden" in html


def test_een_sjabloon_gekoppeld_aan_een_andere_stap_kan_niet_worden_gekozen(
    client: Client, world: World
) -> None:
    _stap_bereikt(world.a1)
    sjabloon = _sjabloon(world, "Waarschuwing te laat komen")
    sjabloon.protocol, sjabloon.stap = "parkstad-po", "te-laat-6x"
    sjabloon.save()
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/brieven/maken/", _velden(world.a1, sjabloon)).content.decode()
    assert "Waarschuwing te laat komen" not in html
    assert client.post("/brieven/maken/", _velden(world.a1, sjabloon)).status_code == 404
    sjabloon.stap, sjabloon.actief = STAP, False
    sjabloon.save()
    assert client.post("/brieven/maken/", _velden(world.a1, sjabloon)).status_code == 404
    assert not VerzondenBrief.objects.exists()


def test_docent_en_mentor_van_de_eigen_groep_mogen_een_brief_maken(
    client: Client, world: World
) -> None:
    _stap_bereikt(world.a1)
    client.login(username="docent", password=PASSWORD)
    assert client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world))).status_code == 200
    mentor = make_user("mentor", world.school, RolSoort.MENTOR, [world.groep_a])
    client.force_login(mentor)
    response = client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world, "Verlofbesluit")))
    assert response.status_code == 200
    assert VerzondenBrief.objects.count() == 2


def test_docent_van_een_andere_groep_krijgt_404(client: Client, world: World) -> None:
    _stap_bereikt(world.b1)
    client.login(username="docent", password=PASSWORD)
    data = _velden(world.b1, _sjabloon(world))
    assert client.get("/brieven/maken/", data).status_code == 404
    assert client.post("/brieven/maken/", data).status_code == 404
    assert client.get(f"/brieven/leerlingen/{world.b1.pk}/").status_code == 404
    assert not VerzondenBrief.objects.exists()


def test_een_andere_school_krijgt_404(client: Client, world: World) -> None:
    _stap_bereikt(world.a1)
    client.login(username="anders", password=PASSWORD)
    assert client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world))).status_code == 404
    assert client.get(f"/brieven/leerlingen/{world.a1.pk}/").status_code == 404
    # en een sjabloon van een andere school kan niet voor onze leerling worden gebruikt
    vreemd = BriefSjabloon.objects.get(school=world.other_school, naam="Verlofbesluit")
    client.login(username="coordinator", password=PASSWORD)
    assert client.post("/brieven/maken/", _velden(world.a1, vreemd)).status_code == 404
    assert not VerzondenBrief.objects.exists()
    # een gemaakte brief downloadt alleen wie de leerling mag zien
    client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world)))
    brief = VerzondenBrief.objects.get()
    assert client.get(f"/brieven/{brief.pk}/pdf/").content.startswith(b"%PDF")
    client.login(username="anders", password=PASSWORD)
    assert client.get(f"/brieven/{brief.pk}/pdf/").status_code == 404


def test_de_brieven_van_een_leerling_staan_in_een_lijst(client: Client, world: World) -> None:
    _stap_bereikt(world.a1)
    client.login(username="coordinator", password=PASSWORD)
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert "Nog geen brieven gemaakt." in html
    assert "16 uur in 4 weken" in html and "/brieven/maken/?leerling=" in html
    client.post("/brieven/maken/", _velden(world.a1, _sjabloon(world)))
    brief = VerzondenBrief.objects.get()
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert brief.onderwerp in html and f"/brieven/{brief.pk}/pdf/" in html
    # een andere leerling heeft zijn eigen (lege) lijst
    ander = make_pupil(world.school, world.groep_a, "a3")
    html = client.get(f"/brieven/leerlingen/{ander.pk}/").content.decode()
    assert brief.onderwerp not in html
