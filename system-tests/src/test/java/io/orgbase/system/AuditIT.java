package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: every change made through the API is recorded with old and new values, who,
 * from where and in which request; secrets never appear; failures leave nothing; the chain of each
 * organization is append-only for the application and any tampering is found.
 */
class AuditIT {

    private static List<String> actions(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("action")).toList();
    }

    @Test
    void changesAreRecordedWithOldAndNewValuesAndWhoWhereAndWhichRequest() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String address = Fixtures.address();
        Api client = owner.api()
                .from(address)
                .withHeader("User-Agent", "audit-test/1.0")
                .withHeader("X-Request-Id", "req-" + Secrets.suffix());

        Api.Reply created = client.post(org.path() + "/departments", json("name", "Before", "code", "AUD"));
        assertThat(created.status()).isEqualTo(201);
        UUID id = created.id();
        Api.Reply renamed = client.patch(org.path() + "/departments/" + id, json("name", "After"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(client.delete(org.path() + "/departments/" + id).status()).isEqualTo(204);

        List<JsonObject> trail = Fixtures.events(owner, org, "entityType=department&entityId=" + id);
        assertThat(actions(trail)).containsExactly("delete", "update", "create");
        JsonObject update = trail.get(1);
        assertThat(update.getJsonObject("changes").getJsonObject("name").getString("old"))
                .isEqualTo("Before");
        assertThat(update.getJsonObject("changes").getJsonObject("name").getString("new"))
                .isEqualTo("After");
        assertThat(update.getJsonObject("changes").containsKey("version")).isFalse();
        assertThat(trail.get(2).getJsonObject("changes").getJsonObject("code").getString("new"))
                .isEqualTo("AUD");
        assertThat(trail.get(0).getJsonObject("changes").getJsonObject("name").getString("old"))
                .isEqualTo("After");
        JsonObject actor = update.getJsonObject("actor");
        assertThat(actor.getString("type")).isEqualTo("user");
        assertThat(actor.getString("id")).isEqualTo(owner.id().toString());
        assertThat(update.getString("clientAddress")).isEqualTo(address);
        assertThat(update.getString("userAgent")).isEqualTo("audit-test/1.0");
        assertThat(update.getString("requestId")).isEqualTo(renamed.header("X-Request-Id"));

        // the organization's creation and its first membership are in its trail too
        assertThat(actions(Fixtures.events(owner, org, "entityType=organization")))
                .contains("create");
        assertThat(actions(Fixtures.events(owner, org, "entityType=membership")))
                .containsExactly("create");
    }

    @Test
    void rowsNameWhoCreatedAndLastChangedThem() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        UUID id = Fixtures.newDepartment(owner, org, "Authored");
        JsonObject changed = admin.in(org)
                .departments()
                .item(id)
                .update(json("description", "by the admin"))
                .json();
        assertThat(changed.getString("createdBy")).isEqualTo(owner.id().toString());
        assertThat(changed.getString("updatedBy")).isEqualTo(admin.id().toString());
    }

    @Test
    void membershipRoleAndKeyChangesAreRecordedAndSecretsNever() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "viewer");
        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("role", "member"))
                        .status())
                .isEqualTo(200);
        JsonObject roleChange = Fixtures.events(owner, org, "entityType=membership&action=update")
                .get(0);
        assertThat(roleChange.getJsonObject("changes").getJsonObject("role").getString("old"))
                .isEqualTo("viewer");
        assertThat(roleChange.getJsonObject("changes").getJsonObject("role").getString("new"))
                .isEqualTo("member");

        Api.Reply key = owner.in(org).apiKeys().create(json("name", "audited", "role", "viewer"));
        String secret = key.json().getString("key");
        String keyId = key.json().getJsonObject("apiKey").getString("id");
        assertThat(owner.in(org).apiKeys().item(keyId).delete().status()).isEqualTo(204);
        List<JsonObject> keyTrail = Fixtures.events(owner, org, "entityType=api-key&entityId=" + keyId);
        assertThat(actions(keyTrail)).containsExactly("update", "create");
        assertThat(keyTrail.get(1)
                        .getJsonObject("changes")
                        .getJsonObject("keyHash")
                        .getString("new"))
                .isEqualTo("[redacted]");
        assertThat(keyTrail.get(0).getJsonObject("changes").containsKey("revokedAt"))
                .isTrue();

        Api.Reply invited = owner.in(org)
                .invitations()
                .create(json("email", "aud-" + Secrets.suffix() + "@it.example", "role", "viewer"));
        String token = invited.json().getString("token");
        String everything = owner.in(org).auditEvents().list("limit=200").body();
        assertThat(everything).doesNotContain(secret).doesNotContain(token).contains("[redacted]");
    }

    @Test
    void signInsAndAccountChangesAreInThePlatformTrail() {
        Session user = Fixtures.newUser();
        String address = Fixtures.address();
        assertThat(Api.anonymous()
                        .from(address)
                        .post("/api/v1/auth/login", json("email", user.email(), "password", "wrong-password-123"))
                        .status())
                .isEqualTo(401);
        String newPassword = Secrets.password();
        assertThat(user.api()
                        .post(
                                "/api/v1/me/password",
                                json("currentPassword", user.password(), "newPassword", newPassword))
                        .status())
                .isIn(200, 204);

        Session platform = Fixtures.admin();
        List<JsonObject> failures = platform
                .api()
                .get("/api/v1/admin/audit-events?action=login-failed&entityId=" + user.id())
                .json()
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getString("clientAddress")).isEqualTo(address);
        assertThat(failures.get(0).getJsonObject("actor").getString("type")).isEqualTo("anonymous");
        List<String> mine = platform
                .api()
                .get("/api/v1/admin/audit-events?entityType=user&entityId=" + user.id())
                .json()
                .getJsonArray("items")
                .stream()
                .map(e -> e.asJsonObject().getString("action"))
                .toList();
        assertThat(mine).contains("login-succeeded", "login-failed", "password-changed", "sessions-revoked", "update");
        String body = platform.api()
                .get("/api/v1/admin/audit-events?entityId=" + user.id())
                .body();
        assertThat(body).doesNotContain(newPassword).doesNotContain("$argon2");

        assertProblem(user.api().get("/api/v1/admin/audit-events"), 403);
        assertThat(platform.api()
                        .get("/api/v1/admin/audit-events/verify")
                        .json()
                        .getBoolean("intact"))
                .isTrue();
    }

    @Test
    void aFailedChangeLeavesNoEntry() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, org, "Taken");
        int before = Fixtures.events(owner, org, "").size();
        String code = owner.in(org)
                .departments()
                .list()
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("code");
        assertProblem(owner.in(org).departments().create(json("name", "Twin", "code", code)), 409);
        assertInvalidFields(owner.in(org).departments().create(json("name", "")), "name", "code");
        assertThat(Fixtures.events(owner, org, "")).hasSize(before);
    }

    @Test
    void listsArePagedFilteredAndConfinedToTheirOrganization() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = Fixtures.newDepartment(stranger, theirs, "Theirs");
        for (int i = 0; i < 5; i++) {
            Fixtures.newDepartment(owner, org, "Page " + i);
        }
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = owner.api()
                    .get(org.path() + "/audit-events?entityType=department&limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.getJsonArray("items").forEach(e -> ids.add(e.asJsonObject().getString("entityId")));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().doesNotContain(foreign.toString());
        assertThat(pages).isEqualTo(3);
        assertThat(Fixtures.events(owner, org, "entityId=" + foreign)).isEmpty();
        assertThat(Fixtures.events(
                        owner,
                        org,
                        "filter="
                                + java.net.URLEncoder.encode(
                                        "{\"field\":\"occurredAt\",\"op\":\"between\","
                                                + "\"value\":[\"2000-01-01T00:00:00Z\",\"2000-01-02T00:00:00Z\"]}",
                                        java.nio.charset.StandardCharsets.UTF_8)))
                .isEmpty();

        assertInvalidFields(owner.in(org).auditEvents().list("cursor=garbage"), "cursor");
        assertInvalidFields(owner.in(org).auditEvents().list("colour=red&actorId=x"), "colour", "actorId");
        assertInvalidFields(owner.in(org).auditEvents().list("limit=1000"), "limit");
        assertProblem(owner.in(theirs).auditEvents().list(), 404);
        Session viewer = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "member");
        assertProblem(viewer.in(org).auditEvents().list(), 403);
    }

    @Test
    void concurrentChangesStillFormOneUnbrokenChain() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "Racer " + i;
            writes.add(CompletableFuture.supplyAsync(() -> owner.in(org)
                    .departments()
                    .create(json("name", name, "code", "R-" + Secrets.suffix()))
                    .status()));
        }
        assertThat(writes.stream().map(CompletableFuture::join)).containsOnly(201);
        JsonObject verification =
                owner.in(org).auditEvents().item("verify").get().json();
        assertThat(verification.getBoolean("intact")).as("%s", verification).isTrue();
        assertThat(verification.getInt("checked")).isGreaterThanOrEqualTo(14);
    }

    @Test
    void theApplicationCannotRewriteHistoryAndTamperingIsFound() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID department = Fixtures.newDepartment(owner, org, "Evidence");
        owner.in(org).departments().item(department).update(json("name", "Evidence 2"));
        owner.in(org).departments().item(department).update(json("name", "Evidence 3"));
        assertThat(owner.in(org).auditEvents().item("verify").get().json().getBoolean("intact"))
                .isTrue();

        try (Connection app = DriverManager.getConnection(
                Orgbase.target().databaseUrl(), EmbeddedDatabase.APP, "unused-with-trust")) {
            assertThatThrownBy(() -> app.createStatement().executeUpdate("update audit_event set action = 'x'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from audit_event"))
                    .hasMessageContaining("permission denied");
        }

        JsonObject update = Fixtures.events(owner, org, "entityType=department&action=update")
                .get(1);
        long seq = update.getJsonNumber("seq").longValue();
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement tamper = db.prepareStatement(
                        "update audit_event set changes = replace(changes, 'Evidence 2', 'Nothing') where id = ?")) {
            tamper.setObject(1, UUID.fromString(update.getString("id")));
            assertThat(tamper.executeUpdate()).isEqualTo(1);
        }
        JsonObject broken = owner.in(org).auditEvents().item("verify").get().json();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getJsonNumber("brokenAt").longValue()).isEqualTo(seq);
        assertThat(broken.getString("reason")).contains("does not match");

        // removing an entry outright is found as well
        Org other = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, other, "One");
        Fixtures.newDepartment(owner, other, "Two");
        JsonObject first =
                Fixtures.events(owner, other, "entityType=department").get(1);
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement remove = db.prepareStatement("delete from audit_event where id = ?")) {
            remove.setObject(1, UUID.fromString(first.getString("id")));
            assertThat(remove.executeUpdate()).isEqualTo(1);
        }
        JsonObject gap = owner.in(other).auditEvents().item("verify").get().json();
        assertThat(gap.getBoolean("intact")).isFalse();
        assertThat(gap.getJsonNumber("brokenAt").longValue())
                .isEqualTo(first.getJsonNumber("seq").longValue());
        assertThat(gap.getString("reason")).contains("missing");
    }

    @Test
    void retentionRemovesOnlyOldEntriesOfOrganizationsThatAskForIt() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org keepsAll = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        assertProblem(admin.api().patch(org.path(), json("auditRetentionDays", 1)), 403);
        assertInvalidFields(owner.api().patch(org.path(), json("auditRetentionDays", 0)), "auditRetentionDays");
        assertInvalidFields(owner.api().patch(org.path(), json("auditRetentionDays", "soon")), "auditRetentionDays");
        Api.Reply set = owner.api().patch(org.path(), json("auditRetentionDays", 30));
        assertThat(set.json().getInt("auditRetentionDays")).isEqualTo(30);
        for (int i = 0; i < 3; i++) {
            Fixtures.newDepartment(owner, org, "Old " + i);
            Fixtures.newDepartment(owner, keepsAll, "Kept " + i);
        }
        Fixtures.newDepartment(owner, org, "Recent");
        long total = Fixtures.events(owner, org, "limit=200").size();
        // everything but the newest two entries happened "long ago"
        for (Org each : List.of(org, keepsAll)) {
            try (Connection db = Orgbase.target().superuser();
                    PreparedStatement age = db.prepareStatement(
                            "update audit_event set occurred_at = occurred_at - interval '40 days'"
                                    + " where chain = ? and seq < (select max(seq) - 1 from audit_event where chain = ?)")) {
                age.setObject(1, each.id());
                age.setObject(2, each.id());
                age.executeUpdate();
            }
        }

        JsonObject removed = Fixtures.admin()
                .api()
                .post("/api/v1/admin/audit-events/retention", "{}")
                .json();
        assertThat(removed.getJsonObject("removed")
                        .getJsonNumber(org.id().toString())
                        .longValue())
                .isEqualTo(total - 2);
        assertThat(removed.getJsonObject("removed").containsKey(keepsAll.id().toString()))
                .isFalse();
        assertProblem(owner.api().post("/api/v1/admin/audit-events/retention", "{}"), 403);

        List<JsonObject> left = Fixtures.events(owner, org, "limit=200");
        assertThat(actions(left).get(0)).isEqualTo("audit-purged");
        assertThat(left).hasSize(3);
        JsonObject verification =
                owner.in(org).auditEvents().item("verify").get().json();
        assertThat(verification.getBoolean("intact")).as("%s", verification).isTrue();
        assertThat(verification.getInt("checked")).isEqualTo(3);
        assertThat(Fixtures.events(owner, keepsAll, "limit=200").size()).isGreaterThan(3);
    }
}
