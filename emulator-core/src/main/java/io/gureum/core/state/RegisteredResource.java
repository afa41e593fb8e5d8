package io.gureum.core.state;

import io.gureum.core.ids.Arn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A resource known to the {@link ResourceRegistry}: where it lives, which service owns it, its ID,
 * its ARN and its tags (in insertion order). Region is empty for global resources (IAM).
 *
 * @param everTagged whether the resource has had tags at some time: the Resource Groups Tagging API
 *     lists "tagged or previously tagged" resources only
 *     (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html)
 */
public record RegisteredResource(
        String account, String region, String service, String id, Arn arn, Map<String, String> tags,
        boolean everTagged) {

    public RegisteredResource {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        everTagged = everTagged || !tags.isEmpty();
    }

    /**
     * The resource type as the Resource Groups Tagging API names it: the ARN's service, then its
     * resource type when it has one ({@code ec2:vpc}, {@code dynamodb:table}, {@code s3}, {@code sqs}).
     */
    public String type() {
        String resourceType = arn.resourceType();
        return resourceType.isEmpty() ? arn.service() : arn.service() + ":" + resourceType;
    }

    RegisteredResource withTags(Map<String, String> newTags) {
        return new RegisteredResource(account, region, service, id, arn, newTags, everTagged);
    }
}
