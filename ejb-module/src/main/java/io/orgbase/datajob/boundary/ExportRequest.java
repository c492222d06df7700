package io.orgbase.datajob.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An export to start.
 *
 * @param collection the collection's name in the API ({@code departments})
 * @param format {@code csv}, {@code xlsx} or {@code pdf}
 * @param fields the columns, in order (every exportable column unless named)
 * @param query the rows, as the collection's list takes them in its query string: {@code q},
 *     {@code sort}, {@code filter} and simple filters ({@code q=sales&sort=-createdAt}); every row
 *     unless given
 */
public record ExportRequest(
        @NotNull @Size(max = 64) String collection,
        @NotNull @Pattern(regexp = "csv|xlsx|pdf", message = "must be csv, xlsx or pdf") String format,
        @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> fields,
        @Size(max = 8192) String query) {}
