"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True)


def test_check_deploy_is_clean_with_production_environment():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-value",
        ALLOWED_HOSTS="racesite.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_needs_no_environment():
    assert manage("check").returncode == 0


def test_no_model_change_lacks_a_migration():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout


def setting(name, **env):
    result = manage("shell", "--no-imports", "-c", f"from django.conf import settings; print(settings.{name})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_forwarded_proto_header_is_trusted_only_when_the_operator_says_a_proxy_sets_it():
    assert setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert setting("SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto") == str(
        ("HTTP_X_FORWARDED_PROTO", "https")
    )
    assert manage("check", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https").returncode != 0


def test_cache_url_chooses_redis_and_its_absence_the_file_cache():
    assert "FileBasedCache" in setting("CACHES['default']['BACKEND']")
    redis = "redis://127.0.0.1:6379/1"
    assert "RedisCache" in setting("CACHES['default']['BACKEND']", CACHE_URL=redis)
    assert setting("CACHES['default']['LOCATION']", CACHE_URL=redis) == redis
    assert setting("CACHES['default']['KEY_PREFIX']", CACHE_KEY_PREFIX="site-b") == "site-b"
    refused = manage("check", CACHE_URL="memcached://127.0.0.1")
    assert refused.returncode != 0 and "CACHE_URL must start with redis://" in refused.stderr
