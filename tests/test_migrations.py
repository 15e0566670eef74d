"""An operator migrates a database that holds what the old code stored."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = [("results", "0014_standings")], [("results", "0015_spaced_initials_keys")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_spaced_initials_are_rekeyed_without_taking_another_s_name_or_spelling():
    apps = migrate(BEFORE)
    Driver, DriverAlias = apps.get_model("results", "Driver"), apps.get_model("results", "DriverAlias")

    def driver(name, key):
        return Driver.objects.create(name=name, slug=key.replace(" ", "-"), key=key, hometown="")

    history = driver("A.J. Allmendinger", "aj allmendinger")
    wikipedia = driver("A. J. Allmendinger", "a j allmendinger")  # one man imported twice: an editor merges
    foyt = driver("A. J. Foyt", "a j foyt")
    mcduffie = driver("J. D. McDuffie", "j d mcduffie")
    bob = driver("Bob Smith", "bob smith")
    DriverAlias.objects.create(name="J.D. McDuffie", key="jd mcduffie", driver=bob)  # an editor's choice
    try:
        apps = migrate(AFTER)
        keys = dict(apps.get_model("results", "Driver").objects.values_list("pk", "key"))
        assert keys[foyt.pk] == "aj foyt"
        assert (keys[history.pk], keys[wikipedia.pk]) == ("aj allmendinger", "a j allmendinger")
        assert keys[mcduffie.pk] == "j d mcduffie"  # "J.D. McDuffie" still reads as the editor's Bob Smith
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
