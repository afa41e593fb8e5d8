package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * {@code AWS::EC2::SecurityGroup} with its inline rules. {@code Ref} is the group id when the template
 * gives {@code VpcId}, otherwise the group name (AWS::EC2::SecurityGroup, "Return values");
 * {@code Fn::GetAtt} gives {@code GroupId}, {@code VpcId} and {@code Id} (the schema's primary identifier, the
 * same value as {@code Ref}), and, as CloudFormation lets this type's properties be read, {@code GroupName} and
 * {@code GroupDescription}. {@code GroupDescription}, {@code GroupName} and
 * {@code VpcId} replace the group; rules and tags change in place.
 *
 * <p>A template giving {@code SecurityGroupEgress} replaces the default allow-all egress rule with its own
 * rules. Removing the property later leaves the group with no egress rule at all: "if you remove all egress
 * rules that you added, we do not add egress rules" (AWS::EC2::SecurityGroup, template reference).
 */
public final class SecurityGroupHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "GroupDescription", "GroupName", "SecurityGroupEgress", "SecurityGroupIngress", "Tags", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::SecurityGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("GroupDescription", "GroupName", "VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String name = r.has("GroupName") ? r.text("GroupName") : r.generatedName(255);
        String id = ec2.createSecurityGroup(b -> b.groupName(name).description(r.requiredText("GroupDescription"))
                .vpcId(r.text("VpcId")).tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.SECURITY_GROUP)))
                .groupId();
        List<IpPermission> ingress = SecurityGroupRules.permissions(r.property("SecurityGroupIngress"), false);
        if (!ingress.isEmpty()) {
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(ingress));
        }
        if (r.has("SecurityGroupEgress")) {
            ec2.revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(SecurityGroupRules.allowAllEgress()));
            List<IpPermission> egress = SecurityGroupRules.permissions(r.property("SecurityGroupEgress"), true);
            if (!egress.isEmpty()) {
                ec2.authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(egress));
            }
        }
        return result(ec2, r, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = groupId(r);
        Set<String> changed = r.changedProperties();
        if (changed.contains("SecurityGroupIngress")) {
            List<IpPermission> before = SecurityGroupRules.permissions(r.previousProperties().get("SecurityGroupIngress"),
                    false);
            List<IpPermission> after = SecurityGroupRules.permissions(r.property("SecurityGroupIngress"), false);
            List<IpPermission> revoke = minus(before, after);
            List<IpPermission> authorize = minus(after, before);
            if (!revoke.isEmpty()) {
                ec2.revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(revoke));
            }
            if (!authorize.isEmpty()) {
                ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(authorize));
            }
        }
        if (changed.contains("SecurityGroupEgress")) {
            List<IpPermission> before = egressBefore(r.previousProperties().get("SecurityGroupEgress"));
            List<IpPermission> after = SecurityGroupRules.permissions(r.property("SecurityGroupEgress"), true);
            List<IpPermission> revoke = minus(before, after);
            List<IpPermission> authorize = minus(after, before);
            if (!revoke.isEmpty()) {
                ec2.revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(revoke));
            }
            if (!authorize.isEmpty()) {
                ec2.authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(authorize));
            }
        }
        Ec2Support.retag(r, id);
        return result(ec2, r, id);
    }

    @Override
    public void delete(ResourceRequest r) {
        // DependencyViolation (an instance or another group's rule still uses it) fails the delete, as on AWS.
        Ec2Support.deleting(() -> ec2(r).deleteSecurityGroup(b -> b.groupId(groupId(r))));
    }

    /** The group's egress rules before an update: the default allow-all when the template gave none. */
    private static List<IpPermission> egressBefore(JsonNode rules) {
        if (rules == null || rules.isNull()) {
            return List.of(SecurityGroupRules.allowAllEgress());
        }
        return SecurityGroupRules.permissions(rules, true);
    }

    private static List<IpPermission> minus(List<IpPermission> a, List<IpPermission> b) {
        List<IpPermission> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static String groupId(ResourceRequest r) {
        JsonNode id = r.attributes().get("GroupId");
        return id != null ? id.asText() : r.physicalId();
    }

    private static Created result(Ec2Client ec2, ResourceRequest r, String id) {
        SecurityGroup g = ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().get(0);
        String ref = r.has("VpcId") ? id : g.groupName();
        return Created.of(ref).attribute("Id", ref).attribute("GroupId", id).attribute("VpcId", g.vpcId())
                .attribute("GroupName", g.groupName()).attribute("GroupDescription", g.description());
    }
}
