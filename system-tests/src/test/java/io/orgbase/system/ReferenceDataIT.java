package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform vocabularies: currencies, organization types, statuses. */
class ReferenceDataIT {

    @Test
    void currenciesAreSeededFromIso4217() {
        Session user = Fixtures.newUser();
        JsonObject chf = user.api().get("/api/v1/currencies/CHF").json();
        assertThat(chf.getString("name")).isEqualTo("Swiss Franc");
        assertThat(chf.getString("numericCode")).isEqualTo("756");
        assertThat(chf.getInt("minorUnits")).isEqualTo(2);
        assertThat(chf.getBoolean("active")).isTrue();
        assertThat(user.api().get("/api/v1/currencies/jpy").json().getInt("minorUnits"))
                .isZero();
        assertThat(user.api().get("/api/v1/currencies/BHD").json().getInt("minorUnits"))
                .isEqualTo(3);
        assertThat(user.api().get("/api/v1/currencies/ESP").json().getBoolean("active"))
                .isFalse();
        assertProblem(user.api().get("/api/v1/currencies/XYZ"), 404);
        assertProblem(user.api().get("/api/v1/currencies/TOOLONG"), 404);

        JsonObject active = user.api()
                .get("/api/v1/currencies?active=true&count=true&limit=200")
                .json();
        assertThat(active.getInt("total")).isBetween(150, 170);
        assertThat(codes(user.api().get("/api/v1/currencies?q=franc&active=true&limit=200")))
                .contains("CHF", "XOF", "XAF")
                .doesNotContain("USD");
        assertThat(codes(user.api().get("/api/v1/currencies?active=true&limit=3")))
                .containsExactly("AED", "AFN", "ALL");
        assertInvalidFields(user.api().get("/api/v1/currencies?sort=symbol"), "sort");
    }

    @Test
    void onlyPlatformAdministratorsCurateCurrencies() {
        Session user = Fixtures.newUser();
        Session admin = Fixtures.admin();
        assertProblem(user.api().patch("/api/v1/currencies/XDR", json("active", true)), 403);

        Api.Reply current = admin.api().get("/api/v1/currencies/CLP");
        String name = current.json().getString("name");
        JsonObject renamed = admin.api()
                .patch("/api/v1/currencies/CLP", json("name", name + " (renamed)", "symbol", "CLP$"))
                .json();
        assertThat(renamed.getString("name")).isEqualTo(name + " (renamed)");
        assertThat(renamed.getString("symbol")).isEqualTo("CLP$");
        assertThat(renamed.getString("code")).isEqualTo("CLP");
        assertInvalidFields(admin.api().patch("/api/v1/currencies/CLP", json("code", "CLX")), "code");
        assertInvalidFields(admin.api().patch("/api/v1/currencies/CLP", json("symbol", "123456789")), "symbol");
        assertThat(admin.api()
                        .patch("/api/v1/currencies/CLP", json("name", name))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void apiKeysReadTheVocabulariesToo() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "reader", "role", "viewer"))
                .json()
                .getString("key");
        Api service = Api.anonymous().withApiKey(key);
        assertThat(service.get("/api/v1/currencies/EUR").status()).isEqualTo(200);
        assertThat(service.get("/api/v1/statuses").status()).isEqualTo(200);
        assertThat(service.get("/api/v1/organization-types").status()).isEqualTo(200);
        assertProblem(service.patch("/api/v1/currencies/EUR", json("active", false)), 403);
    }

    @Test
    void statusesDescribeTheLifecycleAndAreCuratedByAdministrators() {
        Session user = Fixtures.newUser();
        Session admin = Fixtures.admin();
        JsonObject active = user.api().get("/api/v1/statuses/active").json();
        assertThat(active.getString("category")).isEqualTo("lifecycle");
        assertThat(active.getString("colour")).matches("#[0-9a-f]{6}");
        assertThat(slugs(user.api().get("/api/v1/statuses?category=lifecycle&sort=slug")))
                .containsExactly("active", "archived", "inactive", "suspended");

        String slug = "s_" + Secrets.suffix();
        assertProblem(user.api().post("/api/v1/statuses", json("slug", slug, "name", "Mine")), 403);
        Api.Reply created = admin.api()
                .post("/api/v1/statuses", json("slug", slug, "name", "On hold " + slug, "colour", "#ABCDEF"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/statuses/" + slug);
        assertThat(created.json().getString("colour")).isEqualTo("#abcdef");
        assertThat(created.json().getString("category")).isEqualTo("general");
        assertProblem(admin.api().post("/api/v1/statuses", json("slug", slug, "name", "Again")), 409);
        assertInvalidFields(
                admin.api().post("/api/v1/statuses", json("slug", "Bad Slug", "name", "X", "colour", "red")),
                "slug",
                "colour");
        assertInvalidFields(admin.api().patch("/api/v1/statuses/" + slug, json("slug", "other")), "slug");
        assertThat(admin.api()
                        .patch("/api/v1/statuses/" + slug, json("category", "workflow"))
                        .json()
                        .getString("category"))
                .isEqualTo("workflow");
        assertProblem(admin.api().delete("/api/v1/statuses/active"), 409); // organizations are active
        assertThat(admin.api().delete("/api/v1/statuses/" + slug).status()).isEqualTo(204);
        assertProblem(admin.api().get("/api/v1/statuses/" + slug), 404);
    }

    @Test
    void organizationTypesAreCuratedByAdministrators() {
        Session user = Fixtures.newUser();
        Session admin = Fixtures.admin();
        assertThat(keys(user.api().get("/api/v1/organization-types?sort=key&limit=200")))
                .contains("branch", "company", "holding", "subsidiary");

        String key = "k-" + Secrets.suffix();
        assertProblem(user.api().post("/api/v1/organization-types", json("key", key, "name", "X")), 403);
        assertInvalidFields(admin.api().post("/api/v1/organization-types", json("key", "Nope!", "name", "X")), "key");
        assertInvalidFields(admin.api().post("/api/v1/organization-types", json("key", "fine", "name", "")), "name");
        assertThat(admin.api()
                        .post("/api/v1/organization-types", json("key", key, "name", "Cooperative " + key))
                        .status())
                .isEqualTo(201);
        assertProblem(admin.api().post("/api/v1/organization-types", json("key", key, "name", "Other name")), 409);
        assertProblem(
                admin.api()
                        .post(
                                "/api/v1/organization-types",
                                json(
                                        "key",
                                        key + "-2",
                                        "name",
                                        "cooperative " + key.toUpperCase(java.util.Locale.ROOT))),
                409);
        JsonObject described = admin.api()
                .patch("/api/v1/organization-types/" + key, json("description", "Owned by its members"))
                .json();
        assertThat(described.getString("description")).isEqualTo("Owned by its members");
        assertThat(admin.api().delete("/api/v1/organization-types/" + key).status())
                .isEqualTo(204);
        assertProblem(user.api().get("/api/v1/organization-types/" + key), 404);
        assertProblem(admin.api().delete("/api/v1/organization-types/company"), 409);
    }

    /** The vocabularies take the bulk convention of every collection; each operation is checked as alone. */
    @Test
    void vocabulariesTakeBulkRequests() {
        Session user = Fixtures.newUser();
        Session admin = Fixtures.admin();
        String slug = "bulk-" + Secrets.suffix();
        JsonObject operations = json(
                "atomic",
                true,
                "operations",
                jakarta.json.Json.createArrayBuilder()
                        .add(json("op", "create", "body", json("slug", slug, "name", "Bulk " + slug)))
                        .add(json("op", "update", "id", slug, "body", json("colour", "#123456")))
                        .build());
        JsonObject refused =
                user.api().post("/api/v1/statuses/bulk", operations).json();
        assertThat(refused.getBoolean("committed")).isFalse();
        assertThat(refused.getJsonArray("results").getJsonObject(0).getInt("status"))
                .isEqualTo(403);

        JsonObject done = admin.api().post("/api/v1/statuses/bulk", operations).json();
        assertThat(done.getBoolean("committed")).isTrue();
        assertThat(done.getJsonArray("results").stream()
                        .map(r -> r.asJsonObject().getInt("status"))
                        .toList())
                .containsExactly(201, 200);
        assertThat(user.api().get("/api/v1/statuses/" + slug).json().getString("colour"))
                .isEqualTo("#123456");
        // "bulk" names the bulk endpoint, never a record
        assertInvalidFields(admin.api().post("/api/v1/statuses", json("slug", "bulk", "name", "Bulk")), "slug");
        assertInvalidFields(admin.api().post("/api/v1/organization-types", json("key", "bulk", "name", "Bulk")), "key");
        // only platform administrators change the vocabularies, whichever way
        assertProblem(user.api().patch("/api/v1/statuses/" + slug, json("name", "Mine")), 403);
        assertProblem(user.api().delete("/api/v1/statuses/" + slug), 403);
        assertProblem(user.api().patch("/api/v1/organization-types/company", json("name", "Mine")), 403);
        assertProblem(user.api().delete("/api/v1/organization-types/company"), 403);
        assertProblem(user.api().patch("/api/v1/currencies/EUR", json("symbol", "E")), 403);

        JsonObject half = admin.api()
                .post(
                        "/api/v1/organization-types/bulk",
                        json(
                                "atomic",
                                true,
                                "operations",
                                jakarta.json.Json.createArrayBuilder()
                                        .add(json(
                                                "op", "create", "body", json("key", "k-" + slug, "name", "T " + slug)))
                                        .add(json("op", "delete", "id", "company"))
                                        .build()))
                .json();
        assertThat(half.getBoolean("committed")).isFalse();
        assertProblem(user.api().get("/api/v1/organization-types/k-" + slug), 404);
        assertThat(admin.api().delete("/api/v1/statuses/" + slug).status()).isEqualTo(204);
    }

    private static List<String> codes(Api.Reply list) {
        return Pages.field(list, "code");
    }

    private static List<String> slugs(Api.Reply list) {
        return Pages.field(list, "slug");
    }

    private static List<String> keys(Api.Reply list) {
        return Pages.field(list, "key");
    }
}
