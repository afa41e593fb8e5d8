package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * AWS::EC2::VerifiedAccessTrustProvider, VerifiedAccessInstance, VerifiedAccessGroup and VerifiedAccessEndpoint
 * through the SPI: created, updated in place or replaced, deleted, checked through the EC2 client.
 */
class VerifiedAccessHandlersIT extends HandlerTestSupport {
    /** Moves the core clock while the endpoint handler waits for its status (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0d2e4a5c-1111-2222-3333-444455556666";

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    static String code(Runnable call) {
        return assertThrows(AwsServiceException.class, call::run).awsErrorDetails().errorCode();
    }

    @Test
    void verifiedAccessStack() {
        String oidc = "'OidcOptions':{'Issuer':'https://idp.example.com','AuthorizationEndpoint':'https://idp.example.com/a',"
                + "'TokenEndpoint':'https://idp.example.com/t','UserInfoEndpoint':'https://idp.example.com/u',"
                + "'ClientId':'c','ClientSecret':'s','Scope':'openid'}";
        Deployed tp = create(new VerifiedAccessTrustProviderHandler(), "Idp", props("{'TrustProviderType':'user',"
                + "'UserTrustProviderType':'oidc','PolicyReferenceName':'idp','Description':'corp'," + oidc
                + ",'Tags':[{'Key':'Name','Value':'idp'}]}"));
        assertTrue(tp.id().startsWith("vatp-"), tp.id());
        assertEquals(tp.id(), tp.att("VerifiedAccessTrustProviderId"));
        assertTrue(replaces(tp, props("{'TrustProviderType':'user','UserTrustProviderType':'oidc',"
                + "'PolicyReferenceName':'other'," + oidc + "}")));
        Deployed tp2 = update(tp, props("{'TrustProviderType':'user','UserTrustProviderType':'oidc',"
                + "'PolicyReferenceName':'idp','Description':'renamed'," + oidc.replace("'openid'", "'openid email'")
                + ",'Tags':[{'Key':'Name','Value':'idp'}]}"));
        var described = ec2().describeVerifiedAccessTrustProviders(b -> b.verifiedAccessTrustProviderIds(tp.id()))
                .verifiedAccessTrustProviders().get(0);
        assertEquals("renamed", described.description());
        assertEquals("openid email", described.oidcOptions().scope());
        assertEquals("idp", read(tp2).get("PolicyReferenceName").asText());

        Deployed instance = create(new VerifiedAccessInstanceHandler(), "Instance", props("{'Description':'main',"
                + "'VerifiedAccessTrustProviderIds':['" + tp.id() + "'],'LoggingConfigurations':{'LogVersion':'ocsf-0.1',"
                + "'CloudWatchLogs':{'Enabled':true,'LogGroup':'/va'}}}"));
        assertTrue(instance.id().startsWith("vai-"), instance.id());
        assertEquals(instance.id(), instance.att("VerifiedAccessInstanceId"));
        assertEquals(List.of(tp.id()), ec2().describeVerifiedAccessInstances(b -> b.verifiedAccessInstanceIds(
                instance.id())).verifiedAccessInstances().get(0).verifiedAccessTrustProviders().stream()
                .map(p -> p.verifiedAccessTrustProviderId()).toList());
        assertEquals("/va", ec2().describeVerifiedAccessInstanceLoggingConfigurations(b -> b
                .verifiedAccessInstanceIds(instance.id())).loggingConfigurations().get(0).accessLogs().cloudWatchLogs()
                .logGroup());
        assertTrue(replaces(instance, props("{'FipsEnabled':true}")));
        assertFalse(replaces(instance, props("{'Description':'other'}")));

        Deployed group = create(new VerifiedAccessGroupHandler(), "Group", props("{'VerifiedAccessInstanceId':'"
                + instance.id() + "','PolicyDocument':'permit(principal, action, resource);','PolicyEnabled':true}"));
        assertTrue(group.id().startsWith("vagr-"), group.id());
        assertEquals(account, group.att("Owner"));
        assertTrue(group.att("VerifiedAccessGroupArn").endsWith(":verified-access-group/" + group.id()));
        Deployed group2 = update(group, props("{'VerifiedAccessInstanceId':'" + instance.id()
                + "','Description':'sales','PolicyEnabled':false}"));
        assertEquals(false, ec2().getVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(group.id()))
                .policyEnabled());
        assertEquals("sales", read(group2).get("Description").asText());

        // The network the endpoint needs, made directly through EC2 (its own handlers are tested elsewhere).
        String vpc = ec2().createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2().createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String eni = ec2().createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
        String sg = ec2().createSecurityGroup(b -> b.vpcId(vpc).groupName("va").description("va")).groupId();
        String endpointProps = "{'VerifiedAccessGroupId':'" + group.id() + "','EndpointType':'network-interface',"
                + "'AttachmentType':'vpc','SecurityGroupIds':['" + sg + "'],'ApplicationDomain':'app.example.com',"
                + "'DomainCertificateArn':'" + CERT + "','EndpointDomainPrefix':'app',"
                + "'NetworkInterfaceOptions':{'NetworkInterfaceId':'" + eni + "','Protocol':'https','Port':%d},"
                + "'Tags':[{'Key':'Name','Value':'app'}]}";
        Deployed endpoint = create(new VerifiedAccessEndpointHandler(), "Endpoint", props(String.format(endpointProps,
                443)));
        assertTrue(endpoint.id().startsWith("vae-"), endpoint.id());
        assertEquals("active", endpoint.att("Status"));
        assertEquals(instance.id(), endpoint.att("VerifiedAccessInstanceId"));
        assertTrue(endpoint.att("EndpointDomain").startsWith("app."), endpoint.att("EndpointDomain"));
        assertFalse(replaces(endpoint, props(String.format(endpointProps, 8443))));
        assertTrue(replaces(endpoint, props(String.format(endpointProps, 443).replace(eni, "eni-0123456789abcdef0"))));
        Deployed endpoint2 = update(endpoint, props(String.format(endpointProps, 8443)));
        assertEquals("active", endpoint2.att("Status"));
        assertEquals(8443, ec2().describeVerifiedAccessEndpoints(b -> b.verifiedAccessEndpointIds(endpoint.id()))
                .verifiedAccessEndpoints().get(0).networkInterfaceOptions().port());
        assertEquals("network-interface", read(endpoint2).get("EndpointType").asText());
        // Gureum serves no Elastic Load Balancing: a load-balancer endpoint fails as EC2 fails it.
        assertThrows(AwsServiceException.class, () -> create(new VerifiedAccessEndpointHandler(), "Lb", props(
                "{'VerifiedAccessGroupId':'" + group.id() + "','EndpointType':'load-balancer','AttachmentType':'vpc',"
                        + "'SecurityGroupIds':['" + sg + "'],'ApplicationDomain':'app.example.com',"
                        + "'DomainCertificateArn':'" + CERT + "','EndpointDomainPrefix':'lb','LoadBalancerOptions':{"
                        + "'LoadBalancerArn':'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1',"
                        + "'Protocol':'https','Port':443,'SubnetIds':['" + subnet + "']}}")));

        delete(endpoint2);
        assertEquals("deleted", ec2().describeVerifiedAccessEndpoints(b -> b.verifiedAccessEndpointIds(endpoint.id()))
                .verifiedAccessEndpoints().get(0).status().codeAsString());
        assertNull(read(endpoint2));
        delete(endpoint2); // already gone: still deleted
        delete(group2);
        assertEquals("InvalidVerifiedAccessGroupId.NotFound", code(() -> ec2().describeVerifiedAccessGroups(b -> b
                .verifiedAccessGroupIds(group.id()))));
        delete(instance); // detaches its trust provider first
        assertEquals("InvalidVerifiedAccessInstanceId.NotFound", code(() -> ec2().describeVerifiedAccessInstances(b -> b
                .verifiedAccessInstanceIds(instance.id()))));
        delete(tp2);
        assertNull(read(tp2));
        ec2().deleteSecurityGroup(b -> b.groupId(sg));
        ec2().deleteNetworkInterface(b -> b.networkInterfaceId(eni));
    }
}
