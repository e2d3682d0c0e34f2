from typing import Any, cast

from django import forms

from kokeilu.accounts.models import Organisation
from kokeilu.core.forms_rendering import HdsFormMixin

from .models import DevelopmentNeed, Theme


class DevelopmentNeedForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = DevelopmentNeed
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "owning_unit",
            "themes",
            "status",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, city_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Organisation.objects.filter(city_id=city_id) | Organisation.objects.filter(pk=city_id)
        cast(forms.ModelChoiceField, self.fields["owning_unit"]).queryset = units.order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.all()
        self.fields["themes"].required = False

    def _post_clean(self) -> None:
        # Status changes and validation are the service's job; the form only parses input.
        pass
