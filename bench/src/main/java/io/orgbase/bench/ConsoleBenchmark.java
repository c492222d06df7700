package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the admin console's screens answer on the structure benchmark's data (one organization
 * with 101,110 departments, 10,000 members and 500 teams; {@link StructureData}), in Debian's
 * headless Chromium on the same machine: for each screen, the time from asking for it (the
 * address changes) to its content drawn with nothing still loading, measured in the page. Each
 * screen is opened {@code BENCH_ROUNDS} (20) times after {@code BENCH_WARMUP_ROUNDS} (5) rounds
 * that are not counted, the screens taken in turn. The goal is 300 ms. Prints a Markdown table and
 * writes it to {@code bench-work/console.md}. Everything it starts, it stops.
 */
public final class ConsoleBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    /**
     * Run in the page: empties the current screen, asks for the route, and answers the milliseconds
     * until the new screen has a heading and no loading state, busy region or spinner left.
     */
    private static final String TIME_SCREEN =
            """
            const done = arguments[arguments.length - 1];
            document.querySelector('main')?.replaceChildren();
            const started = performance.now();
            const ready = () => {
              const main = document.querySelector('main');
              return main && main.querySelector('h1')
                && !main.querySelector('.state.loading, [aria-busy="true"], .spinner');
            };
            const observer = new MutationObserver(() => {
              if (ready()) {
                observer.disconnect();
                done(performance.now() - started);
              }
            });
            observer.observe(document.getElementById('app'), { childList: true, subtree: true, attributes: true });
            if (window.location.hash === arguments[0]) {
              // the same address again: no hashchange of its own, so the console is told
              window.dispatchEvent(new HashChangeEvent('hashchange'));
            } else {
              window.location.hash = arguments[0];
            }
            """;

    private final int rounds = BenchServer.setting("BENCH_ROUNDS", 20);
    private final int warmupRounds = BenchServer.setting("BENCH_WARMUP_ROUNDS", 5);

    public static void main(String[] args) throws Exception {
        new ConsoleBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        Launcher launcher = BenchServer.start(work, home, password);
        ChromeDriver browser = null;
        try {
            BenchClient client = new BenchClient(launcher.baseUrl());
            StructureData data = new StructureData(
                    BenchServer.setting("BENCH_LEAVES", 9),
                    BenchServer.setting("BENCH_MEMBERS", 10_000),
                    BenchServer.setting("BENCH_TEAMS", 500));
            data.load(client, launcher, password);
            String member = BenchClient.field(
                    client.get("/api/v1/orgs/" + data.org + "/members?limit=1&q=member5000%40bench.example", data.token)
                            .body(),
                    "userId");
            String team = data.teamIds.get(data.teamIds.size() / 2).toString();
            String o = "#/o/" + data.org;
            Map<String, String> screens = new LinkedHashMap<>();
            screens.put("dashboard (analytics of 10,000 members)", o);
            screens.put("members, first page of 25 with the count", o + "/members");
            screens.put("members, searched", o + "/members?q=Member%2077");
            screens.put(
                    "members, a top department's subtree",
                    o + "/members?department=" + data.levels.get(0).get(3));
            screens.put("members, by last activity", o + "/members?sort=-joinedAt&recent=30");
            screens.put("a member", o + "/members/" + member);
            screens.put("departments, top level of the tree", o + "/departments");
            screens.put("teams, first page", o + "/teams");
            screens.put("a team and its 20 members", o + "/teams/" + team);
            screens.put("invitations", o + "/invitations");
            screens.put("roles and permissions", o + "/roles");
            screens.put("audit trail", o + "/audit");
            screens.put("API keys", o + "/api-keys");
            screens.put("imports and exports", o + "/data-jobs");
            screens.put("settings", o + "/settings");
            screens.put("your notifications", o + "/notifications");

            browser = chromium();
            browser.get(launcher.baseUrl() + "/admin/");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d ->
                            !d.findElements(By.cssSelector("input[name=email]")).isEmpty());
            browser.findElement(By.cssSelector("input[name=email]")).sendKeys(data.ownerEmail);
            browser.findElement(By.cssSelector("input[name=password]")).sendKeys(data.ownerPassword);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> !d.findElements(By.cssSelector("[data-test=sign-out]"))
                            .isEmpty());

            Map<String, double[]> took = new LinkedHashMap<>();
            screens.keySet().forEach(name -> took.put(name, new double[rounds]));
            for (int round = -warmupRounds; round < rounds; round++) {
                for (Map.Entry<String, String> screen : screens.entrySet()) {
                    double ms = ((Number) browser.executeAsyncScript(TIME_SCREEN, screen.getValue())).doubleValue();
                    if (round >= 0) {
                        took.get(screen.getKey())[round] = ms;
                    }
                }
            }
            List<String> rows = new ArrayList<>();
            rows.add("| screen | median ms | p90 ms | max ms |");
            rows.add("|---|---:|---:|---:|");
            for (Map.Entry<String, double[]> entry : took.entrySet()) {
                double[] times = entry.getValue().clone();
                Arrays.sort(times);
                rows.add(String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %.0f | %.0f |",
                        entry.getKey(),
                        times[times.length / 2],
                        times[(int) Math.ceil(times.length * 0.9) - 1],
                        times[times.length - 1]));
            }
            String header = String.format(
                    Locale.ROOT,
                    "Orgbase console: time from asking for a screen to its content drawn, headless Chromium on the"
                            + " same machine as the server and PostgreSQL; %,d departments, %,d members, %,d teams;"
                            + " %d rounds after %d warm-up rounds; %d cores, %s%n%n",
                    data.departmentCount(),
                    data.members,
                    data.teams,
                    rounds,
                    warmupRounds,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            String table = String.join("\n", rows) + "\n";
            Files.writeString(work.resolve("console.md"), header + table);
            REPORT.info("\n" + header + table);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            launcher.close();
            BenchServer.discard(home);
        }
    }

    /** Debian's chromium through its chromedriver (Selenium Manager is never asked to download one). */
    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-extensions",
                "--lang=en-US",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
