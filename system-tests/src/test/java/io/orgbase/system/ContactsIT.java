package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contacts with several emails, phones and addresses, exactly one primary of each (held by the database too). */
class ContactsIT {

    private static JsonArray array(JsonObject... items) {
        var builder = Json.createArrayBuilder();
        for (JsonObject item : items) {
            builder.add(item);
        }
        return builder.build();
    }

    @Test
    void contactsWithChannelsTagsAndCustomFields() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String contacts = org.path() + "/contacts";
        Fixtures.define(
                owner,
                org,
                json(
                        "entity",
                        "contact",
                        "key",
                        "segment",
                        "label",
                        "Segment",
                        "type",
                        "enum",
                        "enumValues",
                        List.of("smb", "enterprise")));

        Api.Reply created = owner.api()
                .post(
                        contacts,
                        json(
                                "title", "Dr.",
                                "firstName", "Ada",
                                "lastName", "Lovelace",
                                "organizationName", "Analytical Engines Ltd",
                                "emails",
                                        array(
                                                json("email", "ada@example.com"),
                                                json("email", "ADA@home.example", "type", "personal")),
                                "phones",
                                        array(
                                                json("number", "+41 44 668 18 00", "type", "mobile", "primary", true),
                                                json("number", "+44 20 7946 0958")),
                                "addresses",
                                        array(json(
                                                "address",
                                                json("line1", "1 Main St", "city", "London", "country", "GB"),
                                                "type",
                                                "billing")),
                                "customFields", json("segment", "enterprise"),
                                "tags", List.of("Customer")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonObject ada = created.json();
        UUID id = created.id();
        assertThat(ada.getString("primaryEmail")).isEqualTo("ada@example.com");
        assertThat(ada.getString("primaryPhone")).isEqualTo("+41446681800");
        assertThat(ada.getJsonArray("emails")).hasSize(2);
        assertThat(ada.getJsonArray("addresses").getJsonObject(0).getBoolean("primary"))
                .isTrue();
        assertThat(ada.getJsonArray("addresses")
                        .getJsonObject(0)
                        .getJsonObject("address")
                        .getString("country"))
                .isEqualTo("GB");
        assertThat(ada.getString("status")).isEqualTo("active");
        assertThat(Pages.tags(ada)).containsExactly("Customer");

        // moving the primary flag, re-adding an email in another case, dropping one
        JsonObject changed = owner.api()
                .patch(
                        contacts + "/" + id,
                        json(
                                "emails",
                                array(
                                        json("email", "Ada@Example.com"),
                                        json("email", "ada@home.example", "primary", true))))
                .json();
        assertThat(changed.getString("primaryEmail")).isEqualTo("ada@home.example");
        assertThat(changed.getInt("version"))
                .as("channels are part of the contact")
                .isEqualTo(ada.getInt("version") + 1);
        assertThat(changed.getJsonArray("emails")).hasSize(2);
        assertThat(changed.getJsonArray("phones")).hasSize(2);
        JsonObject cleared = owner.api()
                .patch(contacts + "/" + id, json("phones", JsonValue.NULL))
                .json();
        assertThat(cleared.getJsonArray("phones")).isEmpty();
        assertThat(cleared.isNull("primaryPhone")).isTrue();

        owner.api()
                .post(
                        contacts,
                        json(
                                "lastName",
                                "Babbage",
                                "organizationName",
                                "Analytical Engines Ltd",
                                "emails",
                                array(json("email", "charles@example.com"))));
        owner.api().post(contacts, json("firstName", "Grace", "status", "inactive"));
        assertThat(lastNames(owner.api().get(contacts + "?email=ADA@HOME.EXAMPLE")))
                .containsExactly("Lovelace");
        assertThat(lastNames(owner.api().get(contacts + "?organizationName=Analytical%20Engines%20Ltd")))
                .containsExactlyInAnyOrder("Lovelace", "Babbage");
        assertThat(lastNames(owner.api().get(contacts + "?q=babb"))).containsExactly("Babbage");
        assertThat(lastNames(owner.api().get(contacts + "?tag=customer"))).containsExactly("Lovelace");
        assertThat(owner.api().get(contacts + "?status=inactive").json().getJsonArray("items"))
                .hasSize(1);

        // the organization's primary contact is one of its contacts, and goes with it
        assertThat(owner.api()
                        .patch(org.path(), json("primaryContactId", id.toString()))
                        .json()
                        .getString("primaryContactId"))
                .isEqualTo(id.toString());
        assertInvalidFields(
                owner.api()
                        .patch(
                                org.path(),
                                json("primaryContactId", UUID.randomUUID().toString())),
                "primaryContactId");
        // every change is in the audit trail: the contact, its channels, its tags
        for (String type : List.of("contact", "contact-email", "contact-phone", "tagging", "custom-field")) {
            assertThat(owner.api()
                            .get(org.path() + "/audit-events?entityType=" + type)
                            .json()
                            .getJsonArray("items"))
                    .as("audit events of %s", type)
                    .isNotEmpty();
        }
        assertThat(owner.api().delete(contacts + "/" + id).status()).isEqualTo(204);
        assertProblem(owner.api().get(contacts + "/" + id), 404);
        assertThat(owner.api().get(org.path()).json().isNull("primaryContactId"))
                .isTrue();
        assertThat(Fixtures.tag(owner, org, "Customer").getJsonObject("usage").getInt("contact"))
                .isZero();
    }

    @Test
    void badContactsAreRefusedAndNothingChanges() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        String contacts = org.path() + "/contacts";
        UUID kept = owner.api()
                .post(contacts, json("lastName", "Kept", "emails", array(json("email", "kept@example.com"))))
                .id();

        assertInvalidFields(owner.api().post(contacts, json("title", "Mr")), "lastName");
        assertInvalidFields(
                owner.api()
                        .post(
                                contacts,
                                json("lastName", "X", "emails", array(json("email", "not an email", "type", "fax")))),
                "emails[0].email",
                "emails[0].type");
        assertInvalidFields(
                owner.api().post(contacts, json("lastName", "X", "phones", array(json("number", "12345")))),
                "phones[0].number");
        assertInvalidFields(
                owner.api()
                        .post(
                                contacts,
                                json("lastName", "X", "addresses", array(json("address", json("country", "XX"))))),
                "addresses[0].address.country");
        assertInvalidFields(
                owner.api()
                        .post(
                                contacts,
                                json(
                                        "lastName",
                                        "X",
                                        "emails",
                                        array(
                                                json("email", "a@x.io", "primary", true),
                                                json("email", "b@x.io", "primary", true)))),
                "emails");
        assertInvalidFields(
                owner.api()
                        .post(
                                contacts,
                                json(
                                        "lastName",
                                        "X",
                                        "emails",
                                        array(json("email", "a@x.io"), json("email", "A@X.IO")))),
                "emails[1]");
        assertInvalidFields(owner.api().post(contacts, json("lastName", "X", "emails", "a@x.io")), "emails");
        assertInvalidFields(
                owner.api().post(contacts, json("lastName", "X", "emails", array(json("mail", "a@x.io")))),
                "emails[0].email",
                "emails[0].mail");
        assertInvalidFields(owner.api().post(contacts, json("lastName", "X", "status", "nonsense")), "status");
        assertInvalidFields(owner.api().patch(contacts + "/" + kept, json("lastName", JsonValue.NULL)), "lastName");
        assertProblem(member.api().post(contacts, json("lastName", "By member")), 403);
        assertThat(member.api().get(contacts + "/" + kept).status()).isEqualTo(200);

        JsonObject after = owner.api().get(contacts + "/" + kept).json();
        assertThat(after.getString("lastName")).isEqualTo("Kept");
        assertThat(after.getString("primaryEmail")).isEqualTo("kept@example.com");
        assertThat(after.getInt("version")).isEqualTo(1);
        assertThat(owner.api().get(contacts).json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void theDatabaseHoldsEachKindToExactlyOnePrimary() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID id = owner.in(org)
                .contacts()
                .create(json(
                        "lastName",
                        "Db",
                        "emails",
                        array(json("email", "one@example.com"), json("email", "two@example.com"))))
                .id();
        try (Connection db = Fixtures.appRole()) {
            db.setAutoCommit(false);
            try (PreparedStatement tenant = db.prepareStatement("select set_config('orgbase.org_id', ?, true)")) {
                tenant.setString(1, org.id().toString());
                tenant.execute();
            }
            // a second primary: refused at commit
            try (PreparedStatement second = db.prepareStatement(
                    "update contact_email set is_primary = true where contact_id = ? and email = 'two@example.com'")) {
                second.setObject(1, id);
                assertThat(second.executeUpdate()).isEqualTo(1);
            }
            assertThatCommitFails(db);
            try (PreparedStatement tenant = db.prepareStatement("select set_config('orgbase.org_id', ?, true)")) {
                tenant.setString(1, org.id().toString());
                tenant.execute();
            }
            // no primary left: refused at commit
            try (PreparedStatement none =
                    db.prepareStatement("update contact_email set is_primary = false where contact_id = ?")) {
                none.setObject(1, id);
                assertThat(none.executeUpdate()).isEqualTo(2);
            }
            assertThatCommitFails(db);
        }
        assertThat(owner.in(org).contacts().item(id).get().json().getString("primaryEmail"))
                .isEqualTo("one@example.com");
    }

    @Test
    void anotherOrganizationsContactsAreNowhere() {
        Session owner = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = stranger.in(theirs)
                .contacts()
                .create(json("lastName", "Secret", "emails", array(json("email", "secret@example.com"))))
                .id();
        UUID missing = UUID.randomUUID();
        String contacts = org.path() + "/contacts/";
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            Api.Reply viaForeign = owner.api()
                    .send(
                            method,
                            contacts + foreign,
                            method.equals("PATCH") ? "{\"notes\":\"x\"}" : null,
                            "application/json");
            Api.Reply viaMissing = owner.api()
                    .send(
                            method,
                            contacts + missing,
                            method.equals("PATCH") ? "{\"notes\":\"x\"}" : null,
                            "application/json");
            assertProblem(viaForeign, 404);
            assertThat(viaForeign.json().getString("detail"))
                    .isEqualTo(viaMissing.json().getString("detail"));
        }
        assertThat(owner.in(org)
                        .contacts()
                        .list("email=secret@example.com")
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
        assertThat(owner.in(org).contacts().list().json().getJsonArray("items")).isEmpty();
        assertThat(stranger.in(theirs).contacts().item(foreign).get().json().getString("notes", null))
                .isNull();
    }

    private static void assertThatCommitFails(Connection db) {
        try {
            db.commit();
            throw new AssertionError("the commit should have been refused");
        } catch (SQLException expected) {
            assertThat(expected.getSQLState())
                    .as("exclusion or check violation")
                    .isIn("23P01", "23514");
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the transaction is gone already
            }
        }
    }

    private static List<String> lastNames(Api.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("lastName", null))
                .toList();
    }
}
