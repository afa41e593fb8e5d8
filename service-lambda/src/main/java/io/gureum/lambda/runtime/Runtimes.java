package io.gureum.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps AWS runtime identifiers to local launch plans. Gureum's own bootstraps (resources next to this
 * class) are written to {@code <workDir>/runtimes/<language>} at first use.
 */
final class Runtimes {
    private final Path runtimesDir;
    private final Interpreters interpreters;
    private final Optional<String> ownJava;
    private final String javaHome;
    private final ConcurrentHashMap<String, Path> written = new ConcurrentHashMap<>();

    Runtimes(Path workDir, Interpreters interpreters) {
        this(workDir, interpreters, ProcessHandle.current().info().command(), System.getenv("JAVA_HOME"));
    }

    /**
     * @param ownJava  the executable of Gureum's own JVM, which {@code java*} functions run with when present
     * @param javaHome where to look for {@code java} otherwise (then PATH)
     */
    Runtimes(Path workDir, Interpreters interpreters, Optional<String> ownJava, String javaHome) {
        this.runtimesDir = workDir.resolve("runtimes");
        this.interpreters = interpreters;
        this.ownJava = ownJava;
        this.javaHome = javaHome;
    }

    /** @throws RuntimeUnavailableException when this machine cannot run {@code spec}'s runtime */
    LaunchPlan plan(FunctionSpec spec) {
        String runtime = spec.runtime() == null ? "" : spec.runtime();
        if (runtime.startsWith("python3")) {
            Path python = interpreter(runtime, List.of(runtime, "python3"),
                    List.of("-c", "import sys; print(sys.executable)"));
            Path dir = bootstrapDir("python", "bootstrap.py");
            return new LaunchPlan(List.of(python.toString(), "-u", dir.resolve("bootstrap.py").toString()), dir,
                    "AWS_Lambda_" + runtime, Map.of("PYTHONDONTWRITEBYTECODE", "1"), null);
        }
        if (runtime.startsWith("nodejs")) {
            Path node = interpreter(runtime, List.of("node"), List.of("-p", "process.execPath"));
            Path dir = bootstrapDir("node", "bootstrap.mjs");
            return new LaunchPlan(List.of(node.toString(), dir.resolve("bootstrap.mjs").toString()), dir,
                    "AWS_Lambda_" + runtime, Map.of(), null);
        }
        if (runtime.equals("provided") || runtime.startsWith("provided.")) {
            return provided(spec);
        }
        if (runtime.startsWith("java")) {
            Path java = JavaRuntime.findJava(ownJava, javaHome, interpreters).orElseThrow(() -> new RuntimeUnavailableException(
                    "The runtime " + runtime + " needs a java executable (JAVA_HOME or java on PATH), which this "
                            + "machine does not have" + installed()));
            Path dir = written.computeIfAbsent("java", l -> {
                Path javaDir = runtimesDir.resolve(l);
                JavaRuntime.writeBootstrap(javaDir);
                return javaDir;
            });
            return JavaRuntime.plan(spec, java, dir);
        }
        throw new RuntimeUnavailableException("The runtime " + runtime + " cannot run locally: Gureum runs "
                + "python3.x (with python3), nodejs*.x (with node), java* (with a JVM) and provided* (the "
                + "package's bootstrap)" + installed());
    }

    private LaunchPlan provided(FunctionSpec spec) {
        Path bootstrap = spec.codeDirectory().resolve("bootstrap");
        String invalid = null;
        if (!Files.isRegularFile(bootstrap)) {
            invalid = "Couldn't find valid bootstrap(s): [" + bootstrap + "]";
        } else if (!Files.isExecutable(bootstrap) && !bootstrap.toFile().setExecutable(true)) {
            invalid = "Couldn't find valid bootstrap(s): [" + bootstrap + "] (not executable)";
        }
        return new LaunchPlan(List.of(bootstrap.toString()), spec.codeDirectory(), null, Map.of(), invalid);
    }

    private Path interpreter(String runtime, List<String> names, List<String> probe) {
        Optional<Path> found = interpreters.find(names, probe);
        if (found.isEmpty()) {
            throw new RuntimeUnavailableException("The runtime " + runtime + " needs " + String.join(" or ", names)
                    + " on PATH, which this machine does not have" + installed());
        }
        return found.get();
    }

    private String installed() {
        List<String> have = new ArrayList<>();
        for (String name : List.of("python3", "node", "java", "dotnet", "ruby")) {
            interpreters.onPath(name).ifPresent(p -> have.add(name + " (" + p + ")"));
        }
        return have.isEmpty() ? "; none of python3, node, java, dotnet, ruby is installed."
                : "; installed: " + String.join(", ", have) + ".";
    }

    private Path bootstrapDir(String language, String file) {
        return written.computeIfAbsent(language, l -> {
            Path dir = runtimesDir.resolve(l);
            try (InputStream in = Runtimes.class.getResourceAsStream(l + "/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + l + "/" + file);
                }
                Files.createDirectories(dir);
                Path tmp = FileModes.readableByAll(Files.createTempFile(dir, file, ".tmp"));
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
