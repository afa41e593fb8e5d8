package io.gureum.cloudformation.resource.kms;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.spi.Caller;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * {@code AWS::KMS::ReplicaKey}: a replica, in the stack's region, of the multi-Region primary key
 * {@code PrimaryKeyArn} (ReplicateKey is called in the primary's region, naming the stack's region).
 * {@code Ref} is the key id (shared with the primary); {@code Fn::GetAtt} gives {@code Arn} and {@code KeyId}.
 * {@code PrimaryKeyArn} replaces it; the policy, description, enablement and tags change in place. Delete
 * schedules the replica's deletion after {@code PendingWindowInDays} (default 30), as for keys.
 */
public final class ReplicaKeyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "Enabled", "KeyPolicy", "PendingWindowInDays",
            "PrimaryKeyArn", "Tags");

    @Override
    public String type() {
        return "AWS::KMS::ReplicaKey";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("PrimaryKeyArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String primary = r.requiredText("PrimaryKeyArn");
        String[] arn = primary.split(":");
        if (arn.length < 6 || !primary.startsWith("arn:")) {
            throw new ResourceFailure("PrimaryKeyArn " + primary + " is not a key ARN");
        }
        String policy = Json.document(r.property("KeyPolicy"));
        if (policy == null) {
            r.requiredText("KeyPolicy");
        }
        Caller c = r.caller();
        KmsClient home = r.clients().client(KmsClient.class, new Caller(c.accountId(), arn[3], c.principal(),
                c.sourceArn()));
        KeyMetadata k = home.replicateKey(b -> b.keyId(primary).replicaRegion(r.stack().region()).policy(policy)
                .description(r.text("Description"))).replicaKeyMetadata();
        KmsClient kms = r.client(KmsClient.class);
        List<Tag> tags = KeyTags.of(r);
        if (!tags.isEmpty()) {
            kms.tagResource(b -> b.keyId(k.keyId()).tags(tags));
        }
        if (Boolean.FALSE.equals(r.bool("Enabled"))) {
            kms.disableKey(b -> b.keyId(k.keyId()));
        }
        return Created.of(k.keyId()).attribute("Arn", k.arn()).attribute("KeyId", k.keyId());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        KmsClient kms = r.client(KmsClient.class);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("KeyPolicy")) {
            kms.putKeyPolicy(b -> b.keyId(id).policyName("default").policy(Json.document(r.property("KeyPolicy"))));
        }
        if (changed.contains("Description")) {
            kms.updateKeyDescription(b -> b.keyId(id).description(r.has("Description") ? r.text("Description") : ""));
        }
        if (changed.contains("Enabled")) {
            if (Boolean.FALSE.equals(r.bool("Enabled"))) {
                kms.disableKey(b -> b.keyId(id));
            } else {
                kms.enableKey(b -> b.keyId(id));
            }
        }
        if (changed.contains("Tags")) {
            KeyTags.retag(kms, id, r);
        }
        KeyMetadata k = kms.describeKey(b -> b.keyId(id)).keyMetadata();
        return Created.of(id).attribute("Arn", k.arn()).attribute("KeyId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        KeyTags.scheduleDeletion(r);
    }
}
