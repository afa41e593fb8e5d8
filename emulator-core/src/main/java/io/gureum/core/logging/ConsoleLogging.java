package io.gureum.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The distribution's logging, set up in code rather than from a {@code logback.xml}: one plain line per
 * event on stdout (tools that wait for LocalStack's "Ready." line read it), the SDK and Netty at WARN,
 * everything else at INFO. Reading the XML made Logback load its Joran configurator and the JDK's XML
 * parser before the server could start (about 500 classes, the largest share of the classes loaded before
 * the first answer); this loads the appender and the pattern layout only.
 *
 * <p>Registered as a {@code ch.qos.logback.classic.spi.Configurator} service by the jars that run the
 * server ({@code docker}, {@code benchmarks}), not by {@code emulator-core} itself, so modules' tests keep
 * their {@code logback-test.xml}. A file named by {@code -Dlogback.configurationFile}, or a {@code logback.xml}
 * or {@code logback-test.xml} on the class path (the jars ship none: it is the user's, who embeds the jar),
 * still wins: this then steps aside for Logback's own configurator.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The distribution's line: time, level, logger's simple name, message. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private final String pattern;

    public ConsoleLogging() {
        this(PATTERN);
    }

    /** For a jar whose readers want another line shape (the benchmarks read the bare message). */
    protected ConsoleLogging(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's own configuration
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        context.getLogger("io.netty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
