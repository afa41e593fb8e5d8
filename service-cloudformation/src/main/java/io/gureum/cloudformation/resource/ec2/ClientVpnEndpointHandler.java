package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ClientConnectOptions;
import software.amazon.awssdk.services.ec2.model.ClientLoginBannerOptions;
import software.amazon.awssdk.services.ec2.model.ClientRouteEnforcementOptions;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthenticationRequest;
import software.amazon.awssdk.services.ec2.model.ConnectionLogOptions;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code AWS::EC2::ClientVpnEndpoint} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-clientvpnendpoint.html).
 * {@code Ref} and {@code Fn::GetAtt Id} are the endpoint ID. {@code AuthenticationOptions}, {@code ClientCidrBlock},
 * {@code TagSpecifications}, {@code TransportProtocol} and the IP address types replace the endpoint; the others
 * change in place through ModifyClientVpnEndpoint. A new endpoint is {@code pending-associate} until an
 * {@code AWS::EC2::ClientVpnTargetNetworkAssociation} associates a subnet, so create does not wait; delete waits
 * until EC2 reports the endpoint {@code deleted}, without holding a thread ({@link Polling}).
 */
public final class ClientVpnEndpointHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AuthenticationOptions", "AuthorizationPolicy", "ClientCidrBlock",
            "ClientConnectOptions", "ClientLoginBannerOptions", "ClientRouteEnforcementOptions", "ConnectionLogOptions",
            "Description", "DisconnectOnSessionTimeout", "DnsServers", "EndpointIpAddressType", "SecurityGroupIds",
            "SelfServicePortal", "ServerCertificateArn", "SessionTimeoutHours", "SplitTunnel", "TagSpecifications",
            "TrafficIpAddressType", "TransportProtocol", "VpcId", "VpnPort");

    @Override
    public String type() {
        return "AWS::EC2::ClientVpnEndpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AuthenticationOptions", "ClientCidrBlock", "EndpointIpAddressType", "TagSpecifications",
                "TrafficIpAddressType", "TransportProtocol");
    }

    private static <T> T object(ResourceRequest r, String property,
            software.amazon.awssdk.utils.builder.SdkBuilder<?, T> builder) {
        JsonNode node = r.property(property);
        return node == null ? null : SdkJson.build(node, builder, property);
    }

    /** The template's tags with the {@code aws:cloudformation:*} and stack tags, in one specification. */
    private static List<TagSpecification> tagSpecifications(ResourceRequest r) {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(Ec2Support.tags(r));
        JsonNode given = r.property("TagSpecifications");
        if (given != null) {
            given.forEach(s -> SdkJson.build(s, TagSpecification.builder(), "TagSpecifications").tags()
                    .forEach(t -> tags.put(t.key(), t.value())));
        }
        if (tags.isEmpty()) {
            return null;
        }
        return List.of(TagSpecification.builder().resourceType(ResourceType.CLIENT_VPN_ENDPOINT)
                .tags(Ec2Support.sdkTags(tags)).build());
    }

    /** {@code AuthorizationPolicy} through ModifyClientVpnEndpointAuthorizationPolicy (it creates or replaces). */
    private static void applyPolicy(ResourceRequest r, Ec2Client ec2, String id) {
        JsonNode policy = r.property("AuthorizationPolicy");
        if (policy == null) {
            return;
        }
        ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)
                .policyDocument(Ec2Support.text(policy, "PolicyDocument"))
                .description(Ec2Support.text(policy, "Description"))
                .shadowMode(Ec2Support.text(policy, "ShadowMode")));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<ClientVpnAuthenticationRequest> auth = new ArrayList<>();
        JsonNode options = r.property("AuthenticationOptions");
        if (options != null) {
            options.forEach(o -> auth.add(SdkJson.build(o, ClientVpnAuthenticationRequest.builder(),
                    "AuthenticationOptions")));
        }
        List<String> dns = Ec2Support.strings(r, "DnsServers");
        List<String> groups = Ec2Support.strings(r, "SecurityGroupIds");
        String id = ec2.createClientVpnEndpoint(b -> b.clientCidrBlock(r.text("ClientCidrBlock"))
                .serverCertificateArn(r.text("ServerCertificateArn")).authenticationOptions(auth)
                .connectionLogOptions(object(r, "ConnectionLogOptions", ConnectionLogOptions.builder()))
                .dnsServers(dns.isEmpty() ? null : dns).transportProtocol(r.text("TransportProtocol"))
                .vpnPort(r.integer("VpnPort")).description(r.text("Description")).splitTunnel(r.bool("SplitTunnel"))
                .securityGroupIds(groups.isEmpty() ? null : groups).vpcId(r.text("VpcId"))
                .selfServicePortal(r.text("SelfServicePortal"))
                .clientConnectOptions(object(r, "ClientConnectOptions", ClientConnectOptions.builder()))
                .sessionTimeoutHours(r.integer("SessionTimeoutHours"))
                .clientLoginBannerOptions(object(r, "ClientLoginBannerOptions", ClientLoginBannerOptions.builder()))
                .clientRouteEnforcementOptions(object(r, "ClientRouteEnforcementOptions",
                        ClientRouteEnforcementOptions.builder()))
                .disconnectOnSessionTimeout(r.bool("DisconnectOnSessionTimeout"))
                .endpointIpAddressType(r.text("EndpointIpAddressType"))
                .trafficIpAddressType(r.text("TrafficIpAddressType"))
                .tagSpecifications(tagSpecifications(r))).clientVpnEndpointId();
        applyPolicy(r, ec2, id);
        return CompletableFuture.completedFuture(Created.of(id).attribute("Id", id));
    }

    /** Sends what changed; a property removed from the template goes back to EC2's default. */
    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        ModifyClientVpnEndpointRequest.Builder m = ModifyClientVpnEndpointRequest.builder().clientVpnEndpointId(id);
        if (changed.contains("ServerCertificateArn")) {
            m.serverCertificateArn(r.text("ServerCertificateArn"));
        }
        if (changed.contains("ConnectionLogOptions")) {
            m.connectionLogOptions(object(r, "ConnectionLogOptions", ConnectionLogOptions.builder()));
        }
        if (changed.contains("DnsServers")) {
            List<String> dns = Ec2Support.strings(r, "DnsServers");
            m.dnsServers(d -> d.enabled(!dns.isEmpty()).customDnsServers(dns.isEmpty() ? null : dns));
        }
        if (changed.contains("VpnPort")) {
            m.vpnPort(r.has("VpnPort") ? r.integer("VpnPort") : 443);
        }
        if (changed.contains("Description")) {
            m.description(r.has("Description") ? r.text("Description") : "");
        }
        if (changed.contains("SplitTunnel")) {
            m.splitTunnel(Boolean.TRUE.equals(r.bool("SplitTunnel")));
        }
        if (changed.contains("SecurityGroupIds") || changed.contains("VpcId")) {
            List<String> groups = Ec2Support.strings(r, "SecurityGroupIds");
            m.vpcId(r.text("VpcId")).securityGroupIds(groups.isEmpty() ? null : groups);
        }
        if (changed.contains("SelfServicePortal")) {
            m.selfServicePortal(r.has("SelfServicePortal") ? r.text("SelfServicePortal") : "disabled");
        }
        if (changed.contains("ClientConnectOptions")) {
            ClientConnectOptions c = object(r, "ClientConnectOptions", ClientConnectOptions.builder());
            m.clientConnectOptions(c != null ? c : ClientConnectOptions.builder().enabled(false).build());
        }
        if (changed.contains("SessionTimeoutHours")) {
            m.sessionTimeoutHours(r.has("SessionTimeoutHours") ? r.integer("SessionTimeoutHours") : 24);
        }
        if (changed.contains("ClientLoginBannerOptions")) {
            ClientLoginBannerOptions c = object(r, "ClientLoginBannerOptions", ClientLoginBannerOptions.builder());
            m.clientLoginBannerOptions(c != null ? c : ClientLoginBannerOptions.builder().enabled(false).build());
        }
        if (changed.contains("ClientRouteEnforcementOptions")) {
            ClientRouteEnforcementOptions c = object(r, "ClientRouteEnforcementOptions",
                    ClientRouteEnforcementOptions.builder());
            m.clientRouteEnforcementOptions(c != null ? c : ClientRouteEnforcementOptions.builder().enforced(false)
                    .build());
        }
        if (changed.contains("DisconnectOnSessionTimeout")) {
            m.disconnectOnSessionTimeout(!Boolean.FALSE.equals(r.bool("DisconnectOnSessionTimeout")));
        }
        ec2.modifyClientVpnEndpoint(m.build());
        if (changed.contains("AuthorizationPolicy")) {
            if (r.has("AuthorizationPolicy")) {
                applyPolicy(r, ec2, id);
            } else {
                ec2.deleteClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id));
            }
        }
        return CompletableFuture.completedFuture(Created.of(id).attribute("Id", id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteClientVpnEndpoint(b -> b.clientVpnEndpointId(id));
            return Polling.settled("Client VPN endpoint " + id, () -> "deleted".equals(ec2
                    .describeClientVpnEndpoints(b -> b.clientVpnEndpointIds(id)).clientVpnEndpoints().get(0)
                    .status().codeAsString()));
        });
    }
}
