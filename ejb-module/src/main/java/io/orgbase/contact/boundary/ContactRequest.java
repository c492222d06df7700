package io.orgbase.contact.boundary;

import io.orgbase.persistence.ExtensibleRequest;
import io.orgbase.requests.AddressRequest;
import io.orgbase.requests.Contacts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Fields a client sets on a contact. A list of channels replaces the contact's channels of that
 * kind; within one list at most one is primary (none marked: the first is).
 *
 * @param status a slug of the status vocabulary
 * @param customFields values of the organization's contact fields, a JSON object as text
 */
public record ContactRequest(
        @Size(min = 1, max = 50) String title,
        @Size(min = 1, max = 100) String firstName,
        @Size(min = 1, max = 100) String lastName,
        @Size(min = 1, max = 200) String jobTitle,
        @Size(min = 1, max = 200) String department,
        @Size(min = 1, max = 200) String organizationName,
        String status,
        @Size(max = 10000) String notes,
        @Valid List<EmailEntry> emails,
        @Valid List<PhoneEntry> phones,
        @Valid List<AddressEntry> addresses,
        String customFields,
        List<String> tags)
        implements ExtensibleRequest {

    /** Most channels of one kind on a contact. */
    public static final int MAX_CHANNELS = 20;

    public record EmailEntry(
            @NotNull @Email(message = "must be an email address") @Size(max = 320) String email,
            @Pattern(regexp = "work|personal|other", message = "must be work, personal or other") String type,
            Boolean primary) {}

    public record PhoneEntry(
            @NotNull @Contacts.Phone String number,
            @Pattern(regexp = "mobile|work|home|fax|other", message = "must be mobile, work, home, fax or other")
                    String type,
            Boolean primary) {}

    public record AddressEntry(
            @NotNull @Valid AddressRequest address,
            @Pattern(
                            regexp = "billing|shipping|home|work|other",
                            message = "must be billing, shipping, home, work or other")
                    String type,
            Boolean primary) {}
}
