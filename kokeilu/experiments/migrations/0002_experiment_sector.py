"""Experiments get a service sector (toimiala), optional, for the learnings library's filter."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('experiments', '0001_experiments_people_groups')]

    operations = [
        migrations.AddField(
            model_name='experiment',
            name='sector',
            field=models.CharField(blank=True, choices=[('education', 'Education and early childhood education'), ('social_health', 'Social services and health care'), ('urban_environment', 'Urban environment'), ('culture_leisure', 'Culture and leisure'), ('administration', 'City administration and other')], default='', max_length=20, verbose_name='service sector'),
        ),
        migrations.AddConstraint(
            model_name='experiment',
            constraint=models.CheckConstraint(condition=models.Q(('sector', ''), ('sector__in', ['education', 'social_health', 'urban_environment', 'culture_leisure', 'administration']), _connector='OR'), name='experiment_sector_valid'),
        ),
    ]
