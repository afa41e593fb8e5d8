package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolver;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleConditionRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMPrefixListResolver}. {@code Ref} is the resolver id; {@code Fn::GetAtt} gives
 * {@code IpamPrefixListResolverId}, {@code IpamPrefixListResolverArn} and {@code IpamArn}. {@code IpamId} and
 * {@code AddressFamily} replace it; {@code Description}, {@code Rules} (ModifyIpamPrefixListResolver replaces the
 * whole set) and tags change in place. Create and update wait for EC2's {@code create-complete} /
 * {@code modify-complete}, delete until it is gone ({@link IpamWaits}, no engine thread waits).
 */
public final class IpamPrefixListResolverHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("IpamId", "AddressFamily", "Description", "Rules", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::IPAMPrefixListResolver";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamId", "AddressFamily");
    }

    private static IpamPrefixListResolver describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamPrefixListResolvers(b -> b.ipamPrefixListResolverIds(id))
                .ipamPrefixListResolvers(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        IpamPrefixListResolver x = describe(ec2, id);
        return x == null ? null : x.stateAsString();
    }

    private static Created created(IpamPrefixListResolver x) {
        return Created.of(x.ipamPrefixListResolverId())
                .attribute("IpamPrefixListResolverId", x.ipamPrefixListResolverId())
                .attribute("IpamPrefixListResolverArn", x.ipamPrefixListResolverArn())
                .attribute("IpamArn", x.ipamArn());
    }

    /** The template's rules as the API's. */
    static List<IpamPrefixListResolverRuleRequest> rules(JsonNode rules) {
        List<IpamPrefixListResolverRuleRequest> out = new ArrayList<>();
        if (rules == null || !rules.isArray()) {
            return out;
        }
        for (JsonNode rule : rules) {
            List<IpamPrefixListResolverRuleConditionRequest> conditions = new ArrayList<>();
            for (JsonNode c : rule.path("Conditions")) {
                JsonNode tag = c.get("ResourceTag");
                conditions.add(IpamPrefixListResolverRuleConditionRequest.builder()
                        .operation(Ec2Support.text(c, "Operation")).ipamPoolId(Ec2Support.text(c, "IpamPoolId"))
                        .resourceId(Ec2Support.text(c, "ResourceId")).resourceOwner(Ec2Support.text(c, "ResourceOwner"))
                        .resourceRegion(Ec2Support.text(c, "ResourceRegion")).cidr(Ec2Support.text(c, "Cidr"))
                        .resourceTag(tag == null ? null : software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag
                                .builder().key(Ec2Support.text(tag, "Key")).value(Ec2Support.text(tag, "Value")).build())
                        .build());
            }
            out.add(IpamPrefixListResolverRuleRequest.builder().ruleType(Ec2Support.text(rule, "RuleType"))
                    .staticCidr(Ec2Support.text(rule, "StaticCidr")).ipamScopeId(Ec2Support.text(rule, "IpamScopeId"))
                    .resourceType(Ec2Support.text(rule, "ResourceType"))
                    .conditions(conditions.isEmpty() ? null : conditions).build());
        }
        return out;
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<IpamPrefixListResolverRuleRequest> rules = rules(r.property("Rules"));
        String id = ec2.createIpamPrefixListResolver(b -> b.ipamId(r.requiredText("IpamId"))
                .addressFamily(r.requiredText("AddressFamily")).description(r.text("Description"))
                .rules(rules.isEmpty() ? null : rules)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_PREFIX_LIST_RESOLVER)))
                .ipamPrefixListResolver().ipamPrefixListResolverId();
        return IpamWaits.settled("IPAM prefix list resolver " + id, () -> state(ec2, id), () -> created(describe(ec2,
                id)));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        boolean description = r.changedProperties().contains("Description");
        boolean rules = r.changedProperties().contains("Rules");
        if (description || rules) {
            ec2.modifyIpamPrefixListResolver(b -> b.ipamPrefixListResolverId(id)
                    .description(description ? (r.has("Description") ? r.text("Description") : "") : null)
                    .rules(rules ? rules(r.property("Rules")) : null));
        }
        Ec2Support.retag(r, id);
        return IpamWaits.settled("IPAM prefix list resolver " + id, () -> state(ec2, id), () -> created(describe(ec2,
                id)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteIpamPrefixListResolver(b -> b.ipamPrefixListResolverId(id));
            return IpamWaits.gone("IPAM prefix list resolver " + id, () -> state(ec2, id));
        });
    }
}
