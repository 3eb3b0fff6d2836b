"""The template language of letter templates: Django template syntax in a sandbox.

A school edits its letter texts itself, so the text is untrusted input. It is rendered with a
restricted :class:`~django.template.Engine`:

- only the tags ``if``/``elif``/``else``/``endif``, ``firstof`` and ``comment`` and the filters
  ``capfirst``, ``default``, ``lower``, ``title`` and ``upper`` exist; ``{% load %}``,
  ``{% include %}``, ``{% extends %}``, ``{% for %}``, ``{% debug %}`` and the rest do not;
- no template loaders, no tag libraries, autoescape on;
- the context holds plain strings only (the fixed set in :data:`VARIABELEN`), so a template
  cannot reach a model, a manager or a method;
- a variable outside that set is a validation error, not an empty string.

The school's own text is escaped as well, so the rendered result is one consistent HTML
fragment; :func:`render` turns it back into the plain text that is sent and stored. Every
surface (web page, PDF) escapes that plain text again for its own medium.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.template import (
    Context,
    Engine,
    Library,
    Template,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.utils import formats, translation
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The variables a letter text may use, with their meaning (shown on the edit page).
VARIABELEN: tuple[tuple[str, Any], ...] = (
    ("leerling.voornaam", gettext_lazy("voornaam van de leerling")),
    ("leerling.achternaam", gettext_lazy("achternaam van de leerling")),
    ("leerling.groep", gettext_lazy("groep of klas van de leerling")),
    ("school.naam", gettext_lazy("naam van de school")),
    ("datum", gettext_lazy("datum van de brief, bijvoorbeeld 6 maart 2026")),
    ("stap.titel", gettext_lazy("naam van de stap in het verzuimprotocol")),
    ("stap.datum", gettext_lazy("datum waarop de leerling de stap bereikte")),
    (
        "stap.uitleg",
        gettext_lazy("uitleg van leerrecht waarom de stap is bereikt (technisch, met data)"),
    ),
    ("afzender", gettext_lazy("naam van de medewerker die de brief maakt")),
)
TOEGESTANE_NAMEN = frozenset(naam for naam, _uitleg in VARIABELEN)
TOEGESTANE_TAGS = ("if", "firstof", "comment")
TOEGESTANE_FILTERS = ("capfirst", "default", "lower", "title", "upper")

#: the sandbox's only tag library, also its only builtin (see :func:`_engine`)
register = Library()
register.tag("if", defaulttags.do_if)
register.tag("firstof", defaulttags.firstof)
register.tag("comment", defaulttags.comment)
for _naam in TOEGESTANE_FILTERS:
    register.filter(_naam, getattr(defaultfilters, _naam))


class _Zandbak(Engine):
    """An Engine without Django's default builtins (no loader tags, no ``load``)."""

    default_builtins: ClassVar[list[str]] = []


@cache
def _engine() -> Engine:
    return _Zandbak(
        dirs=[],
        app_dirs=False,
        loaders=[],
        libraries={},
        builtins=[__name__],
        autoescape=True,
        debug=False,
        string_if_invalid="",
    )


def datum_nl(value: dt.date) -> str:
    """A date the Dutch way: 6 maart 2026."""
    with translation.override("nl"):
        return formats.date_format(value, "j F Y")


@dataclass(frozen=True, slots=True)
class Gegevens:
    """The values for one letter. Plain strings only: that is the whole sandbox context."""

    voornaam: str
    achternaam: str
    groep: str
    school: str
    datum: str
    stap_titel: str
    stap_datum: str
    stap_uitleg: str
    afzender: str


@dataclass(frozen=True, slots=True)
class _Leerling:
    voornaam: str
    achternaam: str
    groep: str


@dataclass(frozen=True, slots=True)
class _School:
    naam: str


@dataclass(frozen=True, slots=True)
class _Stap:
    titel: str
    datum: str
    uitleg: str


def _context(g: Gegevens) -> dict[str, object]:
    return {
        "leerling": _Leerling(g.voornaam, g.achternaam, g.groep),
        "school": _School(g.school),
        "datum": g.datum,
        "stap": _Stap(g.stap_titel, g.stap_datum, g.stap_uitleg),
        "afzender": g.afzender,
    }


def voorbeeld(
    school: str,
    afzender: str,
    stap_titel: str = "",
    vandaag: dt.date | None = None,
) -> Gegevens:
    """Sample values for the preview on the edit page."""
    vandaag = vandaag or dt.date.today()
    return Gegevens(
        voornaam="Sanne",
        achternaam="de Vries",
        groep="5a",
        school=school,
        datum=datum_nl(vandaag),
        stap_titel=stap_titel or _("Zes keer te laat"),
        stap_datum=datum_nl(vandaag - dt.timedelta(days=1)),
        stap_uitleg=_(
            "Sanne kwam dit schooljaar zes keer te laat; de verzuimkaart noemt dan een "
            "waarschuwingsbrief aan de ouders."
        ),
        afzender=afzender,
    )


# -- validation ----------------------------------------------------------------------------


def _regel(node_or_exc: object) -> int | None:
    token = getattr(node_or_exc, "token", None)
    lineno = getattr(token, "lineno", None)
    return lineno if isinstance(lineno, int) else None


def _opsomming(tags: list[str], en: bool = False) -> str:
    """['elif', 'else', 'endif'] -> '{% elif %}, {% else %} of {% endif %}'."""
    items = [f"{{% {t} %}}" for t in tags]
    woord = _("en") if en else _("of")
    return f"{', '.join(items[:-1])} {woord} {items[-1]}" if len(items) > 1 else "".join(items)


def _tags_lijst() -> str:
    return _opsomming(["if", "elif", "else", "endif", *TOEGESTANE_TAGS[1:]], en=True)


def _vertaal(exc: TemplateSyntaxError) -> str:
    """Django's (English) template syntax error as a clear Dutch sentence."""
    text = str(exc)
    regel = _regel(exc)
    if m := re.match(r"Invalid block tag on line (\d+): '([^']*)', expected (.*)\. Did", text):
        return _(
            "Regel %(regel)s: hier staat {%% %(tag)s %%}, maar verwacht werd %(verwacht)s."
        ) % {
            "regel": m.group(1),
            "tag": m.group(2),
            "verwacht": _opsomming(re.findall(r"'([^']*)'", m.group(3))),
        }
    if m := re.match(r"Invalid block tag on line (\d+): '([^']*)'", text):
        return _(
            "Regel %(regel)s: {%% %(tag)s %%} bestaat niet in briefsjablonen. "
            "Toegestaan zijn alleen %(tags)s."
        ) % {"regel": m.group(1), "tag": m.group(2), "tags": _tags_lijst()}
    if m := re.match(r"Unclosed tag on line (\d+): '([^']*)'. Looking for one of: (.*)\.", text):
        eind = [t.strip() for t in m.group(3).split(",") if t.strip().startswith("end")]
        return _("Regel %(regel)s: {%% %(tag)s %%} wordt niet afgesloten met {%% %(eind)s %%}.") % {
            "regel": m.group(1),
            "tag": m.group(2),
            "eind": eind[-1] if eind else "end" + m.group(2),
        }
    if m := re.match(r"Invalid filter: '([^']*)'", text):
        return _(
            "Het filter |%(filter)s bestaat niet in briefsjablonen. Toegestaan: %(lijst)s."
        ) % {
            "filter": m.group(1),
            "lijst": ", ".join(TOEGESTANE_FILTERS),
        }
    if m := re.match(r"Empty (variable|block) tag on line (\d+)", text):
        leeg = "{{ }}" if m.group(1) == "variable" else "{% %}"
        return _("Regel %(regel)s: %(leeg)s is leeg.") % {"regel": m.group(2), "leeg": leeg}
    if "may not begin with underscores" in text:
        return _("Namen die met een liggend streepje (_) beginnen zijn niet toegestaan.")
    if regel is not None:
        return _(
            "Regel %(regel)s: dit stuk tussen {{ }} of {%% %%} kan niet worden gelezen. "
            "Controleer de schrijfwijze."
        ) % {"regel": regel}
    return _("De tekst bevat een fout tussen {{ }} of {% %}. Controleer de schrijfwijze.")


def _expressies(node: Node) -> list[FilterExpression]:
    """The filter expressions a node evaluates (variables, firstof arguments, if-conditions)."""
    if isinstance(node, VariableNode):
        return [node.filter_expression]
    if isinstance(node, defaulttags.FirstOfNode):
        return list(node.vars)
    if isinstance(node, defaulttags.IfNode):
        found: list[FilterExpression] = []
        todo: list[object] = [cond for cond, _nodes in node.conditions_nodelists if cond]
        while todo:
            cond = todo.pop(0)
            value = getattr(cond, "value", None)
            if isinstance(value, FilterExpression):
                found.append(value)
            todo += [x for x in (getattr(cond, "first", None), getattr(cond, "second", None)) if x]
        return found
    return []


def _namen(expressie: FilterExpression) -> list[str]:
    variables: list[object] = [expressie.var]
    for _func, args in expressie.filters:
        variables += [arg for lookup, arg in args if lookup]
    return [
        v.var
        for v in variables
        if isinstance(v, Variable) and v.literal is None and isinstance(v.var, str)
    ]


def _controleer_nodes(template: Template) -> None:
    errors: list[str] = []
    for node in template.nodelist.get_nodes_by_type(Node):
        if isinstance(node, TextNode):
            for m in re.finditer(r"\{\{|\}\}|\{%|%\}", node.s):
                regel = (_regel(node) or 1) + node.s.count("\n", 0, m.start())
                errors.append(
                    _(
                        "Regel %(regel)s: %(teken)s staat los. Zet een variabele als "
                        "{{ leerling.voornaam }} en een opdracht als {%% if ... %%} op één regel."
                    )
                    % {"regel": regel, "teken": m.group(0)}
                )
                break
        for expressie in _expressies(node):
            for naam in _namen(expressie):
                if naam not in TOEGESTANE_NAMEN:
                    errors.append(
                        _(
                            "Regel %(regel)s: de variabele {{ %(naam)s }} bestaat niet. "
                            "Gebruik een van: %(lijst)s."
                        )
                        % {
                            "regel": _regel(node) or "?",
                            "naam": naam,
                            "lijst": ", ".join(f"{{{{ {n} }}}}" for n, _u in VARIABELEN),
                        }
                    )
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))


def _compileer(tekst: str) -> Template:
    try:
        template = _engine().from_string(tekst)
    except TemplateSyntaxError as exc:
        raise ValidationError(_vertaal(exc), code="sjabloontaal") from None
    _controleer_nodes(template)
    # escape the school's own text too: the whole result is then one consistent HTML fragment
    for node in template.nodelist.get_nodes_by_type(TextNode):
        if isinstance(node, TextNode):
            node.s = conditional_escape(node.s)
    return template


def controleer(tekst: str) -> None:
    """Validator for a letter text: raises a ValidationError with a clear Dutch message."""
    template = _compileer(tekst)
    try:
        template.render(Context(_context(voorbeeld("School", "Afzender")), autoescape=True))
    except Exception:
        raise ValidationError(
            _("De tekst kan niet worden ingevuld. Controleer de stukken tussen {{ }} en {% %}."),
            code="sjabloontaal",
        ) from None


def render_html(tekst: str, gegevens: Gegevens) -> str:
    """The filled-in text as an HTML fragment: every value and all literal text escaped."""
    return str(_compileer(tekst).render(Context(_context(gegevens), autoescape=True)))


def render(tekst: str, gegevens: Gegevens) -> str:
    """The filled-in text as plain text (what the parents read)."""
    return html.unescape(render_html(tekst, gegevens))
