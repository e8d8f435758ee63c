"""Helpers for django-fsm-2 state machines whose guards explain themselves.

A guard is a condition of `@transition(..., conditions=[...])` that carries the Japanese
message shown when it fails (`guard`). `failed_guard()` names the first guard that holds a
transition back, so a service can refuse with the guard's own words. The apps' services stay
the only callers of the transitions (docs/architecture.md)."""


def guard(message, **params):
    """Mark a condition with the message shown when it fails. `params` map the message's
    placeholders to functions of the instance (e.g. ``expert=lambda request: request.expert``)."""
    def decorate(function):
        function.message = message
        function.params = params
        return function
    return decorate


def message_of(condition, instance):
    message = str(condition.message)
    if condition.params:
        message = message % {name: value(instance) for name, value in condition.params.items()}
    return message


def failed_guard(method):
    """The message of the first guard holding back the bound transition `method` from its
    instance's current state; None when no transition leaves that state or every guard passes."""
    instance = method.__self__
    meta = method._django_fsm
    state = meta.field.get_state(instance)
    if not meta.has_transition(state):
        return None
    for condition in meta.get_transition(state).conditions:
        if not condition(instance):
            return message_of(condition, instance)
    return None
