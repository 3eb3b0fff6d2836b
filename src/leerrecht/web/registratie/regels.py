"""The lines of the register as HTML, for a form that was not posted (opening the register).

Django renders every widget through a template of its own: for a group that is some 18 small
templates per pupil, most of the time of opening the register. :class:`Regels` writes the same
cells directly, with the labels translated and the reason list built once per page.
``tests/web/test_register_snel.py`` checks that the page is the same (as parsed HTML) as with
Django's widgets, in Dutch and English; a posted form with errors always goes through the
widgets (they add the error attributes).
"""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from leerrecht.web.registratie.forms import STATUS_CHOICES, RegelForm
from leerrecht.web.registratie.models import REDEN_CHOICES
from leerrecht.web.scholen.models import Leerling


class Regels:
    """Writes register lines; one instance per page (labels in the active language)."""

    def __init__(self) -> None:
        self.statussen = [(waarde, escape(label)) for waarde, label in STATUS_CHOICES]
        self.redenen = [("", "-"), *((w, escape(label)) for w, label in REDEN_CHOICES)]
        self.l_reden = escape(_("Reden"))
        self.l_minuten = escape(_("Minuten te laat"))
        self.l_notitie = escape(_("Notitie"))
        self.l_geinformeerd = escape(RegelForm.base_fields["ouders_geinformeerd_op"].label)
        self._opties: dict[str, str] = {}

    def _opties_met(self, reden: str) -> str:
        html = self._opties.get(reden)
        if html is None:
            html = self._opties[reden] = "".join(
                f'<option value="{escape(w)}"{" selected" if w == reden else ""}>{label}</option>'
                for w, label in self.redenen
            )
        return html

    def __call__(self, form: RegelForm, leerling: Leerling) -> SafeString:
        """The cells (``<th>`` and ``<td>``) of ``leerling``'s line for the unbound ``form``."""
        p = escape(form.prefix)
        initial = form.initial
        status = initial.get("status", "aanwezig")
        minuten = initial.get("minuten")
        notitie = initial.get("notitie", "") or ""
        radios = " ".join(
            f'<label><input type="radio" name="{p}-status" value="{w}" id="id_{p}-status_{n}"'
            f"{' checked' if w == status else ''}> {label}</label>"
            for n, (w, label) in enumerate(self.statussen)
        )
        legend = escape(_("Aanwezigheid van %(leerling)s") % {"leerling": leerling})
        waarde_minuten = format_html(' value="{}"', minuten) if minuten is not None else ""
        waarde_notitie = format_html(' value="{}"', notitie) if notitie else ""
        # a stored ziek/arts registration: the date the parents were told, to make it ongeoorloofd
        geinformeerd = (
            f'\n          <span class="herclassificatie"><label for="id_{p}-ouders_geinformeerd_op">'
            f"{self.l_geinformeerd}</label> "
            f'<input type="date" name="{p}-ouders_geinformeerd_op" '
            f'id="id_{p}-ouders_geinformeerd_op"></span>'
            if form.was_ziek
            else ""
        )
        # every value in it is escaped above (or a constant of the form)
        return mark_safe(
            f'<th scope="row">{escape(leerling)}<input type="hidden" name="{p}-leerling" '
            f'value="{leerling.pk}" id="id_{p}-leerling"></th>'
            f'<td><fieldset><legend class="sr">{legend}</legend>{radios} </fieldset></td>'
            f'<td><label class="sr" for="id_{p}-reden">{self.l_reden}</label>'
            f'<select name="{p}-reden" id="id_{p}-reden">'
            f"{self._opties_met(initial.get('reden', '') or '')}</select>{geinformeerd}</td>"
            f'<td><label class="sr" for="id_{p}-minuten">{self.l_minuten}</label>'
            f'<input type="number" name="{p}-minuten"{waarde_minuten} min="1" max="600" '
            f'id="id_{p}-minuten"></td>'
            f'<td><label class="sr" for="id_{p}-notitie">{self.l_notitie}</label>'
            f'<input type="text" name="{p}-notitie"{waarde_notitie} maxlength="500" '
            f'id="id_{p}-notitie"></td>'
        )
