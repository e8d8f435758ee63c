import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
application = get_wsgi_application()

# Under production settings: refuse to serve while a start-up check reports a problem.
from cms.ops.startup import refuse_if_misconfigured  # noqa: E402

refuse_if_misconfigured()
