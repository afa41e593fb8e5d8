package io.gureum.lambda;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;

/**
 * Provider of provisioned concurrency (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html):
 * Put/Get/Delete/ListProvisionedConcurrencyConfig(s) on a published version or an alias, never {@code $LATEST}.
 * A new or changed configuration is {@code IN_PROGRESS} with nothing allocated, and {@code READY} with all of
 * it allocated once {@link #ALLOCATION} has passed on Gureum's clock ({@code POST /_gureum/clock} makes it
 * ready at once). Gureum keeps no environments warm for it: invocations start environments as without it.
 */
final class ProvisionedConcurrency {
    /** How long allocation takes ("a few minutes" in AWS; one minute on Gureum's clock). */
    static final Duration ALLOCATION = Duration.ofMinutes(1);

    /** A qualifier's configuration: what was requested and when. */
    record Config(int requested, Instant since, String lastModified) {
    }

    private final ServiceContext context;
    private final FunctionLookup lookup;

    ProvisionedConcurrency(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public PutProvisionedConcurrencyConfigResponse putProvisionedConcurrencyConfig(
            PutProvisionedConcurrencyConfigRequest r) {
        FunctionLookup.Resolved res = qualified(r.functionName(), r.qualifier());
        LambdaFunction f = res.function();
        int requested = r.provisionedConcurrentExecutions();
        Config c;
        synchronized (f) {
            Integer reserved = f.reservedConcurrency;
            int others = f.provisioned.entrySet().stream().filter(e -> !e.getKey().equals(res.qualifier()))
                    .mapToInt(e -> e.getValue().requested()).sum();
            if (reserved != null && others + requested > reserved) {
                throw LambdaErrors.invalidParameter("Requested Provisioned Concurrency should not be greater than "
                        + "the reservedConcurrentExecution for function");
            }
            Instant now = context.clock().now();
            c = new Config(requested, now, LambdaStore.lastModified(now));
            f.provisioned.put(res.qualifier(), c);
        }
        GetProvisionedConcurrencyConfigResponse g = describe(c);
        return Responses.copy(g, PutProvisionedConcurrencyConfigResponse.builder()).build();
    }

    public GetProvisionedConcurrencyConfigResponse getProvisionedConcurrencyConfig(
            GetProvisionedConcurrencyConfigRequest r) {
        FunctionLookup.Resolved res = qualified(r.functionName(), r.qualifier());
        Config c;
        synchronized (res.function()) {
            c = res.function().provisioned.get(res.qualifier());
        }
        if (c == null) {
            throw ModeledErrors.of(ProvisionedConcurrencyConfigNotFoundException.class,
                    "No Provisioned Concurrency Config found for this function");
        }
        return describe(c);
    }

    /** Idempotent: the operation has no not-found error for the configuration. */
    public DeleteProvisionedConcurrencyConfigResponse deleteProvisionedConcurrencyConfig(
            DeleteProvisionedConcurrencyConfigRequest r) {
        FunctionLookup.Resolved res = qualified(r.functionName(), r.qualifier());
        synchronized (res.function()) {
            res.function().provisioned.remove(res.qualifier());
        }
        return DeleteProvisionedConcurrencyConfigResponse.builder().build();
    }

    /** The function's configurations whose version or alias still exists, by qualifier. */
    public ListProvisionedConcurrencyConfigsResponse listProvisionedConcurrencyConfigs(
            ListProvisionedConcurrencyConfigsRequest r) {
        int size = Pages.size(r.maxItems(), 50, 50);
        LambdaFunction f = lookup.require(r.functionName());
        List<ProvisionedConcurrencyConfigListItem> all = new ArrayList<>();
        synchronized (f) {
            for (Map.Entry<String, Config> e : f.provisioned.entrySet()) {
                String q = e.getKey();
                boolean exists = LambdaFunction.isVersion(q) ? f.version(q) != null : f.alias(q) != null;
                if (exists) {
                    GetProvisionedConcurrencyConfigResponse d = describe(e.getValue());
                    all.add(Responses.copy(d, ProvisionedConcurrencyConfigListItem.builder())
                            .functionArn(f.arn + ":" + q).build());
                }
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListProvisionedConcurrencyConfigsResponse.Builder b = ListProvisionedConcurrencyConfigsResponse.builder()
                .provisionedConcurrencyConfigs(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    private GetProvisionedConcurrencyConfigResponse describe(Config c) {
        boolean ready = !context.clock().now().isBefore(c.since().plus(ALLOCATION));
        int allocated = ready ? c.requested() : 0;
        return GetProvisionedConcurrencyConfigResponse.builder().requestedProvisionedConcurrentExecutions(c.requested())
                .allocatedProvisionedConcurrentExecutions(allocated).availableProvisionedConcurrentExecutions(allocated)
                .status(ready ? ProvisionedConcurrencyStatusEnum.READY : ProvisionedConcurrencyStatusEnum.IN_PROGRESS)
                .lastModified(c.lastModified()).build();
    }

    /** The version or alias named; {@code $LATEST} cannot have provisioned concurrency. */
    private FunctionLookup.Resolved qualified(String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (ref.qualifier() == null || FunctionVersion.LATEST.equals(ref.qualifier())) {
            lookup.require(ref);
            throw LambdaErrors.invalidParameter(
                    "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        return lookup.resolve(functionName, qualifier);
    }
}
