from django.db import migrations, models

import results.models.version


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0012_driver_series"),
    ]

    operations = [
        migrations.AddField(
            model_name="dataversion",
            name="changed_at",
            field=models.DateTimeField(default=results.models.version.this_second),
        ),
    ]
