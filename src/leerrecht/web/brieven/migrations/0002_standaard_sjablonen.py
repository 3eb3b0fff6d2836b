"""Give every existing school the shipped letter templates (new schools get them on creation)."""

from django.db import migrations

from leerrecht.web.brieven.standaard import STANDAARD


def standaard_sjablonen(apps, schema_editor):
    School = apps.get_model("scholen", "School")
    BriefSjabloon = apps.get_model("brieven", "BriefSjabloon")
    for school in School.objects.all():
        for values in STANDAARD:
            defaults = {k: v for k, v in values.items() if k != "naam"}
            BriefSjabloon.objects.get_or_create(
                school=school, naam=values["naam"], defaults=defaults
            )


class Migration(migrations.Migration):
    dependencies = [("brieven", "0001_initial")]

    operations = [migrations.RunPython(standaard_sjablonen, migrations.RunPython.noop)]
