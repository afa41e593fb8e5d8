package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociation;

/**
 * {@code AWS::EC2::SecurityGroupVpcAssociation}. Its identifier has two parts: {@code Ref} returns
 * {@code GroupId|VpcId}, as Cloud Control names it; {@code Fn::GetAtt} gives {@code State}, {@code StateReason}
 * and {@code VpcOwnerId}. Every property replaces the association. Create waits until EC2 reports it
 * {@code associated}, delete until the association is gone, neither holding a thread ({@link Polling}).
 */
public final class SecurityGroupVpcAssociationHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("GroupId", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::SecurityGroupVpcAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static List<SecurityGroupVpcAssociation> find(Ec2Client ec2, String group, String vpc) {
        return ec2.describeSecurityGroupVpcAssociations(b -> b.filters(Ec2Support.filter("group-id", group),
                Ec2Support.filter("vpc-id", vpc))).securityGroupVpcAssociations();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String group = r.requiredText("GroupId");
        String vpc = r.requiredText("VpcId");
        ec2.associateSecurityGroupVpc(b -> b.groupId(group).vpcId(vpc));
        return Polling.settled("security group VPC association " + group + "|" + vpc, () -> {
            var found = find(ec2, group, vpc);
            if (!found.isEmpty() && "association-failed".equals(found.get(0).stateAsString())) {
                throw new ResourceFailure("Association of " + group + " with " + vpc + " failed: "
                        + found.get(0).stateReason());
            }
            return !found.isEmpty() && "associated".equals(found.get(0).stateAsString());
        }).thenApply(x -> {
            SecurityGroupVpcAssociation a = find(ec2, group, vpc).get(0);
            var created = Created.of(group + "|" + vpc).attribute("State", a.stateAsString())
                    .attribute("VpcOwnerId", a.vpcOwnerId());
            return a.stateReason() == null ? created : created.attribute("StateReason", a.stateReason());
        });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] parts = r.physicalId().split("\\|", 2);
        if (parts.length != 2) {
            return CompletableFuture.completedFuture(null);
        }
        return Ec2Support.deletingAsync(() -> {
            try {
                ec2.disassociateSecurityGroupVpc(b -> b.groupId(parts[0]).vpcId(parts[1]));
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                if (find(ec2, parts[0], parts[1]).isEmpty()) {
                    return CompletableFuture.completedFuture(null); // already gone
                }
                throw e;
            }
            return Polling.settled("security group VPC association " + r.physicalId(), () -> find(ec2, parts[0],
                    parts[1]).isEmpty());
        });
    }
}
