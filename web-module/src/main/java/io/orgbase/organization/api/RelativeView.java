package io.orgbase.organization.api;

import io.orgbase.organization.Organization;
import io.orgbase.organization.boundary.Organizations.Relative;
import java.util.Locale;
import java.util.UUID;

/**
 * An organization in a hierarchy listing: enough to show and address it, and its distance from the
 * organization asked about. Members of one organization see these facts about its relatives
 * without being members there.
 */
public record RelativeView(
        UUID id, String slug, String code, String name, String type, String status, UUID parentId, int depth) {

    static RelativeView of(Relative relative) {
        Organization o = relative.organization();
        return new RelativeView(
                o.getId(),
                o.getSlug(),
                o.getCode(),
                o.getName(),
                o.getType(),
                o.getStatus().name().toLowerCase(Locale.ROOT),
                o.getParentId(),
                relative.depth());
    }
}
