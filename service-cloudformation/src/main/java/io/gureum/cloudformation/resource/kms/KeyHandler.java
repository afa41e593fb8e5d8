package io.gureum.cloudformation.resource.kms;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * {@code AWS::KMS::Key}. {@code Ref} is the key id; {@code Fn::GetAtt} gives {@code Arn} and {@code KeyId}.
 * {@code KeySpec}, {@code KeyUsage}, {@code MultiRegion} and {@code Origin} replace the key; the policy,
 * description, enablement, rotation and tags change in place. Delete schedules the deletion after
 * {@code PendingWindowInDays} (default 30), as AWS does: keys are never deleted at once.
 *
 * <p>KMS refuses tag keys starting with {@code aws:} from any caller, so the {@code aws:cloudformation:*}
 * tags are left out; the stack's own tags and the template's are applied.
 */
public final class KeyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "BypassPolicyLockoutSafetyCheck", "Description", "EnableKeyRotation", "Enabled", "KeyPolicy", "KeySpec",
            "KeyUsage", "MultiRegion", "Origin", "PendingWindowInDays", "RotationPeriodInDays", "Tags");

    @Override
    public String type() {
        return "AWS::KMS::Key";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("KeySpec", "KeyUsage", "MultiRegion", "Origin");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        KmsClient kms = r.client(KmsClient.class);
        List<Tag> tags = KeyTags.of(r);
        KeyMetadata k = kms.createKey(b -> b.policy(Json.document(r.property("KeyPolicy")))
                .description(r.text("Description")).keySpec(r.text("KeySpec")).keyUsage(r.text("KeyUsage"))
                .multiRegion(r.bool("MultiRegion")).origin(r.text("Origin"))
                .bypassPolicyLockoutSafetyCheck(r.bool("BypassPolicyLockoutSafetyCheck"))
                .tags(tags.isEmpty() ? null : tags)).keyMetadata();
        if (Boolean.TRUE.equals(r.bool("EnableKeyRotation"))) {
            kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(r.integer("RotationPeriodInDays")));
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
        if (changed.contains("KeyPolicy") && r.has("KeyPolicy")) {
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
        if (changed.contains("EnableKeyRotation") || changed.contains("RotationPeriodInDays")) {
            if (Boolean.TRUE.equals(r.bool("EnableKeyRotation"))) {
                kms.enableKeyRotation(b -> b.keyId(id).rotationPeriodInDays(r.integer("RotationPeriodInDays")));
            } else {
                kms.disableKeyRotation(b -> b.keyId(id));
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
