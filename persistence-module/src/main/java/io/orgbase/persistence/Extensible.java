package io.orgbase.persistence;

import java.util.List;
import java.util.UUID;

/**
 * A record an organization extends with its own custom fields (a JSON object validated against the
 * organization's definitions) and tags (kept in tagging rows, attached to the loaded record by the
 * boundary that returns it).
 */
public interface Extensible {

    UUID getId();

    RecordKind recordKind();

    /** The version of the record as loaded: every change of its fields or its tags makes a new one. */
    long getVersion();

    /** The values as a JSON object text. */
    String getCustomFields();

    void setCustomFields(String customFields);

    /** The tag names, sorted; empty until attached. */
    List<String> getTags();

    /** Whether the tags are known: a record kept apart from its tags is not, until they are attached. */
    boolean tagsAttached();

    void attachTags(List<String> tags);
}
