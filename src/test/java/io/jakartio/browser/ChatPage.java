package io.jakartio.browser;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * One tab of the full chat's page (or of the seed's page) in Debian's headless Chromium, driven
 * as a person would: controls found by their labels and accessible names ("Nickname", "Join",
 * "Message", "Send", the lists "Messages", "Online", "Rooms"), keys typed, buttons clicked. Tabs
 * of one browser share its localStorage, so they are one user's tabs. The browser's side of it
 * (scripts, waiting, reloading, screens) is {@link BrowserTab}'s.
 *
 * <pre>{@code
 * try (ChatPage alice = ChatPage.open("alice", URI.create(url + "/chat/"))) {
 *     alice.join("Alice");
 *     alice.say("hello");
 *     alice.awaitMessage("Alice: hello");
 * }
 * }</pre>
 */
final class ChatPage extends BrowserTab {

    private ChatPage(String name, URI page) throws IOException {
        super(name, page);
    }

    private ChatPage(String name, ChatPage browser, URI page) {
        super(name, browser, page);
    }

    /**
     * Starts a browser of its own (a fresh profile: a new user) showing a page.
     *
     * @param name who this is, in failure messages
     * @param page the page to open
     * @return its first tab
     */
    static ChatPage open(String name, URI page) throws IOException {
        return new ChatPage(name, page);
    }

    /**
     * @param tabName who this tab is, in failure messages
     * @param page the page to open in a new tab of this browser (same user, same localStorage)
     * @return the new tab
     */
    ChatPage newTab(String tabName, URI page) {
        return new ChatPage(tabName, this, page);
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
        return (String) script("var text = arguments[0], key = arguments[1];"
                + " var li = Array.from(document.querySelectorAll('[role=log] li[data-kind=message]'))"
                + ".find(function (li) { return li.querySelector('.text').textContent === text; });"
                + " return li ? li.dataset[key] : null;", text, attribute);
    }

    /** @return the visible mark of the message with that text ("sending…", "✓", "not sent: …") */
    String mark(String text) {
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
        find(By.id("input")).sendKeys(text, Keys.ENTER);
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

    // ---- the page's connection ----

    /** Reloads the tab while its network is down: the browser's error page instead of the chat. */
    void reloadOffline() {
        reloadOffline("chat-view");
    }

    /** @return the id of the page's socket on {@code /chat}, null when it is not connected */
    String socketId() {
        return (String) script("var s = window.jakartioChat && window.jakartioChat.socket;"
                + " return s && s.connected ? s.id : null");
    }

    /** For a failed wait: the conversation shown, its messages, the banner, who is online, the notices. */
    @Override
    String describe() {
        return "; its conversation " + safely(this::title) + " shows " + safely(() -> String.valueOf(messages()))
                + ", banner '" + safely(this::banner) + "', Online " + safely(() -> String.valueOf(online()))
                + ", notices " + safely(() -> String.valueOf(notices()));
    }

    private static String safely(Supplier<String> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }
}
