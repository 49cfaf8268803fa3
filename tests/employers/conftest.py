import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A Welsh page fetched by one test leaves Welsh active in the thread; messages
    built outside a request (services, the file reader) are checked in English."""
    with translation.override("en"):
        yield
