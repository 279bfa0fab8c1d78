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
import org.openqa.selenium.Keys;
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
 * One tab of the full chat's page (or of the seed's page) in Debian's headless Chromium, driven
 * as a person would: controls found by their labels and accessible names ("Nickname", "Join",
 * "Message", "Send", the lists "Messages", "Online", "Rooms"), keys typed, buttons clicked. Tabs
 * of one browser share its localStorage, so they are one user's tabs.
 *
 * <pre>{@code
 * try (ChatPage alice = ChatPage.open("alice", URI.create(url + "/chat/"))) {
 *     alice.join("Alice");
 *     alice.say("hello");
 *     alice.awaitMessage("Alice: hello");
 * }
 * }</pre>
 */
final class ChatPage implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final String name;
    private final ChromeDriver driver;
    private final String handle;
    private final Path profile; // null for a tab: its browser's first page owns the profile

    private ChatPage(String name, ChromeDriver driver, String handle, Path profile) {
        this.name = name;
        this.driver = driver;
        this.handle = handle;
        this.profile = profile;
    }

    /**
     * Starts a browser of its own (a fresh profile: a new user) showing a page.
     *
     * @param name who this is, in failure messages
     * @param page the page to open
     * @return its first tab
     */
    static ChatPage open(String name, URI page) throws IOException {
        Path profile = Files.createTempDirectory("jakartio-chat-chromium-");
        ChromeDriver driver = ChromiumBrowser.startDriver(profile, "1280,800", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        driver.get(page.toString());
        return new ChatPage(name, driver, driver.getWindowHandle(), profile);
    }

    /**
     * @param tabName who this tab is, in failure messages
     * @param page the page to open in a new tab of this browser (same user, same localStorage)
     * @return the new tab
     */
    ChatPage newTab(String tabName, URI page) {
        focus();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(page.toString());
        return new ChatPage(tabName, driver, driver.getWindowHandle(), null);
    }

    // ---- joining ----

    /** Types a nickname into the field labelled "Nickname" and presses "Join". */
    void join(String nickname) {
        WebElement field = field("Nickname");
        field.clear();
        field.sendKeys(nickname);
        button("Join").click();
    }

    /** @return what the field labelled "Nickname" holds */
    String nickname() {
        return field("Nickname").getAttribute("value");
    }

    /** Presses "Join" with whatever the Nickname field holds. */
    void pressJoin() {
        button("Join").click();
    }

    /** Waits until the chat shows (the join form is gone and the message log is there). */
    void awaitJoined() {
        waitFor("the chat to show", () -> Boolean.TRUE.equals(script(
                "return !document.getElementById('chat-view').hidden && document.getElementById('join-view').hidden")));
    }

    /** @param reason the join form's alert to wait for, e.g. {@code "nickname taken"} */
    void awaitJoinRefused(String reason) {
        waitFor("the join alert '" + reason + "'", () -> reason.equals(text(By.cssSelector("#join-view [role=alert]"))));
    }

    // ---- the conversation ----

    /** Types a message into the field labelled "Message" and presses Enter. */
    void say(String text) {
        field("Message").sendKeys(text, Keys.ENTER);
    }

    /** @param text typed into the "Message" field, unsent */
    void draft(String text) {
        field("Message").sendKeys(text);
    }

    /** Empties the "Message" field. */
    void clearDraft() {
        field("Message").clear();
    }

    /** @return the shown conversation's messages, as {@code "from: text"} */
    List<String> messages() {
        focus();
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) script("return Array.from(document.querySelectorAll("
                + "'[role=log][aria-label=Messages] li[data-kind=message]')).map(function (li) {"
                + " return li.querySelector('.from').textContent + ': ' + li.querySelector('.text').textContent; })");
        return lines;
    }

    /** @return the shown conversation's notices, e.g. {@code "Alice joined"} */
    List<String> notices() {
        return texts(By.cssSelector("[role=log] li[data-kind=notice]"));
    }

    /** @param line {@code "from: text"}, awaited once in the shown conversation */
    void awaitMessage(String line) {
        waitFor("the message '" + line + "' once", () -> messages().stream().filter(line::equals).count() == 1);
    }

    /**
     * @param text a message's text in the shown conversation
     * @param attribute {@code state} ({@code pending}, {@code sent}, {@code failed}), {@code attempts}, {@code id}
     * @return the message's {@code data-} attribute, or null if no message has that text
     */
    String messageData(String text, String attribute) {
        focus();
        return (String) script("var text = arguments[0], key = arguments[1];"
                + " var li = Array.from(document.querySelectorAll('[role=log] li[data-kind=message]'))"
                + ".find(function (li) { return li.querySelector('.text').textContent === text; });"
                + " return li ? li.dataset[key] : null;", text, attribute);
    }

    /** @return the visible mark of the message with that text ("sending…", "✓", "not sent: …") */
    String mark(String text) {
        focus();
        return (String) script("var text = arguments[0];"
                + " var li = Array.from(document.querySelectorAll('[role=log] li[data-kind=message]'))"
                + ".find(function (li) { return li.querySelector('.text').textContent === text; });"
                + " return li ? li.querySelector('.mark').textContent : null;", text);
    }

    void awaitMessageData(String text, String attribute, String value) {
        waitFor("the message '" + text + "' with data-" + attribute + "=" + value,
                () -> value.equals(messageData(text, attribute)));
    }

    /** @return the typing indicator's text */
    String typing() {
        return text(By.id("typing"));
    }

    void awaitTyping(String expected) {
        waitFor("the typing indicator '" + expected + "'", () -> expected.equals(typing()));
    }

    /** @return the text of the conversation's alert (an error ack) */
    String sendError() {
        return text(By.cssSelector("#conversation [role=alert]"));
    }

    /** @return the conversation's title, e.g. {@code "#general"} or {@code "@Bob"} */
    String title() {
        return text(By.id("conversation-title"));
    }

    // ---- the sidebar ----

    /** @return the nicknames in the list labelled "Online" */
    List<String> online() {
        return attributes(By.cssSelector("[aria-label=Online] li"), "data-nickname");
    }

    void awaitOnline(List<String> expected) {
        waitFor("Online to be " + expected, () -> expected.equals(online()));
    }

    /** @return the rooms in the list labelled "Rooms" */
    List<String> rooms() {
        return attributes(By.cssSelector("[aria-label=Rooms] li"), "data-room");
    }

    /** @return whether this tab is in the room, as its Rooms list shows it */
    boolean joined(String room) {
        return "true".equals(attribute(By.cssSelector("[aria-label=Rooms] li[data-room='" + room + "']"), "data-joined"));
    }

    /** @return the unread count the Rooms list shows for a room, 0 if none */
    int unread(String room) {
        String count = attribute(By.cssSelector("[aria-label=Rooms] li[data-room='" + room + "']"), "data-unread");
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** @return the unread count the Direct messages list shows for a conversation, 0 if none */
    int unreadFrom(String nickname) {
        String count = attribute(By.xpath("//ul[@aria-label='Direct messages']/li[@data-nickname='" + nickname + "']"),
                "data-unread");
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** Clicks a room in the Rooms list (joining it if this user is not in it). */
    void openRoom(String room) {
        click(By.cssSelector("[aria-label=Rooms] li[data-room='" + room + "'] button"));
        waitFor("#" + room + " to show", () -> ("#" + room).equals(title()));
    }

    /** Clicks someone in the Online list: their direct-message conversation. */
    void openDirect(String nickname) {
        click(By.xpath("//ul[@aria-label='Online']/li[@data-nickname='" + nickname + "']/button"));
        waitFor("@" + nickname + " to show", () -> ("@" + nickname).equals(title()));
    }

    /** Clicks a conversation in the Direct messages list. */
    void openDirectConversation(String nickname) {
        click(By.xpath("//ul[@aria-label='Direct messages']/li[@data-nickname='" + nickname + "']/button"));
        waitFor("@" + nickname + " to show", () -> ("@" + nickname).equals(title()));
    }

    /** Creates or joins a room by name with the room form. */
    void joinRoom(String room) {
        WebElement field = field("New or existing room");
        field.sendKeys(room);
        button("Join room").click();
        waitFor("#" + room + " to show", () -> ("#" + room).equals(title()));
    }

    /** Presses "Leave #room" in the conversation's header. */
    void leaveRoom(String room) {
        button("Leave #" + room).click();
        waitFor("#general to show after leaving #" + room, () -> "#general".equals(title()));
    }

    // ---- the connection banner ----

    /** @return the banner's text, empty when it is hidden */
    String banner() {
        return (String) script("var banner = document.querySelector('#banner[role=status]');"
                + " return banner.classList.contains('shown') ? banner.textContent : ''");
    }

    void awaitBanner() {
        waitFor("the connection banner", () -> !banner().isEmpty());
    }

    void awaitNoBanner() {
        waitFor("the connection banner to go", () -> banner().isEmpty());
    }

    // ---- the seed's page (the tutorial's index.html at /) ----

    /** Types into the seed page's only input and presses Enter. */
    void seedSay(String text) {
        focus();
        driver.findElement(By.id("input")).sendKeys(text, Keys.ENTER);
    }

    /** @return the seed page's messages */
    List<String> seedMessages() {
        return texts(By.cssSelector("#messages li"));
    }

    void awaitSeedMessage(String line) {
        waitFor("the seed page's message '" + line + "'", () -> seedMessages().contains(line));
    }

    void awaitSeedConnected() {
        waitFor("the seed page's socket", () -> Boolean.TRUE.equals(script("return typeof socket !== 'undefined' && socket.connected")));
    }

    // ---- the browser ----

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

    /** Reloads the tab, as the browser's reload button does. */
    void reload() {
        focus();
        driver.navigate().refresh();
    }

    /** Reloads the tab while its network is down, and waits for the browser's error page instead of the chat. */
    void reloadOffline() {
        focus();
        try {
            driver.navigate().refresh();
        } catch (WebDriverException e) {
            if (e.getMessage() == null || !e.getMessage().contains("net::ERR_")) {
                throw e;
            }
            // ChromeDriver reports the failed load; the tab shows Chromium's error page
        }
        waitFor("the browser's error page", () -> Boolean.TRUE.equals(script("return document.getElementById('chat-view') === null")));
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

    // ---- finding things by their names ----

    /** Clicks an element, found again if the page redrew it between finding and clicking. */
    private void click(By by) {
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
    private WebElement field(String label) {
        focus();
        WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** @return the displayed button whose text reads {@code text} */
    private WebElement button(String text) {
        focus();
        return driver.findElements(By.xpath("//button[normalize-space()='" + text + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no visible button '" + text + "'"));
    }

    // read in one script, not element by element: the page redraws its lists as events arrive

    private String text(By by) {
        List<String> found = texts(by);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<String> texts(By by) {
        return attributes(by, null);
    }

    private String attribute(By by, String attribute) {
        List<String> found = attributes(by, attribute);
        return found.isEmpty() ? null : found.get(0);
    }

    /** @return each matching element's attribute, or its text content when {@code attribute} is null */
    @SuppressWarnings("unchecked")
    private List<String> attributes(By by, String attribute) {
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

    private void focus() {
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
            fail(name + " waited " + WAIT.toSeconds() + " s for " + what + "; its conversation " + safeTitle() + " shows "
                    + safeMessages() + ", banner '" + safeBanner() + "'; its console: " + ChromiumBrowser.console(driver));
        }
    }

    private String safeTitle() {
        try {
            return title();
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }

    private String safeMessages() {
        try {
            return String.valueOf(messages());
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }

    private String safeBanner() {
        try {
            return banner();
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }

    // ---- a cluster behind nginx (FullChatClusterBrowserIT) ----

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

    /** @return the id of the page's socket on {@code /chat}, null when it is not connected */
    String socketId() {
        return (String) script("var s = window.jakartioChat && window.jakartioChat.socket;"
                + " return s && s.connected ? s.id : null");
    }
}
