"""Settings shared by every environment. Values that differ per deployment come from the
environment (see the configuration table in README.md)."""

import datetime
import json
import os
from pathlib import Path

from .database import database_from_url
from .log_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TSUNAGU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "tenants",
    "network",
    "agreements",
    "training",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
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
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_ratelimit",
    "django_filters",
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: /healthz and /readyz answer before sessions, CSRF and the SSL redirect (cms/ops/health.py).
    "cms.ops.health.HealthMiddleware",
    # Second: one JSON line per request, timing everything below (cms/ops/request_log.py).
    "cms.ops.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the request: a NUL or other control character in the path, query or a
    # form value gets the Japanese 400 page, never a database error (tenants/input_guard.py).
    "tenants.input_guard.ControlCharacterMiddleware",
    "cms.security.SiteCSPMiddleware",
    # 304 Not Modified from the ETag and Last-Modified the page cache puts on shared pages.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the public site is Japanese whatever the browser asks for (there is no
    # English content and no switcher). The admin follows each user's own language preference,
    # which Wagtail activates in every admin view.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A session ends 12 hours after signing in, however busy (tenants/session_limits.py).
    "tenants.session_limits.SessionLifetimeMiddleware",
    # Anonymous pages from the shared cache (cms/page_cache.py): after authentication, before
    # everything a hit can skip.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    # Every request starts with no tenant scope: tenant-owned queries raise until a view opens one.
    "tenants.scoping.ScopeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tenants.second_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A search cut at its length limit says so on the admin page (tenants/search_notice.py).
    "tenants.search_notice.SearchLengthNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the Japanese lock-out page.
    "axes.middleware.AxesMiddleware",
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

# --- database -----------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL in production and CI; the embedded default is a SQLite file.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tsunagu.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL, os.environ.get("TSUNAGU_SQLITE_TEST_NAME"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication -----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while the username (from this address) is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object grants that do not follow the tenant line (an editor on their organisation, ...).
    "guardian.backends.ObjectPermissionBackend",
]
# No guardian "AnonymousUser" row: the public never holds object permissions.
ANONYMOUS_USER_NAME = None
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 to 128 characters, repeated spaces counted once (OWASP ASVS V2.1.1, V2.1.2).
    {"NAME": "tenants.passwords.LengthValidator",
     "OPTIONS": {"min_length": 12, "max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: emails the person when their password changes (tenants/account_notices.py).
    {"NAME": "tenants.account_notices.PasswordChangeNotice"},
]
LOGIN_URL = "wagtailadmin_login"

# Two-factor sign-in (tenants/second_factor.py) for everyone who enters the admin. Production
# always requires it; the local demo turns it off (cms/settings/dev.py) unless asked for.
TSUNAGU_REQUIRE_2FA = env_bool("TSUNAGU_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "つなぐ Tsunagu"
# Login throttling (django-axes): 5 failures for one username from one address lock that pair out
# for 15 minutes; a success resets the count. The lock-out page is Japanese (templates/).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
TSUNAGU_PROXY_COUNT = int(os.environ.get("TSUNAGU_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip"
# Staff sessions end after 30 minutes without a request, 12 hours after signing in however busy
# (tenants/session_limits.py), and when the browser closes (OWASP ASVS V3.3.2, level 2).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
TSUNAGU_SESSION_MAX_HOURS = int(os.environ.get("TSUNAGU_SESSION_MAX_HOURS", "12"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# --- language, time, formats --------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
# Our catalogue first, then our completion of Wagtail's half-translated ja admin catalogue
# (kept apart so makemessages never marks those strings obsolete).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "translations" / "wagtail"]
# Django's ja formats accept only ISO dates on input; ours add 2026/11/21 and 2026年11月21日.
FORMAT_MODULE_PATH = ["cms.formats"]

# --- static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
from .storage import MEDIA_ROOT, MEDIA_URL, PRIVATE_MEDIA_ROOT, STORAGES, TSUNAGU_STORAGE  # noqa: E402,F401
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- email --------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "つなぐ <noreply@tsunagu.example.jp>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))

# --- the challenge above a form's soft rate limit (tenants/throttle/challenge.py) --------------
# HMAC key for ALTCHA challenges; derived from SECRET_KEY when unset. MAX_NUMBER sets the work:
# about half of it SHA-256 hashes on average, a second or two in a phone's browser.
# An operator may change a public form's rate limit (tenants/throttle lists the groups and their
# defaults): TSUNAGU_RATE_LIMITS='{"event_apply": [5, 20, 3600]}' is soft (or null), hard, window s.
try:
    TSUNAGU_RATE_LIMITS = json.loads(os.environ.get("TSUNAGU_RATE_LIMITS") or "{}")
except ValueError as error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"TSUNAGU_RATE_LIMITS is not valid JSON: {error}") from None
ALTCHA_HMAC_KEY = os.environ.get("ALTCHA_HMAC_KEY", "")
ALTCHA_MAX_NUMBER = int(os.environ.get("ALTCHA_MAX_NUMBER", "100000"))
# The Support Net's free number, shown where a request is refused (as on the event pages).
TSUNAGU_SUPPORT_PHONE = "0120-529-528"

# --- cache, task queue, sessions, lock-out counters: cms/settings/shared_state.py ----------
from .shared_state import *  # noqa: E402,F403

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "つなぐ 東京都ひきこもりサポートネット"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# No external avatar service: the admin shows its own default avatar, never a request to gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Tokyo"]
# The one date format of the admin: what the date pickers write and the first form every date
# field reads (tenants/date_entry.py, cms/formats/ja/formats.py), besides 年月日, 令和 and 14時.
WAGTAIL_DATE_FORMAT = "%Y/%m/%d"
WAGTAIL_DATETIME_FORMAT = "%Y/%m/%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "tenants.search_backend"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
# Documents: what tenants/uploads.py accepts, checked by content in cms.forms.DocumentForm.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt", "jpg", "jpeg", "png"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.LoginForm"
WAGTAIL_MODERATION_ENABLED = True

# The anonymous page cache (cms/page_cache.py): how long a page is kept (every change that shows
# replaces its generation before then), and the max-age / s-maxage browsers, nginx and a CDN get.
TSUNAGU_PAGE_CACHE = env_bool("TSUNAGU_PAGE_CACHE", True)
TSUNAGU_PAGE_CACHE_SECONDS = int(os.environ.get("TSUNAGU_PAGE_CACHE_SECONDS", "600"))
TSUNAGU_PAGE_CACHE_MAX_AGE = int(os.environ.get("TSUNAGU_PAGE_CACHE_MAX_AGE", "60"))
# nginx's cache (or a CDN) in front: Wagtail's frontend_cache sends PURGE requests there on
# publish, unpublish and every other change (docs/deployment.md, "Page cache").
if os.environ.get("TSUNAGU_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["TSUNAGU_FRONTEND_CACHE_URL"]}}

# One JSON line per request on stdout (logger tsunagu.requests); production makes every log JSON.
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "WARNING"))

# Partner-group editor invitations stay usable this many days.
TSUNAGU_INVITATION_VALID_DAYS = int(os.environ.get("TSUNAGU_INVITATION_VALID_DAYS", "7"))
# Expert-bank consultations one organisation may request per fiscal year (cancelled ones do not count).
TSUNAGU_CONSULTATIONS_PER_YEAR = int(os.environ.get("TSUNAGU_CONSULTATIONS_PER_YEAR", "6"))
# Applicants' names, phone numbers and emails are erased this many days after the event.
TSUNAGU_BOOKING_RETENTION_DAYS = int(os.environ.get("TSUNAGU_BOOKING_RETENTION_DAYS", "90"))
# Case-review free text and consent scans are encrypted with these Fernet keys (first encrypts,
# all decrypt; see tenants/crypto.py and `manage.py rotate_case_keys`).
TSUNAGU_CASE_KEYS = env_list("TSUNAGU_CASE_KEYS")
# Closed case reviews are anonymised this many days after closing (5 years by default).
TSUNAGU_CASE_RETENTION_DAYS = int(os.environ.get("TSUNAGU_CASE_RETENTION_DAYS", str(5 * 365)))


from cms.security import STRICT as _CSP_STRICT  # noqa: E402

CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_STRICT}
