"""Every employer page works in English and Welsh (the page-quality check runs on each)."""

import pytest


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_employer_page_renders(employer_world, employer_client, prefix):
    client = employer_client(employer_world.admin)
    for url in employer_world.urls:
        response = client.get(prefix + url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
