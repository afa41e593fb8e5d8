package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;

/**
 * {@code AWS::EC2::TrafficMirrorSession}. {@code Ref} and {@code Fn::GetAtt Id} give the session's id.
 * {@code NetworkInterfaceId} replaces the session; the target, filter, session number, packet length, VXLAN ID
 * and description change in place through ModifyTrafficMirrorSession (removed from the template, the optional ones
 * go back to their defaults through {@code RemoveFields}), {@code Tags} through CreateTags and DeleteTags.
 */
public final class TrafficMirrorSessionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("NetworkInterfaceId", "TrafficMirrorTargetId",
            "TrafficMirrorFilterId", "SessionNumber", "PacketLength", "VirtualNetworkId", "Description", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::TrafficMirrorSession";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("NetworkInterfaceId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTrafficMirrorSession(b -> b.networkInterfaceId(r.requiredText("NetworkInterfaceId"))
                .trafficMirrorTargetId(r.requiredText("TrafficMirrorTargetId"))
                .trafficMirrorFilterId(r.requiredText("TrafficMirrorFilterId"))
                .sessionNumber(Integer.valueOf(r.requiredText("SessionNumber").trim()))
                .packetLength(r.integer("PacketLength")).virtualNetworkId(r.integer("VirtualNetworkId"))
                .description(r.text("Description"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRAFFIC_MIRROR_SESSION))).trafficMirrorSession()
                .trafficMirrorSessionId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        List<String> remove = new ArrayList<>();
        if (changed.contains("PacketLength") && !r.has("PacketLength")) {
            remove.add("packet-length");
        }
        if (changed.contains("VirtualNetworkId") && !r.has("VirtualNetworkId")) {
            remove.add("virtual-network-id");
        }
        if (changed.contains("Description") && !r.has("Description")) {
            remove.add("description");
        }
        if (changed.stream().anyMatch(p -> !p.equals("Tags"))) {
            ec2(r).modifyTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .trafficMirrorTargetId(changed.contains("TrafficMirrorTargetId")
                            ? r.requiredText("TrafficMirrorTargetId") : null)
                    .trafficMirrorFilterId(changed.contains("TrafficMirrorFilterId")
                            ? r.requiredText("TrafficMirrorFilterId") : null)
                    .sessionNumber(Integer.valueOf(r.requiredText("SessionNumber").trim()))
                    .packetLength(r.integer("PacketLength")).virtualNetworkId(r.integer("VirtualNetworkId"))
                    .description(r.text("Description")).removeFieldsWithStrings(remove.isEmpty() ? null : remove));
        }
        Ec2Support.retag(r, id);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTrafficMirrorSession(b -> b.trafficMirrorSessionId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        TrafficMirrorSession x = Ec2Support.described(() -> ec2(r).describeTrafficMirrorSessions(b -> b
                .trafficMirrorSessionIds(r.physicalId())).trafficMirrorSessions(), found -> false);
        if (x == null) {
            return null;
        }
        return new Drift(r).put("NetworkInterfaceId", x.networkInterfaceId())
                .put("TrafficMirrorTargetId", x.trafficMirrorTargetId())
                .put("TrafficMirrorFilterId", x.trafficMirrorFilterId()).put("SessionNumber", x.sessionNumber())
                .put("PacketLength", x.packetLength()).put("VirtualNetworkId", x.virtualNetworkId())
                .put("Description", x.description()).result();
    }
}
