package io.gureum.ec2.ebs;

import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreErrorItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreStateError;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreStateErrorItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreErrorItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreStateError;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreStateErrorItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresResponse;

/**
 * Fast snapshot restore (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-fast-snapshot-restore.html),
 * per snapshot and Availability Zone, enabled by the account that asks (for its own snapshots or ones shared
 * with it). States follow on the core clock: {@code enabling} for {@link #ENABLING}, {@code optimizing} for
 * 60 minutes per TiB of the snapshot (AWS's figure), then {@code enabled}; {@code disabling} for
 * {@link #DISABLING}, after which the pair is gone. Per-pair failures are answered in {@code Unsuccessful},
 * as AWS does, with the request as a whole succeeding.
 */
public final class FastSnapshotRestores {
    static final Duration ENABLING = Duration.ofMinutes(1);
    static final Duration OPTIMIZING_PER_TIB = Duration.ofMinutes(60);
    static final Duration DISABLING = Duration.ofMinutes(1);

    private final Compute compute;
    private final Ebs ebs;
    private final Ec2Filters<FastRestore> filters;

    public FastSnapshotRestores(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
        this.filters = new Ec2Filters<FastRestore>(x -> java.util.Map.of())
                .on("availability-zone", x -> x.availabilityZone)
                .on("availability-zone-id", x -> x.availabilityZoneId)
                .on("owner-id", x -> x.ownerId)
                .on("snapshot-id", x -> x.snapshotId)
                .on("state", x -> x.state(compute.now()));
    }

    /** Whether the account's fast snapshot restore of the snapshot is {@code enabled} in the zone. */
    public static boolean enabled(ComputeStore s, String snapshotId, String zone, Instant now) {
        FastRestore f = s.fastSnapshotRestores.get(key(snapshotId, zone));
        return f != null && f.state(now).equals("enabled");
    }

    /** Deleting a snapshot disables its fast snapshot restores (the deleting account's). */
    public static void forgetSnapshot(ComputeStore s, String snapshotId) {
        s.fastSnapshotRestores.values().removeIf(f -> f.snapshotId.equals(snapshotId));
    }

    private static String key(String snapshotId, String zone) {
        return snapshotId + " " + zone;
    }

    private List<AvailabilityZone> zones(ComputeStore s, List<String> names, List<String> ids) {
        List<AvailabilityZone> all = compute.ctx.topology().region(s.region).map(x -> x.zones()).orElse(List.of());
        boolean byName = names != null && !names.isEmpty();
        boolean byId = ids != null && !ids.isEmpty();
        if (byName == byId) {
            throw byName ? Ec2Errors.combination("Specify either AvailabilityZones or AvailabilityZoneIds, not both.")
                    : Ec2Errors.missing("AvailabilityZones");
        }
        List<AvailabilityZone> out = new ArrayList<>();
        for (String z : new LinkedHashSet<>(byName ? names : ids)) {
            AvailabilityZone found = all.stream().filter(a -> (byName ? a.zoneName() : a.zoneId()).equals(z))
                    .findFirst().orElseThrow(() -> Ec2Errors.invalidParameterValue("Invalid availability zone: ["
                            + z + "]"));
            out.add(found);
        }
        return out;
    }

    private static List<String> snapshotIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw Ec2Errors.missing("SourceSnapshotIds");
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** The snapshot the account may use, or null (the pair then fails in Unsuccessful). */
    private Snapshot usable(ComputeStore s, String id) {
        try {
            return ebs.requireSnapshot(s, id);
        } catch (io.gureum.core.error.AwsException e) {
            return null;
        }
    }

    public EnableFastSnapshotRestoresResponse enableFastSnapshotRestores(EnableFastSnapshotRestoresRequest r) {
        ComputeStore s = compute.store();
        List<String> ids = snapshotIds(r.sourceSnapshotIds());
        List<AvailabilityZone> zones = zones(s, r.availabilityZones(), r.availabilityZoneIds());
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        List<EnableFastSnapshotRestoreSuccessItem> ok = new ArrayList<>();
        List<EnableFastSnapshotRestoreErrorItem> failed = new ArrayList<>();
        for (String id : ids) {
            Snapshot snap = usable(s, id);
            List<EnableFastSnapshotRestoreStateErrorItem> errors = new ArrayList<>();
            for (AvailabilityZone z : zones) {
                if (snap == null) {
                    errors.add(EnableFastSnapshotRestoreStateErrorItem.builder().availabilityZone(z.zoneName())
                            .availabilityZoneId(z.zoneId()).error(EnableFastSnapshotRestoreStateError.builder()
                                    .code("InvalidSnapshot.NotFound")
                                    .message("The snapshot '" + id + "' does not exist.").build()).build());
                    continue;
                }
                FastRestore f = s.fastSnapshotRestores.get(key(id, z.zoneName()));
                if (f == null || f.state(now).equals("disabled") || f.state(now).equals("disabling")) {
                    f = new FastRestore();
                    f.snapshotId = id;
                    f.availabilityZone = z.zoneName();
                    f.availabilityZoneId = z.zoneId();
                    f.ownerId = snap.ownerId;
                    f.enablingTime = now;
                    f.optimizingTime = now.plus(ENABLING);
                    long tib = Math.max(1, (snap.volumeSize + 1023) / 1024);
                    f.enabledTime = f.optimizingTime.plus(OPTIMIZING_PER_TIB.multipliedBy(tib));
                    s.fastSnapshotRestores.put(key(id, z.zoneName()), f);
                }
                ok.add(EnableFastSnapshotRestoreSuccessItem.builder().snapshotId(id).availabilityZone(f.availabilityZone)
                        .availabilityZoneId(f.availabilityZoneId).state(f.state(now))
                        .stateTransitionReason(f.stateTransitionReason(now)).ownerId(f.ownerId)
                        .enablingTime(f.shown(f.enablingTime, now)).optimizingTime(f.shown(f.optimizingTime, now))
                        .enabledTime(f.shown(f.enabledTime, now)).build());
            }
            if (!errors.isEmpty()) {
                failed.add(EnableFastSnapshotRestoreErrorItem.builder().snapshotId(id)
                        .fastSnapshotRestoreStateErrors(errors).build());
            }
        }
        return EnableFastSnapshotRestoresResponse.builder().successful(ok).unsuccessful(failed).build();
    }

    public DisableFastSnapshotRestoresResponse disableFastSnapshotRestores(DisableFastSnapshotRestoresRequest r) {
        ComputeStore s = compute.store();
        List<String> ids = snapshotIds(r.sourceSnapshotIds());
        List<AvailabilityZone> zones = zones(s, r.availabilityZones(), r.availabilityZoneIds());
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        forget(s, now);
        List<DisableFastSnapshotRestoreSuccessItem> ok = new ArrayList<>();
        List<DisableFastSnapshotRestoreErrorItem> failed = new ArrayList<>();
        for (String id : ids) {
            List<DisableFastSnapshotRestoreStateErrorItem> errors = new ArrayList<>();
            for (AvailabilityZone z : zones) {
                FastRestore f = s.fastSnapshotRestores.get(key(id, z.zoneName()));
                if (f == null) {
                    String code = usable(s, id) == null ? "InvalidSnapshot.NotFound" : "IncorrectState";
                    String message = usable(s, id) == null ? "The snapshot '" + id + "' does not exist."
                            : "Fast snapshot restores are not enabled for snapshot '" + id + "' in " + z.zoneName()
                                    + ".";
                    errors.add(DisableFastSnapshotRestoreStateErrorItem.builder().availabilityZone(z.zoneName())
                            .availabilityZoneId(z.zoneId()).error(DisableFastSnapshotRestoreStateError.builder()
                                    .code(code).message(message).build()).build());
                    continue;
                }
                if (f.disablingTime == null) {
                    f.disablingTime = now;
                    f.disabledTime = now.plus(DISABLING);
                }
                ok.add(DisableFastSnapshotRestoreSuccessItem.builder().snapshotId(id).availabilityZone(f.availabilityZone)
                        .availabilityZoneId(f.availabilityZoneId).state(f.state(now))
                        .stateTransitionReason(f.stateTransitionReason(now)).ownerId(f.ownerId)
                        .enablingTime(f.shown(f.enablingTime, now)).optimizingTime(f.shown(f.optimizingTime, now))
                        .enabledTime(f.shown(f.enabledTime, now)).disablingTime(f.shown(f.disablingTime, now))
                        .build());
            }
            if (!errors.isEmpty()) {
                failed.add(DisableFastSnapshotRestoreErrorItem.builder().snapshotId(id)
                        .fastSnapshotRestoreStateErrors(errors).build());
            }
        }
        return DisableFastSnapshotRestoresResponse.builder().successful(ok).unsuccessful(failed).build();
    }

    /** Pairs whose disabling is over leave the account's list. */
    private static void forget(ComputeStore s, Instant now) {
        s.fastSnapshotRestores.values().removeIf(f -> f.state(now).equals("disabled"));
    }

    public DescribeFastSnapshotRestoresResponse describeFastSnapshotRestores(DescribeFastSnapshotRestoresRequest r) {
        ComputeStore s = compute.store();
        Instant now = compute.now();
        var keep = filters.predicate(r.filters());
        List<FastRestore> matching = s.fastSnapshotRestores.values().stream()
                .filter(f -> !f.state(now).equals("disabled")).filter(keep).toList();
        // MaxResults 0-200; 0 asks for no limit rather than for empty pages without end.
        Integer max = r.maxResults() != null && r.maxResults() == 0 ? null : r.maxResults();
        var page = Pagination.page(matching, max, r.nextToken(), 0, 200);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeFastSnapshotRestoresResponse.builder().fastSnapshotRestores(page.items().stream()
                .map(f -> DescribeFastSnapshotRestoreSuccessItem.builder().snapshotId(f.snapshotId)
                        .availabilityZone(f.availabilityZone).availabilityZoneId(f.availabilityZoneId)
                        .state(f.state(now)).stateTransitionReason(f.stateTransitionReason(now)).ownerId(f.ownerId)
                        .enablingTime(f.shown(f.enablingTime, now)).optimizingTime(f.shown(f.optimizingTime, now))
                        .enabledTime(f.shown(f.enabledTime, now)).disablingTime(f.shown(f.disablingTime, now))
                        .build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
