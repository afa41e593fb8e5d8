package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.targets.BucketSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Concurrency;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * Functions: CreateFunction, GetFunction(Configuration), ListFunctions, DeleteFunction and the two
 * updates; and the lookups every other operation starts with ({@link #require}, {@link #resolve}).
 */
final class Functions {
    /** A direct upload's zip: 50 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    static final long MAX_DIRECT_ZIP = 52_428_800L;
    private static final Pattern MASTER_REGION = Pattern.compile("ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}");

    /** A function with the version a qualifier selects; {@code alias} is set when the qualifier is an alias. */
    record Resolved(LambdaFunction function, FunctionVersion version, String qualifier, Alias alias) {
        String qualifiedArn() {
            return qualifier == null ? function.arn : function.arn + ":" + qualifier;
        }
    }

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final CodeStore codeStore;
    /** Told the ARN of a deleted function: its environments and logs go. */
    private final Consumer<String> onDelete;
    private final ExecutionRoles roles;

    Functions(ServiceContext context, AccountRegionStore<LambdaStore> stores, CodeStore codeStore,
            Consumer<String> onDelete) {
        this.context = context;
        this.stores = stores;
        this.codeStore = codeStore;
        this.onDelete = onDelete;
        this.roles = new ExecutionRoles(context);
    }

    // ---- lookups ----------------------------------------------------------------------------

    LambdaStore store(FunctionRef ref) {
        RequestContext ctx = RequestContext.currentOrNull();
        String account = ref.account() != null ? ref.account()
                : ctx != null ? ctx.accountId() : context.config().defaultAccount();
        String region = ref.region() != null ? ref.region()
                : ctx != null ? ctx.region() : context.config().defaultRegion();
        return stores.get(account, region);
    }

    LambdaStore current() {
        RequestContext ctx = RequestContext.current();
        return stores.get(ctx.accountId(), ctx.region());
    }

    static String functionArn(String account, String region, String name) {
        return Arn.of("lambda", region, account, "function:" + name).toString();
    }

    /** The function a FunctionName names (its qualifier ignored). */
    LambdaFunction require(FunctionRef ref) {
        LambdaStore store = store(ref);
        LambdaFunction f = store.functions.get(ref.name());
        if (f == null || f.deleted) {
            String arn = functionArn(store.account, store.region, ref.name());
            throw LambdaErrors.functionNotFound(ref.qualifier() == null ? arn : arn + ":" + ref.qualifier());
        }
        return f;
    }

    LambdaFunction require(String functionName) {
        return require(FunctionRef.parse(functionName, null));
    }

    /** The version that FunctionName plus Qualifier select: $LATEST, a number, or an alias's version. */
    Resolved resolve(String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        LambdaFunction f = require(ref);
        String q = ref.qualifier();
        if (q == null) {
            return new Resolved(f, f.latest, null, null);
        }
        if (LambdaFunction.isVersion(q)) {
            FunctionVersion v = f.version(q);
            if (v == null) {
                throw LambdaErrors.functionNotFound(f.arn + ":" + q);
            }
            return new Resolved(f, v, q, null);
        }
        Alias a = f.alias(q);
        if (a == null) {
            throw LambdaErrors.functionNotFound(f.arn + ":" + q);
        }
        return new Resolved(f, f.version(a.functionVersion()), q, a);
    }

    // ---- create -----------------------------------------------------------------------------

    FunctionConfiguration createFunction(CreateFunctionRequest r, Versions versions) {
        FunctionRef ref = FunctionRef.parse(r.functionName(), null);
        FunctionValidation.role(r.role());
        roles.check(r.role());
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
        if (r.code() == null) {
            throw LambdaErrors.validation("null", "code", "Member must not be null");
        }
        LambdaStore store = store(ref);
        if (store.functions.containsKey(ref.name())) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        String dlq = r.deadLetterConfig() == null ? null : emptyToNull(r.deadLetterConfig().targetArn());
        CodeStore.Code code = loadCode(r.code().zipFile(), r.code().s3Bucket(), r.code().s3Key(),
                r.code().s3ObjectVersion(), "CreateFunction");
        String arn = functionArn(store.account, store.region, ref.name());
        FunctionVersion latest = new FunctionVersion(ref.name(), arn, FunctionVersion.LATEST, r.runtimeAsString(),
                r.role(), r.handler(), r.description() == null ? "" : r.description(),
                r.timeout() == null ? 3 : r.timeout(), r.memorySize() == null ? 128 : r.memorySize(), env,
                r.hasArchitectures() && !r.architectures().isEmpty() ? r.architecturesAsStrings()
                        : FunctionVersion.defaultArchitectures(),
                packageType, code, now(), revision(), dlq,
                r.ephemeralStorage() == null ? 512 : r.ephemeralStorage().size(),
                r.tracingConfig() == null || r.tracingConfig().modeAsString() == null ? "PassThrough"
                        : r.tracingConfig().modeAsString());
        LambdaFunction f = new LambdaFunction(ref.name(), arn, store.account, store.region, latest);
        if (store.functions.putIfAbsent(ref.name(), f) != null) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        Arn parsed = Arn.parse(arn);
        context.registry().register(store.account, store.region, "lambda", "function:" + ref.name(), parsed);
        if (r.hasTags() && !r.tags().isEmpty()) {
            context.registry().tag(parsed, r.tags());
        }
        if (Boolean.TRUE.equals(r.publish())) {
            FunctionVersion v = versions.publish(f, null, null, null);
            return v.toConfiguration(State.PENDING, null);
        }
        // AWS answers Pending; every later request sees the function Active (the runner starts lazily).
        return latest.toConfiguration(State.PENDING, null);
    }

    /** Reads the deployment package from the request or from S3 (through {@link BucketSource}) and stores it. */
    CodeStore.Code loadCode(SdkBytes zipFile, String bucket, String key, String objectVersion, String operation) {
        if (zipFile != null && bucket != null) {
            throw LambdaErrors.invalidParameter(
                    "Please do not provide other FunctionCode parameters when providing a ZipFile.");
        }
        if (zipFile != null) {
            if (zipFile.asByteBuffer().remaining() > MAX_DIRECT_ZIP) {
                // AWS measures the request: 50 MB of zip, base64-encoded, is 69,905,067 bytes.
                throw LambdaErrors.tooLarge("Request must be smaller than 70167211 bytes for the " + operation
                        + " operation");
            }
            return codeStore.store(zipFile.asInputStream(), Long.MAX_VALUE);
        }
        if (bucket == null || key == null) {
            throw LambdaErrors.invalidParameter("Please provide a source for function code.");
        }
        Arn bucketArn = Arn.of(Arn.of("s3", "us-east-1", "", bucket).partition(), "s3", "", "", bucket);
        BucketSource source = context.targets().lookup(bucketArn, BucketSource.class).orElseThrow(
                () -> LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket. "
                        + "S3 Error Message: The specified bucket does not exist"));
        InputStream in = source.open(key, objectVersion).orElseThrow(
                () -> LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchKey. "
                        + "S3 Error Message: The specified key does not exist."));
        try (in) {
            return codeStore.store(in, CodeStore.MAX_UNZIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- read -------------------------------------------------------------------------------

    /** Every read after create sees the function Active and its last update Successful. */
    static FunctionConfiguration configuration(Resolved r) {
        FunctionConfiguration c = r.version().toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
        if (r.alias() != null) {
            c = c.toBuilder().functionArn(r.qualifiedArn()).build();
        }
        return c;
    }

    GetFunctionResponse getFunction(String functionName, String qualifier) {
        Resolved r = resolve(functionName, qualifier);
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

    /**
     * @param masterRegion lists only the Lambda@Edge replicas of functions in that region
     *                     (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html); Gureum has none
     */
    ListFunctionsResponse listFunctions(String masterRegion, String functionVersion, String marker, Integer maxItems) {
        if (masterRegion != null && !MASTER_REGION.matcher(masterRegion).matches()) {
            throw LambdaErrors.validation(masterRegion, "masterRegion",
                    "Member must satisfy regular expression pattern: " + MASTER_REGION.pattern());
        }
        // "ListFunctions returns a maximum of 50 items in each response, even if you set the number higher"
        int size = Math.min(50, Pages.size(maxItems, 10_000, 50));
        if (functionVersion != null && !functionVersion.equals("ALL")) {
            throw LambdaErrors.validation(functionVersion, "functionVersion",
                    "Member must satisfy enum value set: [ALL]");
        }
        List<FunctionConfiguration> all = new ArrayList<>();
        for (LambdaFunction f : current().functions.values()) {
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
        int start = Pages.start(marker);
        int end = Math.min(all.size(), start + size);
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    // ---- delete -----------------------------------------------------------------------------

    void deleteFunction(String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        LambdaFunction f = require(ref);
        String q = ref.qualifier();
        if (q != null) {
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
            }
            return;
        }
        LambdaStore store = store(ref);
        synchronized (f) {
            f.deleted = true;
        }
        store.functions.remove(f.name, f);
        context.registry().unregister(Arn.parse(f.arn));
        onDelete.accept(f.arn);
    }

    // ---- update -----------------------------------------------------------------------------

    FunctionConfiguration updateFunctionCode(UpdateFunctionCodeRequest r, Versions versions) {
        LambdaFunction f = require(FunctionRef.parse(r.functionName(), null));
        if (r.imageUri() != null) {
            throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with "
                    + "packageType Zip.");
        }
        FunctionValidation.architectures(r.hasArchitectures() ? r.architecturesAsStrings() : null);
        CodeStore.Code code = loadCode(r.zipFile(), r.s3Bucket(), r.s3Key(), r.s3ObjectVersion(), "UpdateFunctionCode");
        synchronized (f) {
            checkRevision(r.revisionId(), f.latest.revisionId());
            FunctionVersion updated = f.latest.withCode(code,
                    r.hasArchitectures() && !r.architectures().isEmpty() ? r.architecturesAsStrings() : null, now(),
                    revision());
            if (Boolean.TRUE.equals(r.dryRun())) {
                return updated.withVersion(FunctionVersion.LATEST, f.latest.lastModified(), f.latest.revisionId())
                        .toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
            }
            f.latest = updated; // running invocations finish; the runner retires their environments after
            if (Boolean.TRUE.equals(r.publish())) {
                return versions.publish(f, null, null, null).toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
            }
            // The update is applied at once, yet the response reports it in progress, as AWS does.
            return updated.toConfiguration(State.ACTIVE, LastUpdateStatus.IN_PROGRESS);
        }
    }

    FunctionConfiguration updateFunctionConfiguration(UpdateFunctionConfigurationRequest r) {
        LambdaFunction f = require(FunctionRef.parse(r.functionName(), null));
        if (r.role() != null) {
            FunctionValidation.role(r.role());
            roles.check(r.role());
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
        synchronized (f) {
            checkRevision(r.revisionId(), f.latest.revisionId());
            FunctionVersion o = f.latest;
            FunctionVersion updated = new FunctionVersion(o.functionName(), o.functionArn(), o.version(),
                    or(r.runtimeAsString(), o.runtime()), or(r.role(), o.role()), or(r.handler(), o.handler()),
                    or(r.description(), o.description()), or(r.timeout(), o.timeout()),
                    or(r.memorySize(), o.memorySize()), env == null ? o.environment() : env, o.architectures(),
                    o.packageType(), o.code(), now(), revision(),
                    r.deadLetterConfig() == null ? o.deadLetterTargetArn()
                            : emptyToNull(r.deadLetterConfig().targetArn()),
                    r.ephemeralStorage() == null ? o.ephemeralStorage() : r.ephemeralStorage().size(),
                    r.tracingConfig() == null || r.tracingConfig().modeAsString() == null ? o.tracingMode()
                            : r.tracingConfig().modeAsString());
            f.latest = updated; // running invocations finish; the runner retires their environments after
            return updated.toConfiguration(State.ACTIVE, LastUpdateStatus.IN_PROGRESS);
        }
    }

    static void checkRevision(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw LambdaErrors.revisionMismatch();
        }
    }

    String now() {
        return LambdaStore.lastModified(context.clock().now());
    }

    String revision() {
        return context.ids().requestId();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Opaque page markers: the base64 of the next index. */
    static final class Pages {
        private Pages() {
        }

        static String marker(int index) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(index).getBytes());
        }

        /** A page's size: {@code MaxItems} within the shape's 1–{@code max}, else a ValidationException. */
        static int size(Integer maxItems, int max, int fallback) {
            if (maxItems == null) {
                return fallback;
            }
            if (maxItems < 1 || maxItems > max) {
                throw LambdaErrors.validation(maxItems, "maxItems", maxItems < 1
                        ? "Member must have value greater than or equal to 1"
                        : "Member must have value less than or equal to " + max);
            }
            return maxItems;
        }

        static int start(String marker) {
            if (marker == null || marker.isEmpty()) {
                return 0;
            }
            try {
                return Math.max(0, Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker))));
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.invalidParameter("Invalid marker: " + marker);
            }
        }
    }
}
