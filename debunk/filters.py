"""The column's filters: category, verdict, region and year as plain, shareable query parameters.

A django-filter FilterSet whose choices are what the column holds. A value that is unknown or
malformed fails its field's validation and drops out (that filter is off) rather than an error,
so any URL a reader can type gives the unfiltered or a narrower list, never a 500.
"""

from django.utils.functional import cached_property

import django_filters

from .verdicts import Verdict


class RebuttalFilter(django_filters.FilterSet):
    """Binds the query string to the choices that exist and narrows the column's rebuttals."""

    category = django_filters.ChoiceFilter(
        label="分类", field_name="category__slug", empty_label="全部分类"
    )
    verdict = django_filters.ChoiceFilter(
        label="核查结论", choices=Verdict.choices, empty_label="全部结论"
    )
    region = django_filters.ChoiceFilter(label="地区", empty_label="全部地区")
    year = django_filters.ChoiceFilter(
        label="年份", field_name="published_date", lookup_expr="year", empty_label="全部年份"
    )

    def __init__(self, data, queryset, *, categories, facets):
        """``categories``: all of them (one query); regions and years come from ``facets``,
        the column's stored counts (RebuttalIndexPage.refresh_facets), so no query reads the
        whole column to offer them."""
        super().__init__(data, queryset)
        self.categories = {category.slug: category for category in categories}
        self.facets = facets
        counts = facets.get("counts", {})
        regions = sorted(counts.get("region", {}))
        years = [int(year) for year in counts.get("year", {})]
        # Every year of the span, newest first, as before: a year with none still filters.
        span = range(max(years), min(years) - 1, -1) if years else []
        choices = {
            "category": [(slug, category.name) for slug, category in self.categories.items()],
            "region": [(region, region) for region in regions],
            "year": [(str(y), f"{y}年") for y in span],
        }
        for name, options in choices.items():
            self.filters[name].extra["choices"] = options

    @cached_property
    def values(self) -> dict:
        """The filters in force: valid, non-empty parameters by name."""
        self.form.is_valid()  # invalid fields simply drop out of cleaned_data
        return {name: value for name, value in self.form.cleaned_data.items() if value}

    def fields_for_template(self) -> list[dict]:
        """Name, label, choices (the "all" choice first) and current value of each select,
        rendered by hand in the template: Django's widget templates cost an include per option."""
        return [
            {
                "name": name,
                "label": field.label,
                "choices": list(field.choices),
                "value": self.values.get(name, ""),
            }
            for name, field in self.form.fields.items()
        ]

    def known_count(self) -> int | None:
        """How many rebuttals the list holds, from the stored counts when no filter or one
        filter is on; None (count them) when several narrow it together."""
        if not self.values:
            return self.facets.get("total")
        if len(self.values) == 1:
            [(name, value)] = self.values.items()
            return self.facets.get("counts", {}).get(name, {}).get(str(value), 0)
        return None

    @property
    def chosen_category(self):
        """The Category asked for, or None."""
        return self.categories.get(self.values.get("category"))

    @property
    def is_active(self) -> bool:
        return bool(self.values)
