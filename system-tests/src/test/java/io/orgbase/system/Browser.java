package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driving the admin console of the shared Orgbase. One browser per test class; every
 * test leaves a screenshot of its last screen under {@code target/console-screenshots/}, also
 * when it fails. Each test starts signed out with an empty cookie jar. Register it with
 * {@code @RegisterExtension static final Browser browser = new Browser();}.
 */
final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final Logger LOG = Logger.getLogger(Browser.class.getName());
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getProperty("orgbase.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("orgbase.chromedriver", "/usr/bin/chromedriver");

    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("orgbase-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--lang=en-US",
                // organizations' subdomains of the tests' base domain reach the local server
                "--host-resolver-rules=MAP *." + Orgbase.BASE_DOMAIN + " 127.0.0.1",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named here: Selenium Manager (which would download one) is never asked
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Signed out, cookies gone, a normal window: what every test starts from. */
    @Override
    public void beforeEach(ExtensionContext context) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        // another document: the previous test's page and its in-memory token are gone
        driver.get(Orgbase.target().baseUrl() + "/admin/favicon.svg");
        // every cookie, whatever its path (WebDriver's own call sees only the current page's)
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.manage().logs().get(LogType.BROWSER);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        screenshot(context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName()
                + (context.getExecutionException().isPresent() ? "-FAILED" : ""));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.log(Level.FINE, "profile left behind", e);
            }
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a console route, e.g. {@code "o/acme/members"} ("" for the start). */
    void open(String route) {
        driver.get(Orgbase.target().baseUrl() + "/admin/#/" + route);
    }

    void reload() {
        driver.navigate().refresh();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    WebElement find(String css) {
        return waitFor(css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until such an element is in the page, visible or not (an image that did not load). */
    WebElement present(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until an element with this text (whole or part) is visible. */
    WebElement waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    void waitUntilGone(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Types into the field, found afresh if the console re-rendered it between finding and typing
     * (a list that reloads replaces its rows: "stale element reference").
     */
    void type(String css, String text) {
        settle(css, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)), field -> {
            field.clear();
            field.sendKeys(text);
        });
    }

    /** Sends keys (a select's option, a file's path) without clearing, found afresh likewise. */
    void keys(String css, String text) {
        settle(css, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)), e -> e.sendKeys(text));
    }

    /** Clicks the element, found afresh if the console re-rendered it in between. */
    void click(String css) {
        settle(css, ExpectedConditions.elementToBeClickable(By.cssSelector(css)), WebElement::click);
    }

    private void settle(String css, ExpectedCondition<WebElement> ready, Consumer<WebElement> action) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "no usable element " + css)
                .until(page -> {
                    WebElement element = ready.apply(page);
                    if (element == null) {
                        return null;
                    }
                    action.accept(element);
                    return Boolean.TRUE;
                });
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String route() {
        return String.valueOf(script("return window.location.hash"));
    }

    /** Signs in through the sign-in screen with email and password (no second factor). */
    void signIn(String email, String password) {
        open("");
        type("input[name=email]", email);
        type("input[name=password]", password);
        click("button[type=submit]");
        waitFor("[data-test=sign-out]");
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "no screenshot " + name, e);
            return null;
        }
    }

    /**
     * Runs axe-core's WCAG 2.1 A/AA rules in the page; fails on any serious or critical violation,
     * naming the rule and the elements.
     */
    void assertAccessible(String screen) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> Set.of("serious", "critical").contains(rule.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(serious).as("axe-core on %s", screen).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget()))
                        .toList();
    }

    /**
     * What the page logged as errors since the last call: script errors, refused resources (a
     * Content-Security-Policy violation is one), failed requests. The 401 of the silent refresh
     * a signed-out page tries first is expected and left out.
     */
    List<String> errorsInConsole() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !(message.contains("/api/v1/auth/refresh") && message.contains("401")))
                .toList();
    }

    /** A cookie as the browser holds it, whatever its path (DevTools), or null. */
    @SuppressWarnings("unchecked")
    Map<String, Object> cookie(String name) {
        Map<String, Object> all = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies"))
                .stream().filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
    }

    /** Horizontal overflow of the page (a layout that does not fit the window). */
    long overflow() {
        return (Long) script("return document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth");
    }
}
