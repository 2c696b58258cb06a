"""Pages under /meetings/ (URL namespace "meetings")."""

from django.urls import path

from joinedup.web.meetings.views import actions, agenda, meetings, minutes, papers, recording

app_name = "meetings"
urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("new/", meetings.new_meeting, name="new"),
    path("actions/", actions.my_actions, name="actions"),
    path("actions/<int:action_id>/", actions.action, name="action"),
    path("<str:reference>/", meetings.meeting, name="meeting"),
    path("<str:reference>/agenda/", agenda.agenda, name="agenda"),
    path("<str:reference>/status/", meetings.status, name="status"),
    path("<str:reference>/attendance/", recording.attendance, name="attendance"),
    path("<str:reference>/items/<int:item_id>/", recording.item, name="item"),
    path("<str:reference>/minutes/", minutes.minutes, name="minutes"),
    path("<str:reference>/papers/", papers.papers, name="papers"),
]
