package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Budgets per minute: an API key's own, and the per-address budget of requests without a
 * principal (60 a minute in the test settings). Windows are fixed minutes, so a test may straddle
 * two: it allows itself up to three budgets' worth of requests to reach a 429.
 */
class RateLimitIT {

    /** Sends until refused; returns the refusal, or fails after three budgets. */
    private static Api.Reply untilRefused(int budget, Supplier<Api.Reply> request) {
        for (int i = 0; i < 3 * budget + 1; i++) {
            Api.Reply reply = request.get();
            if (reply.status() == 429) {
                return reply;
            }
            assertThat(Integer.parseInt(reply.header("RateLimit-Limit"))).isEqualTo(budget);
        }
        throw new AssertionError("no 429 after " + (3 * budget + 1) + " requests");
    }

    @Test
    void anApiKeyKeepsToItsOwnBudget() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply created =
                owner.in(org).apiKeys().create(json("name", "throttled", "role", "viewer", "rateLimitPerMinute", 5));
        assertThat(created.json().getJsonObject("apiKey").getInt("rateLimitPerMinute"))
                .isEqualTo(5);
        Api key = Api.anonymous().withApiKey(created.json().getString("key"));

        Api.Reply first = key.get(org.path());
        assertThat(first.status()).isEqualTo(200);
        assertThat(Integer.parseInt(first.header("RateLimit-Remaining"))).isBetween(0, 4);
        assertThat(Integer.parseInt(first.header("RateLimit-Reset"))).isBetween(1, 60);

        Api.Reply refused = untilRefused(5, () -> key.get(org.path()));
        assertProblem(refused, 429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        // the owner's own budget is untouched
        assertThat(owner.api().get(org.path()).status()).isEqualTo(200);
    }

    @Test
    void aBulkRequestCostsOneRequestPerOperation() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply created =
                owner.in(org).apiKeys().create(json("name", "bulky", "role", "admin", "rateLimitPerMinute", 8));
        Api key = Api.anonymous().withApiKey(created.json().getString("key"));
        StringBuilder operations = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            operations
                    .append(i == 0 ? "" : ",")
                    .append("{\"op\":\"create\",\"body\":{\"name\":\"Bulk ")
                    .append(i)
                    .append("\",\"code\":\"B")
                    .append(i)
                    .append("\"}}");
        }
        Api.Reply refused = key.post(org.path() + "/departments/bulk", "{\"operations\":[" + operations + "]}");
        assertProblem(refused, 429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // nothing ran: the budget is checked before the first operation
        assertThat(Pages.names(owner.in(org).departments().list())).isEmpty();
    }

    @Test
    void expensiveReadsCostMoreOfTheBudget() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply created =
                owner.in(org).apiKeys().create(json("name", "searcher", "role", "admin", "rateLimitPerMinute", 12));
        Api key = Api.anonymous().withApiKey(created.json().getString("key"));
        String departments = org.path() + "/departments";

        // a search or a count costs five requests, a report ten, walking the audit chain twenty
        Api.Reply search = key.get(departments + "?q=sales");
        assertThat(search.status()).isEqualTo(200);
        assertThat(Integer.parseInt(search.header("RateLimit-Remaining"))).isEqualTo(12 - 5);
        Api.Reply counted = key.get(departments + "?q=sales&count=true");
        assertProblem(counted, 429);
        assertThat(Integer.parseInt(counted.header("Retry-After"))).isBetween(1, 60);

        Problems.assertInvalidFields(owner.api().get(departments + "?q=" + "x".repeat(101)), "q");
        Api.Reply verify = owner.in(org).auditEvents().item("verify").get();
        assertThat(verify.status()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAPrincipalShareTheirAddressesBudget() {
        String address = Fixtures.address();
        Api anonymous = Api.anonymous().from(address);
        Api.Reply refused =
                untilRefused(60, () -> anonymous.post("/api/v1/auth/logout", json("refreshToken", "obr_unknown")));
        assertProblem(refused, 429);
        assertThat(refused.header("Retry-After")).isNotNull();
        // another address is not affected
        assertThat(Api.anonymous()
                        .from(Fixtures.address())
                        .post("/api/v1/auth/logout", json("refreshToken", "obr_unknown"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void failedCredentialsSpendTheirAddressesBudget() {
        for (Api wrong : List.of(
                Api.anonymous().from(Fixtures.address()).withApiKey("obk_unknown" + Secrets.suffix()),
                Api.anonymous().from(Fixtures.address()).withToken("not.a.token"))) {
            Api.Reply reply = null;
            for (int i = 0; i < 3 * 60 + 1 && (reply == null || reply.status() != 429); i++) {
                reply = wrong.get("/api/v1/me");
                assertThat(reply.status()).isIn(401, 429);
            }
            assertProblem(reply, 429);
            assertThat(Integer.parseInt(reply.header("Retry-After"))).isBetween(1, 60);
        }
    }
}
