package io.gureum.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.net.URL;
import java.security.CodeSource;

/**
 * Keeps the failures tests cause on purpose off the console. A failure is deliberate when its exception
 * (or a cause) has a message starting with {@code boom} ({@link TestServices}' handler bugs), or when
 * the first Gureum frame that threw it belongs to test code: a test's own handler double, which fails
 * only because the test makes it (OperationTablesIT). A failure in main code is always printed.
 * Attached to the console appender only, so a test's own appender still receives and asserts on the
 * event (ErrorShapesIT).
 */
public final class ExpectedFailures extends Filter<ILoggingEvent> {
    static final String PREFIX = "boom";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith(PREFIX) || thrownByTestCode(t)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean thrownByTestCode(IThrowableProxy t) {
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        if (frames == null) {
            return false;
        }
        for (StackTraceElementProxy frame : frames) {
            String className = frame.getStackTraceElement().getClassName();
            if (className.startsWith("io.gureum.")) {
                return isTestClass(className);
            }
        }
        return false;
    }

    private static boolean isTestClass(String className) {
        try {
            CodeSource source = Class.forName(className, false, ExpectedFailures.class.getClassLoader())
                    .getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            String path = location == null ? "" : location.getPath();
            return path.contains("/test-classes/") || path.endsWith("-tests.jar");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}
