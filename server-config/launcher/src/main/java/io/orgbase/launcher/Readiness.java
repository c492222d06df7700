package io.orgbase.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for an Orgbase to answer {@code /health/ready} with 200 and its own checks in the answer:
 * the server alone answers 200 with no checks, also when the application failed to deploy; and for
 * its API to answer an anonymous call with a problem document. Orgbase's {@code api} check already
 * waits for the endpoints to load; the call is what a client will see, asked once more.
 */
public final class Readiness {

    private static final Duration POLL = Duration.ofMillis(250);

    /** The name of a readiness check Orgbase itself registers (the database's). */
    private static final String APPLICATION_CHECK = "\"database\"";

    private Readiness() {}

    /**
     * Whether the API itself answered an anonymous {@code GET /api/v1/me}: with a problem document
     * (401, or 429 when a shared address budget ran out), not the server's own 404 or 503 page.
     */
    private static boolean answersItself(HttpResponse<Void> answer) {
        return answer.headers()
                .firstValue("Content-Type")
                .filter(type -> type.startsWith("application/problem+json"))
                .isPresent();
    }

    /**
     * @param stillStarting false once the server process is gone, to stop waiting early
     * @return whether it became ready within the timeout
     */
    public static boolean await(String baseUrl, Duration timeout, BooleanSupplier stillStarting)
            throws InterruptedException {
        return await(baseUrl, baseUrl, timeout, stillStarting);
    }

    /**
     * As {@link #await(String, Duration, BooleanSupplier)}, for a server that answers health checks
     * elsewhere than the API (WildFly: on its management port).
     *
     * @param healthUrl where {@code /health/ready} is served
     * @param baseUrl where the API is served
     */
    public static boolean await(String healthUrl, String baseUrl, Duration timeout, BooleanSupplier stillStarting)
            throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(healthUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        // the API itself answers too
        HttpRequest api = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/me"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && stillStarting.getAsBoolean()) {
            try {
                HttpResponse<String> answer = client.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200
                        && answer.body().contains(APPLICATION_CHECK)
                        && answersItself(client.send(api, HttpResponse.BodyHandlers.discarding()))) {
                    return true;
                }
            } catch (IOException notListeningYet) {
                // the port is not open yet; poll again
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }
}
