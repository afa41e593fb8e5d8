package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;

/**
 * {@code AWS::EC2::SqlHaStandbyDetectedInstance}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-sqlhastandbydetectedinstance.html):
 * an instance enabled for SQL Server High Availability standby detection (EnableInstanceSqlHaStandbyDetections).
 * {@code Ref} is the instance ID (the schema's primary identifier); {@code Fn::GetAtt} gives the schema's read-only
 * properties {@code HaStatus}, {@code SqlServerLicenseUsage} and {@code LastUpdatedTime}, as EC2 answers the
 * enabling. {@code InstanceId} replaces the resource; {@code SqlServerCredentials} changes in place (enabling again
 * with the new secret). The type is not taggable. Nothing is waited for: a detection's outcome is not a provisioning
 * state (in Gureum it always ends {@code invalid}, see docs/services/ec2.md), so {@code HaStatus} is the state at
 * create or update, {@code processing}.
 */
public final class SqlHaStandbyDetectedInstanceHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("InstanceId", "SqlServerCredentials");

    @Override
    public String type() {
        return "AWS::EC2::SqlHaStandbyDetectedInstance";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("InstanceId");
    }

    private static Created created(RegisteredInstance i) {
        return Created.of(i.instanceId()).attribute("HaStatus", i.haStatusAsString())
                .attribute("SqlServerLicenseUsage", i.sqlServerLicenseUsageAsString())
                .attribute("LastUpdatedTime", i.lastUpdatedTime() == null ? null : i.lastUpdatedTime().toString());
    }

    private static Created enable(ResourceRequest r, String instanceId) {
        Served.check(r, SERVED);
        String credentials = r.text("SqlServerCredentials");
        return created(ec2(r).enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(instanceId)
                .sqlServerCredentials(credentials)).instances().get(0));
    }

    @Override
    public Created create(ResourceRequest r) {
        return enable(r, r.requiredText("InstanceId"));
    }

    @Override
    public Created update(ResourceRequest r) {
        return enable(r, r.physicalId());
    }

    /** The instance's state as EC2 describes it, or null when it is not enabled (or gone). */
    private static RegisteredInstance find(ResourceRequest r) {
        return Ec2Support.described(() -> ec2(r).describeInstanceSqlHaStates(b -> b.instanceIds(r.physicalId()))
                .instances(), i -> false);
    }

    @Override
    public void delete(ResourceRequest r) {
        if (find(r) != null) {
            Ec2Support.deleting(() -> ec2(r).disableInstanceSqlHaStandbyDetections(b -> b
                    .instanceIds(r.physicalId())));
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        RegisteredInstance i = find(r);
        if (i == null) {
            return null;
        }
        return new Drift(r).put("InstanceId", i.instanceId()).put("SqlServerCredentials", i.sqlServerCredentials())
                .result();
    }
}
