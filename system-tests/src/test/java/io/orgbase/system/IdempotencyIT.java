package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A POST retried with the same Idempotency-Key creates once and answers the same every time. */
class IdempotencyIT {

    @Test
    void aRetryGetsTheOriginalAnswerAndCreatesNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String key = "create-sales-" + Secrets.suffix();
        Api client = owner.api().withHeader("Idempotency-Key", key);
        Api.Reply first = client.post(org.path() + "/departments", json("name", "Sales", "code", "S1"));
        Api.Reply retry = client.post(org.path() + "/departments", json("name", "Sales", "code", "S1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(Pages.names(owner.in(org).departments().list())).containsExactly("Sales");

        assertProblem(client.post(org.path() + "/departments", json("name", "Other", "code", "S2")), 422);
        // another caller's same key is another request
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        Api.Reply theirs = admin.api()
                .withHeader("Idempotency-Key", key)
                .post(org.path() + "/departments", json("name", "Theirs", "code", "S3"));
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void theSecretOfACreatedApiKeyIsReplayedButNeverStoredReadably() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api client = owner.api().withHeader("Idempotency-Key", "key-" + Secrets.suffix());
        Api.Reply first = client.post(org.path() + "/api-keys", json("name", "replayed", "role", "viewer"));
        Api.Reply retry = client.post(org.path() + "/api-keys", json("name", "replayed", "role", "viewer"));
        String secret = first.json().getString("key");
        assertThat(retry.json().getString("key")).isEqualTo(secret);
        assertThat(retry.header("Cache-Control")).contains("no-store");
        try (Connection db = Orgbase.target().superuser();
                PreparedStatement stored = db.prepareStatement("select response from idempotency_record");
                ResultSet rows = stored.executeQuery()) {
            while (rows.next()) {
                byte[] response = rows.getBytes(1);
                if (response != null) {
                    assertThat(new String(response, java.nio.charset.StandardCharsets.ISO_8859_1))
                            .doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void refusalsAreReplayedTooAndConcurrentRetriesCreateOnce() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api invalid = owner.api().withHeader("Idempotency-Key", "bad-" + Secrets.suffix());
        assertInvalidFields(invalid.post(org.path() + "/departments", json("name", "No code")), "code");
        Api.Reply again = invalid.post(org.path() + "/departments", json("name", "No code"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        Api racing = owner.api().withHeader("Idempotency-Key", "race-" + Secrets.suffix());
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(CompletableFuture.supplyAsync(
                    () -> racing.post(org.path() + "/departments", json("name", "Raced", "code", "R1"))
                            .status()));
        }
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(Pages.names(owner.in(org).departments().list("name=Raced"))).hasSize(1);

        assertInvalidFields(
                owner.api()
                        .withHeader("Idempotency-Key", "x".repeat(300))
                        .post(org.path() + "/departments", json("name", "A", "code", "A")),
                "Idempotency-Key");
    }

    @Test
    void theSameKeyOnAnotherSubdomainIsAnotherRequest() {
        Session owner = Fixtures.newUser();
        Org first = Fixtures.newOrg(owner);
        Org second = Fixtures.newOrg(owner);
        String key = "subdomain-" + Secrets.suffix();
        String departments = "/api/v1/orgs/current/departments";
        Api.Reply created = owner.api()
                .viaHost(first.slug() + "." + Orgbase.BASE_DOMAIN)
                .withHeader("Idempotency-Key", key)
                .post(departments, json("name", "Twice", "code", "TW"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        // the first organization's answer is not replayed for the second one
        Api.Reply elsewhere = owner.api()
                .viaHost(second.slug() + "." + Orgbase.BASE_DOMAIN)
                .withHeader("Idempotency-Key", key)
                .post(departments, json("name", "Twice", "code", "TW"));
        assertProblem(elsewhere, 422);
        assertThat(Pages.names(owner.in(second).departments().list())).isEmpty();
    }
}
