"""Who can reach which employer page. Another employer's orders, returns, payments,
uploads, leaver reports and team are 404; parents cannot reach employer pages, and
employers cannot reach case pages; members cannot change the team."""

from django.urls import reverse


def test_another_employers_objects_are_not_found(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    for url in employer_world.other_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url


def test_the_other_employer_cannot_see_ours(employer_world, employer_client):
    client = employer_client(employer_world.other_admin)
    for url in employer_world.object_urls:
        assert client.get(url).status_code == 404, url


def test_list_pages_only_show_the_employers_own_orders(employer_world, employer_client):
    page = employer_client(employer_world.other_admin).get(reverse("employers:orders"))
    assert employer_world.active.reference.encode() not in page.content
    assert employer_world.other_order.reference.encode() in page.content


def test_a_parent_cannot_reach_employer_pages(employer_world, signed_in_client):
    parent = employer_world.active.employee.user
    client = signed_in_client(parent)
    response = client.get(reverse("employers:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("employers:activate")
    for url in employer_world.urls[1:]:
        assert client.get(url).status_code == 404, url


def test_an_employer_cannot_reach_the_employees_case(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    case = employer_world.active.case
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert client.get(url).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(employer_world, anonymous_client):
    for url in employer_world.urls + [reverse("employers:activate")]:
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_a_member_cannot_change_the_team(employer_world, employer_client):
    client = employer_client(employer_world.member)
    assert client.get(reverse("employers:team")).status_code == 200
    admin_only = [
        url for url in employer_world.urls if "/team/" in url and url != reverse("employers:team")
    ]
    for url in admin_only:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"email": "x@example.com", "role": "admin"}).status_code == 404, url


def test_employer_admins_must_have_completed_two_step_verification(
    employer_world, signed_in_client
):
    response = signed_in_client(employer_world.admin).get(reverse("employers:dashboard"))
    assert response.status_code == 302 and "/2fa/" in response["Location"]


def test_the_order_page_shows_only_what_the_employer_needs(employer_world, employer_client):
    order = employer_world.active
    body = (
        employer_client(employer_world.admin)
        .get(reverse("employers:order_detail", kwargs={"reference": order.reference}))
        .content.decode()
    )
    employee = order.employee
    assert employee.full_name in body and order.payroll_number in body
    assert "XX XX XX 56 C" in body and employee.national_insurance_number not in body
    receiving = order.case.parties.get(role="receiving")
    for secret in (
        order.case.reference,
        receiving.full_name,
        employee.address_line_1,
        employee.postcode,
        employee.bank_account_number,
        employee.email,
        employee.phone,
    ):
        assert secret not in body, secret
    for child in order.case.children.all():
        assert child.full_name not in body
