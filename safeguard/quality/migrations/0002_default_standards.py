"""The practice standards a new installation starts with; the head of service edits them."""

from django.db import migrations

from safeguard.quality.codes import DEFAULT_STANDARDS


def add_standards(apps, schema_editor):  # type: ignore[no-untyped-def]
    standard = apps.get_model("quality", "PracticeStandard")
    if standard.objects.exists():
        return
    for position, (title, description) in enumerate(DEFAULT_STANDARDS, start=1):
        standard.objects.create(title=title, description=description, position=position)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]
    operations = [migrations.RunPython(add_standards, migrations.RunPython.noop)]
