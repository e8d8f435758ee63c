"""The access matrix's rules for snippets and model viewsets, Tsunagu's own admin views and the
public site; the roles and `add` are in access_rules.py."""

import dataclasses

from .access_rules import (
    ALL, ADMIN, METRO, OWN, COORDINATORS, PARTNERS, PROFILE,
    CONSULTATION, CASE, PLATFORM, MEMBERS_ONLY, SIGNED_IN, RULES, add, post,
)

# --- admin: snippets and model viewsets ---------------------------------------------------------
def viewset(prefix, *, index, add_, edit, view, delete, shows, sees, usage=None, view_suffixes=(), no_inspect=False):
    add(f"{prefix}", index, shows=shows, sees=sees)
    add(f"{prefix}results/", index, shows=shows, sees=sees)
    add(f"{prefix}{'new' if not prefix.startswith('admin/snippets/') else 'add'}/", add_)
    add(f"{prefix}edit/<int:pk>/", edit)
    add(f"{prefix}delete/<int:pk>/", delete)
    add(f"{prefix}usage/<int:pk>/", usage or view)
    for suffix in ("history/<int:pk>/", "history-results/<int:pk>/", *view_suffixes):
        add(f"{prefix}{suffix}", view)
    if not no_inspect:
        add(f"{prefix}inspect/<int:pk>/", view)


def chooser(prefix, key, *, choose, chosen, create, shows="", sees=(), chosen_pk=None, query=""):
    add(f"{prefix}", choose, shows=shows, sees=sees, query=query)
    add(f"{prefix}results/", choose, shows=shows, sees=sees, query=query)
    add(f"{prefix}chosen/<str:pk>/", chosen, args={"pk": chosen_pk} if chosen_pk else {})
    add(f"{prefix}chosen-multiple/", choose, query=f"id={chosen_pk or '@' + key}", shows=shows, sees=sees)
    add(f"{prefix}create/", create)


viewset("admin/snippets/tenants/municipality/", index=COORDINATORS, add_=ADMIN, edit=OWN, view=OWN, delete=ADMIN,
        shows="", sees=())
chooser("admin/snippets/choose/tenants/municipality/", "municipality", choose=SIGNED_IN, chosen=OWN, create=ADMIN,
        query="q=新宿")

viewset("admin/snippets/network/consultationwindow/", index=COORDINATORS, add_=COORDINATORS, edit=OWN, view=OWN,
        delete=OWN, shows="window.name", sees=OWN)
post("admin/snippets/network/consultationwindow/lock/<int:pk>/", OWN)
post("admin/snippets/network/consultationwindow/unlock/<int:pk>/", OWN)
add("admin/snippets/network/consultationwindow/history/<int:pk>/revisions/<int:revision_id>/revert/", OWN)
add("admin/snippets/network/consultationwindow/history/<int:pk>/revisions/<int:revision_id>/unschedule/", OWN)
add("admin/snippets/network/consultationwindow/history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|"
    "\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$", OWN,
    path=lambda w: f"/admin/snippets/network/consultationwindow/history/{w['window'].pk}/revisions/compare/"
                   f"live...{w['window_revision'].pk}/")
add("admin/snippets/network/consultationwindow/unpublish/<int:pk>/", OWN)
chooser("admin/snippets/choose/network/consultationwindow/", "window", choose=SIGNED_IN, chosen=OWN, create=COORDINATORS,
        query="q=相談")
RULES["admin/snippets/choose/network/consultationwindow/chosen-multiple/"] = dataclasses.replace(
    RULES["admin/snippets/choose/network/consultationwindow/chosen-multiple/"], shows="window.name", sees=OWN)

# Profiles: Tokyo keeps the directory; a partner group's editors edit their own (drafts go to
# review); publishing, deleting and moderating stay with Tokyo.
viewset("admin/snippets/network/organisation/", index=PROFILE | {"other_partner"}, add_=METRO, edit=PROFILE,
        view=PROFILE, delete=METRO, shows="organisation.name", sees=PROFILE,
        view_suffixes=("preview/<int:pk>/", "history/<int:pk>/revisions/<int:revision_id>/view/",
                       "history/<int:pk>/revisions/<int:revision_id>/revert/", "workflow_history/<int:pk>/",
                       "workflow_history/<int:pk>/detail/<int:workflow_state_id>/",
                       "workflow/confirm_cancellation/<int:pk>/"))
add("admin/snippets/network/organisation/preview/", METRO)
add("admin/snippets/network/organisation/history/<int:pk>/revisions/<int:revision_id>/unschedule/", METRO)
add("admin/snippets/network/organisation/unpublish/<int:pk>/", METRO)
# The profile is in review in this world: Wagtail lets the reviewers (Tokyo) lock it, and only
# whoever locked it (or a superuser) unlock it.
post("admin/snippets/network/organisation/lock/<int:pk>/", METRO)
post("admin/snippets/network/organisation/unlock/<int:pk>/", ADMIN)
add("admin/snippets/network/organisation/history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|"
    "\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$", PROFILE,
    path=lambda w: f"/admin/snippets/network/organisation/history/{w['organisation'].pk}/revisions/compare/"
                   f"live...{w['organisation_revision'].pk}/")
for suffix in ("workflow/action/<int:pk>/<slug:action_name>/<int:task_state_id>/",
               "workflow/collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/",
               "workflow/preview/<int:pk>/<int:task_id>/"):
    add(f"admin/snippets/network/organisation/{suffix}", METRO, why="profile changes are reviewed by Tokyo")
# Published profiles are public, so staff may refer to any; unpublished ones (pipeline
# candidates) only Tokyo. The chosen view is asked for a candidate.
chooser("admin/snippets/choose/network/organisation/", "organisation", choose=SIGNED_IN, chosen=METRO, create=METRO,
        shows="prospect_organisation.name", sees=METRO, chosen_pk="@prospect_organisation", query="q=ひだまり")

# The partnership pipeline and agreements are Tokyo's; a municipality follows the candidates it
# referred (view only).
viewset("admin/snippets/agreements/agreement/", index=METRO, add_=METRO, edit=METRO, view=METRO, delete=METRO,
        shows="agreement.number", sees=METRO)
chooser("admin/snippets/choose/agreements/agreement/", "agreement", choose=SIGNED_IN, chosen=METRO, create=METRO,
        shows="agreement.number", sees=METRO, query="q=@agreement_serial")  # the search box echoes the query
viewset("admin/snippets/agreements/prospect/", index=COORDINATORS, add_=COORDINATORS, edit=METRO, view=OWN,
        delete=METRO, usage=METRO, shows="prospect.organisation.name", sees=OWN)
chooser("admin/snippets/choose/agreements/prospect/", "prospect", choose=SIGNED_IN, chosen=OWN, create=COORDINATORS,
        shows="prospect.organisation.name", sees=OWN)
viewset("admin/snippets/agreements/sitevisit/", index=METRO, add_=METRO, edit=METRO, view=METRO, delete=METRO,
        shows="", sees=(), no_inspect=True)
chooser("admin/snippets/choose/agreements/sitevisit/", "site_visit", choose=SIGNED_IN, chosen=METRO, create=METRO,
        shows="site_visit", sees=METRO)

viewset("admin/platform_members/", index=COORDINATORS, add_=COORDINATORS, edit=OWN, view=OWN, delete=OWN,
        shows="membership.name", sees=OWN, no_inspect=True)
viewset("admin/experts/", index=METRO, add_=METRO, edit=METRO, view=METRO, delete=METRO, shows="", sees=())
viewset("admin/events/", index=COORDINATORS, add_=COORDINATORS, edit=OWN, view=OWN, delete=OWN,
        shows="event.title", sees=OWN, no_inspect=True)

# --- admin: Tsunagu's own views -------------------------------------------------------------------
add("admin/organisations/<int:pk>/editors/", METRO)
add("admin/organisations/<int:pk>/confirm/", PROFILE, why="the group's editors confirm their profile is current")
add("admin/windows/import/", METRO)
add("admin/cases/", PLATFORM, shows="case.code", sees=CASE | {"bunkyo", "bunkyo_member"},
    why="文京区 lists the referral it received, which carries the case code (never the case)")
add("admin/cases/new/", {"shinjuku", "bunkyo"})
add("admin/cases/log/", {"shinjuku", "bunkyo"}, shows="case.code", sees={"shinjuku"})
for suffix in ("", "edit/", "export/", "consents/new/", "referrals/new/", "consents/<int:consent_id>/scan/"):
    add(f"admin/cases/<int:pk>/{suffix}", CASE)
for suffix in ("actions/", "consents/<int:consent_id>/withdraw/"):
    post(f"admin/cases/<int:pk>/{suffix}", CASE, why="a participant named with change rights may")
for suffix in ("participants/", "close/"):
    post(f"admin/cases/<int:pk>/{suffix}", {"shinjuku"}, why="naming participants and closing: coordinators")
add("admin/referrals/<int:pk>/", {"shinjuku", "member", "bunkyo", "bunkyo_member"}, shows="case.summary", sees=(),
    control="referral.message", why="sender and receiving side (文京区) see the referral, never the case")
add("admin/agreements/<int:pk>/document/", METRO)
add("admin/agreements/<int:pk>/renew/", METRO)
add("admin/agreements/<int:pk>/terminate/", METRO)
add("admin/pipeline/", METRO)
add("admin/pipeline/csv/", METRO)
add("admin/pipeline/<int:pk>/stage/", METRO)
add("admin/pipeline/files/<int:pk>/", METRO)
add("admin/consultations/", METRO | PARTNERS | {"expert", "other_expert"}, shows="consultation.topic",
    sees=CONSULTATION)
add("admin/consultations/new/", METRO | PARTNERS)
add("admin/consultations/dashboard/", METRO)
add("admin/consultations/<int:pk>/", CONSULTATION)
add("admin/consultations/<int:pk>/files/<int:file_id>/", CONSULTATION)
add("admin/event-admin/<int:pk>/", OWN, shows="application.name", sees=OWN)
add("admin/event-admin/<int:pk>/group-booking/", PARTNERS, args={"pk": "@exchange"}, shows="organisation.name",
    sees={"partner"}, why="partner groups book seats for their own group")
add("admin/event-admin/statistics/", COORDINATORS, shows="event.title", sees=OWN)

# --- public site --------------------------------------------------------------------------------
add("documents/^(\\d+)/(.*)$", MEMBERS_ONLY,
    path=lambda w: f"/documents/{w['members_document'].pk}/gentei.pdf",
    why="a members-only document: 新宿区's members and coordinators and Tokyo")
add("documents/authenticate_with_password/<int:restriction_id>/", ALL, why="Wagtail's password form, no data")
add("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/", ALL,
    why="Wagtail's password form, no data")
add("_util/login/", ALL)
add("^((?:[\\w\\-]+/)*)$", MEMBERS_ONLY, path=lambda w: w["members_only_page"].url,
    why="a members-only meeting page")
add("search/", ALL, query="q=ページ", shows="draft_page.title", sees=(), control="page.title")
add("feeds/news/rss/", ALL)
add("feeds/news/atom/", ALL)
add("feeds/news/<slug:slug>/rss/", ALL)
add("feeds/news/<slug:slug>/atom/", ALL)
add("windows/", ALL)
add("windows/csv/", ALL)
add("directory/", ALL, shows="prospect.organisation.name", sees=())
add("directory/<int:pk>/", ALL)
add("invitations/<str:token>/", ALL, why="the signed token is the key")
add("events/", ALL)
add("events/ical/", ALL)
add("events/csv/", ALL, shows="application.name", sees=(), control="event.title")
add("events/<int:pk>/", ALL)
add("events/<int:pk>/ical/", ALL)
add("events/<int:pk>/csv/", ALL, shows="application.name", sees=(), control="event.title")
add("events/cancel/<str:token>/", ALL, why="the signed token is the key")
add("meetings/ical/", ALL)  # the Support Net's own (Tokyo-wide) meetings, public only
add("meetings/<slug:slug>/ical/", ALL, shows="members_only_page.title", sees=(), control="public_meeting.title")
