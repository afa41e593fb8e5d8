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

    @Test
    void functionVersionsUseAProviderAndKeepScalingConfigs() {
        String provider = unique("cpf");
        String providerArn = create(provider).capacityProvider().capacityProviderArn();
        String name = unique("lmi");
        var config = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                .handler("app.handler").code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                        zip("app.py", PY_ECHO))))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(
                        m -> m.capacityProviderArn(providerArn).perExecutionEnvironmentMaxConcurrency(10))));
        assertEquals(providerArn, config.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig()
                .capacityProviderArn());
        String version = lambda.publishVersion(b -> b.functionName(name)).version();
        assertEquals(providerArn, lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier(version))
                .capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn());

        String fnArn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        assertEquals(Set.of(fnArn + ":$LATEST", fnArn + ":" + version),
                new HashSet<>(lambda.listFunctionVersionsByCapacityProvider(b -> b.capacityProviderName(provider))
                        .functionVersions().stream().map(v -> v.functionArn()).toList()));
        assertAwsError(ResourceConflictException.class, "ResourceConflictException", 409,
                () -> lambda.deleteCapacityProvider(b -> b.capacityProviderName(provider)));

        var put = lambda.putFunctionScalingConfig(b -> b.functionName(name).qualifier(version)
                .functionScalingConfig(c -> c.minExecutionEnvironments(1).maxExecutionEnvironments(4)));
        assertEquals(202, put.sdkHttpResponse().statusCode());
        assertEquals("Active", put.functionStateAsString());
        var got = lambda.getFunctionScalingConfig(b -> b.functionName(name).qualifier("$LATEST.PUBLISHED"));
        assertEquals(fnArn + ":" + version, got.functionArn());
        assertEquals(4, got.appliedFunctionScalingConfig().maxExecutionEnvironments());
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.putFunctionScalingConfig(b -> b.functionName(name).qualifier(version)
                        .functionScalingConfig(c -> c.minExecutionEnvironments(5).maxExecutionEnvironments(4))));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunctionScalingConfig(b -> b.functionName(name).qualifier("99")));

        // a function without a capacity provider has no scaling config; an unknown provider is refused
        String plain = unique("plain");
        createEcho(plain);
        String plainVersion = lambda.publishVersion(b -> b.functionName(plain)).version();
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.getFunctionScalingConfig(b -> b.functionName(plain).qualifier(plainVersion)));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(plain).capacityProviderConfig(
                        c -> c.lambdaManagedInstancesCapacityProviderConfig(m -> m.capacityProviderArn(
                                "arn:aws:lambda:us-east-1:000000000000:capacity-provider:missing")))));

        lambda.deleteFunction(b -> b.functionName(name));
        assertEquals(202, lambda.deleteCapacityProvider(b -> b.capacityProviderName(provider)).sdkHttpResponse()
                .statusCode());
    }
}
