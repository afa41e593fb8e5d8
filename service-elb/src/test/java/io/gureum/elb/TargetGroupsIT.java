package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Target groups, their attributes, targets and the documented health model on the core clock. */
class TargetGroupsIT extends ElbTestSupport {

    static String vpc() {
        return subnets.get(0).vpcId();
    }

    static TargetGroup httpGroup(String name) {
        return elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc()))
                .targetGroups().get(0);
    }

    @Test
    void healthCheckDefaultsPerProtocol() {
        TargetGroup http = httpGroup(unique("http"));
        assertTrue(http.targetGroupArn().matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/"
                + http.targetGroupName() + "/[0-9a-f]{16}"));
        assertEquals("instance", http.targetTypeAsString());
        assertEquals("HTTP", http.healthCheckProtocolAsString());
        assertEquals("traffic-port", http.healthCheckPort());
        assertEquals("/", http.healthCheckPath());
        assertEquals(30, http.healthCheckIntervalSeconds());
        assertEquals(5, http.healthCheckTimeoutSeconds());
        assertEquals(5, http.healthyThresholdCount());
        assertEquals(2, http.unhealthyThresholdCount());
        assertEquals("200", http.matcher().httpCode());
        assertEquals("HTTP1", http.protocolVersion());
        TargetGroup tcp = elb.createTargetGroup(b -> b.name(unique("tcp")).protocol(ProtocolEnum.TCP).port(443)
                .vpcId(vpc()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        assertEquals("TCP", tcp.healthCheckProtocolAsString());
        assertEquals(10, tcp.healthCheckTimeoutSeconds());
        TargetGroup lambda = elb.createTargetGroup(b -> b.name(unique("fn")).targetType(TargetTypeEnum.LAMBDA))
                .targetGroups().get(0);
        assertFalse(lambda.healthCheckEnabled());
        assertEquals(35, lambda.healthCheckIntervalSeconds());
        TargetGroup geneve = elb.createTargetGroup(b -> b.name(unique("gen")).protocol(ProtocolEnum.GENEVE).port(6081)
                .vpcId(vpc())).targetGroups().get(0);
        assertEquals("80", geneve.healthCheckPort());
        assertEquals(10, geneve.healthCheckIntervalSeconds());
        var attrs = attributes(tcp.targetGroupArn());
        assertEquals("false", attrs.get("preserve_client_ip.enabled"), "off for IP targets of TCP groups");
        assertEquals("source_ip", attrs.get("stickiness.type"));
        assertEquals("lb_cookie", attributes(http.targetGroupArn()).get("stickiness.type"));
        assertEquals(Map.of("lambda.multi_value_headers.enabled", "false"), attributes(lambda.targetGroupArn()));
    }

    @Test
    void rulesOfEachTargetType() {
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createTargetGroup(b -> b
                .name(unique("x")).protocol(ProtocolEnum.HTTP).vpcId(vpc())));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createTargetGroup(b -> b
                .name(unique("x")).targetType(TargetTypeEnum.LAMBDA).protocol(ProtocolEnum.HTTP)));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createTargetGroup(b -> b
                .name(unique("x")).targetType(TargetTypeEnum.ALB).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc())));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createTargetGroup(b -> b
                .name(unique("x")).protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-0123456789abcdef0")));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createTargetGroup(b -> b
                .name(unique("x")).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc()).healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(5)));
        String name = unique("dup");
        String arn = httpGroup(name).targetGroupArn();
        assertEquals(arn, httpGroup(name).targetGroupArn(), "same settings: the same group");
        fails(DuplicateTargetGroupNameException.class, "DuplicateTargetGroupName", () -> elb.createTargetGroup(b -> b
                .name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpc())));
    }

    @Test
    void describeModifyAndDelete() {
        TargetGroup tg = httpGroup(unique("mod"));
        var modified = elb.modifyTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()).healthCheckPath("/health")
                .healthCheckIntervalSeconds(10).matcher(m -> m.httpCode("200-299"))).targetGroups().get(0);
        assertEquals("/health", modified.healthCheckPath());
        assertEquals(10, modified.healthCheckIntervalSeconds());
        assertEquals("200-299", modified.matcher().httpCode());
        assertEquals("/health", elb.describeTargetGroups(b -> b.names(tg.targetGroupName())).targetGroups().get(0)
                .healthCheckPath());
        var changed = elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("30"))).attributes();
        assertTrue(changed.stream().anyMatch(a -> a.key().equals("deregistration_delay.timeout_seconds")
                && a.value().equals("30")));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyTargetGroupAttributes(b -> b
                .targetGroupArn(tg.targetGroupArn()).attributes(a -> a.key("no.such.key").value("1"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyTargetGroupAttributes(b -> b
                .targetGroupArn(tg.targetGroupArn()).attributes(a -> a.key("deregistration_delay.timeout_seconds")
                        .value("4000"))));
        // In use by a listener: ResourceInUse until the listener goes.
        String lb = alb(unique("tglb")).loadBalancerArn();
        String listener = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn())))
                .listeners().get(0).listenerArn();
        assertEquals(List.of(lb), elb.describeTargetGroups(b -> b.targetGroupArns(tg.targetGroupArn()))
                .targetGroups().get(0).loadBalancerArns());
        assertEquals(List.of(tg.targetGroupArn()), elb.describeTargetGroups(b -> b.loadBalancerArn(lb)).targetGroups()
                .stream().map(TargetGroup::targetGroupArn).toList());
        fails(ResourceInUseException.class, "ResourceInUse",
                () -> elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn())));
        elb.deleteListener(b -> b.listenerArn(listener));
        elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()));
        fails(TargetGroupNotFoundException.class, "TargetGroupNotFound",
                () -> elb.describeTargetGroups(b -> b.targetGroupArns(tg.targetGroupArn())));
    }

    @Test
    void instanceTargetsFollowTheHealthModel() {
        String image = ec2.describeImages(b -> b.owners("amazon").filters(Filter.builder().name("name")
                .values("al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").build())).images().get(0).imageId();
        String instance = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnet(0))).instances().get(0).instanceId();
        advance(Duration.ofMinutes(1));
        TargetGroup tg = httpGroup(unique("health"));
        String arn = tg.targetGroupArn();
        elb.registerTargets(b -> b.targetGroupArn(arn).targets(t -> t.id(instance)));
        assertEquals("unused", health(arn).get(0).targetHealth().stateAsString());
        assertEquals("Target.NotInUse", health(arn).get(0).targetHealth().reasonAsString());
        String lb = alb(unique("hlb")).loadBalancerArn();
        elb.createListener(b -> b.loadBalancerArn(lb).port(80).protocol(ProtocolEnum.HTTP)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(arn)));
        TargetHealthDescription first = health(arn).get(0);
        assertEquals("initial", first.targetHealth().stateAsString());
        assertEquals("Elb.RegistrationInProgress", first.targetHealth().reasonAsString());
        assertEquals(80, first.target().port());
        assertEquals("80", first.healthCheckPort());
        advance(Duration.ofSeconds(30 * 5));
        assertEquals("healthy", health(arn).get(0).targetHealth().stateAsString());
        ec2.stopInstances(b -> b.instanceIds(instance));
        advance(Duration.ofMinutes(1));
        assertEquals("unhealthy", health(arn).get(0).targetHealth().stateAsString());
        assertEquals("Target.InvalidState", health(arn).get(0).targetHealth().reasonAsString());
        var unregistered = elb.describeTargetHealth(b -> b.targetGroupArn(arn).targets(t -> t.id(instance).port(8080)))
                .targetHealthDescriptions().get(0).targetHealth();
        assertEquals("Target.NotRegistered", unregistered.reasonAsString());
        // Deregistration drains for deregistration_delay.timeout_seconds (300 s by default).
        elb.deregisterTargets(b -> b.targetGroupArn(arn).targets(t -> t.id(instance)));
        assertEquals("draining", health(arn).get(0).targetHealth().stateAsString());
        advance(Duration.ofSeconds(300));
        assertTrue(health(arn).isEmpty());
        fails(InvalidTargetException.class, "InvalidTarget", () -> elb.registerTargets(b -> b.targetGroupArn(arn)
                .targets(t -> t.id("i-0123456789abcdef0"))));
        fails(InvalidTargetException.class, "InvalidTarget", () -> elb.deregisterTargets(b -> b.targetGroupArn(arn)
                .targets(t -> t.id(instance))));
    }

    @Test
    void ipAndLambdaTargets() throws Exception {
        String ipGroup = elb.createTargetGroup(b -> b.name(unique("ip")).protocol(ProtocolEnum.TCP).port(80)
                .vpcId(vpc()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
        elb.registerTargets(b -> b.targetGroupArn(ipGroup).targets(t -> t.id("172.31.0.10"),
                t -> t.id("10.9.9.9").availabilityZone("all")));
        assertEquals(2, health(ipGroup).size());
        fails(InvalidTargetException.class, "InvalidTarget", () -> elb.registerTargets(b -> b.targetGroupArn(ipGroup)
                .targets(t -> t.id("10.9.9.9"))));

        LambdaClient lambda = aws.client(LambdaClient.class);
        byte[] code = zip();
        String fn = lambda.createFunction(b -> b.functionName(unique("fn")).runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/fn").handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))).functionArn();
        String fnGroup = elb.createTargetGroup(b -> b.name(unique("fn")).targetType(TargetTypeEnum.LAMBDA))
                .targetGroups().get(0).targetGroupArn();
        var denied = fails(ElasticLoadBalancingV2Exception.class, "AccessDenied", () -> elb.registerTargets(b -> b
                .targetGroupArn(fnGroup).targets(t -> t.id(fn))), 403);
        assertTrue(denied.awsErrorDetails().errorMessage().contains("elasticloadbalancing principal"));
        lambda.addPermission(b -> b.functionName(fn).statementId("elb").action("lambda:InvokeFunction")
                .principal("elasticloadbalancing.amazonaws.com").sourceArn(fnGroup));
        elb.registerTargets(b -> b.targetGroupArn(fnGroup).targets(t -> t.id(fn)));
        TargetHealthDescription h = health(fnGroup).get(0);
        assertEquals("unavailable", h.targetHealth().stateAsString());
        assertEquals("Target.HealthCheckDisabled", h.targetHealth().reasonAsString());
    }

    private static byte[] zip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("app.py"));
            z.write("def handler(event, context):\n    return {'statusCode': 200}\n".getBytes());
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static List<TargetHealthDescription> health(String arn) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(arn)).targetHealthDescriptions();
    }

    private static Map<String, String> attributes(String arn) {
        return elb.describeTargetGroupAttributes(b -> b.targetGroupArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }
}
