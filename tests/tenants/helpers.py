from cms.models import StandardPage


def add_page(parent, title, slug, publish=True):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, live=False))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def draft_change(page, new_title):
    """Save a draft with a new title on a live page (the live title stays)."""
    page = page.specific
    page.title = new_title
    page.save_revision()
    page.refresh_from_db()
    return page


def refused(response):
    """Wagtail refuses admin actions with a 403 or with a redirect away from the object (to the
    dashboard or to the user's own explorable root) plus a message. A redirect to the login page
    would mean the test user was not signed in, which proves nothing."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/login/" not in response["Location"]
