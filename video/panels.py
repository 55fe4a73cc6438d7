"""Admin panels for video pages."""

from wagtail.admin.panels import InlinePanel


class SubtitlesPanel(InlinePanel):
    """An InlinePanel whose child form validates and converts subtitle uploads."""

    def get_form_options(self):
        from video.forms import SubtitleForm

        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SubtitleForm
        return options
