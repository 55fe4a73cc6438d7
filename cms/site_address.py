"""The default Site record follows SITE_URL: Wagtail builds every canonical link, og:url,
ClaimReview url, feed link and sitemap entry from the Site's host and port, so the address
readers use lives in one setting. A Site has no scheme: https is port 443 (Site.root_url)."""

from urllib.parse import urlsplit


def host_and_port(url: str) -> tuple[str, int] | None:
    """``https://piyao.example.org`` → ``("piyao.example.org", 443)``; None for no host."""
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def point_default_site(site_model, url: str) -> bool:
    """Point the default Site at ``url``; True if it changed. ``site_model`` is Wagtail's Site
    (or the historical one, in a migration)."""
    address = host_and_port(url)
    site = site_model.objects.filter(is_default_site=True).first()
    if address is None or site is None or (site.hostname, site.port) == address:
        return False
    site.hostname, site.port = address
    site.save(update_fields=["hostname", "port"])
    return True
