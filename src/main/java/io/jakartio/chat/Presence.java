package io.jakartio.chat;

import io.jakartio.engine.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is online on this server: how many sockets each user has here, and the users whose last
 * tab here left less than a grace period ago (a reload, a short network drop), who are still
 * online to the others. A user's first tab, a tab coming back within the grace and another tab
 * are told apart exactly even when tabs connect or leave at once; whether the user has tabs on
 * other servers of a cluster is then asked with {@code fetchSockets} ({@link ChatConnection}).
 * The grace is counted on this server, on its {@link Scheduler}: no thread of its own.
 *
 * <pre>{@code
 * Presence presence = new Presence(io.engine().scheduler(), Duration.ofSeconds(2));
 * switch (presence.arrive(user)) { case FIRST -> ...; case RETURNED, ANOTHER_TAB -> ...; }
 * presence.leave(user, () -> ... no tab came back within the grace: "user left" ...);
 * }</pre>
 *
 * <p>Thread-safe; the task given to {@link #leave} runs on the scheduler's thread and must not block.
 */
final class Presence {

    /** What a socket's arrival is to its user's presence on this server. */
    enum Arrival {
        /** The user's first tab here, and not one coming back within the grace. */
        FIRST,
        /** The user's first tab here since its last one left, within the grace: nothing to announce. */
        RETURNED,
        /** The user already had a tab here. */
        ANOTHER_TAB
    }

    /**
     * How long a nickname stays claimed for a browser that passed the connection check but whose
     * socket has not arrived: far longer than the step from one to the other, which is immediate.
     */
    static final Duration CLAIM = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final Duration grace;
    /** Guarded by {@code this}. */
    private final Map<String, Here> users = new HashMap<>();
    /** Nicknames claimed by a browser (their key → its userId) until its socket arrives; guarded by {@code this}. */
    private final Map<String, String> claims = new HashMap<>();

    /**
     * @param scheduler runs the grace timers (the server's)
     * @param grace how long a user whose last tab left stays online
     */
    Presence(Scheduler scheduler, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative: " + grace);
        }
        this.scheduler = scheduler;
        this.grace = grace;
    }

    /**
     * Counts a socket of {@code user}, and ends the user's grace if it was in one.
     *
     * @param user the socket's user
     * @return what the arrival is
     */
    synchronized Arrival arrive(ChatUser user) {
        claims.remove(user.key(), user.userId());
        Here here = users.computeIfAbsent(user.key(), key -> new Here(user));
        here.tabs++;
        if (here.leaving != null) {
            here.leaving.cancel();
            here.leaving = null;
            return Arrival.RETURNED;
        }
        return here.tabs == 1 ? Arrival.FIRST : Arrival.ANOTHER_TAB;
    }

    /**
     * Claims the user's nickname on this server for its browser (its userId), from the
     * connection check to the socket's {@link #arrive arrival}, so that two browsers asking for
     * one nickname at the same instant cannot both pass the check here: the second is refused.
     * A claim whose socket never arrives lapses after {@link #CLAIM}. (Across the servers of a
     * cluster there is no such lock: the check asks every server which sockets it has.)
     *
     * @param user the user a connecting socket asks to be
     * @return whether the nickname is free for that browser here: not held by another userId's
     *     tab, grace or claim
     */
    synchronized boolean claim(ChatUser user) {
        String key = user.key();
        Here here = users.get(key);
        if (here != null && !here.user.userId().equals(user.userId())) {
            return false;
        }
        String claimant = claims.get(key);
        if (claimant != null && !claimant.equals(user.userId())) {
            return false;
        }
        if (claimant == null) {
            claims.put(key, user.userId());
            scheduler.schedule(CLAIM, () -> lapse(key, user.userId()));
        }
        return true;
    }

    private synchronized void lapse(String key, String userId) {
        claims.remove(key, userId);
    }

    /**
     * Uncounts a socket of {@code user}. If it was the user's last here, the grace starts: when it
     * ends with no tab of the user back here, the user is forgotten and {@code gone} runs.
     *
     * @param user the socket's user
     * @param gone what to do once the user is gone from this server, on the scheduler's thread
     */
    synchronized void leave(ChatUser user, Runnable gone) {
        Here here = users.get(user.key());
        if (here == null || here.tabs == 0) {
            return;
        }
        if (--here.tabs == 0) {
            here.leaving = scheduler.schedule(grace, () -> graceOver(user.key(), here, gone));
        }
    }

    private void graceOver(String key, Here here, Runnable gone) {
        synchronized (this) {
            // a tab that came back meanwhile cancelled the timer; if it raced with it, it is counted
            if (here.tabs > 0 || users.get(key) != here) {
                return;
            }
            users.remove(key);
        }
        gone.run();
    }

    /**
     * Announces that a user whose grace ended is gone, unless a tab of the user arrived here
     * since: checked and announced under this presence's lock, so that a tab arriving at that
     * moment is counted after the announcement, and its own {@code user joined} follows
     * {@code user left} (never the other way round, which would leave the user out of every
     * page's list while online).
     *
     * <pre>{@code
     * presence.ifStillGone(user, () -> io.of("/chat").emit("user left", Map.of("nickname", name)));
     * }</pre>
     *
     * @param user the user
     * @param announce what to do if the user has no tab here; must not block
     * @return whether it ran
     */
    synchronized boolean ifStillGone(ChatUser user, Runnable announce) {
        if (users.containsKey(user.key())) {
            return false;
        }
        announce.run();
        return true;
    }

    /**
     * @param key a user's key
     * @return the user if online here only within the grace (no socket here, its last left lately)
     */
    synchronized Optional<ChatUser> lingering(String key) {
        Here here = users.get(key);
        return here != null && here.tabs == 0 ? Optional.of(here.user) : Optional.empty();
    }

    /**
     * Who is online here at this instant: users with a tab here and users within their grace, in
     * one reading. A list of who is online made from this and the sockets ({@code fetchSockets},
     * for other servers) misses nobody: a user whose tab arrives between the two readings was
     * within its grace, or has a tab, in this one, and a user arriving later for the first time is
     * announced ({@code user joined}).
     *
     * @return the users online here
     */
    synchronized List<ChatUser> online() {
        List<ChatUser> online = new ArrayList<>(users.size());
        users.values().forEach(here -> online.add(here.user));
        return online;
    }

    /** One user on this server: as its first tab here named it, its tabs here, its grace timer. */
    private static final class Here {

        private final ChatUser user;
        private int tabs;
        /** Set while the user is in its grace period. */
        private Scheduler.Cancellable leaving;

        Here(ChatUser user) {
            this.user = user;
        }
    }
}
