package io.gureum.core.state;

import io.gureum.core.ids.Arn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A resource known to the {@link ResourceRegistry}: where it lives, which service owns it, its ID,
 * its ARN and its tags (in insertion order). Region is empty for global resources (IAM).
 */
public record RegisteredResource(
        String account, String region, String service, String id, Arn arn, Map<String, String> tags) {

    public RegisteredResource {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    RegisteredResource withTags(Map<String, String> newTags) {
        return new RegisteredResource(account, region, service, id, arn, newTags);
    }
}
