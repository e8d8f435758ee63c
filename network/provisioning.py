"""The review workflow for partner-group profiles (created by bootstrap_tokyo, idempotent)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from .models import Organisation

WORKFLOW_NAME = "団体プロフィールの審査"
TASK_NAME = "都コーディネーターによる確認"


def ensure_profile_workflow(metro_group):
    """Every organisation edit by a group's editor goes through one approval by the
    metropolitan coordinators before it is published. An existing assignment (a coordinator
    may have changed the workflow in the admin) is kept."""
    content_type = ContentType.objects.get_for_model(Organisation)
    assigned = WorkflowContentType.objects.filter(content_type=content_type).select_related("workflow").first()
    if assigned is not None:
        return assigned.workflow
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(metro_group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
    return workflow
