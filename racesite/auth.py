"""Login protection: django-axes' lockout check as an authentication backend."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a login while its username or address is locked out; the next backend checks the password.

    A call without a request (the test client's ``login()``, a shell) has no address to lock out and
    counts no failure, so it goes on to the password check, where axes would stop it with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """The visitor's address, as the API's rate limits read it (DRF's ``NUM_PROXIES`` rule): the peer's,
    or with ``TRUSTED_PROXY_COUNT`` proxies in front, the address X-Forwarded-For gives that many hops
    from its right end; what the visitor wrote further left is not believed."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not settings.TRUSTED_PROXY_COUNT or not forwarded:
        return peer
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(settings.TRUSTED_PROXY_COUNT, len(hops))] or peer
