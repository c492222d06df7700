package io.orgbase.category.boundary;

import io.orgbase.category.CategoryType;
import io.orgbase.persistence.ExtensibleRequest;
import io.orgbase.requests.KeyOf;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Fields a client sets on a category.
 *
 * @param slug unique in the organization; made from the name when a new category has none
 * @param type what the category classifies
 * @param customFields values of the organization's category fields, a JSON object as text
 * @param tags tag names
 */
public record CategoryRequest(
        @Size(min = 1, max = 200) String name,
        @Size(min = 1, max = 100)
                @Pattern(
                        regexp = "^[a-z0-9]+(-[a-z0-9]+)*$",
                        message = "must be lowercase letters and digits in words joined by '-'")
                String slug,
        @KeyOf(CategoryType.class) String type,
        UUID parentId,
        @Size(max = 4000) String description,
        Boolean active,
        String customFields,
        List<String> tags)
        implements ExtensibleRequest {}
