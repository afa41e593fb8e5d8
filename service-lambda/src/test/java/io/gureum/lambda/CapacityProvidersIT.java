package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;
import software.amazon.awssdk.services.lambda.model.CapacityProviderScalingMode;
import software.amazon.awssdk.services.lambda.model.CapacityProviderState;
import software.amazon.awssdk.services.lambda.model.CreateCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.DeleteCapacityProviderResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListCapacityProvidersResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Capacity providers of Lambda Managed Instances as stored configuration. */
class CapacityProvidersIT extends LambdaTestSupport {
    static final String OPERATOR = "arn:aws:iam::000000000000:role/operator";

    static CreateCapacityProviderResponse create(String name) {
        return lambda.createCapacityProvider(b -> b.capacityProviderName(name)
                .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))
                .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(OPERATOR))
                .tags(Map.of("team", "a")));
    }

    @Test
    void providersArePendingThenActiveAndAreUpdatedAndDeleted() {
        String name = unique("cp");
        CreateCapacityProviderResponse created = create(name);
        assertEquals(202, created.sdkHttpResponse().statusCode());
        CapacityProvider c = created.capacityProvider();
        String arn = "arn:aws:lambda:us-east-1:000000000000:capacity-provider:" + name;
        assertEquals(arn, c.capacityProviderArn());
        assertEquals(CapacityProviderState.PENDING, c.state());
        assertEquals(List.of("subnet-1"), c.vpcConfig().subnetIds());
        assertEquals(OPERATOR, c.permissionsConfig().capacityProviderOperatorRoleArn());
        assertEquals(CapacityProviderScalingMode.AUTO, c.capacityProviderScalingConfig().scalingMode());
        assertNotNull(c.lastModified());
        assertEquals(Map.of("team", "a"), lambda.listTags(b -> b.resource(arn)).tags());

        assertAwsError(ResourceConflictException.class, "ResourceConflictException", 409, () -> create(name));

        gureum.context().clock().advance(Duration.ofMinutes(2));
        assertEquals(CapacityProviderState.ACTIVE,
                lambda.getCapacityProvider(b -> b.capacityProviderName(name)).capacityProvider().state());
        assertEquals(CapacityProviderState.ACTIVE,
                lambda.getCapacityProvider(b -> b.capacityProviderName(arn)).capacityProvider().state());

        CapacityProvider updated = lambda.updateCapacityProvider(b -> b.capacityProviderName(name)
                .capacityProviderScalingConfig(s -> s.scalingMode(CapacityProviderScalingMode.MANUAL).maxVCpuCount(64)
                        .scalingPolicies(p -> p.predefinedMetricType("LambdaCapacityProviderAverageCPUUtilization")
                                .targetValue(50.0))))
                .capacityProvider();
        assertEquals(64, updated.capacityProviderScalingConfig().maxVCpuCount());
        assertEquals(50.0, updated.capacityProviderScalingConfig().scalingPolicies().get(0).targetValue());
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateCapacityProvider(b -> b.capacityProviderName(name)
                        .capacityProviderScalingConfig(s -> s.scalingMode(CapacityProviderScalingMode.MANUAL))));

        assertEquals(List.of(), lambda.listFunctionVersionsByCapacityProvider(b -> b.capacityProviderName(name))
                .functionVersions());

        DeleteCapacityProviderResponse deleted = lambda.deleteCapacityProvider(b -> b.capacityProviderName(name));
        assertEquals(202, deleted.sdkHttpResponse().statusCode());
        assertEquals(CapacityProviderState.DELETING, deleted.capacityProvider().state());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getCapacityProvider(b -> b.capacityProviderName(name)));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.deleteCapacityProvider(b -> b.capacityProviderName(name)));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.listFunctionVersionsByCapacityProvider(b -> b.capacityProviderName(name)));
    }

    @Test
    void listsPageAndFilterByState() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String name = unique("page");
            create(name);
            mine.add("arn:aws:lambda:us-east-1:000000000000:capacity-provider:" + name);
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        do {
            String m = marker;
            ListCapacityProvidersResponse page = lambda.listCapacityProviders(b -> b.maxItems(2).marker(m));
            assertTrue(page.capacityProviders().size() <= 2);
            page.capacityProviders().forEach(c -> seen.add(c.capacityProviderArn()));
            marker = page.nextMarker();
        } while (marker != null);
        assertTrue(seen.containsAll(mine));
        assertTrue(lambda.listCapacityProviders(b -> b.state(CapacityProviderState.PENDING)).capacityProviders()
                .stream().allMatch(c -> c.state() == CapacityProviderState.PENDING));
        assertAwsError(software.amazon.awssdk.services.lambda.model.LambdaException.class, "ValidationException",
                400, () -> lambda.listCapacityProviders(b -> b.maxItems(51)));
    }
}
