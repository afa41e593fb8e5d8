package io.gureum.ec2.regional;

import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.ResourceTags;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An EC2 resource of these families: its ID, owner, region, creation time and tags. The tags live in
 * core's resource registry from {@link #register} to {@link #forget}, under EC2's ARN for the resource
 * type ({@code arn:aws:ec2:<region>:<account>:key-pair/key-…}), which is also DescribeTags'
 * {@code resource-type}.
 */
public abstract class Registered {
    public final String id;
    public final String ownerId;
    public final String region;
    public final Instant created;
    public final ResourceTags tags = new ResourceTags();

    protected Registered(String id, String ownerId, String region, Instant created) {
        this.id = id;
        this.ownerId = ownerId;
        this.region = region;
        this.created = created;
    }

    /** The DescribeTags resource type and ARN type, e.g. {@code key-pair}. */
    public abstract String resourceType();

    /** Registers the resource with the tags it holds so far (those of its TagSpecifications). */
    public void register(ResourceRegistry registry) {
        tags.attach(registry, ownerId, region, resourceType(), id);
    }

    /** Unregisters the resource (deleted); its last tags stay readable for a describe that still shows it. */
    public void forget() {
        tags.detach();
    }

    /** The SDK tags, or null when there are none (EC2 omits an empty tagSet). */
    public List<Tag> sdkTags() {
        return TagSpecifications.toSdk(tags);
    }

    /** A snapshot of the tags, for filters. */
    public Map<String, String> tagMap() {
        return tags;
    }
}
