package io.gureum.lambda;

import java.util.Map;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;

/**
 * A function alias: a name pointing at a version, optionally routing a share of invocations to a second
 * version ({@code RoutingConfig.AdditionalVersionWeights}). Immutable.
 */
record Alias(String name, String aliasArn, String functionVersion, String description,
        Map<String, Double> additionalWeights, String revisionId) {

    Alias {
        additionalWeights = additionalWeights == null ? Map.of() : Map.copyOf(additionalWeights);
    }

    AliasConfiguration toConfiguration() {
        AliasConfiguration.Builder b = AliasConfiguration.builder().aliasArn(aliasArn).name(name)
                .functionVersion(functionVersion).description(description == null ? "" : description)
                .revisionId(revisionId);
        if (!additionalWeights.isEmpty()) {
            b.routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(additionalWeights).build());
        }
        return b.build();
    }
}
