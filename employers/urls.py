from django.urls import path

from .views import (
    activation,
    confirmation,
    dashboard,
    leavers,
    orders,
    payments,
    returns,
    team,
    uploads,
)

app_name = "employers"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("activate/", activation.activate, name="activate"),
    path("activate/done/", activation.activated, name="activated"),
    path("choose/", dashboard.choose, name="choose"),
    path("messages/", dashboard.messages, name="messages"),
    path("done/", confirmation.done, name="done"),
    path("invitations/<str:token>/", activation.accept_invitation, name="accept_invitation"),
    path("joined/", activation.joined, name="joined"),
    path("team/", team.team, name="team"),
    path("team/invite/", team.invite, name="invite"),
    path("team/invitations/<str:public_id>/sent/", team.invitation_sent, name="invitation_sent"),
    path("team/invitations/<str:public_id>/cancel/", team.withdraw_invitation, name="withdraw_invitation"),
    path("team/<str:public_id>/remove/", team.remove_member, name="remove_member"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/<str:reference>/", orders.order_detail, name="order_detail"),
    path("orders/<str:reference>/report/", returns.report_return, name="report_return"),
    path("orders/<str:reference>/report/check/", returns.check_return, name="check_return"),
    path("orders/<str:reference>/leaver/", leavers.report_leaver, name="report_leaver"),
    path("leavers/<str:public_id>/", leavers.leaver_reported, name="leaver_reported"),
    path("returns/<str:public_id>/", returns.return_filed, name="return_filed"),
    path("schedule/", returns.schedule_start, name="schedule_start"),
    path("schedule/<str:frequency>/<str:pay_date>/", returns.schedule, name="schedule"),
    path("schedule/<str:frequency>/<str:pay_date>/check/", returns.check_schedule, name="check_schedule"),
    path("upload/", uploads.upload, name="upload"),
    path("upload/template.csv", uploads.upload_template, name="upload_template"),
    path("upload/<str:public_id>/", uploads.upload_done, name="upload_done"),
    path("pay/", payments.pay, name="pay"),
    path("pay/<str:month>/", payments.pay_month, name="pay_month"),
    path("payments/", payments.payments, name="payments"),
    path("payments/<str:public_id>/", payments.payment_detail, name="payment_detail"),
    path("not-reported/<str:month>/", payments.missing_returns, name="missing_returns"),
]
