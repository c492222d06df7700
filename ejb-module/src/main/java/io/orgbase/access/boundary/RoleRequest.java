package io.orgbase.access.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Fields a client sets on a custom role. {@code permissions} are catalogue keys; {@code parent} is
 * the key of a system role or of another custom role of the organization.
 */
public record RoleRequest(
        @Size(min = 2, max = 63)
                @Pattern(
                        regexp = "^(?!bulk$)[a-z][a-z0-9-]{1,62}$",
                        message = "must be 2-63 lowercase letters, digits or '-', starting with a letter (not 'bulk')")
                String key,
        @Size(min = 1, max = 100) String name,
        @Size(max = 4000) String description,
        @Size(max = 200) List<String> permissions,
        String parent) {}
