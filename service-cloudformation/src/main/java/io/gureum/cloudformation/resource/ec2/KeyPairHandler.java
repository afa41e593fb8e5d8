package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@code AWS::EC2::KeyPair}. {@code Ref} is the key name; {@code Fn::GetAtt} gives {@code KeyFingerprint}
 * and {@code KeyPairId}. Every property replaces the key. A key CloudFormation creates (no
 * {@code PublicKeyMaterial}) has its private key saved as the SecureString parameter
 * {@code /ec2/keypair/<key pair id>} in Systems Manager (AWS::EC2::KeyPair, "Return values"); delete
 * removes it.
 */
public final class KeyPairHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "KeyFormat", "KeyName", "KeyType", "PublicKeyMaterial", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::KeyPair";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String name = r.requiredText("KeyName");
        if (r.has("PublicKeyMaterial")) {
            ImportKeyPairResponse k = ec2.importKeyPair(b -> b.keyName(name)
                    .publicKeyMaterial(SdkBytes.fromUtf8String(r.text("PublicKeyMaterial")))
                    .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.KEY_PAIR)));
            return Created.of(name).attribute("KeyFingerprint", k.keyFingerprint()).attribute("KeyPairId", k.keyPairId());
        }
        CreateKeyPairResponse k = ec2.createKeyPair(b -> b.keyName(name).keyType(r.text("KeyType"))
                .keyFormat(r.text("KeyFormat")).tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.KEY_PAIR)));
        r.client(SsmClient.class).putParameter(b -> b.name("/ec2/keypair/" + k.keyPairId()).type("SecureString")
                .value(k.keyMaterial()));
        return Created.of(name).attribute("KeyFingerprint", k.keyFingerprint()).attribute("KeyPairId", k.keyPairId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteKeyPair(b -> b.keyName(r.physicalId())));
        var id = r.attributes().get("KeyPairId");
        if (id != null && !r.has("PublicKeyMaterial")) {
            try {
                r.client(SsmClient.class).deleteParameter(b -> b.name("/ec2/keypair/" + id.asText()));
            } catch (ParameterNotFoundException gone) {
                // Already deleted.
            }
        }
    }
}
