"""Errors the authorisation matrix found, each fixed in its view and pinned here on the
shared world of ``web_hulp`` (so they stay fixed when the matrix changes)."""

from __future__ import annotations

from django.test import Client
from web_hulp import World

from leerrecht.web.registratie.models import Registratie


def test_register_zonder_beheerformulier_slaat_niets_op_en_zegt_waarom(
    client: Client, world: World
) -> None:
    """A POST without the formset's management form (or with another number of lines than
    the group has pupils) was a 500 (zip of the pupils and the forms); now nothing is saved,
    the register is shown again with a message."""
    client.force_login(world.docent_a)
    url = f"/registreren/{world.groep_a.pk}/?datum=2026-03-02"
    for data in (
        {},
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-leerling": "x"},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "het formulier past niet bij de leerlingen van deze groep" in html
        assert html.count('name="form-') >= 2  # the register of the group, shown anew
    assert not Registratie.objects.exists()
