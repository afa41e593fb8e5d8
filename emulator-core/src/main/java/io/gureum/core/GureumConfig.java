package io.gureum.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one server runs. The same names everywhere: {@code --port} / {@code GUREUM_PORT} and so on
 * (see docs/configuration.md). Immutable; build with {@link #builder()}.
 */
public record GureumConfig(
        String host,
        int port,
        Path dataDir,
        Set<String> services,
        String defaultAccount,
        String defaultRegion,
        boolean enforceIam,
        boolean verifySignatures,
        String logLevel,
        int maxRequestBodyBytes,
        int handlerThreads,
        Duration headerTimeout,
        Duration stallTimeout,
        Duration idleTimeout,
        String hostname,
        List<Path> initDirs,
        Path initState) {

    public static final int DEFAULT_PORT = 4566;

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.dataDir = dataDir;
        b.services = services;
        b.defaultAccount = defaultAccount;
        b.defaultRegion = defaultRegion;
        b.enforceIam = enforceIam;
        b.verifySignatures = verifySignatures;
        b.logLevel = logLevel;
        b.maxRequestBodyBytes = maxRequestBodyBytes;
        b.handlerThreads = handlerThreads;
        b.headerTimeout = headerTimeout;
        b.stallTimeout = stallTimeout;
        b.idleTimeout = idleTimeout;
        b.hostname = hostname;
        b.initDirs = initDirs;
        b.initState = initState;
        return b;
    }

    /** Whether a service is enabled: all are when {@code --services} was not given. */
    public boolean serviceEnabled(String name) {
        return services == null || services.isEmpty() || services.contains(name);
    }

    /**
     * Reads flags, falling back to environment variables, then defaults. Throws IllegalArgumentException
     * with a usage message on a bad flag.
     */
    public static GureumConfig fromArgs(String[] args, Map<String, String> env) {
        Builder b = builder();
        apply(b, "host", env.get("GUREUM_HOST"));
        apply(b, "port", env.get("GUREUM_PORT"));
        apply(b, "data-dir", env.get("GUREUM_DATA_DIR"));
        apply(b, "services", env.get("SERVICES"));
        apply(b, "default-account", env.get("GUREUM_DEFAULT_ACCOUNT"));
        apply(b, "default-region", env.get("GUREUM_DEFAULT_REGION"));
        apply(b, "enforce-iam", env.get("ENFORCE_IAM"));
        apply(b, "verify-signatures", env.get("VERIFY_SIGNATURES"));
        apply(b, "log-level", env.get("LOG_LEVEL"));
        apply(b, "max-request-body", env.get("GUREUM_MAX_REQUEST_BODY"));
        apply(b, "header-timeout", env.get("GUREUM_HEADER_TIMEOUT"));
        apply(b, "stall-timeout", env.get("GUREUM_STALL_TIMEOUT"));
        apply(b, "idle-timeout", env.get("GUREUM_IDLE_TIMEOUT"));
        apply(b, "hostname", env.get("GUREUM_HOSTNAME"));
        apply(b, "init-dir", env.get("GUREUM_INIT_DIR"));
        apply(b, "init-state", env.get("GUREUM_INIT_STATE"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("enforce-iam") || name.equals("verify-signatures")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for --" + name);
            }
            if (!apply(b, name, value)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        return b.build();
    }

    private static boolean apply(Builder b, String name, String value) {
        if (value == null) {
            return true;
        }
        switch (name) {
            case "host" -> b.host(value);
            case "port" -> b.port(parseInt(name, value));
            case "data-dir" -> b.dataDir(value.isBlank() ? null : Path.of(value));
            case "services" -> b.services(parseList(value));
            case "default-account" -> b.defaultAccount(value);
            case "default-region" -> b.defaultRegion(value);
            case "enforce-iam" -> b.enforceIam(parseBoolean(value));
            case "verify-signatures" -> b.verifySignatures(parseBoolean(value));
            case "log-level" -> b.logLevel(value.toUpperCase(Locale.ROOT));
            case "max-request-body" -> b.maxRequestBodyBytes(parseInt(name, value));
            case "header-timeout" -> b.headerTimeout(Duration.ofSeconds(parseInt(name, value)));
            case "stall-timeout" -> b.stallTimeout(Duration.ofSeconds(parseInt(name, value)));
            case "idle-timeout" -> b.idleTimeout(Duration.ofSeconds(parseInt(name, value)));
            case "hostname" -> b.hostname(value.isBlank() ? null : value.trim());
            case "init-dir" -> b.initDirs(value.isBlank() ? List.of() : List.of(Path.of(value.trim())));
            case "init-state" -> b.initState(value.isBlank() ? null : Path.of(value.trim()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, not '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
    }

    private static Set<String> parseList(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private Path initState;
        private Set<String> services;
        private String defaultAccount = "000000000000";
        private String defaultRegion = "us-east-1";
        private boolean enforceIam;
        private boolean verifySignatures;
        private String logLevel = "INFO";
        private int maxRequestBodyBytes = 64 * 1024 * 1024;
        private int handlerThreads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        private Duration headerTimeout = Duration.ofSeconds(60);
        private Duration stallTimeout = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private String hostname;
        private List<Path> initDirs = List.of(Path.of("/etc/gureum/init/ready.d"),
                Path.of("/etc/localstack/init/ready.d"));

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /** A shared snapshot ({@code /_gureum/state/export}) loaded at start, before the port opens. */
        public Builder initState(Path initState) {
            this.initState = initState;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder services(Set<String> services) {
            this.services = services;
            return this;
        }

        public Builder services(String... services) {
            return services(new LinkedHashSet<>(List.of(services)));
        }

        public Builder defaultAccount(String account) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("--default-account must be 12 digits");
            }
            this.defaultAccount = account;
            return this;
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = region;
            return this;
        }

        public Builder enforceIam(boolean enforceIam) {
            this.enforceIam = enforceIam;
            return this;
        }

        public Builder verifySignatures(boolean verifySignatures) {
            this.verifySignatures = verifySignatures;
            return this;
        }

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public Builder maxRequestBodyBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("--max-request-body must be positive");
            }
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        public Builder handlerThreads(int threads) {
            this.handlerThreads = threads;
            return this;
        }

        /** How long a client may take to send a request line and its headers ({@code --header-timeout}). */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive("--header-timeout", timeout);
            return this;
        }

        /**
         * How long a request body or a response may sit with no byte moving before the connection is
         * closed ({@code --stall-timeout}).
         */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = positive("--stall-timeout", timeout);
            return this;
        }

        /** How long a keep-alive connection may wait for its next request ({@code --idle-timeout}). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("--idle-timeout", timeout);
            return this;
        }

        /**
         * A name clients use for this server besides the loopback names and the bound address, e.g. the
         * Docker Compose service name with dots or a LAN name ({@code --hostname}); see docs/security.md.
         */
        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /**
         * Directories whose {@code .sh} and {@code .py} scripts run once the server is ready ({@code --init-dir}
         * names one instead of the default {@code /etc/gureum/init/ready.d} and LocalStack's
         * {@code /etc/localstack/init/ready.d}).
         */
        public Builder initDirs(List<Path> dirs) {
            this.initDirs = List.copyOf(dirs);
            return this;
        }

        private static Duration positive(String flag, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(flag + " must be a positive number of seconds");
            }
            return d;
        }

        public GureumConfig build() {
            return new GureumConfig(host, port, dataDir, services == null ? null : Set.copyOf(new ArrayList<>(services)),
                    defaultAccount, defaultRegion, enforceIam, verifySignatures, logLevel, maxRequestBodyBytes,
                    handlerThreads, headerTimeout, stallTimeout, idleTimeout, hostname, initDirs, initState);
        }
    }
}
