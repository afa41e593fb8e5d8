package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;
import software.amazon.awssdk.services.lambda.model.CapacityProviderPermissionsConfig;
import software.amazon.awssdk.services.lambda.model.CapacityProviderScalingConfig;
import software.amazon.awssdk.services.lambda.model.CapacityProviderVpcConfig;
import software.amazon.awssdk.services.lambda.model.InstanceRequirements;

/**
 * {@code AWS::Lambda::CapacityProvider} (Lambda Managed Instances). {@code Ref} is the provider's name (the type's
 * primary identifier; generated when the template gives none); {@code Fn::GetAtt Arn} and {@code State} what Lambda
 * reports. The resource completes when the provider is {@code Active} (Lambda answers {@code Pending} first; the
 * wait runs on a timer and holds no thread). The name, {@code VpcConfig}, {@code PermissionsConfig},
 * {@code InstanceRequirements} and {@code KmsKeyArn} replace it; {@code CapacityProviderScalingConfig}
 * (UpdateCapacityProvider) and the tags change in place. The nested properties are the API's shapes, member for
 * member.
 */
public final class CapacityProviderHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("CapacityProviderName", "VpcConfig", "PermissionsConfig",
            "InstanceRequirements", "CapacityProviderScalingConfig", "KmsKeyArn", "Tags");
    private static final Duration LIMIT = Duration.ofMinutes(15);

    @Override
    public String type() {
        return "AWS::Lambda::CapacityProvider";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("CapacityProviderName", "VpcConfig", "PermissionsConfig", "InstanceRequirements", "KmsKeyArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        try {
            return createAsync(r).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("CapacityProviderName") ? r.text("CapacityProviderName") : r.generatedName(64);
        LambdaClient lambda = r.client(LambdaClient.class);
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        JsonNode vpc = r.property("VpcConfig");
        JsonNode permissions = r.property("PermissionsConfig");
        if (vpc == null || permissions == null) {
            r.requiredText(vpc == null ? "VpcConfig" : "PermissionsConfig");
        }
        JsonNode requirements = r.property("InstanceRequirements");
        lambda.createCapacityProvider(b -> b.capacityProviderName(name)
                .vpcConfig(SdkJson.build(vpc, CapacityProviderVpcConfig.builder(), "VpcConfig"))
                .permissionsConfig(SdkJson.build(permissions, CapacityProviderPermissionsConfig.builder(),
                        "PermissionsConfig"))
                .instanceRequirements(requirements == null ? null
                        : SdkJson.build(requirements, InstanceRequirements.builder(), "InstanceRequirements"))
                .capacityProviderScalingConfig(scaling(r)).kmsKeyArn(r.text("KmsKeyArn"))
                .tags(tags.isEmpty() ? null : tags));
        return Polling.until(() -> {
            CapacityProvider p = lambda.getCapacityProvider(b -> b.capacityProviderName(name)).capacityProvider();
            return switch (p.stateAsString()) {
                case "Active" -> Polling.Outcome.done(created(name, p));
                case "Failed" -> Polling.Outcome.failed("Capacity provider " + name + " failed");
                default -> null;
            };
        }, LIMIT, "Capacity provider " + name + " did not become Active");
    }

    private static CapacityProviderScalingConfig scaling(ResourceRequest r) {
        JsonNode s = r.property("CapacityProviderScalingConfig");
        return s == null ? null : SdkJson.build(s, CapacityProviderScalingConfig.builder(),
                "CapacityProviderScalingConfig");
    }

    private static Created created(String name, CapacityProvider p) {
        return Created.of(name).attribute("Arn", p.capacityProviderArn()).attribute("State", p.stateAsString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        LambdaClient lambda = r.client(LambdaClient.class);
        String name = r.physicalId();
        if (r.changedProperties().contains("CapacityProviderScalingConfig")) {
            CapacityProviderScalingConfig s = scaling(r);
            lambda.updateCapacityProvider(b -> b.capacityProviderName(name).capacityProviderScalingConfig(
                    s == null ? CapacityProviderScalingConfig.builder().scalingMode("Auto").build() : s));
        }
        CapacityProvider p = lambda.getCapacityProvider(b -> b.capacityProviderName(name)).capacityProvider();
        if (r.changedProperties().contains("Tags")) {
            String arn = p.capacityProviderArn();
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(lambda.listTags(x -> x.resource(arn)).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                lambda.untagResource(x -> x.resource(arn).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                lambda.tagResource(x -> x.resource(arn).tags(now));
            }
        }
        return created(name, p);
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteCapacityProvider(b -> b
                .capacityProviderName(r.physicalId())));
    }
}
