package io.gureum.lambda.runtime;

import io.gureum.lambda.runtime.javaboot.LambdaBootstrap;
import java.io.File;
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

/**
 * Launch plans for the {@code java*} runtimes: the function runs in a JVM of its own (Gureum's own JVM's
 * executable, else {@code JAVA_HOME}, else {@code java} on PATH) whose class path holds only Gureum's
 * dependency-free bootstrap ({@code javaboot}) and the function's code.
 */
final class JavaRuntime {
    private static final String BOOT_PACKAGE = LambdaBootstrap.class.getPackageName();
    /** The bootstrap's class files, by binary name within its package (JavaRuntimeTest checks the list is whole). */
    static final List<String> BOOTSTRAP_CLASSES = List.of("LambdaBootstrap", "RuntimeApiClient",
            "RuntimeApiClient$Event", "FunctionHandler", "FunctionHandler$InitFailure", "FunctionHandler$Result",
            "ContextProxies", "ErrorDocuments", "Json", "JsonBinder", "JsonRenderer");

    private JavaRuntime() {
    }

    /**
     * The JVM to run functions with, if any.
     *
     * @param ownCommand the executable of Gureum's own JVM ({@code ProcessHandle.current().info().command()})
     */
    static Optional<Path> findJava(Optional<String> ownCommand, String javaHome, Interpreters interpreters) {
        Optional<Path> own = ownCommand.map(Path::of)
                .filter(p -> p.getFileName().toString().equals("java") && Files.isExecutable(p));
        if (own.isPresent()) {
            return own;
        }
        if (javaHome != null && !javaHome.isEmpty()) {
            Path home = Path.of(javaHome, "bin", "java");
            if (Files.isExecutable(home)) {
                return Optional.of(home);
            }
        }
        return interpreters.onPath("java");
    }

    static LaunchPlan plan(FunctionSpec spec, Path java, Path bootDir) {
        String runtime = spec.runtime();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // Lambda stops tiered compilation at C1 from java17 on; java11 and java8.al2 keep the JVM's default
        // (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html#tiered-compilation).
        if (featureVersion(runtime) >= 17) {
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
        }
        // The Java runtimes use the serial collector (same page); the heap is 85% of the function's memory,
        // as Lambda's own java command line shows (-XX:MaxHeapSize).
        command.add("-XX:+UseSerialGC");
        command.add("-XX:MaxHeapSize=" + (spec.memorySize() * 1024L * 85 / 100) + "k");
        command.add("-Xshare:auto");
        command.add("-cp");
        Path code = spec.codeDirectory().toAbsolutePath();
        List<String> classPath = new ArrayList<>(List.of(bootDir.toString(), code.toString(),
                code.resolve("lib").toString() + File.separator + "*"));
        if (spec.optDirectory() != null) {
            // Layers' jars: /opt/java/lib (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html)
            classPath.add(spec.optDirectory().toAbsolutePath().resolve("java/lib") + File.separator + "*");
        }
        command.add(String.join(File.pathSeparator, classPath));
        command.add(LambdaBootstrap.class.getName());
        return new LaunchPlan(List.copyOf(command), bootDir, "AWS_Lambda_" + runtime, Map.of(), null);
    }

    /** {@code java8.al2} → 8, {@code java21} → 21. */
    static int featureVersion(String runtime) {
        String digits = runtime.substring("java".length()).split("\\.")[0];
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the bootstrap's class files (each top-level class with its nested classes) under {@code dir}. */
    static void writeBootstrap(Path dir) {
        try {
            Path packageDir = dir.resolve(BOOT_PACKAGE.replace('.', File.separatorChar));
            Files.createDirectories(packageDir);
            for (String name : BOOTSTRAP_CLASSES) {
                copy(name, packageDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String simpleName, Path packageDir) throws IOException {
        if (!copyIfPresent(simpleName, packageDir)) {
            throw new IllegalStateException("missing class " + BOOT_PACKAGE + "." + simpleName);
        }
    }

    private static boolean copyIfPresent(String simpleName, Path packageDir) throws IOException {
        String file = simpleName + ".class";
        try (InputStream in = LambdaBootstrap.class.getResourceAsStream(file)) {
            if (in == null) {
                return false;
            }
            Path tmp = FileModes.readableByAll(Files.createTempFile(packageDir, file, ".tmp"));
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, packageDir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }
}
