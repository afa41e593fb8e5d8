package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.NestedStackHandler;
import io.gureum.cloudformation.engine.Pace;
import io.gureum.cloudformation.engine.Signals;
import io.gureum.cloudformation.engine.StackOperations;
import io.gureum.cloudformation.engine.StackRecords;
import io.gureum.cloudformation.resource.ResourceHandlers;
import io.gureum.cloudformation.resource.cloudformation.CustomResourceHandler;
import io.gureum.cloudformation.resource.cloudformation.WaitConditionHandleHandler;
import io.gureum.cloudformation.resource.cloudformation.WaitConditionHandler;
import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.Orgs;
import io.gureum.core.events.ServiceEvent;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CloudFormation on one server: the state, four workers that run resource handlers (never a Netty thread:
 * a handler's first in-process call to a big API loads its classes), and the providers. Every call holds
 * the state's lock; workers take it only to record progress.
 */
final class CloudFormationInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(Stacks.class, StackQueries.class, ChangeSets.class,
            Templates.class, Exports.class, Drift.class, ResourceSignals.class, StackSets.class, StackInstances.class,
            StackSetOperations.class, Registry.class, Hooks.class, AccountQueries.class,
            OrganizationsAccess.class, OperationEvents.class, StackSetDrift.class,
            StackSetImports.class, ResourceScans.class,
            GeneratedTemplates.class, StackRefactors.class, Publishers.class, Extensions.class);

    /** The engine's workers: how many handler calls run at once (waits hold none of them, see Polling). */
    static final int WORKERS = 4;
    private final ExecutorService workers;
    private final ExecutorService stackSetThreads;
    private final ScheduledThreadPoolExecutor timer;
    private final DueTimer due;
    private final List<Object> providers;
    private final OperationInterceptor serialised;
    private final ResourceSignals signals;
    private final Pace pace;
    private final CloudFormationState state;
    private final io.gureum.core.time.GureumClock clock;
    private final io.gureum.core.events.Subscription organizationEvents;

    CloudFormationInstance(ServiceContext context, ResourceHandlers handlers) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "gureum-cloudformation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger m = new AtomicInteger();
        this.stackSetThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gureum-cloudformation-stackset-" + m.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-cloudformation-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.due = new DueTimer(context.clock(), timer, workers);
        CloudFormationState state = new CloudFormationState();
        this.state = state;
        this.clock = context.clock();
        state.records = new StackRecords(context.state(), state);
        Signals signalled = new Signals(due);
        NestedStackHandler nested = new NestedStackHandler();
        MacroHandler macros = new MacroHandler();
        ResourceHandlers all = handlers.with(List.of(nested, new WaitConditionHandler(signalled),
                new WaitConditionHandleHandler(() -> context.endpoint().uri().orElse(null)),
                new CustomResourceHandler(signalled, () -> context.endpoint().uri().orElse(null)),
                new io.gureum.cloudformation.resource.cloudformation.StackSetHandler(), macros));
        this.pace = new Pace(due);
        Engine engine = new Engine(state, all, workers, context, signalled, pace);
        macros.bind(engine);
        StackLookup lookup = new StackLookup(state);
        this.signals = new ResourceSignals(engine, lookup);
        Planner planner = new Planner(engine);
        StackOperations operations = new StackOperations(engine);
        TemplateSource source = new TemplateSource(context.clients());
        nested.bind(engine, operations, (url, stack) -> source.fetch(url, engine.callerOf(stack)),
                (child, template, inputs) -> new TemplateMacros(engine, engine.callerOf(child), template,
                        new TemplateMacros.Inputs(inputs, java.util.Map.of())));
        Stacks stacks = new Stacks(engine, lookup, planner, operations);
        OperationRunner runner = new OperationRunner(state, context, stackSetThreads);
        Orgs orgs = new Orgs(context.clients());
        StackSetSupport stackSets = new StackSetSupport(engine, lookup, runner, orgs);
        AutoDeployments auto = new AutoDeployments(state, orgs, stackSets, stackSetThreads);
        runner.onEnd(auto::ended);
        // Organizations' membership events (MoveAccount, CreateAccountResult …) start auto-deployment passes.
        this.organizationEvents = context.events().subscribe(ServiceEvent.class, e -> {
            if (e.source().equals("aws.organizations")) {
                auto.trigger();
            }
        });
        ResourceScans scans = new ResourceScans(engine);
        GeneratedTemplates generated = new GeneratedTemplates(engine, lookup);
        state.records.keep(scans);
        state.records.keep(generated);
        this.providers = List.of(stacks, new StackQueries(lookup),
                new ChangeSets(engine, lookup, planner, operations, stacks), new Templates(engine, planner, lookup),
                new Exports(lookup), new Drift(engine, lookup), signals, new StackSets(stackSets, planner),
                new StackInstances(stackSets), new StackSetOperations(stackSets), new Registry(engine),
                new Hooks(lookup), new AccountQueries(planner), new OrganizationsAccess(orgs),
                new OperationEvents(lookup), new StackSetDrift(stackSets),
                new StackSetImports(stackSets, state), scans,
                generated, new StackRefactors(engine, lookup, planner, stacks),
                new Publishers(engine), new Extensions(state));
        this.serialised = call -> {
            state.lock.lock();
            try {
                if (state.records.enabled() && !reads(call.operation())) {
                    RequestContext rc = RequestContext.current();
                    state.records.changed(state.region(rc.accountId(), rc.region()));
                }
                return call.proceed();
            } finally {
                try {
                    state.records.flush();
                } finally {
                    state.lock.unlock();
                }
            }
        };
    }

    /** Operations that change nothing: no need to look for changes to record after them. */
    private static boolean reads(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.equals("ValidateTemplate") || operation.equals("EstimateTemplateCost");
    }

    @Override
    public void restore(List<StateRecord> records) {
        state.lock.lock();
        try {
            state.records.restore(records, clock.now());
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public void capture(java.util.function.Consumer<StateRecord> sink) {
        state.lock.lock();
        try {
            state.records.capture(sink);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return List.of(serialised);
    }

    /**
     * The wait condition handle URLs ({@code PUT /_gureum/cloudformation/waitcondition/…}) and the pace of
     * resource operations ({@code GET}/{@code POST /_gureum/cloudformation/pace} with
     * {@code {"resourceSeconds": N}}).
     */
    @Override
    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
        if (request.rawPath().equals("/_gureum/cloudformation/pace")) {
            if (request.method().equals("POST")) {
                try {
                    com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(request.bodyAsString());
                    pace.perResource(java.time.Duration.ofSeconds(body.path("resourceSeconds").asLong(0)));
                } catch (java.io.IOException e) {
                    return new AwsHttpResponse(400).body("{\"message\":\"a JSON body is required\"}",
                            "application/json");
                }
            }
            return new AwsHttpResponse(200).body("{\"resourceSeconds\":" + pace.perResource().toSeconds() + "}",
                    "application/json");
        }
        return signals.handle(request);
    }

    @Override
    public void close() {
        organizationEvents.close();
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
        stackSetThreads.shutdownNow();
    }
}
