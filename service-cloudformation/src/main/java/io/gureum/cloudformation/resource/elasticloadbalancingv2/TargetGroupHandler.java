package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * {@code AWS::ElasticLoadBalancingV2::TargetGroup}. {@code Ref} is the target group's ARN; {@code Fn::GetAtt} gives
 * {@code LoadBalancerArns} (read again when a resource needs it: listeners attached later change it),
 * {@code TargetGroupArn}, {@code TargetGroupFullName} and {@code TargetGroupName}. {@code Name}, {@code Port},
 * {@code Protocol}, {@code ProtocolVersion}, {@code TargetType}, {@code VpcId} and {@code IpAddressType} replace
 * it; the health check (ModifyTargetGroup), attributes, {@code Targets} (registered and deregistered by
 * difference) and tags change in place.
 */
public final class TargetGroupHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("HealthCheckEnabled", "HealthCheckIntervalSeconds",
            "HealthCheckPath", "HealthCheckPort", "HealthCheckProtocol", "HealthCheckTimeoutSeconds",
            "HealthyThresholdCount", "IpAddressType", "Matcher", "Name", "Port", "Protocol", "ProtocolVersion", "Tags",
            "TargetGroupAttributes", "Targets", "TargetType", "UnhealthyThresholdCount", "VpcId");
    private static final Set<String> HEALTH = Set.of("HealthCheckEnabled", "HealthCheckIntervalSeconds",
            "HealthCheckPath", "HealthCheckPort", "HealthCheckProtocol", "HealthCheckTimeoutSeconds",
            "HealthyThresholdCount", "Matcher", "UnhealthyThresholdCount");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::TargetGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Port", "Protocol", "ProtocolVersion", "TargetType", "VpcId", "IpAddressType");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(32);
        TargetGroup tg = elb.createTargetGroup(b -> b.name(name).protocol(r.text("Protocol"))
                .protocolVersion(r.text("ProtocolVersion")).port(r.integer("Port")).vpcId(r.text("VpcId"))
                .targetType(r.text("TargetType")).ipAddressType(r.text("IpAddressType"))
                .healthCheckEnabled(r.bool("HealthCheckEnabled")).healthCheckProtocol(r.text("HealthCheckProtocol"))
                .healthCheckPort(r.text("HealthCheckPort")).healthCheckPath(r.text("HealthCheckPath"))
                .healthCheckIntervalSeconds(r.integer("HealthCheckIntervalSeconds"))
                .healthCheckTimeoutSeconds(r.integer("HealthCheckTimeoutSeconds"))
                .healthyThresholdCount(r.integer("HealthyThresholdCount"))
                .unhealthyThresholdCount(r.integer("UnhealthyThresholdCount"))
                .matcher(ElbSupport.object(r, "Matcher", Matcher.class)).tags(ElbSupport.tags(r))).targetGroups().get(0);
        String arn = tg.targetGroupArn();
        Map<String, String> attributes = ElbSupport.keyValues(r.property("TargetGroupAttributes"));
        if (!attributes.isEmpty()) {
            elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(arn).attributes(attributes(attributes)));
        }
        List<TargetDescription> targets = ElbSupport.list(r, "Targets", TargetDescription.class);
        if (!targets.isEmpty()) {
            elb.registerTargets(b -> b.targetGroupArn(arn).targets(targets));
        }
        return created(tg);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.stream().anyMatch(HEALTH::contains)) {
            elb.modifyTargetGroup(b -> b.targetGroupArn(arn).healthCheckEnabled(r.bool("HealthCheckEnabled"))
                    .healthCheckProtocol(r.text("HealthCheckProtocol")).healthCheckPort(r.text("HealthCheckPort"))
                    .healthCheckPath(r.text("HealthCheckPath"))
                    .healthCheckIntervalSeconds(r.integer("HealthCheckIntervalSeconds"))
                    .healthCheckTimeoutSeconds(r.integer("HealthCheckTimeoutSeconds"))
                    .healthyThresholdCount(r.integer("HealthyThresholdCount"))
                    .unhealthyThresholdCount(r.integer("UnhealthyThresholdCount"))
                    .matcher(ElbSupport.object(r, "Matcher", Matcher.class)));
        }
        Map<String, String> attributes = ElbSupport.changedKeyValues(r, "TargetGroupAttributes");
        if (!attributes.isEmpty()) {
            elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(arn).attributes(attributes(attributes)));
        }
        if (changed.contains("Targets")) {
            List<TargetDescription> now = ElbSupport.list(r, "Targets", TargetDescription.class);
            JsonNode before = r.previousProperties() == null ? null : r.previousProperties().get("Targets");
            List<TargetDescription> old = new java.util.ArrayList<>();
            if (before != null) {
                before.forEach(n -> old.add(io.gureum.core.persist.SdkJson.fromJson(n, TargetDescription.class)));
            }
            List<TargetDescription> gone = old.stream().filter(t -> !now.contains(t)).toList();
            List<TargetDescription> added = now.stream().filter(t -> !old.contains(t)).toList();
            if (!gone.isEmpty()) {
                elb.deregisterTargets(b -> b.targetGroupArn(arn).targets(gone));
            }
            if (!added.isEmpty()) {
                elb.registerTargets(b -> b.targetGroupArn(arn).targets(added));
            }
        }
        ElbSupport.retag(r, arn);
        return created(elb.describeTargetGroups(b -> b.targetGroupArns(arn)).targetGroups().get(0));
    }

    private static List<TargetGroupAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream().map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
    }

    private static Created created(TargetGroup tg) {
        String arn = tg.targetGroupArn();
        return Created.of(arn).attribute("TargetGroupArn", arn).attribute("TargetGroupName", tg.targetGroupName())
                .attribute("TargetGroupFullName", arn.substring(arn.indexOf(":targetgroup/") + 1))
                .attribute("LoadBalancerArns", ElbSupport.array(tg.loadBalancerArns()));
    }

    @Override
    public Set<String> changingAttributes() {
        return Set.of("LoadBalancerArns");
    }

    @Override
    public Map<String, JsonNode> attributesNow(ResourceRequest r) {
        TargetGroup tg = elb(r).describeTargetGroups(b -> b.targetGroupArns(r.physicalId())).targetGroups().get(0);
        return created(tg).attributes();
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).deleteTargetGroup(b -> b.targetGroupArn(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }
}
