"""Sending a stored letter by e-mail (the task ``leerrecht.mail_brief`` runs :func:`verstuur`).

The body is the letter's text; the PDF (the same as the download) is attached. Sending goes
through Django's e-mail backend (``LEERRECHT_EMAIL_URL``, docs/configuratie.md). A failure is
recorded on the :class:`BriefEmail` with the reason, never half: the status is *verstuurd* only
after the mail server accepted the message.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from leerrecht.web.brieven.models import BriefEmail, EmailStatus
from leerrecht.web.brieven.pdf import brief_pdf

log = logging.getLogger(__name__)


def verstuur(verzending_id: int) -> str:
    """Send the letter of this :class:`BriefEmail` (once); returns the final status."""
    verzending = BriefEmail.objects.select_related("brief").get(pk=verzending_id)
    if verzending.status != EmailStatus.WACHT:
        return verzending.status  # already sent or failed: a task that runs twice sends once
    brief = verzending.brief
    bericht = EmailMessage(
        subject=brief.onderwerp,
        body=f"{brief.tekst}\n\n{brief.afzender}\n{brief.school_naam}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[verzending.aan],
    )
    bericht.attach(brief.bestandsnaam(), brief_pdf(brief), "application/pdf")
    try:
        bericht.send(fail_silently=False)
    except Exception as exc:  # the mail server's refusal, a timeout, ...
        log.warning("brief %s niet per e-mail verstuurd", brief.pk, exc_info=True)
        BriefEmail.objects.filter(pk=verzending.pk, status=EmailStatus.WACHT).update(
            status=EmailStatus.MISLUKT, fout=f"{type(exc).__name__}: {exc}"[:500]
        )
        return EmailStatus.MISLUKT
    BriefEmail.objects.filter(pk=verzending.pk, status=EmailStatus.WACHT).update(
        status=EmailStatus.VERSTUURD, verstuurd_op=timezone.now()
    )
    return EmailStatus.VERSTUURD
