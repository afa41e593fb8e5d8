package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * The five AWS::ElasticLoadBalancingV2 types deployed by CreateStack: an Application Load Balancer in front of a
 * target group, with an HTTPS listener, a rule and an extra listener certificate; updated in place (attributes,
 * health check, rule priority and conditions, default actions) and by replacement (the target group's port);
 * deleted. Each checked through ELB's SDK client.
 */
class ElasticLoadBalancingTypesIT extends EndToEndSupport {
    private static final String CERT = "arn:aws:acm:us-east-1:000000000000:certificate/aaaaaaaa-1111-2222-3333-bbbbbbbbbbbb";
    private static final String CERT2 = "arn:aws:acm:us-east-1:000000000000:certificate/cccccccc-1111-2222-3333-dddddddddddd";
    private static final String TEMPLATE = """
            Parameters:
              SubnetA: {Type: String}
              SubnetB: {Type: String}
              Vpc: {Type: String}
              IdleTimeout: {Type: String}
              HealthPath: {Type: String}
              AppPort: {Type: Number}
              RulePriority: {Type: Number}
              RulePath: {Type: String}
            Resources:
              Alb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [!Ref SubnetA, !Ref SubnetB]
                  LoadBalancerAttributes:
                    - {Key: idle_timeout.timeout_seconds, Value: !Ref IdleTimeout}
                  Tags: [{Key: tier, Value: web}]
              App:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: HTTP
                  Port: !Ref AppPort
                  VpcId: !Ref Vpc
                  TargetType: ip
                  HealthCheckPath: !Ref HealthPath
                  Targets: [{Id: 172.31.0.50}]
                  TargetGroupAttributes:
                    - {Key: deregistration_delay.timeout_seconds, Value: '30'}
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Alb
                  Protocol: HTTPS
                  Port: 443
                  Certificates: [{CertificateArn: %s}]
                  DefaultActions:
                    - Type: fixed-response
                      FixedResponseConfig: {StatusCode: '404', ContentType: text/plain, MessageBody: none}
              Api:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !Ref Https
                  Priority: !Ref RulePriority
                  Conditions: [{Field: path-pattern, PathPatternConfig: {Values: [!Ref RulePath]}}]
                  Actions:
                    - Type: forward
                      ForwardConfig:
                        TargetGroups: [{TargetGroupArn: !Ref App, Weight: 1}]
              Extra:
                Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
                Properties:
                  ListenerArn: !Ref Https
                  Certificates: [{CertificateArn: %s}]
            Outputs:
              AlbArn: {Value: !Ref Alb}
              DnsName: {Value: !GetAtt Alb.DNSName}
              Zone: {Value: !GetAtt Alb.CanonicalHostedZoneID}
              FullName: {Value: !GetAtt Alb.LoadBalancerFullName}
              LbName: {Value: !GetAtt Alb.LoadBalancerName}
              Groups: {Value: !Join [',', !GetAtt Alb.SecurityGroups]}
              TgArn: {Value: !Ref App}
              TgFullName: {Value: !GetAtt App.TargetGroupFullName}
              TgName: {Value: !GetAtt App.TargetGroupName}
              ListenerArn: {Value: !GetAtt Https.ListenerArn}
              RuleArn: {Value: !Ref Api}
              RuleIsDefault: {Value: !GetAtt Api.IsDefault}
            """.formatted(CERT, CERT2);

    private static List<Parameter> parameters(List<Subnet> subnets, String idle, String path, int port, int priority,
            String rulePath) {
        return List.of(p("SubnetA", subnets.get(0).subnetId()), p("SubnetB", subnets.get(1).subnetId()),
                p("Vpc", subnets.get(0).vpcId()), p("IdleTimeout", idle), p("HealthPath", path),
                p("AppPort", String.valueOf(port)), p("RulePriority", String.valueOf(priority)), p("RulePath", rulePath));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static String attribute(ElasticLoadBalancingV2Client elb, String lb, String key) {
        return elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb)).attributes().stream()
                .filter(a -> a.key().equals(key)).findFirst().orElseThrow().value();
    }

    @Test
    void loadBalancerTargetGroupListenerRuleAndCertificateAreCreatedUpdatedAndDeleted() {
        String name = unique("elb-types");
        List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true")))
                .subnets().stream().sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
        try (ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(subnets, "60", "/health", 80, 10, "/api/*")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String lbArn = output(created, "AlbArn");
            LoadBalancer lb = elb.describeLoadBalancers(b -> b.loadBalancerArns(lbArn)).loadBalancers().get(0);
            assertEquals("active", lb.state().codeAsString(), "the handler waits for active");
            assertEquals(lb.dnsName(), output(created, "DnsName"));
            assertEquals("Z35SXDOTRQ7X7K", output(created, "Zone"));
            assertEquals(lbArn.substring(lbArn.indexOf(":loadbalancer/") + 14), output(created, "FullName"));
            assertEquals(lb.loadBalancerName(), output(created, "LbName"));
            assertTrue(lb.loadBalancerName().startsWith(name.substring(0, 5)), lb.loadBalancerName());
            assertEquals(String.join(",", lb.securityGroups()), output(created, "Groups"));
            assertEquals("60", attribute(elb, lbArn, "idle_timeout.timeout_seconds"));
            var tags = elb.describeTags(b -> b.resourceArns(lbArn)).tagDescriptions().get(0).tags();
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("tier") && t.value().equals("web")));
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                    && t.value().equals("Alb")));

            String tgArn = output(created, "TgArn");
            var tg = elb.describeTargetGroups(b -> b.targetGroupArns(tgArn)).targetGroups().get(0);
            assertEquals("/health", tg.healthCheckPath());
            assertEquals(tgArn.substring(tgArn.indexOf(":targetgroup/") + 1), output(created, "TgFullName"));
            assertEquals(tg.targetGroupName(), output(created, "TgName"));
            assertEquals(List.of(lbArn), elb.describeTargetGroups(b -> b.targetGroupArns(tgArn)).targetGroups().get(0)
                    .loadBalancerArns());
            assertEquals("172.31.0.50", elb.describeTargetHealth(b -> b.targetGroupArn(tgArn))
                    .targetHealthDescriptions().get(0).target().id());

            String listenerArn = output(created, "ListenerArn");
            var listener = elb.describeListeners(b -> b.listenerArns(listenerArn)).listeners().get(0);
            assertEquals(CERT, listener.certificates().get(0).certificateArn());
            assertEquals(2, elb.describeListenerCertificates(b -> b.listenerArn(listenerArn)).certificates().size());
            String ruleArn = output(created, "RuleArn");
            assertEquals("false", output(created, "RuleIsDefault"));
            Rule rule = elb.describeRules(b -> b.ruleArns(ruleArn)).rules().get(0);
            assertEquals("10", rule.priority());
            assertEquals(tgArn, rule.actions().get(0).forwardConfig().targetGroups().get(0).targetGroupArn());

            // In place: attribute, health check path, rule priority and path.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(subnets, "120", "/ready", 80, 20, "/v2/*")));
            Stack inPlace = settle(name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals(lbArn, output(inPlace, "AlbArn"));
            assertEquals(tgArn, output(inPlace, "TgArn"));
            assertEquals(ruleArn, output(inPlace, "RuleArn"));
            assertEquals("120", attribute(elb, lbArn, "idle_timeout.timeout_seconds"));
            assertEquals("/ready", elb.describeTargetGroups(b -> b.targetGroupArns(tgArn)).targetGroups().get(0)
                    .healthCheckPath());
            Rule moved = elb.describeRules(b -> b.ruleArns(ruleArn)).rules().get(0);
            assertEquals("20", moved.priority());
            assertEquals("/v2/*", moved.conditions().get(0).pathPatternConfig().values().get(0));

            // Replacement: the target group's port; the rule forwards to the new group and the old one goes.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(subnets, "120", "/ready", 8080, 20, "/v2/*")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            String newTg = output(replaced, "TgArn");
            assertNotEquals(tgArn, newTg);
            assertEquals(8080, elb.describeTargetGroups(b -> b.targetGroupArns(newTg)).targetGroups().get(0).port());
            assertEquals(newTg, elb.describeRules(b -> b.ruleArns(ruleArn)).rules().get(0).actions().get(0)
                    .forwardConfig().targetGroups().get(0).targetGroupArn());
            assertThrows(TargetGroupNotFoundException.class,
                    () -> elb.describeTargetGroups(b -> b.targetGroupArns(tgArn)));

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertThrows(LoadBalancerNotFoundException.class,
                    () -> elb.describeLoadBalancers(b -> b.loadBalancerArns(lbArn)));
            assertThrows(TargetGroupNotFoundException.class,
                    () -> elb.describeTargetGroups(b -> b.targetGroupArns(newTg)));
        }
    }
}
