package io.gureum.elb;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * ELB v2's errors with AWS's codes (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/CommonErrors.html
 * and each operation's "Errors"); {@code ValidationError} is not a modeled exception.
 */
final class ElbErrors {
    private ElbErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    static <E extends AwsServiceException> E of(Class<E> type, String message) {
        return ModeledErrors.of(type, message);
    }

    static AwsException notImplemented(String what) {
        return new AwsException("NotImplemented", what, 501, false);
    }
}
