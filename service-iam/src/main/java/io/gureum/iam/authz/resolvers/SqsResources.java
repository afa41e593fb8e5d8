package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/** SQS names a queue by its URL, {@code http://host/ACCOUNT/NAME}: the queue's account and name. */
public final class SqsResources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        String url = fields.get("queueurl");
        if (url == null) {
            return;
        }
        String[] parts = url.replaceFirst("^[a-z]+://[^/]*/", "").split("/");
        if (parts.length == 2 && parts[0].matches("\\d{12}")) {
            variables.put("account", parts[0]);
            variables.put("queuename", parts[1]);
        }
    }
}
