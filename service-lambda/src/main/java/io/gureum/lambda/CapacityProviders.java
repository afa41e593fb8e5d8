package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;
import software.amazon.awssdk.services.lambda.model.CapacityProviderConfig;
import software.amazon.awssdk.services.lambda.model.CapacityProviderScalingConfig;
import software.amazon.awssdk.services.lambda.model.CapacityProviderScalingMode;
import software.amazon.awssdk.services.lambda.model.CapacityProviderState;
import software.amazon.awssdk.services.lambda.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.CreateCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.DeleteCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.DeleteCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.FunctionVersionsByCapacityProviderListItem;
import software.amazon.awssdk.services.lambda.model.GetCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.GetCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.ListCapacityProvidersRequest;
import software.amazon.awssdk.services.lambda.model.ListCapacityProvidersResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionVersionsByCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionVersionsByCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.UpdateCapacityProviderResponse;

/**
 * Capacity providers of Lambda Managed Instances
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html) as stored
 * configuration: no instance is launched. A new provider is {@code Pending} until {@link #PROVISIONING} has
 * passed on Gureum's clock, then {@code Active}. Functions still run on Gureum's local runtimes.
 */
final class CapacityProviders {
    /** How long a new provider stays Pending on Gureum's clock. */
    static final Duration PROVISIONING = Duration.ofMinutes(1);

    private final ServiceContext context;
    private final FunctionLookup lookup;

    CapacityProviders(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public CreateCapacityProviderResponse createCapacityProvider(CreateCapacityProviderRequest r) {
        LambdaStore store = lookup.current();
        String name = nameOf(r.capacityProviderName());
        checkScaling(r.capacityProviderScalingConfig());
        String arn = Arn.of("lambda", store.region, store.account, "capacity-provider:" + name).toString();
        CapacityProviderScalingConfig scaling = r.capacityProviderScalingConfig() == null
                || r.capacityProviderScalingConfig().scalingMode() == null
                        ? CapacityProviderScalingConfig.builder().scalingMode(CapacityProviderScalingMode.AUTO)
                                .maxVCpuCount(r.capacityProviderScalingConfig() == null ? null
                                        : r.capacityProviderScalingConfig().maxVCpuCount())
                                .build()
                        : r.capacityProviderScalingConfig();
        Instant now = context.clock().now();
        CapacityProvider c = CapacityProvider.builder().capacityProviderArn(arn).vpcConfig(r.vpcConfig())
                .permissionsConfig(r.permissionsConfig()).instanceRequirements(r.instanceRequirements())
                .capacityProviderScalingConfig(scaling).kmsKeyArn(r.kmsKeyArn())
                .lastModified(LambdaStore.lastModified(now)).build();
        CapacityProviderEntry e = new CapacityProviderEntry(c, now);
        if (store.capacityProviders.putIfAbsent(name, e) != null) {
            throw LambdaErrors.conflict("Capacity provider already exists: " + arn);
        }
        context.registry().register(store.account, store.region, "lambda", "capacity-provider:" + name,
                Arn.parse(arn));
        if (r.hasTags() && !r.tags().isEmpty()) {
            context.registry().tag(Arn.parse(arn), r.tags());
        }
        return CreateCapacityProviderResponse.builder().capacityProvider(view(e, now)).build();
    }

    public GetCapacityProviderResponse getCapacityProvider(GetCapacityProviderRequest r) {
        return GetCapacityProviderResponse.builder()
                .capacityProvider(view(require(r.capacityProviderName()), context.clock().now())).build();
    }

    /** Only the scaling configuration can change; its omitted members keep their values. */
    public UpdateCapacityProviderResponse updateCapacityProvider(UpdateCapacityProviderRequest r) {
        LambdaStore store = lookup.current();
        String name = nameOf(r.capacityProviderName());
        checkScaling(r.capacityProviderScalingConfig());
        Instant now = context.clock().now();
        CapacityProviderEntry updated = store.capacityProviders.computeIfPresent(name, (k, e) -> {
            CapacityProviderScalingConfig in = r.capacityProviderScalingConfig();
            if (in == null) {
                return e;
            }
            CapacityProviderScalingConfig.Builder b = e.config().capacityProviderScalingConfig().toBuilder();
            if (in.maxVCpuCount() != null) {
                b.maxVCpuCount(in.maxVCpuCount());
            }
            if (in.scalingMode() != null) {
                b.scalingMode(in.scalingMode());
            }
            if (in.hasScalingPolicies()) {
                b.scalingPolicies(in.scalingPolicies());
            }
            return new CapacityProviderEntry(e.config().toBuilder().capacityProviderScalingConfig(b.build())
                    .lastModified(LambdaStore.lastModified(now)).build(), e.created());
        });
        if (updated == null) {
            throw notFound(name);
        }
        return UpdateCapacityProviderResponse.builder().capacityProvider(view(updated, now)).build();
    }

    /** Refused while a function version uses the provider; the answer shows it {@code Deleting}. */
    public DeleteCapacityProviderResponse deleteCapacityProvider(DeleteCapacityProviderRequest r) {
        LambdaStore store = lookup.current();
        CapacityProviderEntry e = require(r.capacityProviderName());
        String arn = e.config().capacityProviderArn();
        if (!versionsOf(store, arn).isEmpty()) {
            throw LambdaErrors.conflict("Capacity provider " + arn
                    + " cannot be deleted because it is used by one or more function versions.");
        }
        store.capacityProviders.remove(nameOf(r.capacityProviderName()));
        context.registry().unregister(Arn.parse(arn));
        return DeleteCapacityProviderResponse.builder().capacityProvider(
                e.config().toBuilder().state(CapacityProviderState.DELETING).build()).build();
    }

    public ListCapacityProvidersResponse listCapacityProviders(ListCapacityProvidersRequest r) {
        int size = Pages.size(r.maxItems(), 50, 50);
        Instant now = context.clock().now();
        List<CapacityProvider> all = new ArrayList<>();
        for (CapacityProviderEntry e : lookup.current().capacityProviders.values()) {
            CapacityProvider c = view(e, now);
            if (r.state() == null || r.state() == c.state()) {
                all.add(c);
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListCapacityProvidersResponse.Builder b = ListCapacityProvidersResponse.builder()
                .capacityProviders(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    public ListFunctionVersionsByCapacityProviderResponse listFunctionVersionsByCapacityProvider(
            ListFunctionVersionsByCapacityProviderRequest r) {
        CapacityProviderEntry e = require(r.capacityProviderName());
        int size = Pages.size(r.maxItems(), 50, 50);
        String arn = e.config().capacityProviderArn();
        List<FunctionVersionsByCapacityProviderListItem> all = versionsOf(lookup.current(), arn);
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListFunctionVersionsByCapacityProviderResponse.Builder b = ListFunctionVersionsByCapacityProviderResponse
                .builder().capacityProviderArn(arn)
                .functionVersions(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    /** The function versions ({@code $LATEST} and published) configured with the provider. */
    static List<FunctionVersionsByCapacityProviderListItem> versionsOf(LambdaStore store, String arn) {
        List<FunctionVersionsByCapacityProviderListItem> out = new ArrayList<>();
        for (LambdaFunction f : store.functions.values()) {
            List<FunctionVersion> versions = new ArrayList<>();
            synchronized (f) {
                if (f.deleted) {
                    continue;
                }
                versions.add(f.latest);
                versions.addAll(f.versions.values());
            }
            for (FunctionVersion v : versions) {
                CapacityProviderConfig c = v.capacityProviderConfig();
                if (c != null && arn.equals(c.lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn())) {
                    out.add(FunctionVersionsByCapacityProviderListItem.builder().functionArn(v.qualifiedArn())
                            .state(State.ACTIVE).build());
                }
            }
        }
        return out;
    }

    /**
     * A function's {@code CapacityProviderConfig} (null: none): its provider must exist in the function's account
     * and region.
     */
    static CapacityProviderConfig checkFunctionConfig(LambdaStore store, CapacityProviderConfig c) {
        if (c == null) {
            return null;
        }
        String arn = c.lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn();
        CapacityProviderEntry e = store.capacityProviders.get(nameOf(arn));
        if (e == null || !e.config().capacityProviderArn().equals(arn)) {
            throw LambdaErrors.invalidParameter("The capacity provider " + arn + " does not exist.");
        }
        return c;
    }

    private static void checkScaling(CapacityProviderScalingConfig s) {
        if (s == null) {
            return;
        }
        if (s.scalingMode() == CapacityProviderScalingMode.MANUAL && !s.hasScalingPolicies()) {
            throw LambdaErrors.invalidParameter("ScalingPolicies must be provided when ScalingMode is Manual.");
        }
        if (s.scalingMode() == CapacityProviderScalingMode.AUTO && s.hasScalingPolicies()) {
            throw LambdaErrors.invalidParameter("ScalingPolicies cannot be provided when ScalingMode is Auto.");
        }
    }

    private CapacityProvider view(CapacityProviderEntry e, Instant now) {
        boolean active = !now.isBefore(e.created().plus(PROVISIONING));
        return e.config().toBuilder().state(active ? CapacityProviderState.ACTIVE : CapacityProviderState.PENDING)
                .build();
    }

    private CapacityProviderEntry require(String nameOrArn) {
        String name = nameOf(nameOrArn);
        CapacityProviderEntry e = lookup.current().capacityProviders.get(name);
        if (e == null) {
            throw notFound(name);
        }
        return e;
    }

    private RuntimeException notFound(String name) {
        LambdaStore store = lookup.current();
        return LambdaErrors.notFound("Capacity provider not found: "
                + Arn.of("lambda", store.region, store.account, "capacity-provider:" + name));
    }

    /** A name or an ARN (the shape allows both); the ARN's name. */
    static String nameOf(String nameOrArn) {
        int i = nameOrArn.lastIndexOf(":capacity-provider:");
        return i < 0 ? nameOrArn : nameOrArn.substring(i + ":capacity-provider:".length());
    }
}
