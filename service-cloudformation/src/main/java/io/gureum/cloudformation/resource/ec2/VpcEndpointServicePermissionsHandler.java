package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.strings;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;

/**
 * {@code AWS::EC2::VPCEndpointServicePermissions}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointservicepermissions.html):
 * the allowed principals of an endpoint service. {@code Ref} is the service ID (no {@code Fn::GetAtt}).
 * {@code ServiceId} replaces it; {@code AllowedPrincipals} changes in place (principals added and removed through
 * ModifyVpcEndpointServicePermissions). Delete removes the principals the resource holds.
 */
public final class VpcEndpointServicePermissionsHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AllowedPrincipals", "ServiceId");

    @Override
    public String type() {
        return "AWS::EC2::VPCEndpointServicePermissions";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ServiceId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.requiredText("ServiceId");
        List<String> principals = strings(r, "AllowedPrincipals");
        Ec2Client ec2 = ec2(r);
        if (principals.isEmpty()) {
            // Checks the service exists (the template names a service this stack may not own).
            ec2.describeVpcEndpointServicePermissions(b -> b.serviceId(id));
        } else {
            ec2.modifyVpcEndpointServicePermissions(b -> b.serviceId(id).addAllowedPrincipals(principals));
        }
        return Created.of(id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        List<String> before = strings(r.previousProperties().get("AllowedPrincipals"));
        List<String> after = strings(r, "AllowedPrincipals");
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (!added.isEmpty() || !removed.isEmpty()) {
            ec2(r).modifyVpcEndpointServicePermissions(b -> b.serviceId(id)
                    .addAllowedPrincipals(added.isEmpty() ? null : added)
                    .removeAllowedPrincipals(removed.isEmpty() ? null : removed));
        }
        return Created.of(id);
    }

    @Override
    public void delete(ResourceRequest r) {
        List<String> held = strings(r, "AllowedPrincipals");
        if (held.isEmpty()) {
            return;
        }
        Ec2Support.deleting(() -> {
            Ec2Client ec2 = ec2(r);
            List<String> present = ec2.describeVpcEndpointServicePermissions(b -> b.serviceId(r.physicalId()))
                    .allowedPrincipals().stream().map(AllowedPrincipal::principal).filter(held::contains).toList();
            if (!present.isEmpty()) {
                ec2.modifyVpcEndpointServicePermissions(b -> b.serviceId(r.physicalId())
                        .removeAllowedPrincipals(present));
            }
        });
    }
}
