package io.gureum.cloudformation.template;

import io.gureum.core.error.AwsException;

/**
 * CloudFormation's {@code ValidationError} (400), the code of every template, parameter and stack-state
 * error the API reports synchronously (the model has no exception class for it).
 */
public final class TemplateError {
    private TemplateError() {
    }

    /** {@code ValidationError} with {@code message} as it is. */
    public static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    /** {@code ValidationError} "Template format error: " + {@code message}. */
    public static AwsException format(String message) {
        return validation("Template format error: " + message);
    }

    /** {@code ValidationError} "Template error: " + {@code message} (errors found while resolving functions). */
    public static AwsException template(String message) {
        return validation("Template error: " + message);
    }
}
