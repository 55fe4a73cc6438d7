"""A model field for "pick several from a fixed list", stored as a JSON list on any database."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class MultipleChoiceField(models.JSONField):
    """A JSON list of choice keys, edited as checkboxes.

    ``choices`` here describe the items of the list, so they are kept off Django's own
    ``choices`` machinery (which would compare the whole list against them).
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        keys = {key for key, _ in self.item_choices}
        if not isinstance(value, list) or any(item not in keys for item in value):
            raise ValidationError("请从列表中选择。", code="invalid_choice")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def labels(self, value) -> list[str]:
        names = dict(self.item_choices)
        return [names[item] for item in value or [] if item in names]
