"""Wagtail's first migrations name the default approval workflow and its task "Moderators
approval", the top collection "Root" and the tree's root page "Root"; staff meet these names on
every page's workflow panel, in the image and document filters and in page listings. Only those default names change: a name someone chose
stays."""

from django.db import migrations

NAMES = {
    ("wagtailcore", "Workflow"): ("Moderators approval", "公開前の承認"),
    ("wagtailcore", "Task"): ("Moderators approval", "都コーディネーターによる承認"),
    ("wagtailcore", "Collection"): ("Root", "すべて"),
}
ROOT_PAGE = ("Root", "すべてのサイト")


def rename(apps, schema_editor, forwards=True):
    for (app, model), (english, japanese) in NAMES.items():
        old, new = (english, japanese) if forwards else (japanese, english)
        apps.get_model(app, model).objects.filter(name=old).update(name=new)
    old, new = ROOT_PAGE if forwards else ROOT_PAGE[::-1]
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
