from django.db import migrations

from ens.core.site import write_site_config


def create_site_config(apps, schema_editor):
    write_site_config(apps.get_model("dsfr", "DsfrConfig"))


class Migration(migrations.Migration):
    dependencies = [("dsfr", "0012_dsfrconfig_notice_description_and_more")]

    operations = [migrations.RunPython(create_site_config, migrations.RunPython.noop)]
