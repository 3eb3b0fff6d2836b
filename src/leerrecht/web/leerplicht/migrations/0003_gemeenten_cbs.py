"""Load the CBS list of municipalities (data/gemeenten.csv, see data/BRON.md), so a fresh
database can route meldingen by woongemeente; later years: ``leerrecht manage laad_gemeenten``."""

from django.db import migrations


def laad_gemeenten(apps, schema_editor):
    from leerrecht.web.leerplicht.gemeenten import laad, lees_csv

    laad(
        lees_csv(),
        apps.get_model("leerplicht", "Gemeente"),
        apps.get_model("leerplicht", "Werkgebied"),
        apps.get_model("leerplicht", "Jeugdige"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("leerplicht", "0002_inbox_geschiedenis_en_contactpersoon"),
    ]

    operations = [
        migrations.RunPython(laad_gemeenten, migrations.RunPython.noop),
    ]
