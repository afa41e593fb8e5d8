package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.InstanceMonitoring;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesResponse;

/**
 * Detailed monitoring (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html):
 * MonitorInstances and UnmonitorInstances switch an instance's metrics between every 5 minutes and every
 * minute. AWS answers the transitional states {@code pending} and {@code disabling}; DescribeInstances
 * shows {@code enabled} or {@code disabled} at once.
 */
public final class DetailedMonitoring {
    private final Compute compute;

    public DetailedMonitoring(Compute compute) {
        this.compute = compute;
    }

    public MonitorInstancesResponse monitorInstances(MonitorInstancesRequest r) {
        return MonitorInstancesResponse.builder().instanceMonitorings(set(r.instanceIds(), r.dryRun(), true)).build();
    }

    public UnmonitorInstancesResponse unmonitorInstances(UnmonitorInstancesRequest r) {
        return UnmonitorInstancesResponse.builder().instanceMonitorings(set(r.instanceIds(), r.dryRun(), false))
                .build();
    }

    private List<InstanceMonitoring> set(List<String> ids, Boolean dryRun, boolean on) {
        ComputeStore s = compute.store();
        List<Instance> instances = Instances.require(s, ids);
        Ec2Errors.checkDryRun(dryRun);
        List<InstanceMonitoring> out = new ArrayList<>();
        for (Instance i : instances) {
            i.monitoring = on;
            out.add(InstanceMonitoring.builder().instanceId(i.id)
                    .monitoring(Monitoring.builder().state(on ? "pending" : "disabling").build()).build());
        }
        return out;
    }
}
