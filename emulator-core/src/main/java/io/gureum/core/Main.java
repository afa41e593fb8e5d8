package io.gureum.core;

import io.gureum.core.init.InitHooks;
import io.gureum.core.server.PortUnavailableException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar gureum.jar [--host H] [--port P] [--services s3,sqs] [--log-level L] …} */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Netty 4.2 declares JFR events for its buffers; initialising JFR costs ~180 ms of start-up
        // and ~14 MB of memory for events nobody records (benchmarks/README.md). Opt back in with -D.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        GureumConfig config;
        try {
            config = GureumConfig.fromArgs(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("gureum: " + e.getMessage());
            System.err.println("usage: java -jar gureum.jar [--host H] [--port P] [--services a,b] [--data-dir D] "
                    + "[--default-account 000000000000] [--enforce-iam] [--verify-signatures] [--log-level LEVEL] "
                    + "[--hostname NAME] [--header-timeout S] [--stall-timeout S] [--idle-timeout S] [--init-dir D] [--init-state FILE]");
            System.exit(2);
            return;
        }
        LogLevels.set(config.logLevel());
        Logger log = LoggerFactory.getLogger("gureum");
        Gureum gureum;
        try {
            gureum = Gureum.start(config);
        } catch (PortUnavailableException e) {
            System.err.println("gureum: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            log.error("Cannot start on {}:{}: {}", config.host(), config.port(), e.getMessage());
            System.exit(1);
            return;
        }
        for (String name : gureum.serviceNames()) {
            log.info("Service {} ready", name);
        }
        log.info("Listening on {} (port {})", gureum.endpoint(), gureum.port());
        // Tools that wait for LocalStack's ready line look for exactly this.
        log.info("Ready.");
        InitHooks hooks = gureum.context().shared().replace(InitHooks.class, InitHooks.find(config.initDirs()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hooks.stop();
            gureum.close();
        }, "gureum-shutdown"));
        hooks.start(gureum.endpoint().toString(), config.defaultRegion());
    }

    /** Sets the root log level when Logback is the SLF4J binding (the distribution's case). */
    static final class LogLevels {
        private LogLevels() {
        }

        static void set(String level) {
            org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            try {
                if (root instanceof ch.qos.logback.classic.Logger logback) {
                    logback.setLevel(ch.qos.logback.classic.Level.toLevel(level.toUpperCase(Locale.ROOT),
                            ch.qos.logback.classic.Level.INFO));
                }
            } catch (NoClassDefFoundError notLogback) {
                // another SLF4J binding: its own configuration decides
            }
        }
    }
}
