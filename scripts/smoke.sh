#!/usr/bin/env bash
# The production smoke test: a fresh database with the demo data (loaded with local
# settings, as production refuses it), collectstatic and gunicorn with production
# settings, then scripts/smoke.py over HTTP and in Chromium. Used by .ci/run.
#   scripts/smoke.sh DATABASE_URL REDIS_URL PORT
set -euo pipefail
cd "$(dirname "$0")/.."
database_url=$1 redis_url=$2 port=$3
python=${PYTHON:-.venv/bin/python}
name=${database_url##*/}
admin_url=${database_url%/*}/postgres

"$python" - "$admin_url" "$name" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
echo "== smoke: database $(date +%T)"
export DATABASE_URL=$database_url
# A fresh password for this run's demo accounts; smoke.py signs in with it.
DEMO_PASSWORD=$("$python" -c "import secrets; print(secrets.token_urlsafe(12))")
export DEMO_PASSWORD
DJANGO_SETTINGS_MODULE=cms_portal.settings.local "$python" manage.py migrate -v0 --no-input
DJANGO_SETTINGS_MODULE=cms_portal.settings.local "$python" manage.py load_demo_data >/dev/null

export DJANGO_SETTINGS_MODULE=cms_portal.settings.production
export SECRET_KEY="smoke-$(date +%s%N)-not-for-production-use-only-for-this-run-of-ci"
export ALLOWED_HOSTS=localhost,127.0.0.1 REDIS_URL=$redis_url CELERY_BROKER_URL=$redis_url
# Chromium talks plain HTTP to localhost (where Secure cookies are allowed); the pretend
# proxy header makes the app see HTTPS, so the browser's origin must be trusted.
export CSRF_TRUSTED_ORIGINS=http://localhost:$port
static_root=$(mktemp -d)
export STATIC_ROOT=$static_root
echo "== smoke: collectstatic $(date +%T)"
"$python" manage.py collectstatic --no-input -v0
"$python" manage.py check --deploy --fail-level WARNING

log=$(mktemp)
"$(dirname "$python")/gunicorn" scripts.smoke_wsgi:application --bind "127.0.0.1:$port" \
  --workers 2 --access-logfile - >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$static_root"' EXIT
for _ in $(seq 1 60); do
  "$python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" \
    2>/dev/null && break
  sleep 0.5
done
echo "== smoke: server up $(date +%T)"
status=0
"$python" scripts/smoke.py "http://localhost:$port" --browser || status=$?
if [ $status -ne 0 ]; then echo "== gunicorn log"; tail -n 80 "$log"; fi
exit $status
