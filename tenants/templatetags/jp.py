from django import template

from tenants import jpdates

register = template.Library()


@register.filter
def jdate(value):
    """{{ page.date|jdate }} → 2026年11月21日（土）"""
    return jpdates.japanese_date(value)


@register.filter
def wareki(value):
    """{{ page.date|wareki }} → 令和8年11月21日"""
    return jpdates.japanese_era_date(value)


@register.filter
def nendo(year):
    """{{ 2026|nendo }} → 令和8年度 (a fiscal year by its era name)."""
    return jpdates.fiscal_year_name(year)


@register.filter
def person(user):
    """{{ user|person }} → 山田 花子 (family name first)."""
    return jpdates.person_name(user)


@register.filter
def minutes(value):
    """A timedelta as whole minutes (for "wait 15 minutes")."""
    try:
        return int(value.total_seconds() // 60)
    except AttributeError:
        return ""
