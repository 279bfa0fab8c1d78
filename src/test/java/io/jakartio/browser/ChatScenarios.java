package io.jakartio.browser;

import java.util.List;

/**
 * Scenarios of the full chat's page that the one-node and the two-node browser tests both run,
 * written once: the same steps whether the users share a server or not.
 *
 * <pre>{@code
 * ChatScenarios.directMessageToEveryTab(bob, alice, aliceSecondTab);
 * }</pre>
 */
final class ChatScenarios {

    private ChatScenarios() {
    }

    /**
     * Bob writes to Alice alone: both her tabs show one unread message from him and then the
     * message; her answer from her second tab reaches Bob and her first tab (the sender's other
     * tab). Leaves every page in the direct conversation.
     *
     * @param bob the sender, showing nicknames "Bob"
     * @param alice the target's first tab, "Alice"
     * @param aliceSecondTab the target's second tab
     */
    static void directMessageToEveryTab(ChatPage bob, ChatPage alice, ChatPage aliceSecondTab) {
        bob.openDirect("Alice");
        bob.say("psst, alice");
        bob.awaitMessage("Bob: psst, alice");
        for (ChatPage tab : List.of(alice, aliceSecondTab)) {
            tab.waitFor("one unread from Bob", () -> tab.unreadFrom("Bob") == 1);
            tab.openDirectConversation("Bob");
            tab.awaitMessage("Bob: psst, alice");
        }
        aliceSecondTab.say("hi bob, only you");
        bob.awaitMessage("Alice: hi bob, only you");
        alice.awaitMessage("Alice: hi bob, only you"); // the sender's other tab
    }
}
