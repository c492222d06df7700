package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The organization's own fields: code, type, dates, locale, currency, address, metadata. */
class OrganizationProfileIT {

    private static final String ORGS = "/api/v1/orgs";

    @Test
    void aNewOrganizationGetsDefaultsForEverythingNotSent() {
        Session owner = Fixtures.newUser();
        String slug = Fixtures.slug();

        JsonObject org =
                owner.api().post(ORGS, json("slug", slug, "name", "Plain")).json();

        assertThat(org.getString("code")).isEqualTo(slug.toUpperCase(java.util.Locale.ROOT));
        assertThat(org.getString("type")).isEqualTo("company");
        assertThat(org.getString("timezone")).isEqualTo("UTC");
        assertThat(org.getString("language")).isEqualTo("en");
        assertThat(org.isNull("currency")).isTrue();
        assertThat(org.isNull("parentId")).isTrue();
        assertThat(org.isNull("primaryAddress")).isTrue();
        assertThat(org.getJsonObject("metadata")).isEmpty();
    }

    @Test
    void everyProfileFieldIsStoredAndReadBack() {
        Session owner = Fixtures.newUser();
        String slug = Fixtures.slug();
        JsonObject address = json(
                "line1", "Bahnhofstrasse 1",
                "city", "Zürich",
                "postalCode", "8001",
                "country", "CH",
                "latitude", Json.createValue(new BigDecimal("47.376887")),
                "longitude", Json.createValue(new BigDecimal("8.541694")));
        JsonObject metadata = Json.createObjectBuilder()
                .add(
                        "erp",
                        Json.createObjectBuilder()
                                .add("id", 42)
                                .add("tags", Json.createArrayBuilder().add("a")))
                .build();

        Api.Reply created = owner.api()
                .post(
                        ORGS,
                        json(
                                "slug", slug,
                                "name", "Acme Holding AG",
                                "code", "acme-ch.01",
                                "type", "holding",
                                "effectiveDate", "2020-01-01",
                                "endDate", "2030-12-31",
                                "timezone", "Europe/Zurich",
                                "language", "de-ch",
                                "currency", "CHF",
                                "primaryAddress", address,
                                "metadata", metadata));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonObject stored = owner.api().get(ORGS + "/" + slug).json();
        assertThat(stored.getString("code")).isEqualTo("ACME-CH.01");
        assertThat(stored.getString("type")).isEqualTo("holding");
        assertThat(stored.getString("effectiveDate")).isEqualTo("2020-01-01");
        assertThat(stored.getString("endDate")).isEqualTo("2030-12-31");
        assertThat(stored.getString("timezone")).isEqualTo("Europe/Zurich");
        assertThat(stored.getString("language")).isEqualTo("de-CH");
        assertThat(stored.getString("currency")).isEqualTo("CHF");
        JsonObject storedAddress = stored.getJsonObject("primaryAddress");
        assertThat(storedAddress.getString("line1")).isEqualTo("Bahnhofstrasse 1");
        assertThat(storedAddress.getString("city")).isEqualTo("Zürich");
        assertThat(storedAddress.getString("country")).isEqualTo("CH");
        assertThat(storedAddress.isNull("line2")).isTrue();
        assertThat(storedAddress.getJsonNumber("latitude").bigDecimalValue()).isEqualByComparingTo("47.376887");
        assertThat(storedAddress.getJsonNumber("longitude").bigDecimalValue()).isEqualByComparingTo("8.541694");
        assertThat(stored.getJsonObject("metadata")).isEqualTo(metadata);

        // PATCH changes only what it names; null clears what may be empty
        String path = ORGS + "/" + slug;
        JsonObject patched = owner.api()
                .patch(path, json("currency", null, "primaryAddress", null, "timezone", "America/New_York"))
                .json();
        assertThat(patched.isNull("currency")).isTrue();
        assertThat(patched.isNull("primaryAddress")).isTrue();
        assertThat(patched.getString("timezone")).isEqualTo("America/New_York");
        assertThat(patched.getString("language")).isEqualTo("de-CH");
        assertThat(patched.getJsonObject("metadata")).isEqualTo(metadata);
        assertThat(owner.api().patch(path, json("metadata", null)).json().getJsonObject("metadata"))
                .isEmpty();
    }

    @Test
    void badProfileValuesAreRefusedFieldByFieldAndChangeNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String before = owner.api().get(org.path()).body();

        assertInvalidFields(
                owner.api()
                        .patch(
                                org.path(),
                                json(
                                        "timezone", "Mars/Olympus",
                                        "language", "not a tag",
                                        "currency", "XYZ",
                                        "type", "spaceship",
                                        "code", "has space")),
                "timezone",
                "language",
                "code");
        assertInvalidFields(
                owner.api().patch(org.path(), json("currency", "XYZ", "type", "spaceship")), "currency", "type");
        assertInvalidFields(owner.api().patch(org.path(), json("currency", "chf")), "currency");
        assertInvalidFields(owner.api().patch(org.path(), json("currency", "ESP")), "currency"); // withdrawn
        assertInvalidFields(
                owner.api().patch(org.path(), json("effectiveDate", "2030-01-01", "endDate", "2020-01-01")), "endDate");
        assertInvalidFields(
                owner.api().patch(org.path(), json("effectiveDate", "2030-02-30", "endDate", 7)),
                "effectiveDate",
                "endDate");
        assertInvalidFields(
                owner.api()
                        .patch(
                                org.path(),
                                json(
                                        "primaryAddress",
                                        json(
                                                "country", "XX",
                                                "latitude", Json.createValue(91),
                                                "longitude", Json.createValue(new BigDecimal("-180.5"))))),
                "primaryAddress.country",
                "primaryAddress.latitude",
                "primaryAddress.longitude");
        assertInvalidFields(
                owner.api().patch(org.path(), json("primaryAddress", json("country", "CH", "planet", "Earth"))),
                "primaryAddress.planet");
        assertInvalidFields(
                owner.api().patch(org.path(), json("primaryAddress", json("city", "Bern"))), "primaryAddress.country");
        assertInvalidFields(owner.api().patch(org.path(), json("primaryAddress", "Bern")), "primaryAddress");
        assertInvalidFields(owner.api().patch(org.path(), json("metadata", List.of("a"))), "metadata");
        assertInvalidFields(owner.api().patch(org.path(), json("metadata", deep(9))), "metadata");
        assertInvalidFields(
                owner.api().patch(org.path(), json("metadata", json("blob", "x".repeat(17 * 1024)))), "metadata");
        assertInvalidFields(owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "X", "type", "nope")), "type");

        String after = owner.api().get(org.path()).body();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void codesAreUniqueWhateverTheirCase() {
        Session owner = Fixtures.newUser();
        String code = "UNQ-" + Secrets.suffix();
        assertThat(owner.api()
                        .post(ORGS, json("slug", Fixtures.slug(), "name", "One", "code", code))
                        .status())
                .isEqualTo(201);
        assertProblem(
                owner.api()
                        .post(
                                ORGS,
                                json(
                                        "slug",
                                        Fixtures.slug(),
                                        "name",
                                        "Two",
                                        "code",
                                        code.toLowerCase(java.util.Locale.ROOT))),
                409);
        Org other = Fixtures.newOrg(owner);
        assertProblem(owner.api().patch(other.path(), json("code", code)), 409);
    }

    @Test
    void inactiveTypesStayOnTheirOrganizationsButAreNotGivenToNewOnes() {
        Session admin = Fixtures.admin();
        String key = "t-" + Secrets.suffix();
        assertThat(admin.api()
                        .post("/api/v1/organization-types", json("key", key, "name", "Type " + key))
                        .status())
                .isEqualTo(201);
        Session owner = Fixtures.newUser();
        String slug = Fixtures.slug();
        assertThat(owner.api()
                        .post(ORGS, json("slug", slug, "name", "Typed", "type", key))
                        .status())
                .isEqualTo(201);
        assertThat(admin.api()
                        .patch("/api/v1/organization-types/" + key, json("active", false))
                        .status())
                .isEqualTo(200);

        assertThat(owner.api()
                        .patch(ORGS + "/" + slug, json("name", "Still typed", "type", key))
                        .status())
                .isEqualTo(200);
        assertInvalidFields(owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "X", "type", key)), "type");
        assertProblem(admin.api().delete("/api/v1/organization-types/" + key), 409);
        assertThat(owner.api().get(ORGS + "/" + slug).json().getString("type")).isEqualTo(key);
    }

    @Test
    void organizationsAreFilteredByTheirProfile() {
        Session owner = Fixtures.newUser();
        String holding = Fixtures.slug();
        owner.api().post(ORGS, json("slug", holding, "name", "H", "type", "holding", "currency", "EUR"));
        owner.api().post(ORGS, json("slug", Fixtures.slug(), "name", "C", "type", "company", "currency", "USD"));

        assertThat(Pages.slugs(owner.api().get(ORGS + "?type=holding"))).containsExactly(holding);
        assertThat(Pages.slugs(owner.api().get(ORGS + "?currency=EUR"))).containsExactly(holding);
        assertThat(Pages.slugs(owner.api().get(ORGS + "?sort=code"))).hasSize(2);
        assertInvalidFields(owner.api().get(ORGS + "?sort=timezone"), "sort");
    }

    private static JsonValue deep(int levels) {
        JsonValue value = Json.createValue(1);
        for (int i = 0; i < levels; i++) {
            value = Json.createObjectBuilder().add("x", value).build();
        }
        return value;
    }
}
