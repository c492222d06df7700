package io.orgbase.team.boundary;

import jakarta.validation.constraints.Size;

/**
 * Fields a client sets on a team.
 *
 * @param settings a free-form JSON object, as text
 */
public record TeamRequest(
        @Size(min = 1, max = 200) String name, @Size(max = 4000) String description, String settings) {}
