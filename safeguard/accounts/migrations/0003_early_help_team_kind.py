# The early help team (safeguard.early_help): a new TeamKind choice.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_inspector_role_quality_team"),
    ]

    operations = [
        migrations.AlterField(
            model_name="team",
            name="kind",
            field=models.CharField(
                choices=[
                    ("mash", "Multi-agency safeguarding hub"),
                    ("assessment", "Assessment"),
                    ("child_protection", "Child protection"),
                    ("children_in_care", "Children in care"),
                    ("leaving_care", "Leaving care"),
                    ("exploitation", "Exploitation"),
                    ("early_help", "Early help"),
                    ("reviewing", "Reviewing officers"),
                    ("performance", "Performance"),
                    ("information_governance", "Information governance"),
                    ("quality", "Quality assurance"),
                    ("partner", "Partner agency team"),
                    ("systems", "Systems administration"),
                ],
                max_length=30,
            ),
        ),
    ]
