"""Template tags for the school's DUO-meldingen pages: where a melding went, the office's status
and terugkoppeling, and the school's consulenten leerrecht (seed 000 bijlagen 1 en 2)."""

from __future__ import annotations

from typing import Any

from django import template

from leerrecht.web.leerplicht import terugkoppeling
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.scholen.models import School

register = template.Library()


@register.simple_tag
def bij_leerplicht(melding: DuoMelding) -> terugkoppeling.BijLeerplicht:
    """``{% bij_leerplicht melding as lp %}``: routing, office, contact person, inbox item."""
    return terugkoppeling.voor_school(melding)


@register.inclusion_tag("leerplicht/_school_terugkoppeling.html")
def leerplicht_terugkoppeling(
    lp: terugkoppeling.BijLeerplicht, melding: DuoMelding
) -> dict[str, Any]:
    return {"lp": lp, "melding": melding}


@register.inclusion_tag("leerplicht/_school_contactpersonen.html")
def leerplicht_contactpersonen(school: School) -> dict[str, Any]:
    return {"contactpersonen": list(terugkoppeling.contactpersonen(school)), "school": school}
