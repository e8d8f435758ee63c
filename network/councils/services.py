"""The review workflow of council and meeting pages (created by bootstrap_tokyo, idempotent, and
assigned to every municipality's 会議・協議会 page when it is saved)."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from tenants.roles import GLOBAL_GROUP_NAMES, Role

from ..models import CouncilIndexPage

COUNCIL_WORKFLOW_NAME = "会議録の公開審査"
COUNCIL_TASK_NAME = "都コーディネーターによる会議録の確認"


def ensure_council_workflow(metro_group=None):
    """Council and meeting pages are published by approving them: municipal coordinators write
    and submit; the metropolitan coordinators, who moderate the portal, approve. The workflow is
    assigned to each municipality's 会議・協議会 page (assign_council_workflow), so it covers every
    council and meeting below it, whoever creates them."""
    workflow = Workflow.objects.filter(name=COUNCIL_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    metro_group = metro_group or Group.objects.get(name=GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR])
    task = GroupApprovalTask.objects.filter(name=COUNCIL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=COUNCIL_TASK_NAME)
    task.groups.add(metro_group)
    workflow = Workflow.objects.create(name=COUNCIL_WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_council_workflow(index_page):
    """Idempotent; a workflow a metropolitan coordinator assigned by hand is kept."""
    if not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=ensure_council_workflow())


def assign_council_workflow_on_save(sender, instance, raw=False, **kwargs):
    """post_save of CouncilIndexPage (connected in NetworkConfig.ready): whoever creates the
    index page, everything below it is moderated. Fixtures loaded raw are left as they are."""
    if not raw:
        assign_council_workflow(instance)


def ensure_council_workflows(metro_group):
    """From bootstrap_tokyo: the workflow exists and every 会議・協議会 page has one."""
    ensure_council_workflow(metro_group)
    for page in CouncilIndexPage.objects.all():
        assign_council_workflow(page)
