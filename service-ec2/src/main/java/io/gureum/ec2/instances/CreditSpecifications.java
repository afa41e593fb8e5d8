package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.SuccessfulInstanceCreditSpecificationItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulInstanceCreditSpecificationItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulInstanceCreditSpecificationItemError;

/**
 * The CPU credit option of burstable instances (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-how-to.html):
 * {@code standard} or {@code unlimited}, set at launch and changed with ModifyInstanceCreditSpecification,
 * which reports each instance it could not change as an unsuccessful item rather than failing the call.
 */
public final class CreditSpecifications {
    private static final Pattern ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private final Compute compute;
    private final Ec2Filters<InstanceCreditSpecification> filters = new Ec2Filters<InstanceCreditSpecification>()
            .on("instance-id", InstanceCreditSpecification::instanceId);

    public CreditSpecifications(Compute compute) {
        this.compute = compute;
    }

    public DescribeInstanceCreditSpecificationsResponse describeInstanceCreditSpecifications(
            DescribeInstanceCreditSpecificationsRequest r) {
        ComputeStore s = compute.store();
        List<Instance> candidates = r.hasInstanceIds() && !r.instanceIds().isEmpty()
                ? Instances.require(s, r.instanceIds()) : List.copyOf(s.instances.values());
        Ec2Errors.checkDryRun(r.dryRun());
        List<InstanceCreditSpecification> out = new ArrayList<>();
        for (Instance i : candidates) {
            if (i.creditSpecification != null && i.state(compute.now()) != InstanceState.TERMINATED) {
                out.add(InstanceCreditSpecification.builder().instanceId(i.id).cpuCredits(i.creditSpecification)
                        .build());
            }
        }
        var page = Pagination.page(out.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeInstanceCreditSpecificationsResponse.builder().instanceCreditSpecifications(page.items())
                .nextToken(page.nextToken()).build();
    }

    public ModifyInstanceCreditSpecificationResponse modifyInstanceCreditSpecification(
            ModifyInstanceCreditSpecificationRequest r) {
        ComputeStore s = compute.store();
        if (!r.hasInstanceCreditSpecifications() || r.instanceCreditSpecifications().isEmpty()) {
            throw Ec2Errors.missing("InstanceCreditSpecifications");
        }
        for (InstanceCreditSpecificationRequest spec : r.instanceCreditSpecifications()) {
            String credits = spec.cpuCredits();
            if (credits == null || (!credits.equals("standard") && !credits.equals("unlimited"))) {
                throw Ec2Errors.invalidValue(String.valueOf(credits), "CpuCredits", "Valid values are standard and unlimited.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<SuccessfulInstanceCreditSpecificationItem> ok = new ArrayList<>();
        List<UnsuccessfulInstanceCreditSpecificationItem> failed = new ArrayList<>();
        for (InstanceCreditSpecificationRequest spec : r.instanceCreditSpecifications()) {
            String id = spec.instanceId();
            Instance i = id == null ? null : s.instances.get(id);
            String code = null;
            String message = null;
            if (id == null || !ID.matcher(id).matches()) {
                code = "InvalidInstanceID.Malformed";
                message = "Invalid id: \"" + id + "\"";
            } else if (i == null) {
                code = "InvalidInstanceID.NotFound";
                message = "The instance ID '" + id + "' does not exist";
            } else if (i.creditSpecification == null) {
                code = "InstanceCreditSpecification.NotSupported";
                message = "The instance " + id + " is not a burstable performance instance.";
            } else if (i.state(compute.now()) == InstanceState.TERMINATED
                    || i.state(compute.now()) == InstanceState.SHUTTING_DOWN) {
                code = "IncorrectInstanceState";
                message = "The instance '" + id + "' is not in a state from which it can be modified.";
            }
            if (code != null) {
                failed.add(UnsuccessfulInstanceCreditSpecificationItem.builder().instanceId(id)
                        .error(UnsuccessfulInstanceCreditSpecificationItemError.builder().code(code).message(message)
                                .build()).build());
            } else {
                i.creditSpecification = spec.cpuCredits();
                ok.add(SuccessfulInstanceCreditSpecificationItem.builder().instanceId(id).build());
            }
        }
        return ModifyInstanceCreditSpecificationResponse.builder().successfulInstanceCreditSpecifications(ok)
                .unsuccessfulInstanceCreditSpecifications(failed).build();
    }
}
