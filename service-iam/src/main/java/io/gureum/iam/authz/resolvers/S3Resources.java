package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/** S3's {@code Bucket} and {@code Key} are the ARN's {@code BucketName} and {@code ObjectName}. */
public final class S3Resources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        putIfPresent(variables, "bucketname", fields.get("bucket"));
        putIfPresent(variables, "objectname", fields.get("key"));
    }

    private static void putIfPresent(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }
}
