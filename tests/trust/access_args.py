"""Which world object fills each route parameter, decided by the route's prefix and the
parameter's name, so a rule only names its exceptions. "@key" is a world object's pk."""

PREFIX_ARGS = [
    # (route prefix, {parameter: value}); the longest matching prefix wins, then the defaults.
    ("admin/snippets/tenants/municipality/", {"pk": "@municipality"}),
    ("admin/snippets/choose/tenants/municipality/", {"pk": "@municipality"}),
    ("admin/snippets/network/consultationwindow/", {"pk": "@window", "revision_id": "@window_revision"}),
    ("admin/snippets/choose/network/consultationwindow/", {"pk": "@window"}),
    ("admin/snippets/network/organisation/", {
        "pk": "@organisation", "revision_id": "@organisation_revision", "task_state_id": "@org_task_state",
        "workflow_state_id": "@org_workflow_state", "task_id": "@org_task", "action_name": "approve"}),
    ("admin/snippets/choose/network/organisation/", {"pk": "@organisation"}),
    ("admin/snippets/agreements/agreement/", {"pk": "@agreement"}),
    ("admin/snippets/choose/agreements/agreement/", {"pk": "@agreement"}),
    ("admin/snippets/agreements/prospect/", {"pk": "@prospect"}),
    ("admin/snippets/choose/agreements/prospect/", {"pk": "@prospect"}),
    ("admin/snippets/agreements/sitevisit/", {"pk": "@site_visit"}),
    ("admin/snippets/choose/agreements/sitevisit/", {"pk": "@site_visit"}),
    ("admin/platform_members/", {"pk": "@membership"}),
    ("admin/experts/", {"pk": "@expert"}),
    ("admin/events/", {"pk": "@event"}),
    ("admin/event-admin/", {"pk": "@event"}),
    ("admin/sites/", {"pk": "@site"}),
    ("admin/users/", {"pk": "@user"}),
    ("admin/groups/", {"pk": "@group"}),
    ("admin/collections/", {"pk": "@collection", "collection_id": "@collection"}),
    ("admin/workflows/", {"pk": "@workflow", "page_pk": "@meeting", "workflow_pk": "@workflow",
                          "task_id": "@task", "app_label": "wagtailcore", "model_name": "groupapprovaltask"}),
    ("admin/workflows/tasks/", {"pk": "@task"}),
    ("admin/redirects/", {"redirect_id": "@redirect"}),
    ("admin/documents/", {"document_id": "@document", "doc_id": "@document", "pk": "@document",
                          "uploaded_file_id": "@uploaded_document"}),
    ("admin/images/", {"image_id": "@image", "pk": "@image", "uploaded_file_id": "@uploaded_image",
                       "filter_spec": "fill-8x8"}),
    ("admin/cases/", {"pk": "@case", "consent_id": "@consent"}),
    ("admin/referrals/", {"pk": "@referral"}),
    ("admin/agreements/", {"pk": "@agreement"}),
    ("admin/pipeline/", {"pk": "@prospect"}),
    ("admin/pipeline/files/", {"pk": "@prospect_file"}),
    ("admin/consultations/", {"pk": "@consultation", "file_id": "@request_file"}),
    ("admin/organisations/", {"pk": "@organisation"}),
    ("admin/forms/", {"page_id": "@page"}),
    ("admin/pages/workflow/", {"page_id": "@meeting", "task_state_id": "@task_state", "task_id": "@task",
                               "action_name": "approve"}),
    ("admin/pages/", {"page_id": "@page", "parent_page_id": "@page", "page_to_move_id": "@page",
                      "destination_id": "@municipality_root", "revision_id": "@revision",
                      "workflow_state_id": "@workflow_state", "content_type_app_name": "cms",
                      "content_type_model_name": "standardpage", "app_label": "cms", "model_name": "standardpage"}),
    ("admin/api/", {"pk": "@page"}),
    ("admin/api/main/^documents/", {"pk": "@document"}),
    ("admin/api/main/^images/", {"pk": "@image"}),
    ("admin/choose-page/", {"parent_page_id": "@municipality_root"}),
    ("admin/bulk/", {"app_label": "wagtailcore", "model_name": "page", "action": "publish"}),
    ("admin/tag-autocomplete/", {"app_name": "wagtaildocs", "model_name": "document"}),
    ("admin/editing-sessions/", {"app_label": "wagtailcore", "model_name": "page", "object_id": "@page",
                                 "session_id": "@editing_session"}),
    ("admin/settings/", {"app_name": "cms", "model_name": "sitesettings", "pk": "1"}),
    ("admin/password_reset/", {"uidb64": lambda w: w["reset_uid"], "token": lambda w: w["reset_token"]}),
    ("invitations/", {"token": lambda w: w["invitation_token"]}),
    ("events/cancel/", {"token": lambda w: w["cancel_token"]}),
    ("events/", {"pk": "@event"}),
    ("directory/", {"pk": "@organisation"}),
    ("documents/authenticate_with_password/", {"restriction_id": "@collection_restriction"}),
    ("_util/authenticate_with_password/", {"page_view_restriction_id": "@page_restriction",
                                          "page_id": "@members_only_page"}),
    ("feeds/", {"slug": "shinjuku"}),
    ("meetings/", {"slug": "shinjuku"}),
]
PREFIX_ARGS.sort(key=lambda item: -len(item[0]))


def default_args(route):
    args = {}
    for prefix, values in PREFIX_ARGS:
        if route.startswith(prefix):
            for name, value in values.items():
                args.setdefault(name, value)
    return args
