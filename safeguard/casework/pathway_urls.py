from django.urls import path

from . import views

CHILD = "<uuid:child_uuid>/"

urlpatterns = [
    path(f"{CHILD}assessments/new/", views.assessment_new, name="assessment_new"),
    path(f"{CHILD}assessments/<uuid:assessment_uuid>/", views.assessment, name="assessment"),
    path(f"{CHILD}assessments/<uuid:assessment_uuid>/edit/", views.assessment_edit, name="assessment_edit"),
    path(f"{CHILD}assessments/<uuid:assessment_uuid>/submit/", views.assessment_submit, name="assessment_submit"),
    path(
        f"{CHILD}assessments/<uuid:assessment_uuid>/authorise/",
        views.assessment_authorise,
        name="assessment_authorise",
    ),
    path(f"{CHILD}strategy-discussions/new/", views.strategy_new, name="strategy_new"),
    path(f"{CHILD}strategy-discussions/<uuid:discussion_uuid>/", views.strategy, name="strategy"),
    path(
        f"{CHILD}strategy-discussions/<uuid:discussion_uuid>/information/",
        views.strategy_information,
        name="strategy_information",
    ),
    path(f"{CHILD}enquiries/<uuid:enquiry_uuid>/complete/", views.enquiry_complete, name="enquiry_complete"),
    path(f"{CHILD}conferences/<uuid:conference_uuid>/", views.conference, name="conference"),
    path(f"{CHILD}conferences/<uuid:conference_uuid>/record/", views.conference_record, name="conference_record"),
    path(
        f"{CHILD}conferences/<uuid:conference_uuid>/information/",
        views.conference_information,
        name="conference_information",
    ),
    path(f"{CHILD}plans/<uuid:plan_uuid>/", views.plan, name="plan"),
    path(f"{CHILD}plans/<uuid:plan_uuid>/core-groups/new/", views.core_group_new, name="core_group_new"),
    path(f"{CHILD}plans/<uuid:plan_uuid>/end/", views.plan_end, name="plan_end"),
    path(f"{CHILD}cin-plans/new/", views.cin_plan_new, name="cin_plan_new"),
    path(f"{CHILD}cin-plans/<uuid:cin_plan_uuid>/", views.cin_plan, name="cin_plan"),
    path(f"{CHILD}cin-plans/<uuid:cin_plan_uuid>/reviews/new/", views.cin_review_new, name="cin_review_new"),
    path(f"{CHILD}cin-plans/<uuid:cin_plan_uuid>/end/", views.cin_plan_end, name="cin_plan_end"),
    path(f"{CHILD}notes/new/", views.note_new, name="note_new"),
    path(f"{CHILD}notes/<uuid:note_uuid>/", views.note, name="note"),
    path(f"{CHILD}actions/<uuid:action_uuid>/complete/", views.action_complete, name="action_complete"),
    path(
        f"{CHILD}strategy-discussions/<uuid:discussion_uuid>/participants/",
        views.strategy_participants,
        name="strategy_participants",
    ),
    path(
        f"{CHILD}strategy-discussions/<uuid:discussion_uuid>/actions/new/",
        views.strategy_action_new,
        name="strategy_action_new",
    ),
    path(
        f"{CHILD}conferences/<uuid:conference_uuid>/participants/",
        views.conference_participants,
        name="conference_participants",
    ),
    path(
        f"{CHILD}conferences/<uuid:conference_uuid>/actions/new/",
        views.conference_action_new,
        name="conference_action_new",
    ),
    # Its own converter name: the walk's parameters are shared by every app (partnership has
    # an ``action_uuid`` too).
    path(f"{CHILD}actions/<uuid:meeting_action_uuid>/edit/", views.action_edit, name="action_edit"),
    path(
        f"{CHILD}conferences/<uuid:conference_uuid>/invitations/new/",
        views.conference_invite,
        name="conference_invite",
    ),
    path(f"{CHILD}invitations/<uuid:invitation_uuid>/report/", views.conference_report, name="conference_report"),
    path(f"{CHILD}core-groups/<uuid:core_group_uuid>/", views.core_group, name="core_group"),
    path(f"{CHILD}closures/new/", views.closure_new, name="closure_new"),
    path(f"{CHILD}closures/<uuid:closure_uuid>/authorise/", views.closure_authorise, name="closure_authorise"),
    path(f"{CHILD}closures/<uuid:closure_uuid>/reopen/", views.closure_reopen, name="closure_reopen"),
    path(f"{CHILD}referrals/<uuid:referral_uuid>/no-further-action/", views.referral_nfa, name="referral_nfa"),
    path(f"{CHILD}emergency-protection/new/", views.protection_new, name="protection_new"),
    path(f"{CHILD}emergency-protection/<uuid:protection_uuid>/edit/", views.protection_edit, name="protection_edit"),
]
