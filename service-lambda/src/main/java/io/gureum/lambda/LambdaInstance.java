package io.gureum.lambda;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import io.gureum.lambda.runtime.FunctionRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda on one running server: the providers (one per resource family, composed over one
 * {@link FunctionLookup}), the machinery they share (the runner, the code store, one timer thread and a
 * small worker pool), Gureum's {@code /_gureum/lambda/} endpoints and Invoke's content type. Closed on
 * reset and shutdown: polling, timers and every execution environment stop.
 */
final class LambdaInstance implements ServiceInstance {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaInstance.class);

    private final FunctionRunner runner;
    private final CodeStore codeStore;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final LambdaAdmin admin;
    private final List<Object> providers;
    private volatile boolean closed;
    private final FunctionResourceAccess resourceAccess;

    /** @param runners makes the runner, given a directory of its own */
    LambdaInstance(ServiceContext context, Function<Path, FunctionRunner> runners) {
        AccountRegionStore<LambdaStore> stores = new AccountRegionStore<>(LambdaStore::new);
        InvocationLogs logs = new InvocationLogs();
        this.codeStore = new CodeStore(context.config().dataDir());
        this.runner = runners.apply(codeStore.scratch("runtime"));
        this.timer = ServiceThreads.timer("gureum-lambda-timer");
        this.workers = ServiceThreads.workers("gureum-lambda-worker-", 4);
        this.due = new DueTimer(context.clock(), timer, workers);

        FunctionLookup lookup = new FunctionLookup(context, stores);
        this.resourceAccess = new FunctionResourceAccess(stores);
        Versions versions = new Versions(context, lookup);
        Policies policies = new Policies(context, lookup);
        Invoker invoker = new Invoker(context, runner, logs);
        AsyncInvoker async = new AsyncInvoker(context, invoker, due, logs, new Destinations(context));
        QueuePoller poller = new QueuePoller(context, lookup, invoker, workers);
        this.admin = new LambdaAdmin(context, stores, logs);
        this.providers = List.of(
                new Functions(context, lookup, new DeploymentPackages(context, codeStore), versions, arn -> {
                    runner.evict(arn);
                    logs.forget(arn);
                }),
                versions,
                new Aliases(context, lookup),
                policies,
                new Tags(context),
                new Concurrency(lookup),
                new AccountSettings(lookup),
                new EventInvokeConfigs(context, lookup),
                new Invocations(context, lookup, policies, invoker, async),
                new EventSourceMappings(context, lookup));
        timer.scheduleWithFixedDelay(() -> {
            if (!closed) {
                poller.tick();
            }
        }, QueuePoller.TICK_MILLIS, QueuePoller.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The provider classes, in the order {@link #providers()} lists them. */
    static List<Class<?>> providerClasses() {
        return List.of(Functions.class, Versions.class, Aliases.class, Policies.class, Tags.class, Concurrency.class,
                AccountSettings.class, EventInvokeConfigs.class, Invocations.class, EventSourceMappings.class);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    /**
     * Invoke's payload is a blob, which the codec sends as {@code application/octet-stream}; Lambda labels
     * the function's response {@code application/json}.
     */
    @Override
    public void decorateResponse(AwsHttpRequest request, AwsHttpResponse response) {
        if (response.status() == 200 && request.method().equals("POST")
                && request.rawPath().endsWith("/invocations")
                && "application/octet-stream".equals(response.header("Content-Type"))) {
            response.header("Content-Type", "application/json");
        }
    }

    /** The code download of GetFunction's {@code Code.Location} and the invocation logs. */
    @Override
    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
        return admin.handle(request);
    }

    /** A function's owner and resource-based policy. */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void close() {
        closed = true;
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            runner.close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the Lambda runner failed", e);
        }
        codeStore.close();
    }
}
