"""The demo staff: one role each, none a superuser, loaded twice without change."""

from nonprod.demo import staff as portal_demo


def test_demo_staff_have_one_role_each_and_none_is_a_superuser(db):
    portal_demo.load()
    portal_demo.load()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    assert not users.filter(is_superuser=True).exists()
    for email, role in (
        (portal_demo.CASEWORKER_EMAIL, "caseworker"),
        (portal_demo.TEAM_LEADER_EMAIL, "team leader"),
        (portal_demo.FINANCE_EMAIL, "finance"),
    ):
        user = users.get(email=email)
        assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [role]
