package io.gureum.ec2.instances;

import io.gureum.core.spi.Caller;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaHistoryStatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaHistoryStatesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaStatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaStatesResponse;
import software.amazon.awssdk.services.ec2.model.DisableInstanceSqlHaStandbyDetectionsRequest;
import software.amazon.awssdk.services.ec2.model.DisableInstanceSqlHaStandbyDetectionsResponse;
import software.amazon.awssdk.services.ec2.model.EnableInstanceSqlHaStandbyDetectionsRequest;
import software.amazon.awssdk.services.ec2.model.EnableInstanceSqlHaStandbyDetectionsResponse;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Amazon EC2 High Availability for SQL Server: standby detection
 * (https://docs.aws.amazon.com/sql-server-ec2/latest/userguide/sql-high-availability.html). AWS detects through
 * the SSM Agent (Run Command document {@code AWSEC2-DetectSqlHaState}) whether an instance is the active or a
 * standby node of a SQL Server HA cluster, and waives the SQL Server licence of standby nodes. An instance must run
 * a Windows SQL Server license-included AMI (Standard or Enterprise edition: the instance's {@code PlatformDetails}
 * says so), have the SSM Agent running and an instance profile whose role allows it; {@code SqlServerCredentials}
 * names a Secrets Manager secret, checked here through Secrets Manager in-process. Gureum's instances run nothing,
 * so each detection goes from {@code processing} to {@code invalid} ("unable to determine the SQL Server High
 * Availability status") on the core clock, with a processing status that names the first prerequisite missing.
 * The compute store lock ({@link io.gureum.ec2.compute.ComputeLock}) is held by every operation; Secrets Manager
 * never calls EC2, so calling it under that lock cannot deadlock.
 */
public final class SqlHaDetections {
    static final String KIND = "sql-ha-instance";
    private static final Set<String> EDITIONS = Set.of("Windows with SQL Server Standard",
            "Windows with SQL Server Enterprise");
    static final String PROCESSING = "Detecting the SQL Server High Availability state through the SSM Agent.";
    static final String NOT_RUNNING = "The instance is not running: the SSM Agent cannot run the SQL Server High "
            + "Availability state detection.";
    static final String NO_PROFILE = "The instance has no IAM instance profile: the SSM Agent cannot run the SQL "
            + "Server High Availability state detection without a role allowing it.";
    static final String NO_AGENT = "The SSM Agent is not online on the instance (Gureum runs no operating system): "
            + "unable to determine the SQL Server High Availability state.";

    private static final class Store {
        final Map<String, SqlHaInstance> byId = new LinkedHashMap<>();
    }

    /** One line of a describe: an instance's state as of an instant. */
    private record Entry(SqlHaInstance ha, Instance instance, String status, String message, Instant time,
            String credentials) {
    }

    private final Compute compute;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<Entry> filters = new Ec2Filters<Entry>(e -> e.instance().tags)
            .on("haStatus", Entry::status)
            .on("sqlServerLicenseUsage", e -> "full");

    public SqlHaDetections(Compute compute) {
        this.compute = compute;
    }

    public PlaceFamily records() {
        return new PlaceFamily() {
            @Override
            public void each(String account, String region, RecordSink sink) {
                Store s = stores.of(account, region);
                synchronized (s) {
                    s.byId.values().forEach(h -> sink.accept(KIND, h.instanceId, h));
                }
            }

            @Override
            public void restore(String account, String region, PlaceRecords in) {
                Store s = stores.of(account, region);
                synchronized (s) {
                    in.of(KIND).values().stream().map(json -> FieldJson.read(json, SqlHaInstance.class))
                            .sorted(Comparator.comparing((SqlHaInstance h) -> h.firstEnabled)
                                    .thenComparing(h -> h.instanceId))
                            .forEach(h -> s.byId.put(h.instanceId, h));
                }
            }
        };
    }

    /** The place's records, those of instances no longer described dropped. */
    private Map<String, SqlHaInstance> live(Store s, ComputeStore cs) {
        s.byId.keySet().removeIf(id -> !cs.instances.containsKey(id));
        return s.byId;
    }

    private static boolean gone(Instance i, Instant now) {
        InstanceState state = i.state(now);
        return state == InstanceState.TERMINATED || state == InstanceState.SHUTTING_DOWN;
    }

    public EnableInstanceSqlHaStandbyDetectionsResponse enableInstanceSqlHaStandbyDetections(
            EnableInstanceSqlHaStandbyDetectionsRequest r) {
        ComputeStore cs = compute.store();
        Store s = stores.current();
        synchronized (s) {
            List<Instance> instances = Instances.require(cs, r.instanceIds());
            Instant now = compute.now();
            for (Instance i : instances) {
                // The codes below are Gureum's choice: AWS's pages name none for these cases.
                if (gone(i, now)) {
                    throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a "
                            + "state from which it can be enabled for SQL Server High Availability standby detection.");
                }
                if (!EDITIONS.contains(i.platformDetails)) {
                    throw Ec2Error.UNSUPPORTED_OPERATION.withMessage("The instance '" + i.id + "' does not run a "
                            + "Windows SQL Server license-included AMI of the Standard or Enterprise edition (its "
                            + "platform is '" + i.platformDetails + "'): SQL Server High Availability standby "
                            + "detection is not supported for it.");
                }
            }
            String credentials = r.sqlServerCredentials();
            if (credentials != null) {
                checkSecret(cs, credentials);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            List<RegisteredInstance> out = new ArrayList<>();
            for (Instance i : instances) {
                SqlHaInstance ha = live(s, cs).computeIfAbsent(i.id, id -> new SqlHaInstance(id, now));
                SqlHaInstance.Detection running = ha.current();
                if (running != null) {
                    running.ended = now;
                }
                SqlHaInstance.Detection d = new SqlHaInstance.Detection();
                d.started = now;
                d.credentials = credentials;
                d.outcome = outcome(i, now);
                ha.detections.add(d);
                out.add(toSdk(current(ha, i, now)));
            }
            return EnableInstanceSqlHaStandbyDetectionsResponse.builder().instances(out).build();
        }
    }

    /** The message a detection starting now ends with: the first prerequisite the instance misses. */
    private static String outcome(Instance i, Instant now) {
        if (i.state(now) != InstanceState.RUNNING && i.state(now) != InstanceState.PENDING) {
            return NOT_RUNNING;
        }
        if (i.iamProfileArn == null) {
            return NO_PROFILE;
        }
        return NO_AGENT;
    }

    /** The secret must exist (and not be scheduled for deletion), read through Secrets Manager in its Region. */
    private void checkSecret(ComputeStore cs, String arn) {
        String[] parts = arn.split(":", 7);
        String why = null;
        if (!compute.ctx.clients().serves(SecretsManagerClient.class)) {
            why = "does not exist";
        } else {
            SecretsManagerClient secrets = compute.ctx.clients().client(SecretsManagerClient.class,
                    Caller.service(Compute.PRINCIPAL, cs.account, parts[3], null));
            try {
                DescribeSecretResponse secret = secrets.describeSecret(b -> b.secretId(arn));
                if (secret.deletedDate() != null) {
                    why = "is scheduled for deletion";
                }
            } catch (ResourceNotFoundException e) {
                why = "does not exist";
            } catch (AwsServiceException e) {
                why = "cannot be read (" + e.awsErrorDetails().errorMessage() + ")";
            }
        }
        if (why != null) {
            throw Ec2Errors.invalidValue(arn, "SqlServerCredentials", "The Secrets Manager secret " + why + ".");
        }
    }

    public DisableInstanceSqlHaStandbyDetectionsResponse disableInstanceSqlHaStandbyDetections(
            DisableInstanceSqlHaStandbyDetectionsRequest r) {
        ComputeStore cs = compute.store();
        Store s = stores.current();
        synchronized (s) {
            List<Instance> instances = Instances.require(cs, r.instanceIds());
            Instant now = compute.now();
            for (Instance i : instances) {
                SqlHaInstance ha = live(s, cs).get(i.id);
                if (ha == null || ha.current() == null) {
                    // Gureum's choice of code: AWS's pages name none.
                    throw Ec2Errors.invalidParameterValue("The instance '" + i.id + "' is not enabled for SQL "
                            + "Server High Availability standby detection.");
                }
            }
            Ec2Errors.checkDryRun(r.dryRun());
            List<RegisteredInstance> out = new ArrayList<>();
            for (Instance i : instances) {
                SqlHaInstance ha = s.byId.get(i.id);
                out.add(toSdk(current(ha, i, now)));
                ha.current().ended = now;
            }
            return DisableInstanceSqlHaStandbyDetectionsResponse.builder().instances(out).build();
        }
    }

    public DescribeInstanceSqlHaStatesResponse describeInstanceSqlHaStates(DescribeInstanceSqlHaStatesRequest r) {
        ComputeStore cs = compute.store();
        Store s = stores.current();
        synchronized (s) {
            Instant now = compute.now();
            List<Entry> entries = new ArrayList<>();
            for (SqlHaInstance ha : selected(s, cs, r.hasInstanceIds() ? r.instanceIds() : null)) {
                Instance i = cs.instances.get(ha.instanceId);
                if (ha.current() != null && !gone(i, now)) {
                    entries.add(current(ha, i, now));
                }
            }
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            var page = Pagination.page(entries.stream().filter(keep).toList(), r.maxResults(), r.nextToken(), 1,
                    1000);
            return DescribeInstanceSqlHaStatesResponse.builder().instances(page.items().stream()
                    .map(SqlHaDetections::toSdk).toList()).nextToken(page.nextToken()).build();
        }
    }

    public DescribeInstanceSqlHaHistoryStatesResponse describeInstanceSqlHaHistoryStates(
            DescribeInstanceSqlHaHistoryStatesRequest r) {
        ComputeStore cs = compute.store();
        Store s = stores.current();
        synchronized (s) {
            Instant now = compute.now();
            Instant from = r.startTime();
            Instant to = r.endTime() == null ? now : r.endTime();
            if (from != null && from.isAfter(to)) {
                throw Ec2Errors.invalidParameterValue("The start time must be before the end time.");
            }
            List<Entry> entries = new ArrayList<>();
            for (SqlHaInstance ha : selected(s, cs, r.hasInstanceIds() ? r.instanceIds() : null)) {
                Instance i = cs.instances.get(ha.instanceId);
                for (SqlHaInstance.Detection d : ha.detections) {
                    entries.add(new Entry(ha, i, "processing", PROCESSING, d.started, d.credentials));
                    if (d.settledBy(now)) {
                        entries.add(new Entry(ha, i, "invalid", d.outcome, d.settles(), d.credentials));
                    }
                }
            }
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            List<Entry> matched = entries.stream().filter(e -> (from == null || !e.time().isBefore(from))
                    && !e.time().isAfter(to)).filter(keep).sorted(Comparator.comparing(Entry::time)).toList();
            var page = Pagination.page(matched, r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeInstanceSqlHaHistoryStatesResponse.builder().instances(page.items().stream()
                    .map(SqlHaDetections::toSdk).toList()).nextToken(page.nextToken()).build();
        }
    }

    /**
     * The records of the instances named (each checked: InvalidInstanceID.Malformed or .NotFound; one never enabled
     * is left out), or all of the place's, in the order they were first enabled.
     */
    private List<SqlHaInstance> selected(Store s, ComputeStore cs, List<String> ids) {
        Map<String, SqlHaInstance> live = live(s, cs);
        if (ids == null || ids.isEmpty()) {
            return new ArrayList<>(live.values());
        }
        List<SqlHaInstance> out = new ArrayList<>();
        for (Instance i : Instances.require(cs, new ArrayList<>(new LinkedHashSet<>(ids)))) {
            SqlHaInstance ha = live.get(i.id);
            if (ha != null) {
                out.add(ha);
            }
        }
        return out;
    }

    /** The instance's state now: its running detection's, or its last one's when disabled. */
    private static Entry current(SqlHaInstance ha, Instance i, Instant now) {
        SqlHaInstance.Detection d = ha.current() != null ? ha.current() : ha.detections.get(ha.detections.size() - 1);
        return d.settledBy(now) ? new Entry(ha, i, "invalid", d.outcome, d.settles(), d.credentials)
                : new Entry(ha, i, "processing", PROCESSING, d.started, d.credentials);
    }

    private static RegisteredInstance toSdk(Entry e) {
        return RegisteredInstance.builder().instanceId(e.ha().instanceId).sqlServerLicenseUsage("full")
                .haStatus(e.status()).processingStatus(e.message()).lastUpdatedTime(e.time())
                .sqlServerCredentials(e.credentials()).tags(TagSpecifications.toSdk(e.instance().tags)).build();
    }
}
