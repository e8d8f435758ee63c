"""The review workflow of council and meeting pages (created by bootstrap_tokyo, idempotent)."""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask


COUNCIL_WORKFLOW_NAME = "会議録の公開審査"
COUNCIL_TASK_NAME = "都コーディネーターによる会議録の確認"


def ensure_council_workflow(metro_group=None):
    """Council and meeting pages are published by approving them: municipal coordinators write
    and submit; the metropolitan coordinators, who moderate the portal, approve. The workflow is
    assigned to each municipality's 会議・協議会 page (assign_council_workflow), so it covers every
    council and meeting below it, whoever creates them."""
    from django.contrib.auth.models import Group

    from tenants.roles import GLOBAL_GROUP_NAMES, Role

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
    from wagtail.models import WorkflowPage

    if not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=ensure_council_workflow())


def ensure_council_workflows(metro_group):
    """From bootstrap_tokyo: the workflow exists and every 会議・協議会 page has one."""
    from .models.councils import CouncilIndexPage

    ensure_council_workflow(metro_group)
    for page in CouncilIndexPage.objects.all():
        assign_council_workflow(page)
