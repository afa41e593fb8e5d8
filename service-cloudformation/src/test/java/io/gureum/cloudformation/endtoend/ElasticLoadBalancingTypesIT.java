package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The seven AWS::ElasticLoadBalancingV2 types deployed by CreateStack: an Application Load Balancer in front of a
 * target group, with an HTTPS listener, a rule and an extra listener certificate; updated in place (attributes,
 * health check, rule priority and conditions, default actions) and by replacement (the target group's port);
 * deleted; and a trust store with a revocation file used by a listener in verify mode. Each checked through ELB's
 * SDK client.
 */
class ElasticLoadBalancingTypesIT extends EndToEndSupport {
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
              Cert: {Type: String}
              ExtraCert: {Type: String}
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
                  Certificates: [{CertificateArn: !Ref Cert}]
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
                  Certificates: [{CertificateArn: !Ref ExtraCert}]
            Outputs:
              AlbArn: {Value: !Ref Alb}
              DnsName: {Value: !GetAtt Alb.DNSName}
              Zone: {Value: !GetAtt Alb.CanonicalHostedZoneID}
              FullName: {Value: !GetAtt Alb.LoadBalancerFullName}
              LbName: {Value: !GetAtt Alb.LoadBalancerName}
              Groups: {Value: !Join [',', !GetAtt Alb.SecurityGroups]}
              Scheme: {Value: !GetAtt Alb.Scheme}
              LbType: {Value: !GetAtt Alb.Type}
              Extra: {Value: !Ref Extra}
              ExtraId: {Value: !GetAtt Extra.Id}
              TgArn: {Value: !Ref App}
              TgFullName: {Value: !GetAtt App.TargetGroupFullName}
              TgName: {Value: !GetAtt App.TargetGroupName}
              ListenerArn: {Value: !GetAtt Https.ListenerArn}
              RuleArn: {Value: !Ref Api}
              RuleIsDefault: {Value: !GetAtt Api.IsDefault}
            """;
    /** Imported into ACM once: the listener's default certificate and the ListenerCertificate's. */
    private static String cert;
    private static String extraCert;

    private static List<Parameter> parameters(List<Subnet> subnets, String idle, String path, int port, int priority,
            String rulePath) {
        return List.of(p("SubnetA", subnets.get(0).subnetId()), p("SubnetB", subnets.get(1).subnetId()),
                p("Vpc", subnets.get(0).vpcId()), p("IdleTimeout", idle), p("HealthPath", path),
                p("AppPort", String.valueOf(port)), p("RulePriority", String.valueOf(priority)), p("RulePath", rulePath),
                p("Cert", cert), p("ExtraCert", extraCert));
    }

    /** Imports a self-signed test certificate (elb-certs/, valid 2020-2120) into ACM; its ARN. */
    private static String importCertificate(AcmClient acm, String name) {
        byte[] crt = template("elb-certs/" + name + ".crt").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] key = template("elb-certs/" + name + ".key").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return acm.importCertificate(b -> b.certificate(SdkBytes.fromByteArray(crt))
                .privateKey(SdkBytes.fromByteArray(key))).certificateArn();
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
        try (ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), gureum);
                AcmClient acm = AwsClients.client(AcmClient.builder(), gureum)) {
            cert = importCertificate(acm, "app");
            extraCert = importCertificate(acm, "api");
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
            assertEquals(lb.schemeAsString(), output(created, "Scheme"));
            assertEquals("application", output(created, "LbType"));
            assertEquals(output(created, "Extra"), output(created, "ExtraId"));
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
            assertEquals(cert, listener.certificates().get(0).certificateArn());
            assertEquals(List.of(lbArn), acm.describeCertificate(b -> b.certificateArn(extraCert)).certificate()
                    .inUseBy(), "ACM lists the load balancer using the certificate");
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
            assertTrue(acm.describeCertificate(b -> b.certificateArn(cert)).certificate().inUseBy().isEmpty());
            assertThrows(TargetGroupNotFoundException.class,
                    () -> elb.describeTargetGroups(b -> b.targetGroupArns(newTg)));
        }
    }

    private static final String TRUST_TEMPLATE = """
            Parameters:
              SubnetA: {Type: String}
              SubnetB: {Type: String}
              Bucket: {Type: String}
              BundleKey: {Type: String}
              CrlKey: {Type: String}
              Cert: {Type: String}
            Resources:
              Store:
                Type: AWS::ElasticLoadBalancingV2::TrustStore
                Properties:
                  CaCertificatesBundleS3Bucket: !Ref Bucket
                  CaCertificatesBundleS3Key: !Ref BundleKey
                  Tags: [{Key: tier, Value: edge}]
              Revocation:
                Type: AWS::ElasticLoadBalancingV2::TrustStoreRevocation
                Properties:
                  TrustStoreArn: !GetAtt Store.TrustStoreArn
                  RevocationContents:
                    - {S3Bucket: !Ref Bucket, S3Key: !Ref CrlKey, RevocationType: CRL}
              Alb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [!Ref SubnetA, !Ref SubnetB]
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Alb
                  Protocol: HTTPS
                  Port: 443
                  Certificates: [{CertificateArn: !Ref Cert}]
                  MutualAuthentication:
                    Mode: verify
                    TrustStoreArn: !Ref Store
                    IgnoreClientCertificateExpiry: false
                  DefaultActions:
                    - Type: fixed-response
                      FixedResponseConfig: {StatusCode: '200', ContentType: text/plain, MessageBody: hello}
            Outputs:
              StoreRef: {Value: !Ref Store}
              StoreArn: {Value: !GetAtt Store.TrustStoreArn}
              Status: {Value: !GetAtt Store.Status}
              Count: {Value: !GetAtt Store.NumberOfCaCertificates}
              RevocationRef: {Value: !Ref Revocation}
              RevocationId: {Value: !GetAtt Revocation.RevocationId}
              ListenerArn: {Value: !Ref Https}
            """;

    private static String trustFile(String name) {
        return template("elb-truststore/" + name);
    }

    /**
     * AWS::ElasticLoadBalancingV2::TrustStore and TrustStoreRevocation with an HTTPS listener in mutual TLS verify
     * mode using the trust store; the CA bundle changed in place, the revocation file replaced; then deleted. The
     * files are fixed test CAs and a CRL (elb-truststore/), uploaded to S3 first.
     */
    @Test
    void trustStoreAndRevocationDeployWithAListenerInVerifyMode() {
        String name = unique("trust");
        String bucket = name + "-files";
        List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true")))
                .subnets().stream().sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
        try (ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), gureum);
                AcmClient acm = AwsClients.client(AcmClient.builder(), gureum);
                S3Client s3 = AwsClients.client(S3Client.builder(), gureum)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("both.pem"), RequestBody.fromString(trustFile("alpha.pem")
                    + trustFile("beta.pem")));
            s3.putObject(b -> b.bucket(bucket).key("alpha.pem"), RequestBody.fromString(trustFile("alpha.pem")));
            s3.putObject(b -> b.bucket(bucket).key("alpha.crl"), RequestBody.fromString(trustFile("alpha-crl.pem")));
            s3.putObject(b -> b.bucket(bucket).key("beta.crl"), RequestBody.fromString(trustFile("beta-crl.pem")));
            String cert = acm.importCertificate(b -> b
                    .certificate(SdkBytes.fromString(template("elb-certs/app.crt"), StandardCharsets.US_ASCII))
                    .privateKey(SdkBytes.fromString(template("elb-certs/app.key"), StandardCharsets.US_ASCII)))
                    .certificateArn();
            List<Parameter> first = List.of(p("SubnetA", subnets.get(0).subnetId()),
                    p("SubnetB", subnets.get(1).subnetId()), p("Bucket", bucket), p("BundleKey", "both.pem"),
                    p("CrlKey", "beta.crl"), p("Cert", cert));
            cfn.createStack(b -> b.stackName(name).templateBody(TRUST_TEMPLATE).parameters(first));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());

            String arn = output(created, "StoreRef");
            assertEquals(arn, output(created, "StoreArn"));
            TrustStore ts = elb.describeTrustStores(b -> b.trustStoreArns(arn)).trustStores().get(0);
            assertEquals("ACTIVE", ts.statusAsString(), "the handler waits for ACTIVE");
            assertEquals("ACTIVE", output(created, "Status"));
            assertEquals("2", output(created, "Count"));
            assertEquals(2, ts.numberOfCaCertificates());
            assertEquals(1L, ts.totalRevokedEntries());
            assertTrue(ts.name().startsWith(name.substring(0, 5)), ts.name());
            var tags = elb.describeTags(b -> b.resourceArns(arn)).tagDescriptions().get(0).tags();
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("tier") && t.value().equals("edge")));
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                    && t.value().equals("Store")));

            String revocationId = output(created, "RevocationId");
            assertEquals(revocationId + "|" + arn, output(created, "RevocationRef"));
            assertEquals(1L, elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn)
                    .revocationIds(Long.parseLong(revocationId))).trustStoreRevocations().get(0)
                    .numberOfRevokedEntries());

            String listener = output(created, "ListenerArn");
            MutualAuthenticationAttributes m = elb.describeListeners(b -> b.listenerArns(listener)).listeners().get(0)
                    .mutualAuthentication();
            assertEquals("verify", m.mode());
            assertEquals(arn, m.trustStoreArn());
            assertEquals(1, elb.describeTrustStoreAssociations(b -> b.trustStoreArn(arn)).trustStoreAssociations()
                    .size());

            // In place: the CA bundle; by replacement: the revocation file.
            List<Parameter> second = List.of(p("SubnetA", subnets.get(0).subnetId()),
                    p("SubnetB", subnets.get(1).subnetId()), p("Bucket", bucket), p("BundleKey", "alpha.pem"),
                    p("CrlKey", "alpha.crl"), p("Cert", cert));
            cfn.updateStack(b -> b.stackName(name).templateBody(TRUST_TEMPLATE).parameters(second));
            Stack updated = settle(name);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(arn, output(updated, "StoreRef"), "a new bundle changes the trust store in place");
            assertEquals(1, elb.describeTrustStores(b -> b.trustStoreArns(arn)).trustStores().get(0)
                    .numberOfCaCertificates());
            String newId = output(updated, "RevocationId");
            assertNotEquals(revocationId, newId);
            var revocations = elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn)).trustStoreRevocations();
            assertEquals(List.of(Long.parseLong(newId)), revocations.stream().map(r -> r.revocationId()).toList(),
                    "the replaced revocation file is removed");
            assertEquals(3L, revocations.get(0).numberOfRevokedEntries());

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
            assertThrows(TrustStoreNotFoundException.class,
                    () -> elb.describeTrustStores(b -> b.trustStoreArns(arn)));
            assertThrows(TrustStoreNotFoundException.class, () -> elb.describeTrustStoreRevocations(b -> b
                    .trustStoreArn(arn)));
        }
    }
}
