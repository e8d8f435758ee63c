from django.db import migrations

TYPES = [("consultation", "相談・支援"), ("home_visit", "訪問"), ("drop_in", "居場所・フリースペース"),
         ("social_experience", "社会体験・就労体験"), ("family_group", "家族会"), ("peer", "ピア相談"),
         ("online", "オンライン"), ("employment", "就労支援")]


def seed(apps, schema_editor):
    SupportType = apps.get_model("network", "SupportType")
    for order, (code, name) in enumerate(TYPES):
        SupportType.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("network", "0004_organisations")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
