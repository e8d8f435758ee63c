"""Demo expert bank: three professionals (the demo `expert` login is the lawyer) and requests
from the demo partner group at different steps. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tenants.demo_guard import demo_only
from tenants.roles import GLOBAL_GROUP_NAMES, Role

from ..models import ConsultationRequest, Expert
from . import services

# (username or None for the demo login, family, given, qualification, fields, availability)
DEMO_EXPERTS = [
    ("expert", None, None, "弁護士", {"legal": True}, "平日18時以降、土曜午前"),
    ("expert-medical", "森田", "恵", "精神科医（ひきこもり外来）", {"medical": True}, "木曜午後"),
    ("expert-management", "林", "誠", "中小企業診断士", {"management": True}, "平日日中、オンライン可"),
]


def _at(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@demo_only
def load_demo_experts():
    users = get_user_model().objects
    professionals = Group.objects.get(name=GLOBAL_GROUP_NAMES[Role.PROFESSIONAL])
    experts = []  # created now
    for username, family, given, qualification, fields, availability in DEMO_EXPERTS:
        user = users.filter(username=username).first()
        if user is None:
            user = users.create_user(username=username, email=f"{username}@demo.tsunagu.example.jp",
                                     last_name=family, first_name=given)  # no password: not a demo login
        user.groups.add(professionals)
        expert, created = Expert.objects.get_or_create(user=user, defaults={
            "qualification": qualification, "availability": availability, "monthly_maximum": 3, **fields})
        if created:
            experts.append(expert)
    return experts


@demo_only
def load_demo_requests(editor, organisation, coordinator):
    """Three requests of the demo group: waiting for assignment, assigned to the demo lawyer,
    and agreed with the psychiatrist."""
    if organisation is None or ConsultationRequest.objects.filter(organisation=organisation).exists():
        return 0
    lawyer, psychiatrist, _consultant = (Expert.objects.get(user__username=u) for u, *_ in DEMO_EXPERTS)
    services.submit(organisation, editor, field="management", topic="助成金の申請書類の書き方",
                    background="来年度の居場所事業について、都の助成金に申請したい。", preferred=[_at(9, 10), _at(10, 14)],
                    format="online")
    assigned = services.submit(organisation, editor, field="legal", topic="利用規約と免責事項の見直し",
                               background="利用者同士のトラブルに備えて、利用規約を見直したい。",
                               preferred=[_at(6, 18), _at(8, 18), _at(13, 10)], format="in_person")
    services.transition(assigned, "assign", coordinator, expert=lawyer)
    agreed = services.submit(organisation, editor, field="medical", topic="受診を拒む方への家族の関わり方",
                             background="家族会で多い相談について、職員向けに助言がほしい。",
                             preferred=[_at(4, 15)], format="online")
    services.transition(agreed, "assign", coordinator, expert=psychiatrist)
    services.transition(agreed, "accept", psychiatrist.user, slot=1)
    return 3
