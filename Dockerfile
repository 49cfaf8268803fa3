# One image for the web, worker and beat processes.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts ./scripts
COPY static ./static
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=cms_portal.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends gettext fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /app/static/build ./static/build
RUN pybabel compile --domain=django --directory=locale \
    && SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build ALLOWED_HOSTS=build \
       REDIS_URL=redis://build:6379/0 \
       python manage.py collectstatic --no-input
RUN useradd --create-home portal && chown -R portal /app
USER portal
EXPOSE 8000
CMD ["gunicorn", "cms_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
