package io.orgbase.persistence;

import java.util.List;

/** What a client may send to an extensible record besides its own fields: custom field values and tags. */
public interface ExtensibleRequest {

    /** The values as a JSON object text; null when not sent (or cleared, on an update). */
    String customFields();

    /** Tag names; null when not sent (or cleared, on an update). */
    List<String> tags();
}
