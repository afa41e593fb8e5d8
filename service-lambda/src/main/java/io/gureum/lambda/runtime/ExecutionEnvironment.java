package io.gureum.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution environment: a runtime process, its Runtime API server, and the invocation it is
 * running. It runs one invocation at a time; after a timeout, a crash or an init error it is discarded,
 * as Lambda discards it (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
 */
final class ExecutionEnvironment implements RuntimeApi {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEnvironment.class);

    /** Lambda gives the init phase 10 seconds; past that it retries init inside the invoke's own timeout. */
    private static final long INIT_ALLOWANCE_MILLIS = 10_000;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** Told when the environment is idle again or dead. */
    interface Listener {
        void released(ExecutionEnvironment environment);
    }

    private final FunctionSpec spec;
    private final RunnerContext context;
    private final Listener listener;
    private final String logStreamName;
    private final long startedNanos = System.nanoTime();
    private RuntimeApiServer server;
    private Process process;
    private OutputFile output;

    // guarded by this
    private boolean initialized;
    private double initDurationMs;
    private boolean coldStartReported;
    private Invocation current;
    private Consumer<NextInvocation> waiter;
    private boolean dead;
    /** An init error reported before an invocation was assigned: the invocation that follows gets it. */
    private Outcome initFailure;
    private long idleSinceNanos = System.nanoTime();

    private ExecutionEnvironment(FunctionSpec spec, RunnerContext context, Listener listener) {
        this.spec = spec;
        this.context = context;
        this.listener = listener;
        String hex = HexFormat.of().formatHex(randomBytes(16));
        this.logStreamName = STREAM_DATE.format(context.clock().get()) + "/[" + spec.version() + "]" + hex;
    }

    /** Starts the server and the process. */
    static ExecutionEnvironment start(FunctionSpec spec, LaunchPlan plan, RunnerContext context, Listener listener)
            throws IOException, InterruptedException {
        ExecutionEnvironment env = new ExecutionEnvironment(spec, context, listener);
        env.server = RuntimeApiServer.bind(context.group(), env);
        try {
            env.output = OutputFile.create(context.workDir().resolve("environments"),
                    env.logStreamName.substring(env.logStreamName.indexOf(']') + 1));
            Map<String, String> variables = EnvironmentVariables.of(spec, plan, env.server.hostPort(),
                    env.logStreamName, context.endpoint().get(), context.path());
            ProcessBuilder builder = new ProcessBuilder(FunctionUser.wrap(plan.command(), spec.codeDirectory()))
                    .directory(spec.codeDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(env.output.path().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(variables);
            env.process = builder.start();
        } catch (IOException | RuntimeException e) {
            env.server.close();
            if (env.output != null) {
                env.output.close();
            }
            throw e;
        }
        env.process.onExit().thenRunAsync(env::onExit, context.workers());
        return env;
    }

    FunctionSpec spec() {
        return spec;
    }

    long pid() {
        return process.pid();
    }

    String logStreamName() {
        return logStreamName;
    }

    synchronized boolean isIdle() {
        return !dead && current == null;
    }

    synchronized boolean isDead() {
        return dead;
    }

    synchronized long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Runs {@code invocation}; the environment must be idle. */
    synchronized void run(Invocation invocation) {
        current = invocation;
        invocation.assignedNanos = System.nanoTime();
        invocation.before.addAll(events(context.clock().get(), output.read(true)));
        if (dead) {
            settleLater(invocation, initFailure != null ? initFailure : exitOutcome(invocation));
        } else if (waiter != null) {
            deliver(invocation);
        } else {
            long allowance = INIT_ALLOWANCE_MILLIS + spec.timeoutSeconds() * 1000L;
            invocation.timer = context.timers().schedule(() -> timedOut(invocation), allowance, TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(Invocation invocation) {
        if (invocation.timer != null) {
            invocation.timer.cancel(false);
        }
        Consumer<NextInvocation> delivery = waiter;
        waiter = null;
        invocation.delivered = true;
        invocation.deliveredNanos = System.nanoTime();
        long timeoutMillis = spec.timeoutSeconds() * 1000L;
        invocation.timer = context.timers().schedule(() -> timedOut(invocation), timeoutMillis, TimeUnit.MILLISECONDS);
        delivery.accept(new NextInvocation(invocation.requestId, System.currentTimeMillis() + timeoutMillis,
                invocation.invokedFunctionArn(), invocation.traceId, invocation.clientContext, invocation.payload));
    }

    // ---- Runtime API (event loop: no blocking) ----

    @Override
    public synchronized void next(Consumer<NextInvocation> delivery) {
        if (dead) {
            return;
        }
        if (!initialized) {
            initialized = true;
            initDurationMs = (System.nanoTime() - startedNanos) / 1e6;
        }
        waiter = delivery;
        if (current != null && !current.delivered) {
            deliver(current);
        }
    }

    @Override
    public synchronized Answer response(String requestId, byte[] body) {
        Invocation invocation = delivered(requestId);
        if (invocation == null) {
            return Answer.invalidRequestId();
        }
        settleLater(invocation, new Outcome(body, null, null, null, false));
        return Answer.ACCEPTED;
    }

    @Override
    public synchronized ResponseSink streamStarted(String requestId, String contentType) {
        Invocation invocation = delivered(requestId);
        if (invocation == null || invocation.streamed != null) {
            return null;
        }
        invocation.streamed = invocation.sink != null ? invocation.sink : new CollectedResponse();
        invocation.streamed.started(contentType);
        return invocation.streamed;
    }

    @Override
    public synchronized Answer streamEnded(String requestId, String errorType, byte[] errorBody) {
        Invocation invocation = delivered(requestId);
        if (invocation == null || invocation.streamed == null) {
            return Answer.invalidRequestId();
        }
        if (errorType != null || errorBody != null && errorBody.length > 0) {
            byte[] payload = errorBody != null && errorBody.length > 0 ? errorBody : ErrorDocuments.fromErrorType(errorType);
            settleLater(invocation, new Outcome(payload, "Unhandled", null, null, false, errorType));
        } else if (invocation.streamed instanceof CollectedResponse collected) {
            settleLater(invocation, collected.tooLarge()
                    ? new Outcome(ErrorDocuments.responseTooLarge(), "Unhandled", null, null, false)
                    : new Outcome(collected.bytes(), null, null, null, false));
        } else {
            settleLater(invocation, new Outcome(new byte[0], null, null, null, false));
        }
        return Answer.ACCEPTED;
    }

    @Override
    public synchronized Answer error(String requestId, String errorType, byte[] body) {
        Invocation invocation = delivered(requestId);
        if (invocation == null) {
            return Answer.invalidRequestId();
        }
        byte[] payload = body.length > 0 ? body : ErrorDocuments.fromErrorType(errorType);
        settleLater(invocation, new Outcome(payload, "Unhandled", null, null, false));
        return Answer.ACCEPTED;
    }

    @Override
    public synchronized Answer initError(String errorType, byte[] body) {
        if (initialized) {
            return Answer.invalidState("The runtime is already initialized; report errors of an invocation on its own path.");
        }
        initialized = true;
        initDurationMs = (System.nanoTime() - startedNanos) / 1e6;
        byte[] payload = body.length > 0 ? body : ErrorDocuments.fromErrorType(errorType);
        String type = errorType != null ? errorType : ErrorDocuments.errorTypeOf(payload);
        Outcome failed = new Outcome(payload, "Unhandled", "error", type == null ? "Runtime.Unknown" : type, true);
        if (current != null) {
            settleLater(current, failed);
        } else {
            initFailure = failed;
            dead = true;
            context.workers().execute(this::stopAndRelease);
        }
        return Answer.ACCEPTED;
    }

    @Override
    public synchronized Answer responseTooLarge(String requestId) {
        Invocation invocation = delivered(requestId);
        if (invocation == null) {
            return Answer.invalidRequestId();
        }
        settleLater(invocation, new Outcome(ErrorDocuments.responseTooLarge(), "Unhandled", null, null, false));
        return Answer.tooLarge();
    }

    private Invocation delivered(String requestId) {
        Invocation invocation = current;
        if (invocation == null || !invocation.delivered || invocation.settled.get()
                || !invocation.requestId.equals(requestId)) {
            return null;
        }
        return invocation;
    }

    // ---- outcomes ----

    /** @param streamErrorType the error type a streamed response's trailer named, else null */
    private record Outcome(byte[] payload, String functionError, String status, String errorType, boolean discard,
            String streamErrorType) {
        Outcome(byte[] payload, String functionError, String status, String errorType, boolean discard) {
            this(payload, functionError, status, errorType, discard, null);
        }
    }

    /** Decides the invocation's outcome (the first decision wins) and completes it on a worker thread. */
    private void settleLater(Invocation invocation, Outcome outcome) {
        if (decide(invocation)) {
            context.workers().execute(() -> settle(invocation, outcome));
        }
    }

    private boolean decide(Invocation invocation) {
        if (!invocation.settled.compareAndSet(false, true)) {
            return false;
        }
        if (invocation.endNanos == 0) {
            invocation.endNanos = System.nanoTime();
        }
        return true;
    }

    private synchronized void timedOut(Invocation invocation) {
        byte[] payload = ErrorDocuments.timeout(invocation.requestId, spec.timeoutSeconds());
        settleLater(invocation, new Outcome(payload, "Unhandled", "timeout", null, true));
    }

    /**
     * The process is gone. While an invocation is being settled (also one already decided, e.g. by its timeout,
     * whose kill is what ended the process) the settling thread still has to read the output file: it stops the
     * environment itself once it has, so the file is not deleted under it and the logs keep every line the function
     * wrote before it ended.
     */
    private void onExit() {
        boolean settling;
        synchronized (this) {
            dead = true;
            settling = current != null;
            if (settling && !current.settled.get()) {
                settleLater(current, exitOutcome(current));
            }
        }
        if (!settling) {
            stopAndRelease();
        }
    }

    private Outcome exitOutcome(Invocation invocation) {
        String description = process.isAlive() ? "signal: killed" : ErrorDocuments.exitDescription(process.exitValue());
        return new Outcome(ErrorDocuments.exit(invocation.requestId, description), "Unhandled", "error",
                "Runtime.ExitError", true);
    }

    /** Completes the invocation with its logs; runs on a worker thread because it may wait for processes to die. */
    private void settle(Invocation invocation, Outcome outcome) {
        try {
            settleWithLogs(invocation, outcome);
        } catch (RuntimeException e) {
            // Reading the output or the process's memory failed: the invocation still gets its answer (without
            // logs), and the environment, in an unknown state, is discarded.
            LOG.warn("Settling invocation {} of {} failed", invocation.requestId, spec.functionArn(), e);
            synchronized (this) {
                if (current == invocation) {
                    current = null;
                }
                dead = true;
            }
            invocation.result.complete(new InvocationResult(outcome.payload(), outcome.functionError(), "",
                    invocation.streamed != null, outcome.streamErrorType()));
            stopAndRelease();
        }
    }

    private void settleWithLogs(Invocation invocation, Outcome outcome) {
        if (invocation.timer != null) {
            invocation.timer.cancel(false);
        }
        long maxMemory = ProcessTree.peakMemoryMb(process.toHandle());
        if (outcome.discard()) {
            ProcessTree.destroy(process.toHandle(), 2_000);
        }
        Instant at = context.clock().get();
        List<LogEvent> written = events(at, output.read(true));
        List<LogEvent> before;
        Double initMs = null;
        boolean initFailed;
        boolean discard;
        synchronized (this) {
            before = List.copyOf(invocation.before);
            initFailed = !invocation.delivered;
            if (!coldStartReported && initialized) {
                coldStartReported = true;
                initMs = initDurationMs;
            }
            current = null;
            idleSinceNanos = System.nanoTime();
            if (outcome.discard()) {
                dead = true;
            }
            discard = dead; // the process may have ended meanwhile; onExit left stopping it to this thread
        }
        long startNanos = invocation.delivered ? invocation.deliveredNanos : invocation.assignedNanos;
        double durationMs = (Math.max(invocation.endNanos, startNanos) - startNanos) / 1e6;
        List<LogEvent> events = new ArrayList<>(before);
        if (initFailed && initMs != null && "error".equals(outcome.status())) {
            events.add(event(at, LogFrames.initReport(initMs, outcome.errorType())));
            initMs = null;
        }
        events.add(event(at, LogFrames.start(invocation.requestId, spec.version())));
        events.addAll(written);
        events.add(event(at, LogFrames.end(invocation.requestId)));
        events.add(event(at, LogFrames.report(invocation.requestId, durationMs, spec.memorySize(), maxMemory, initMs,
                outcome.status(), outcome.errorType())));
        context.history().add(spec, events);
        StringBuilder logs = new StringBuilder();
        events.forEach(e -> logs.append(e.message()).append('\n'));
        invocation.result.complete(new InvocationResult(outcome.payload(), outcome.functionError(), logs.toString(),
                invocation.streamed != null, outcome.streamErrorType()));
        if (discard) {
            stopAndRelease();
        } else {
            listener.released(this);
        }
    }

    private List<LogEvent> events(Instant at, List<String> lines) {
        return lines.stream().map(line -> event(at, line)).toList();
    }

    /**
     * One line of the log. An invocation's lines share one timestamp (Gureum reads them when the
     * invocation ends), so CloudWatch Logs keeps them in the order written: START, output, END, REPORT.
     */
    private LogEvent event(Instant at, String message) {
        return new LogEvent(at, spec.logGroupName(), logStreamName, message);
    }

    // ---- lifecycle ----

    /** Kills the process tree and closes the server; waits briefly for the processes to go. Never call on an event loop. */
    void stop() {
        Invocation running;
        synchronized (this) {
            dead = true;
            running = current != null && decide(current) ? current : null;
        }
        ProcessTree.destroy(process.toHandle(), 2_000);
        server.close();
        if (running != null) {
            settle(running, exitOutcome(running));
        }
        output.close();
    }

    private void stopAndRelease() {
        stop();
        listener.released(this);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "environment " + logStreamName + " of " + spec.functionName() + " (pid "
                + (process == null ? "-" : process.pid()) + ")";
    }
}
