#!/usr/bin/env bash
# Two app nodes behind no balancer (NODE_PORTS, default 8261 and 8262), a Celery worker and
# celery beat, on DATABASE_URL (PostgreSQL) and REDIS_URL: what `make nodes` starts.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}" "${REDIS_URL:?set REDIS_URL}"
export DJANGO_SETTINGS_MODULE=tests.scale.settings_node DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-nodes-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')}"
createdb -h 127.0.0.1 -U postgres "${DATABASE_URL##*/}" 2>/dev/null || true
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_foods
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
for port in ${NODE_PORTS:-8261 8262}; do
  .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 & pids+=($!)
done
.venv/bin/celery -A config worker --pool=solo --loglevel=INFO & pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO --schedule /tmp/magnesium-celerybeat-schedule & pids+=($!)
wait
