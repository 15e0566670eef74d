"""A report sent to an admin import page over the request limit gets that page, saying so.

Django refuses a form body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with a bare 400 the moment anything
reads ``request.POST`` (the CSRF check does, before any view runs), so an editor who pasted or
confirmed a too-big report saw a blank error and the import log kept nothing. For the two pages that
take reports, this middleware (before CsrfViewMiddleware) keeps only the body's first 64 KB: the
CSRF token, which it hands to the CSRF check as its header, and an upload's file name. The rest is
read and dropped 64 KB at a time (bounded memory at any size). The request carries
``report_too_big`` = (bytes, file name), and the page shows the size and the limit and logs the
failed import (``results.admin.imports``). Only for a signed-in session: an anonymous body is left to
Django's bare 400, so nobody without an account can keep a worker reading 16 MB.
"""

import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import Resolver404, resolve

REPORT_PAGES = {"results_importrun_import", "results_event_paste"}
HEAD = 64 * 1024  # the form's first fields come first: the token, then the file's part header
_TOKEN = (
    re.compile(rb"(?:^|&)csrfmiddlewaretoken=([A-Za-z0-9]{32,64})(?:&|$)"),
    re.compile(rb'name="csrfmiddlewaretoken"\r\n\r\n([A-Za-z0-9]{32,64})\r\n'),
)
_FILE_NAME = re.compile(rb'name="file"; filename="([^"\r\n]{1,255})"')


class ReportTooBigMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = _content_length(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            request.method == "POST"
            and limit is not None
            and size > limit
            and _is_report_page(request)
            and SESSION_KEY in request.session  # signed in (who may import is checked by the page)
        ):
            head = request.read(HEAD)  # request.POST is now empty
            while request.read(HEAD):
                pass  # the rest is drained unkept: a browser still sending shows no page if the server stops reading
            token = next((m.group(1) for p in _TOKEN if (m := p.search(head))), b"")
            if token and settings.CSRF_HEADER_NAME not in request.META:
                request.META[settings.CSRF_HEADER_NAME] = token.decode("ascii")
            name = _FILE_NAME.search(head)
            request.report_too_big = (size, name.group(1).decode("utf-8", "replace") if name else "")
        return self.get_response(request)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_report_page(request):
    try:
        return resolve(request.path_info).url_name in REPORT_PAGES
    except Resolver404:
        return False
