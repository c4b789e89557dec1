"""The content health report in the admin: findings grouped by kind with counts, filtered
by language and kind, a page at a time, and downloadable as CSV or JSON; plus removing a
placeholder video from every exercise that has it."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from exercises.admin.bases import ExerciseAdminBase
from exercises.models import Language
from exercises.report.findings import FindingKind, content_report, count_by_kind, filter_findings
from exercises.report.formats import findings_csv, findings_json
from exercises.services import remove_video_everywhere

FINDINGS_PER_PAGE = 50
# A finding about many exercises (a placeholder video on hundreds) links the first few.
EXERCISES_SHOWN = 20
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", findings_csv),
    "json": ("application/json", findings_json),
}


class ContentReportMixin(ExerciseAdminBase):
    def get_urls(self):
        report_urls = [
            path(
                "content-report/",
                self.admin_site.admin_view(self.content_report_view),
                name="exercises_exercise_content_report",
            ),
            path(
                "content-report/remove-video/",
                self.admin_site.admin_view(require_POST(self.remove_video_view)),
                name="exercises_exercise_remove_video",
            ),
        ]
        return report_urls + super().get_urls()

    def content_report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language", "")
        language = language if language in Language.values else ""
        kind = request.GET.get("kind", "")
        kind = kind if kind in FindingKind._value2member_map_ else ""
        everything = content_report()
        in_language = filter_findings(everything, language=language)
        findings = filter_findings(in_language, kind=kind)
        download = request.GET.get("format", "")
        if download in DOWNLOADS:
            content_type, render = DOWNLOADS[download]
            response = HttpResponse(render(findings), content_type=content_type)
            name = "-".join(part for part in ["content-report", language, kind] if part)
            response["Content-Disposition"] = f'attachment; filename="{name}.{download}"'
            return response

        counts = count_by_kind(in_language)
        page = Paginator(findings, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
        filters = {"language": language, "kind": kind}

        def query(**changes):
            return "?" + urlencode({k: v for k, v in (filters | changes).items() if v})

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Content health report"),
            "total": len(everything),
            "shown_total": len(findings),
            "kinds": [
                {"kind": each, "count": counts[each], "query": query(kind=str(each), page="")}
                for each in FindingKind
            ],
            "languages": Language.choices,
            "language": language,
            "kind": kind,
            "page": page,
            "groups": [
                {"kind": each, "count": counts[each], "findings": list(group)}
                for each, group in groupby(page.object_list, key=lambda finding: finding.kind)
            ],
            "exercises_shown": EXERCISES_SHOWN,
            "exercises_hidden_offset": -EXERCISES_SHOWN,
            "previous_query": query(page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_query": query(page=page.next_page_number()) if page.has_next() else "",
            "csv_query": query(format="csv"),
            "json_query": query(format="json"),
            "can_change": self.has_change_permission(request),
            "shared_video_kind": FindingKind.SHARED_VIDEO,
        }
        return TemplateResponse(request, "admin/exercises/exercise/content_report.html", context)

    def remove_video_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        video_id = request.POST.get("video_id", "").strip()
        if not video_id:
            self.message_user(request, _("Give the video id to remove."), messages.ERROR)
        else:
            changed = remove_video_everywhere(video_id=video_id)
            self.message_user(
                request,
                ngettext(
                    "Video %(video_id)s removed from %(count)d exercise.",
                    "Video %(video_id)s removed from %(count)d exercises.",
                    changed,
                )
                % {"video_id": video_id, "count": changed},
                messages.SUCCESS if changed else messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:exercises_exercise_content_report"))
