package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;

/**
 * Provider of event invoke configs, how asynchronous invocations are retried and where their records go
 * (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html); the
 * {@link AsyncInvoker} reads them.
 */
final class EventInvokeConfigs {
    private final ServiceContext context;
    private final FunctionLookup lookup;

    EventInvokeConfigs(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public PutFunctionEventInvokeConfigResponse putFunctionEventInvokeConfig(PutFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = putInvokeConfig(lookup.resolve(r.functionName(), r.qualifier()),
                r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig(), false);
        return Responses.copy(c, PutFunctionEventInvokeConfigResponse.builder()).build();
    }

    public UpdateFunctionEventInvokeConfigResponse updateFunctionEventInvokeConfig(
            UpdateFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = putInvokeConfig(lookup.resolve(r.functionName(), r.qualifier()),
                r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig(), true);
        return Responses.copy(c, UpdateFunctionEventInvokeConfigResponse.builder()).build();
    }

    public GetFunctionEventInvokeConfigResponse getFunctionEventInvokeConfig(GetFunctionEventInvokeConfigRequest r) {
        FunctionEventInvokeConfig c = getInvokeConfig(lookup.resolve(r.functionName(), r.qualifier()));
        return Responses.copy(c, GetFunctionEventInvokeConfigResponse.builder()).build();
    }

    public DeleteFunctionEventInvokeConfigResponse deleteFunctionEventInvokeConfig(
            DeleteFunctionEventInvokeConfigRequest r) {
        deleteInvokeConfig(lookup.resolve(r.functionName(), r.qualifier()));
        return DeleteFunctionEventInvokeConfigResponse.builder().build();
    }

    public ListFunctionEventInvokeConfigsResponse listFunctionEventInvokeConfigs(
            ListFunctionEventInvokeConfigsRequest r) {
        return listInvokeConfigs(lookup.require(r.functionName()), r.marker(), r.maxItems());
    }

    /**
     * Put replaces the whole config; Update changes only what is given. Destinations must be ARNs of
     * SQS queues, SNS topics, EventBridge buses, Lambda functions or S3 buckets.
     */
    private FunctionEventInvokeConfig putInvokeConfig(FunctionLookup.Resolved r, Integer retries, Integer maxAge,
            DestinationConfig destinations, boolean merge) {
        if (retries != null && (retries < 0 || retries > 2)) {
            throw LambdaErrors.validation(retries, "maximumRetryAttempts", retries < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to 2");
        }
        if (maxAge != null && (maxAge < 60 || maxAge > 21_600)) {
            throw LambdaErrors.validation(maxAge, "maximumEventAgeInSeconds", maxAge < 60
                    ? "Member must have value greater than or equal to 60"
                    : "Member must have value less than or equal to 21600");
        }
        String onSuccess = destinations == null || destinations.onSuccess() == null ? null
                : FunctionLookup.emptyToNull(destinations.onSuccess().destination());
        String onFailure = destinations == null || destinations.onFailure() == null ? null
                : FunctionLookup.emptyToNull(destinations.onFailure().destination());
        checkDestination(onSuccess);
        checkDestination(onFailure);
        String key = key(r);
        LambdaFunction f = r.function();
        synchronized (f) {
            EventInvokeConfig old = f.invokeConfigs.get(key);
            if (merge && old == null) {
                throw LambdaErrors.notFound("The function " + r.qualifiedArn() + " doesn't have an "
                        + "EventInvokeConfig");
            }
            EventInvokeConfig c = merge
                    ? new EventInvokeConfig(old.functionArn(), retries != null ? retries : old.maximumRetryAttempts(),
                            maxAge != null ? maxAge : old.maximumEventAgeInSeconds(),
                            destinations != null && destinations.onSuccess() != null ? onSuccess : old.onSuccess(),
                            destinations != null && destinations.onFailure() != null ? onFailure : old.onFailure(),
                            context.clock().now())
                    : new EventInvokeConfig(f.arn + ":" + key, retries, maxAge, onSuccess, onFailure,
                            context.clock().now());
            f.invokeConfigs.put(key, c);
            return c.toSdk();
        }
    }

    private FunctionEventInvokeConfig getInvokeConfig(FunctionLookup.Resolved r) {
        synchronized (r.function()) {
            EventInvokeConfig c = r.function().invokeConfigs.get(key(r));
            if (c == null) {
                throw LambdaErrors.notFound("The function " + r.qualifiedArn() + " doesn't have an EventInvokeConfig");
            }
            return c.toSdk();
        }
    }

    private void deleteInvokeConfig(FunctionLookup.Resolved r) {
        synchronized (r.function()) {
            if (r.function().invokeConfigs.remove(key(r)) == null) {
                throw LambdaErrors.notFound("The function " + r.qualifiedArn() + " doesn't have an EventInvokeConfig");
            }
        }
    }

    private ListFunctionEventInvokeConfigsResponse listInvokeConfigs(LambdaFunction f, String marker, Integer maxItems) {
        List<FunctionEventInvokeConfig> all = new ArrayList<>();
        synchronized (f) {
            f.invokeConfigs.values().forEach(c -> all.add(c.toSdk()));
        }
        int start = Pages.start(marker);
        int end = Math.min(all.size(), start + Pages.size(maxItems, 50, 50));
        ListFunctionEventInvokeConfigsResponse.Builder b = ListFunctionEventInvokeConfigsResponse.builder()
                .functionEventInvokeConfigs(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    private static String key(FunctionLookup.Resolved r) {
        return r.qualifier() == null ? FunctionVersion.LATEST : r.qualifier();
    }

    private static void checkDestination(String arn) {
        if (arn == null) {
            return;
        }
        try {
            String service = Arn.parse(arn).service();
            if (List.of("sqs", "sns", "events", "lambda", "s3").contains(service)) {
                return;
            }
        } catch (IllegalArgumentException notAnArn) {
            // falls through to the error
        }
        throw LambdaErrors.invalidParameter("The destination ARN " + arn + " is invalid.");
    }
}
