package io.orgbase.identity.boundary;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * A new API key.
 *
 * @param name unique in the organization, without surrounding blanks
 * @param role a system role other than owner, or a custom role of the organization
 * @param expiresAt when the key stops working; null: never
 * @param rateLimitPerMinute the key's own budget, below the per-principal limit; null: that limit
 */
public record ApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "^(?!owner$).*", message = "an API key cannot be an owner") String role,
        @Future OffsetDateTime expiresAt,
        @Min(1) @Max(ApiKeys.MAX_RATE_LIMIT) Integer rateLimitPerMinute) {

    public ApiKeyRequest {
        name = name == null ? null : name.strip();
    }
}
