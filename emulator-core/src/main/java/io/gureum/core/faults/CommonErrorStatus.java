package io.gureum.core.faults;

import java.util.Map;

/**
 * HTTP statuses of the errors AWS APIs answer without modeling them (the SDKs' throttling and
 * transient-error codes), for fault rules whose API's model does not name the error. From the AWS SDK
 * for Java v2's retry conditions and the APIs' common-errors pages, e.g.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html.
 */
final class CommonErrorStatus {
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("Throttling", 400),
            Map.entry("ThrottlingException", 400),
            Map.entry("ThrottledException", 400),
            Map.entry("RequestThrottled", 403),
            Map.entry("RequestThrottledException", 400),
            Map.entry("TooManyRequestsException", 429),
            Map.entry("ProvisionedThroughputExceededException", 400),
            Map.entry("TransactionInProgressException", 400),
            Map.entry("RequestLimitExceeded", 503),
            Map.entry("BandwidthLimitExceeded", 400),
            Map.entry("LimitExceededException", 400),
            Map.entry("RequestTimeout", 400),
            Map.entry("RequestTimeoutException", 408),
            Map.entry("SlowDown", 503),
            Map.entry("ServiceUnavailable", 503),
            Map.entry("ServiceUnavailableException", 503),
            Map.entry("InternalFailure", 500),
            Map.entry("InternalError", 500),
            Map.entry("InternalServerError", 500),
            Map.entry("InternalServiceError", 500),
            Map.entry("EC2ThrottledException", 400),
            Map.entry("PriorRequestNotComplete", 400),
            Map.entry("IDPCommunicationError", 400));

    private CommonErrorStatus() {
    }

    /** The status, or null for a code that is not a common AWS error. */
    static Integer of(String code) {
        return STATUS.get(code);
    }
}
