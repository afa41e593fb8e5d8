package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteAssociationSameAccountException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IncompatibleProtocolsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidLoadBalancerActionException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicyNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTagsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotReadyException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UnsupportedProtocolException;

/** Listeners, default actions, rules, listener certificates and attributes, tags, limits and SSL policies. */
class ListenersIT extends ElbTestSupport {
    /** An ACM certificate (imported once); an IAM server certificate ARN, which is checked by form only. */
    static String CERT;
    static final String CERT2 = "arn:aws:iam::000000000000:server-certificate/other";

    @org.junit.jupiter.api.BeforeAll
    static void certificates() {
        CERT = importCertificate("app");
    }

    static String group(String protocol, int port) {
        return elb.createTargetGroup(b -> b.name(unique("tg")).protocol(protocol).port(port)
                .vpcId(subnets.get(0).vpcId())).targetGroups().get(0).targetGroupArn();
    }

    static Action forward(String tg) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build();
    }

    @Test
    void httpAndHttpsListenersOnAnApplicationLoadBalancer() {
        final String own = importCertificate("api"); // this test's own, so InUseBy names only its load balancer
        String lb = alb(unique("lst")).loadBalancerArn();
        String tg = group("HTTP", 80);
        Listener http = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.protocol("HTTPS")
                        .port("443").statusCode("HTTP_301")))).listeners().get(0);
        assertTrue(http.listenerArn().startsWith(lb.replace(":loadbalancer/", ":listener/") + "/"), http.listenerArn());
        Listener https = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(443)
                .certificates(c -> c.certificateArn(own)).defaultActions(forward(tg))).listeners().get(0);
        assertEquals("ELBSecurityPolicy-2016-08", https.sslPolicy());
        assertEquals(own, https.certificates().get(0).certificateArn());
        // ACM lists the load balancer in the certificate's InUseBy and refuses to delete it meanwhile.
        AcmClient acm = aws.client(AcmClient.class);
        assertEquals(List.of(lb), acm.describeCertificate(b -> b.certificateArn(own)).certificate().inUseBy());
        assertThrows(software.amazon.awssdk.services.acm.model.ResourceInUseException.class,
                () -> acm.deleteCertificate(b -> b.certificateArn(own)));
        fails(CertificateNotFoundException.class, "CertificateNotFound", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8444).certificates(c -> c.certificateArn(
                        "arn:aws:acm:us-east-1:000000000000:certificate/11111111-2222-3333-4444-555555555555"))
                .defaultActions(forward(tg))));
        String pending = acm.requestCertificate(b -> b.domainName("pending.example.com")).certificateArn();
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8444).certificates(c -> c.certificateArn(pending))
                .defaultActions(forward(tg))));
        assertEquals(List.of(http.listenerArn(), https.listenerArn()), elb.describeListeners(b -> b.loadBalancerArn(lb))
                .listeners().stream().map(Listener::listenerArn).toList());
        fails(DuplicateListenerException.class, "DuplicateListener", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(443).defaultActions(forward(tg))));
        fails(UnsupportedProtocolException.class, "UnsupportedProtocol", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(81).defaultActions(forward(tg))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8443).defaultActions(forward(tg))));
        fails(CertificateNotFoundException.class, "CertificateNotFound", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8443).certificates(c -> c.certificateArn("x"))
                .defaultActions(forward(tg))));
        fails(SslPolicyNotFoundException.class, "SSLPolicyNotFound", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8443).certificates(c -> c.certificateArn(own))
                .sslPolicy("NoSuchPolicy").defaultActions(forward(tg))));
        fails(IncompatibleProtocolsException.class, "IncompatibleProtocols", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(8080).defaultActions(forward(group("TCP", 80)))));
        fails(TargetGroupAssociationLimitException.class, "TargetGroupAssociationLimit", () -> elb.createListener(b -> b
                .loadBalancerArn(alb(unique("other")).loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(forward(tg))));
        fails(InvalidLoadBalancerActionException.class, "InvalidLoadBalancerAction", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(8081).defaultActions(a -> a
                        .type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).authenticateOidcConfig(o -> o.issuer("i")
                                .authorizationEndpoint("a").tokenEndpoint("t").userInfoEndpoint("u").clientId("c")),
                        a -> a.type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(tg))));
        // ModifyListener: HTTPS to HTTP drops the certificate; weights in a forward configuration.
        String tg2 = group("HTTP", 8080);
        Listener modified = elb.modifyListener(b -> b.listenerArn(https.listenerArn()).protocol(ProtocolEnum.HTTP)
                .port(8443).defaultActions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f
                        .targetGroups(t -> t.targetGroupArn(tg).weight(80), t -> t.targetGroupArn(tg2).weight(20)))))
                .listeners().get(0);
        assertEquals("HTTP", modified.protocolAsString());
        assertTrue(modified.certificates().isEmpty());
        assertNull(modified.sslPolicy());
        assertTrue(acm.describeCertificate(b -> b.certificateArn(own)).certificate().inUseBy().isEmpty(),
                "no listener of the load balancer uses it any more");
        assertEquals(2, modified.defaultActions().get(0).forwardConfig().targetGroups().size());
        elb.deleteListener(b -> b.listenerArn(http.listenerArn()));
        fails(ListenerNotFoundException.class, "ListenerNotFound",
                () -> elb.describeListeners(b -> b.listenerArns(http.listenerArn())));
    }

    @Test
    void networkAndGatewayListeners() {
        String lb = nlb(unique("nl")).loadBalancerArn();
        Listener tls = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.TLS).port(443)
                .certificates(c -> c.certificateArn(CERT)).alpnPolicy("HTTP2Preferred")
                .defaultActions(forward(group("TCP", 443)))).listeners().get(0);
        assertEquals(List.of("HTTP2Preferred"), tls.alpnPolicy());
        Listener tcp = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(22)
                .defaultActions(forward(group("TCP", 22)))).listeners().get(0);
        assertEquals(Map.of("tcp.idle_timeout.seconds", "350"), listenerAttributes(tcp.listenerArn()));
        elb.modifyListenerAttributes(b -> b.listenerArn(tcp.listenerArn())
                .attributes(a -> a.key("tcp.idle_timeout.seconds").value("600")));
        assertEquals("600", listenerAttributes(tcp.listenerArn()).get("tcp.idle_timeout.seconds"));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyListenerAttributes(b -> b
                .listenerArn(tcp.listenerArn()).attributes(a -> a.key("tcp.idle_timeout.seconds").value("10"))));
        fails(InvalidLoadBalancerActionException.class, "InvalidLoadBalancerAction", () -> elb.createListener(b -> b
                .loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(80).defaultActions(a -> a
                        .type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200")))));
        String gw = elb.createLoadBalancer(b -> b.name(unique("gwl")).type(LoadBalancerTypeEnum.GATEWAY)
                .subnets(subnet(0))).loadBalancers().get(0).loadBalancerArn();
        String geneve = elb.createTargetGroup(b -> b.name(unique("gen")).protocol(ProtocolEnum.GENEVE).port(6081)
                .vpcId(subnets.get(0).vpcId())).targetGroups().get(0).targetGroupArn();
        Listener gwl = elb.createListener(b -> b.loadBalancerArn(gw).defaultActions(forward(geneve))).listeners()
                .get(0);
        assertNull(gwl.port());
        assertNull(gwl.protocol());
        // Listener certificates: the default first, then those added.
        elb.addListenerCertificates(b -> b.listenerArn(tls.listenerArn()).certificates(c -> c.certificateArn(CERT2)));
        var certs = elb.describeListenerCertificates(b -> b.listenerArn(tls.listenerArn())).certificates();
        assertEquals(2, certs.size());
        assertTrue(certs.get(0).isDefault());
        assertFalse(certs.get(1).isDefault());
        fails(OperationNotPermittedException.class, "OperationNotPermitted", () -> elb.removeListenerCertificates(b -> b
                .listenerArn(tls.listenerArn()).certificates(c -> c.certificateArn(CERT))));
        elb.removeListenerCertificates(b -> b.listenerArn(tls.listenerArn()).certificates(c -> c.certificateArn(CERT2)));
        assertEquals(1, elb.describeListenerCertificates(b -> b.listenerArn(tls.listenerArn())).certificates().size());
    }

    @Test
    void rulesWithPrioritiesConditionsAndTheDefaultRule() {
        String lb = alb(unique("rl")).loadBalancerArn();
        String tg = group("HTTP", 80);
        String listener = elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f
                        .statusCode("404").contentType("text/plain").messageBody("nope")))).listeners().get(0)
                .listenerArn();
        Rule api = elb.createRule(b -> b.listenerArn(listener).priority(10).actions(forward(tg))
                .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/api/*")))).rules().get(0);
        Rule host = elb.createRule(b -> b.listenerArn(listener).priority(5).actions(forward(tg))
                .conditions(c -> c.field("host-header").values("example.com"))).rules().get(0);
        List<Rule> rules = elb.describeRules(b -> b.listenerArn(listener)).rules();
        assertEquals(List.of("5", "10", "default"), rules.stream().map(Rule::priority).toList());
        Rule byDefault = rules.get(2);
        assertTrue(byDefault.isDefault());
        assertEquals("404", byDefault.actions().get(0).fixedResponseConfig().statusCode());
        fails(PriorityInUseException.class, "PriorityInUse", () -> elb.createRule(b -> b.listenerArn(listener)
                .priority(10).actions(forward(tg)).conditions(c -> c.field("path-pattern").values("/x"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createRule(b -> b
                .listenerArn(listener).priority(11).actions(forward(tg)).conditions(
                        c -> c.field("path-pattern").values("/a"), c -> c.field("path-pattern").values("/b"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createRule(b -> b
                .listenerArn(listener).priority(12).actions(forward(tg)).conditions(c -> c.field("host-header")
                        .hostHeaderConfig(h -> h.values("a", "b", "c", "d", "e", "f")))));
        fails(OperationNotPermittedException.class, "OperationNotPermitted",
                () -> elb.deleteRule(b -> b.ruleArn(byDefault.ruleArn())));
        var swapped = elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(api.ruleArn()).priority(1),
                p -> p.ruleArn(host.ruleArn()).priority(2))).rules();
        assertEquals("1", swapped.get(0).priority());
        fails(PriorityInUseException.class, "PriorityInUse", () -> elb.setRulePriorities(b -> b
                .rulePriorities(p -> p.ruleArn(api.ruleArn()).priority(2))));
        Rule changed = elb.modifyRule(b -> b.ruleArn(api.ruleArn())
                .conditions(c -> c.field("http-request-method").httpRequestMethodConfig(m -> m.values("GET"))))
                .rules().get(0);
        assertEquals("http-request-method", changed.conditions().get(0).field());
        // The default rule's actions are the listener's default actions.
        elb.modifyRule(b -> b.ruleArn(byDefault.ruleArn()).actions(forward(tg)));
        assertEquals(tg, elb.describeListeners(b -> b.listenerArns(listener)).listeners().get(0).defaultActions().get(0)
                .targetGroupArn());
        elb.deleteRule(b -> b.ruleArn(host.ruleArn()));
        assertEquals(2, elb.describeRules(b -> b.listenerArn(listener)).rules().size());
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb));
        fails(ListenerNotFoundException.class, "ListenerNotFound",
                () -> elb.describeRules(b -> b.listenerArn(listener)));
    }

    @Test
    void tagsLimitsAndSslPolicies() {
        String lb = elb.createLoadBalancer(b -> b.name(unique("tag")).subnets(subnet(0), subnet(1))
                .tags(t -> t.key("team").value("web"))).loadBalancers().get(0).loadBalancerArn();
        String tg = group("HTTP", 80);
        elb.addTags(b -> b.resourceArns(lb, tg).tags(t -> t.key("env").value("dev")));
        var described = elb.describeTags(b -> b.resourceArns(lb, tg)).tagDescriptions();
        assertEquals(Map.of("team", "web", "env", "dev"), described.get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        assertEquals(1, described.get(1).tags().size());
        elb.removeTags(b -> b.resourceArns(lb).tagKeys("team"));
        assertEquals(1, elb.describeTags(b -> b.resourceArns(lb)).tagDescriptions().get(0).tags().size());
        fails(TooManyTagsException.class, "TooManyTags", () -> elb.addTags(b -> b.resourceArns(lb).tags(
                java.util.stream.IntStream.range(0, 50).mapToObj(i -> software.amazon.awssdk.services
                        .elasticloadbalancingv2.model.Tag.builder().key("k" + i).value("v").build()).toList())));
        var limits = elb.describeAccountLimits(b -> b.pageSize(400)).limits().stream()
                .collect(Collectors.toMap(l -> l.name(), l -> l.max()));
        assertEquals("50", limits.get("application-load-balancers"));
        assertEquals("100", limits.get("rules-per-application-load-balancer"));
        var policies = elb.describeSSLPolicies(b -> b.names("ELBSecurityPolicy-TLS13-1-2-2021-06")).sslPolicies();
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), policies.get(0).sslProtocols());
        assertEquals("TLS_AES_128_GCM_SHA256", policies.get(0).ciphers().get(0).name());
        fails(SslPolicyNotFoundException.class, "SSLPolicyNotFound",
                () -> elb.describeSSLPolicies(b -> b.names("NoSuchPolicy")));
        var unserved = fails(ElasticLoadBalancingV2Exception.class, "NotImplemented",
                () -> elb.getResourcePolicy(b -> b.resourceArn(lb)));
        assertTrue(unserved.awsErrorDetails().errorMessage().contains("GetResourcePolicy"),
                unserved.awsErrorDetails().errorMessage());
    }

    @Test
    void mutualTlsVerifyNeedsAnActiveTrustStore() {
        TrustStoreFixtures.upload(aws.client(software.amazon.awssdk.services.s3.S3Client.class));
        String lb = alb(unique("mtls")).loadBalancerArn();
        String cert = importCertificate("app");
        // CREATING for 30 s of the core clock, which real time moves too: the next call comes well within it.
        String ts = TrustStoreFixtures.create(elb, unique("mtls"), "both.pem").trustStoreArn();
        MutualAuthenticationAttributes verify = MutualAuthenticationAttributes.builder().mode("verify")
                .trustStoreArn(ts).advertiseTrustStoreCaNames("on").build();
        fails(TrustStoreNotReadyException.class, "TrustStoreNotReady", () -> mtls(lb, cert, verify));
        advance(TrustStores.CREATING);
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> mtls(lb, cert, MutualAuthenticationAttributes.builder().mode("verify").build()));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound", () -> mtls(lb, cert, verify.toBuilder()
                .trustStoreArn(ts.substring(0, ts.length() - 4) + "0000").build()));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> mtls(lb, cert, verify.toBuilder().advertiseTrustStoreCaNames("yes").build()));

        Listener listener = mtls(lb, cert, verify);
        MutualAuthenticationAttributes shown = elb.describeListeners(b -> b.listenerArns(listener.listenerArn()))
                .listeners().get(0).mutualAuthentication();
        assertEquals("verify", shown.mode());
        assertEquals(ts, shown.trustStoreArn());
        assertEquals(false, shown.ignoreClientCertificateExpiry());
        assertEquals("on", shown.advertiseTrustStoreCaNamesAsString());
        assertEquals("active", shown.trustStoreAssociationStatusAsString());
        assertEquals(List.of(lb), elb.describeTrustStoreAssociations(b -> b.trustStoreArn(ts))
                .trustStoreAssociations().stream().map(a -> a.resourceArn()).toList());
        fails(TrustStoreInUseException.class, "TrustStoreInUse", () -> elb.deleteTrustStore(b -> b.trustStoreArn(ts)));
        fails(DeleteAssociationSameAccountException.class, "DeleteAssociationSameAccount",
                () -> elb.deleteSharedTrustStoreAssociation(b -> b.trustStoreArn(ts).resourceArn(lb)));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound", () -> elb.deleteSharedTrustStoreAssociation(
                b -> b.trustStoreArn(ts.substring(0, ts.length() - 4) + "0000").resourceArn(lb)));

        // ModifyListener: expiry ignored, then passthrough, which lets the trust store go.
        elb.modifyListener(b -> b.listenerArn(listener.listenerArn()).mutualAuthentication(verify.toBuilder()
                .ignoreClientCertificateExpiry(true).build()));
        assertEquals(true, elb.describeListeners(b -> b.listenerArns(listener.listenerArn())).listeners().get(0)
                .mutualAuthentication().ignoreClientCertificateExpiry());
        elb.modifyListener(b -> b.listenerArn(listener.listenerArn()).mutualAuthentication(m -> m.mode("passthrough")));
        MutualAuthenticationAttributes passthrough = elb.describeListeners(b -> b.listenerArns(listener.listenerArn()))
                .listeners().get(0).mutualAuthentication();
        assertEquals("passthrough", passthrough.mode());
        assertNull(passthrough.trustStoreArn());
        assertTrue(elb.describeTrustStoreAssociations(b -> b.trustStoreArn(ts)).trustStoreAssociations().isEmpty());
        elb.deleteTrustStore(b -> b.trustStoreArn(ts));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound", () -> elb.modifyListener(b -> b
                .listenerArn(listener.listenerArn()).mutualAuthentication(verify)));
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb));
    }

    private static Listener mtls(String lb, String cert, MutualAuthenticationAttributes m) {
        return elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(443)
                .certificates(c -> c.certificateArn(cert)).mutualAuthentication(m)
                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f
                        .statusCode("200").contentType("text/plain")))).listeners().get(0);
    }

    private static Map<String, String> listenerAttributes(String arn) {
        return elb.describeListenerAttributes(b -> b.listenerArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }
}
