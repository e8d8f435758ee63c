from django.db import migrations

METHODS = [("phone", "電話"), ("in_person", "来所"), ("home_visit", "訪問"), ("email", "メール"),
           ("online", "オンライン"), ("line", "LINE"), ("form", "相談フォーム")]


def seed(apps, schema_editor):
    ConsultationMethod = apps.get_model("network", "ConsultationMethod")
    for order, (code, name) in enumerate(METHODS):
        ConsultationMethod.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
