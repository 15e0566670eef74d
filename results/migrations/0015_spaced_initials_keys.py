"""Name keys now join spaced initials ("A. J. Allmendinger" is "A.J. Allmendinger"): rewrite the stored
keys. A record whose new key another record, or another record's alias, already holds keeps its old
key (the two are one name written twice: an editor merges them), so the migration never fails on a
database that has both."""

from django.db import migrations

from results.names import name_key

# a model and its aliases share one set of keys: the importer takes a name's key for the record's
# before an alias's, so a record rekeyed onto another's alias would take that alias's spellings
MODELS = {
    "Driver": "DriverAlias",
    "DriverAlias": "Driver",
    "Team": "TeamAlias",
    "TeamAlias": "Team",
    "Track": "TrackAlias",
    "TrackAlias": "Track",
    "Manufacturer": None,
}


def rekey(apps, schema_editor):
    for name, partner in MODELS.items():
        model = apps.get_model("results", name)
        taken = set(model.objects.values_list("key", flat=True))
        if partner:
            taken |= set(apps.get_model("results", partner).objects.values_list("key", flat=True))
        for pk, record_name, key in model.objects.values_list("pk", "name", "key").iterator():
            new = name_key(record_name)
            if new != key and new not in taken:
                model.objects.filter(pk=pk).update(key=new)
                taken.discard(key)
                taken.add(new)


class Migration(migrations.Migration):
    dependencies = [("results", "0014_standings")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
