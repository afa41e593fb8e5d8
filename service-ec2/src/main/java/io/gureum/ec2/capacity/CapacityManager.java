package io.gureum.ec2.capacity;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.CapacityManagerMonitoredTagKey;
import software.amazon.awssdk.services.ec2.model.CreateCapacityManagerDataExportRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCapacityManagerDataExportRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityManagerDataExportsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityManagerDataExportsResponse;
import software.amazon.awssdk.services.ec2.model.DisableCapacityManagerRequest;
import software.amazon.awssdk.services.ec2.model.DisableCapacityManagerResponse;
import software.amazon.awssdk.services.ec2.model.EnableCapacityManagerRequest;
import software.amazon.awssdk.services.ec2.model.EnableCapacityManagerResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerAttributesRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerAttributesResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMonitoredTagKeysRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMonitoredTagKeysResponse;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerMonitoredTagKeysRequest;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerMonitoredTagKeysResponse;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerOrganizationsAccessRequest;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerOrganizationsAccessResponse;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * EC2 Capacity Manager (EC2 User Guide, "EC2 Capacity Manager"; the API reference of its eleven operations).
 * Enabled in one Region per account; its data covers every Region of the partition (and, with Organizations
 * access, every account of the organization) from the hour it was first enabled. Ingestion model on the core
 * clock: the first hour's data is ready at the next hour boundary after enabling ({@code initial-ingestion-in-
 * progress} until then), and each later hour at its end, so the latest data point is the last complete hour.
 * Metrics come from {@link CapacityMetrics}; data exports from {@link CapacityExports}. Every operation but
 * EnableCapacityManager and GetCapacityManagerAttributes needs it enabled in the Region ({@code IncorrectState}
 * otherwise, Gureum's choice: AWS documents no code).
 */
public final class CapacityManager {
    static final String PRINCIPAL = "ec2.capacitymanager.amazonaws.com";
    private static final java.util.regex.Pattern EXPORT_ID = java.util.regex.Pattern.compile("cmde-[0-9a-f]{17}");

    private final ServiceContext context;
    private final CapacityReservations reservations;
    private final CapacityUsage usage;
    private final CapacityMetrics metrics;
    private final CapacityExports exports;
    private final Ec2Filters<DataExport> exportFilters = new Ec2Filters<DataExport>(DataExport::tagMap)
            .on("s3-bucket-name", e -> e.bucket)
            .on("schedule", e -> e.schedule)
            .on("output-format", e -> e.format)
            .on("latest-delivery-status", e -> e.status)
            .on("capacity-manager-data-export-id", e -> e.id);

    public CapacityManager(ServiceContext context, CapacityReservations reservations,
            java.util.function.BiFunction<String, String, Object> lockOf,
            java.util.function.BiConsumer<String, String> journal) {
        this.context = context;
        this.reservations = reservations;
        this.usage = new CapacityUsage(reservations);
        this.metrics = new CapacityMetrics(type -> {
            var info = reservations.catalogue.info(type);
            return info == null ? 0 : info.vCpuInfo().defaultVCpus();
        });
        this.exports = new CapacityExports(this, lockOf, journal);
    }

    /** What instances tell of their use of capacity. */
    public io.gureum.ec2.instances.InstanceUsage usage() {
        return usage;
    }

    /** The records of usage, settings and data exports for --data-dir (exports re-armed at restore). */
    public List<PlaceFamily> records() {
        RegisteredFamily<CapacityReservations.Store, DataExport> family = new RegisteredFamily<>(
                "capacity-manager-data-export", DataExport.class, reservations.stores, s -> s.exports, e -> e.id,
                s -> s.exportClientTokens, context.registry());
        PlaceFamily rearming = new PlaceFamily() {
            @Override
            public void each(String account, String region, io.gureum.ec2common.persist.RecordSink sink) {
                family.each(account, region, sink);
            }

            @Override
            public void restore(String account, String region, io.gureum.ec2.compute.PlaceRecords in) {
                family.restore(account, region, in);
                CapacityReservations.Store s = reservations.stores.of(account, region);
                synchronized (s) {
                    s.exports.values().forEach(exports::arm);
                }
            }
        };
        return List.of(usage, rearming);
    }

    /** Stops the delivery timer. */
    public void close() {
        exports.close();
    }

    ServiceContext context() {
        return context;
    }

    CapacityReservations.Store store(String account, String region) {
        return reservations.stores.of(account, region);
    }

    public EnableCapacityManagerResponse enableCapacityManager(EnableCapacityManagerRequest r) {
        RequestContext ctx = RequestContext.current();
        String elsewhere = enabledRegion(ctx.accountId(), ctx.region());
        if (elsewhere != null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Capacity Manager is already enabled for this account in "
                    + elsewhere + "; it can be enabled in one Region per account only.");
        }
        boolean org = Boolean.TRUE.equals(r.organizationsAccess());
        if (org) {
            checkOrganization(ctx.accountId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            CapacityManagerSettings m = s.manager;
            Instant now = context.clock().now();
            if (!m.enabled) {
                m.enabled = true;
                m.enabledAt = now;
                if (m.firstEnabledAt == null) {
                    m.firstEnabledAt = now;
                }
                m.organizationsAccess = org;
            } else if (r.organizationsAccess() != null) {
                m.organizationsAccess = org;
            }
            return EnableCapacityManagerResponse.builder().capacityManagerStatus("enabled")
                    .organizationsAccess(m.organizationsAccess).build();
        }
    }

    public DisableCapacityManagerResponse disableCapacityManager(DisableCapacityManagerRequest r) {
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            Ec2Errors.checkDryRun(r.dryRun());
            s.manager.enabled = false;
            s.manager.organizationsAccess = false;
            return DisableCapacityManagerResponse.builder().capacityManagerStatus("disabled").organizationsAccess(false)
                    .build();
        }
    }

    public GetCapacityManagerAttributesResponse getCapacityManagerAttributes(GetCapacityManagerAttributesRequest r) {
        Ec2Errors.checkDryRun(r.dryRun());
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            CapacityManagerSettings m = s.manager;
            var b = GetCapacityManagerAttributesResponse.builder()
                    .capacityManagerStatus(m.enabled ? "enabled" : "disabled").organizationsAccess(m.organizationsAccess)
                    .dataExportCount(s.exports.size());
            if (m.firstEnabledAt != null) {
                Instant earliest = earliest(m);
                Instant latestEnd = latestEnd(m);
                if (latestEnd.isAfter(earliest)) {
                    b.ingestionStatus("ingestion-complete").ingestionStatusMessage("Data is available from "
                            + earliest + " to " + latestEnd + ".").earliestDatapointTimestamp(earliest)
                            .latestDatapointTimestamp(latestEnd.minus(Duration.ofHours(1)));
                } else {
                    b.ingestionStatus("initial-ingestion-in-progress").ingestionStatusMessage("Initial data ingestion "
                            + "completes at " + earliest.plus(Duration.ofHours(1)) + ".");
                }
            }
            return b.build();
        }
    }

    public GetCapacityManagerMonitoredTagKeysResponse getCapacityManagerMonitoredTagKeys(
            GetCapacityManagerMonitoredTagKeysRequest r) {
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            Ec2Errors.checkDryRun(r.dryRun());
            settleTagKeys(s.manager);
            List<CapacityManagerMonitoredTagKey> all = new ArrayList<>();
            s.manager.tagKeys.keySet().forEach(k -> all.add(tagKey(s.manager, k)));
            s.manager.deactivating.keySet().forEach(k -> all.add(tagKey(s.manager, k)));
            var page = Pagination.page(all, r.maxResults(), r.nextToken(), 1, 1000);
            return GetCapacityManagerMonitoredTagKeysResponse.builder().capacityManagerTagKeys(page.items())
                    .nextToken(page.nextToken()).build();
        }
    }

    public UpdateCapacityManagerMonitoredTagKeysResponse updateCapacityManagerMonitoredTagKeys(
            UpdateCapacityManagerMonitoredTagKeysRequest r) {
        List<String> on = r.hasActivateTagKeys() ? r.activateTagKeys() : List.of();
        List<String> off = r.hasDeactivateTagKeys() ? r.deactivateTagKeys() : List.of();
        if (on.isEmpty() && off.isEmpty()) {
            throw Ec2Errors.missing("ActivateTagKeys or DeactivateTagKeys");
        }
        for (String k : on) {
            if (off.contains(k)) {
                throw Ec2Errors.combination("The tag key '" + k + "' cannot be both activated and deactivated.");
            }
        }
        for (String k : new LinkedHashSet<String>() {
            {
                addAll(on);
                addAll(off);
            }
        }) {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw Ec2Errors.invalidValue(String.valueOf(k), "TagKey", "Tag keys are 1 to 128 characters.");
            }
        }
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            Ec2Errors.checkDryRun(r.dryRun());
            CapacityManagerSettings m = s.manager;
            settleTagKeys(m);
            Instant now = context.clock().now();
            List<CapacityManagerMonitoredTagKey> changed = new ArrayList<>();
            for (String k : on) {
                m.deactivating.remove(k);
                m.tagKeys.putIfAbsent(k, now);
                changed.add(tagKey(m, k));
            }
            for (String k : off) {
                if (m.tagKeys.remove(k) != null) {
                    m.deactivating.put(k, now);
                    changed.add(tagKey(m, k));
                }
            }
            return UpdateCapacityManagerMonitoredTagKeysResponse.builder().capacityManagerTagKeys(changed).build();
        }
    }

    public UpdateCapacityManagerOrganizationsAccessResponse updateCapacityManagerOrganizationsAccess(
            UpdateCapacityManagerOrganizationsAccessRequest r) {
        if (r.organizationsAccess() == null) {
            throw Ec2Errors.missing("OrganizationsAccess");
        }
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
        }
        if (r.organizationsAccess()) {
            checkOrganization(RequestContext.current().accountId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        synchronized (s) {
            s.manager.organizationsAccess = r.organizationsAccess();
            return UpdateCapacityManagerOrganizationsAccessResponse.builder().capacityManagerStatus("enabled")
                    .organizationsAccess(s.manager.organizationsAccess).build();
        }
    }

    public CreateCapacityManagerDataExportResponse createCapacityManagerDataExport(
            CreateCapacityManagerDataExportRequest r) {
        if (r.s3BucketName() == null || r.s3BucketName().isEmpty()) {
            throw Ec2Errors.missing("S3BucketName");
        }
        if (r.scheduleAsString() == null) {
            throw Ec2Errors.missing("Schedule");
        }
        if (!r.scheduleAsString().equals("hourly")) {
            throw Ec2Errors.invalidValue(r.scheduleAsString(), "Schedule", "Valid values are: hourly.");
        }
        String format = r.outputFormatAsString();
        if (format == null) {
            throw Ec2Errors.missing("OutputFormat");
        }
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw Ec2Errors.invalidValue(format, "OutputFormat", "Valid values are: csv, parquet.");
        }
        TagSpecifications.validate(r.tagSpecifications(), "capacity-manager-data-export");
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            if (r.clientToken() != null && s.exportClientTokens.containsKey(r.clientToken())) {
                return CreateCapacityManagerDataExportResponse.builder()
                        .capacityManagerDataExportId(s.exportClientTokens.get(r.clientToken())).build();
            }
        }
        if (format.equals("parquet")) {
            throw new AwsException("NotImplemented", "OutputFormat parquet is not implemented by Gureum: it writes "
                    + "no Parquet files (no Parquet library). Use OutputFormat csv.", 501);
        }
        exports.checkBucket(RequestContext.current().accountId(), RequestContext.current().region(), r.s3BucketName());
        Ec2Errors.checkDryRun(r.dryRun());
        synchronized (s) {
            RequestContext ctx = RequestContext.current();
            // CreateTime is a MillisecondDateTime.
            Instant now = context.clock().now().truncatedTo(ChronoUnit.MILLIS);
            DataExport e = new DataExport(context.ids().next("cmde"), ctx.accountId(), ctx.region(), now,
                    r.s3BucketName(), r.s3BucketPrefix(), "hourly", format);
            e.nextHour = now.truncatedTo(ChronoUnit.HOURS);
            e.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            e.register(context.registry());
            s.exports.put(e.id, e);
            if (r.clientToken() != null) {
                s.exportClientTokens.put(r.clientToken(), e.id);
            }
            exports.arm(e);
            return CreateCapacityManagerDataExportResponse.builder().capacityManagerDataExportId(e.id).build();
        }
    }

    public DeleteCapacityManagerDataExportResponse deleteCapacityManagerDataExport(
            DeleteCapacityManagerDataExportRequest r) {
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            DataExport e = requireExport(s, r.capacityManagerDataExportId());
            Ec2Errors.checkDryRun(r.dryRun());
            s.exports.remove(e.id);
            e.forget();
            return DeleteCapacityManagerDataExportResponse.builder().capacityManagerDataExportId(e.id).build();
        }
    }

    public DescribeCapacityManagerDataExportsResponse describeCapacityManagerDataExports(
            DescribeCapacityManagerDataExportsRequest r) {
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            requireEnabled(s);
            List<DataExport> found = new ArrayList<>(s.exports.values());
            if (r.hasCapacityManagerDataExportIds() && !r.capacityManagerDataExportIds().isEmpty()) {
                for (String id : r.capacityManagerDataExportIds()) {
                    requireExport(s, id);
                }
                found.removeIf(e -> !r.capacityManagerDataExportIds().contains(e.id));
            }
            var page = Pagination.page(found.stream().filter(exportFilters.predicate(r.filters())).toList(),
                    r.maxResults(), r.nextToken(), 1, 1000);
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribeCapacityManagerDataExportsResponse.builder()
                    .capacityManagerDataExports(page.items().stream().map(CapacityManager::toSdk).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    /** Every place the data of the account's Capacity Manager covers, read one at a time under its lock. */
    List<CapacityMetrics.Place> places(String account, String region, boolean org) {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(account, null);
        if (org) {
            try {
                var client = context.clients().client(OrganizationsClient.class, Caller.root(account, region));
                client.listAccountsPaginator().stream().flatMap(p -> p.accounts().stream())
                        .forEach(a -> accounts.put(a.id(), a.name()));
            } catch (RuntimeException e) {
                // Left the organization since: its own data only.
            }
        }
        var partition = context.topology().partitionOf(region);
        Instant now = context.clock().now();
        List<CapacityMetrics.Place> out = new ArrayList<>();
        for (Map.Entry<String, String> a : accounts.entrySet()) {
            for (var reg : context.topology().regions()) {
                if (!context.topology().partitionOf(reg.name()).equals(partition)) {
                    continue;
                }
                CapacityReservations.Store st = reservations.stores.of(a.getKey(), reg.name());
                synchronized (st) {
                    if (st.usage.isEmpty() && st.byId.isEmpty()) {
                        continue;
                    }
                    List<UsageSegment> segments = new ArrayList<>();
                    st.usage.values().forEach(list -> list.forEach(u -> segments.add(copy(u))));
                    List<CapacityMetrics.Res> res = new ArrayList<>();
                    for (CapacityReservation c : st.byId.values()) {
                        Instant end = c.endedAt;
                        String state = c.state;
                        if (end == null && "limited".equals(c.endDateType) && c.endDate != null
                                && !now.isBefore(c.endDate)) {
                            end = c.endDate;
                            state = "expired";
                        }
                        res.add(new CapacityMetrics.Res(c.id, c.arn(), c.ownerId, c.region, c.instanceType, c.platform,
                                c.zoneId, c.tenancy, c.matchCriteria, c.endDateType, c.created, c.endDate, state, end,
                                List.copyOf(c.sizes), c.count));
                    }
                    out.add(new CapacityMetrics.Place(a.getKey(), a.getValue(), reg.name(), segments, res));
                }
            }
        }
        return out;
    }

    CapacityReservations.Store current() {
        return reservations.stores.current();
    }

    CapacityMetrics metrics() {
        return metrics;
    }

    private static UsageSegment copy(UsageSegment u) {
        UsageSegment c = new UsageSegment();
        c.instanceId = u.instanceId;
        c.instanceType = u.instanceType;
        c.zoneId = u.zoneId;
        c.platform = u.platform;
        c.tenancy = u.tenancy;
        c.spot = u.spot;
        c.reservationId = u.reservationId;
        c.start = u.start;
        c.end = u.end;
        return c;
    }

    static Instant earliest(CapacityManagerSettings m) {
        return m.firstEnabledAt.truncatedTo(ChronoUnit.HOURS);
    }

    /** The end of the last complete hour of data (the earliest hour while initial ingestion runs). */
    Instant latestEnd(CapacityManagerSettings m) {
        Instant end = context.clock().now().truncatedTo(ChronoUnit.HOURS);
        Instant earliest = earliest(m);
        return end.isBefore(earliest) ? earliest : end;
    }

    static CapacityManagerDataExportResponse toSdk(DataExport e) {
        return CapacityManagerDataExportResponse.builder().capacityManagerDataExportId(e.id).s3BucketName(e.bucket)
                .s3BucketPrefix(e.prefix).schedule(e.schedule).outputFormat(e.format).createTime(e.created)
                .latestDeliveryStatus(e.status).latestDeliveryStatusMessage(e.statusMessage)
                .latestDeliveryS3LocationUri(e.location).latestDeliveryTime(e.deliveredAt).tags(e.sdkTags()).build();
    }

    /** Tag keys wait an hour of the clock to be activated, and as long to be gone once deactivated. */
    private void settleTagKeys(CapacityManagerSettings m) {
        Instant now = context.clock().now();
        m.deactivating.entrySet().removeIf(e -> !now.isBefore(e.getValue().truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1))));
    }

    private CapacityManagerMonitoredTagKey tagKey(CapacityManagerSettings m, String key) {
        Instant now = context.clock().now();
        Instant on = m.tagKeys.get(key);
        if (on == null) {
            return CapacityManagerMonitoredTagKey.builder().tagKey(key).status("deactivating")
                    .capacityManagerProvided(false).build();
        }
        Instant ready = on.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        boolean active = !now.isBefore(ready);
        return CapacityManagerMonitoredTagKey.builder().tagKey(key).status(active ? "activated" : "activating")
                .capacityManagerProvided(false).earliestDatapointTimestamp(active ? ready.minus(Duration.ofHours(1))
                        : null).build();
    }

    static void requireEnabled(CapacityReservations.Store s) {
        if (!s.manager.enabled) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Capacity Manager is not enabled for this account in this "
                    + "Region. Call EnableCapacityManager first.");
        }
    }

    private static DataExport requireExport(CapacityReservations.Store s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("CapacityManagerDataExportId");
        }
        if (!EXPORT_ID.matcher(id).matches()) {
            throw new AwsException("InvalidCapacityManagerDataExportId.Malformed",
                    "The Capacity Manager data export ID '" + id + "' is malformed", 400);
        }
        DataExport e = s.exports.get(id);
        if (e == null) {
            throw new AwsException("InvalidCapacityManagerDataExportId.NotFound",
                    "The Capacity Manager data export ID '" + id + "' does not exist", 400);
        }
        return e;
    }

    /** The other Region of the account where Capacity Manager is enabled, or null. */
    private String enabledRegion(String account, String region) {
        for (var reg : context.topology().regions()) {
            if (reg.name().equals(region)) {
                continue;
            }
            CapacityReservations.Store st = reservations.stores.of(account, reg.name());
            synchronized (st) {
                if (st.manager.enabled) {
                    return reg.name();
                }
            }
        }
        return null;
    }

    /**
     * Organizations access needs the account to be an organization's management account, asked of AWS
     * Organizations in-process; an account outside an organization (or Organizations not served) is refused
     * with {@code OperationNotPermitted} (Gureum's choice of code).
     */
    private void checkOrganization(String account) {
        String region = RequestContext.current().region();
        if (!context.clients().serves(OrganizationsClient.class)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Organizations access needs the account to be in an "
                    + "organization, and AWS Organizations is not served here.");
        }
        software.amazon.awssdk.services.organizations.model.Organization org;
        try {
            org = context.clients().client(OrganizationsClient.class, Caller.root(account, region))
                    .describeOrganization().organization();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The account " + account + " is not a member of an "
                    + "organization; Organizations access needs the organization's management account.");
        }
        if (!account.equals(org.masterAccountId())) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Organizations access can be enabled only by the "
                    + "organization's management account (" + org.masterAccountId() + ").");
        }
    }
}
