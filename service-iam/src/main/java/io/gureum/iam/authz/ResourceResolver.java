package io.gureum.iam.authz;

import java.util.Map;

/**
 * One API's knowledge of how its request members name the variables of its ARN templates, beyond the generic
 * rule (a variable takes the member of its name): SQS's {@code QueueUrl} carries the queue's name and account,
 * S3's {@code Bucket} and {@code Key} are {@code BucketName} and {@code ObjectName}.
 */
@FunctionalInterface
public interface ResourceResolver {

    /**
     * Adds variables to {@code variables} (keyed by lower-case variable name) from the request's string members
     * ({@code fields}, by lower-case member name).
     */
    void resolve(Map<String, String> fields, Map<String, String> variables);
}
