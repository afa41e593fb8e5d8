package io.gureum.lambda;

import java.time.Instant;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.OnFailure;
import software.amazon.awssdk.services.lambda.model.OnSuccess;

/**
 * How asynchronous invocations of a function (or of one of its qualifiers) are retried and where their
 * records go. Nulls mean Lambda's defaults: 2 retries, 6 hours (21,600 s), no destinations.
 */
record EventInvokeConfig(String functionArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
        String onSuccess, String onFailure, Instant lastModified) {

    static final int DEFAULT_RETRIES = 2;
    static final int DEFAULT_MAX_AGE = 21_600;

    int retries() {
        return maximumRetryAttempts == null ? DEFAULT_RETRIES : maximumRetryAttempts;
    }

    int maxAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_MAX_AGE : maximumEventAgeInSeconds;
    }

    FunctionEventInvokeConfig toSdk() {
        DestinationConfig.Builder d = DestinationConfig.builder();
        d.onSuccess(OnSuccess.builder().destination(onSuccess).build());
        d.onFailure(OnFailure.builder().destination(onFailure).build());
        return FunctionEventInvokeConfig.builder().functionArn(functionArn).lastModified(lastModified)
                .maximumRetryAttempts(maximumRetryAttempts).maximumEventAgeInSeconds(maximumEventAgeInSeconds)
                .destinationConfig(d.build()).build();
    }
}
