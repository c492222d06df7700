package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SOAP beside REST on the same server: one member read by id ({@code getMember} on the Directory
 * service's SOAP 1.1 port; {@code GET /api/v1/orgs/{org}/members/{userId}}), by the same caller
 * with the same credential (an access token; and an API key, as HTTP Basic for SOAP and X-API-Key
 * for REST), at {@code BENCH_CLIENTS} (16) concurrent clients, {@code BENCH_SECONDS} (10) a round,
 * {@code BENCH_ROUNDS} (3) alternating rounds after {@code BENCH_WARMUP} (30) s of each; medians.
 * Writes {@code bench-work/soap.md}; everything it starts, it stops.
 */
public final class SoapBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String DIRECTORY = "http://orgbase.io/soap/directory/v1";
    private static final int MEMBERS = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int clients = BenchServer.setting("BENCH_CLIENTS", 16);
    private final int seconds = BenchServer.setting("BENCH_SECONDS", 10);
    private final int rounds = BenchServer.setting("BENCH_ROUNDS", 3);
    private final int warmUp = BenchServer.setting("BENCH_WARMUP", 30);

    private String base;
    private String org;
    private String token;
    private String apiKey;
    private final List<String> members = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new SoapBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        Launcher launcher = BenchServer.start(work, home, password);
        try {
            base = launcher.baseUrl();
            prepare(new BenchClient(base), password);
            Map<String, Runnable> reads = new LinkedHashMap<>();
            reads.put("REST, access token", () -> rest("Authorization", "Bearer " + token));
            reads.put("SOAP 1.1, access token", () -> soap("Authorization", "Bearer " + token));
            reads.put("REST, API key (X-API-Key)", () -> rest("X-API-Key", apiKey));
            reads.put(
                    "SOAP 1.1, API key (HTTP Basic)",
                    () -> soap(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(("bench:" + apiKey).getBytes(StandardCharsets.UTF_8))));
            for (Runnable read : reads.values()) {
                Load.measureFor(clients, warmUp, read);
            }
            Map<String, List<Load.Result>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(reads.keySet());
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String name : order) {
                    results.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(Load.measureFor(clients, seconds, reads.get(name)));
                }
            }
            StringBuilder report = new StringBuilder(String.format(
                    Locale.ROOT,
                    "One member by id, %d clients, median of %d rounds of %d s (Payara Micro, %s)%n%n"
                            + "| read | req/s | p50 ms | p99 ms |%n|---|---:|---:|---:|%n",
                    clients,
                    rounds,
                    seconds,
                    System.getProperty("java.version")));
            results.forEach((name, measured) -> report.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.2f | %.2f |%n",
                    name,
                    median(measured, Load.Result::throughput),
                    median(measured, Load.Result::p50),
                    median(measured, Load.Result::p99))));
            Files.writeString(work.resolve("soap.md"), report.toString());
            REPORT.info("\n" + report);
        } finally {
            launcher.close();
            BenchServer.discard(home);
        }
    }

    private static double median(List<Load.Result> results, Function<Load.Result, Double> value) {
        double[] values = results.stream().mapToDouble(value::apply).sorted().toArray();
        return values[values.length / 2];
    }

    private String member() {
        return members.get(ThreadLocalRandom.current().nextInt(members.size()));
    }

    private void rest(String header, String value) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/orgs/" + org + "/members/" + member()))
                .timeout(Duration.ofSeconds(60))
                .header(header, value)
                .GET()
                .build();
        expect(request, "\"userId\"");
    }

    private void soap(String header, String value) {
        String envelope =
                "<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body><d:getMember xmlns:d=\"" + DIRECTORY + "\"><d:org>"
                        + org + "</d:org><d:userId>" + member() + "</d:userId></d:getMember></s:Body></s:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/soap/v1/directory"))
                .timeout(Duration.ofSeconds(60))
                .header(header, value)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build();
        expect(request, "userId>");
    }

    private static void expect(HttpRequest request, String marker) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains(marker)) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body()
                                .substring(0, Math.min(300, response.body().length())));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void prepare(BenchClient client, String password) throws Exception {
        String admin = client.login("bench-admin@bench.example", password);
        String ownerPassword = "Pw-" + UUID.randomUUID();
        client.send(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"email\":\"bench-owner@bench.example\",\"password\":\"" + ownerPassword
                        + "\",\"displayName\":\"Owner\"}");
        token = client.login("bench-owner@bench.example", ownerPassword);
        org = "bench-soap";
        client.send("POST", "/api/v1/orgs", token, "{\"slug\":\"" + org + "\",\"name\":\"SOAP\"}");
        for (int i = 0; i < MEMBERS; i++) {
            String email = "bench-member-" + i + "@bench.example";
            String created = client.send(
                    "POST",
                    "/api/v1/admin/users",
                    admin,
                    "{\"email\":\"" + email + "\",\"password\":\"Pw-" + UUID.randomUUID() + "\",\"displayName\":\"M" + i
                            + "\"}");
            members.add(BenchClient.field(created, "id"));
            client.send(
                    "POST",
                    "/api/v1/orgs/" + org + "/members",
                    token,
                    "{\"email\":\"" + email + "\",\"role\":\"member\",\"jobTitle\":\"Engineer\"}");
        }
        apiKey = BenchClient.field(
                client.send(
                        "POST", "/api/v1/orgs/" + org + "/api-keys", token, "{\"name\":\"bench\",\"role\":\"admin\"}"),
                "key");
        REPORT.info("prepared " + Arrays.asList(org, members.size() + " members"));
    }
}
