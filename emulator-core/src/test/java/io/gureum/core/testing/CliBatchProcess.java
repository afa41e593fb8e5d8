package io.gureum.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one Python process of a test JVM that runs AWS CLI commands for {@link AwsCli}
 * ({@code aws_cli_batch.py}, beside this class): one JSON line per command in, one per answer out.
 * Commands are serialised; the process ends when the JVM closes its stdin.
 */
final class CliBatchProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDED = "\u0000ended";

    private static Boolean available;
    private static Process process;
    private static BufferedWriter requests;
    private static BlockingQueue<String> answers;
    private static Path stderr;

    private CliBatchProcess() {
    }

    /**
     * Whether the CLI's Python package can be driven in one process here (probed once);
     * {@code -Dgureum.cliBatch=false} runs the {@code aws} executable per command instead.
     */
    static synchronized boolean available() {
        if (available == null) {
            available = !"false".equals(System.getProperty("gureum.cliBatch")) && start();
        }
        return available;
    }

    static synchronized JsonNode run(ObjectNode request, long timeout, TimeUnit unit, Runnable whileRunning)
            throws IOException, InterruptedException {
        if ((process == null || !process.isAlive()) && !start()) {
            throw new IllegalStateException("the AWS CLI process could not start again: " + stderrTail());
        }
        requests.write(JSON.writeValueAsString(request));
        requests.write('\n');
        requests.flush();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        String line = answers.poll(200, TimeUnit.MILLISECONDS);
        while (line == null && System.nanoTime() < deadline) {
            whileRunning.run();
            line = answers.poll(200, TimeUnit.MILLISECONDS);
        }
        if (line == null || line.equals(ENDED)) {
            process.destroyForcibly();
            process = null;
            throw new IllegalStateException("aws " + request.get("args") + (line == null
                    ? " did not finish in " + unit.toSeconds(timeout) + " s"
                    : " ended the CLI process: " + stderrTail()));
        }
        return JSON.readTree(line);
    }

    private static boolean start() {
        try {
            Path script = Files.createTempFile("aws_cli_batch", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = CliBatchProcess.class.getResourceAsStream("aws_cli_batch.py")) {
                Files.write(script, in.readAllBytes());
            }
            stderr = Files.createTempFile("aws_cli_batch", ".err");
            stderr.toFile().deleteOnExit();
            ProcessBuilder pb = new ProcessBuilder(List.of(interpreter(), script.toString()))
                    .redirectError(stderr.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            Process p = pb.start();
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readAnswers(p, queue), "aws-cli-answers");
            reader.setDaemon(true);
            reader.start();
            process = p;
            answers = queue;
            requests = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            ObjectNode probe = JSON.createObjectNode();
            probe.putArray("args").add("--version");
            JsonNode version = run(probe, 120, TimeUnit.SECONDS, () -> { });
            return version.path("exit").asInt(255) == 0;
        } catch (IOException | RuntimeException e) {
            process = null;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process = null;
            return false;
        }
    }

    private static void readAnswers(Process p, BlockingQueue<String> queue) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                queue.add(line);
            }
        } catch (IOException ended) {
            // the process is gone; the waiting command learns it below
        }
        queue.add(ENDED);
    }

    /** The Python that runs the {@code aws} script when it is one; else {@code python3}. */
    private static String interpreter() throws IOException {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path aws = Path.of(dir, "aws");
            if (Files.isRegularFile(aws) && Files.isReadable(aws)) {
                try (BufferedReader r = Files.newBufferedReader(aws, StandardCharsets.ISO_8859_1)) {
                    String first = r.readLine();
                    if (first != null && first.startsWith("#!") && first.contains("python")) {
                        String[] words = first.substring(2).trim().split("\\s+");
                        return words[0].endsWith("/env") && words.length > 1 ? words[1] : words[0];
                    }
                }
                break;
            }
        }
        return "python3";
    }

    private static String stderrTail() {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException | RuntimeException e) {
            return "(no stderr)";
        }
    }
}
