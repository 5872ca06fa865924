from django.urls import path

from . import views

app_name = "leaving_care"
CHILD = "<uuid:child_uuid>/"
PLAN = f"{CHILD}pathway-plans/<uuid:pathway_plan_uuid>/"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path(f"{CHILD}personal-adviser/", views.adviser_allocate, name="adviser_allocate"),
    path(f"{CHILD}details/", views.details_edit, name="details_edit"),
    path(f"{CHILD}pathway-plans/new/", views.plan_new, name="plan_new"),
    path(PLAN, views.plan, name="plan"),
    path(f"{PLAN}reviews/new/", views.plan_review, name="plan_review"),
    path(f"{CHILD}keeping-in-touch/new/", views.keep_in_touch_new, name="keep_in_touch_new"),
    path(f"{CHILD}end/", views.support_end, name="support_end"),
]
