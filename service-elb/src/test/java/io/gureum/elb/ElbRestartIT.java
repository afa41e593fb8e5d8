package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What ELB finds again after a restart on the same --data-dir: every resource, attribute, target and tag, and trust
 * stores with their revocation files.
 */
class ElbRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("elbv2", "ec2", "s3").build());
    }

    @Test
    void loadBalancingSurvivesARestart() {
        String lb;
        String gone;
        String tg;
        String listener;
        String rule;
        String ts;
        String mtls;
        try (Gureum g = start(); ElasticLoadBalancingV2Client elb = AwsClients.client(
                ElasticLoadBalancingV2Client.builder(), g); Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), g);
                S3Client s3 = AwsClients.client(S3Client.builder(), g)) {
            List<String> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true")))
                    .subnets().stream().map(Subnet::subnetId).sorted().toList();
            String vpc = ec2.describeSubnets(b -> b.subnetIds(subnets.get(0))).subnets().get(0).vpcId();
            lb = elb.createLoadBalancer(b -> b.name("web").subnets(subnets.get(0), subnets.get(1))
                    .tags(t -> t.key("team").value("a"))).loadBalancers().get(0).loadBalancerArn();
            gone = elb.createLoadBalancer(b -> b.name("gone").subnets(subnets.get(0), subnets.get(1)))
                    .loadBalancers().get(0).loadBalancerArn();
            elb.deleteLoadBalancer(b -> b.loadBalancerArn(gone));
            elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(lb)
                    .attributes(a -> a.key("idle_timeout.timeout_seconds").value("90")));
            tg = elb.createTargetGroup(b -> b.name("app").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
                    .targetType("ip")).targetGroups().get(0).targetGroupArn();
            elb.registerTargets(b -> b.targetGroupArn(tg).targets(t -> t.id("172.31.0.20").port(8080)));
            listener = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).listeners().get(0)
                    .listenerArn();
            rule = elb.createRule(b -> b.listenerArn(listener).priority(7).conditions(c -> c.field("path-pattern")
                    .values("/api/*")).actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).rules().get(0)
                    .ruleArn();

            // A trust store with revocation files (the first removed) and an HTTPS listener verifying with it.
            TrustStoreFixtures.upload(s3);
            ts = elb.createTrustStore(b -> b.name("edge").caCertificatesBundleS3Bucket(TrustStoreFixtures.BUCKET)
                    .caCertificatesBundleS3Key("both.pem").tags(t -> t.key("team").value("b"))).trustStores().get(0)
                    .trustStoreArn();
            elb.addTrustStoreRevocations(b -> b.trustStoreArn(ts).revocationContents(TrustStoreFixtures.crl(
                    "alpha.crl"), TrustStoreFixtures.crl("beta.crl")));
            elb.removeTrustStoreRevocations(b -> b.trustStoreArn(ts).revocationIds(1L));
            g.context().clock().advance(TrustStores.CREATING);
            String account = ts.split(":")[4];
            mtls = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(443)
                    .certificates(c -> c.certificateArn("arn:aws:iam::" + account + ":server-certificate/edge"))
                    .mutualAuthentication(m -> m.mode("verify").trustStoreArn(ts))
                    .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f
                            .statusCode("200")))).listeners().get(0).listenerArn();
        }
        try (Gureum g = start(); ElasticLoadBalancingV2Client elb = AwsClients.client(
                ElasticLoadBalancingV2Client.builder(), g)) {
            var found = elb.describeLoadBalancers(b -> b.names("web")).loadBalancers().get(0);
            assertEquals(lb, found.loadBalancerArn());
            assertEquals(2, found.availabilityZones().size());
            assertTrue(elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb)).attributes().stream()
                    .anyMatch(a -> a.key().equals("idle_timeout.timeout_seconds") && a.value().equals("90")));
            assertEquals(Map.of("team", "a"), elb.describeTags(b -> b.resourceArns(lb)).tagDescriptions().get(0).tags()
                    .stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
            org.junit.jupiter.api.Assertions.assertThrows(LoadBalancerNotFoundException.class,
                    () -> elb.describeLoadBalancers(b -> b.loadBalancerArns(gone)));
            assertEquals(List.of(lb), elb.describeTargetGroups(b -> b.targetGroupArns(tg)).targetGroups().get(0)
                    .loadBalancerArns());
            var health = elb.describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions();
            assertEquals("172.31.0.20", health.get(0).target().id());
            assertEquals(8080, health.get(0).target().port());
            assertEquals(listener, elb.describeListeners(b -> b.loadBalancerArn(lb)).listeners().get(0).listenerArn());

            var store = elb.describeTrustStores(b -> b.names("edge")).trustStores().get(0);
            assertEquals(ts, store.trustStoreArn());
            assertEquals("ACTIVE", store.statusAsString());
            assertEquals(2, store.numberOfCaCertificates());
            assertEquals(1L, store.totalRevokedEntries());
            assertEquals(List.of(2L), elb.describeTrustStoreRevocations(b -> b.trustStoreArn(ts))
                    .trustStoreRevocations().stream().map(r -> r.revocationId()).toList());
            assertEquals(Map.of("team", "b"), elb.describeTags(b -> b.resourceArns(ts)).tagDescriptions().get(0).tags()
                    .stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
            assertEquals(ts, elb.describeListeners(b -> b.listenerArns(mtls)).listeners().get(0).mutualAuthentication()
                    .trustStoreArn());
            // The next revocation file gets the next ID, never a reused one.
            assertEquals(3L, elb.addTrustStoreRevocations(b -> b.trustStoreArn(ts).revocationContents(
                    TrustStoreFixtures.crl("alpha.crl"))).trustStoreRevocations().get(0).revocationId());
            List<Rule> rules = elb.describeRules(b -> b.listenerArn(listener)).rules();
            assertEquals(rule, rules.get(0).ruleArn());
            assertEquals("7", rules.get(0).priority());
            assertEquals("/api/*", rules.get(0).conditions().get(0).values().get(0));
            assertTrue(rules.get(1).isDefault());
        }
    }
}
