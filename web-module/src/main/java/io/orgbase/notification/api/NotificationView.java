package io.orgbase.notification.api;

import io.orgbase.notification.Notification;
import io.orgbase.notification.boundary.Notifications.OrgRef;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A notification as its recipient sees it, with the record it is about. */
public record NotificationView(
        UUID id,
        OrgRef org,
        String type,
        String title,
        String body,
        SubjectView subject,
        ActorView actor,
        boolean read,
        OffsetDateTime readAt,
        OffsetDateTime createdAt) {

    /** What it is about: its kind, id and where the API serves it. */
    public record SubjectView(String type, String id, String path) {}

    /** Who caused it. */
    public record ActorView(UUID id, String label) {}

    static NotificationView of(Notification n, Map<UUID, OrgRef> organizations) {
        return new NotificationView(
                n.getId(),
                organizations.getOrDefault(n.getOrgId(), new OrgRef(n.getOrgId(), null, null)),
                n.getType(),
                n.getTitle(),
                n.getBody(),
                n.getSubjectPath() == null
                        ? null
                        : new SubjectView(n.getSubjectType(), n.getSubjectId(), n.getSubjectPath()),
                n.getActor() == null && n.getActorId() == null ? null : new ActorView(n.getActorId(), n.getActor()),
                n.isRead(),
                n.getReadAt(),
                n.getCreatedAt());
    }
}
