package io.orgbase.team.boundary;

import io.orgbase.persistence.ExtensibleRequest;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Fields a client sets on a team.
 *
 * @param settings a free-form JSON object, as text
 * @param customFields values of the organization's team fields, a JSON object as text
 * @param tags tag names
 */
public record TeamRequest(
        @Size(min = 1, max = 200) String name,
        @Size(max = 4000) String description,
        String settings,
        String customFields,
        List<String> tags)
        implements ExtensibleRequest {}
