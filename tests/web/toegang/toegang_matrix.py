"""The expected authorisation matrix: for every URL name of the URLconf, who may GET it, who
may POST to it, and how to fill it with an object of a tenant (``toegang_hulp.Kant``).

The table is the specification; ``test_autorisatiematrix.py`` holds the URLconf against it in
both directions (a URL the table does not know fails, a name in the table that no longer exists
fails). Where a rule comes from the documentation or a source, the entry says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toegang_hulp import ROLLEN, STAP, Kant

Rollen = frozenset[str]


def rollen(*namen: str) -> Rollen:
    onbekend = set(namen) - set(ROLLEN)
    assert not onbekend, f"onbekende rol in de matrix: {onbekend}"
    return frozenset(namen)


NIEMAND: Rollen = frozenset()
IEDEREEN: Rollen = frozenset(ROLLEN)
#: signed in to Django (the parent has no account: for Django that session is anonymous)
INGELOGD: Rollen = IEDEREEN - {"anoniem", "ouder"}
GROEP = rollen("docent", "mentor")
#: SCHOOLBREDE_ROLLEN (leerrecht.web.scholen.models): every pupil of the school
SCHOOLBREED = rollen("coordinator", "teamleider", "administratie", "directeur", "beheerder")
#: everyone who sees pupils at school A (scope.leerlingen): the own group or the whole school
SCHOOLPERSONEEL = GROEP | SCHOOLBREED
#: importeren.views.IMPORT_ROLLEN (schoolwide, without the teamleider)
IMPORT = rollen("beheerder", "administratie", "coordinator", "directeur")
#: brieven.views.BEHEER_ROLLEN (the letter templates)
SJABLONEN = rollen("beheerder", "directeur", "coordinator")
#: leerlingzaken.views.LEZERS (docs/webapplicatie.md "Schorsing en verwijdering")
LEERLINGZAKEN = rollen("directeur", "coordinator", "teamleider")
#: schoolbeheer.toegang.BEHEER_ROLLEN
BEHEER = rollen("beheerder", "directeur")
#: jgz.scope.SCHOOLROLLEN (docs/leerplichtbureau.md "JGZ, wie ziet wat")
JGZ_SCHOOL = rollen("coordinator", "directeur", "mentor")
BUREAU = rollen("leerplichtambtenaar", "lp_administratie")
LPA = rollen("leerplichtambtenaar")
#: staff of an office, SWV or JGZ without a school role, and the privacy officer (no role that
#: sees pupils): ``/`` sends them to their own start page (leerrecht.web.startpagina)
ELDERS = rollen(
    "leerplichtambtenaar",
    "lp_administratie",
    "leerplichtambtenaar_b",
    "swv",
    "jeugdarts",
    "privacy",
)

#: the roles of tenant B and who they are in tenant A: on a page without an object of a tenant
#: (a list, a form) they get their own tenant's page, exactly like their counterpart in A
TEGENHANGER = {"coordinator_b": "coordinator", "leerplichtambtenaar_b": "leerplichtambtenaar"}

Vul = Callable[[Kant], dict[str, object]]


def _geen(_k: Kant) -> dict[str, object]:
    return {}


@dataclass(frozen=True)
class Regel:
    """What the matrix expects of one URL name.

    - ``lezen``: the roles whose GET is allowed (200, or a redirect that is not to a login page);
      every other role is denied (403, 404, 405 or a redirect to a login page).
    - ``schrijven``: the roles whose POST is allowed; ``None`` for a page that takes no POST
      (the readers may then POST as they GET, or get a 405; nobody else changes anything).
    - ``kwargs``, ``query``, ``post``: the URL's arguments, query and POST data for an object of
      a tenant; the same functions with tenant B's objects make the cross-tenant request.
    - ``omleiding``: roles that a GET sends to their own start page (not allowed, not a login).
    - ``openbaar``: a page for everyone (login, the parent's code page): any 200 or redirect.
    - ``groep2``: the page is about one pupil or group; the same page for group 2b or a pupil in
      it is denied to the docent and the mentor of group 1a.
    - ``kruis``: the page names a tenant's object (in the path, query or POST): with tenant B's
      object it is denied to every role of tenant A.
    """

    naam: str
    lezen: Rollen
    schrijven: Rollen | None = None
    kwargs: Vul = _geen
    query: Vul = _geen
    post: Vul = _geen
    omleiding: Rollen = NIEMAND
    openbaar: bool = False
    groep2: bool = False
    kruis: bool = True
    bron: str = ""

    @property
    def tenantvrij(self) -> bool:
        """A page without an object of a tenant (a list of one's own, a form)."""
        return not self.kruis


def _pk(veld: str, naam: str = "pk") -> Vul:
    return lambda k: {naam: getattr(k, veld)}


def _q(**velden: str) -> Vul:
    return lambda k: {param: getattr(k, veld) for param, veld in velden.items()}


SCHOOL = _q(school="school")
BUREAU_Q = _q(bureau="bureau")


def _stap(k: Kant) -> dict[str, object]:
    protocol, stap, datum = STAP
    return {
        "leerling": k.leerling,
        "protocol": protocol,
        "stap": stap,
        "stap_datum": datum.isoformat(),
    }


def _stap_en_sjabloon(k: Kant) -> dict[str, object]:
    return {**_stap(k), "sjabloon": k.sjabloon}


REGELS: list[Regel] = [
    # -- signing in, language (public) -----------------------------------------------------
    Regel("login", IEDEREEN, IEDEREEN, openbaar=True, kruis=False),
    # Django's LogoutView only logs out on POST (a GET is a 405 for everyone)
    Regel("logout", NIEMAND, IEDEREEN, openbaar=True, kruis=False),
    Regel("set_language", IEDEREEN, IEDEREEN, openbaar=True, kruis=False),
    # -- the school: worklist, register, pupil (docs/webapplicatie.md "Multi-tenant en rollen")
    Regel("werklijst", SCHOOLPERSONEEL, omleiding=ELDERS, query=SCHOOL),
    Regel(
        "registreren",
        SCHOOLPERSONEEL,
        SCHOOLPERSONEEL,
        kwargs=_pk("groep", "groep_id"),
        query=lambda k: {"datum": "2026-03-02"},
        groep2=True,
    ),
    Regel(
        "leerling",
        SCHOOLPERSONEEL,
        kwargs=_pk("leerling", "leerling_id"),
        query=lambda k: {"peildatum": "2026-03-20"},
        groep2=True,
    ),
    # POST only: a GET goes back to the worklist (for everyone signed in, nothing shown)
    Regel(
        "actie_afhandelen",
        NIEMAND,
        SCHOOLPERSONEEL,
        kwargs=_pk("leerling", "leerling_id"),
        omleiding=INGELOGD,
        groep2=True,
    ),
    # -- DUO meldingen: schoolwide roles of the melding's school (meldingen/views.py) ---------
    Regel("meldingen:lijst", SCHOOLBREED, query=SCHOOL),
    Regel("meldingen:export", SCHOOLBREED, query=SCHOOL),
    Regel("meldingen:versturen", NIEMAND, SCHOOLBREED, post=SCHOOL),
    Regel("meldingen:detail", SCHOOLBREED, SCHOOLBREED, kwargs=_pk("melding")),
    Regel("meldingen:status", NIEMAND, SCHOOLBREED, kwargs=_pk("melding")),
    Regel("meldingen:export_melding", SCHOOLBREED, kwargs=_pk("melding")),
    # -- verlof: schoolwide roles see, only the directeur decides (art. 13a/14 Lpw) ----------
    Regel("verlof:lijst", SCHOOLBREED, query=SCHOOL),
    Regel("verlof:detail", SCHOOLBREED, rollen("directeur"), kwargs=_pk("verlof")),
    Regel("verlof:besluit_pdf", SCHOOLBREED, kwargs=_pk("verlof")),
    Regel("verlof:werkgeversverklaring", SCHOOLBREED, kwargs=_pk("verlof")),
    Regel("verlof:toegang_lijst", SCHOOLBREED, query=SCHOOL),
    Regel("verlof:toegang", SCHOOLBREED, SCHOOLBREED, kwargs=_pk("leerling", "leerling_id")),
    # -- the parent with a code: only their own child ---------------------------------------
    Regel("ouders:code", IEDEREEN, IEDEREEN, openbaar=True, kruis=False),
    Regel("ouders:afmelden", NIEMAND, IEDEREEN, openbaar=True, kruis=False),
    Regel("ouders:overzicht", rollen("ouder"), kruis=False),
    Regel("ouders:ziekmelding", rollen("ouder"), rollen("ouder"), kruis=False),
    Regel("ouders:verlof", rollen("ouder"), rollen("ouder"), kruis=False),
    Regel("ouders:aanvraag", rollen("ouder"), kwargs=_pk("verlof")),
    Regel("ouders:besluit_pdf", rollen("ouder"), kwargs=_pk("verlof")),
    # -- importeren (importeren/views.py: IMPORT_ROLLEN; LAS codes changed by CODE_ROLLEN) ---
    Regel("importeren:start", IMPORT, IMPORT, kruis=False),
    Regel("importeren:voorbeeld", IMPORT, kwargs=_pk("opdracht")),
    Regel("importeren:bevestigen", NIEMAND, IMPORT, kwargs=_pk("opdracht")),
    Regel("importeren:status", IMPORT, kwargs=_pk("opdracht")),
    Regel("importeren:afbreken", NIEMAND, IMPORT, kwargs=_pk("opdracht")),
    Regel(
        "importeren:codes",
        IMPORT,
        rollen("beheerder", "coordinator"),
        query=SCHOOL,
        post=lambda k: {"school": k.school, "code": "ZZ", "soort": "absent", "reden": "ziek"},
    ),
    # -- brieven: templates for beheer roles, letters for whoever sees the pupil -------------
    Regel("brieven:sjablonen", SJABLONEN, query=SCHOOL),
    Regel("brieven:sjabloon_nieuw", SJABLONEN, SJABLONEN, query=SCHOOL),
    Regel("brieven:sjabloon_bewerken", SJABLONEN, SJABLONEN, kwargs=_pk("sjabloon")),
    Regel(
        "brieven:maken",
        SCHOOLPERSONEEL,
        SCHOOLPERSONEEL,
        query=_stap,
        post=_stap_en_sjabloon,
        groep2=True,
    ),
    Regel(
        "brieven:leerling",
        SCHOOLPERSONEEL,
        kwargs=_pk("leerling", "leerling_id"),
        groep2=True,
    ),
    Regel("brieven:download", SCHOOLPERSONEEL, kwargs=_pk("brief")),
    Regel("brieven:email", NIEMAND, SCHOOLPERSONEEL, kwargs=_pk("brief")),
    # -- schorsing en verwijdering: the directeur registers, coördinator/teamleider look -----
    Regel("leerlingzaken:overzicht", LEERLINGZAKEN, query=SCHOOL),
    Regel(
        "leerlingzaken:schorsing_nieuw",
        rollen("directeur"),
        rollen("directeur"),
        kwargs=_pk("leerling", "leerling_id"),
        bron="docs/webapplicatie.md: coördinator en teamleider zien alles maar leggen niets vast",
    ),
    Regel("leerlingzaken:schorsing", LEERLINGZAKEN, rollen("directeur"), kwargs=_pk("schorsing")),
    Regel(
        "leerlingzaken:verwijdering_leerling",
        LEERLINGZAKEN,
        rollen("directeur"),
        kwargs=_pk("leerling", "leerling_id"),
    ),
    Regel(
        "leerlingzaken:verwijdering",
        LEERLINGZAKEN,
        rollen("directeur"),
        kwargs=_pk("verwijdering"),
    ),
    # -- schoolbeheer: beheerder and directeur of that school ---------------------------------
    Regel("schoolbeheer:start", BEHEER, query=SCHOOL),
    Regel("schoolbeheer:groepen", BEHEER, BEHEER, query=SCHOOL),
    Regel("schoolbeheer:groep_bewerken", BEHEER, BEHEER, kwargs=_pk("groep")),
    Regel("schoolbeheer:groep_verwijderen", NIEMAND, BEHEER, kwargs=_pk("groep")),
    Regel("schoolbeheer:leerlingen", BEHEER, query=SCHOOL),
    Regel("schoolbeheer:leerling_nieuw", BEHEER, BEHEER, query=SCHOOL),
    Regel("schoolbeheer:leerling_bewerken", BEHEER, BEHEER, kwargs=_pk("leerling")),
    Regel("schoolbeheer:leerling_uitschrijven", BEHEER, BEHEER, kwargs=_pk("leerling")),
    Regel("schoolbeheer:leerling_verwijderen", NIEMAND, BEHEER, kwargs=_pk("leerling")),
    Regel("schoolbeheer:personeel", BEHEER, query=SCHOOL),
    Regel("schoolbeheer:medewerker_nieuw", BEHEER, BEHEER, query=SCHOOL),
    Regel("schoolbeheer:medewerker", BEHEER, BEHEER, kwargs=_pk("medewerker"), query=SCHOOL),
    Regel("schoolbeheer:kalender", BEHEER, BEHEER, query=SCHOOL),
    Regel("schoolbeheer:vrije_dag_verwijderen", NIEMAND, BEHEER, kwargs=_pk("vrije_dag")),
    Regel("schoolbeheer:vakantie_verwijderen", NIEMAND, BEHEER, kwargs=_pk("vakantie")),
    Regel("schoolbeheer:protocol", BEHEER, BEHEER, query=SCHOOL),
    # -- the leerplicht office (docs/leerplichtbureau.md: the leerplichtambtenaar handles,
    #    the administratie reads the inbox, imports and keeps the contact persons) -----------
    Regel("leerplicht:start", BUREAU, kruis=False),
    Regel("leerplicht:inbox", BUREAU, kruis=False),
    Regel("leerplicht:melding", BUREAU, kwargs=_pk("inbox")),
    Regel(
        "leerplicht:behandelen",
        NIEMAND,
        LPA,
        kwargs=_pk("inbox"),
        bron="docs/leerplichtbureau.md: de administratie die een status zet krijgt een 403",
    ),
    Regel("leerplicht:jeugdige", BUREAU, kwargs=_pk("jeugdige")),
    Regel("leerplicht:leerling", BUREAU, kwargs=_pk("leerling")),
    Regel(
        "leerplicht:contactpersonen",
        BUREAU,
        BUREAU,
        query=BUREAU_Q,
        post=lambda k: {"bureau": k.bureau, "school": k.school, "consulent": ""},
    ),
    Regel("leerplicht:importeren", BUREAU, BUREAU, query=BUREAU_Q, post=BUREAU_Q),
    # -- dossiers (dossiers/toegang.py: the leerplichtambtenaar everything, the administratie
    #    reads and adds documents, 403 on other changes) ------------------------------------
    Regel("dossiers:lijst", BUREAU, query=BUREAU_Q),
    Regel(
        "dossiers:nieuw",
        LPA,
        LPA,
        query=_q(jeugdige="jeugdige"),
        post=_q(jeugdige="jeugdige"),
    ),
    Regel("dossiers:instellingen", LPA, LPA, query=BUREAU_Q, post=BUREAU_Q),
    Regel("dossiers:detail", BUREAU, kwargs=_pk("dossier")),
    Regel("dossiers:status", NIEMAND, LPA, kwargs=_pk("dossier")),
    Regel("dossiers:route", LPA, LPA, kwargs=_pk("dossier")),
    Regel("dossiers:behandelaar", NIEMAND, LPA, kwargs=_pk("dossier")),
    Regel("dossiers:actie_nieuw", LPA, LPA, kwargs=_pk("dossier")),
    Regel(
        "dossiers:actie_afronden",
        LPA,
        LPA,
        kwargs=lambda k: {"pk": k.dossier, "actie_pk": k.actie},
    ),
    Regel("dossiers:notitie_nieuw", LPA, LPA, kwargs=_pk("dossier")),
    Regel("dossiers:document_nieuw", BUREAU, BUREAU, kwargs=_pk("dossier")),
    Regel(
        "dossiers:document",
        BUREAU,
        kwargs=lambda k: {"pk": k.dossier, "document_pk": k.document},
    ),
    # -- thuiszitters (thuiszitters/scope.py: the office its register, the SWV its overview,
    #    the school only its own figures) -----------------------------------------------------
    Regel("thuiszitters:register", BUREAU, query=BUREAU_Q),
    Regel("thuiszitters:nieuw", BUREAU, BUREAU, query=BUREAU_Q, post=BUREAU_Q),
    Regel("thuiszitters:detail", BUREAU, kwargs=_pk("thuiszitter")),
    Regel("thuiszitters:wijzigen", BUREAU, BUREAU, kwargs=_pk("thuiszitter")),
    Regel("thuiszitters:overleg", NIEMAND, BUREAU, kwargs=_pk("thuiszitter")),
    Regel("thuiszitters:status", NIEMAND, BUREAU, kwargs=_pk("thuiszitter")),
    Regel("thuiszitters:suggesties", BUREAU, query=BUREAU_Q),
    Regel(
        "thuiszitters:opnemen",
        NIEMAND,
        BUREAU,
        post=lambda k: {"bureau": k.bureau, "leerling": k.leerling},
    ),
    Regel("thuiszitters:termijnen", BUREAU, query=BUREAU_Q),
    Regel("thuiszitters:swv_overzicht", BUREAU | {"swv"}, query=_q(swv="swv")),
    Regel("thuiszitters:swv_overzicht_csv", BUREAU | {"swv"}, query=_q(swv="swv")),
    Regel("thuiszitters:swv_overzicht_pdf", BUREAU | {"swv"}, query=_q(swv="swv")),
    Regel("thuiszitters:analyse", BUREAU, query=BUREAU_Q),
    Regel("thuiszitters:analyse_csv", BUREAU, query=BUREAU_Q),
    Regel("thuiszitters:jaarcijfers", BUREAU, query=BUREAU_Q),
    Regel("thuiszitters:jaarcijfers_school", rollen("directeur", "coordinator"), query=SCHOOL),
    # -- JGZ (docs/leerplichtbureau.md "JGZ, wie ziet wat") ------------------------------------
    Regel("jgz:lijst", rollen("jeugdarts"), kruis=False),
    Regel("jgz:verwijzing", rollen("jeugdarts"), kwargs=_pk("verwijzing")),
    Regel("jgz:status", NIEMAND, rollen("jeugdarts"), kwargs=_pk("verwijzing")),
    Regel("jgz:toestemming", rollen("jeugdarts"), rollen("jeugdarts"), kwargs=_pk("verwijzing")),
    Regel(
        "jgz:toestemming_intrekken",
        NIEMAND,
        rollen("jeugdarts"),
        kwargs=lambda k: {"pk": k.verwijzing, "toestemming_id": k.toestemming},
    ),
    Regel("jgz:school_lijst", JGZ_SCHOOL, kruis=False),
    Regel(
        "jgz:school_nieuw",
        JGZ_SCHOOL,
        JGZ_SCHOOL,
        query=_q(leerling="leerling"),
        post=_q(leerling="leerling"),
        groep2=True,
    ),
    Regel("jgz:school_verwijzing", JGZ_SCHOOL, kwargs=_pk("verwijzing")),
    Regel("jgz:school_intrekken", NIEMAND, JGZ_SCHOOL, kwargs=_pk("verwijzing")),
    Regel(
        "jgz:school_overig_verzuim",
        NIEMAND,
        rollen("coordinator", "directeur"),
        kwargs=_pk("verwijzing"),
        bron="docs/leerplichtbureau.md: de melding overig verzuim maakt de coördinator",
    ),
    # -- vrijstellingen (docs/leerplichtbureau.md "Vrijstellingen": the office decides, the
    #    school sees its copy, the parent their child's letter) ------------------------------
    Regel("vrijstellingen:lijst", BUREAU, kruis=False),
    Regel(
        "vrijstellingen:nieuw",
        BUREAU,
        BUREAU,
        query=_q(leerling="leerling"),
        post=_q(leerling="leerling"),
    ),
    Regel("vrijstellingen:detail", BUREAU, kwargs=_pk("vrijstelling")),
    Regel(
        "vrijstellingen:status",
        NIEMAND,
        LPA,
        kwargs=_pk("vrijstelling"),
        post=lambda k: {"naar": "toegekend", "motivering": "Ja."},
        bron="vrijstellingen/views.py: alleen een leerplichtambtenaar beslist",
    ),
    Regel("vrijstellingen:verklaring", NIEMAND, BUREAU, kwargs=_pk("vrijstelling")),
    Regel("vrijstellingen:brief", BUREAU, kwargs=_pk("vrijstelling")),
    Regel(
        "vrijstellingen:verlof",
        BUREAU,
        LPA,
        kwargs=_pk("verlof_open"),
        bron="docs/leerplichtbureau.md: de administratie die toch beslist krijgt een 403",
    ),
    Regel("vrijstellingen:verlof_brief", BUREAU, kwargs=_pk("verlof_doorgestuurd")),
    Regel("vrijstellingen:school_lijst", SCHOOLBREED, kruis=False),
    Regel("vrijstellingen:school_brief", SCHOOLBREED, kwargs=_pk("vrijstelling")),
    Regel("vrijstellingen:school_verlof_brief", SCHOOLBREED, kwargs=_pk("verlof_doorgestuurd")),
    Regel("vrijstellingen:ouder_verlof_brief", rollen("ouder"), kwargs=_pk("verlof_doorgestuurd")),
    # -- the second login step (notes of person C: any signed-in account, no pupil data) ----
    Regel("tweestaps:code", INGELOGD, INGELOGD, kruis=False),
    Regel("tweestaps:instellen", INGELOGD, INGELOGD, kruis=False),
    Regel("tweestaps:reservecodes", INGELOGD, kruis=False),
    Regel("tweestaps:reservecodes_nieuw", NIEMAND, INGELOGD, kruis=False),
    # -- the privacy officer: the school's audit log (notes of person A; superusers too) --------
    Regel("privacy:overzicht", rollen("privacy"), query=SCHOOL),
    Regel("privacy:export", rollen("privacy"), query=SCHOOL),
]

MATRIX: dict[str, Regel] = {r.naam: r for r in REGELS}
assert len(MATRIX) == len(REGELS), "een URL-naam staat twee keer in de matrix"

#: the Django admin (``/beheer/``): every pattern, generated, is for superusers only
BEHEER_NAMESPACE = "admin"


#: a user with a role at two schools and who they are at each: for tenant A's objects the role
#: at A counts (never the other school's role), on a page without a tenant object either
MEERDERE_ROLLEN = {"docent_en_coordinator_b": ("docent", "coordinator_b")}


def _per_rol(regel: Regel, rol: str, rollen_: Callable[[Regel], Rollen]) -> bool:
    if rol in MEERDERE_ROLLEN:
        hier, elders = MEERDERE_ROLLEN[rol]
        return _per_rol(regel, hier, rollen_) or (
            regel.tenantvrij and _per_rol(regel, elders, rollen_)
        )
    if regel.tenantvrij and rol in TEGENHANGER:
        rol = TEGENHANGER[rol]
    return rol in rollen_(regel)


def mag_lezen(regel: Regel, rol: str) -> bool:
    return _per_rol(regel, rol, lambda r: r.lezen)


def mag_schrijven(regel: Regel, rol: str) -> bool:
    """POST allowed; a page without POST handling may be POSTed by its readers."""
    return _per_rol(regel, rol, lambda r: r.lezen if r.schrijven is None else r.schrijven)


def omgeleid(regel: Regel, rol: str) -> bool:
    return _per_rol(regel, rol, lambda r: r.omleiding)
