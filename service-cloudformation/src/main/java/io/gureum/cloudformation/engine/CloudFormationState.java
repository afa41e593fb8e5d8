package io.gureum.cloudformation.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every stack, change set and export of one server, per account and region. One lock guards it all:
 * providers hold it for a call, workers while they record a resource's progress (never while a handler
 * calls a service).
 */
public final class CloudFormationState {
    public final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Region> regions = new LinkedHashMap<>();
    /** Each account's extension publisher (RegisterPublisher), by account id: one for all Regions. */
    public final Map<String, PublisherRecord> publishers = new LinkedHashMap<>();
    /** What survives a restart ({@code --data-dir}): written after each change, under this lock. */
    public StackRecords records = StackRecords.NONE;

    /** The state of one account and region. */
    public static final class Region {
        public final String accountId;
        public final String region;
        /** Every stack ever made here, deleted ones included (DescribeStacks by id, ListStacks). */
        public final Map<String, StackRecord> stacks = new LinkedHashMap<>();
        /** Stack name → id of the live stack of that name. */
        public final Map<String, String> liveByName = new LinkedHashMap<>();
        public final Map<String, Export> exports = new LinkedHashMap<>();
        public final Map<String, ChangeSetRecord> changeSets = new LinkedHashMap<>();
        /** Stack sets administered here, deleted ones included, by stack set id ({@code name:uuid}). */
        public final Map<String, io.gureum.cloudformation.stackset.StackSetRecord> stackSets = new LinkedHashMap<>();
        /** Stack refactors made here, by id, oldest first. */
        public final Map<String, RefactorRecord> refactors = new LinkedHashMap<>();

        Region(String accountId, String region) {
            this.accountId = accountId;
            this.region = region;
        }
    }

    /** Every account and Region with state. */
    public java.util.Collection<Region> regions() {
        return regions.values();
    }

    public Region region(String accountId, String region) {
        return regions.computeIfAbsent(accountId + "/" + region, k -> new Region(accountId, region));
    }
}
