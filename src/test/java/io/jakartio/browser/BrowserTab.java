package io.jakartio.browser;

import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.container.ChromiumBrowser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One tab of Debian's headless Chromium, as a page object's base: its browser (a fresh profile, or
 * the browser of another tab: then the tabs share its localStorage), scripts run in it, controls
 * found by their labels and texts, the page read in one script at a time (a page that redraws as
 * events arrive would make elements stale between two reads), waiting, reloading, screens and
 * screenshots. Every method first switches the driver to this tab.
 *
 * <pre>{@code
 * final class SomePage extends BrowserTab {
 *     SomePage(URI url) throws IOException { super("someone", url); }
 *     void press() { button("OK").click(); }
 * }
 * }</pre>
 */
class BrowserTab implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final String name;
    private final ChromeDriver driver;
    private final String handle;
    private final Path profile; // null for a tab: its browser's first tab owns the profile

    /**
     * Starts a browser of its own (a fresh profile) showing a page.
     *
     * @param name who this is, in failure messages
     * @param page the page to open
     */
    BrowserTab(String name, URI page) throws IOException {
        this.name = name;
        this.profile = Files.createTempDirectory("jakartio-chat-chromium-");
        this.driver = ChromiumBrowser.startDriver(profile, "1280,800", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        driver.get(page.toString());
        this.handle = driver.getWindowHandle();
    }

    /**
     * Opens a page in a new tab of another tab's browser.
     *
     * @param name who this tab is, in failure messages
     * @param browser a tab of the browser to open it in (the same localStorage)
     * @param page the page to open
     */
    BrowserTab(String name, BrowserTab browser, URI page) {
        browser.focus();
        this.name = name;
        this.driver = browser.driver;
        this.profile = null;
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(page.toString());
        this.handle = driver.getWindowHandle();
    }

    /** @return who this tab is, in failure messages */
    String name() {
        return name;
    }

    /** @return what a failed wait tells of the page, besides its console; override for more */
    String describe() {
        return "";
    }

    // ---- the page ----

    /** @return the tab's text as a person sees it, everywhere in the page */
    String pageText() {
        return (String) script("return document.body.textContent");
    }

    /**
     * @param script run in this tab; {@code arguments[i]} are the arguments
     * @param args its arguments
     * @return what it returned
     */
    Object script(String script, Object... args) {
        focus();
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** @return the accessible name Chromium computes for an element */
    String accessibleName(By by) {
        focus();
        return driver.findElement(by).getAccessibleName();
    }

    /** @return the ARIA role Chromium computes for an element */
    String role(By by) {
        focus();
        return driver.findElement(by).getAriaRole();
    }

    /** @return the accessible name of the element that has the keyboard focus */
    String focused() {
        focus();
        return driver.switchTo().activeElement().getAccessibleName();
    }

    /** @param keys typed wherever the keyboard focus is, e.g. {@code "Dave", Keys.ENTER} */
    void typeKeys(CharSequence... keys) {
        focus();
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** @return the element found, in this tab */
    WebElement find(By by) {
        focus();
        return driver.findElement(by);
    }

    /** Clicks an element, found again if the page redrew it between finding and clicking. */
    void click(By by) {
        focus();
        for (int attempt = 1; ; attempt++) {
            try {
                driver.findElement(by).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** @return the input whose label reads {@code label} */
    WebElement field(String label) {
        focus();
        WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** @return the displayed button whose text reads {@code text} */
    WebElement button(String text) {
        focus();
        return driver.findElements(By.xpath("//button[normalize-space()='" + text + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no visible button '" + text + "'"));
    }

    /** @return the first matching element's text content, null if none */
    String text(By by) {
        List<String> found = texts(by);
        return found.isEmpty() ? null : found.get(0);
    }

    /** @return each matching element's text content */
    List<String> texts(By by) {
        return attributes(by, null);
    }

    /** @return the first matching element's attribute, null if none matches or it has none */
    String attribute(By by, String attribute) {
        List<String> found = attributes(by, attribute);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Reads in one script, not element by element.
     *
     * @param by a CSS selector, an XPath or an id
     * @param attribute an attribute's name, or null for the text content
     * @return each matching element's attribute, or its text content when {@code attribute} is null
     */
    @SuppressWarnings("unchecked")
    List<String> attributes(By by, String attribute) {
        String selector = by.toString();
        String css = selector.startsWith("By.cssSelector: ") ? selector.substring(16) : null;
        String xpath = selector.startsWith("By.xpath: ") ? selector.substring(10) : null;
        if (selector.startsWith("By.id: ")) {
            css = "#" + selector.substring(7);
        }
        if (css == null && xpath == null) {
            throw new IllegalArgumentException("CSS, XPath or id only: " + by);
        }
        return (List<String>) script("var css = arguments[0], xpath = arguments[1], name = arguments[2], found = [];"
                + " if (css) { found = Array.from(document.querySelectorAll(css)); } else {"
                + "   var r = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);"
                + "   for (var i = 0; i < r.snapshotLength; i++) { found.push(r.snapshotItem(i)); } }"
                + " return found.map(function (e) { return name ? e.getAttribute(name) : e.textContent; });",
                css, xpath, attribute);
    }

    /**
     * Waits for a condition of this tab.
     *
     * @param what what is awaited, for the failure message
     * @param condition checked until true or {@link #WAIT} has passed
     */
    void waitFor(String what, BooleanSupplier condition) {
        focus();
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            String described;
            try {
                described = describe();
            } catch (RuntimeException unknown) {
                described = "";
            }
            fail(name + " waited " + WAIT.toSeconds() + " s for " + what + described + "; its console: "
                    + ChromiumBrowser.console(driver));
        }
    }

    // ---- the browser ----

    /** Reloads the tab, as the browser's reload button does. */
    void reload() {
        focus();
        driver.navigate().refresh();
    }

    /**
     * Reloads the tab while its network is down, and waits for the browser's error page.
     *
     * @param pageElement the id of an element of the page, which the error page does not have
     */
    void reloadOffline(String pageElement) {
        focus();
        try {
            driver.navigate().refresh();
        } catch (WebDriverException e) {
            if (e.getMessage() == null || !e.getMessage().contains("net::ERR_")) {
                throw e;
            }
            // ChromeDriver reports the failed load; the tab shows Chromium's error page
        }
        waitFor("the browser's error page", () -> Boolean.TRUE.equals(
                script("return document.getElementById(arguments[0]) === null", pageElement)));
    }

    /**
     * Shows the page as a screen of that size would (Chromium's device emulation: a desktop
     * window has a minimum width, a phone's 375 px is below it).
     *
     * @param width CSS pixels
     * @param height CSS pixels
     * @param mobile whether to emulate a phone (touch, mobile viewport)
     */
    void emulateScreen(int width, int height, boolean mobile) {
        focus();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Ends {@link #emulateScreen}: the browser's own window again. */
    void stopEmulatingScreen() {
        focus();
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves what the tab shows as a PNG. */
    Path screenshot(Path file) throws IOException {
        focus();
        Files.createDirectories(file.getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Sets a cookie of the tab's site as a server's {@code Set-Cookie} would (HttpOnly, path
     * {@code /}), replacing one of that name: the browser sends it from its next request on.
     *
     * @param cookie the name, e.g. nginx's routing cookie
     * @param value its value
     */
    void setCookie(String cookie, String value) {
        focus();
        driver.manage().addCookie(new Cookie.Builder(cookie, value).path("/").isHttpOnly(true).sameSite("Lax").build());
    }

    /** Closes this tab; the browser's first tab closes the whole browser. */
    @Override
    public void close() {
        if (profile == null) {
            focus();
            driver.close();
            return;
        }
        try {
            driver.quit();
        } finally {
            ChromiumBrowser.deleteRecursively(profile);
        }
    }

    /** Switches the driver to this tab, if it is in another. */
    void focus() {
        String current;
        try {
            current = driver.getWindowHandle();
        } catch (NoSuchWindowException e) {
            current = null; // the tab the driver was in is closed
        }
        if (!handle.equals(current)) {
            driver.switchTo().window(handle);
        }
    }
}
