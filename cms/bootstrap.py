"""Set up the portal and the 62 municipal spaces. Idempotent: a second run changes nothing."""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page, Site

from agreements.tasks import ensure_schedules
from network.councils.services import ensure_council_workflows
from network.profiles.services import ensure_profile_workflow
from network.tasks import ensure_schedules as ensure_network_schedules
from tenants.loading import load_municipalities
from training.tasks import ensure_schedules as ensure_training_schedules
from tenants.models import Municipality
from tenants.provisioning import provision_global_groups, provision_municipality
from tenants.roles import Role

from .models import HomePage, MunicipalityPage

# Content, not UI: page titles are edited in Japanese by coordinators.
PORTAL_TITLE = "東京都ひきこもりサポートネット"


@dataclass
class BootstrapReport:
    municipalities_created: int = 0
    municipalities_updated: int = 0
    pages_created: list = field(default_factory=list)
    home_created: bool = False


def _publish(page):
    page.save_revision().publish()
    return page


def ensure_home_page(report):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a plain "Welcome" page at /; replace it.
        for welcome in root.get_children().exact_type(Page):
            welcome.delete()
        home = root.add_child(instance=HomePage(
            title=PORTAL_TITLE, slug="home",
            intro="ひきこもりについて、ご本人・ご家族・支援者のみなさんが安心して相談できる場所をご案内します。",
        ))
        _publish(home)
        report.home_created = True
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name=PORTAL_TITLE)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def ensure_municipality_page(home, municipality, report):
    if municipality.root_page_id:
        return municipality.root_page
    page = MunicipalityPage.objects.child_of(home).filter(slug=municipality.slug).first()
    if page is None:
        page = home.add_child(instance=MunicipalityPage(
            title=municipality.name, slug=municipality.slug,
            intro=f"{municipality.name}のひきこもり相談窓口、お知らせ、地域の支援についてご案内します。",
        ))
        _publish(page)
        report.pages_created.append(municipality.slug)
    return page


@transaction.atomic
def bootstrap_tokyo():
    report = BootstrapReport()
    report.municipalities_created, report.municipalities_updated = load_municipalities()
    home = ensure_home_page(report)
    groups = provision_global_groups(home)
    ensure_profile_workflow(groups[Role.METRO_COORDINATOR])
    ensure_council_workflows(groups[Role.METRO_COORDINATOR])
    for municipality in Municipality.objects.select_related("root_page"):
        page = ensure_municipality_page(home, municipality, report)
        provision_municipality(municipality, page)
    ensure_schedules()
    ensure_network_schedules()
    ensure_training_schedules()
    return report
