package io.orgbase.notification.api;

import io.orgbase.notification.Announcement;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An announcement: what it says, to whom, who sent it and when. */
public record AnnouncementView(
        UUID id,
        String title,
        String body,
        String audience,
        UUID departmentId,
        UUID teamId,
        String role,
        UUID createdBy,
        OffsetDateTime createdAt) {

    static AnnouncementView of(Announcement a) {
        return new AnnouncementView(
                a.getId(),
                a.getTitle(),
                a.getBody(),
                a.getAudience(),
                a.getDepartmentId(),
                a.getTeamId(),
                a.getRole(),
                a.getCreatedBy(),
                a.getCreatedAt());
    }
}
