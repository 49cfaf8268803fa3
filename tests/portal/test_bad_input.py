"""Input Django cannot read, and NUL characters, are answered before any view or query
sees them; values too big for a column are "not a valid choice"."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.forms import Form, ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpResponse
from django.test import RequestFactory

from cms_portal.middleware import RequestInputMiddleware

TOO_MANY = "&".join(f"f{index}=1" for index in range(1001))


def _no_errors_logged(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR or record.exc_info
    ] == []


@pytest.mark.parametrize(
    "path,words",
    [
        ("/", "We could not understand what your browser sent"),
        ("/cy/", "Nid oeddem yn gallu deall yr hyn a anfonodd eich porwr"),
    ],
)
def test_too_many_fields_is_a_400_page_in_english_and_welsh(
    db, anonymous_client, caplog, path, words
):
    for response in (
        anonymous_client.get(f"{path}?{TOO_MANY}"),
        anonymous_client.post(
            f"{path}cookies/", TOO_MANY, content_type="application/x-www-form-urlencoded"
        ),
    ):
        assert response.status_code == 400
        assert words in response.content.decode()
    assert _no_errors_logged(caplog)


def test_too_many_fields_never_runs_the_view(caseworker_client, caseworker):
    # A view that acts on an empty form (sign out everywhere) must not run either.
    response = caseworker_client.post(
        "/accounts/logout/", TOO_MANY, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert caseworker_client.get("/your-account/").status_code == 200


def test_nul_is_removed_from_every_value_before_a_view_sees_it():
    seen = {}

    def view(request):
        seen.update(
            get=request.GET.lists(),
            post=request.POST.lists(),
            cookie=request.COOKIES.get("sessionid"),
            agent=request.headers["User-Agent"],
        )
        return HttpResponse()

    request = RequestFactory().post(
        "/x/?q=%00a&all=b%00c",
        {"name\x00": ["d\x00", "e"]},
        HTTP_USER_AGENT="agent\x00",
        HTTP_COOKIE='sessionid="ab\\000cd"',
    )
    RequestInputMiddleware(view)(request)
    assert dict(seen["get"]) == {"q": ["a"], "all": ["bc"]}
    assert dict(seen["post"]) == {"name": ["d", "e"]}
    assert seen["cookie"] == "abcd" and seen["agent"] == "agent"


@pytest.mark.postgres
def test_nul_in_the_employer_orders_search_is_not_a_server_error(
    employer_world, employer_client, caplog
):
    client = employer_client(employer_world.admin)
    for query in ("q=%00", "all=%00", "q=a%00b&status=%00"):
        assert client.get(f"/employer/orders/?{query}").status_code == 200
    assert _no_errors_logged(caplog)


def test_nul_in_a_path_is_not_found(db, anonymous_client):
    assert anonymous_client.get("/employer/orders/%00/").status_code in (302, 404)


class GroupForm(Form):
    one = ModelChoiceField(Group.objects.all(), required=False)
    many = ModelMultipleChoiceField(Group.objects.all(), required=False)


@pytest.mark.parametrize("value", ["99999999999999999999999999", "-99999999999999999999999999"])
def test_an_id_too_big_for_its_column_is_not_a_valid_choice(db, value):
    form = GroupForm({"one": value, "many": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


def test_an_admin_date_drill_down_beyond_any_year_is_a_bad_filter(caseworker_client, caplog):
    response = caseworker_client.get("/admin/employers/deductionreturn/?pay_date__year=" + "9" * 30)
    assert response.status_code == 302 and "e=1" in response["Location"]
    assert _no_errors_logged(caplog)
