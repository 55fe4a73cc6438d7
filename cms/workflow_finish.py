"""WAGTAIL_FINISH_WORKFLOW_ACTION: a signed-off workflow publishes, the one sanctioned path
around the review guard (cms.review_guard). Imported by Wagtail while its models load, so it
imports them only when called."""


def publish_signed_off_workflow_state(workflow_state, user=None):
    from wagtail.workflows import publish_workflow_state

    from core.publishing import publishing_allowed

    with publishing_allowed("辟谣审核流程已签发"):
        publish_workflow_state(workflow_state, user=user)
