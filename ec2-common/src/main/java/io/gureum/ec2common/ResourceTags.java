package io.gureum.ec2common;

import io.gureum.core.state.RegisteredTags;
import io.gureum.core.state.ResourceRegistry;

/**
 * The tags of one EC2 resource: core's {@link RegisteredTags} (the registry is the one record of tags,
 * shared with the Resource Groups Tagging API), registered under service {@code ec2} with EC2's ARN for
 * the resource type. After {@code detach} the map keeps a snapshot of the last tags, for resources AWS
 * still describes after deletion (a {@code deleted} transit gateway keeps its tags).
 */
public final class ResourceTags extends RegisteredTags {

    /**
     * Registers the resource under service {@code ec2} with the tags this map holds so far; from then on
     * the map reads and writes the registry.
     *
     * @throws IllegalStateException if the ID or ARN is already registered
     */
    public void attach(ResourceRegistry registry, String account, String region, String type, String id) {
        attach(registry, account, region, Ec2Api.NAME, id, Ec2Arns.of(region, account, type, id));
    }
}
