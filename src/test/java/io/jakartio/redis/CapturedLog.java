package io.jakartio.redis;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link System.Logger} keeping what the Redis links of a test log: which
 * {@code System.LoggerFinder} the test JVM picks depends on the class path (the WildFly test
 * adapter brings JBoss Modules' own), so the lines are taken here, given to the links of a
 * {@link RedisCluster}.
 */
final class CapturedLog implements System.Logger {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** @return the lines at INFO or above containing {@code text}, each starting with its level */
    List<String> lines(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public String getName() {
        return "captured";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            lines.add(level.getName() + " " + msg);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            lines.add(level.getName() + " " + (params == null ? format : MessageFormat.format(format, params)));
        }
    }
}
