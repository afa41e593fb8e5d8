package io.gureum.cloudformation.resource.kms;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * {@code AWS::KMS::Alias}. {@code Ref} is the alias name ({@code alias/…}). {@code AliasName} replaces it;
 * {@code TargetKeyId} changes in place with UpdateAlias.
 */
public final class AliasHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AliasName", "TargetKeyId");

    @Override
    public String type() {
        return "AWS::KMS::Alias";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AliasName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("AliasName");
        r.client(KmsClient.class).createAlias(b -> b.aliasName(name).targetKeyId(r.requiredText("TargetKeyId")));
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(KmsClient.class).updateAlias(b -> b.aliasName(r.physicalId()).targetKeyId(r.requiredText(
                "TargetKeyId")));
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(KmsClient.class).deleteAlias(b -> b.aliasName(r.physicalId()));
        } catch (NotFoundException gone) {
            // Already deleted.
        }
    }
}
