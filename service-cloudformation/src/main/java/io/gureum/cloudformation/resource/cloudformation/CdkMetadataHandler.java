package io.gureum.cloudformation.resource.cloudformation;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Set;

/**
 * {@code AWS::CDK::Metadata}, which the CDK adds to every stack it synthesises (the library versions it
 * used, for AWS's usage reporting): it creates nothing; its physical id is a random UUID, as on AWS.
 */
public final class CdkMetadataHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::CDK::Metadata";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        return Created.of(java.util.UUID.nameUUIDFromBytes((r.stack().stackId() + r.logicalId() + r.nameSuffix())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    @Override
    public Created update(ResourceRequest r) {
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
    }
}
