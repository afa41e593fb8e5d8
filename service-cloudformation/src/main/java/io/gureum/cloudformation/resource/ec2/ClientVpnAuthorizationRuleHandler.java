package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizationRule;

/**
 * {@code AWS::EC2::ClientVpnAuthorizationRule} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-clientvpnauthorizationrule.html).
 * {@code Ref} and {@code Fn::GetAtt Id} are the rule's identifier, which AWS leaves opaque: here the endpoint ID,
 * the destination CIDR and the group ({@code *} for all groups) joined by {@code |}. Every property replaces the
 * rule. Create waits until EC2 reports the rule {@code active}, delete until it is gone ({@link Polling}).
 */
public final class ClientVpnAuthorizationRuleHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AccessGroupId", "AuthorizeAllGroups", "ClientVpnEndpointId",
            "Description", "TargetNetworkCidr");
    private static final String ALL = "*";

    @Override
    public String type() {
        return "AWS::EC2::ClientVpnAuthorizationRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static Optional<AuthorizationRule> find(Ec2Client ec2, String endpoint, String cidr, String group) {
        return ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(endpoint)).authorizationRules()
                .stream().filter(a -> a.destinationCidr().equals(cidr) && (ALL.equals(group)
                        ? Boolean.TRUE.equals(a.accessAll()) : Objects.equals(group, a.groupId()))).findFirst();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String endpoint = r.requiredText("ClientVpnEndpointId");
        String cidr = r.requiredText("TargetNetworkCidr");
        boolean all = Boolean.TRUE.equals(r.bool("AuthorizeAllGroups"));
        ec2.authorizeClientVpnIngress(b -> b.clientVpnEndpointId(endpoint).targetNetworkCidr(cidr)
                .accessGroupId(r.text("AccessGroupId")).authorizeAllGroups(r.bool("AuthorizeAllGroups"))
                .description(r.text("Description")));
        String group = all ? ALL : r.text("AccessGroupId");
        String id = String.join("|", endpoint, cidr, group);
        return Ec2Support.untilState("Client VPN authorization rule " + id, () -> find(ec2, endpoint, cidr, group)
                .orElse(null), a -> a.status().codeAsString(), "active").thenApply(x -> Created.of(id)
                        .attribute("Id", id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] parts = r.physicalId().split("\\|", 3);
        if (parts.length != 3) {
            return CompletableFuture.completedFuture(null);
        }
        boolean all = ALL.equals(parts[2]);
        return Ec2Support.deletingAsync(() -> {
            ec2.revokeClientVpnIngress(b -> b.clientVpnEndpointId(parts[0]).targetNetworkCidr(parts[1])
                    .accessGroupId(all ? null : parts[2]).revokeAllGroups(all ? true : null));
            return Polling.settled("Client VPN authorization rule " + r.physicalId(), () -> find(ec2, parts[0],
                    parts[1], parts[2]).isEmpty());
        });
    }
}
