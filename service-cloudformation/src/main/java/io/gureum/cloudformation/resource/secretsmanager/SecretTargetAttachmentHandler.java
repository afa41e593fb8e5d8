package io.gureum.cloudformation.resource.secretsmanager;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::SecretsManager::SecretTargetAttachment}: on AWS it reads the connection details of a database
 * ({@code TargetType} {@code AWS::RDS::DBInstance}, {@code AWS::RDS::DBCluster}, {@code AWS::RDS::DBProxy},
 * {@code AWS::Redshift::Cluster}, {@code AWS::DocDB::DBInstance}, {@code AWS::DocDB::DBCluster}) and writes them
 * into the secret. Gureum serves none of those services, so no target can be read: the resource fails naming
 * the target type, as AWS fails an attachment whose target it cannot find, rather than writing a secret with
 * connection details it made up. The type is registered so a template attaching a secret to a database outside
 * it is accepted and fails at this resource with that reason, not as an unrecognized type.
 */
public final class SecretTargetAttachmentHandler implements ResourceHandler {
    static final Set<String> TARGET_TYPES = Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
            "AWS::RDS::DBProxy", "AWS::Redshift::Cluster", "AWS::DocDB::DBInstance", "AWS::DocDB::DBCluster");

    @Override
    public String type() {
        return "AWS::SecretsManager::SecretTargetAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SecretId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("SecretId", "TargetId", "TargetType"));
        r.requiredText("SecretId");
        String targetId = r.requiredText("TargetId");
        String targetType = r.requiredText("TargetType");
        if (!TARGET_TYPES.contains(targetType)) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/TargetType: " + targetType + " is not a valid enum value");
        }
        throw new ResourceFailure("Gureum does not serve " + targetType + ": the target " + targetId
                + " cannot be read to attach its connection details to the secret", "NotFound");
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        // Never created: nothing to remove.
    }
}
