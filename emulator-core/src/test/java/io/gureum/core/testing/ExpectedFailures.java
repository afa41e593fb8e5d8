package io.gureum.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the failures tests cause on purpose off the console: an event whose exception (or a cause of
 * it) has a message starting with {@code boom} is one of {@link TestServices}' deliberate handler bugs.
 * Attached to the console appender only, so a test's own appender still receives and asserts on it
 * (ErrorShapesIT). Every other warning and error is printed as usual.
 */
public final class ExpectedFailures extends Filter<ILoggingEvent> {
    static final String PREFIX = "boom";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith(PREFIX)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
