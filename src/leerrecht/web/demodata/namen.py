"""Names for the demo school: Dutch first and last names, with a Limburg (Parkstad) accent and
the names of families that came from elsewhere, as in any school in Heerlen. Invented pupils only:
any resemblance to a real person is chance."""

from __future__ import annotations

# fmt: off
JONGENS: tuple[str, ...] = (
    "Daan", "Sem", "Finn", "Luuk", "Milan", "Levi", "Noah", "Lucas", "Jesse", "Thijs", "Bram",
    "Lars", "Ruben", "Thomas", "Tim", "Max", "Julian", "Sven", "Stijn", "Mees", "Teun", "Gijs",
    "Jens", "Niels", "Koen", "Siem", "Jayden", "Hugo", "Olivier", "Jurre", "Tygo", "Morris",
    "Vince", "Boaz", "Dex", "Mats", "Floris", "Joep", "Pim", "Guus", "Tijn", "Hidde", "Cas", "Ties",
    "Jop", "Rens", "Wout", "Jelle", "Luca", "Xavi", "Lewis", "Kai", "Mohammed", "Adam", "Yusuf",
    "Amir", "Omar", "Emir", "Mustafa", "Ayoub", "Rayan", "Ilyas", "Kacper", "Jakub", "Mateo",
    "Elias", "Felix", "Jan", "Bas", "Joris",
)

MEISJES: tuple[str, ...] = (
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Liv", "Lotte",
    "Saar", "Noor", "Lieke", "Fleur", "Anna", "Roos", "Isa", "Femke", "Lisa", "Sanne", "Maud",
    "Evi", "Fenna", "Nina", "Jasmijn", "Lynn", "Luna", "Olivia", "Hailey", "Elin", "Fenne", "Loïs",
    "Merel", "Puck", "Romy", "Vera", "Hannah", "Ilse", "Esmee", "Norah", "Amber", "Indy", "Lina",
    "Floor", "Juul", "Lotus", "Mette", "Nova", "Sofia", "Aya", "Fatima", "Meryem", "Ela", "Zeynep",
    "Salma", "Amira", "Hiba", "Maja", "Zuzanna", "Lena", "Elif", "Ivy", "Charlotte", "Marit",
    "Kiki", "Anouk", "Bo", "Jill",
)

#: Surnames; a tussenvoegsel stays with the surname ("de Jong"), as the school writes it.
ACHTERNAMEN: tuple[str, ...] = (
    # Limburg, Parkstad
    "Janssen", "Hendriks", "Peters", "Smeets", "Vossen", "Houben", "Schmitz", "Kessels", "Crombach",
    "Meijers", "Lemmens", "Claessens", "Brouns", "Wijnen", "Driessen", "Quaedvlieg", "Frissen",
    "Bemelmans", "Dassen", "Jacobs", "Hermans", "Willems", "Leunissen", "Ramakers", "Notermans",
    "Vaessen", "Schreurs", "Pelzer", "Dormans", "Bastiaans", "Geurts", "Hamers", "Heuts", "Jongen",
    "Kleikers", "Lardinois", "Moonen", "Nijsten", "Offermans", "Palmen", "Ruijters", "Schoonbrood",
    "Simons", "Souren", "Steinbusch", "Thewissen", "Ubachs", "Vanderbroeck", "Voncken", "Wetzels",
    "Wolfs", "Zinzen", "Coenen", "Debets", "Erkens", "Gulpen", "Habets", "Kicken", "Lenssen",
    "Meessen", "Mertens", "Nelissen", "Op den Kamp", "Paffen", "Penders", "Rutten", "Scheepers",
    "Stassen", "Tummers", "Vliegen", "Franssen",
    # de rest van Nederland
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Hendriksen", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Verhoeven", "van der Linden", "Koster", "Prins", "Kok",
    "van Beek", "Huisman", "Kuipers", "van Wijk", "Post", "Timmermans", "van der Heijden", "Maas",
    "Verbeek", "Gerritsen",
    # gezinnen die van elders kwamen
    "Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "El Amrani", "Bouzid", "El Idrissi", "Benali",
    "Haddou", "Ait Taleb", "Kowalski", "Nowak", "Wiśniewska", "Lewandowski", "Haddad", "Al-Hassan",
    "Mansour", "Ibrahim", "Osman", "Tesfaye", "Mulugeta", "Kovačević", "Schneider", "Müller",
    "Becker", "Fernandes", "da Silva", "Nguyen", "Rahimi",
)

#: Families for whom a religious holiday is a day off 'plicht voortvloeiend uit godsdienst'.
FEESTDAG_FAMILIES: frozenset[str] = frozenset({
    "Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "El Amrani", "Bouzid", "El Idrissi", "Benali",
    "Haddou", "Ait Taleb", "Haddad", "Al-Hassan", "Mansour", "Ibrahim", "Osman", "Rahimi",
})
# fmt: on

#: Where the pupils live (the school is in Heerlen), with weights.
WOONGEMEENTEN: tuple[tuple[str, int], ...] = (
    ("Heerlen", 70),
    ("Landgraaf", 10),
    ("Voerendaal", 7),
    ("Kerkrade", 5),
    ("Brunssum", 4),
    ("Simpelveld", 2),
    ("Beekdaelen", 2),
)
