import pytest

from debunk.models import Category


@pytest.fixture
def column(site_tree):
    return site_tree["rumours"]


@pytest.fixture
def categories(db):
    """The eight categories the data migration seeds, by slug."""
    return {category.slug: category for category in Category.objects.all()}
