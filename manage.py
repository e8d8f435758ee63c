#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.management import execute_from_command_line

    # Under production settings, a command other than check/help/version/collectstatic/
    # compilemessages/diffsettings refuses while a start-up check reports a problem.
    from cms.ops.startup import refuse_command_if_misconfigured

    refuse_command_if_misconfigured(sys.argv)
    execute_from_command_line(sys.argv)
