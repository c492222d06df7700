package io.orgbase.organization.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A member's employment in the organization.
 *
 * @param employeeNumber unique in the organization
 * @param departmentId a department of the organization
 * @param managerId the user id of another member; managers never form a cycle
 */
public record Employment(
        @Size(min = 1, max = 200) String jobTitle,
        @Pattern(
                        regexp = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$",
                        message =
                                "must be 1 to 64 letters, digits, '.', '_', '/' or '-', starting with a letter or digit")
                String employeeNumber,
        UUID departmentId,
        UUID managerId) {}
