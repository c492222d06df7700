package io.orgbase.organization.api;

import io.orgbase.api.AddressView;
import io.orgbase.organization.boundary.OrganizationRequest;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.control.Tags;

/** Reads an organization's fields from a create or update body. */
final class OrganizationRequests {

    private OrganizationRequests() {}

    /** A new organization: slug and name required, everything else optional. */
    static OrganizationRequest forCreate(JsonBody json) {
        return read(json, Need.REQUIRED, false);
    }

    /** An update: every field optional; null clears the fields that may be empty. */
    static OrganizationRequest forUpdate(JsonBody json) {
        return read(json, Need.OPTIONAL, true);
    }

    private static OrganizationRequest read(JsonBody json, Need identity, boolean update) {
        OrganizationRequest request = new OrganizationRequest(
                json.string("slug", identity),
                json.string("name", identity),
                json.string("code", Need.OPTIONAL),
                json.string("type", Need.OPTIONAL),
                json.uuid("parentId", Need.NULLABLE),
                json.date("effectiveDate", Need.NULLABLE),
                json.date("endDate", Need.NULLABLE),
                json.string("timezone", Need.OPTIONAL),
                json.string("language", Need.OPTIONAL),
                json.string("currency", Need.NULLABLE),
                AddressView.read(json, "primaryAddress", Need.NULLABLE),
                json.document("metadata", update ? Need.NULLABLE : Need.OPTIONAL),
                update ? json.integer("auditRetentionDays", Need.NULLABLE) : null,
                update ? json.document("customFields", Need.NULLABLE) : null,
                update ? json.strings("tags", Need.NULLABLE, Tags.MAX_PER_RECORD) : null,
                update ? json.uuid("primaryContactId", Need.NULLABLE) : null);
        json.finish();
        return request;
    }
}
