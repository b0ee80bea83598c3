"""Static files in development: WhiteNoise serves them from the app folders, and a fresh
clone (no collectstatic, so no staticfiles/ folder) starts without a warning."""

import os
import subprocess
import sys

from django.conf import settings

# What runserver and gunicorn do first: build the WSGI application, which builds the
# middleware, WhiteNoise included. Any warning becomes an error and the exit code says so.
BUILD_APP = "import config.wsgi"


def build_app(settings_module: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", BUILD_APP], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_development_app_starts_without_a_staticfiles_folder_warning():
    result = build_app("config.settings", settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    assert "No directory at" not in result.stderr


def test_development_settings_name_no_static_root_for_whitenoise_to_look_in():
    # WhiteNoise warns about any STATIC_ROOT that does not exist; in a fresh clone none does.
    assert settings.STATIC_ROOT is None
    assert settings.WHITENOISE_USE_FINDERS


def test_production_settings_collect_into_staticfiles(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings_production")
    script = "import config.settings_production as s; print(s.STATIC_ROOT)"
    env = {**os.environ, "DJANGO_SECRET_KEY": "p" * 45 + "-Zq8!x", "DJANGO_ALLOWED_HOSTS": "mg.example.org"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(settings.BASE_DIR / "staticfiles")
