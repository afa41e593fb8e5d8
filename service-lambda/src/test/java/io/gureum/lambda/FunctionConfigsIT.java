package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.RecursiveLoop;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateRuntimeOn;

/** Provisioned concurrency, recursion and runtime management configurations. */
class FunctionConfigsIT extends LambdaTestSupport {

    @Test
    void provisionedConcurrencyBecomesReadyOnTheClock() {
        String name = unique("fn");
        createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));

        InvalidParameterValueException latest = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.putProvisionedConcurrencyConfig(
                        b -> b.functionName(name).qualifier("$LATEST").provisionedConcurrentExecutions(1)));
        assertEquals("Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
                latest.awsErrorDetails().errorMessage());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.putProvisionedConcurrencyConfig(
                        b -> b.functionName(name).qualifier("7").provisionedConcurrentExecutions(1)));
        ProvisionedConcurrencyConfigNotFoundException none = assertAwsError(
                ProvisionedConcurrencyConfigNotFoundException.class, "ProvisionedConcurrencyConfigNotFoundException",
                404, () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("live")));
        assertEquals("No Provisioned Concurrency Config found for this function", none.awsErrorDetails().errorMessage());

        PutProvisionedConcurrencyConfigResponse put = lambda.putProvisionedConcurrencyConfig(
                b -> b.functionName(name).qualifier("live").provisionedConcurrentExecutions(5));
        assertEquals(202, put.sdkHttpResponse().statusCode());
        assertEquals(ProvisionedConcurrencyStatusEnum.IN_PROGRESS, put.status());
        assertEquals(5, put.requestedProvisionedConcurrentExecutions());
        assertEquals(0, put.allocatedProvisionedConcurrentExecutions());
        gureum.context().clock().advance(Duration.ofMinutes(1));
        var ready = lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("live"));
        assertEquals(ProvisionedConcurrencyStatusEnum.READY, ready.status());
        assertEquals(5, ready.availableProvisionedConcurrentExecutions());
        assertEquals(5, ready.allocatedProvisionedConcurrentExecutions());

        lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("1").provisionedConcurrentExecutions(2));
        List<ProvisionedConcurrencyConfigListItem> listed = lambda.listProvisionedConcurrencyConfigs(
                b -> b.functionName(name)).provisionedConcurrencyConfigs();
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        assertEquals(List.of(arn + ":1", arn + ":live"),
                listed.stream().map(ProvisionedConcurrencyConfigListItem::functionArn).toList());

        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(6));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.putProvisionedConcurrencyConfig(
                        b -> b.functionName(name).qualifier("live").provisionedConcurrentExecutions(5)));

        var deleted = lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("live"));
        assertEquals(204, deleted.sdkHttpResponse().statusCode());
        assertAwsError(ProvisionedConcurrencyConfigNotFoundException.class,
                "ProvisionedConcurrencyConfigNotFoundException", 404,
                () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("live")));
    }

    @Test
    void recursionConfigDefaultsToTerminate() {
        String name = unique("fn");
        createEcho(name);
        assertEquals(RecursiveLoop.TERMINATE,
                lambda.getFunctionRecursionConfig(b -> b.functionName(name)).recursiveLoop());
        assertEquals(RecursiveLoop.ALLOW, lambda.putFunctionRecursionConfig(
                b -> b.functionName(name).recursiveLoop(RecursiveLoop.ALLOW)).recursiveLoop());
        assertEquals(RecursiveLoop.ALLOW,
                lambda.getFunctionRecursionConfig(b -> b.functionName(name)).recursiveLoop());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunctionRecursionConfig(b -> b.functionName(name + "-missing")));
    }

    @Test
    void runtimeManagementIsKeptPerVersion() {
        String name = unique("fn");
        createEcho(name);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        var initial = lambda.getRuntimeManagementConfig(b -> b.functionName(name));
        assertEquals(UpdateRuntimeOn.AUTO, initial.updateRuntimeOn());
        assertNull(initial.runtimeVersionArn());
        assertEquals(arn, initial.functionArn());

        String pinned = lambda.getFunctionConfiguration(b -> b.functionName(name)).runtimeVersionConfig()
                .runtimeVersionArn();
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.putRuntimeManagementConfig(b -> b.functionName(name).updateRuntimeOn(UpdateRuntimeOn.MANUAL)));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.putRuntimeManagementConfig(b -> b.functionName(name)
                        .updateRuntimeOn(UpdateRuntimeOn.AUTO).runtimeVersionArn(pinned)));
        var put = lambda.putRuntimeManagementConfig(b -> b.functionName(name).updateRuntimeOn(UpdateRuntimeOn.MANUAL)
                .runtimeVersionArn(pinned));
        assertEquals(UpdateRuntimeOn.MANUAL, put.updateRuntimeOn());
        assertEquals(pinned, put.runtimeVersionArn());
        var got = lambda.getRuntimeManagementConfig(b -> b.functionName(name).qualifier("$LATEST"));
        assertEquals(UpdateRuntimeOn.MANUAL, got.updateRuntimeOn());
        assertEquals(pinned, got.runtimeVersionArn());

        lambda.publishVersion(b -> b.functionName(name));
        var v1 = lambda.getRuntimeManagementConfig(b -> b.functionName(name).qualifier("1"));
        assertEquals(UpdateRuntimeOn.AUTO, v1.updateRuntimeOn());
        assertEquals(arn + ":1", v1.functionArn());
    }
}
