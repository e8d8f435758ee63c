"""django-q2 entry points of tenants (queued with async_task by tenants.second_factor_services)."""

from . import second_factor_emails


def send_enrolment_link(link_id):
    return second_factor_emails.send_enrolment_link(link_id)


def send_second_factor_notice(user_id, change, when):
    return second_factor_emails.send_notice(user_id, change, when)
