"""Someone guesses an editor's password: after a few failures, even the right one is refused for a while."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password, username="edna"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_repeated_wrong_passwords_lock_the_account_out(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "guess").status_code == 200  # the login form again, with its error
    locked = attempt(client, "guess")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert attempt(client, "pw").status_code == 429  # the right password, too late
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="edna").failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_a_few_mistakes_then_the_right_password_get_in_and_start_the_count_again(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "guess")
    assert attempt(client, "pw").status_code == 302
    assert not AccessAttempt.objects.filter(username="edna").exists()


def test_the_test_client_still_logs_in(client, django_user_model, db):
    django_user_model.objects.create_user("eve", password="pw", is_staff=True).groups.add(
        Group.objects.get(name="Editors")
    )
    assert client.login(username="eve", password="pw")
    assert client.get("/admin/results/driver/").status_code == 200


def test_a_lockout_holds_in_another_browser_too(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "guess")
    # kept in the database (not a per-process cache), so every app server sees it
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert attempt(Client(), "pw").status_code == 429


def from_visitor(address):
    """A browser behind the site's load balancer (10.0.0.1), which forwards the visitor's address."""
    return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)


def test_behind_a_proxy_one_guesser_does_not_lock_out_every_editor(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = from_visitor("203.0.113.5")
    for number in range(settings.AXES_FAILURE_LIMIT):  # a new username each time: only the address adds up
        attempt(guesser, "guess", username=f"admin{number}")
    assert attempt(guesser, "pw").status_code == 429
    assert attempt(from_visitor("198.51.100.7"), "pw").status_code == 302


def test_behind_a_proxy_a_guesser_cannot_choose_the_address_counted(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):  # a forged first hop each time; the proxy appends the real one
        attempt(from_visitor(f"192.0.2.{number}, 203.0.113.5"), "guess", username=f"admin{number}")
    assert attempt(from_visitor("203.0.113.5"), "pw").status_code == 429
