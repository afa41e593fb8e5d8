package io.gureum.lambda.runtime;

import static io.gureum.lambda.runtime.TestFunctions.code;
import static io.gureum.lambda.runtime.TestFunctions.requestId;
import static io.gureum.lambda.runtime.TestFunctions.spec;
import static io.gureum.lambda.runtime.TestFunctions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Warm reuse, staleness, concurrency, timeouts, crashes and cleanup, with real python processes. */
class EnvironmentLifecycleTest extends RunnerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Counts invocations per environment and reports its pid; can sleep, exit or start a child on request. */
    private static final String COUNTER = """
            import os, subprocess, time
            count = 0
            def handler(event, context):
                global count
                count += 1
                print("invocation", count)
                if event.get("sleep"):
                    time.sleep(event["sleep"])
                if event.get("exit") is not None:
                    os._exit(event["exit"])
                child = subprocess.Popen(["sleep", "60"]).pid if event.get("child") else None
                return {"count": count, "pid": os.getpid(), "child": child}
            """;


    private static FunctionSpec counter(int timeoutSeconds) {
        return spec("python3.12", "app.handler", code(temp, Map.of("app.py", COUNTER)), timeoutSeconds);
    }

    private static CompletableFuture<InvocationResult> start(ProcessRunner on, FunctionSpec spec, String event) {
        return on.invoke(spec, event.getBytes(StandardCharsets.UTF_8), requestId(), null, null);
    }

    private static JsonNode ok(InvocationResult result) throws Exception {
        assertNull(result.functionError(), () -> utf8(result.payload()) + "\n" + result.logs());
        return JSON.readTree(result.payload());
    }

    private static InvocationResult get(CompletableFuture<InvocationResult> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void warmEnvironmentKeepsModuleGlobals() throws Exception {
        FunctionSpec spec = counter(3);
        JsonNode first = ok(get(start(runner, spec, "{}")));
        JsonNode second = ok(get(start(runner, spec, "{}")));

        assertEquals(1, first.get("count").asInt());
        assertEquals(2, second.get("count").asInt());
        assertEquals(first.get("pid").asLong(), second.get("pid").asLong());
    }

    @Test
    void newRevisionStartsAColdEnvironmentAndRetiresTheOldOne() throws Exception {
        FunctionSpec v1 = counter(3);
        JsonNode before = ok(get(start(runner, v1, "{}")));
        FunctionSpec v2 = new FunctionSpec(v1.functionName(), v1.functionArn(), v1.version(), v1.runtime(), v1.handler(),
                v1.codeDirectory(), Map.of("CHANGED", "yes"), v1.timeoutSeconds(), v1.memorySize(), v1.region(),
                v1.account(), v1.logGroupName(), v1.codeSha256(), "rev-2");
        JsonNode after = ok(get(start(runner, v2, "{}")));

        assertEquals(1, after.get("count").asInt());
        assertNotEquals(before.get("pid").asLong(), after.get("pid").asLong());
        assertTrue(gone(before.get("pid").asLong()), "the stale environment is stopped");
    }

    @Test
    void concurrentInvocationsGetTheirOwnEnvironments() throws Exception {
        FunctionSpec spec = counter(5);
        var a = start(runner, spec, "{\"sleep\": 0.7}");
        var b = start(runner, spec, "{\"sleep\": 0.7}");
        JsonNode ra = ok(get(a));
        JsonNode rb = ok(get(b));

        assertNotEquals(ra.get("pid").asLong(), rb.get("pid").asLong());
        assertEquals(1, ra.get("count").asInt());
        assertEquals(1, rb.get("count").asInt());
        assertEquals(2, runner.environmentPids(spec.functionArn()).size());
    }

    @Test
    void beyondTheCapInvocationsWaitForAnEnvironment() throws Exception {
        try (ProcessRunner capped = new ProcessRunner(Optional::empty, temp.resolve("capped"), Duration.ofMinutes(1), 1)) {
            FunctionSpec spec = counter(5);
            var a = start(capped, spec, "{\"sleep\": 0.3}");
            var b = start(capped, spec, "{\"sleep\": 0.3}");
            JsonNode ra = ok(get(a));
            JsonNode rb = ok(get(b));

            assertEquals(ra.get("pid").asLong(), rb.get("pid").asLong());
            assertEquals(List.of(1, 2), List.of(ra.get("count").asInt(), rb.get("count").asInt()).stream().sorted().toList());
        }
    }

    @Test
    void timeoutKillsTheEnvironmentAndSaysSo() throws Exception {
        // 5 s: a busy machine may take a while to run the handler up to its print before the timeout.
        FunctionSpec spec = counter(5);
        long pid = ok(get(start(runner, spec, "{}"))).get("pid").asLong();
        String requestId = requestId();
        long started = System.nanoTime();
        InvocationResult result = get(runner.invoke(spec, "{\"sleep\": 60}".getBytes(StandardCharsets.UTF_8), requestId, null, null));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Sandbox.Timedout", doc.get("errorType").asText());
        assertEquals("RequestId: " + requestId + " Error: Task timed out after 5.00 seconds", doc.get("errorMessage").asText());
        assertTrue(tookMillis >= 5000 && tookMillis < 60_000, "killed at the timeout, not after the sleep: took " + tookMillis);
        assertTrue(gone(pid), "the timed-out environment is killed");
        assertTrue(result.logs().contains("invocation 2"), result.logs());
        assertTrue(result.logs().contains("\tStatus: timeout"), result.logs());
        assertEquals(1, ok(get(start(runner, spec, "{}"))).get("count").asInt(), "the next invocation is cold");
    }

    @Test
    void processExitIsARuntimeExitErrorAndTheEnvironmentIsDiscarded() throws Exception {
        FunctionSpec spec = counter(3);
        String requestId = requestId();
        InvocationResult result = get(runner.invoke(spec, "{\"exit\": 3}".getBytes(StandardCharsets.UTF_8), requestId, null, null));

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.ExitError", doc.get("errorType").asText());
        assertEquals("RequestId: " + requestId + " Error: Runtime exited with error: exit status 3",
                doc.get("errorMessage").asText());
        assertTrue(result.logs().contains("Error Type: Runtime.ExitError"), result.logs());
        assertEquals(1, ok(get(start(runner, spec, "{}"))).get("count").asInt());
    }

    @Test
    void logsAreFramedLikeLambdasAndKeptPerFunction() throws Exception {
        FunctionSpec spec = counter(3);
        String cold = requestId();
        InvocationResult first = get(runner.invoke(spec, "{}".getBytes(StandardCharsets.UTF_8), cold, null, null));
        String warm = requestId();
        InvocationResult second = get(runner.invoke(spec, "{}".getBytes(StandardCharsets.UTF_8), warm, null, null));

        String[] lines = first.logs().split("\n");
        assertEquals("START RequestId: " + cold + " Version: $LATEST", lines[0]);
        assertEquals("invocation 1", lines[1]);
        assertEquals("END RequestId: " + cold, lines[2]);
        assertTrue(lines[3].matches("REPORT RequestId: " + cold + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 128 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d{2} ms"), lines[3]);
        assertFalse(second.logs().contains("Init Duration"), second.logs());
        assertTrue(second.logs().contains("invocation 2"), second.logs());

        List<String> history = runner.logs(spec.functionArn()).stream().map(LogEvent::message).toList();
        assertTrue(history.contains("START RequestId: " + warm + " Version: $LATEST"), history.toString());
        assertTrue(history.contains("invocation 2"), history.toString());
        assertTrue(runner.logs(spec.functionArn()).stream().allMatch(e -> e.logGroupName().equals(spec.logGroupName())));
    }

    @Test
    void idleEnvironmentsAreStopped() throws Exception {
        try (ProcessRunner quick = new ProcessRunner(Optional::empty, temp.resolve("idle"), Duration.ofMillis(300), 4)) {
            FunctionSpec spec = counter(3);
            long pid = ok(get(start(quick, spec, "{}"))).get("pid").asLong();

            assertTrue(gone(pid), "idle environment stopped");
            assertEquals(List.of(), quick.environmentPids(spec.functionArn()));
        }
    }

    @Test
    void evictStopsTheFunctionsEnvironments() throws Exception {
        FunctionSpec spec = counter(3);
        long pid = ok(get(start(runner, spec, "{}"))).get("pid").asLong();
        runner.evict(spec.functionArn());

        assertTrue(gone(pid));
        assertEquals(1, ok(get(start(runner, spec, "{}"))).get("count").asInt());
    }

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        ProcessRunner own = new ProcessRunner(Optional::empty, temp.resolve("close"));
        FunctionSpec spec = counter(5);
        JsonNode withChild = ok(get(start(own, spec, "{\"child\": true}")));
        var busy = start(own, spec, "{\"sleep\": 30}");
        var alsoBusy = start(own, spec, "{\"sleep\": 30}");
        Thread.sleep(500);
        List<Long> pids = own.environmentPids(spec.functionArn());
        assertEquals(2, pids.size());
        long child = withChild.get("child").asLong();
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));

        own.close();

        for (long pid : pids) {
            assertTrue(gone(pid), "environment " + pid);
        }
        assertTrue(gone(child), "child process of the function");
        assertEquals("Unhandled", busy.get(5, TimeUnit.SECONDS).functionError());
        assertEquals("Unhandled", alsoBusy.get(5, TimeUnit.SECONDS).functionError());
    }
}
