"""Why each page exists: the purpose (doel) of every URL of the web application.

Every URL name of the URLconf (``namespace:name``; the Django admin as the one entry
``admin``) is in :data:`DOELEN`: either a :class:`Doel` that touches pupil data, with the purpose
that the audit log records (AVG art. 5 lid 1 b, doelbinding; art. 30 register of processing), or
:data:`GEEN_LEERLINGGEGEVENS`. ``tests/web/audit/test_doelen_dekken_de_urlconf.py`` walks the URL
resolver and fails for a URL name that is missing here, so a new page cannot escape the audit.

The :class:`~leerrecht.web.audit.middleware.AuditMiddleware` writes one row per request to a page
with pupil data, unless the view already wrote its own, more detailed row.
"""

from __future__ import annotations

from dataclasses import dataclass

from leerrecht.web.audit.models import Actie


@dataclass(frozen=True)
class Doel:
    """The purpose of a page, and how to find the pupil it is about."""

    tekst: str
    leerlinggegevens: bool = True
    #: what a POST does: most pages change something, ``nieuw`` pages create it
    schrijven: Actie = Actie.WIJZIGEN
    #: the model (``app_label.Model``) the URL's ``pk`` refers to, to find the pupil (and the
    #: school) in the same INSERT: a ``scholen.Leerling`` itself, a model with a ``leerling``
    #: or a model with a ``school``
    object_model: str | None = None
    #: the URL keyword that holds the id of ``object_model``
    object_kwarg: str = "pk"


GEEN_LEERLINGGEGEVENS = Doel("geen leerlinggegevens", leerlinggegevens=False)

_WERKLIJST = "verzuim signaleren en opvolgen (werklijst)"
_REGISTREREN = "verzuim registreren"
_LEERLING = "verzuim van een leerling bekijken en opvolgen"
_MELDING = "melding van verzuim aan DUO en leerplicht (Leerplichtwet art. 21, 21a)"
_VERLOF = "verlof beoordelen (Leerplichtwet art. 11 onder f, 13a, 14)"
_OUDERTOEGANG = "ouders toegang geven tot verlof en ziekmelding"
_OUDER = "ouder bekijkt of meldt verzuim of verlof van het eigen kind"
_IMPORT = "leerlingen en verzuim importeren uit de leerlingadministratie"
_BRIEF = "brief aan ouders over verzuim"
_SCHORSING = "schorsing van een leerling registreren en melden"
_VERWIJDERING = "verwijdering van een leerling"
_ADMINISTRATIE = "leerlingadministratie: groepen, in- en uitschrijving"
_LEERPLICHT = "meldingen en leerlingen behandelen (leerplichtbureau)"
_DOSSIER = "dossier van een jeugdige behandelen (leerplichtbureau)"
_THUISZITTERS = "thuiszitterregister bijhouden (samenwerkingsverband, seed 002)"
_SWV_OVERZICHT = "maandoverzicht thuiszitters voor het samenwerkingsverband (seed 002 §3a)"
_ANALYSE = "jaarlijkse analyse en jaarcijfers thuiszitters (seed 002 bijlage 1)"
_JGZ = "M@ZL-verwijzing naar en behandeling door de jeugdarts"
_VRIJSTELLING = "vrijstelling of verlof behandelen (leerplicht)"
_PRIVACY = "toezicht op de verwerking van leerlinggegevens (privacyfunctionaris)"

DOELEN: dict[str, Doel] = {
    # accounts and language
    "login": GEEN_LEERLINGGEGEVENS,
    "logout": GEEN_LEERLINGGEGEVENS,
    "set_language": GEEN_LEERLINGGEGEVENS,
    # the second factor (leerrecht.web.tweestaps): the staff member's own codes
    "tweestaps:code": GEEN_LEERLINGGEGEVENS,
    "tweestaps:instellen": GEEN_LEERLINGGEGEVENS,
    "tweestaps:reservecodes": GEEN_LEERLINGGEGEVENS,
    "tweestaps:reservecodes_nieuw": GEEN_LEERLINGGEGEVENS,
    # the application's superusers: every admin page may show pupil data
    "admin": Doel("technisch beheer via de Django-admin"),
    # registratie: the school's daily work
    "werklijst": Doel(_WERKLIJST),
    "registreren": Doel(_REGISTREREN, object_model="scholen.Groep", object_kwarg="groep_id"),
    "leerling": Doel(_LEERLING),
    "actie_afhandelen": Doel("stap van het verzuimprotocol afhandelen"),
    # meldingen
    "meldingen:lijst": Doel(_MELDING),
    "meldingen:export": Doel(_MELDING),
    "meldingen:versturen": Doel(_MELDING),
    "meldingen:detail": Doel(_MELDING, object_model="meldingen.DuoMelding"),
    "meldingen:status": Doel(_MELDING, object_model="meldingen.DuoMelding"),
    "meldingen:export_melding": Doel(_MELDING, object_model="meldingen.DuoMelding"),
    # verlof (school side)
    "verlof:lijst": Doel(_VERLOF),
    "verlof:detail": Doel(_VERLOF, object_model="verlof.VerlofAanvraag"),
    "verlof:besluit_pdf": Doel(_VERLOF, object_model="verlof.VerlofAanvraag"),
    "verlof:werkgeversverklaring": Doel(_VERLOF, object_model="verlof.VerlofAanvraag"),
    "verlof:toegang_lijst": Doel(_OUDERTOEGANG),
    "verlof:toegang": Doel(_OUDERTOEGANG, schrijven=Actie.AANMAKEN),
    # parents with a code (the pupil comes from the session)
    "ouders:code": GEEN_LEERLINGGEGEVENS,
    "ouders:afmelden": GEEN_LEERLINGGEGEVENS,
    "ouders:overzicht": Doel(_OUDER),
    "ouders:ziekmelding": Doel("ziekmelding door de ouder", schrijven=Actie.AANMAKEN),
    "ouders:verlof": Doel("verlofaanvraag door de ouder", schrijven=Actie.AANMAKEN),
    "ouders:aanvraag": Doel(_OUDER, object_model="verlof.VerlofAanvraag"),
    "ouders:besluit_pdf": Doel(_OUDER, object_model="verlof.VerlofAanvraag"),
    # importeren
    "importeren:start": Doel(_IMPORT, schrijven=Actie.AANMAKEN),
    "importeren:voorbeeld": Doel(_IMPORT, object_model="importeren.ImportOpdracht"),
    "importeren:bevestigen": Doel(_IMPORT, object_model="importeren.ImportOpdracht"),
    # the import's own progress and totals, polled every 2 s while it runs: no pupil is shown
    # (a failed import's message may name a line of the file, which the same user saw in the
    # audited preview); recording every poll would bury the log in rows that show nothing.
    "importeren:status": GEEN_LEERLINGGEGEVENS,
    "importeren:afbreken": Doel(_IMPORT, object_model="importeren.ImportOpdracht"),
    "importeren:codes": GEEN_LEERLINGGEGEVENS,  # the school's LAS code table
    # brieven: the templates hold placeholders, no pupil
    "brieven:sjablonen": GEEN_LEERLINGGEGEVENS,
    "brieven:sjabloon_nieuw": GEEN_LEERLINGGEGEVENS,
    "brieven:sjabloon_bewerken": GEEN_LEERLINGGEGEVENS,
    "brieven:maken": Doel(_BRIEF, schrijven=Actie.AANMAKEN),
    "brieven:leerling": Doel(_BRIEF),
    "brieven:download": Doel(_BRIEF, object_model="brieven.VerzondenBrief"),
    "brieven:email": Doel(_BRIEF, object_model="brieven.VerzondenBrief"),
    # leerlingzaken
    "leerlingzaken:overzicht": Doel(_SCHORSING),
    "leerlingzaken:schorsing_nieuw": Doel(_SCHORSING, schrijven=Actie.AANMAKEN),
    "leerlingzaken:schorsing": Doel(_SCHORSING, object_model="leerlingzaken.Schorsing"),
    "leerlingzaken:verwijdering_leerling": Doel(_VERWIJDERING, schrijven=Actie.AANMAKEN),
    "leerlingzaken:verwijdering": Doel(_VERWIJDERING, object_model="leerlingzaken.Verwijdering"),
    # schoolbeheer
    "schoolbeheer:start": Doel(_ADMINISTRATIE),  # counts of groups and pupils
    "schoolbeheer:groepen": Doel(_ADMINISTRATIE),
    "schoolbeheer:groep_bewerken": Doel(_ADMINISTRATIE, object_model="scholen.Groep"),
    "schoolbeheer:groep_verwijderen": Doel(_ADMINISTRATIE, object_model="scholen.Groep"),
    "schoolbeheer:leerlingen": Doel(_ADMINISTRATIE),
    "schoolbeheer:leerling_nieuw": Doel(_ADMINISTRATIE, schrijven=Actie.AANMAKEN),
    "schoolbeheer:leerling_bewerken": Doel(_ADMINISTRATIE, object_model="scholen.Leerling"),
    "schoolbeheer:leerling_uitschrijven": Doel(_ADMINISTRATIE, object_model="scholen.Leerling"),
    "schoolbeheer:leerling_verwijderen": Doel(_ADMINISTRATIE, object_model="scholen.Leerling"),
    "schoolbeheer:personeel": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:medewerker_nieuw": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:medewerker": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:kalender": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:vrije_dag_verwijderen": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:vakantie_verwijderen": GEEN_LEERLINGGEGEVENS,
    "schoolbeheer:protocol": GEEN_LEERLINGGEGEVENS,
    # leerplichtbureau (its views write their own, detailed rows)
    "leerplicht:start": Doel(_LEERPLICHT),
    "leerplicht:inbox": Doel(_LEERPLICHT),
    "leerplicht:melding": Doel(_LEERPLICHT),
    "leerplicht:behandelen": Doel(_LEERPLICHT),
    "leerplicht:jeugdige": Doel(_LEERPLICHT),
    "leerplicht:leerling": Doel(_LEERPLICHT, object_model="scholen.Leerling"),
    "leerplicht:contactpersonen": GEEN_LEERLINGGEGEVENS,  # consulent per school
    # a POST here uploads a file for the preview; the confirmation writes its own rows per melding
    "leerplicht:importeren": Doel(
        "melding importeren uit het DUO-verzuimloket", schrijven=Actie.LEZEN
    ),
    "dossiers:lijst": Doel(_DOSSIER),
    "dossiers:nieuw": Doel(_DOSSIER, schrijven=Actie.AANMAKEN),
    "dossiers:instellingen": GEEN_LEERLINGGEGEVENS,  # the office's deadlines
    "dossiers:detail": Doel(_DOSSIER),
    "dossiers:status": Doel(_DOSSIER),
    "dossiers:route": Doel(_DOSSIER),
    "dossiers:behandelaar": Doel(_DOSSIER),
    "dossiers:actie_nieuw": Doel(_DOSSIER, schrijven=Actie.AANMAKEN),
    "dossiers:actie_afronden": Doel(_DOSSIER),
    "dossiers:notitie_nieuw": Doel(_DOSSIER, schrijven=Actie.AANMAKEN),
    "dossiers:document_nieuw": Doel(_DOSSIER, schrijven=Actie.AANMAKEN),
    "dossiers:document": Doel(_DOSSIER),
    # samenwerkingsverband
    "thuiszitters:register": Doel(_THUISZITTERS),
    "thuiszitters:nieuw": Doel(_THUISZITTERS, schrijven=Actie.AANMAKEN),
    "thuiszitters:detail": Doel(_THUISZITTERS),
    "thuiszitters:wijzigen": Doel(_THUISZITTERS),
    "thuiszitters:overleg": Doel(_THUISZITTERS, schrijven=Actie.AANMAKEN),
    "thuiszitters:status": Doel(_THUISZITTERS),
    "thuiszitters:suggesties": Doel(_THUISZITTERS),
    "thuiszitters:opnemen": Doel(_THUISZITTERS, schrijven=Actie.AANMAKEN),
    "thuiszitters:termijnen": Doel(_THUISZITTERS),
    "thuiszitters:swv_overzicht": Doel(_SWV_OVERZICHT),
    "thuiszitters:swv_overzicht_csv": Doel(_SWV_OVERZICHT),
    "thuiszitters:swv_overzicht_pdf": Doel(_SWV_OVERZICHT),
    "thuiszitters:analyse": Doel(_ANALYSE),
    "thuiszitters:analyse_csv": Doel(_ANALYSE),
    "thuiszitters:jaarcijfers": Doel(_ANALYSE),
    "thuiszitters:jaarcijfers_school": Doel(_ANALYSE),
    # jeugdarts and the school's referrals
    "jgz:lijst": Doel(_JGZ),
    "jgz:verwijzing": Doel(_JGZ),
    "jgz:status": Doel(_JGZ),
    "jgz:toestemming": Doel(_JGZ),
    "jgz:toestemming_intrekken": Doel(_JGZ),
    "jgz:school_lijst": Doel(_JGZ),
    "jgz:school_nieuw": Doel(_JGZ, schrijven=Actie.AANMAKEN),
    "jgz:school_verwijzing": Doel(_JGZ),
    "jgz:school_intrekken": Doel(_JGZ),
    "jgz:school_overig_verzuim": Doel(_JGZ),
    # vrijstellingen
    "vrijstellingen:lijst": Doel(_VRIJSTELLING),
    "vrijstellingen:nieuw": Doel(_VRIJSTELLING, schrijven=Actie.AANMAKEN),
    "vrijstellingen:detail": Doel(_VRIJSTELLING),
    "vrijstellingen:status": Doel(_VRIJSTELLING),
    "vrijstellingen:verklaring": Doel(_VRIJSTELLING, schrijven=Actie.AANMAKEN),
    "vrijstellingen:brief": Doel(_VRIJSTELLING),
    "vrijstellingen:verlof": Doel(_VRIJSTELLING),
    "vrijstellingen:verlof_brief": Doel(_VRIJSTELLING),
    "vrijstellingen:school_lijst": Doel(_VRIJSTELLING),
    "vrijstellingen:school_brief": Doel(_VRIJSTELLING),
    "vrijstellingen:school_verlof_brief": Doel(_VRIJSTELLING),
    "vrijstellingen:ouder_verlof_brief": Doel(_VRIJSTELLING),
    # the privacy officer: the log shows which pupil was accessed
    "privacy:overzicht": Doel(_PRIVACY),
    "privacy:export": Doel(_PRIVACY),
}


def sleutel(view_name: str) -> str:
    """The registry key of a resolved view name: the admin is one entry."""
    if view_name == "admin" or view_name.startswith("admin:"):
        return "admin"
    return view_name


def doel_van(view_name: str) -> Doel | None:
    """The purpose of a URL name, or None when it is not registered."""
    return DOELEN.get(sleutel(view_name))
