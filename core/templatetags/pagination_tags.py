"""`{% pagination page_obj %}`: previous / next links for a list paginated by core.pagination."""

from django import template

from core.pagination import page_url

register = template.Library()


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj, param="page", label="分页", anchor=""):
    """Links keep the reader's other query parameters; `param` names the page parameter when a
    page holds more than one list, `anchor` brings the reader back to the list."""
    query = context["request"].GET
    return {
        "label": label,
        "number": page_obj.number,
        "num_pages": page_obj.paginator.num_pages,
        "previous_url": page_url(query, page_obj.previous_page_number(), param, anchor)
        if page_obj.has_previous()
        else "",
        "next_url": page_url(query, page_obj.next_page_number(), param, anchor)
        if page_obj.has_next()
        else "",
    }
