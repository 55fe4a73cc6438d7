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
    "csp",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files need no policy), before everything that renders a page.
    "cms.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
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

# Background work (index updates, notifications, video probing) goes through django-tasks.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

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
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media")))

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
