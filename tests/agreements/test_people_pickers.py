"""Coordinators are picked by name and role, never by login name (issue 23, Deliver 2): the
prospect's assigned coordinator lists metropolitan coordinators only; the coordinators present at
a site visit list the metropolitan and municipal coordinators, each with where they work."""

import re

from django.urls import reverse

from tenants.roles import Role


def options(body, field):
    select = re.search(rf'<select name="{field}".*?</select>', body, re.S)
    if select:
        return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
    return re.findall(rf'<input[^>]*name="{field}"[^>]*>\s*([^<]*)<', body)


def test_the_assigned_coordinator_is_chosen_by_name_among_metropolitan_coordinators(
        as_metro, make_user, shinjuku):
    make_user("tokyo-hanako", Role.METRO_COORDINATOR, last_name="都", first_name="花子")
    make_user("shinjuku-ichiro", Role.MUNICIPAL_COORDINATOR, shinjuku, last_name="新宿", first_name="一郎")
    make_user("partner", Role.PARTNER_EDITOR, last_name="連携", first_name="次郎")
    body = as_metro.get(reverse("wagtailsnippets_agreements_prospect:add")).content.decode()
    choices = [label.strip() for label in options(body, "assigned_to")]
    assert "都 花子（都コーディネーター）" in choices
    assert not any("新宿" in label or "連携" in label or label == "partner" for label in choices)
    assert "tokyo-hanako" not in choices


def test_coordinators_present_at_a_site_visit_show_name_and_municipality(as_metro, make_user, shinjuku):
    make_user("tokyo-hanako", Role.METRO_COORDINATOR, last_name="都", first_name="花子")
    make_user("shinjuku-ichiro", Role.MUNICIPAL_COORDINATOR, shinjuku, last_name="新宿", first_name="一郎")
    make_user("expert", Role.PROFESSIONAL, last_name="専門", first_name="三郎")
    body = as_metro.get(reverse("wagtailsnippets_agreements_sitevisit:add")).content.decode()
    assert "都 花子（都コーディネーター）" in body and "新宿 一郎（新宿区 コーディネーター）" in body
    assert "専門 三郎" not in body and ">expert<" not in body and "shinjuku-ichiro" not in body
