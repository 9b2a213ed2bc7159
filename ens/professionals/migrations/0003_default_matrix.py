from django.db import migrations


def load_default_matrix(apps, schema_editor):
    from ens.professionals.matrix import default_rules

    HabilitationRule = apps.get_model("professionals", "HabilitationRule")
    HabilitationRule.objects.bulk_create(default_rules(HabilitationRule), ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("professionals", "0002_habilitation")]

    operations = [migrations.RunPython(load_default_matrix, migrations.RunPython.noop)]
