package io.gureum.lambda;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasRequest;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.DeleteAliasRequest;
import software.amazon.awssdk.services.lambda.model.DeleteAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesRequest;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/** Provider of CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. */
final class Aliases {
    private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");

    private final ServiceContext context;
    private final FunctionLookup lookup;

    Aliases(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public CreateAliasResponse createAlias(CreateAliasRequest r) {
        AliasConfiguration a = create(lookup.require(r.functionName()), r.name(), r.functionVersion(),
                r.description(), r.routingConfig());
        return Responses.copy(a, CreateAliasResponse.builder()).build();
    }

    public GetAliasResponse getAlias(GetAliasRequest r) {
        AliasConfiguration a = require(lookup.require(r.functionName()), r.name()).toConfiguration();
        return Responses.copy(a, GetAliasResponse.builder()).build();
    }

    public UpdateAliasResponse updateAlias(UpdateAliasRequest r) {
        AliasConfiguration a = update(lookup.require(r.functionName()), r.name(), r.functionVersion(),
                r.description(), r.routingConfig(), r.revisionId());
        return Responses.copy(a, UpdateAliasResponse.builder()).build();
    }

    public DeleteAliasResponse deleteAlias(DeleteAliasRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        synchronized (f) {
            f.aliases.remove(r.name());
            f.invokeConfigs.remove(r.name());
        }
        return DeleteAliasResponse.builder().build();
    }

    public ListAliasesResponse listAliases(ListAliasesRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        List<AliasConfiguration> all = new ArrayList<>();
        synchronized (f) {
            for (Alias a : f.aliases.values()) {
                if (r.functionVersion() == null || r.functionVersion().equals(a.functionVersion())) {
                    all.add(a.toConfiguration());
                }
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + Pages.size(r.maxItems(), 10_000, 50));
        ListAliasesResponse.Builder b = ListAliasesResponse.builder()
                .aliases(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    private AliasConfiguration create(LambdaFunction f, String name, String version, String description,
            AliasRoutingConfiguration routing) {
        if (name != null && name.length() > 128) {
            throw LambdaErrors.validation(name, "name", "Member must have length less than or equal to 128");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw LambdaErrors.validation(name, "name",
                    "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        synchronized (f) {
            requireVersion(f, version);
            Map<String, Double> weights = weights(f, version, routing);
            if (f.aliases.containsKey(name)) {
                throw LambdaErrors.conflict("Alias already exists: " + f.arn + ":" + name);
            }
            Alias a = new Alias(name, f.arn + ":" + name, version, description == null ? "" : description, weights,
                    context.ids().requestId());
            f.aliases.put(name, a);
            return a.toConfiguration();
        }
    }

    private AliasConfiguration update(LambdaFunction f, String name, String version, String description,
            AliasRoutingConfiguration routing, String revisionId) {
        synchronized (f) {
            Alias a = require(f, name);
            FunctionLookup.checkRevision(revisionId, a.revisionId());
            String v = version != null ? version : a.functionVersion();
            requireVersion(f, v);
            Map<String, Double> weights = routing != null ? weights(f, v, routing) : a.additionalWeights();
            Alias updated = new Alias(name, a.aliasArn(), v, description != null ? description : a.description(),
                    weights, context.ids().requestId());
            f.aliases.put(name, updated);
            return updated.toConfiguration();
        }
    }

    static Alias require(LambdaFunction f, String name) {
        Alias a = f.alias(name);
        if (a == null) {
            throw LambdaErrors.notFound("Cannot find alias arn: " + f.arn + ":" + name);
        }
        return a;
    }

    private static void requireVersion(LambdaFunction f, String version) {
        if (version == null || f.version(version) == null) {
            throw LambdaErrors.functionNotFound(f.arn + ":" + version);
        }
    }

    /**
     * An alias may route a share (0.0–1.0) of invocations to one other published version
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html).
     */
    private static Map<String, Double> weights(LambdaFunction f, String primary,
            AliasRoutingConfiguration routing) {
        if (routing == null || !routing.hasAdditionalVersionWeights() || routing.additionalVersionWeights().isEmpty()) {
            return Map.of();
        }
        Map<String, Double> w = routing.additionalVersionWeights();
        if (w.size() > 1) {
            throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        Map.Entry<String, Double> e = w.entrySet().iterator().next();
        if (e.getValue() == null || e.getValue() < 0.0 || e.getValue() > 1.0) {
            throw LambdaErrors.validation(w, "routingConfig.additionalVersionWeights",
                    "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, "
                            + "Member must have value greater than or equal to 0.0]");
        }
        if (FunctionVersion.LATEST.equals(primary) || FunctionVersion.LATEST.equals(e.getKey())) {
            throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        if (e.getKey().equals(primary)) {
            throw LambdaErrors.invalidParameter("Invalid function version " + e.getKey()
                    + ". Function version " + e.getKey() + " is already included in primary version.");
        }
        requireVersion(f, e.getKey());
        return w;
    }
}
