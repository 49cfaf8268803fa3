"""The employer's orders: a list that stays quick with thousands (paged, searchable,
sortable) and each order's page with its history of returns."""

from django.core.paginator import Paginator
from django.utils.translation import gettext

from ..models import OrderStatus
from ..presenters.common import pagination
from ..presenters.orders import (
    order_summary_rows,
    order_table_head,
    order_table_rows,
    return_table_head,
    return_table_rows,
    status_tag,
)
from ..selectors import (
    DEFAULT_ORDER_SORT,
    ORDER_SORTS,
    order_for,
    order_rows,
    orders_for,
    returns_for_order,
)
from .access import employer_page, render_employer_page

ORDERS_PER_PAGE = 25
RETURNS_PER_PAGE = 24


@employer_page
def order_list(request):
    search = " ".join(request.GET.get("q", "").split())[:100]
    sort = request.GET.get("sort", DEFAULT_ORDER_SORT)
    sort = sort if sort in ORDER_SORTS else DEFAULT_ORDER_SORT
    status = request.GET.get("status", "")
    status = status if status in OrderStatus.values else ""
    page = Paginator(
        orders_for(request.membership, search=search, sort=sort, status=status), ORDERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    status_items = [{"value": "", "text": gettext("All"), "selected": not status}] + [
        {"value": value, "text": label, "selected": value == status}
        for value, label in OrderStatus.choices
    ]
    return render_employer_page(
        request,
        "employers/orders.html",
        {
            "search": search,
            "status_items": status_items,
            "head": order_table_head(search=search, status=status, sort=sort),
            "rows": order_table_rows(order_rows(page.object_list)),
            "page": page,
            "pagination": pagination(page, q=search, status=status, sort=sort),
            "column_width": "full",
        },
    )


@employer_page
def order_detail(request, reference):
    order = order_for(request.membership, reference)
    page = Paginator(returns_for_order(order), RETURNS_PER_PAGE).get_page(request.GET.get("page"))
    return render_employer_page(
        request,
        "employers/order_detail.html",
        {
            "order": order,
            "status": status_tag(order),
            "summary_rows": order_summary_rows(order),
            "return_head": return_table_head(),
            "return_rows": return_table_rows(page.object_list),
            "pagination": pagination(page),
            "column_width": "full",
        },
    )
