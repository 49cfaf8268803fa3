from decimal import Decimal

from django.urls import reverse

from cases.selectors import current_decision


def test_dashboard_lists_each_case_with_role_and_amount(
    signed_in_client, paying_parent, family_case
):
    response = signed_in_client(paying_parent).get(reverse("cases:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Paying parent" in html
    assert "Read your new decision" in html
    assert " ".join(family_case.reference[i : i + 3] for i in range(0, 12, 3)) in html


def test_case_page_shows_children_amount_and_explanation(
    signed_in_client, paying_parent, family_case
):
    response = signed_in_client(paying_parent).get(
        reverse("cases:detail", kwargs={"reference": family_case.reference})
    )
    assert response.status_code == 200
    html = response.content.decode()
    decision = current_decision(family_case)
    assert "How we worked this out" in html
    assert f"£{decision.weekly_amount}" in html
    assert "Your gross weekly income is £500.00." in html
    assert decision.challenge_by.strftime("%-d") in html
    assert "Child " in html


def test_case_page_in_welsh_renders_the_explanation_in_welsh(
    signed_in_client, paying_parent, family_case
):
    response = signed_in_client(paying_parent).get(f"/cy/account/cases/{family_case.reference}/")
    assert response.status_code == 200
    assert "Eich incwm wythnosol gros yw £500.00." in response.content.decode()


def test_receiving_parent_sees_own_share(signed_in_client, make_case, make_user):
    first = make_user()
    case = make_case(
        receiving_users=[first, make_user()], receiving_parents=2, income=Decimal("850.00")
    )
    decision = current_decision(case)
    mine = case.parties.get(user=first)
    html = (
        signed_in_client(first)
        .get(reverse("cases:detail", kwargs={"reference": case.reference}))
        .content.decode()
    )
    weekly_row = html.split("Weekly amount", 1)[1].split("</dd>", 1)[0]
    assert f"£{decision.weekly_amount_for(mine)}" in weekly_row
    assert decision.weekly_amount_for(mine) < decision.weekly_amount
    # The steps are worded for the receiving parent, with no disclaimer needed.
    assert "The paying parent’s gross weekly income is" in html.replace("&#39;", "’").replace(
        "'", "’"
    )
    assert "‘you’ means the paying parent" not in html
    assert "Paying parent" in html


def test_dashboard_opens_in_the_parents_language_once(make_case, make_user, signed_in_client):
    user = make_user(preferred_language="cy")
    make_case(paying_user=user)
    client = signed_in_client(user)
    first = client.get(reverse("cases:dashboard"))
    assert first.status_code == 302 and first["Location"] == "/cy/account/"
    assert 'lang="cy"' in client.get(first["Location"]).content.decode()
    # Choosing English afterwards is respected.
    assert client.get("/account/").status_code == 200


def test_dashboard_without_cases_offers_activation(make_user, signed_in_client):
    html = signed_in_client(make_user()).get(reverse("cases:dashboard")).content.decode()
    assert "not linked to a case yet" in html
    assert reverse("cases:activate") in html
