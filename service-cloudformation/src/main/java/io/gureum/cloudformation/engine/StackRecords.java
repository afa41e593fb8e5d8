package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.resource.ResourceTag;
import io.gureum.cloudformation.stackset.StackSetRecords;
import io.gureum.cloudformation.template.Template;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CloudFormation's records for {@code --data-dir} (ADR 0013): each stack (template as given and processed,
 * parameters, tags, outputs, resources with their physical ids and properties, events, policy, termination
 * protection …) under its stack id, each change set under its id, each stack set (with instances and
 * operations) under its id, in their account and Region. Exports are rebuilt from the stacks' outputs.
 *
 * <p>Every change happens under the state's one lock; before it is released, the stacks marked changed (every
 * event marks its stack) — or, after an API call that may change anything, all of the caller's Region — are
 * written when their JSON differs from the last record written.
 */
public class StackRecords {
    static final String SERVICE = "cloudformation";
    static final String STACK = "stack";
    static final String CHANGE_SET = "changeset";
    static final String REFACTOR = "refactor";
    static final String PUBLISHER = "publisher";

    /** Persistence off. */
    public static final StackRecords NONE = new StackRecords(StateStore.NONE, null);

    private final StateStore store;
    private final CloudFormationState state;
    private final Set<StackRecord> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<CloudFormationState.Region> dirtyRegions = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<PublisherRecord> dirtyPublishers = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The last value written per "account|region|kind|key". Guarded by the state's lock. */
    private final Map<String, byte[]> written = new HashMap<>();

    /**
     * State a provider keeps per account and Region besides the stacks (resource scans, generated templates),
     * recorded the same way: one JSON record per key of its kind, written when the Region is marked changed.
     */
    public interface Kept {
        String kind();

        /** The records of one account and Region, by key (the caller holds the lock). */
        Map<String, Object> records(String account, String region);

        /** Takes back one record at start (the caller holds the lock). */
        void restore(String account, String region, String key, StateRecord record);

        /** Whether the account and Region's records may have changed since last asked (then they are written). */
        default boolean takeChanged(String account, String region) {
            return true;
        }
    }

    private final List<Kept> kept = new ArrayList<>();

    /** Adds a provider's state to what is recorded. */
    public void keep(Kept k) {
        kept.add(k);
    }

    public StackRecords(StateStore store, CloudFormationState state) {
        this.store = store;
        this.state = state;
    }

    public boolean enabled() {
        return store.enabled();
    }

    /** Marks {@code stack} as changed (the caller holds the lock). */
    void changed(StackRecord stack) {
        if (enabled()) {
            dirty.add(stack);
        }
    }

    /** Marks an account's publisher as changed (the caller holds the lock). */
    public void changed(PublisherRecord publisher) {
        if (enabled()) {
            dirtyPublishers.add(publisher);
        }
    }

    /** Marks everything of a Region as possibly changed (an API call that writes). */
    public void changed(CloudFormationState.Region region) {
        if (enabled()) {
            dirtyRegions.add(region);
        }
    }

    /** Writes what changed since the last flush (the caller holds the lock). */
    public void flush() {
        if (!enabled() || (dirty.isEmpty() && dirtyRegions.isEmpty() && dirtyPublishers.isEmpty())) {
            return;
        }
        for (PublisherRecord p : List.copyOf(dirtyPublishers)) {
            write(p.accountId, "", PUBLISHER, p.accountId, p);
        }
        dirtyPublishers.clear();
        for (StackRecord s : List.copyOf(dirty)) {
            write(s.accountId, s.region, STACK, s.stackId, StackData.of(s));
        }
        dirty.clear();
        for (CloudFormationState.Region region : List.copyOf(dirtyRegions)) {
            region.stacks.values().forEach(s -> write(s.accountId, s.region, STACK, s.stackId, StackData.of(s)));
            Set<String> live = new LinkedHashSet<>();
            region.changeSets.values().forEach(cs -> {
                live.add(cs.changeSetId);
                write(region.accountId, region.region, CHANGE_SET, cs.changeSetId, ChangeSetData.of(cs));
            });
            String prefix = region.accountId + "|" + region.region + "|" + CHANGE_SET + "|";
            for (String k : List.copyOf(written.keySet())) {
                if (k.startsWith(prefix) && !live.contains(k.substring(prefix.length()))) {
                    written.remove(k);
                    store.delete(SERVICE, region.accountId, region.region, CHANGE_SET, k.substring(prefix.length()));
                }
            }
            region.stackSets.values().forEach(set -> write(region.accountId, region.region, StackSetRecords.KIND,
                    set.stackSetId, StackSetRecords.of(set)));
            region.refactors.values().forEach(rf -> write(region.accountId, region.region, REFACTOR,
                    rf.stackRefactorId, rf));
            for (Kept k : kept) {
                if (!k.takeChanged(region.accountId, region.region)) {
                    continue;
                }
                Map<String, Object> now = k.records(region.accountId, region.region);
                now.forEach((key, value) -> write(region.accountId, region.region, k.kind(), key, value));
                String kindPrefix = region.accountId + "|" + region.region + "|" + k.kind() + "|";
                for (String w : List.copyOf(written.keySet())) {
                    if (w.startsWith(kindPrefix) && !now.containsKey(w.substring(kindPrefix.length()))) {
                        written.remove(w);
                        store.delete(SERVICE, region.accountId, region.region, k.kind(),
                                w.substring(kindPrefix.length()));
                    }
                }
            }
        }
        dirtyRegions.clear();
    }

    private void write(String account, String region, String kind, String key, Object value) {
        StateRecord record = StateRecord.of(SERVICE, account, region, kind, key, value);
        String id = account + "|" + region + "|" + kind + "|" + key;
        byte[] before = written.get(id);
        if (before == null || !Arrays.equals(before, record.value())) {
            written.put(id, record.value());
            store.put(SERVICE, account, region, kind, key, value);
        }
    }

    /** Every record, for a snapshot (the caller holds the lock). */
    public void capture(Consumer<StateRecord> sink) {
        state.publishers.values().forEach(p -> sink.accept(StateRecord.of(SERVICE, p.accountId, "", PUBLISHER,
                p.accountId, p)));
        for (CloudFormationState.Region region : state.regions()) {
            region.stacks.values().forEach(s -> sink.accept(StateRecord.of(SERVICE, s.accountId, s.region, STACK,
                    s.stackId, StackData.of(s))));
            region.changeSets.values().forEach(cs -> sink.accept(StateRecord.of(SERVICE, region.accountId,
                    region.region, CHANGE_SET, cs.changeSetId, ChangeSetData.of(cs))));
            region.stackSets.values().forEach(set -> sink.accept(StateRecord.of(SERVICE, region.accountId,
                    region.region, StackSetRecords.KIND, set.stackSetId, StackSetRecords.of(set))));
            region.refactors.values().forEach(rf -> sink.accept(StateRecord.of(SERVICE, region.accountId,
                    region.region, REFACTOR, rf.stackRefactorId, rf)));
            for (Kept k : kept) {
                k.records(region.accountId, region.region).forEach((key, value) -> sink.accept(StateRecord.of(SERVICE,
                        region.accountId, region.region, k.kind(), key, value)));
            }
        }
    }

    /**
     * Rebuilds the state from the records. An operation the restart interrupted cannot go on (its workers and
     * journal are gone): the stack ends as that operation ends on failure with rollback disabled —
     * CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, ROLLBACK_FAILED or UPDATE_ROLLBACK_FAILED — and resources
     * in progress as failed, so that RollbackStack, ContinueUpdateRollback, UpdateStack or DeleteStack take
     * it on.
     */
    public void restore(List<StateRecord> records, Instant now) {
        for (StateRecord r : records) {
            if (r.kind().equals(PUBLISHER)) {
                PublisherRecord p = r.value(PublisherRecord.class);
                state.publishers.put(p.accountId, p);
                written.put(r.account() + "|" + r.region() + "|" + r.kind() + "|" + r.key(), r.value());
                continue;
            }
            CloudFormationState.Region region = state.region(r.account(), r.region());
            switch (r.kind()) {
                case STACK -> {
                    StackRecord s = r.value(StackData.class).toRecord();
                    interrupted(s, now);
                    region.stacks.put(s.stackId, s);
                    if (!s.deleted()) {
                        region.liveByName.put(s.stackName, s.stackId);
                        s.outputs.stream().filter(o -> o.exportName() != null).forEach(o -> region.exports.put(
                                o.exportName(), new Export(o.exportName(), o.value(), s.stackId)));
                    }
                }
                case CHANGE_SET -> {
                    ChangeSetRecord cs = r.value(ChangeSetData.class).toRecord();
                    region.changeSets.put(cs.changeSetId, cs);
                }
                case StackSetRecords.KIND -> {
                    var set = StackSetRecords.restore(r.value(StackSetRecords.StackSetData.class), now);
                    region.stackSets.put(set.stackSetId, set);
                }
                case REFACTOR -> {
                    RefactorRecord rf = r.value(RefactorRecord.class);
                    region.refactors.put(rf.stackRefactorId, rf);
                }
                default -> kept.stream().filter(k -> k.kind().equals(r.kind())).findFirst()
                        .ifPresent(k -> k.restore(r.account(), r.region(), r.key(), r));
            }
            written.put(r.account() + "|" + r.region() + "|" + r.kind() + "|" + r.key(), r.value());
        }
    }

    private static final Map<String, String> INTERRUPTED = Map.ofEntries(Map.entry("CREATE_IN_PROGRESS", "CREATE_FAILED"), Map.entry("UPDATE_IN_PROGRESS", "UPDATE_FAILED"), Map.entry("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"), Map.entry("DELETE_IN_PROGRESS", "DELETE_FAILED"), Map.entry("ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED"), Map.entry("UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED"), Map.entry("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"), Map.entry("REVIEW_IN_PROGRESS", "REVIEW_IN_PROGRESS"), Map.entry("IMPORT_IN_PROGRESS", "IMPORT_ROLLBACK_FAILED"), Map.entry("IMPORT_ROLLBACK_IN_PROGRESS", "IMPORT_ROLLBACK_FAILED"));

    private static void interrupted(StackRecord s, Instant now) {
        String reason = "Gureum restarted during the operation";
        for (ResourceRecord r : s.resources.values()) {
            if (r.status != null && r.status.endsWith("_IN_PROGRESS")) {
                r.status = r.status.replace("_IN_PROGRESS", "_FAILED");
                r.statusReason = reason;
                r.lastUpdated = now;
                s.events.add(new StackEvent(java.util.UUID.randomUUID().toString(), s.stackId, s.stackName,
                        r.logicalId, r.physicalId == null ? "" : r.physicalId, r.type, now, r.status, reason, null,
                        s.clientRequestToken));
            }
        }
        String to = INTERRUPTED.get(s.status);
        if (to != null && !to.equals(s.status)) {
            s.status = to;
            s.statusReason = to.endsWith("_FAILED") ? reason : null;
            s.events.add(new StackEvent(java.util.UUID.randomUUID().toString(), s.stackId, s.stackName, s.stackName,
                    s.stackId, "AWS::CloudFormation::Stack", now, to, s.statusReason, null, s.clientRequestToken));
        }
    }

    /** A resource as recorded. */
    public record ResourceData(String logicalId, String type, String physicalId, String status, String statusReason,
            Instant lastUpdated, JsonNode properties, Map<String, JsonNode> attributes, String nameSuffix,
            JsonNode definition, String driftStatus, Instant driftCheckedAt, JsonNode actualProperties) {

        static ResourceData of(ResourceRecord r) {
            return new ResourceData(r.logicalId, r.type, r.physicalId, r.status, r.statusReason, r.lastUpdated,
                    r.properties, r.attributes, r.nameSuffix, r.definition, r.driftStatus, r.driftCheckedAt,
                    r.actualProperties);
        }

        ResourceRecord toRecord() {
            ResourceRecord r = new ResourceRecord(logicalId, type);
            r.physicalId = physicalId;
            r.status = status;
            r.statusReason = statusReason;
            r.lastUpdated = lastUpdated;
            r.properties = properties;
            r.attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
            r.nameSuffix = nameSuffix;
            r.definition = definition;
            r.driftStatus = driftStatus;
            r.driftCheckedAt = driftCheckedAt;
            r.actualProperties = actualProperties;
            return r;
        }
    }

    /** A stack as recorded. */
    public record StackData(String stackId, String stackName, String accountId, String region, Instant creationTime,
            String status, String statusReason, Instant lastUpdatedTime, Instant deletionTime, String templateBody,
            JsonNode template, List<ResolvedParameter> parameters, Map<String, Boolean> conditions,
            List<ResourceTag> tags, List<String> capabilities, List<String> notificationArns, String roleArn,
            String principal, boolean disableRollback, boolean terminationProtection, Integer timeoutInMinutes,
            List<StackOutput> outputs, List<ResourceData> resources, List<StackEvent> events, String stackPolicyBody,
            String changeSetId, String parentId, String rootId, String driftStatus, Instant lastDriftCheck,
            String clientRequestToken, Set<String> imports, boolean deleteRequested, Map<String, Set<String>> graph) {

        static StackData of(StackRecord s) {
            return new StackData(s.stackId, s.stackName, s.accountId, s.region, s.creationTime, s.status,
                    s.statusReason, s.lastUpdatedTime, s.deletionTime, s.templateBody,
                    s.template == null ? null : s.template.root(), new ArrayList<>(s.parameters.values()),
                    s.conditions, s.tags, s.capabilities, s.notificationArns, s.roleArn, s.principal,
                    s.disableRollback, s.terminationProtection, s.timeoutInMinutes, s.outputs,
                    s.resources.values().stream().map(ResourceData::of).toList(), s.events, s.stackPolicyBody,
                    s.changeSetId, s.parentId, s.rootId, s.driftStatus, s.lastDriftCheck, s.clientRequestToken,
                    s.imports, s.deleteRequested, s.graph);
        }

        StackRecord toRecord() {
            StackRecord s = new StackRecord(stackId, stackName, accountId, region, creationTime);
            s.status = status;
            s.statusReason = statusReason;
            s.lastUpdatedTime = lastUpdatedTime;
            s.deletionTime = deletionTime;
            s.templateBody = templateBody;
            s.template = template == null ? null : Template.of((ObjectNode) template);
            parameters.forEach(p -> s.parameters.put(p.key(), p));
            s.conditions = new LinkedHashMap<>(conditions);
            s.tags = new ArrayList<>(tags);
            s.capabilities = new ArrayList<>(capabilities);
            s.notificationArns = new ArrayList<>(notificationArns);
            s.roleArn = roleArn;
            s.principal = principal;
            s.disableRollback = disableRollback;
            s.terminationProtection = terminationProtection;
            s.timeoutInMinutes = timeoutInMinutes;
            s.outputs = new ArrayList<>(outputs);
            resources.forEach(r -> s.resources.put(r.logicalId(), r.toRecord()));
            s.events.addAll(events);
            s.stackPolicyBody = stackPolicyBody;
            s.changeSetId = changeSetId;
            s.parentId = parentId;
            s.rootId = rootId;
            s.driftStatus = driftStatus;
            s.lastDriftCheck = lastDriftCheck;
            s.clientRequestToken = clientRequestToken;
            s.imports = new java.util.TreeSet<>(imports);
            s.deleteRequested = deleteRequested;
            s.graph = new LinkedHashMap<>(graph);
            return s;
        }
    }

    /**
     * A change set as recorded: what DescribeChangeSet and GetTemplate show. Its prepared plan is not kept, so
     * one not yet executed comes back OBSOLETE (AWS's status for a change set that can no longer be executed).
     */
    public record ChangeSetData(String changeSetId, String changeSetName, String stackId, String stackName,
            Instant creationTime, String changeSetType, String description, String status, String statusReason,
            String executionStatus, String templateBody, JsonNode template, List<ResolvedParameter> parameters,
            List<ResourceTag> tags, List<String> capabilities, List<String> notificationArns, String roleArn,
            String principal, List<ChangeSetRecord.ResourceChangeRow> changes) {

        static ChangeSetData of(ChangeSetRecord c) {
            return new ChangeSetData(c.changeSetId, c.changeSetName, c.stackId, c.stackName, c.creationTime,
                    c.changeSetType, c.description, c.status, c.statusReason, c.executionStatus, c.templateBody,
                    c.template == null ? null : c.template.root(),
                    c.parameters == null ? List.of() : new ArrayList<>(c.parameters.values()), c.tags, c.capabilities,
                    c.notificationArns, c.roleArn, c.principal, c.changes);
        }

        ChangeSetRecord toRecord() {
            ChangeSetRecord c = new ChangeSetRecord(changeSetId, changeSetName, stackId, stackName, creationTime,
                    changeSetType);
            c.description = description;
            c.status = status;
            c.statusReason = statusReason;
            c.executionStatus = executionStatus.equals("AVAILABLE") || executionStatus.equals("UNAVAILABLE")
                    ? "OBSOLETE" : executionStatus;
            c.templateBody = templateBody;
            c.template = template == null ? null : Template.of((ObjectNode) template);
            c.parameters = new LinkedHashMap<>();
            parameters.forEach(p -> c.parameters.put(p.key(), p));
            c.tags = new ArrayList<>(tags);
            c.capabilities = new ArrayList<>(capabilities);
            c.notificationArns = new ArrayList<>(notificationArns);
            c.roleArn = roleArn;
            c.principal = principal;
            c.changes = new ArrayList<>(changes);
            return c;
        }
    }
}
