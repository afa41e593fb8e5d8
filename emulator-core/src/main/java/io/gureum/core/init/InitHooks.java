package io.gureum.core.init;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code .sh} (with bash) and {@code .py} (with python3) scripts of the init directories, in name
 * order, one at a time, on a daemon thread once the server is ready. Each script's environment points the
 * AWS CLI and SDKs at this server: {@code AWS_ENDPOINT_URL}, test credentials and the default region unless
 * already set, and on its {@code PATH} an {@code awslocal} and an {@code aws} that add
 * {@code --endpoint-url} (the AWS CLI v1 does not read {@code AWS_ENDPOINT_URL}). A failing script is
 * logged and the next one runs. States follow LocalStack's {@code /_localstack/init}: {@code UNKNOWN},
 * {@code RUNNING}, {@code SUCCESSFUL}, {@code ERROR}.
 */
public final class InitHooks {
    private static final Logger LOG = LoggerFactory.getLogger("gureum.init");

    /** One script and how far it got. */
    public static final class Script {
        private final Path file;
        private volatile String state = "UNKNOWN";

        Script(Path file) {
            this.file = file;
        }

        public String name() {
            return file.getFileName().toString();
        }

        public String state() {
            return state;
        }
    }

    private final List<Script> scripts;
    private volatile boolean completed;
    private volatile Process running;

    private InitHooks(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
        this.completed = scripts.isEmpty();
    }

    /** No scripts: what a server started without {@link #find} reports. */
    public static InitHooks none() {
        return new InitHooks(List.of());
    }

    /** The scripts of {@code dirs} (those that exist), each directory's in name order. */
    public static InitHooks find(List<Path> dirs) {
        List<Script> found = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".sh") || f.toString().endsWith(".py")))
                        .sorted().forEach(f -> found.add(new Script(f)));
            } catch (IOException e) {
                LOG.warn("Cannot list init scripts in {}: {}", dir, e.getMessage());
            }
        }
        return new InitHooks(found);
    }

    public List<Script> scripts() {
        return scripts;
    }

    /** Whether every script has run (true when there are none). */
    public boolean completed() {
        return completed;
    }

    /** Starts the scripts on a daemon thread, against the server at {@code endpoint}. */
    public void start(String endpoint, String defaultRegion) {
        if (scripts.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> runAll(endpoint, defaultRegion), "gureum-init");
        t.setDaemon(true);
        t.start();
    }

    /** Stops a script that is still running (the server is shutting down). */
    public void stop() {
        Process p = running;
        if (p != null) {
            p.destroy();
        }
    }

    private void runAll(String endpoint, String defaultRegion) {
        Path bin;
        try {
            bin = wrappers(endpoint);
        } catch (IOException e) {
            LOG.error("Cannot prepare the init scripts' aws wrappers: {}", e.getMessage());
            bin = null;
        }
        for (Script s : scripts) {
            s.state = "RUNNING";
            s.state = run(s, endpoint, defaultRegion, bin) ? "SUCCESSFUL" : "ERROR";
        }
        completed = true;
        LOG.info("Init scripts done: {}", scripts.stream().map(s -> s.name() + " " + s.state()).toList());
    }

    private boolean run(Script s, String endpoint, String defaultRegion, Path bin) {
        List<String> command = s.name().endsWith(".py") ? List.of("python3", s.file.toString())
                : List.of("bash", s.file.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(s.file.getParent().toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        env.putIfAbsent("AWS_DEFAULT_REGION", defaultRegion);
        env.putIfAbsent("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (bin != null) {
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        }
        LOG.info("Running init script {}", s.file);
        try {
            Process p = pb.start();
            running = p;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    LOG.info("{}: {}", s.name(), line);
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                LOG.warn("Init script {} exited with {}", s.name(), code);
            }
            return code == 0;
        } catch (IOException e) {
            LOG.warn("Init script {} could not run: {}", s.name(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            running = null;
        }
    }

    /**
     * A directory with {@code awslocal} and {@code aws}: both run the real AWS CLI with
     * {@code --endpoint-url} unless the arguments already name one.
     */
    private static Path wrappers(String endpoint) throws IOException {
        Path dir = Files.createTempDirectory("gureum-init-bin");
        dir.toFile().deleteOnExit();
        String realAws = findOnPath("aws");
        String script = "#!/bin/sh\n"
                + "# Gureum's init scripts: the AWS CLI pointed at the server (" + endpoint + ").\n"
                + "case \" $* \" in *\" --endpoint-url\"*) exec " + (realAws == null ? "aws" : realAws) + " \"$@\";; esac\n"
                + "exec " + (realAws == null ? "aws" : realAws) + " --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"\n";
        for (String name : List.of("awslocal", "aws")) {
            if (name.equals("aws") && realAws == null) {
                continue; // no AWS CLI on this machine: scripts that need it fail, as they would anyway
            }
            Path f = dir.resolve(name);
            Files.writeString(f, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            f.toFile().deleteOnExit();
        }
        return dir;
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
