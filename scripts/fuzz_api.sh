#!/usr/bin/env bash
# Fuzz the REST API from its own OpenAPI schema with schemathesis (all checks, fixed seed)
# against a scratch SQLite database, then prove from the reports that every operation was
# tested with at least FUZZ_MIN_CASES generated cases. Exits non-zero on any failure.
#   FUZZ_PORT (8151)  FUZZ_EXAMPLES (1000, max examples per operation)  FUZZ_MIN_CASES (1000)
#   FUZZ_ARGS (more `st run` options)  FUZZ_KEEP (a folder to copy the database and reports to)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
PY=${PY:-$repo/.venv/bin/python}
PORT=${FUZZ_PORT:-8151}
EXAMPLES=${FUZZ_EXAMPLES:-1000}
MIN_CASES=${FUZZ_MIN_CASES:-1000}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings_fuzz
export DATABASE_URL="sqlite:///$work/fuzz.sqlite3"
# Values fuzz_setup.py seeds, written into the served schema as examples (config/settings_fuzz.py).
export FUZZ_SEED_FILE="$work/seed.json"
"$PY" manage.py migrate --noinput -v0
"$PY" scripts/fuzz_setup.py "$work"
# gunicorn, not runserver: runserver's keep-alive answers wait ~40 ms each for a delayed ACK.
# No request-line limit: the fuzzer's long query strings are for the app to answer, not for
# gunicorn's own HTML 414 page.
"$(dirname "$PY")/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --worker-class gthread --threads 4 \
  --limit-request-line 0 --access-logfile - >"$work/server.log" 2>&1 &
server=$!

# One worker: the same seed then gives the same cases, and every operation gets its share
# (with two, Hypothesis in parallel threads stopped some operations after a dozen cases).
start=$(date +%s)
status=0
(cd "$work" && "$(dirname "$PY")/st" run "http://127.0.0.1:$PORT/api/schema/" \
  --checks all --max-examples "$EXAMPLES" --seed 1 --workers 1 --continue-on-failure --wait-for-schema 30 \
  --report junit,json,ndjson --report-dir "$work/report" --report-json-path "$work/st.json" \
  --report-ndjson-path "$work/events.ndjson" ${FUZZ_ARGS:-}) || status=$?
echo "schemathesis exit $status after $(( $(date +%s) - start )) s"
if grep -q "Traceback" "$work/server.log"; then
  echo "the server logged a traceback:"; grep -B2 -A30 "Traceback" "$work/server.log" | head -80
  status=1
fi
"$PY" scripts/fuzz_report.py "$work/st.json" "$work/events.ndjson" "$MIN_CASES" || status=1
if [ -n "${FUZZ_KEEP:-}" ]; then cp -r "$work" "$FUZZ_KEEP"; fi
exit "$status"
