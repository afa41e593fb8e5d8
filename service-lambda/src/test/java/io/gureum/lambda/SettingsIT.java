package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Reserved concurrency and event invoke configs. */
class SettingsIT extends LambdaTestSupport {
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:somewhere";

    @Test
    void reservedConcurrencyIsPutReadAndLimitedByTheAccount() {
        String name = unique("fn");
        createEcho(name);
        assertEquals(5, lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(5))
                .reservedConcurrentExecutions());
        assertEquals(5, lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
        InvalidParameterValueException e = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400,
                () -> lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(950)));
        assertEquals("Specified ReservedConcurrentExecutions for function decreases account's "
                + "UnreservedConcurrentExecution below its minimum value of [100].", e.awsErrorDetails().errorMessage());
        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        assertNull(lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.putFunctionConcurrency(b -> b.functionName(unique("x")).reservedConcurrentExecutions(1)));
    }

    @Test
    void eventInvokeConfigsArePutUpdatedListedAndDeleted() {
        String name = unique("fn");
        String arn = createEcho(name).functionArn();
        FunctionEventInvokeConfig put = toConfig(lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .maximumRetryAttempts(1).maximumEventAgeInSeconds(120)));
        assertEquals(arn + ":$LATEST", put.functionArn());
        assertEquals(1, put.maximumRetryAttempts());
        var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName(name)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE))));
        assertEquals(1, updated.maximumRetryAttempts(), "update keeps what it does not change");
        assertEquals(QUEUE, updated.destinationConfig().onFailure().destination());
        var replaced = lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(2));
        assertNull(replaced.maximumEventAgeInSeconds(), "put replaces the whole config");
        assertEquals(2, lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)).maximumRetryAttempts());
        assertEquals(1, lambda.listFunctionEventInvokeConfigs(b -> b.functionName(name))
                .functionEventInvokeConfigs().size());
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(3)));
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(30)));
        // The model's pattern for a destination ARN: AWS's request validation answers ValidationException.
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                        .destinationConfig(d -> d.onSuccess(s -> s.destination("not-an-arn")))));
        lambda.deleteFunctionEventInvokeConfig(b -> b.functionName(name));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.updateFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0)));
    }

    private static FunctionEventInvokeConfig toConfig(
            software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse r) {
        return FunctionEventInvokeConfig.builder().functionArn(r.functionArn())
                .maximumRetryAttempts(r.maximumRetryAttempts()).build();
    }
}
