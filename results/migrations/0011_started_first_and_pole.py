from django.db import migrations, models


class Migration(migrations.Migration):
    """Summary totals call a start from first place what it is; entries keep a pole flag when a report gives one."""

    dependencies = [
        ("results", "0010_editors_import_revert"),
    ]

    operations = [
        migrations.RenameField(model_name="driverseason", old_name="poles", new_name="started_first"),
        migrations.RenameField(model_name="groupseason", old_name="poles", new_name="started_first"),
        migrations.RenameField(model_name="groupdriver", old_name="poles", new_name="started_first"),
        migrations.AddField(
            model_name="entry",
            name="pole",
            field=models.BooleanField(
                default=False,
                db_default=False,
                help_text="Won the pole, as the report says. Starting first is not the same: a grid set by owner points after a rained-out qualifying has no pole winner.",
            ),
        ),
    ]
