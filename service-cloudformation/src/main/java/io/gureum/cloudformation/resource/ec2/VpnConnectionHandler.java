package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.integer;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CloudWatchLogOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.IKEVersionsRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase1DHGroupNumbersRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase1EncryptionAlgorithmsRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase1IntegrityAlgorithmsRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase2DHGroupNumbersRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase2EncryptionAlgorithmsRequestListValue;
import software.amazon.awssdk.services.ec2.model.Phase2IntegrityAlgorithmsRequestListValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnTunnelLogOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/**
 * {@code AWS::EC2::VPNConnection}: a Site-to-Site VPN connection between a customer gateway and a virtual private
 * gateway or a transit gateway. {@code Ref} is the VPN connection ID; {@code Fn::GetAtt} gives
 * {@code VpnConnectionId}. Every property but {@code Tags} replaces it, as the resource reference says; tags change
 * in place. Create waits until EC2 reports the connection {@code available}, delete until it reports it
 * {@code deleted} (which frees its gateways for the resources deleted after it); neither wait holds a thread
 * ({@link Polling}).
 */
public final class VpnConnectionHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("CustomerGatewayId", "EnableAcceleration",
            "LocalIpv4NetworkCidr", "LocalIpv6NetworkCidr", "OutsideIpAddressType", "PreSharedKeyStorage",
            "RemoteIpv4NetworkCidr", "RemoteIpv6NetworkCidr", "StaticRoutesOnly", "Tags", "TransitGatewayId",
            "TransportTransitGatewayAttachmentId", "TunnelBandwidth", "TunnelInsideIpVersion", "Type",
            "VpnConcentratorId", "VpnGatewayId", "VpnTunnelOptionsSpecifications");

    @Override
    public String type() {
        return "AWS::EC2::VPNConnection";
    }

    @Override
    public Set<String> replacementProperties() {
        Set<String> replacing = new java.util.HashSet<>(SERVED);
        replacing.remove("Tags");
        return replacing;
    }

    private static VpnConnection describe(Ec2Client ec2, String id) {
        return ec2.describeVpnConnections(b -> b.vpnConnectionIds(id)).vpnConnections().get(0);
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<VpnTunnelOptionsSpecification> tunnels = new ArrayList<>();
        JsonNode specs = r.property("VpnTunnelOptionsSpecifications");
        if (specs != null) {
            specs.forEach(t -> tunnels.add(tunnel(t)));
        }
        String id = ec2.createVpnConnection(b -> b.type(r.requiredText("Type"))
                .customerGatewayId(r.requiredText("CustomerGatewayId")).vpnGatewayId(r.text("VpnGatewayId"))
                .transitGatewayId(r.text("TransitGatewayId")).vpnConcentratorId(r.text("VpnConcentratorId"))
                .preSharedKeyStorage(r.text("PreSharedKeyStorage"))
                .options(o -> o.staticRoutesOnly(r.bool("StaticRoutesOnly"))
                        .enableAcceleration(r.bool("EnableAcceleration"))
                        .localIpv4NetworkCidr(r.text("LocalIpv4NetworkCidr"))
                        .remoteIpv4NetworkCidr(r.text("RemoteIpv4NetworkCidr"))
                        .localIpv6NetworkCidr(r.text("LocalIpv6NetworkCidr"))
                        .remoteIpv6NetworkCidr(r.text("RemoteIpv6NetworkCidr"))
                        .outsideIpAddressType(r.text("OutsideIpAddressType"))
                        .transportTransitGatewayAttachmentId(r.text("TransportTransitGatewayAttachmentId"))
                        .tunnelBandwidth(r.text("TunnelBandwidth"))
                        .tunnelInsideIpVersion(r.text("TunnelInsideIpVersion"))
                        .tunnelOptions(tunnels.isEmpty() ? null : tunnels))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPN_CONNECTION)))
                .vpnConnection().vpnConnectionId();
        return Polling.settled("VPN connection " + id, () -> "available".equals(describe(ec2, id).stateAsString()))
                .thenApply(x -> Created.of(id).attribute("VpnConnectionId", id));
    }

    /** One VpnTunnelOptionsSpecification of the template, in the API's shape. */
    private static VpnTunnelOptionsSpecification tunnel(JsonNode t) {
        VpnTunnelOptionsSpecification.Builder b = VpnTunnelOptionsSpecification.builder()
                .tunnelInsideCidr(text(t, "TunnelInsideCidr")).tunnelInsideIpv6Cidr(text(t, "TunnelInsideIpv6Cidr"))
                .preSharedKey(text(t, "PreSharedKey")).phase1LifetimeSeconds(integer(t, "Phase1LifetimeSeconds"))
                .phase2LifetimeSeconds(integer(t, "Phase2LifetimeSeconds"))
                .rekeyMarginTimeSeconds(integer(t, "RekeyMarginTimeSeconds"))
                .rekeyFuzzPercentage(integer(t, "RekeyFuzzPercentage")).replayWindowSize(integer(t, "ReplayWindowSize"))
                .dpdTimeoutSeconds(integer(t, "DPDTimeoutSeconds")).dpdTimeoutAction(text(t, "DPDTimeoutAction"))
                .startupAction(text(t, "StartupAction"));
        String lifecycle = text(t, "EnableTunnelLifecycleControl");
        if (lifecycle != null) {
            b.enableTunnelLifecycleControl(Boolean.valueOf(lifecycle));
        }
        JsonNode log = t.path("LogOptions").path("CloudwatchLogOptions");
        if (!log.isMissingNode()) {
            String enabled = text(log, "LogEnabled");
            String bgp = text(log, "BgpLogEnabled");
            b.logOptions(VpnTunnelLogOptionsSpecification.builder().cloudWatchLogOptions(
                    CloudWatchLogOptionsSpecification.builder().logEnabled(enabled == null ? null
                            : Boolean.valueOf(enabled)).logGroupArn(text(log, "LogGroupArn"))
                            .logOutputFormat(text(log, "LogOutputFormat"))
                            .bgpLogEnabled(bgp == null ? null : Boolean.valueOf(bgp))
                            .bgpLogGroupArn(text(log, "BgpLogGroupArn"))
                            .bgpLogOutputFormat(text(log, "BgpLogOutputFormat")).build()).build());
        }
        if (t.has("Phase1EncryptionAlgorithms")) {
            b.phase1EncryptionAlgorithms(values(t, "Phase1EncryptionAlgorithms", v -> Phase1EncryptionAlgorithmsRequestListValue
                    .builder().value(v).build()));
        }
        if (t.has("Phase2EncryptionAlgorithms")) {
            b.phase2EncryptionAlgorithms(values(t, "Phase2EncryptionAlgorithms", v -> Phase2EncryptionAlgorithmsRequestListValue
                    .builder().value(v).build()));
        }
        if (t.has("Phase1IntegrityAlgorithms")) {
            b.phase1IntegrityAlgorithms(values(t, "Phase1IntegrityAlgorithms", v -> Phase1IntegrityAlgorithmsRequestListValue
                    .builder().value(v).build()));
        }
        if (t.has("Phase2IntegrityAlgorithms")) {
            b.phase2IntegrityAlgorithms(values(t, "Phase2IntegrityAlgorithms", v -> Phase2IntegrityAlgorithmsRequestListValue
                    .builder().value(v).build()));
        }
        if (t.has("Phase1DHGroupNumbers")) {
            b.phase1DHGroupNumbers(values(t, "Phase1DHGroupNumbers", v -> Phase1DHGroupNumbersRequestListValue
                    .builder().value(Integer.valueOf(v.trim())).build()));
        }
        if (t.has("Phase2DHGroupNumbers")) {
            b.phase2DHGroupNumbers(values(t, "Phase2DHGroupNumbers", v -> Phase2DHGroupNumbersRequestListValue
                    .builder().value(Integer.valueOf(v.trim())).build()));
        }
        if (t.has("IKEVersions")) {
            b.ikeVersions(values(t, "IKEVersions", v -> IKEVersionsRequestListValue.builder().value(v).build()));
        }
        return b.build();
    }

    /** A list of {@code {Value: …}} objects as API values. */
    private static <T> List<T> values(JsonNode t, String field, Function<String, T> f) {
        List<T> out = new ArrayList<>();
        t.get(field).forEach(v -> out.add(f.apply(v.isObject() ? text(v, "Value") : v.asText())));
        return out;
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("VpnConnectionId", r.physicalId());
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(id));
            return Polling.settled("VPN connection " + id, () -> ec2.describeVpnConnections(b -> b
                    .vpnConnectionIds(id)).vpnConnections().stream()
                    .allMatch(c -> "deleted".equals(c.stateAsString())));
        });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        var c = Ec2Support.described(() -> ec2(r).describeVpnConnections(b -> b.vpnConnectionIds(r.physicalId()))
                .vpnConnections(), found -> "deleted".equals(found.stateAsString()));
        if (c == null) {
            return null;
        }
        return new Drift(r).put("Type", c.typeAsString()).put("CustomerGatewayId", c.customerGatewayId())
                .put("VpnGatewayId", c.vpnGatewayId()).put("TransitGatewayId", c.transitGatewayId())
                .put("StaticRoutesOnly", c.options().staticRoutesOnly()).result();
    }
}
