"""racesite settings, read from the environment.

Production is the default: DEBUG is off and SECRET_KEY is required. ``manage.py`` (the
developer's entry point) turns DEBUG on when the environment says nothing, so a fresh clone
runs with no environment at all; ``wsgi.py``/``asgi.py`` do not.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from racesite.env import cache_from_url, env_bool, env_int, env_list, proxy_ssl_header

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for the TemplatesSetting renderer below
    "django_tables2",
    "django_filters",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the site itself (no CDN: see the CSP)
    "results",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "racesite.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # before the CSRF check, which would read a too-big report's body and answer a bare 400
    "results.middleware.ReportTooBigMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: turns a locked-out login into its lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "racesite.urls"
WSGI_APPLICATION = "racesite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "results.context_processors.site",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so a template under templates/django/forms/ would override Django's (the filter
# selects write their own HTML: results.filters.Select).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; the timeout makes writers queue, not fail: long
    # enough for the biggest import (the Cup history, one transaction) to finish before the next writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_TIMEOUT", 120),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# How many proxies (a load balancer, a CDN) sit in front of the app servers: X-Forwarded-For is believed
# for them only, read from the right, so a visitor cannot choose the address counted against it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Login protection (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username, or
# from one address, logins from there are refused for LOGIN_LOCKOUT_MINUTES (a success clears the
# count). Attempts are kept in the database, so every app server process and machine sees them.
AUTHENTICATION_BACKENDS = ["racesite.auth.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind TRUSTED_PROXY_COUNT proxies every peer is a proxy: count failures per visitor, as the API's
# rate limits do, not per proxy (one guesser would lock every editor behind it out).
AXES_CLIENT_IP_CALLABLE = "racesite.auth.client_address"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Public pages are cached whole per results version (results/views/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Browsers and CDNs may reuse a page this long without asking; after that a conditional GET costs one
# query and answers 304 while the results are unchanged (results/views/http.py).
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 60)
# Part of every ETag and page-cache key; empty: a digest of the code (results.views.http.release).
RELEASE = os.environ.get("RELEASE", "")
# CACHE_URL=redis://host:6379/1 shares one cache between every app server (pages, API rate limits);
# unset, a file cache is shared by the worker processes of one machine.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""), BASE_DIR / ".cache")}
# Every key carries it: sites (or a benchmark) sharing one Redis keep apart.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "racesite")

# The read API (results/api/): anonymous, read-only JSON, throttled per client address in the shared cache.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["results.api.querying.VisitorRate"],
    "DEFAULT_PAGINATION_CLASS": "results.api.querying.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "racesite API",
    "DESCRIPTION": (
        "NASCAR results as JSON: series, seasons, races with results, drivers, tracks, teams and makes. "
        "Read-only and anonymous; lists are paged (?page=, ?page_size= up to 100) and filter and sort as "
        "the site's pages do. Historical results: DriverAverages.com via nascaR.data (GPL-3.0-or-later). "
        "For everything at once, download the data dumps from /data/."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI's deep links put a link inside each operation's button (axe-core: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
}

# A visitor's CSV export of a table stops at this many rows and points to the dumps; editors export any size.
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 10000)
# Exports of more than 2,000 rows stream this many at once (site-wide with Redis); others wait their turn.
EXPORT_SLOTS = env_int("EXPORT_SLOTS", 2)
# The data dumps (results/dumps.py): built once per results version, served as files. Servers behind one
# load balancer may share the folder or each build their own copy once.
DUMPS_DIR = os.environ.get("DUMPS_DIR", str(BASE_DIR / "dumps"))
# An admin import confirms a report of up to 5 MB (results.importers.decode.MAX_BYTES) by sending it
# back as form text, percent-encoded by the paste page (up to three characters a byte): Django's
# 2.5 MB default answered a 400 to the confirmation of any report over 2.5 MB. A body over it sent to
# an import page gets that page saying so, and the failure logged (results.middleware). Uploaded files
# do not count against it; past FILE_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB) they stream to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024

# Security: strict by default, relaxed only for local development.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Only a proxy that sets this header on every request (and strips a client's own) may be trusted with it:
# SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto when behind one, unset otherwise.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
