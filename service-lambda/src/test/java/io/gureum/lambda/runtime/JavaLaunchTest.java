package io.gureum.lambda.runtime;

import static io.gureum.lambda.runtime.TestFunctions.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.lambda.runtime.javaboot.LambdaBootstrap;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code java*} functions are launched, without starting them. */
class JavaLaunchTest {
    @TempDir
    Path temp;

    private final String ownJava = ProcessHandle.current().info().command().orElseThrow();

    @Test
    void java17AndLaterStopTieredCompilationAtC1AndGetEightyFivePercentOfMemoryAsHeap() {
        Runtimes runtimes = new Runtimes(temp, new Interpreters(""), Optional.of(ownJava), null);
        Path code = temp.resolve("code");
        LaunchPlan plan = runtimes.plan(spec("java21", "example.Hello", code, 3));

        Path boot = temp.resolve("runtimes/java");
        assertEquals(List.of(ownJava, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=111411k", "-Xshare:auto", "-cp",
                boot + File.pathSeparator + code.toAbsolutePath() + File.pathSeparator
                        + code.toAbsolutePath().resolve("lib") + File.separator + "*",
                LambdaBootstrap.class.getName()), plan.command());
        assertEquals("AWS_Lambda_java21", plan.executionEnv());
        assertEquals(boot, plan.runtimeDir());
        assertTrue(Files.isRegularFile(boot.resolve("io/gureum/lambda/runtime/javaboot/LambdaBootstrap.class")));
    }

    @Test
    void java11AndJava8KeepTheJvmsDefaultCompilation() {
        Runtimes runtimes = new Runtimes(temp, new Interpreters(""), Optional.of(ownJava), null);
        for (String runtime : List.of("java11", "java8.al2")) {
            List<String> command = runtimes.plan(spec(runtime, "example.Hello", temp, 3)).command();
            assertFalse(command.contains("-XX:TieredStopAtLevel=1"), runtime + ": " + command);
            assertTrue(command.contains("-XX:+UseSerialGC"), runtime + ": " + command);
        }
    }

    @Test
    void withoutGureumsOwnJvmJavaHomeThenPathAreUsed() throws Exception {
        Path home = temp.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.copy(Path.of(ownJava), home.resolve("bin/java"));
        Runtimes fromHome = new Runtimes(temp, new Interpreters(""), Optional.empty(), home.toString());
        assertEquals(java.toString(), fromHome.plan(spec("java21", "a.B", temp, 3)).command().get(0));

        Runtimes fromPath = new Runtimes(temp, new Interpreters(home.resolve("bin").toString()), Optional.empty(), null);
        assertEquals(java.toString(), fromPath.plan(spec("java21", "a.B", temp, 3)).command().get(0));
    }

    @Test
    void noJvmAnywhereIsARuntimeUnavailableErrorNamingTheRuntime() {
        Runtimes runtimes = new Runtimes(temp, new Interpreters(""), Optional.empty(), temp.resolve("nothing").toString());
        RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class,
                () -> runtimes.plan(spec("java21", "a.B", temp, 3)));
        assertTrue(e.getMessage().startsWith("The runtime java21 needs a java executable"), e.getMessage());
    }

    @Test
    void bootstrapClassListNamesEveryClassOfTheBootstrapPackage() throws Exception {
        Path classes = Path.of(LambdaBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/gureum/lambda/runtime/javaboot");
        Set<String> compiled;
        try (Stream<Path> files = Files.list(classes)) {
            compiled = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(compiled, new TreeSet<>(JavaRuntime.BOOTSTRAP_CLASSES));
    }
}
