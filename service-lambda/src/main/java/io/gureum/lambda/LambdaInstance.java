package io.gureum.lambda;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.OperationInterceptor;
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
import java.util.function.Consumer;
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
    private final FunctionUrlRequests urlRequests;
    private final ResponseStreaming streaming;
    private final ServiceContext context;
    private final List<Object> providers;
    private volatile boolean closed;
    private final FunctionResourceAccess resourceAccess;
    private final LambdaRecords records;
    private final LambdaRestore.Target restoreTarget;

    /** @param runners makes the runner, given a directory of its own */
    LambdaInstance(ServiceContext context, Function<Path, FunctionRunner> runners) {
        this.context = context;
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
        this.records = new LambdaRecords(context, stores);
        AsyncInvoker async = new AsyncInvoker(context, invoker, due, logs, new Destinations(context), records);
        DurableEngine engine = new DurableEngine(context, stores, invoker, due, records::recordPollerChanges);
        DurableExecutions durable = new DurableExecutions(context, lookup, invoker, engine);
        RecordFilters filters = new RecordFilters();
        StreamPoller streams = new StreamPoller(context, lookup, invoker, due, new Destinations(context),
                records::recordPollerChanges, filters::test);
        QueuePoller poller = new QueuePoller(context, lookup, invoker, workers, streams, filters);
        this.admin = new LambdaAdmin(context, stores, logs);
        FunctionUrls urls = new FunctionUrls(context, lookup);
        this.urlRequests = new FunctionUrlRequests(context, urls, lookup, invoker, workers);
        this.streaming = new ResponseStreaming(lookup, invoker, workers);
        this.restoreTarget = new LambdaRestore.Target(context, stores, codeStore, urls, async, records, engine,
                durable.checkpoints());
        DeploymentPackages packages = new DeploymentPackages(context, codeStore);
        Layers layers = new Layers(context, lookup, packages);
        this.providers = List.of(
                new Functions(context, lookup, packages, versions, new FunctionLayers(layers, codeStore), arn -> {
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
                new Invocations(context, lookup, policies, invoker, async, durable),
                new EventSourceMappings(context, lookup),
                layers,
                new ProvisionedConcurrency(context, lookup),
                new FunctionSettings(lookup),
                urls,
                new CodeSigningConfigs(context, lookup),
                new CapacityProviders(context, lookup),
                new FunctionScalingConfigs(lookup),
                new ResourcePolicies(context, lookup),
                durable);
        timer.scheduleWithFixedDelay(() -> {
            if (!closed) {
                poller.tick();
            }
        }, QueuePoller.TICK_MILLIS, QueuePoller.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The provider classes, in the order {@link #providers()} lists them. */
    static List<Class<?>> providerClasses() {
        return List.of(Functions.class, Versions.class, Aliases.class, Policies.class, Tags.class, Concurrency.class,
                AccountSettings.class, EventInvokeConfigs.class, Invocations.class, EventSourceMappings.class,
                Layers.class, ProvisionedConcurrency.class, FunctionSettings.class,
                FunctionUrls.class, CodeSigningConfigs.class, CapacityProviders.class,
                FunctionScalingConfigs.class, ResourcePolicies.class, DurableExecutions.class);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    /** Records what each operation changed ({@code --data-dir}). */
    @Override
    public List<OperationInterceptor> interceptors() {
        return List.of(records::intercept);
    }

    @Override
    public void restore(List<StateRecord> restored) {
        LambdaRestore.restore(restored, restoreTarget);
    }

    @Override
    public void capture(Consumer<StateRecord> sink) {
        records.capture(sink);
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
        String path = request.rawPath();
        if (path.startsWith(FunctionUrlRequests.PATH_PREFIX)) {
            return urlByPath(request, path.substring(FunctionUrlRequests.PATH_PREFIX.length()));
        }
        return admin.handle(request);
    }

    /** {@code /_gureum/lambda/url/<url-id>/<path>}: a function URL for clients that cannot set the Host. */
    private AwsHttpResponse urlByPath(AwsHttpRequest request, String rest) {
        int slash = rest.indexOf('/');
        String urlId = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        RequestContext ctx = new RequestContext(context.ids().requestId(), context.config().defaultAccount(),
                context.config().defaultRegion(), null, "lambda", request);
        try {
            return ctx.call(() -> urlRequests.serve(request, urlId, path)).join();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request to {@code <url-id>.lambda-url.<region>.localhost}: a function URL, not an API call; and
     * InvokeWithResponseStream, which the SDK's synchronous client interface (core's operation table) lacks.
     */
    @Override
    public AwsHttpResponse preOperation(AwsHttpRequest request) {
        String streamed = ResponseStreaming.functionOf(request);
        if (streamed != null) {
            return streaming.serve(request, streamed);
        }
        String urlId = FunctionUrlRequests.urlIdOfHost(request);
        if (urlId == null) {
            return null;
        }
        return AsyncResponse.later(urlRequests.serve(request, urlId, request.rawPath()));
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
