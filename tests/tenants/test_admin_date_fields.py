"""Every date and datetime field a person can type into in the admin reads Japanese dates with
the one parser (tenants/date_entry.py), and every one of them is typed into in the browser test
(tests/e2e/date_plan.py). The walk goes over the forms themselves, so a new field is covered or
this test fails and names it."""

import importlib
import pkgutil

from django import forms
from django.urls import get_resolver
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import get_page_models

from tenants.date_entry import DateEntryField, DateTimeEntryField
from tests.e2e.date_plan import plan

APPS = ("cms", "tenants", "network", "agreements", "training")
TEMPORAL = (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField)


def _temporal(form_class):
    return {name: field for name, field in form_class.base_fields.items() if isinstance(field, TEMPORAL)}


def _model_key(form_class, name):
    model = form_class._meta.model
    return model._meta.get_field(name).model._meta.label


def admin_form_fields():
    """{(form key, field name): form field} over the viewsets', snippets' and pages' forms and
    every Form class of our apps."""
    get_resolver().url_patterns  # imports every app's admin hooks
    found = {}
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model.__module__.split(".")[0] in APPS:
            form_class = viewset.get_form_class()
            for name, field in _temporal(form_class).items():
                found[(_model_key(form_class, name), name)] = field
    for page_model in get_page_models():
        form_class = page_model.get_edit_handler().get_form_class()
        for name, field in _temporal(form_class).items():
            found[(_model_key(form_class, name), name)] = field
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, app + "."):
            if not any(part in module.name for part in (".migrations", ".management", ".settings", ".wsgi", ".asgi")):
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for form_class in set(subclasses(forms.BaseForm)):
        if form_class.__module__.split(".")[0] in APPS and not hasattr(form_class, "_meta"):
            for name, field in _temporal(form_class).items():
                found[(f"{form_class.__module__}.{form_class.__name__}", name)] = field
    return found


def test_every_admin_date_field_reads_japanese_dates(db):
    fields = admin_form_fields()
    assert len(fields) >= 25  # the walk found the forms (pages, snippets, case and agreement forms)
    wrong = sorted(f"{key}.{name}: {type(field).__name__}" for (key, name), field in fields.items()
                   if not isinstance(field, (DateEntryField, DateTimeEntryField)))
    assert wrong == []


def test_no_admin_date_field_is_a_native_picker_that_cannot_take_typed_text(db):
    native = sorted(f"{key}.{name}" for (key, name), field in admin_form_fields().items()
                    if field.widget.input_type in ("date", "datetime-local"))
    assert native == []


def test_every_admin_date_field_is_typed_into_in_the_browser_test(db):
    covered = set()
    for entry in plan():
        for key in [entry.key, *entry.covers]:
            covered |= {(key, name) for name, _kind in entry.fields}
    missing = sorted(f"{key}.{name}" for key, name in admin_form_fields() if (key, name) not in covered)
    assert missing == [], "add these to tests/e2e/date_plan.py"
