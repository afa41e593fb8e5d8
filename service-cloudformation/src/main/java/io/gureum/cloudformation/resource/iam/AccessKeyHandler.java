package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * {@code AWS::IAM::AccessKey}. {@code Ref} is the access key id; {@code Fn::GetAtt} gives
 * {@code SecretAccessKey} and {@code Id} (the access key id, the schema's primary identifier). {@code UserName} and {@code Serial} replace the key (a new serial is how a
 * template rotates it); {@code Status} changes in place.
 */
public final class AccessKeyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Serial", "Status", "UserName");

    @Override
    public String type() {
        return "AWS::IAM::AccessKey";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("UserName", "Serial");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String user = r.requiredText("UserName");
        AccessKey key = iam(r).createAccessKey(b -> b.userName(user)).accessKey();
        if ("Inactive".equals(r.text("Status"))) {
            iam(r).updateAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()).status("Inactive"));
        }
        return Created.of(key.accessKeyId()).attribute("Id", key.accessKeyId())
                .attribute("SecretAccessKey", key.secretAccessKey());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        iam(r).updateAccessKey(b -> b.userName(r.text("UserName")).accessKeyId(r.physicalId())
                .status(r.has("Status") ? r.text("Status") : "Active"));
        return new Created(r.physicalId(), r.attributes()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        IamSupport.deleting(() -> iam(r).deleteAccessKey(b -> b.userName(r.text("UserName"))
                .accessKeyId(r.physicalId())));
    }
}
