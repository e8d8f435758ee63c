"""Demo data of the support network from the sources in network/data/ (windows, organisations)
and invented, relative-dated councils and case reviews for Shinjuku, and the Support Net's own
Tokyo-wide councils. cms.demo.load_demo runs
these loaders in its order (organisations before agreements, councils and cases after the demo
users); each is idempotent. Never loaded in production."""

from .cases import load_demo_cases
from .councils import load_demo_councils
from .organisations import load_demo_organisations
from .tokyo_councils import load_demo_tokyo_councils
from .windows import load_demo_windows

__all__ = ["load_demo_cases", "load_demo_councils", "load_demo_organisations", "load_demo_tokyo_councils",
           "load_demo_windows"]
