package io.gureum.cloudformation.endtoend;

import io.gureum.core.Gureum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real aws CLI against a server, with credentials of the default account and no user configuration. */
public final class AwsCli {
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    private AwsCli() {
    }

    /**
     * Runs {@code aws args…}; {@code whileRunning} is called between short waits until it exits (to move
     * the server's clock while a CLI waiter polls).
     */
    public static Result run(Gureum gureum, Runnable whileRunning, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", gureum.endpoint().toString(),
                "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("AWS_ACCESS_KEY_ID", "000000000000");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.environment().put("AWS_MAX_ATTEMPTS", "1");
            pb.environment().put("AWS_PAGER", "");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("aws did not finish in 600 s");
                }
                whileRunning.run();
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
