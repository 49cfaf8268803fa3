"""Helpers for the data request tests: preparing a copy as the Celery task would (eagerly,
on commit) and reading back every file in the ZIP."""

import io
import zipfile

import pytest
from django.urls import reverse


@pytest.fixture(autouse=True)
def _english_between_tests():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def prepare_copy(django_capture_on_commit_callbacks):
    """Ask for a copy as `user` and run the task that prepares it; the request, refreshed."""
    from data_requests import services

    def prepare(user):
        with django_capture_on_commit_callbacks(execute=True):
            data_request, _created = services.request_data_copy(acting_user=user)
        data_request.refresh_from_db()
        return data_request

    return prepare


def zip_members(data_request):
    """{name: bytes} for every file in the request's ZIP, uncompressed."""
    with data_request.file.open("rb") as stored:
        data = stored.read()
    return members_of(data)


def members_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def start_url(prefix=""):
    return prefix + reverse("data_requests:start")


def status_url(data_request, prefix=""):
    return prefix + reverse("data_requests:status", kwargs={"request_id": data_request.public_id})


def download_url(data_request, prefix=""):
    return prefix + reverse("data_requests:download", kwargs={"request_id": data_request.public_id})
