from django.urls import path

from . import views

app_name = "care"

CHILD = "<uuid:child_uuid>/"

urlpatterns = [
    path("team/", views.team, name="team"),
    path("carers/", views.carers, name="carers"),
    path("carers/new/", views.carer_new, name="carer_new"),
    path("carers/<uuid:carer_uuid>/edit/", views.carer_edit, name="carer_edit"),
    path(f"{CHILD}", views.record, name="record"),
    path(f"{CHILD}start/", views.start, name="start"),
    path(f"{CHILD}change/", views.change, name="change"),
    path(f"{CHILD}end/", views.end, name="end"),
    path(f"{CHILD}iro/", views.iro, name="iro"),
    path(f"{CHILD}reviews/new/", views.review_new, name="review_new"),
    path(f"{CHILD}reviews/bring-forward/", views.review_bring_forward, name="review_bring_forward"),
    path(f"{CHILD}visits/new/", views.visit_new, name="visit_new"),
    path(f"{CHILD}plans/new/", views.plan_new, name="plan_new"),
    path(f"{CHILD}short-breaks/new/", views.short_break_agreement_new, name="short_break_agreement_new"),
    path(f"{CHILD}health/", views.health, name="health"),
    path(f"{CHILD}health/new/", views.health_new, name="health_new"),
    path(f"{CHILD}health/sdq/new/", views.sdq_new, name="sdq_new"),
    path(f"{CHILD}education/", views.education, name="education"),
    path(f"{CHILD}education/new/", views.pep_new, name="pep_new"),
    path(f"{CHILD}uasc/", views.uasc, name="uasc"),
    path(f"{CHILD}permanence-before/", views.permanence_before, name="permanence_before"),
    path(f"{CHILD}outcomes/<int:year>/", views.outcomes, name="outcomes"),
    path(f"{CHILD}liberty-orders/new/", views.liberty_order, name="liberty_order_new"),
    path(f"{CHILD}liberty-orders/<uuid:order_uuid>/", views.liberty_order, name="liberty_order"),
]
