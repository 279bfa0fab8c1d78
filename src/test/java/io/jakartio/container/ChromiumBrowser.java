package io.jakartio.container;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person in front of the seed's chat page: Debian's headless Chromium driven by Selenium
 * through Debian's chromedriver (nothing is downloaded). Each browser has its own fresh profile.
 *
 * <pre>{@code
 * ChromiumBrowser.requireChromium();
 * try (ChromiumBrowser browser = ChromiumBrowser.open("first", root)) {
 *     browser.awaitConnected();
 *     browser.type("hello");
 *     browser.awaitMessages(List.of("hello"));
 * }
 * }</pre>
 */
public final class ChromiumBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("jakartio.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jakartio.it.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Every driver started in this JVM: a test JVM stopped before its tests closed their browsers
     * (a build interrupted with Ctrl-C or SIGTERM) quits them on its way out, so no headless
     * Chromium is left running. Quitting a driver twice does nothing.
     */
    private static final Set<ChromeDriver> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(driver -> {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // on the way out: the browser may be gone already
            }
        }), "chromium-quitter"));
    }

    private final String name;
    private final Path profile;
    private final ChromeDriver driver;

    private ChromiumBrowser(String name, Path profile, ChromeDriver driver) {
        this.name = name;
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Skips the calling test when Chromium or chromedriver is missing, saying what to install;
     * fails it instead when the environment variable {@code CI} is set, since CI installs both
     * (.ci/run).
     */
    public static void requireChromium() {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                missing.add(program.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the browser test needs headless Chromium, but " + String.join(" and ", missing)
                + " is missing (Debian: apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            fail(message + "; CI is set, so this is a failure rather than a skip");
        }
        Assumptions.abort(message + "; skipped");
    }

    /**
     * Starts Debian's headless Chromium through Debian's chromedriver, with a profile of its own
     * and the flags this machine needs (no background networking: its connections would be
     * refused). The profile is deleted if the browser does not start.
     *
     * <pre>{@code
     * ChromeDriver driver = ChromiumBrowser.startDriver(Files.createTempDirectory("chat-"), "1280,800",
     *         "--disable-background-timer-throttling");
     * }</pre>
     *
     * @param profile a new, empty profile folder
     * @param windowSize the window's size, e.g. {@code 1280,800}
     * @param moreArguments further Chromium flags
     * @return the driver, on a blank page
     */
    public static ChromeDriver startDriver(Path profile, String windowSize, String... moreArguments) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + windowSize);
        options.addArguments(moreArguments);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        try {
            ChromeDriver driver = new ChromeDriver(options);
            STARTED.add(driver);
            return driver;
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    /**
     * Starts a browser and opens a page.
     *
     * @param name who this browser is, in failure messages
     * @param page the page to open
     * @return the browser, showing the page
     */
    public static ChromiumBrowser open(String name, URI page) throws IOException {
        Path profile = Files.createTempDirectory("jakartio-chromium-");
        ChromeDriver driver = startDriver(profile, "800,480");
        ChromiumBrowser browser = new ChromiumBrowser(name, profile, driver);
        driver.get(page.toString());
        return browser;
    }

    /** Waits until the page's {@code socket} (the seed's {@code var socket = io();}) is connected. */
    void awaitConnected() {
        waitFor("its socket to connect", () -> Boolean.TRUE.equals(
                script("return typeof socket !== 'undefined' && socket.connected === true")));
    }

    /** Waits until the page's Engine.IO connection has upgraded from polling to WebSocket. */
    void awaitWebSocket() {
        waitFor("its connection to upgrade to WebSocket", () -> "websocket".equals(
                script("return socket.io.engine && socket.io.engine.transport.name")));
    }

    /** @param message typed into the page's input, then Enter submits the form */
    void type(String message) {
        driver.findElement(By.id("input")).sendKeys(message, Keys.ENTER);
    }

    /** @param text typed into the page's input and left there, unsent */
    void draft(String text) {
        driver.findElement(By.id("input")).sendKeys(text);
    }

    /** @param expected the texts the page's {@code #messages} list must show, in order */
    void awaitMessages(List<String> expected) {
        waitFor("the messages " + expected, () -> expected.equals(messages()));
    }

    /** @return the texts of the page's {@code #messages li} items */
    List<String> messages() {
        return driver.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
    }

    /**
     * Saves what the browser shows.
     *
     * @param file the PNG file to write
     * @return the file
     */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /**
     * Waits until a script run in the page returns {@code true}, for pages other than the chat's.
     *
     * @param what what is awaited, for the failure message
     * @param script e.g. {@code "return window.done === true"}
     */
    public void awaitScript(String what, String script) {
        waitFor(what, () -> Boolean.TRUE.equals(script(script)));
    }

    /**
     * @param script run in the page, e.g. {@code "return socket.id"}
     * @return what it returned
     */
    public Object evaluate(String script) {
        return script(script);
    }

    private void waitFor(String what, BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            fail("browser " + name + " waited " + WAIT.toSeconds() + " s for " + what + "; its page shows "
                    + messages() + ", its Engine.IO connection is " + engineState() + "; its console: " + console());
        }
    }

    private String engineState() {
        try {
            return String.valueOf(script("var e = window.socket && socket.io.engine; return e ? e.transport.name + ' '"
                    + " + e.readyState + (e.upgrading ? ', upgrading' : '') : 'not created'"));
        } catch (RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private List<String> console() {
        return console(driver);
    }

    /**
     * @param driver a browser started by {@link #startDriver}
     * @return what its pages logged to the console, for a failure message
     */
    public static List<String> console(ChromeDriver driver) {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
        } catch (RuntimeException e) {
            return List.of("(unavailable: " + e + ")");
        }
    }

    /** @param dir a browser profile folder, deleted with everything in it */
    public static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
