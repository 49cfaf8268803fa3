"""The caseworker queue's admin pages moved from cases to casework; old addresses answer
with a permanent redirect to the same page, in either language, query kept."""

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/cases/workitem/", "/admin/casework/workitem/"),
        ("/admin/cases/workitem/12/change/", "/admin/casework/workitem/12/change/"),
        ("/cy/admin/cases/workitem/?status=open", "/cy/admin/casework/workitem/?status=open"),
    ],
)
def test_old_queue_addresses_redirect_to_the_casework_admin(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
