"""Settings shared by every environment. Each switch is an environment variable (see README)."""

import os
from pathlib import Path

import environ

from cms.csp import admin_replacements, reader_directives
from search.conf import wagtailsearch_backends

# Every setting read from the environment goes through django-environ. An empty variable counts
# as unset (`FOO=` in an env file keeps the default instead of failing to parse).
env = environ.Env()
env.ENVIRON = {name: value for name, value in os.environ.items() if value != ""}

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env.str("QINGYUAN_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])

INSTALLED_APPS = [
    "cms",
    "campaigns",
    "video",
    "debunk",
    "search",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtailmedia",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-tasks' database backend and its worker (`manage.py db_worker`, docs/deploy.md).
    "django_tasks_db",
    "csp",
    # The public read API (cms/api/): Wagtail's API v2 on Django REST framework, CORS for GET.
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin says "3 minutes ago" through humanize's naturaltime: installing the app
    # brings its Chinese catalog ("3分钟之前").
    "django.contrib.humanize",
]

# A signed-off workflow publishes through the review guard's one sanctioned path.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflow_finish.publish_signed_off_workflow_state"

MIDDLEWARE = [
    # Outermost: decides Cache-Control after every cookie and CSRF token is known.
    "core.cache_control.CacheControlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Answers the API's CORS preflights before anything else runs (API_CORS_ORIGINS).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files need no policy), before everything that renders a page.
    "cms.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site lookup from the cache, not a query per request (cms/shell.py).
    "cms.shell.SiteLookupMiddleware",
    # ?script=hant: the page in Traditional characters (cms/script.py).
    "cms.script.ScriptMiddleware",
    "core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before the redirects: an editor's redirect for an old address wins over the 410 notice.
    "cms.withdrawals.WithdrawnPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://… in production); a SQLite file under var/ by default.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR}/qingyuan.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A kept connection that the database dropped (a restart) is replaced before a request uses it,
# not found broken by the request (a 500).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # SQLite behind a web server: readers keep reading while one request writes (WAL); a writer
    # waits for another instead of failing with "database is locked" (timeout, in seconds);
    # and a transaction takes the write lock when it begins (IMMEDIATE), so two requests that
    # read then write (a double-clicked sign-off) queue up instead of deadlocking mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL (redis://host:6379/0) shares the cache, and so the rate-limit counters, between
# processes; without it each process keeps its own in memory. django-ratelimit (core/ratelimit.py)
# is deliberately not an installed app: its system check calls that local-memory default, and
# Django's own RedisCache, unsupported.
# The local-memory default holds up to 10,000 entries (Django's 300 would let counted searches
# push rate-limit counters out).
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://qingyuan?max_entries=10000")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Redis down: a cache miss, never a 500 (core/cache_backends.py); fail in a fraction of a
    # second instead of the client's default wait.
    CACHES["default"]["BACKEND"] = "core.cache_backends.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
    )
# When the cache cannot count (Redis down), the public forms and the admin login refuse (429)
# rather than let unlimited attempts through; RATELIMIT_FAIL_OPEN=1 lets them through instead.
RATELIMIT_FAIL_OPEN = env.bool("RATELIMIT_FAIL_OPEN", default=False)

# HTTP caching (core/cache_control.py, docs/deploy.md): anonymous reader pages are public for
# browsers (max-age) and longer for the proxy or CDN (s-maxage), which Wagtail purges on
# publish; stale copies may be served while one request refreshes them.
CACHE_CONTROL_MAX_AGE = env.int("CACHE_CONTROL_MAX_AGE", default=60)
CACHE_CONTROL_SHARED_MAX_AGE = env.int("CACHE_CONTROL_SHARED_MAX_AGE", default=600)
CACHE_CONTROL_STALE_WHILE_REVALIDATE = env.int("CACHE_CONTROL_STALE_WHILE_REVALIDATE", default=30)
CACHE_CONTROL_PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/tips/")
# Purges (wagtail.contrib.frontend_cache, cms/frontend_cache.py): FRONTEND_CACHE_URL is the proxy
# that accepts PURGE (make prod's Varnish: http://127.0.0.1:8080); a CDN by its own variables.
# Several proxies: a comma-separated list, each gets every purge.
WAGTAILFRONTENDCACHE = {
    f"proxy{n or ''}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for n, location in enumerate(env.list("FRONTEND_CACHE_URL", cast=str.strip, default=[]))
}
if "CLOUDFRONT_DISTRIBUTION_ID" in env:  # needs boto3 and AWS credentials in the environment
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if "CLOUDFLARE_ZONEID" in env:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONEID"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN", default=None),
    }
# The site shell (header, menu, footer, site settings) is cached this long at most (cms/shell.py).
SHELL_CACHE_SECONDS = env.int("SHELL_CACHE_SECONDS", default=300)
# Rendered parts of reader pages (core/generations.py, {% fragment %}) live this long at most;
# any publish drops them all at once. 0 renders every part on every view.
PAGE_FRAGMENT_CACHE_SECONDS = env.int("PAGE_FRAGMENT_CACHE_SECONDS", default=600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the site, the admin and the dates are Simplified Chinese in Beijing time.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
# One language: LocaleMiddleware would choose it anyway and only add "Vary: Accept-Language",
# splitting every cache of every page by the reader's browser language for nothing.
if len(LANGUAGES) == 1:
    MIDDLEWARE.remove("django.middleware.locale.LocaleMiddleware")
WAGTAIL_I18N_ENABLED = False
TIME_ZONE = "Asia/Shanghai"
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
USE_I18N = True
USE_TZ = True
# Our own catalog comes first: it fills what the installed packages' zh_Hans catalogs leave in
# English (Wagtail, wagtailmedia, django-filter) and rewords what they translate oddly.
# The .mo is compiled from the .po by `make messages` (run by `make run` and `make test`).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "static")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work (index updates, notifications, video probing, purges) goes through
# django-tasks. The immediate default runs it inside the request (make run: nothing else to
# start); TASKS_BACKEND=django_tasks_db.DatabaseBackend queues it for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
# A job that fails is enqueued again after TASK_RETRY_DELAY_SECONDS, doubling each time, up to
# TASK_MAX_ATTEMPTS runs (core/task_retries.py); every failed run stays listed for the admin.
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=4)
TASK_RETRY_DELAY_SECONDS = env.int("TASK_RETRY_DELAY_SECONDS", default=30)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="清源辟谣平台 <noreply@localhost>")
if "EMAIL_URL" in env:
    # smtp://user:password@host:port (smtp+tls:// for STARTTLS), one variable like DATABASE_URL;
    # what the URL leaves out keeps Django's default (localhost, port 25), EMAIL_BACKEND wins.
    _email = env.email_url("EMAIL_URL", backend=EMAIL_BACKEND)
    globals().update({name: value for name, value in _email.items() if value is not None})

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A friendly Chinese page when a form's CSRF check fails (e.g. cookies blocked).
CSRF_FAILURE_VIEW = "cms.views.csrf_failure"
# How many reverse proxies add themselves to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# The admin login (/admin/login/): failed attempts allowed per client address and per account
# name within the window; past either, every attempt gets a 429 until the window ends.
ADMIN_LOGIN_FAILURES_PER_IP = env.int("ADMIN_LOGIN_FAILURES_PER_IP", default=10)
ADMIN_LOGIN_FAILURES_PER_USERNAME = env.int("ADMIN_LOGIN_FAILURES_PER_USERNAME", default=20)
ADMIN_LOGIN_WINDOW_SECONDS = env.int("ADMIN_LOGIN_WINDOW_SECONDS", default=900)

# Public campaign submissions: attempts per client address per window, and video limits.
CAMPAIGN_SUBMISSIONS_PER_IP = env.int("CAMPAIGN_SUBMISSIONS_PER_IP", default=10)
CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS = env.int("CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS", default=3600)
CAMPAIGN_VIDEO_MAX_MB = env.int("CAMPAIGN_VIDEO_MAX_MB", default=50)
CAMPAIGN_VIDEO_MAX_SECONDS = env.int("CAMPAIGN_VIDEO_MAX_SECONDS", default=180)

# Reader tips (我要求证, debunk/): attempts per client address per window, the shortest time a
# person takes to fill the form, screenshot size. Screenshots are kept out of MEDIA_ROOT, in
# PRIVATE_MEDIA_ROOT, and shown only in the admin.
TIPS_PER_IP = env.int("TIPS_PER_IP", default=10)
TIPS_WINDOW_SECONDS = env.int("TIPS_WINDOW_SECONDS", default=3600)
TIPS_MIN_SECONDS = env.int("TIPS_MIN_SECONDS", default=3)
TIPS_SCREENSHOT_MAX_MB = env.int("TIPS_SCREENSHOT_MAX_MB", default=5)
# 有结果了告诉我 (debunk/subscriptions.py): subscription requests per client address and per
# e-mail address per window; over either answers 429 with Retry-After.
SUBSCRIPTIONS_PER_IP = env.int("SUBSCRIPTIONS_PER_IP", default=10)
SUBSCRIPTIONS_PER_ADDRESS = env.int("SUBSCRIPTIONS_PER_ADDRESS", default=3)
SUBSCRIPTIONS_WINDOW_SECONDS = env.int("SUBSCRIPTIONS_WINDOW_SECONDS", default=3600)
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media")))

# The public read API (/api/v2/, cms/api/, docs/api.md): page size, deepest offset, requests
# per client address per window (429 with Retry-After past it), and the origins whose pages may
# call it from a browser (CORS, GET only; "*" for any).
WAGTAILAPI_LIMIT_MAX = env.int("API_MAX_PAGE_SIZE", default=100)
API_MAX_OFFSET = env.int("API_MAX_OFFSET", default=10_000)
API_REQUESTS_PER_IP = env.int("API_REQUESTS_PER_IP", default=300)
API_WINDOW_SECONDS = env.int("API_WINDOW_SECONDS", default=60)
_api_origins = env.list("API_CORS_ORIGINS", cast=str.strip, default=[])
CORS_ALLOW_ALL_ORIGINS = _api_origins == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else _api_origins
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# JSON only, anonymous only: the API reads no session and offers no browsable HTML.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Content-Security-Policy (cms/csp.py, django-csp): enforced on every page; the admin's paths get
# the exceptions Wagtail's admin needs. CSP_REPORT_ONLY=1 sends it as
# Content-Security-Policy-Report-Only instead (to try a change without breaking pages), and
# CSP_REPORT_URI is where browsers post the violations they see, in either mode. (Local names:
# django-csp's system check rejects its pre-4.0 settings, CSP_REPORT_URI and CSP_REPORT_ONLY.)
_csp = reader_directives(
    static_url=STATIC_URL,
    media_url=MEDIA_URL,
    report_uri=env.str("CSP_REPORT_URI", default=None),
)
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp}
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = admin_replacements(_csp)

# Wagtail
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="清源辟谣平台")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The public address readers use: the default Site record (canonical links, og:url, ClaimReview,
# feeds, the sitemap and robots.txt) is pointed at it by a data migration, `load_demo` and
# `manage.py set_site_url` (cms/site_address.py).
SITE_URL = env.str("SITE_URL", default=WAGTAILADMIN_BASE_URL)

# Search (see search/conf.py): unset SEARCH_URL = the database backend (SQLite FTS5 or
# PostgreSQL); elasticsearch+http://… or opensearch+http://… = that engine, for the reader search
# page and for Wagtail's admin search alike. Text is prepared (Simplified, segmented) either way.
SEARCH_URL = env.str("SEARCH_URL", default=None)
SEARCH_INDEX = env.str("SEARCH_INDEX", default="qingyuan-search")
SEARCH_TIMEOUT = env.int("SEARCH_TIMEOUT", default=5)
SEARCH_BULK_TIMEOUT = env.int("SEARCH_BULK_TIMEOUT", default=120)
SEARCH_MAX_QUERY_LENGTH = env.int("SEARCH_MAX_QUERY_LENGTH", default=2000)
# Reader searches are counted in the cache and written to the statistics in batches
# (search/query_stats.py): after this many searches, or once the oldest count is this old.
SEARCH_STATS_FLUSH_EVERY = env.int("SEARCH_STATS_FLUSH_EVERY", default=100)
SEARCH_STATS_FLUSH_SECONDS = env.int("SEARCH_STATS_FLUSH_SECONDS", default=300)
WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(SEARCH_URL, index_prefix=f"{SEARCH_INDEX}-")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars are the initials Wagtail draws or an uploaded picture: no request to Gravatar (a
# third party, unreachable offline, and blocked by the admin's CSP, cms/csp.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "cms.login_form.ChineseLoginForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Chinese video platforms are matched by URL pattern first (no network call, click-to-load
# player); anything else goes to Wagtail's oEmbed finder.
WAGTAILEMBEDS_FINDERS = [
    {"class": "video.embeds.PlatformEmbedFinder"},
    {"class": "wagtail.embeds.finders.oembed"},
]

# Video: uploads through wagtailmedia into our own media model, probed with Debian's ffmpeg.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "video.VideoMedia",
    "MEDIA_FORM_BASE": "video.media_forms.VideoMediaForm",
    "AUDIO_EXTENSIONS": ["aac", "m4a", "mp3", "ogg", "wav"],
    "VIDEO_EXTENSIONS": ["m4v", "mov", "mp4", "webm"],
}
VIDEO_MAX_UPLOAD_SIZE = env.int("VIDEO_MAX_UPLOAD_MB", default=500) * 1024 * 1024
# Uploads (campaign videos, the media library) are checked with Debian's ffmpeg package
# (core.media_probe): a command name looked up on PATH, or a full path.
FFPROBE_PATH = env.str("FFPROBE_PATH", default="ffprobe")
FFMPEG_PATH = env.str("FFMPEG_PATH", default="ffmpeg")
# Serve MEDIA_URL from Django even with DEBUG off (the browser tests); production leaves this
# off and serves media from a proxy or object storage, which also answer range requests.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # The engine clients log every 404 (a missing alias is normal before the first index).
        "opensearch": {"level": "ERROR"},
        "elastic_transport": {"level": "ERROR"},
    },
}
