package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API keys act only in their own organization, with their role, until revoked or expired. */
class ApiKeysIT {

    private static JsonObject create(Session owner, Org org, String role, String expiresAt) {
        Api.Reply created = owner.in(org)
                .apiKeys()
                .create(json("name", "key-" + Secrets.suffix(), "role", role, "expiresAt", expiresAt));
        assertThat(created.status()).as("create key: %s", created).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        return created.json();
    }

    @Test
    void aKeyIsShownOnceAndActsWithItsRole() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject created = create(owner, org, "admin", null);
        String secret = created.getString("key");
        assertThat(secret).startsWith("obk_").hasSizeGreaterThan(40);
        assertThat(secret).startsWith(created.getJsonObject("apiKey").getString("prefix"));

        Api service = Api.anonymous().withApiKey(secret);
        assertThat(service.post(org.path() + "/departments", json("name", "By key", "code", "K1"))
                        .status())
                .isEqualTo(201);
        assertThat(Pages.names(service.get(org.path() + "/departments"))).containsExactly("By key");
        assertProblem(service.delete(org.path()), 403);

        JsonObject listed =
                owner.in(org).apiKeys().list().json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("prefix"))
                .isEqualTo(created.getJsonObject("apiKey").getString("prefix"));
        assertThat(listed.containsKey("key")).isFalse();
        assertThat(owner.in(org).apiKeys().list().body()).doesNotContain(secret);
        assertThat(listed.isNull("lastUsedAt")).isFalse();
    }

    @Test
    void aViewerKeyOnlyReads() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api service =
                Api.anonymous().withApiKey(create(owner, org, "viewer", null).getString("key"));
        assertThat(service.get(org.path() + "/departments").status()).isEqualTo(200);
        assertProblem(service.post(org.path() + "/departments", json("name", "X", "code", "X")), 403);
        assertProblem(service.get(org.path() + "/members"), 403);
        assertProblem(service.post(org.path() + "/api-keys", json("name", "more", "role", "viewer")), 403);
    }

    @Test
    void aKeyIsAStrangerEverywhereElse() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org other = Fixtures.newOrg(owner);
        Api service =
                Api.anonymous().withApiKey(create(owner, org, "admin", null).getString("key"));
        String stranger = Fixtures.newUser().api().get(other.path()).body();

        for (String path : new String[] {other.path(), "/api/v1/orgs/" + other.id(), other.path() + "/departments"}) {
            Api.Reply reply = service.get(path);
            assertProblem(reply, 404);
            assertThat(reply.body()).isEqualTo(stranger);
        }
        assertProblem(service.get("/api/v1/me"), 403);
        assertProblem(service.get("/api/v1/orgs"), 403);
        assertProblem(service.post("/api/v1/orgs", json("slug", Fixtures.slug(), "name", "By key")), 403);
    }

    @Test
    void revokedExpiredAndUnknownKeysAreUnauthenticated() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject created = create(owner, org, "member", null);
        Api service = Api.anonymous().withApiKey(created.getString("key"));
        assertThat(service.get(org.path()).status()).isEqualTo(200);

        String id = created.getJsonObject("apiKey").getString("id");
        assertThat(owner.in(org).apiKeys().item(id).delete().status()).isEqualTo(204);
        assertProblem(service.get(org.path()), 401);

        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString();
        Api expiring =
                Api.anonymous().withApiKey(create(owner, org, "member", soon).getString("key"));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (expiring.get(org.path()).status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertProblem(expiring.get(org.path()), 401);

        assertProblem(Api.anonymous().withApiKey("obk_" + "x".repeat(43)).get(org.path()), 401);
        assertProblem(Api.anonymous().withApiKey("").get(org.path()), 401);
    }

    @Test
    void badKeyRequests() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        String keys = org.path() + "/api-keys";

        assertInvalidFields(owner.api().post(keys, json("name", "k", "role", "owner")), "role");
        assertInvalidFields(owner.api().post(keys, json("role", "admin")), "name");
        assertInvalidFields(
                owner.api().post(keys, json("name", "k", "role", "admin", "expiresAt", "tomorrow")), "expiresAt");
        assertInvalidFields(
                owner.api().post(keys, json("name", "k", "role", "admin", "expiresAt", "2001-01-01T00:00:00Z")),
                "expiresAt");
        assertInvalidFields(owner.api().post(keys, json("name", "k", "role", "admin", "hash", "x")), "hash");
        assertInvalidFields(
                owner.api()
                        .post(
                                keys,
                                json(
                                        "name",
                                        " ".repeat(3) + "n".repeat(101),
                                        "role",
                                        "owner",
                                        "expiresAt",
                                        "2001-01-01T00:00:00Z",
                                        "rateLimitPerMinute",
                                        0)),
                "name",
                "role",
                "expiresAt",
                "rateLimitPerMinute");
        assertProblem(member.api().post(keys, json("name", "k", "role", "viewer")), 403);
        assertProblem(member.api().get(keys), 403);
        assertProblem(owner.api().delete(keys + "/" + UUID.randomUUID()), 404);

        String name = "dup-" + Secrets.suffix();
        assertThat(owner.api().post(keys, json("name", name, "role", "viewer")).status())
                .isEqualTo(201);
        assertProblem(owner.api().post(keys, json("name", name, "role", "viewer")), 409);
    }
}
