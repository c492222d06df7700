package io.orgbase.department.boundary;

import io.orgbase.persistence.ExtensibleRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Fields a client sets on a department.
 *
 * @param headId the user id of a member of the organization
 * @param settings a free-form JSON object, as text
 * @param customFields values of the organization's department fields, a JSON object as text
 * @param tags tag names
 */
public record DepartmentRequest(
        @Size(min = 1, max = 200) String name,
        @Size(min = 1, max = 64)
                @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$", message = "must be letters, digits, '.', '_' or '-'")
                String code,
        UUID parentId,
        @Size(max = 4000) String description,
        UUID headId,
        String settings,
        String customFields,
        List<String> tags)
        implements ExtensibleRequest {}
