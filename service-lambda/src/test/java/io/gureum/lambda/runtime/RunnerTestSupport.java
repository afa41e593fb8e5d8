package io.gureum.lambda.runtime;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One runner per test class, with no Gureum endpoint, working in the class's temporary directory. */
abstract class RunnerTestSupport {
    @TempDir
    static Path temp;
    static ProcessRunner runner;

    @BeforeAll
    static void startRunner() {
        runner = new ProcessRunner(Optional::empty, temp.resolve("work"));
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }
}
