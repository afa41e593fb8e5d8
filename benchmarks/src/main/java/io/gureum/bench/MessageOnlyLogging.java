package io.gureum.bench;

import ch.qos.logback.classic.spi.ConfiguratorRank;
import io.gureum.core.logging.ConsoleLogging;

/**
 * The benchmarks' logging: the bare message, since they read the server's stdout for lines that start
 * with "… (port N)" and "Ready."; otherwise the distribution's set-up, in code like it, so {@link ColdStart}
 * measures the start the distribution has.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class MessageOnlyLogging extends ConsoleLogging {
    public MessageOnlyLogging() {
        super("%msg%n");
    }
}
