"""The column's filters: category, verdict, region and year as plain, shareable query parameters.

A value that is unknown or malformed is dropped (that filter is off) rather than an error,
so any URL a reader can type gives the unfiltered or a narrower list, never a 500.
"""

from django import forms

from .verdicts import Verdict


class RebuttalFilterForm(forms.Form):
    category = forms.ChoiceField(label="分类", required=False)
    verdict = forms.ChoiceField(
        label="核查结论", required=False, choices=[("", "全部结论"), *Verdict.choices]
    )
    region = forms.ChoiceField(label="地区", required=False)
    year = forms.ChoiceField(label="年份", required=False)


class RebuttalFilter:
    """Binds the query string to the choices that exist and narrows the queryset."""

    fields = ("category", "verdict", "region", "year")

    def __init__(self, data, queryset, *, categories, regions, years):
        self.categories = {category.slug: category for category in categories}
        self.form = RebuttalFilterForm(data)
        self.form.fields["category"].choices = [
            ("", "全部分类"),
            *((slug, category.name) for slug, category in self.categories.items()),
        ]
        self.form.fields["region"].choices = [("", "全部地区"), *((r, r) for r in regions)]
        self.form.fields["year"].choices = [("", "全部年份"), *((str(y), f"{y}年") for y in years)]
        self.form.is_valid()  # invalid fields simply drop out of cleaned_data
        self.values = {
            name: value for name in self.fields if (value := self.form.cleaned_data.get(name))
        }
        self.queryset = self._apply(queryset)

    def fields_for_template(self) -> list[dict]:
        """Name, label, choices and current value of each select, rendered by hand in the
        template: Django's widget templates cost an include per option."""
        return [
            {
                "name": name,
                "label": self.form.fields[name].label,
                "choices": self.form.fields[name].choices,
                "value": self.values.get(name, ""),
            }
            for name in self.fields
        ]

    @property
    def category(self):
        return self.categories.get(self.values.get("category"))

    @property
    def is_active(self) -> bool:
        return bool(self.values)

    def _apply(self, queryset):
        if category := self.category:
            queryset = queryset.filter(category=category)
        if verdict := self.values.get("verdict"):
            queryset = queryset.filter(verdict=verdict)
        if region := self.values.get("region"):
            queryset = queryset.filter(region=region)
        if year := self.values.get("year"):
            queryset = queryset.filter(published_date__year=int(year))
        return queryset
