package io.gureum.lambda;

import io.gureum.core.error.AwsException;
import io.gureum.core.events.Subscription;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.RegisteredResource;
import io.gureum.core.targets.FunctionTarget;
import io.gureum.lambda.runtime.FunctionRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.*;

/**
 * AWS Lambda's operations, wire to behaviour: {@link Functions}, {@link Versions}, {@link Aliases},
 * {@link Policies}, {@link Settings}, {@link Invoker} / {@link AsyncInvoker} and
 * {@link EventSourceMappings}. Operations not overridden here answer 501 {@code NotImplemented}.
 * Also provides functions to other services as {@link FunctionTarget}s (SNS subscriptions, S3 notifications).
 */
final class LambdaHandler implements LambdaClient {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaHandler.class);

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores = new AccountRegionStore<>(LambdaStore::new);
    private final FunctionRunner runner;
    private final CodeStore codeStore;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final InvocationLogs logs = new InvocationLogs();
    private final Functions functions;
    private final Versions versions;
    private final Aliases aliases;
    private final Policies policies;
    private final Settings settings;
    private final Invoker invoker;
    private final AsyncInvoker async;
    private final EventSourceMappings mappings;
    private final LambdaAdmin admin;
    private final Subscription provided;
    private volatile boolean closed;

    /** @param runners makes the runner, given a directory of its own */
    LambdaHandler(ServiceContext context, Function<Path, FunctionRunner> runners) {
        this.context = context;
        this.codeStore = new CodeStore(context.config().dataDir());
        this.runner = runners.apply(codeStore.scratch("runtime"));
        AtomicInteger n = new AtomicInteger();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "gureum-lambda-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newFixedThreadPool(4, r -> daemon(r, "gureum-lambda-worker-" + n.incrementAndGet()));
        this.due = new DueTimer(context.clock(), timer, workers);
        this.functions = new Functions(context, stores, codeStore, arn -> {
            runner.evict(arn);
            logs.forget(arn);
        });
        this.versions = new Versions(context);
        this.aliases = new Aliases(context);
        this.policies = new Policies(context);
        this.settings = new Settings(context);
        this.invoker = new Invoker(context, runner, logs);
        this.async = new AsyncInvoker(context, invoker, due, logs);
        this.mappings = new EventSourceMappings(context, stores, functions, invoker, workers);
        this.admin = new LambdaAdmin(context, stores, logs);
        timer.scheduleWithFixedDelay(() -> {
            if (!closed) {
                mappings.tick();
            }
        }, EventSourceMappings.TICK_MILLIS, EventSourceMappings.TICK_MILLIS, TimeUnit.MILLISECONDS);
        this.provided = context.targets().provide("lambda", FunctionTarget.class, this::target);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    LambdaAdmin admin() {
        return admin;
    }

    // ---- functions --------------------------------------------------------------------------

    @Override
    public CreateFunctionResponse createFunction(CreateFunctionRequest request) {
        FunctionConfiguration c = functions.createFunction(request, versions);
        return CreateFunctionResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest request) {
        return functions.getFunction(request.functionName(), request.qualifier());
    }

    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        FunctionConfiguration c = Functions.configuration(functions.resolve(request.functionName(), request.qualifier()));
        return GetFunctionConfigurationResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
        return functions.listFunctions(request.masterRegion(), request.functionVersionAsString(), request.marker(),
                request.maxItems());
    }

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest request) {
        functions.deleteFunction(request.functionName(), request.qualifier());
        return DeleteFunctionResponse.builder().build();
    }

    @Override
    public UpdateFunctionCodeResponse updateFunctionCode(UpdateFunctionCodeRequest request) {
        FunctionConfiguration c = functions.updateFunctionCode(request, versions);
        return UpdateFunctionCodeResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest request) {
        FunctionConfiguration c = functions.updateFunctionConfiguration(request);
        return UpdateFunctionConfigurationResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    /**
     * Copies every member of a model object into a response builder of the same members: the responses of
     * CreateFunction, UpdateFunction* and PublishVersion are a FunctionConfiguration by another name, those of
     * the event source mapping operations an EventSourceMappingConfiguration.
     */
    private static void copy(SdkPojo source, Object builder) {
        for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
            source.sdkFields().stream().filter(f -> f.memberName().equals(field.memberName())).findFirst()
                    .ifPresent(f -> field.set(builder, f.getValueOrDefault(source)));
        }
    }

    // ---- invoke -----------------------------------------------------------------------------

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        Functions.Resolved r = functions.resolve(request.functionName(), request.qualifier());
        String type = request.invocationTypeAsString() == null ? "RequestResponse" : request.invocationTypeAsString();
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            throw LambdaErrors.validation(type, "invocationType",
                    "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        String logType = request.logTypeAsString();
        if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaErrors.validation(logType, "logType", "Member must satisfy enum value set: [None, Tail]");
        }
        byte[] payload = request.payload() == null ? new byte[0] : request.payload().asByteArray();
        if (type.equals("Event")) {
            Invoker.checkAsyncSize(payload);
        }
        if (payload.length > Invoker.MAX_SYNC_PAYLOAD) {
            throw LambdaErrors.tooLarge("Request must be smaller than " + Invoker.MAX_SYNC_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        Invoker.checkJson(payload);
        Invoker.checkClientContext(request.clientContext());
        if (type.equals("DryRun")) {
            return InvokeResponse.builder().statusCode(204).build();
        }
        FunctionVersion v = Invoker.pick(r);
        if (type.equals("Event")) {
            async.enqueue(r.function(), r.qualifier(), v, payload);
            return InvokeResponse.builder().statusCode(202).build();
        }
        Invoker.acquire(r.function());
        boolean tail = "Tail".equals(logType);
        CompletableFuture<InvokeResponse> answer = invoker.run(r.function(), v, r.qualifiedArn(), payload,
                RequestContext.current().requestId(), request.clientContext(), "RequestResponse")
                .thenApply(result -> InvokeResponse.builder().statusCode(200).functionError(result.functionError())
                        .logResult(tail ? Invoker.tail(result.logs()) : null).executedVersion(v.version())
                        .payload(SdkBytes.fromByteArray(result.payload() == null ? new byte[0] : result.payload()))
                        .build());
        return AsyncResponse.later(answer);
    }

    /** A function of this server as other services invoke it: asynchronously, after the permission check. */
    private Optional<FunctionTarget> target(Arn arn) {
        if (!arn.resourceType().equals("function")) {
            return Optional.empty();
        }
        String[] parts = arn.resourceId().split(":", 2);
        LambdaFunction f = stores.get(arn.accountId(), arn.region()).functions.get(parts[0]);
        if (f == null || f.deleted) {
            return Optional.empty();
        }
        String qualifier = parts.length > 1 ? parts[1] : null;
        return Optional.of((payload, sourceArn) -> invokeFrom(f, qualifier, payload, sourceArn));
    }

    private Optional<FunctionTarget> target(String arn) {
        try {
            return target(Arn.parse(arn));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void invokeFrom(LambdaFunction f, String qualifier, byte[] payload, String sourceArn) {
        String qualified = qualifier == null ? f.arn : f.arn + ":" + qualifier;
        if (context.config().enforceIam()) {
            String service = sourceArn == null ? "lambda" : serviceOf(sourceArn);
            if (!policies.allows(f, qualifier, service + ".amazonaws.com", sourceArn)) {
                throw new AwsException("AccessDeniedException", "User: " + service + ".amazonaws.com is not "
                        + "authorized to perform: lambda:InvokeFunction on resource: " + qualified + " because no "
                        + "resource-based policy allows the lambda:InvokeFunction action", 403);
            }
        }
        Invoker.checkAsyncSize(payload);
        Functions.Resolved r = functions.resolve(qualified, null);
        async.enqueue(f, qualifier, Invoker.pick(r), payload);
    }

    private static String serviceOf(String arn) {
        try {
            return Arn.parse(arn).service();
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    // ---- versions and aliases ---------------------------------------------------------------

    @Override
    public PublishVersionResponse publishVersion(PublishVersionRequest request) {
        LambdaFunction f = functions.require(request.functionName());
        FunctionConfiguration c = versions.publish(f, request.description(), request.codeSha256(),
                request.revisionId()).toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
        return PublishVersionResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public ListVersionsByFunctionResponse listVersionsByFunction(ListVersionsByFunctionRequest request) {
        return versions.list(functions.require(request.functionName()), request.marker(), request.maxItems());
    }

    @Override
    public CreateAliasResponse createAlias(CreateAliasRequest request) {
        AliasConfiguration a = aliases.create(functions.require(request.functionName()), request.name(),
                request.functionVersion(), request.description(), request.routingConfig());
        return CreateAliasResponse.builder().aliasArn(a.aliasArn()).name(a.name()).functionVersion(a.functionVersion())
                .description(a.description()).routingConfig(a.routingConfig()).revisionId(a.revisionId()).build();
    }

    @Override
    public GetAliasResponse getAlias(GetAliasRequest request) {
        AliasConfiguration a = aliases.get(functions.require(request.functionName()), request.name());
        return GetAliasResponse.builder().aliasArn(a.aliasArn()).name(a.name()).functionVersion(a.functionVersion())
                .description(a.description()).routingConfig(a.routingConfig()).revisionId(a.revisionId()).build();
    }

    @Override
    public UpdateAliasResponse updateAlias(UpdateAliasRequest request) {
        AliasConfiguration a = aliases.update(functions.require(request.functionName()), request.name(),
                request.functionVersion(), request.description(), request.routingConfig(), request.revisionId());
        return UpdateAliasResponse.builder().aliasArn(a.aliasArn()).name(a.name()).functionVersion(a.functionVersion())
                .description(a.description()).routingConfig(a.routingConfig()).revisionId(a.revisionId()).build();
    }

    @Override
    public DeleteAliasResponse deleteAlias(DeleteAliasRequest request) {
        aliases.delete(functions.require(request.functionName()), request.name());
        return DeleteAliasResponse.builder().build();
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return aliases.list(functions.require(request.functionName()), request.functionVersion(), request.marker(),
                request.maxItems());
    }

    // ---- permissions and tags ---------------------------------------------------------------

    @Override
    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        Functions.Resolved r = functions.resolve(request.functionName(), request.qualifier());
        return AddPermissionResponse.builder()
                .statement(policies.addPermission(r.function(), request, r.qualifier())).build();
    }

    @Override
    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        Functions.Resolved r = functions.resolve(request.functionName(), request.qualifier());
        policies.removePermission(r.function(), request.statementId(), r.qualifier(), request.revisionId());
        return RemovePermissionResponse.builder().build();
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        Functions.Resolved r = functions.resolve(request.functionName(), request.qualifier());
        return policies.getPolicy(r.function(), r.qualifier());
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        Arn arn = taggable(request.resource());
        if (!request.hasTags() || request.tags().isEmpty()) {
            throw LambdaErrors.invalidParameter("An error occurred and the request cannot be processed.");
        }
        context.registry().tag(arn, request.tags());
        return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        Arn arn = taggable(request.resource());
        context.registry().untag(arn, request.hasTagKeys() ? request.tagKeys() : List.of());
        return UntagResourceResponse.builder().build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        return ListTagsResponse.builder().tags(context.registry().tags(taggable(request.resource()))).build();
    }

    /** A function (unqualified) or event source mapping ARN that the registry knows. */
    private Arn taggable(String resource) {
        Arn arn;
        try {
            arn = Arn.parse(resource);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw LambdaErrors.validation(resource, "resource",
                    "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|"
                            + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|"
                            + "[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:"
                            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
        }
        Optional<RegisteredResource> found = context.registry().byArn(arn);
        if (found.isEmpty() || !found.get().service().equals("lambda")) {
            throw arn.resourceType().equals("function") ? LambdaErrors.functionNotFound(resource)
                    : LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return arn;
    }

    // ---- concurrency and settings -----------------------------------------------------------

    @Override
    public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
        LambdaFunction f = functions.require(request.functionName());
        int reserved = settings.putConcurrency(stores.get(f.account, f.region), f,
                request.reservedConcurrentExecutions());
        return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(reserved).build();
    }

    @Override
    public GetFunctionConcurrencyResponse getFunctionConcurrency(GetFunctionConcurrencyRequest request) {
        return GetFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(functions.require(request.functionName()).reservedConcurrency).build();
    }

    @Override
    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
        functions.require(request.functionName()).reservedConcurrency = null;
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    @Override
    public GetAccountSettingsResponse getAccountSettings(GetAccountSettingsRequest request) {
        return settings.accountSettings(functions.current());
    }

    @Override
    public PutFunctionEventInvokeConfigResponse putFunctionEventInvokeConfig(PutFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = settings.putInvokeConfig(functions.resolve(r.functionName(), r.qualifier()),
                r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig(), false);
        return PutFunctionEventInvokeConfigResponse.builder().functionArn(c.functionArn()).lastModified(c.lastModified())
                .maximumRetryAttempts(c.maximumRetryAttempts()).maximumEventAgeInSeconds(c.maximumEventAgeInSeconds())
                .destinationConfig(c.destinationConfig()).build();
    }

    @Override
    public UpdateFunctionEventInvokeConfigResponse updateFunctionEventInvokeConfig(
            UpdateFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = settings.putInvokeConfig(functions.resolve(r.functionName(), r.qualifier()),
                r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig(), true);
        return UpdateFunctionEventInvokeConfigResponse.builder().functionArn(c.functionArn())
                .lastModified(c.lastModified()).maximumRetryAttempts(c.maximumRetryAttempts())
                .maximumEventAgeInSeconds(c.maximumEventAgeInSeconds()).destinationConfig(c.destinationConfig()).build();
    }

    @Override
    public GetFunctionEventInvokeConfigResponse getFunctionEventInvokeConfig(GetFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = settings.getInvokeConfig(functions.resolve(r.functionName(), r.qualifier()));
        return GetFunctionEventInvokeConfigResponse.builder().functionArn(c.functionArn()).lastModified(c.lastModified())
                .maximumRetryAttempts(c.maximumRetryAttempts()).maximumEventAgeInSeconds(c.maximumEventAgeInSeconds())
                .destinationConfig(c.destinationConfig()).build();
    }

    @Override
    public DeleteFunctionEventInvokeConfigResponse deleteFunctionEventInvokeConfig(
            DeleteFunctionEventInvokeConfigRequest r) {
        settings.deleteInvokeConfig(functions.resolve(r.functionName(), r.qualifier()));
        return DeleteFunctionEventInvokeConfigResponse.builder().build();
    }

    @Override
    public ListFunctionEventInvokeConfigsResponse listFunctionEventInvokeConfigs(
            ListFunctionEventInvokeConfigsRequest r) {
        return settings.listInvokeConfigs(functions.require(r.functionName()), r.marker(), r.maxItems());
    }

    // ---- event source mappings --------------------------------------------------------------

    @Override
    public CreateEventSourceMappingResponse createEventSourceMapping(CreateEventSourceMappingRequest request) {
        EventSourceMappingConfiguration c = mappings.create(request);
        return CreateEventSourceMappingResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public GetEventSourceMappingResponse getEventSourceMapping(GetEventSourceMappingRequest request) {
        EventSourceMappingConfiguration c = mappings.get(request.uuid());
        return GetEventSourceMappingResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public UpdateEventSourceMappingResponse updateEventSourceMapping(UpdateEventSourceMappingRequest request) {
        EventSourceMappingConfiguration c = mappings.update(request);
        return UpdateEventSourceMappingResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public DeleteEventSourceMappingResponse deleteEventSourceMapping(DeleteEventSourceMappingRequest request) {
        EventSourceMappingConfiguration c = mappings.delete(request.uuid());
        return DeleteEventSourceMappingResponse.builder().applyMutation(b -> copy(c, b)).build();
    }

    @Override
    public ListEventSourceMappingsResponse listEventSourceMappings(ListEventSourceMappingsRequest request) {
        return mappings.list(request.eventSourceArn(), request.functionName(), request.marker(), request.maxItems());
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Called by core on reset and shutdown: stops polling, timers and every execution environment. */
    @Override
    public void close() {
        closed = true;
        provided.close();
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
