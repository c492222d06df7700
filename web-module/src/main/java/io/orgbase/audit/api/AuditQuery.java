package io.orgbase.audit.api;

import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.audit.boundary.AuditEvents.Filter;
import io.orgbase.audit.boundary.AuditEvents.Page;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.Cursor;
import io.orgbase.requests.QueryInts;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The query parameters of an audit listing, checked together. */
public class AuditQuery {

    @QueryParam("actorId")
    String actorId;

    @QueryParam("action")
    String action;

    @QueryParam("entityType")
    String entityType;

    @QueryParam("entityId")
    String entityId;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("cursor")
    String cursor;

    @QueryParam("limit")
    String limit;

    /** A page of entries with the cursor of the next one. */
    public record PageView(List<AuditEventView> items, String nextCursor) {

        static PageView of(Page page) {
            return new PageView(
                    page.items().stream().map(AuditEventView::of).toList(),
                    page.nextBefore() == null ? null : Cursor.of(page.nextBefore()));
        }
    }

    Filter filter() {
        List<FieldError> errors = new ArrayList<>();
        Filter filter = new Filter(
                uuid("actorId", actorId, errors),
                blankToNull(action),
                blankToNull(entityType),
                blankToNull(entityId),
                time("from", from, errors),
                time("to", to, errors));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return filter;
    }

    Long before() {
        return Cursor.position(cursor);
    }

    int limit() {
        return QueryInts.parse("limit", limit, 50, 1, AuditEvents.MAX_PAGE);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID uuid(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be an id (UUID)"));
            return null;
        }
    }

    private static OffsetDateTime time(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date-time with offset (2026-01-31T12:00:00Z)"));
            return null;
        }
    }
}
