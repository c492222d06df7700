package io.orgbase.datajob.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * An import to start.
 *
 * @param collection the collection's name in the API ({@code departments})
 * @param fileId an uploaded file of the organization
 * @param mode {@code create}, {@code update} or {@code upsert} (the default) by the natural key
 * @param dryRun check and count everything, change nothing
 * @param charset the file's encoding (UTF-8 unless named)
 * @param delimiter the field separator: {@code ,} (the default), {@code ;}, a tab or {@code |}
 * @param mapping header to field, for columns whose header is none of the field's names
 * @param format {@code csv} or {@code xlsx}; unless named, the uploaded file's type or name decides
 * @param sheet a workbook's sheet to read (the first unless named)
 * @param allOrNothing write the rows only if every row passes every check (they are all checked
 *     first); otherwise a bad row never stops the good ones
 */
public record ImportRequest(
        @NotNull @Size(max = 64) String collection,
        @NotNull UUID fileId,
        @Pattern(regexp = "create|update|upsert", message = "must be create, update or upsert") String mode,
        Boolean dryRun,
        @Size(max = 40) String charset,
        @Pattern(regexp = "[,;\t|]", message = "must be one of , ; | or a tab") String delimiter,
        @Size(max = 1000) Map<@Size(max = 500) String, @Size(max = 64) String> mapping,
        @Pattern(regexp = "csv|xlsx", message = "must be csv or xlsx") String format,
        @Size(max = 100) String sheet,
        Boolean allOrNothing) {}
