"""Rules about the other apps' objects, registered by those apps at startup.

`tenants` sits at the bottom of the dependency order (DESIGN.md): it imports nothing of network,
training or agreements, not even by an app label in a string. Yet `tenants.access` is the one
place every view asks. So the app that owns a model writes the rule about its objects in its own
`access_rules.py` and registers it here from its `AppConfig.ready()`; `tenants.access` keeps the
name callers ask (`access.can_see_case(user, case)`) and hands the question on by rule name.
`network.partners` does the same one level up, for the partner condition agreements owns.

Asking for a rule that no app registered is a programming error (the owning app is missing from
INSTALLED_APPS, or its ready() did not register it), never an answer: it raises rather than
quietly saying yes or no. The registry is filled at startup, the same in every process."""

_rules = {}


class RuleNotRegistered(LookupError):
    """A rule was asked for that no installed app registered."""


def register_rule(name: str, fn) -> None:
    """Make `fn` answer the rule `name`. Registering the same function again (ready() run twice)
    is harmless; a second, different function for a name already taken is refused."""
    current = _rules.get(name)
    if current is not None and _qualified(current) != _qualified(fn):
        raise ValueError(f"The access rule {name!r} is already registered by {_qualified(current)}; "
                         f"{_qualified(fn)} cannot take it over.")
    _rules[name] = fn


def register_rules(**rules) -> None:
    """Several at once: `register_rules(can_see_case=can_see_case, ...)`."""
    for name, fn in rules.items():
        register_rule(name, fn)


def is_registered(name: str) -> bool:
    return name in _rules


def rule(name: str):
    """The function registered for `name`."""
    try:
        return _rules[name]
    except KeyError:
        raise RuleNotRegistered(
            f"No app registered the access rule {name!r}. The app that owns the objects it is "
            f"about must call tenants.access.register_rule({name!r}, ...) in its AppConfig.ready() "
            f"(see its access_rules.py), and be in INSTALLED_APPS.") from None


def ask(name: str, *args, **kwargs):
    """Answer the rule `name` with the function its app registered."""
    return rule(name)(*args, **kwargs)


def _qualified(fn) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"
