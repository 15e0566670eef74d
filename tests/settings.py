"""Settings for the test suite: production settings with a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")

from racesite.settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Live-server threads must not keep connections open past a test: PostgreSQL cannot drop a busy test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests see fresh pages; tests/test_page_cache.py turns the cache on where it is the subject.
PAGE_CACHE_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The API's rate limit is the subject of one test (tests/test_api.py), not a limit on the others.
API_ANON_RATE = "100000/minute"
