package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.AccountLimit;
import software.amazon.awssdk.services.lambda.model.AccountUsage;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsResponse;

/**
 * Reserved concurrency, account settings and event invoke configs
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html,
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html).
 */
final class Settings {
    /** The default account quota of concurrent executions, of which 100 always stay unreserved. */
    static final int ACCOUNT_CONCURRENCY = 1000;
    static final int MIN_UNRESERVED = 100;

    private final ServiceContext context;

    Settings(ServiceContext context) {
        this.context = context;
    }

    int putConcurrency(LambdaStore store, LambdaFunction f, Integer reserved) {
        if (reserved == null || reserved < 0) {
            throw LambdaErrors.validation(reserved, "reservedConcurrentExecutions",
                    "Member must have value greater than or equal to 0");
        }
        synchronized (store) {
            int others = 0;
            for (LambdaFunction o : store.functions.values()) {
                if (o != f && o.reservedConcurrency != null) {
                    others += o.reservedConcurrency;
                }
            }
            if (ACCOUNT_CONCURRENCY - others - reserved < MIN_UNRESERVED) {
                throw LambdaErrors.invalidParameter("Specified ReservedConcurrentExecutions for function decreases "
                        + "account's UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
            }
            f.reservedConcurrency = reserved;
        }
        return reserved;
    }

    GetAccountSettingsResponse accountSettings(LambdaStore store) {
        long codeSize = 0;
        int reserved = 0;
        long count = 0;
        for (LambdaFunction f : store.functions.values()) {
            count++;
            synchronized (f) {
                codeSize += f.latest.code().size();
                for (FunctionVersion v : f.versions.values()) {
                    codeSize += v.code().size();
                }
            }
            if (f.reservedConcurrency != null) {
                reserved += f.reservedConcurrency;
            }
        }
        return GetAccountSettingsResponse.builder()
                .accountLimit(AccountLimit.builder().totalCodeSize(80_530_636_800L)
                        .codeSizeUnzipped(CodeStore.MAX_UNZIPPED).codeSizeZipped(CodeStore.MAX_ZIPPED)
                        .concurrentExecutions(ACCOUNT_CONCURRENCY)
                        .unreservedConcurrentExecutions(ACCOUNT_CONCURRENCY - reserved).build())
                .accountUsage(AccountUsage.builder().totalCodeSize(codeSize).functionCount(count).build())
                .build();
    }

    // ---- event invoke configs ---------------------------------------------------------------

    /**
     * Put replaces the whole config; Update changes only what is given. Destinations must be ARNs of
     * SQS queues, SNS topics, EventBridge buses, Lambda functions or S3 buckets.
     */
    FunctionEventInvokeConfig putInvokeConfig(Functions.Resolved r, Integer retries, Integer maxAge,
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
                : Functions.emptyToNull(destinations.onSuccess().destination());
        String onFailure = destinations == null || destinations.onFailure() == null ? null
                : Functions.emptyToNull(destinations.onFailure().destination());
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

    FunctionEventInvokeConfig getInvokeConfig(Functions.Resolved r) {
        synchronized (r.function()) {
            EventInvokeConfig c = r.function().invokeConfigs.get(key(r));
            if (c == null) {
                throw LambdaErrors.notFound("The function " + r.qualifiedArn() + " doesn't have an EventInvokeConfig");
            }
            return c.toSdk();
        }
    }

    void deleteInvokeConfig(Functions.Resolved r) {
        synchronized (r.function()) {
            if (r.function().invokeConfigs.remove(key(r)) == null) {
                throw LambdaErrors.notFound("The function " + r.qualifiedArn() + " doesn't have an EventInvokeConfig");
            }
        }
    }

    ListFunctionEventInvokeConfigsResponse listInvokeConfigs(LambdaFunction f, String marker, Integer maxItems) {
        List<FunctionEventInvokeConfig> all = new ArrayList<>();
        synchronized (f) {
            f.invokeConfigs.values().forEach(c -> all.add(c.toSdk()));
        }
        int start = Functions.Pages.start(marker);
        int end = Math.min(all.size(), start + Functions.Pages.size(maxItems, 50, 50));
        ListFunctionEventInvokeConfigsResponse.Builder b = ListFunctionEventInvokeConfigsResponse.builder()
                .functionEventInvokeConfigs(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Functions.Pages.marker(end));
        }
        return b.build();
    }

    private static String key(Functions.Resolved r) {
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
