package io.jakartio.server;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that keeps what it is given, for tests that check what the server
 * logs: which {@code System.LoggerFinder} the JVM picks depends on the classpath (the WildFly
 * test adapter brings JBoss Modules' own), so the lines are taken here rather than from a
 * logging backend.
 */
final class RecordingLogger implements System.Logger {

    private final List<String> lines = new ArrayList<>();

    /** @return the messages logged so far, each prefixed with its level, e.g. {@code "WARNING ..."} */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level.getName() + " " + msg);
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level.getName() + " " + (params == null ? format : MessageFormat.format(format, params)));
    }
}
