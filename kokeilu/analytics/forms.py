from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin

from .conf import minimum_threshold
from .models import Dataset
from .pipeline.runner import AnalysisParameters


class RunStartForm(HdsFormMixin, forms.Form):
    dataset = forms.ModelChoiceField(label=_("Dataset"), queryset=Dataset.objects.none(), empty_label=None)
    resolution = forms.ChoiceField(
        label=_("Resolution of the paths"),
        choices=[("month", _("Month")), ("quarter", _("Quarter")), ("year", _("Year"))],
        initial="quarter",
    )
    method = forms.ChoiceField(
        label=_("Grouping method"),
        choices=[
            ("optimal_matching", _("Optimal matching of the paths (CLARA)")),
            ("features", _("Time spent in each state (k-means)")),
        ],
        initial="optimal_matching",
        widget=forms.RadioSelect,
    )
    k_max = forms.IntegerField(
        label=_("Largest number of groups to try"),
        min_value=2,
        max_value=12,
        initial=8,
        help_text=_("Two to this many groups are tried; the average silhouette picks the number."),
    )
    horizon_years = forms.IntegerField(
        label=_("Early years used for early identification"), min_value=1, max_value=10, initial=3
    )
    threshold = forms.IntegerField(
        label=_("Smallest number of people shown (k)"),
        initial=5,
        max_value=100,
        help_text=_(
            "Every count below this is suppressed, with further cells so that none can be recomputed."
        ),
    )

    def __init__(self, *args: Any, datasets: QuerySet[Dataset], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["dataset"]).queryset = datasets
        # The lowest threshold is a setting, so it is applied here rather than in the class body.
        threshold = cast(forms.IntegerField, self.fields["threshold"])
        threshold.min_value = minimum_threshold()
        threshold.validators.append(MinValueValidator(minimum_threshold()))
        threshold.widget.attrs["min"] = minimum_threshold()

    def parameters(self) -> AnalysisParameters:
        data = self.cleaned_data
        return AnalysisParameters(
            resolution=data["resolution"],
            method=data["method"],
            k_max=data["k_max"],
            horizon_years=data["horizon_years"],
            threshold=data["threshold"],
        )
