import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# Each worker loads the Chinese text tools as it starts, not inside its first reader's search.
from search.text import warm_up  # noqa: E402  (needs the settings configured above)

warm_up()

# Everything loaded so far (Django, Wagtail, the dictionaries) lives as long as the worker: out
# of the collector's sight, a full collection no longer walks it (about 140 ms, every fifty or so
# views of a rebuttal page, ~2.5 ms a view on average).
gc.freeze()
