"""The rows of the worklist's table of protocol steps as HTML, written directly.

A school of 2,000 pupils easily has a few hundred steps in the last four weeks; through the
template (a loop over the actions and ``_actie.html`` per row) they cost more than everything
else of the worklist together. :class:`SignaalRijen` writes the same rows.
``tests/web/test_werklijst_snel.py`` checks that the page is the same (as parsed HTML) as through
the template, in Dutch and English, with steps done and not done. ``_actie.html`` stays the one
source for the cell that HTMX replaces.
"""

from __future__ import annotations

from html import escape as _escape
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from leerrecht.core.model import Action


def escape(value: object) -> str:
    """As Django's ``escape`` (the same five characters), without its lazy-string wrapper."""
    return _escape(str(value))


class SignaalRijen:
    """Writes worklist rows for one page (``volgende``: its URL; texts in the active language)."""

    def __init__(self, volgende: str, csrf_token: str) -> None:
        self.volgende = escape(volgende)
        self.csrf = escape(csrf_token)
        self.notitie = escape(_("Notitie"))
        self.afgehandeld = escape(_("Afgehandeld"))
        self.brief = escape(_("Brief maken"))
        self._acties: dict[tuple[Action, ...], str] = {}

    def _lijst(self, actions: tuple[Action, ...]) -> str:
        """The actions of a step (the same for every pupil that reached it), written once."""
        html = self._acties.get(actions)
        if html is None:
            html = self._acties[actions] = "".join(
                f"<li><strong>{escape(a.actor)}</strong>: {escape(a.text)}</li>" for a in actions
            )
        return html

    def _cel(self, n: int, row: dict[str, Any]) -> str:
        gedaan = row["afgehandeld"]
        if gedaan is not None:
            tekst = _("Gedaan door %(wie)s op %(op)s") % {
                "wie": escape(gedaan.gedaan_door),
                "op": escape(date_format(timezone.localtime(gedaan.gedaan_op), "j M")),
            }
            return f'<p role="status">{tekst}: {escape(gedaan.notitie)}</p>\n'
        s = row["signaal"]
        return (
            f'<form method="post" action="{escape(row["actie_url"])}" '
            f'hx-post="{escape(row["actie_url"])}" hx-target="closest .actie" hx-swap="innerHTML">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">'
            f'<input type="hidden" name="protocol" value="{escape(s.protocol)}">'
            f'<input type="hidden" name="stap" value="{escape(s.step)}">'
            f'<input type="hidden" name="bereikt_op" value="{row["op_iso"]}">'
            f'<input type="hidden" name="volgende" value="{self.volgende}">'
            f'<input type="hidden" name="n" value="{n}">'
            f'<label for="notitie-{n}">{self.notitie}</label>'
            f'<input id="notitie-{n}" name="notitie" required minlength="3" maxlength="1000">'
            f'<button type="submit">{self.afgehandeld}</button></form>'
        )

    def __call__(self, n: int, row: dict[str, Any]) -> SafeString:
        """Row ``n`` (from 1, as ``forloop.counter``) of the table."""
        s = row["signaal"]
        acties = self._lijst(s.actions)
        # every value is escaped here; the texts are the catalogue's
        return mark_safe(
            f'<tr><td><a href="{escape(row["url"])}">{escape(row["leerling"])}</a></td>'
            f"<td>{escape(s.title)}</td><td>{escape(row['op'])}</td>"
            f"<td><ul>{acties}</ul></td>"
            f'<td><div class="actie">{self._cel(n, row)}</div>'
            f'<p><a href="{escape(row["brief_url"])}">{self.brief}</a></p></td></tr>'
        )
