"""Site-wide settings: who runs this site."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs this site: shown in the header, the footer and structured data."""

    organisation_name = models.CharField(
        "机构名称",
        max_length=100,
        default="清源县委网信办",
        help_text="页脚和结构化数据中的发布机构",
    )
    site_slogan = models.CharField(
        "站点标语", max_length=100, blank=True, default="辟谣求证 · 清源正本"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("举报电话", max_length=50, blank=True)
    email = models.EmailField("联系邮箱", blank=True)
    footer_note = models.TextField("页脚说明", blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("site_slogan"), FieldPanel("logo")],
            heading="机构",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading="联系方式",
        ),
        MultiFieldPanel([FieldPanel("footer_note"), FieldPanel("icp_number")], heading="页脚"),
    ]

    @classmethod
    def for_request(cls, request):
        """Wagtail's lookup, from the shell cache (cms.shell) instead of a query per request."""
        from ..shell import cached_site_setting

        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site_settings = cached_site_setting(cls, Site.find_for_request(request))
            site_settings._request = request
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

    class Meta:
        verbose_name = "站点设置"
        verbose_name_plural = "站点设置"
