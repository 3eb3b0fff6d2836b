"""The letter templates every school starts with. The school adapts them on the templates page.

Plain data, so the data migration can use it as well (it must not import the models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from leerrecht.web.scholen.models import School

STANDAARD: tuple[dict[str, str], ...] = (
    {
        "naam": "Waarschuwing te laat komen",
        "soort": "waarschuwing",
        "onderwerp": "Waarschuwing: {{ leerling.voornaam }} komt te vaak te laat",
        "tekst": """Geachte ouder(s)/verzorger(s),

{{ leerling.voornaam }} {{ leerling.achternaam }}{% if leerling.groep %} uit groep {{ leerling.groep }}{% endif %} is dit schooljaar te vaak te laat op school gekomen. Op {{ stap.datum }} is daarmee de stap '{{ stap.titel }}' uit ons verzuimprotocol bereikt.

Te laat komen is vervelend voor uw kind, voor de klasgenoten en voor de leerkracht: de les is dan al begonnen. Te laat komen zonder geldige reden telt volgens de Leerplichtwet bovendien als ongeoorloofd verzuim. Als het te laat komen doorgaat, moet de school dit melden bij de leerplichtambtenaar.

Met deze brief waarschuwen wij u. Wij vragen u ervoor te zorgen dat {{ leerling.voornaam }} voortaan op tijd op school is. Is er een reden waarom dat niet lukt, neem dan contact op met de school. Wij denken graag met u mee.""",
    },
    {
        "naam": "Uitnodiging gesprek over verzuim",
        "soort": "uitnodiging_gesprek",
        "onderwerp": "Uitnodiging voor een gesprek over het verzuim van {{ leerling.voornaam }}",
        "tekst": """Geachte ouder(s)/verzorger(s),

Wij maken ons zorgen over de afwezigheid van {{ leerling.voornaam }} {{ leerling.achternaam }}{% if leerling.groep %} uit groep {{ leerling.groep }}{% endif %}. Op {{ stap.datum }} is de stap '{{ stap.titel }}' uit ons verzuimprotocol bereikt.

Wij willen graag met u in gesprek over de afwezigheid en over wat {{ leerling.voornaam }} nodig heeft om weer elke dag naar school te gaan. Wij nodigen u daarom uit voor een gesprek op school. Wilt u binnen vijf schooldagen contact opnemen om een afspraak te maken?

Als uw kind meer verzuimt dan de wet toestaat, is de school verplicht dit te melden bij de leerplichtambtenaar. Dat staat los van dit gesprek: wij zoeken samen met u naar een oplossing.""",
    },
    {
        "naam": "Verlofbesluit",
        "soort": "verlofbesluit",
        "onderwerp": "Afwezigheid van {{ leerling.voornaam }} zonder verlof",
        "tekst": """Geachte ouder(s)/verzorger(s),

{{ leerling.voornaam }} {{ leerling.achternaam }}{% if leerling.groep %} uit groep {{ leerling.groep }}{% endif %} was afwezig zonder dat de directeur daarvoor verlof had gegeven. Op {{ stap.datum }} is daarmee de stap '{{ stap.titel }}' uit ons verzuimprotocol bereikt.

Verlof buiten de schoolvakanties is alleen mogelijk op grond van artikel 13a (vakantieverlof) of artikel 14 (gewichtige omstandigheden) van de Leerplichtwet 1969, na een schriftelijke aanvraag vooraf bij de directeur. Voor deze afwezigheid is geen verlof gegeven. De directeur merkt de afwezigheid daarom aan als ongeoorloofd verzuim. De school is wettelijk verplicht dit te melden bij de leerplichtambtenaar van uw woongemeente.

Heeft u vragen over deze brief of over het aanvragen van verlof, neem dan contact op met de school.""",
    },
)


def standaard_sjablonen(school: School) -> int:
    """Give a school the shipped templates it does not have yet (by name). Returns how many."""
    from leerrecht.web.brieven.models import BriefSjabloon

    created = 0
    for values in STANDAARD:
        defaults: dict[str, Any] = {k: v for k, v in values.items() if k != "naam"}
        _sjabloon, new = BriefSjabloon.objects.get_or_create(
            school=school, naam=values["naam"], defaults=defaults
        )
        created += int(new)
    return created
