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
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;

/**
 * {@code AWS::EC2::TrafficMirrorFilter}. {@code Ref} and {@code Fn::GetAtt Id} give the filter's id.
 * {@code Description} replaces the filter; {@code NetworkServices} (ModifyTrafficMirrorFilterNetworkServices) and
 * {@code Tags} change in place.
 */
public final class TrafficMirrorFilterHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "NetworkServices", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::TrafficMirrorFilter";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Description");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTrafficMirrorFilter(b -> b.description(r.text("Description"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRAFFIC_MIRROR_FILTER))).trafficMirrorFilter()
                .trafficMirrorFilterId();
        List<String> services = Ec2Support.strings(r, "NetworkServices");
        if (!services.isEmpty()) {
            ec2(r).modifyTrafficMirrorFilterNetworkServices(b -> b.trafficMirrorFilterId(id)
                    .addNetworkServicesWithStrings(services));
        }
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        if (r.changedProperties().contains("NetworkServices")) {
            List<String> now = Ec2Support.strings(r, "NetworkServices");
            List<String> before = r.previousProperties() == null ? List.of()
                    : Ec2Support.strings(r.previousProperties().get("NetworkServices"));
            List<String> add = new ArrayList<>(now);
            add.removeAll(before);
            List<String> remove = new ArrayList<>(before);
            remove.removeAll(now);
            ec2(r).modifyTrafficMirrorFilterNetworkServices(b -> b.trafficMirrorFilterId(id)
                    .addNetworkServicesWithStrings(add.isEmpty() ? null : add)
                    .removeNetworkServicesWithStrings(remove.isEmpty() ? null : remove));
        }
        Ec2Support.retag(r, id);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTrafficMirrorFilter(b -> b.trafficMirrorFilterId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        TrafficMirrorFilter f = Ec2Support.described(() -> ec2(r).describeTrafficMirrorFilters(b -> b
                .trafficMirrorFilterIds(r.physicalId())).trafficMirrorFilters(), found -> false);
        if (f == null) {
            return null;
        }
        return new Drift(r).put("Description", f.description())
                .put("NetworkServices", Ec2Support.array(f.networkServicesAsStrings())).result();
    }
}
