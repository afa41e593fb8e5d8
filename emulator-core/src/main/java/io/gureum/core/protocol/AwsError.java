package io.gureum.core.protocol;

import software.amazon.awssdk.core.SdkPojo;

/**
 * An error on its way to the wire.
 *
 * @param modeled the SDK exception when the error is a modeled one; its extra members are written too
 * @param queryCode the legacy awsQuery code (SQS {@code AWS.SimpleQueueService.NonExistentQueue}) or null
 */
public record AwsError(String code, String message, int status, boolean senderFault, SdkPojo modeled,
        String queryCode) {

    public static AwsError of(String code, String message, int status) {
        return new AwsError(code, message, status, status < 500, null, null);
    }

    public String faultType() {
        return senderFault ? "Sender" : "Receiver";
    }
}
