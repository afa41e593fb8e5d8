package io.gureum.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI against a Gureum endpoint, the way users type it.
 *
 * <p>Commands run in one long-lived Python process per test JVM ({@link CliBatchProcess}): it calls the
 * CLI's own entry point ({@code awscli.clidriver}) with a fresh driver and session per command, exactly
 * what the {@code aws} script does, but pays the interpreter start, the imports and the parsing of botocore's
 * model files (most of a CLI call's time) once. Its waiters ({@code aws … wait}, {@code cloudformation deploy})
 * poll after 0.1 s, doubling up to their own delay, rather than 5–30 s of real time later ({@code
 * aws_cli_batch.py}). Where the CLI's Python package cannot be imported that way, each command runs the
 * {@code aws} executable instead.
 */
public final class AwsCli {
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Map<String, String> env;

    /** The CLI with {@code accessKey} (an account ID acts in that account) and no user configuration. */
    public AwsCli(URI endpoint, String accessKey, String region) {
        this(endpoint, Map.of(
                "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", region,
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
    }

    private AwsCli(URI endpoint, Map<String, String> env) {
        this.endpoint = endpoint;
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("AWS_MAX_ATTEMPTS", "1");
        all.putIfAbsent("AWS_PAGER", "");
        this.env = Map.copyOf(all);
    }

    /**
     * The CLI with exactly these {@code AWS_*} variables (plus no retries and no pager), e.g. a config
     * file of profiles; none of the test JVM's own {@code AWS_*} variables reach it.
     */
    public static AwsCli withEnvironment(URI endpoint, Map<String, String> env) {
        return new AwsCli(endpoint, env);
    }

    /**
     * Whether commands run in the batch process, which resolves {@code *.localhost} to loopback itself
     * ({@code aws_cli_batch.py}); the {@code aws} executable would ask DNS for such names, so tests of S3 Control
     * (whose SDK endpoint is {@code <account>.localhost}) run only then.
     */
    public static boolean resolvesLocalhostNames() {
        return CliBatchProcess.available();
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return runWhile(() -> { }, args);
    }

    /**
     * Runs a command, calling {@code whileRunning} between short waits until it ends (to move the
     * server's clock while a CLI waiter polls).
     */
    public Result runWhile(Runnable whileRunning, String... args) throws IOException, InterruptedException {
        List<String> cliArgs = new ArrayList<>();
        cliArgs.add("--endpoint-url");
        cliArgs.add(endpoint.toString());
        cliArgs.add("--output");
        cliArgs.add("json");
        cliArgs.addAll(List.of(args));
        if (CliBatchProcess.available()) {
            ObjectNode request = JSON.createObjectNode();
            request.putPOJO("args", cliArgs);
            request.putPOJO("env", env);
            JsonNode answer = CliBatchProcess.run(request, 600, TimeUnit.SECONDS, whileRunning);
            return new Result(answer.path("exit").asInt(255), answer.path("stdout").asText(),
                    answer.path("stderr").asText());
        }
        return runExecutable(cliArgs, whileRunning);
    }

    private Result runExecutable(List<String> cliArgs, Runnable whileRunning) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("aws");
        command.addAll(cliArgs);
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("aws " + String.join(" ", cliArgs) + " did not finish in 600 s");
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
