package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRangeRequest;

/**
 * {@code AWS::EC2::TrafficMirrorFilterRule}. {@code Ref} and {@code Fn::GetAtt TrafficMirrorFilterRuleId} give the
 * rule's id. {@code TrafficMirrorFilterId} replaces the rule; the other properties change in place through
 * ModifyTrafficMirrorFilterRule (an optional property removed from the template goes back to its default through
 * {@code RemoveFields}), {@code Tags} through CreateTags and DeleteTags.
 */
public final class TrafficMirrorFilterRuleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("TrafficMirrorFilterId", "TrafficDirection", "RuleNumber",
            "RuleAction", "Protocol", "DestinationPortRange", "SourcePortRange", "DestinationCidrBlock",
            "SourceCidrBlock", "Description", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::TrafficMirrorFilterRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TrafficMirrorFilterId");
    }

    private static TrafficMirrorPortRangeRequest ports(JsonNode range) {
        if (range == null || range.isNull()) {
            return null;
        }
        return TrafficMirrorPortRangeRequest.builder().fromPort(Ec2Support.integer(range, "FromPort"))
                .toPort(Ec2Support.integer(range, "ToPort")).build();
    }

    private static Created created(String id) {
        return Created.of(id).attribute("TrafficMirrorFilterRuleId", id);
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(r.requiredText(
                "TrafficMirrorFilterId")).trafficDirection(r.requiredText("TrafficDirection"))
                .ruleNumber(Integer.valueOf(r.requiredText("RuleNumber").trim())).ruleAction(r.requiredText("RuleAction"))
                .protocol(r.integer("Protocol")).destinationPortRange(ports(r.property("DestinationPortRange")))
                .sourcePortRange(ports(r.property("SourcePortRange")))
                .destinationCidrBlock(r.requiredText("DestinationCidrBlock"))
                .sourceCidrBlock(r.requiredText("SourceCidrBlock")).description(r.text("Description"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRAFFIC_MIRROR_FILTER_RULE)))
                .trafficMirrorFilterRule().trafficMirrorFilterRuleId();
        return created(id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        List<String> remove = new ArrayList<>();
        if (changed.contains("DestinationPortRange") && !r.has("DestinationPortRange")) {
            remove.add("destination-port-range");
        }
        if (changed.contains("SourcePortRange") && !r.has("SourcePortRange")) {
            remove.add("source-port-range");
        }
        if (changed.contains("Protocol") && !r.has("Protocol")) {
            remove.add("protocol");
        }
        if (changed.contains("Description") && !r.has("Description")) {
            remove.add("description");
        }
        boolean modify = changed.stream().anyMatch(p -> !p.equals("Tags"));
        if (modify) {
            ec2(r).modifyTrafficMirrorFilterRule(b -> b.trafficMirrorFilterRuleId(id)
                    .trafficDirection(r.requiredText("TrafficDirection"))
                    .ruleNumber(Integer.valueOf(r.requiredText("RuleNumber").trim()))
                    .ruleAction(r.requiredText("RuleAction")).protocol(r.integer("Protocol"))
                    .destinationPortRange(ports(r.property("DestinationPortRange")))
                    .sourcePortRange(ports(r.property("SourcePortRange")))
                    .destinationCidrBlock(r.requiredText("DestinationCidrBlock"))
                    .sourceCidrBlock(r.requiredText("SourceCidrBlock")).description(r.text("Description"))
                    .removeFieldsWithStrings(remove.isEmpty() ? null : remove));
        }
        Ec2Support.retag(r, id);
        return created(id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTrafficMirrorFilterRule(b -> b.trafficMirrorFilterRuleId(
                r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        TrafficMirrorFilterRule x = Ec2Support.described(() -> ec2(r).describeTrafficMirrorFilterRules(b -> b
                .trafficMirrorFilterRuleIds(r.physicalId())).trafficMirrorFilterRules(), found -> false);
        if (x == null) {
            return null;
        }
        return new Drift(r).put("TrafficMirrorFilterId", x.trafficMirrorFilterId())
                .put("TrafficDirection", x.trafficDirectionAsString()).put("RuleNumber", x.ruleNumber())
                .put("RuleAction", x.ruleActionAsString()).put("Protocol", x.protocol())
                .put("DestinationCidrBlock", x.destinationCidrBlock()).put("SourceCidrBlock", x.sourceCidrBlock())
                .put("Description", x.description()).result();
    }
}
