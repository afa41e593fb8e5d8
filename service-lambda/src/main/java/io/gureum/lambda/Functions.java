package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.Concurrency;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/**
 * Provider of the function operations: CreateFunction, GetFunction, GetFunctionConfiguration,
 * ListFunctions, DeleteFunction, UpdateFunctionCode and UpdateFunctionConfiguration.
 */
final class Functions {
    private static final Pattern MASTER_REGION = Pattern.compile("ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}");

    private final ServiceContext context;
    private final FunctionLookup lookup;
    private final DeploymentPackages packages;
    private final ExecutionRoles roles;
    private final Versions versions;
    private final FunctionLayers layers;
    /** Told the ARN of a deleted function: its environments and logs go. */
    private final Consumer<String> onDelete;

    Functions(ServiceContext context, FunctionLookup lookup, DeploymentPackages packages, Versions versions,
            FunctionLayers layers, Consumer<String> onDelete) {
        this.layers = layers;
        this.context = context;
        this.lookup = lookup;
        this.packages = packages;
        this.roles = new ExecutionRoles(context);
        this.versions = versions;
        this.onDelete = onDelete;
    }

    // ---- create -----------------------------------------------------------------------------

    public CreateFunctionResponse createFunction(CreateFunctionRequest r) {
        FunctionRef ref = FunctionRef.parse(r.functionName(), null);
        LambdaStore store = lookup.store(ref);
        String arn = FunctionLookup.functionArn(store.account, store.region, ref.name());
        FunctionValidation.role(r.role());
        roles.check(r.role(), arn);
        String packageType = r.packageTypeAsString() == null ? "Zip" : r.packageTypeAsString();
        if (!packageType.equals("Zip")) {
            throw LambdaErrors.invalidParameter("Gureum runs functions from .zip deployment packages only; "
                    + "PackageType " + packageType + " is not emulated.");
        }
        if (r.runtimeAsString() == null || r.handler() == null) {
            throw LambdaErrors.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        FunctionValidation.runtime(r.runtimeAsString());
        FunctionValidation.handler(r.handler());
        FunctionValidation.timeout(r.timeout());
        FunctionValidation.memorySize(r.memorySize());
        FunctionValidation.description(r.description());
        FunctionValidation.architectures(r.hasArchitectures() ? r.architecturesAsStrings() : null);
        FunctionValidation.ephemeralStorage(r.ephemeralStorage() == null ? null : r.ephemeralStorage().size());
        Map<String, String> env = r.environment() == null || !r.environment().hasVariables() ? Map.of()
                : r.environment().variables();
        FunctionValidation.environment(env);
        FunctionValidation.layers(r.hasLayers() ? r.layers() : null);
        String snapStart = r.snapStart() == null ? null : r.snapStart().applyOnAsString();
        FunctionValidation.snapStart(snapStart, r.runtimeAsString());
        if (r.code() == null) {
            throw LambdaErrors.validation("null", "code", "Member must not be null");
        }
        if (store.functions.containsKey(ref.name())) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        String signing = FunctionLookup.emptyToNull(r.codeSigningConfigArn());
        CodeSigningConfigs.checkDeployment(store, signing);
        String dlq = r.deadLetterConfig() == null ? null : FunctionLookup.emptyToNull(r.deadLetterConfig().targetArn());
        CodeStore.Code code = packages.load(r.code().zipFile(), r.code().s3Bucket(), r.code().s3Key(),
                r.code().s3ObjectVersion(), arn, "CreateFunction");
        FunctionLayers.Attached attached = layers.resolve(r.hasLayers() ? r.layers() : null, code);
        FunctionVersion latest = new FunctionVersion(ref.name(), arn, FunctionVersion.LATEST, r.runtimeAsString(),
                r.role(), r.handler(), r.description() == null ? "" : r.description(),
                r.timeout() == null ? 3 : r.timeout(), r.memorySize() == null ? 128 : r.memorySize(), env,
                r.hasArchitectures() && !r.architectures().isEmpty() ? r.architecturesAsStrings()
                        : FunctionVersion.defaultArchitectures(),
                packageType, code, now(), revision(), dlq,
                r.ephemeralStorage() == null ? 512 : r.ephemeralStorage().size(),
                r.tracingConfig() == null || r.tracingConfig().modeAsString() == null ? "PassThrough"
                        : r.tracingConfig().modeAsString(),
                attached.versions(), attached.optDirectory(), snapStart,
                CapacityProviders.checkFunctionConfig(store, r.capacityProviderConfig()),
                DurableExecutions.config(r.durableConfig()));
        LambdaFunction f = new LambdaFunction(ref.name(), arn, store.account, store.region, latest);
        f.codeSigningConfigArn = signing;
        if (store.functions.putIfAbsent(ref.name(), f) != null) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        Arn parsed = Arn.parse(arn);
        context.registry().register(store.account, store.region, "lambda", "function:" + ref.name(), parsed);
        if (r.hasTags() && !r.tags().isEmpty()) {
            context.registry().tag(parsed, r.tags());
        }
        // AWS answers Pending; every later request sees the function Active (the runner starts lazily).
        FunctionConfiguration c = Boolean.TRUE.equals(r.publish())
                ? versions.publish(f, null, null, null).toConfiguration(State.PENDING, null)
                : latest.toConfiguration(State.PENDING, null);
        return Responses.copy(c, CreateFunctionResponse.builder()).build();
    }

    // ---- read -------------------------------------------------------------------------------

    /** Every read after create sees the function Active and its last update Successful. */
    static FunctionConfiguration configuration(FunctionLookup.Resolved r) {
        FunctionConfiguration c = r.version().toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
        if (r.alias() != null) {
            c = c.toBuilder().functionArn(r.qualifiedArn()).build();
        }
        return c;
    }

    public GetFunctionResponse getFunction(GetFunctionRequest request) {
        FunctionLookup.Resolved r = lookup.resolve(request.functionName(), request.qualifier());
        LambdaFunction f = r.function();
        RequestContext ctx = RequestContext.current();
        String location = "http://" + ctx.host() + LambdaAdmin.codePath(f.account, f.region, f.name,
                r.version().version());
        GetFunctionResponse.Builder b = GetFunctionResponse.builder().configuration(configuration(r))
                .code(FunctionCodeLocation.builder().repositoryType("S3").location(location).build());
        Map<String, String> tags = context.registry().tags(Arn.parse(f.arn));
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        Integer reserved = f.reservedConcurrency;
        if (reserved != null) {
            b.concurrency(Concurrency.builder().reservedConcurrentExecutions(reserved).build());
        }
        return b.build();
    }

    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        FunctionConfiguration c = configuration(lookup.resolve(request.functionName(), request.qualifier()));
        return Responses.copy(c, GetFunctionConfigurationResponse.builder()).build();
    }

    /**
     * {@code MasterRegion} lists only the Lambda@Edge replicas of functions in that region
     * (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html); Gureum has none.
     */
    public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
        String masterRegion = request.masterRegion();
        String functionVersion = request.functionVersionAsString();
        if (masterRegion != null && !MASTER_REGION.matcher(masterRegion).matches()) {
            throw LambdaErrors.validation(masterRegion, "masterRegion",
                    "Member must satisfy regular expression pattern: " + MASTER_REGION.pattern());
        }
        // "ListFunctions returns a maximum of 50 items in each response, even if you set the number higher"
        int size = Math.min(50, Pages.size(request.maxItems(), 10_000, 50));
        if (functionVersion != null && !functionVersion.equals("ALL")) {
            throw LambdaErrors.validation(functionVersion, "functionVersion",
                    "Member must satisfy enum value set: [ALL]");
        }
        List<FunctionConfiguration> all = new ArrayList<>();
        for (LambdaFunction f : lookup.current().functions.values()) {
            if (f.deleted || masterRegion != null) {
                continue;
            }
            synchronized (f) {
                all.add(f.latest.toListedConfiguration());
                if ("ALL".equals(functionVersion)) {
                    f.versions.values().forEach(v -> all.add(v.toListedConfiguration()));
                }
            }
        }
        int start = Pages.start(request.marker());
        int end = Math.min(all.size(), start + size);
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    // ---- delete -----------------------------------------------------------------------------

    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest request) {
        FunctionRef ref = FunctionRef.parse(request.functionName(), request.qualifier());
        LambdaFunction f = lookup.require(ref);
        String q = ref.qualifier();
        if (q != null) {
            deleteVersion(f, q);
            return DeleteFunctionResponse.builder().build();
        }
        LambdaStore store = lookup.store(ref);
        synchronized (f) {
            f.deleted = true;
        }
        store.functions.remove(f.name, f);
        context.registry().unregister(Arn.parse(f.arn));
        onDelete.accept(f.arn);
        return DeleteFunctionResponse.builder().build();
    }

    private static void deleteVersion(LambdaFunction f, String q) {
        if (FunctionVersion.LATEST.equals(q)) {
            throw LambdaErrors.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        if (!LambdaFunction.isVersion(q)) {
            throw LambdaErrors.invalidParameter("Deletion of aliases is not currently supported.");
        }
        synchronized (f) {
            List<String> using = f.aliases.values().stream().filter(a -> a.functionVersion().equals(q)
                    || a.additionalWeights().containsKey(q)).map(Alias::name).toList();
            if (!using.isEmpty()) {
                throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: "
                        + using);
            }
            if (f.versions.remove(Integer.parseInt(q)) == null) {
                throw LambdaErrors.functionNotFound(f.arn + ":" + q);
            }
            f.scalingConfigs.remove(q);
        }
    }

    // ---- update -----------------------------------------------------------------------------

    public UpdateFunctionCodeResponse updateFunctionCode(UpdateFunctionCodeRequest r) {
        LambdaFunction f = lookup.require(FunctionRef.parse(r.functionName(), null));
        if (r.imageUri() != null) {
            throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with "
                    + "packageType Zip.");
        }
        FunctionValidation.architectures(r.hasArchitectures() ? r.architecturesAsStrings() : null);
        CodeSigningConfigs.checkDeployment(lookup.store(FunctionRef.parse(r.functionName(), null)),
                f.codeSigningConfigArn);
        CodeStore.Code code = packages.load(r.zipFile(), r.s3Bucket(), r.s3Key(), r.s3ObjectVersion(), f.arn,
                "UpdateFunctionCode");
        FunctionConfiguration c;
        synchronized (f) {
            FunctionLookup.checkRevision(r.revisionId(), f.latest.revisionId());
            FunctionVersion updated = f.latest.withCode(code,
                    r.hasArchitectures() && !r.architectures().isEmpty() ? r.architecturesAsStrings() : null, now(),
                    revision());
            if (Boolean.TRUE.equals(r.dryRun())) {
                c = updated.withVersion(FunctionVersion.LATEST, f.latest.lastModified(), f.latest.revisionId())
                        .toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
            } else {
                f.latest = updated; // running invocations finish; the runner retires their environments after
                c = Boolean.TRUE.equals(r.publish())
                        ? versions.publish(f, null, null, null).toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL)
                        // The update is applied at once, yet the response reports it in progress, as AWS does.
                        : updated.toConfiguration(State.ACTIVE, LastUpdateStatus.IN_PROGRESS);
            }
        }
        return Responses.copy(c, UpdateFunctionCodeResponse.builder()).build();
    }

    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest r) {
        LambdaFunction f = lookup.require(FunctionRef.parse(r.functionName(), null));
        if (r.role() != null) {
            FunctionValidation.role(r.role());
            roles.check(r.role(), f.arn);
        }
        FunctionValidation.runtime(r.runtimeAsString());
        FunctionValidation.handler(r.handler());
        FunctionValidation.timeout(r.timeout());
        FunctionValidation.memorySize(r.memorySize());
        FunctionValidation.description(r.description());
        FunctionValidation.ephemeralStorage(r.ephemeralStorage() == null ? null : r.ephemeralStorage().size());
        Map<String, String> env = r.environment() == null ? null
                : r.environment().hasVariables() ? r.environment().variables() : Map.of();
        FunctionValidation.environment(env);
        FunctionValidation.layers(r.hasLayers() ? r.layers() : null);
        FunctionLayers.Attached attached = r.hasLayers() ? layers.resolve(r.layers(), f.latest.code()) : null;
        FunctionVersion updated;
        synchronized (f) {
            FunctionLookup.checkRevision(r.revisionId(), f.latest.revisionId());
            FunctionVersion o = f.latest;
            String snapStart = r.snapStart() == null ? o.snapStartApplyOn() : r.snapStart().applyOnAsString();
            FunctionValidation.snapStart(snapStart, or(r.runtimeAsString(), o.runtime()));
            updated = new FunctionVersion(o.functionName(), o.functionArn(), o.version(),
                    or(r.runtimeAsString(), o.runtime()), or(r.role(), o.role()), or(r.handler(), o.handler()),
                    or(r.description(), o.description()), or(r.timeout(), o.timeout()),
                    or(r.memorySize(), o.memorySize()), env == null ? o.environment() : env, o.architectures(),
                    o.packageType(), o.code(), now(), revision(),
                    r.deadLetterConfig() == null ? o.deadLetterTargetArn()
                            : FunctionLookup.emptyToNull(r.deadLetterConfig().targetArn()),
                    r.ephemeralStorage() == null ? o.ephemeralStorage() : r.ephemeralStorage().size(),
                    r.tracingConfig() == null || r.tracingConfig().modeAsString() == null ? o.tracingMode()
                            : r.tracingConfig().modeAsString(),
                    attached == null ? o.layers() : attached.versions(),
                    attached == null ? o.optDirectory() : attached.optDirectory(), snapStart,
                    r.capacityProviderConfig() == null ? o.capacityProviderConfig()
                            : CapacityProviders.checkFunctionConfig(
                                    lookup.store(FunctionRef.parse(r.functionName(), null)), r.capacityProviderConfig()),
                    DurableExecutions.update(o.durableConfig(), r.durableConfig()));
            f.latest = updated; // running invocations finish; the runner retires their environments after
        }
        FunctionConfiguration c = updated.toConfiguration(State.ACTIVE, LastUpdateStatus.IN_PROGRESS);
        return Responses.copy(c, UpdateFunctionConfigurationResponse.builder()).build();
    }

    private String now() {
        return LambdaStore.lastModified(context.clock().now());
    }

    private String revision() {
        return context.ids().requestId();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
