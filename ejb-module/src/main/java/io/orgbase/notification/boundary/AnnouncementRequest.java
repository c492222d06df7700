package io.orgbase.notification.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * An announcement to send: to everyone, or to one audience — a department with its subtree, a team,
 * or the members of a system role.
 */
public record AnnouncementRequest(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 4000) String body,
        UUID departmentId,
        UUID teamId,
        @Pattern(regexp = "owner|admin|member|viewer", message = "must be owner, admin, member or viewer")
                String role) {

    public AnnouncementRequest {
        title = title == null ? null : title.strip();
        body = body == null || body.isBlank() ? null : body.strip();
    }
}
