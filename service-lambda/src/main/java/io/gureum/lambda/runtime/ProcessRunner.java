package io.gureum.lambda.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs functions as local processes, one per execution environment, each talking to its own Lambda
 * Runtime API server on 127.0.0.1. Python, Node.js and Java functions run under Gureum's own bootstraps with
 * the machine's {@code python3} and {@code node} and a JVM ({@link JavaRuntime}); {@code provided} runtimes run the package's
 * {@code bootstrap}. Environments stay warm between invocations, like Lambda's.
 *
 * <p>The control plane creates one runner per server ({@code new ProcessRunner(endpoint, dataDir, clock)}),
 * calls {@link #invoke}, {@link #evict} when a function changes or goes, {@link #logs} for recent output,
 * and {@link #close} on shutdown, which leaves no process behind.
 */
public final class ProcessRunner implements FunctionRunner {
    /** Defaults: Lambda's idle environments live minutes; 16 environments per function version. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_ENVIRONMENTS = 16;
    public static final int DEFAULT_LOG_EVENTS_PER_FUNCTION = 1_000;

    private final RunnerContext context;
    private final Runtimes runtimes;
    private final int maxEnvironments;
    private final long idleNanos;
    private final ConcurrentHashMap<String, FunctionPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param gureumEndpoint Gureum's endpoint once bound, handed to functions as {@code AWS_ENDPOINT_URL}
     * @param workDir        where Gureum writes its runtime bootstraps
     */
    public ProcessRunner(Supplier<Optional<URI>> gureumEndpoint, Path workDir) {
        this(gureumEndpoint, workDir, Instant::now);
    }

    /** @param clock the emulated clock: log event times, log stream dates and trace IDs (timeouts stay real time) */
    public ProcessRunner(Supplier<Optional<URI>> gureumEndpoint, Path workDir, Supplier<Instant> clock) {
        this(gureumEndpoint, workDir, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_ENVIRONMENTS, clock);
    }

    /**
     * @param idleTimeout     how long an idle environment stays warm
     * @param maxEnvironments environments per function version; further invocations wait for one
     */
    public ProcessRunner(Supplier<Optional<URI>> gureumEndpoint, Path workDir, Duration idleTimeout,
            int maxEnvironments) {
        this(gureumEndpoint, workDir, idleTimeout, maxEnvironments, Instant::now);
    }

    private ProcessRunner(Supplier<Optional<URI>> gureumEndpoint, Path workDir, Duration idleTimeout,
            int maxEnvironments, Supplier<Instant> clock) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("lambda-runtime-api", true), NioIoHandler.newFactory());
        ExecutorService workers = Executors.newCachedThreadPool(new DefaultThreadFactory("lambda-runner", true));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("lambda-timers", true));
        String path = System.getenv("PATH");
        this.context = new RunnerContext(group, workers, timers, new LogHistory(DEFAULT_LOG_EVENTS_PER_FUNCTION),
                gureumEndpoint, path == null ? "/usr/local/bin:/usr/bin:/bin" : path, workDir, clock);
        this.runtimes = new Runtimes(workDir, new Interpreters(context.path()));
        this.maxEnvironments = maxEnvironments;
        this.idleNanos = idleTimeout.toNanos();
        long sweepMillis = Math.max(50, Math.min(idleTimeout.toMillis() / 2, 30_000));
        timers.scheduleWithFixedDelay(() -> workers.execute(this::sweep), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(FunctionSpec spec, byte[] payload, String requestId,
            String clientContext, String invokedFunctionArn, ResponseSink sink) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("The function runner is closed"));
            return result;
        }
        Invocation invocation = new Invocation(spec, requestId, payload == null ? new byte[0] : payload,
                decodeClientContext(clientContext), invokedFunctionArn, traceId(context.clock().get()), result, sink);
        context.workers().execute(() -> {
            try {
                LaunchPlan plan = runtimes.plan(spec);
                if (plan.invalidEntrypoint() != null) {
                    result.complete(new InvocationResult(
                            ErrorDocuments.invalidEntrypoint(requestId, plan.invalidEntrypoint()), "Unhandled",
                            LogFrames.start(requestId, spec.version()) + "\n" + LogFrames.end(requestId) + "\n"));
                    return;
                }
                FunctionPool pool = pools.computeIfAbsent(key(spec), k -> new FunctionPool(maxEnvironments,
                        (s, listener) -> ExecutionEnvironment.start(s, runtimes.plan(s), context, listener), context));
                if (closed) {
                    // close() ran while this task waited: its pool would start a process nobody stops
                    pools.remove(key(spec), pool);
                    pool.close();
                    result.completeExceptionally(new IllegalStateException("The function runner is closed"));
                    return;
                }
                pool.submit(invocation);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void evict(String functionArn) {
        List<FunctionPool> evicted = new ArrayList<>();
        pools.entrySet().removeIf(entry -> {
            if (entry.getKey().startsWith(functionArn + "#")) {
                evicted.add(entry.getValue());
                return true;
            }
            return false;
        });
        evicted.forEach(FunctionPool::close);
        context.history().forget(functionArn);
    }

    /**
     * Hands the log events of every invocation, with the spec of the function that wrote them, to
     * {@code sink} as well (Lambda publishes them to CloudWatch Logs); runs on a runner thread.
     *
     * @return this runner
     */
    public ProcessRunner onLogs(BiConsumer<FunctionSpec, List<LogEvent>> sink) {
        context.history().sink(sink);
        return this;
    }

    /** The last {@value #DEFAULT_LOG_EVENTS_PER_FUNCTION} log events of a function (all versions), oldest first. */
    public List<LogEvent> logs(String functionArn) {
        return context.history().of(functionArn);
    }

    /** Process ids of a function's live environments (all versions); for tests and the admin endpoint. */
    public List<Long> environmentPids(String functionArn) {
        List<Long> pids = new ArrayList<>();
        pools.forEach((key, pool) -> {
            if (key.startsWith(functionArn + "#")) {
                pids.addAll(pool.pids());
            }
        });
        return pids;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.history().sink((spec, events) -> { }); // what settles from here on belongs to no one
        List<FunctionPool> all = new ArrayList<>(pools.values());
        pools.clear();
        all.parallelStream().forEach(FunctionPool::close);
        context.timers().shutdownNow();
        context.workers().shutdown();
        try {
            context.workers().awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void sweep() {
        pools.values().forEach(pool -> pool.sweep(idleNanos));
    }

    private static String key(FunctionSpec spec) {
        return spec.functionArn() + "#" + spec.version();
    }

    /** Invoke takes the client context in base64; the Runtime API hands runtimes the JSON itself. */
    private static String decodeClientContext(String clientContext) {
        if (clientContext == null || clientContext.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(clientContext), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return clientContext;
        }
    }

    /** An X-Ray trace header for the invocation (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader). */
    private static String traceId(Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(id);
        random.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + hex.formatHex(id)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}
