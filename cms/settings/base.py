"""Settings shared by every environment. Each switch is an environment variable (see README)."""

from pathlib import Path

import dj_database_url

from search.conf import wagtailsearch_backends

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("QINGYUAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
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
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'qingyuan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "qingyuan",
    }
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

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

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
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
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "清源辟谣平台 <noreply@localhost>")
if env_str("EMAIL_URL"):
    # smtp://user:password@host:port, kept in one variable like DATABASE_URL.
    from urllib.parse import unquote, urlparse

    _email = urlparse(env_str("EMAIL_URL"))
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A friendly Chinese page when a form's CSRF check fails (e.g. cookies blocked).
CSRF_FAILURE_VIEW = "cms.views.csrf_failure"
# How many reverse proxies add themselves to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Public campaign submissions: attempts per client address per window, and video limits
# (videos are checked with ffprobe from Debian's ffmpeg package; FFPROBE_PATH overrides PATH).
CAMPAIGN_SUBMISSIONS_PER_IP = env_int("CAMPAIGN_SUBMISSIONS_PER_IP", 10)
CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS = env_int("CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS", 3600)
CAMPAIGN_VIDEO_MAX_MB = env_int("CAMPAIGN_VIDEO_MAX_MB", 50)
CAMPAIGN_VIDEO_MAX_SECONDS = env_int("CAMPAIGN_VIDEO_MAX_SECONDS", 180)
FFPROBE_PATH = env_str("FFPROBE_PATH", "")

# Reader tips (我要求证, debunk/): attempts per client address per window, the shortest time a
# person takes to fill the form, screenshot size. Screenshots are kept out of MEDIA_ROOT, in
# PRIVATE_MEDIA_ROOT, and shown only in the admin.
TIPS_PER_IP = env_int("TIPS_PER_IP", 10)
TIPS_WINDOW_SECONDS = env_int("TIPS_WINDOW_SECONDS", 3600)
TIPS_MIN_SECONDS = env_int("TIPS_MIN_SECONDS", 3)
TIPS_SCREENSHOT_MAX_MB = env_int("TIPS_SCREENSHOT_MAX_MB", 5)
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "清源辟谣平台")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Search (see search/conf.py): unset SEARCH_URL = the database backend (SQLite FTS5 or
# PostgreSQL); elasticsearch+http://… or opensearch+http://… = that engine, for the reader search
# page and for Wagtail's admin search alike. Text is prepared (Simplified, segmented) either way.
SEARCH_URL = env_str("SEARCH_URL")
SEARCH_INDEX = env_str("SEARCH_INDEX", "qingyuan-search")
SEARCH_TIMEOUT = env_int("SEARCH_TIMEOUT", 5)
SEARCH_MAX_QUERY_LENGTH = env_int("SEARCH_MAX_QUERY_LENGTH", 2000)
WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(SEARCH_URL, index_prefix=f"{SEARCH_INDEX}-")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
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
VIDEO_MAX_UPLOAD_SIZE = env_int("VIDEO_MAX_UPLOAD_MB", 500) * 1024 * 1024
VIDEO_FFPROBE = env_str("VIDEO_FFPROBE", "ffprobe")
VIDEO_FFMPEG = env_str("VIDEO_FFMPEG", "ffmpeg")
# Serve MEDIA_URL from Django even with DEBUG off (the browser tests); production leaves this
# off and serves media from a proxy or object storage, which also answer range requests.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # The engine clients log every 404 (a missing alias is normal before the first index).
        "opensearch": {"level": "ERROR"},
        "elastic_transport": {"level": "ERROR"},
    },
}
