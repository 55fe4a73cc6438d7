"""Serving a stored file from a view, with HTTP Range requests (RFC 9110, section 14).

Django's FileResponse always sends the whole file. Browsers play a video by asking for byte
ranges (Safari on iOS plays nothing without them), so the views that serve private files and
approved campaign videos answer ``Range: bytes=…`` with 206 Partial Content.
"""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

BLOCK_SIZE = 64 * 1024
# One range: "bytes=0-499", "bytes=500-" or the last bytes, "bytes=-500".
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def requested_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte asked for, or None for the whole file.

    A header this view does not understand (several ranges, bad syntax) is ignored, as the RFC
    allows: the client gets the whole file. A range that starts past the end cannot be served.
    """
    match = SINGLE_RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # the last `last` bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def read_range(handle, start: int, end: int):
    try:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            block = handle.read(min(BLOCK_SIZE, remaining))
            if not block:
                break
            remaining -= len(block)
            yield block
    finally:
        handle.close()


def file_response(request, field_file, *, cache_control: str):
    """The file behind a FileField, whole (200), in part (206) or not at all (304, 416, 404).

    ``If-Range`` and ``If-Modified-Since`` are compared with the file's modification time, so a
    cache revalidates cheaply and never stitches parts of two versions together.
    """
    if not field_file:
        raise Http404("没有文件")
    storage, name = field_file.storage, field_file.name
    try:
        handle = storage.open(name, "rb")
        modified = int(storage.get_modified_time(name).timestamp())
    except FileNotFoundError as error:
        raise Http404("文件不存在") from error
    size, last_modified = handle.size, http_date(modified)
    headers = {
        "Accept-Ranges": "bytes",
        "Cache-Control": cache_control,
        "Last-Modified": last_modified,
        "X-Content-Type-Options": "nosniff",
    }

    not_modified = get_conditional_response(request, last_modified=modified)
    if not_modified is not None:
        handle.close()
        return with_headers(not_modified, headers)

    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    range_header = request.headers.get("Range", "")
    if range_header and request.headers.get("If-Range", last_modified) == last_modified:
        try:
            byte_range = requested_range(range_header, size)
        except RangeNotSatisfiable:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return with_headers(response, headers)
        if byte_range is not None:
            start, end = byte_range
            response = StreamingHttpResponse(
                read_range(handle, start, end), status=206, content_type=content_type
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
            return with_headers(response, headers)

    return with_headers(FileResponse(handle, content_type=content_type), headers)


def with_headers(response, headers: dict):
    for header, value in headers.items():
        response[header] = value
    return response
