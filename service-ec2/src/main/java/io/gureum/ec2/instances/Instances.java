package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.ebs.Ebs;
import io.gureum.ec2.ebs.Volume;
import io.gureum.ec2.images.Image;
import io.gureum.ec2.images.Images;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * RunInstances and the instance lifecycle (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html):
 * pending → running → stopping → stopped → pending …, shutting-down → terminated, each transition taking
 * {@link io.gureum.ec2.compute.Timing#TRANSITION} on the core clock. Stopping releases the Amazon public
 * IPv4 address (an Elastic IP stays); starting assigns a new one; the private address stays for the
 * instance's life. Terminating deletes the primary interface and the volumes marked delete-on-termination.
 */
public final class Instances {
    private static final Pattern ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");

    private final Compute compute;
    private final Images images;
    private final Ebs ebs;
    private final InstanceNetwork network;
    private final LaunchReferences references;
    private final InstanceTypeCatalogue types = InstanceTypeCatalogue.standard();
    private final ZoneOutages outages;
    private final InstanceStateEvents stateEvents;
    private final ProfileAssociations profiles;
    private final MetadataDefaults metadataDefaults = new MetadataDefaults();
    private final LaunchCapacity capacity;

    public Instances(Compute compute, Images images, Ebs ebs) {
        this.compute = compute;
        this.images = images;
        this.ebs = ebs;
        this.network = new InstanceNetwork(compute);
        this.references = new LaunchReferences(compute);
        this.outages = new ZoneOutages(compute, network);
        this.stateEvents = new InstanceStateEvents(compute);
        this.profiles = new ProfileAssociations(compute, references);
        this.capacity = new LaunchCapacity(compute);
    }

    /** Tells {@code usage} of every change of what an instance uses (state, Capacity Reservation). */
    public void onUsage(InstanceUsage usage) {
        stateEvents.usage = usage;
    }

    /**
     * A Capacity Reservation that was cancelled or expired at {@code at} releases its instances: they go on
     * running as On-Demand capacity ("Cancel a Capacity Reservation", EC2 User Guide).
     */
    public void releaseReservation(ComputeStore s, String reservationId, Instant at) {
        for (Instance i : s.instances.values()) {
            if (reservationId.equals(i.capacityReservationId)) {
                i.capacityReservationId = null;
                InstanceState st = i.state(compute.now());
                stateEvents.usage.observe(s.account, s.region, i, st == InstanceState.PENDING
                        || st == InstanceState.RUNNING, at);
            }
        }
    }

    /** What ModifyInstanceCapacityReservationAttributes needs of launches. */
    LaunchCapacity capacity() {
        return capacity;
    }

    /** The IAM instance profile associations (a provider of their four operations). */
    public ProfileAssociations profiles() {
        return profiles;
    }

    MetadataDefaults metadataDefaults() {
        return metadataDefaults;
    }

    /** The records of the account's instance metadata defaults for --data-dir. */
    public io.gureum.ec2.compute.PlaceFamily metadataDefaultsRecords() {
        return metadataDefaults.records();
    }

    /** The records of IAM instance profile associations for --data-dir. */
    public io.gureum.ec2.compute.PlaceFamily profileRecords() {
        return profiles.records();
    }

    /** The records of instances, volumes and the account's EBS settings for --data-dir. */
    public io.gureum.ec2.compute.PlaceFamily records() {
        return new InstanceRecords(compute, stateEvents);
    }

    /** EC2's reactions to Availability Zone outages. */
    public ZoneOutages outages() {
        return outages;
    }

    /** Stops the timer of state-change events and the outage subscription. */
    public void close() {
        stateEvents.close();
        outages.close();
    }

    /** What AttachVolume and DetachVolume need of instances. */
    public io.gureum.ec2.ebs.Volumes.InstanceLookup volumeLookup() {
        return new io.gureum.ec2.ebs.Volumes.InstanceLookup() {
            @Override
            public String[] zoneAndState(ComputeStore s, String instanceId) {
                Instance i = instanceId == null ? null : s.instances.get(instanceId);
                return i == null ? null : new String[] {i.availabilityZone, i.state(compute.now()).label};
            }

            @Override
            public void attached(ComputeStore s, String instanceId, String device, String volumeId) {
                s.instances.get(instanceId).blockDevices.add(new Instance.Attachment(device, volumeId));
            }

            @Override
            public void detached(ComputeStore s, String instanceId, String volumeId) {
                Instance i = s.instances.get(instanceId);
                if (i != null) {
                    i.blockDevices.removeIf(a -> a.volumeId().equals(volumeId));
                }
            }
        };
    }

    InstanceNetwork network() {
        return network;
    }

    /** The instances named, each checked: InvalidInstanceID.Malformed, then NotFound naming all unknown IDs. */
    static List<Instance> require(ComputeStore s, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw Ec2Errors.missing("InstanceId");
        }
        List<String> unknown = new ArrayList<>();
        List<Instance> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!ID.matcher(id).matches()) {
                throw Ec2Error.INVALID_INSTANCE_ID_MALFORMED.of(id);
            }
            Instance i = s.instances.get(id);
            if (i == null) {
                unknown.add(id);
            } else {
                found.add(i);
            }
        }
        if (unknown.size() == 1) {
            throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(unknown.get(0));
        }
        if (!unknown.isEmpty()) {
            throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.withMessage("The instance IDs '" + String.join(", ", unknown)
                    + "' do not exist");
        }
        return found;
    }

    static Instance require(ComputeStore s, String id) {
        return require(s, List.of(id == null ? "" : id)).get(0);
    }

    public RunInstancesResponse runInstances(RunInstancesRequest given) {
        ComputeStore s = compute.store();
        RunInstancesRequest r = references.applyLaunchTemplate(s, given);
        if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
            return replay(s, r);
        }
        r = references.onHost(s, r);
        Launch.counts(r.minCount(), r.maxCount());
        if (r.imageId() == null) {
            throw Ec2Errors.missing("ImageId");
        }
        Image image = images.requireLaunchable(s.region, s.account, r.imageId());
        String type = r.instanceTypeAsString() == null ? "m1.small" : r.instanceTypeAsString();
        var info = types.info(type);
        if (info == null) {
            throw Ec2Errors.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
        }
        List<String> archs = info.processorInfo().supportedArchitecturesAsStrings();
        if (!archs.contains(image.architecture)) {
            throw Ec2Errors.invalidParameterValue("The architecture '" + archs.get(0) + "' of the specified instance "
                    + "type does not match the architecture '" + image.architecture + "' of the specified AMI. Specify "
                    + "an instance type and an AMI that have matching architectures, and try again. You can use "
                    + "'describe-instance-types' or 'describe-images' to discover the architecture of the instance "
                    + "type or AMI.");
        }
        String userData = Launch.userData(r.userData());
        Launch.tagSpecifications(r.tagSpecifications());
        Launch.metadataOptions(r.metadataOptions());
        String shutdown = r.instanceInitiatedShutdownBehaviorAsString() == null ? "stop"
                : r.instanceInitiatedShutdownBehaviorAsString();
        if (!shutdown.equals("stop") && !shutdown.equals("terminate")) {
            throw Ec2Errors.invalidValue(shutdown, "InstanceInitiatedShutdownBehavior", "Valid values are stop and terminate.");
        }
        String credits = credits(type, r.creditSpecification() == null ? null : r.creditSpecification().cpuCredits());
        LaunchPlacement where = LaunchPlacement.resolve(network, s, r);
        LaunchCapacity.Spec reservationSpec = LaunchCapacity.spec(r.capacityReservationSpecification());
        String lifecycle = r.instanceMarketOptions() != null
                && "spot".equals(r.instanceMarketOptions().marketTypeAsString()) ? "spot" : null;
        LaunchReferences.Profile profile = references.instanceProfile(s, r.iamInstanceProfile());
        String keyName = references.keyName(s, r.keyName());
        String placementGroup = references.placementGroup(s, r.placement());
        List<VolumeSpec> volumes = VolumeSpec.plan(image, r.blockDeviceMappings(), ebs, s);
        int count = fitting(s, type, info.vCpuInfo().defaultVCpus(), r.minCount(), r.maxCount(), where.available());
        LaunchReferences.HostChoice host = references.host(s, r, type, where.subnet().availabilityZone(),
                r.minCount());
        if (host != null) {
            count = Math.min(count, host.room());
        }
        if (Boolean.TRUE.equals(r.hibernationOptions() == null ? null : r.hibernationOptions().configured())
                && !image.rootDeviceType.equals("ebs")) {
            throw Ec2Error.UNSUPPORTED_HIBERNATION_CONFIGURATION.withMessage("Hibernation requires an EBS root volume.");
        }
        metadataDefaults.checkEnforced(s, image.imdsSupport, r.metadataOptions());
        if (r.cpuOptions() != null) {
            InstanceCpu.check(type, r.cpuOptions().coreCount(), r.cpuOptions().threadsPerCore());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (outages.impaired(where.subnet().availabilityZone())) {
            throw outages.insufficientCapacity(type, where.subnet().availabilityZone(), s.region);
        }
        String tenancy = r.placement() != null && r.placement().tenancyAsString() != null
                ? r.placement().tenancyAsString() : "default";
        // A Spot Instance never runs in a Capacity Reservation.
        List<String> inReservation = lifecycle != null ? java.util.Collections.nCopies(count, (String) null)
                : capacity.plan(s, reservationSpec, type, image.platformDetails, where.subnet().availabilityZone(),
                        tenancy, r.minCount(), count).reservations();
        count = inReservation.size();

        String reservationId = compute.id("r");
        Instant now = compute.now();
        Map<String, String> instanceTags = TagSpecifications.tagsOf(Launch.of(r.tagSpecifications(), "instance"));
        Map<String, String> volumeTags = TagSpecifications.tagsOf(Launch.of(r.tagSpecifications(), "volume"));
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Instance i = new Instance(compute.id("i"), reservationId, s.account);
            i.stateListener = stateEvents.listener(s);
            i.launchIndex = n;
            i.imageId = image.id;
            i.instanceType = type;
            i.architecture = image.architecture;
            i.platform = image.platform;
            i.platformDetails = image.platformDetails;
            i.usageOperation = image.usageOperation;
            i.rootDeviceName = image.rootDeviceName;
            i.rootDeviceType = image.rootDeviceType;
            i.virtualizationType = image.virtualizationType;
            i.enaSupport = image.enaSupport;
            i.bootMode = image.bootMode;
            i.keyName = keyName;
            i.launchTime = now;
            i.userData = userData;
            i.disableApiTermination = Boolean.TRUE.equals(r.disableApiTermination());
            i.disableApiStop = Boolean.TRUE.equals(r.disableApiStop());
            i.shutdownBehavior = shutdown;
            i.creditSpecification = credits;
            i.ebsOptimized = Boolean.TRUE.equals(r.ebsOptimized());
            i.monitoring = r.monitoring() != null && Boolean.TRUE.equals(r.monitoring().enabled());
            i.hibernationConfigured = r.hibernationOptions() != null
                    && Boolean.TRUE.equals(r.hibernationOptions().configured());
            i.placementGroup = placementGroup;
            i.tenancy = r.placement() != null && r.placement().tenancyAsString() != null
                    ? r.placement().tenancyAsString() : "default";
            i.hostId = host == null ? null : host.hostId();
            i.capacityReservationPreference = reservationSpec.preference();
            i.capacityReservationTargetId = reservationSpec.targetId();
            i.capacityReservationId = inReservation.get(n);
            i.instanceLifecycle = lifecycle;
            i.clientToken = r.clientToken();
            i.assignPublicIp = where.assignPublicIp();
            if (profile != null) {
                i.iamProfileArn = profile.arn();
                i.iamProfileId = profile.id();
                i.iamRoleName = profile.roleName();
                i.iamRoleArn = profile.roleArn();
            }
            metadataDefaults.atLaunch(s, i, image.imdsSupport, r.metadataOptions());
            if (r.cpuOptions() != null) {
                i.coreCount = r.cpuOptions().coreCount();
                i.threadsPerCore = r.cpuOptions().threadsPerCore();
            }
            i.availabilityZone = where.subnet().availabilityZone();
            i.subnetId = where.subnet().subnetId();
            i.vpcId = where.subnet().vpcId();
            i.enter(InstanceState.PENDING, now);
            var eni = network.createPrimary(s, i.id, i.subnetId, where.groupIds(),
                    count == 1 ? where.privateIp() : null, where.ipv6Count(), where.description(),
                    Launch.of(r.tagSpecifications(), "network-interface"));
            i.primaryEniId = eni.networkInterfaceId();
            i.privateIp = eni.privateIpAddress();
            i.macAddress = eni.macAddress();
            if (i.assignPublicIp) {
                network.publicIp(s, i.primaryEniId, true);
            }
            for (VolumeSpec spec : volumes) {
                Volume v = ebs.create(s, i.availabilityZone, spec.settings(), spec.snapshotId(), spec.encrypted(),
                        spec.kmsKeyId(), volumeTags, true);
                ebs.attach(v, i.id, spec.deviceName(), spec.deleteOnTermination(), now);
                i.blockDevices.add(new Instance.Attachment(spec.deviceName(), v.id));
            }
            i.tags.putAll(instanceTags);
            i.tags.attach(compute.ctx.registry(), s.account, s.region, "instance", i.id);
            s.instances.put(i.id, i);
            compute.indexInstance(i.id, s);
            profiles.launched(s, i, now);
            launched.add(i);
        }
        image.lastLaunchedTime = now;
        if (r.clientToken() != null) {
            s.clientTokens.put(r.clientToken(), reservationId);
            s.clientTokenRequests.put(r.clientToken(), given.toBuilder().dryRun(null).build());
        }
        return response(s, reservationId, launched);
    }

    private RunInstancesResponse replay(ComputeStore s, RunInstancesRequest r) {
        RunInstancesRequest first = s.clientTokenRequests.get(r.clientToken());
        if (first != null && !first.equalsBySdkFields(r.toBuilder().dryRun(null).build())) {
            throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("Arguments on this idempotent request are "
                    + "inconsistent with arguments used in previous request(s).");
        }
        String reservationId = s.clientTokens.get(r.clientToken());
        List<Instance> launched = s.instances.values().stream().filter(i -> i.reservationId.equals(reservationId))
                .toList();
        return response(s, reservationId, launched);
    }

    private RunInstancesResponse response(ComputeStore s, String reservationId, List<Instance> launched) {
        List<String> ids = launched.stream().map(i -> i.id).toList();
        var enis = network.interfacesOf(s, ids);
        List<software.amazon.awssdk.services.ec2.model.Instance> out = new ArrayList<>();
        for (Instance i : launched) {
            out.add(InstanceViews.toSdk(i, s.region, compute.now(), enis.getOrDefault(i.id, List.of()), s.volumes));
        }
        return RunInstancesResponse.builder().reservationId(reservationId).ownerId(s.account).groups(List.of())
                .instances(out).build();
    }

    /** T2 instances launch with standard credits, later burstable families with unlimited (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-how-to.html). */
    private static String credits(String type, String given) {
        if (!type.startsWith("t")) {
            if (given != null) {
                throw Ec2Error.INVALID_PARAMETER_COMBINATION.withMessage("The parameter CreditSpecification is not "
                        + "supported for " + type + " instances.");
            }
            return null;
        }
        if (given != null) {
            if (!given.equals("standard") && !given.equals("unlimited")) {
                throw Ec2Errors.invalidValue(given, "CpuCredits", "Valid values are standard and unlimited.");
            }
            return given;
        }
        return type.startsWith("t2.") ? "standard" : "unlimited";
    }

    /**
     * How many instances to launch: MaxCount if the vCPU quota and the subnet's free addresses allow,
     * else as many as they allow if that is at least MinCount.
     */
    private int fitting(ComputeStore s, String type, int vcpus, int min, int max, int freeAddresses) {
        String bucket = VcpuQuota.bucket(type);
        Instant now = compute.now();
        int used = 0;
        for (Instance i : s.instances.values()) {
            InstanceState st = i.state(now);
            if ((st == InstanceState.PENDING || st == InstanceState.RUNNING) && VcpuQuota.bucket(i.instanceType).equals(bucket)) {
                var info = types.info(i.instanceType);
                used += info == null ? 0 : info.vCpuInfo().defaultVCpus();
            }
        }
        int byQuota = Math.max(0, (VcpuQuota.DEFAULT_LIMIT - used) / Math.max(1, vcpus));
        if (byQuota < min) {
            throw Ec2Error.VCPU_LIMIT_EXCEEDED.of(VcpuQuota.DEFAULT_LIMIT);
        }
        if (freeAddresses < min) {
            throw Ec2Error.INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET.withMessage("There are not enough free addresses in "
                    + "subnet to satisfy the requested number of instances.");
        }
        return Math.min(max, Math.min(byQuota, freeAddresses));
    }

    public StartInstancesResponse startInstances(StartInstancesRequest r) {
        ComputeStore s = compute.store();
        List<Instance> found = require(s, r.instanceIds());
        Instant now = compute.now();
        for (Instance i : found) {
            InstanceState st = i.state(now);
            if (st != InstanceState.STOPPED && st != InstanceState.RUNNING && st != InstanceState.PENDING) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a state "
                        + "from which it can be started.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (Instance i : found) {
            if (i.state(now) == InstanceState.STOPPED && outages.impaired(i.availabilityZone)) {
                throw outages.insufficientCapacity(i.instanceType, i.availabilityZone, s.region);
            }
        }
        // A started instance is matched to a Capacity Reservation again, as at launch.
        Map<String, String> reservationOf = new java.util.HashMap<>();
        for (Instance i : found) {
            if (i.state(now) == InstanceState.STOPPED && i.instanceLifecycle == null) {
                var plan = capacity.plan(s, LaunchCapacity.Spec.of(i), i.instanceType, i.platformDetails,
                        i.availabilityZone, i.tenancy, 1, 1).reservations();
                reservationOf.put(i.id, plan.get(0));
            }
        }
        List<InstanceStateChange> changes = new ArrayList<>();
        for (Instance i : found) {
            InstanceState before = i.state(now);
            if (before == InstanceState.STOPPED) {
                i.capacityReservationId = reservationOf.get(i.id);
                i.enter(InstanceState.PENDING, now);
                i.stateTransitionReason = "";
                i.stateReasonCode = null;
                i.stateReasonMessage = null;
                i.launchTime = now;
                if (i.assignPublicIp) {
                    network.publicIp(s, i.primaryEniId, true);
                }
            }
            changes.add(change(i, before, now));
        }
        return StartInstancesResponse.builder().startingInstances(changes).build();
    }

    public StopInstancesResponse stopInstances(StopInstancesRequest r) {
        ComputeStore s = compute.store();
        List<Instance> found = require(s, r.instanceIds());
        Instant now = compute.now();
        for (Instance i : found) {
            InstanceState st = i.state(now);
            if (st == InstanceState.TERMINATED || st == InstanceState.SHUTTING_DOWN) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("This instance '" + i.id + "' is not in a state "
                        + "from which it can be stopped.");
            }
            if (i.disableApiStop) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The instance '" + i.id + "' may not be stopped. "
                        + "Modify its 'disableApiStop' instance attribute and try again.");
            }
            if (Boolean.TRUE.equals(r.hibernate()) && !i.hibernationConfigured) {
                throw Ec2Error.UNSUPPORTED_HIBERNATION_CONFIGURATION.withMessage("For hibernation, the instance "
                        + "must be configured for hibernation at launch: " + i.id);
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<InstanceStateChange> changes = new ArrayList<>();
        for (Instance i : found) {
            InstanceState before = i.state(now);
            if (before == InstanceState.PENDING || before == InstanceState.RUNNING) {
                i.enter(InstanceState.STOPPING, now);
                i.stateTransitionReason = "User initiated (" + InstanceViews.reasonTime(now) + ")";
                i.stateReasonCode = "Client.UserInitiatedShutdown";
                i.stateReasonMessage = "Client.UserInitiatedShutdown: User initiated shutdown";
                if (i.assignPublicIp) {
                    network.publicIp(s, i.primaryEniId, false);
                }
            }
            changes.add(change(i, before, now));
        }
        return StopInstancesResponse.builder().stoppingInstances(changes).build();
    }

    public RebootInstancesResponse rebootInstances(RebootInstancesRequest r) {
        ComputeStore s = compute.store();
        List<Instance> found = require(s, r.instanceIds());
        for (Instance i : found) {
            InstanceState st = i.state(compute.now());
            if (st != InstanceState.RUNNING && st != InstanceState.PENDING) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a state "
                        + "from which it can be rebooted.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        // A reboot keeps the instance running, its addresses and volumes (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-reboot.html).
        return RebootInstancesResponse.builder().build();
    }

    public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest r) {
        ComputeStore s = compute.store();
        List<Instance> found = require(s, r.instanceIds());
        Instant now = compute.now();
        for (Instance i : found) {
            if (i.disableApiTermination) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The instance '" + i.id + "' may not be "
                        + "terminated. Modify its 'disableApiTermination' instance attribute and try again.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<InstanceStateChange> changes = new ArrayList<>();
        for (Instance i : found) {
            InstanceState before = i.state(now);
            if (before != InstanceState.TERMINATED && before != InstanceState.SHUTTING_DOWN) {
                terminate(s, i, now, "User initiated (" + InstanceViews.reasonTime(now) + ")", "Client.UserInitiatedShutdown",
                        "Client.UserInitiatedShutdown: User initiated shutdown");
            }
            changes.add(change(i, before, now));
        }
        return TerminateInstancesResponse.builder().terminatingInstances(changes).build();
    }

    /** Starts shutting the instance down: its interfaces and delete-on-termination volumes go at once. */
    void terminate(ComputeStore s, Instance i, Instant now, String reason, String code, String message) {
        i.enter(InstanceState.SHUTTING_DOWN, now);
        i.stateTransitionReason = reason;
        i.stateReasonCode = code;
        i.stateReasonMessage = message;
        network.release(s, i.id);
        for (Instance.Attachment a : i.blockDevices) {
            Volume v = s.volumes.get(a.volumeId());
            if (v != null && i.id.equals(v.attachedInstanceId)) {
                boolean delete = v.deleteOnTermination;
                ebs.detach(v);
                if (delete) {
                    ebs.delete(s, v);
                }
            }
        }
        i.blockDevices.clear();
        i.tags.detach();
        // Described for an hour after it is terminated, then gone.
        i.shutdownAt = now;
        s.terminated.addLast(i);
    }

    private static InstanceStateChange change(Instance i, InstanceState before, Instant now) {
        return InstanceStateChange.builder().instanceId(i.id).previousState(before.toSdk())
                .currentState(i.state(now).toSdk()).build();
    }
}
