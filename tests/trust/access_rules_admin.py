"""The access matrix's rules for the admin's own views (Wagtail's explorer, choosers, API,
settings, images and documents); the roles and `add` are in access_rules.py."""

from .access_rules import (
    ALL, NOBODY, ADMIN, METRO, OWN, COORDINATORS, MEDIA, SIGNED_IN, add, post,
)

# --- admin: home, account, second factor ------------------------------------------------------
add("admin/", SIGNED_IN)
add("admin/test404/", SIGNED_IN, why="Wagtail's page-not-found template, rendered for testing")
add("admin/failwhale/", SIGNED_IN, ok=(500,), why="Wagtail's error-page test raises on purpose")
add("admin/account/", SIGNED_IN)
post("admin/logout/", ALL, allowed_to=("/admin/login/",), why="signing out always ends on the sign-in page")
add("admin/dismissibles/", SIGNED_IN, why="the user's own dismissed hints")
add("admin/2fa/setup/", SIGNED_IN)
add("admin/2fa/verify/", SIGNED_IN)
post("admin/2fa/recovery-codes/", SIGNED_IN)
add("admin/2fa/enrol/<str:token>/", NOBODY, args={"token": "not-a-signed-token"},
    why="a link opens only for the person it was issued to, who has no authenticator yet; the token is the key")
add("admin/2fa/replace/", SIGNED_IN, why="the user's own authenticator, with a current code")
post("admin/2fa/remove/", SIGNED_IN, why="the user's own authenticator; an empty form is refused with 400")
add("admin/2fa/enrolment-links/", METRO, why="administrators and metropolitan coordinators issue enrolment links")
add("admin/sprite/", ALL, why="the icon sprite, static")
add("admin/login/", ALL, allowed_to=("/admin/",), why="the sign-in form; signed-in users are sent on to the dashboard")
add("admin/password_reset/", ALL)
add("admin/password_reset/done/", ALL)
add("admin/password_reset/confirm/<uidb64>/<token>/", ALL, why="the signed token is the key")
add("admin/password_reset/complete/", ALL)
add("admin/jsi18n/", ALL, why="the admin's JavaScript catalogue")
add("admin/^.*/$", NOBODY, path=lambda w: "/admin/no-such-view/", why="Wagtail's catch-all answers 404")

# --- admin: page explorer, editing, moderation ------------------------------------------------
add("admin/pages/", COORDINATORS, why="the explorer root sends coordinators on to their own space")
add("admin/pages/<int:parent_page_id>/", OWN, args={"parent_page_id": "@municipality_root"},
    refused_to=("/admin/pages/",), shows="draft_page.title", sees=OWN)
add("admin/pages/<int:parent_page_id>/results/", OWN, args={"parent_page_id": "@municipality_root"},
    refused_to=("/admin/pages/",), shows="draft_page.title", sees=OWN)
add("admin/pages/search/", COORDINATORS, query="q=未公開の下書き", shows="draft_page.title", sees=OWN)
add("admin/pages/search/results/", COORDINATORS, query="q=未公開の下書き", shows="draft_page.title", sees=OWN)
add("admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/", OWN)
add("admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",
    OWN)
add("admin/pages/create/<slug:app_label>/<slug:model_name>", SIGNED_IN,
    why="lists only the parents the user may add under; bunkyo is sent to its own space")
add("admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/", COORDINATORS,
    shows="draft_page.title", sees=OWN)
add("admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/", COORDINATORS,
    shows="draft_page.title", sees=OWN)
for suffix in ("usage/", "edit/", "edit/preview/", "view_draft/", "delete/", "unpublish/", "copy/", "privacy/",
               "revisions/<int:revision_id>/view/", "revisions/<int:revision_id>/revert/",
               "revisions/<int:revision_id>/unschedule/", "history/", "history/results/", "workflow_history/"):
    add(f"admin/pages/<int:page_id>/{suffix}", OWN)
add("admin/pages/<int:parent_page_id>/add_subpage/", OWN)
add("admin/pages/<int:page_to_move_id>/move/", OWN)
add("admin/pages/<int:page_id>/convert_alias/", OWN, args={"page_id": "@alias"})
add("admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", OWN)
post("admin/pages/<int:page_to_move_id>/set_position/", OWN)
post("admin/pages/<int:page_id>/lock/", OWN)
post("admin/pages/<int:page_id>/unlock/", OWN, args={"page_id": "@draft_page"})
add("admin/pages/<int:page_id>/revisions/", SIGNED_IN, why="redirects to the page's history, which checks")
add("admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
    "(?P<revision_id_b>live|latest|\\d+)/$", OWN,
    path=lambda w: f"/admin/pages/{w['page'].pk}/revisions/compare/live...{w['revision'].pk}/")
add("admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/", OWN,
    args={"page_id": "@meeting"})
# Minutes are approved by Tokyo (the 会議録の公開審査 workflow); the municipality submits.
add("admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", METRO)
add("admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/", METRO)
add("admin/pages/workflow/preview/<int:page_id>/<int:task_id>/", METRO)
add("admin/pages/workflow/confirm_cancellation/<int:page_id>/", OWN)
add("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", SIGNED_IN,
    args={"action": "delete"}, query="id=all", shows="draft_page.title", sees=OWN,
    why="the confirmation lists only what the user may act on: never other tenants' pages")
add("admin/reports/locked/", COORDINATORS, shows="draft_page.title", sees=OWN)
add("admin/reports/locked/results/", COORDINATORS, shows="draft_page.title", sees=OWN)
add("admin/reports/workflow/", COORDINATORS, shows="meeting.title", sees=OWN)
add("admin/reports/workflow/results/", COORDINATORS, shows="meeting.title", sees=OWN)
add("admin/reports/workflow_tasks/", COORDINATORS, shows="meeting.title", sees=OWN)
add("admin/reports/workflow_tasks/results/", COORDINATORS, shows="meeting.title", sees=OWN)
SITE_HISTORY = ("draft_page.title", "membership", "prospect")
add("admin/reports/site-history/", SIGNED_IN, shows=SITE_HISTORY, sees=OWN)
add("admin/reports/site-history/results/", SIGNED_IN, shows=SITE_HISTORY, sees=OWN)
# Tokyo's first page of the aging report holds older portal pages, so only 新宿区 must find it.
add("admin/reports/aging-pages/", COORDINATORS, shows="page.title", sees={"shinjuku"}, unseen={"bunkyo"})
add("admin/reports/aging-pages/results/", COORDINATORS, shows="page.title", sees={"shinjuku"}, unseen={"bunkyo"})
add("admin/reports/page-types-usage/", COORDINATORS, why="counts per page type, no titles")
add("admin/reports/page-types-usage/results/", COORDINATORS, why="counts per page type, no titles")
post("admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/", OWN)
post("admin/editing-sessions/release/<int:session_id>/", SIGNED_IN,
     why="deletes only the user's own editing session: a no-op for anyone else")
add("admin/block-preview/", NOBODY, why="needs a block id; without one Wagtail answers 404 to everyone")

# --- admin: page chooser and link choosers (modals) -------------------------------------------
add("admin/choose-page/", SIGNED_IN)
add("admin/choose-page/<int:parent_page_id>/", SIGNED_IN, shows="draft_page.title", sees=OWN,
    why="anyone may link to a live page; the parent here is 新宿区's live top page, its draft child is not listed")
add("admin/choose-page/search/", SIGNED_IN, query="q=未公開の下書き", shows="draft_page.title", sees=OWN)
add("admin/choose-page/chosen-multiple/", SIGNED_IN, query="id=@draft_page&id=@municipality_root",
    shows="draft_page.title", sees=OWN, control="municipality_root.title",
    why="returns only the pages the user may choose: 新宿区's live top page to all, its draft to its keepers")
for kind in ("external", "email", "phone", "anchor"):
    add(f"admin/choose-{kind}-link/", SIGNED_IN, why="a link form, no data")
add("admin/tag-autocomplete/", SIGNED_IN, why="tags of objects the user may see only: tests/tenants/test_tags.py")
add("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", SIGNED_IN,
    args={"app_name": "taggit", "model_name": "tag"}, why="tags of objects the user may see only: tests/tenants/test_tags.py")
add("admin/embeds/chooser/", SIGNED_IN, why="a URL form, no data")
add("admin/embeds/chooser/upload/", SIGNED_IN, why="a URL form, no data")

# --- admin API (the explorer menu) --------------------------------------------------------------
add("admin/api/main/^pages/", OWN, query="child_of=@municipality_root&for_explorer=1", refused_as=(400,),
    shows="draft_page.title", sees=OWN, why="a parent the user may not explore is refused with 400")
add("admin/api/main/^pages/<int:pk>/", OWN, args={"pk": "@draft_page"})
add("admin/api/main/^pages/find/", OWN, query="html_path=/shinjuku/access-matrix/")
post("admin/api/main/^pages/<int:pk>/action/<str:action_name>/", OWN, args={"action_name": "copy"})
add("admin/api/main/^documents/", SIGNED_IN, shows="document.title", sees=OWN)
add("admin/api/main/^documents/<int:pk>/", OWN)
add("admin/api/main/^documents/find/", OWN, query="id=@document")
add("admin/api/main/^images/", SIGNED_IN, shows="image.title", sees=OWN)
add("admin/api/main/^images/<int:pk>/", OWN)
add("admin/api/main/^images/find/", OWN, query="id=@image")

# --- admin: collections, workflows, sites, users, groups, redirects, settings (superuser) -------
for route in ("admin/collections/", "admin/collections/add/", "admin/collections/<int:pk>/",
              "admin/collections/<int:pk>/delete/", "admin/collections/<int:collection_id>/privacy/"):
    add(route, ADMIN)
for suffix in ("list/", "list/results/", "add/", "disable/<int:pk>/", "edit/<int:pk>/", "usage/<int:pk>/",
               "usage/<int:pk>/results/", "tasks/add/<str:app_label>/<str:model_name>/", "tasks/select_type/",
               "tasks/index/", "tasks/index/results/", "tasks/edit/<int:pk>/", "tasks/disable/<int:pk>/"):
    add(f"admin/workflows/{suffix}", ADMIN)
post("admin/workflows/enable/<int:pk>/", ADMIN)
post("admin/workflows/tasks/enable/<int:pk>/", ADMIN)
post("admin/workflows/remove/<int:page_pk>/", ADMIN)
post("admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/", ADMIN)
for suffix in ("", "results/", "create/", "<int:task_id>/"):
    add(f"admin/workflows/task_chooser/{suffix}", SIGNED_IN,
        why="moderation task names only; creating one needs the task permission (superuser)")
for model in ("sites", "users", "groups"):
    for suffix in ("", "results/", "new/", "edit/<int:pk>/", "delete/<int:pk>/", "history/<int:pk>/",
                   "history-results/<int:pk>/", "usage/<int:pk>/"):
        add(f"admin/{model}/{suffix}", ADMIN)
add("admin/sites/copy/<int:pk>/", ADMIN)
add("admin/users/copy/<int:pk>/", ADMIN)
for suffix in ("", "results/", "add/", "<int:redirect_id>/", "<int:redirect_id>/delete/", "import/"):
    add(f"admin/redirects/{suffix}", ADMIN)
post("admin/redirects/import/process/", ADMIN, ok=(500,),
     why="Wagtail's import step fails (500) on a POST without its form, which its own page never sends")
for route in ("admin/settings/<slug:app_name>/<slug:model_name>/", "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
              "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/"):
    add(route, NOBODY, why="no settings models are registered: 404 for everyone")
add("admin/snippets/", NOBODY, why="every snippet has its own menu entry; the index sends users home")
add("admin/forms/", COORDINATORS, why="lists the form pages the user may edit (there are none yet)")
add("admin/forms/results/", COORDINATORS, why="as admin/forms/")
for suffix in ("", "results/"):
    add(f"admin/forms/submissions/<int:page_id>/{suffix}", NOBODY, why="no form pages exist: 404 for everyone")
add("admin/forms/submissions/<int:page_id>/delete/", NOBODY, why="no form pages exist")

# --- admin: images and documents (collections) ----------------------------------------------------
for kind, obj in (("documents", "document"), ("images", "image")):
    add(f"admin/{kind}/", MEDIA, shows=f"{obj}.title", sees=OWN)
    add(f"admin/{kind}/results/", MEDIA, shows=f"{obj}.title", sees=OWN)
    add(f"admin/{kind}/multiple/add/", MEDIA)
    add(f"admin/{kind}/chooser/", SIGNED_IN, shows=f"{obj}.title", sees=OWN)
    add(f"admin/{kind}/chooser/results/", SIGNED_IN, shows=f"{obj}.title", sees=OWN)
    add(f"admin/{kind}/chooser/chosen/<str:pk>/", OWN)
    add(f"admin/{kind}/chooser/chosen-multiple/", SIGNED_IN, query=f"id=@{obj}", shows=f"{obj}.title", sees=OWN)
    add(f"admin/{kind}/chooser/create/", MEDIA)
add("admin/documents/add/", MEDIA)
add("admin/images/add/", MEDIA)
for suffix in ("edit/<int:document_id>/", "delete/<int:document_id>/", "usage/<int:document_id>/"):
    add(f"admin/documents/{suffix}", OWN)
for suffix in ("<int:image_id>/", "<int:image_id>/delete/", "<int:image_id>/preview/<str:filter_spec>/",
               "usage/<int:image_id>/", "chooser/<int:image_id>/select_format/"):
    add(f"admin/images/{suffix}", OWN)
for suffix in ("<int:image_id>/generate_url/", "<int:image_id>/generate_url/output/"):
    add(f"admin/images/{suffix}", NOBODY, why="no dynamic image serve view is configured: 404 or refused")
post("admin/documents/multiple/<int:doc_id>/", OWN)
post("admin/documents/multiple/<int:doc_id>/delete/", OWN)
post("admin/images/multiple/<int:image_id>/", OWN)
post("admin/images/multiple/<int:image_id>/delete/", OWN)
# An upload in progress belongs to the user who uploaded it (Wagtail: 404 for anyone else).
post("admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/", {"shinjuku"})
post("admin/documents/multiple/delete_upload/<int:uploaded_file_id>/", {"shinjuku"})
post("admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/", {"shinjuku"})
post("admin/images/multiple/delete_upload/<int:uploaded_file_id>/", {"shinjuku"})
