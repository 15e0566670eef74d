"""Name keys now join spaced initials ("A. J. Allmendinger" is "A.J. Allmendinger"): rewrite the stored
keys. A record whose new key another record already holds keeps its old key (the two are one name
written twice: an editor merges them), so the migration never fails on a database that has both."""

from django.db import migrations

from results.names import name_key

MODELS = ["Driver", "DriverAlias", "Team", "TeamAlias", "Track", "TrackAlias", "Manufacturer"]


def rekey(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("results", name)
        taken = set(model.objects.values_list("key", flat=True))
        for pk, record_name, key in model.objects.values_list("pk", "name", "key").iterator():
            new = name_key(record_name)
            if new != key and new not in taken:
                model.objects.filter(pk=pk).update(key=new)
                taken.discard(key)
                taken.add(new)


class Migration(migrations.Migration):
    dependencies = [("results", "0014_standings")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
