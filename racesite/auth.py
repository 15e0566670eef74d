"""Login protection: django-axes' lockout check as an authentication backend."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a login while its username or address is locked out; the next backend checks the password.

    A call without a request (the test client's ``login()``, a shell) has no address to lock out and
    counts no failure, so it goes on to the password check, where axes would stop it with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
