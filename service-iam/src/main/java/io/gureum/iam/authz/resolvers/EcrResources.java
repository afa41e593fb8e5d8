package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/**
 * ECR names the registry a repository is in by {@code registryId}, the registry's account: a repository of
 * another account's registry is that account's resource.
 */
public final class EcrResources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        String registry = fields.get("registryid");
        if (registry != null && registry.matches("\\d{12}")) {
            variables.put("account", registry);
        }
    }
}
