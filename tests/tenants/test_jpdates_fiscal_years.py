"""Fiscal years by their era name (令和8年度), as Tokyo's public documents give them."""

import datetime

import pytest
from django.template import Context, Template

from tenants.jpdates import fiscal_year, fiscal_year_name


@pytest.mark.parametrize("year, name", [
    (2026, "令和8年度"),
    (2020, "令和2年度"),
    (2019, "令和元年度"),   # began on 1 April under 平成; named 令和元年度 since the change of era
    (2018, "平成30年度"),
    (1989, "平成元年度"),
    (1988, "昭和63年度"),
])
def test_a_fiscal_year_is_named_by_its_era(year, name):
    assert fiscal_year_name(year) == name


def test_march_still_belongs_to_the_previous_fiscal_year():
    assert fiscal_year_name(fiscal_year(datetime.date(2027, 3, 31))) == "令和8年度"
    assert fiscal_year_name(fiscal_year(datetime.date(2027, 4, 1))) == "令和9年度"


def test_the_template_filter_names_it_and_leaves_nothing_for_no_year():
    template = Template("{% load jp %}[{{ year|nendo }}]")
    assert template.render(Context({"year": 2026})) == "[令和8年度]"
    assert template.render(Context({"year": None})) == "[]"
