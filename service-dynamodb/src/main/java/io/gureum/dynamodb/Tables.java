package io.gureum.dynamodb;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.*;

/** CreateTable, DescribeTable, UpdateTable (with replicas, streams and indexes), DeleteTable and ListTables. */
final class Tables {
    /** How long CREATING/UPDATING lasts on the core clock; 0 (the default) settles at the next read. */
    static Duration settleDelay() {
        return Duration.ofSeconds(Long.getLong("gureum.dynamodb.statusDelaySeconds", 0));
    }
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]+");

    private final DynamoDbState state;

    private final TableEncryption encryption;

    Tables(DynamoDbState state) {
        this.state = state;
        this.encryption = new TableEncryption(state.context);
    }

    private Instant now() {
        return state.context.clock().now();
    }

    static void checkTableName(String name, String field) {
        if (name == null) {
            throw DynamoErrors.constraint(null, field, "Member must not be null");
        }
        if (name.length() < 3) {
            throw DynamoErrors.constraint(name, field, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw DynamoErrors.constraint(name, field, "Member must have length less than or equal to 255");
        }
        if (!NAME.matcher(name).matches()) {
            throw DynamoErrors.constraint(name, field, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    /**
     * The table name a request's {@code TableName} means: a name, or a table's ARN (DynamoDB accepts either
     * wherever {@code TableName} is, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.API.html).
     * An ARN of another account or region names no table of this database: null.
     */
    static String nameOf(Database db, String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        java.util.regex.Matcher m = TABLE_ARN.matcher(nameOrArn);
        if (!m.matches()) {
            throw DynamoErrors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + nameOrArn);
        }
        return m.group(2).equals(db.account) && m.group(1).equals(db.region) ? m.group(3) : null;
    }

    private static final java.util.regex.Pattern TABLE_ARN = java.util.regex.Pattern.compile(
            "arn:[\\w-]+:dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");

    /** The table, settled to its current status; ResourceNotFoundException if absent. Caller holds a lock. */
    Table require(Database db, String nameOrArn) {
        String name = nameOf(db, nameOrArn);
        if (name == null) {
            throw DynamoErrors.notFound();
        }
        checkTableName(name, "tableName");
        Table t = db.tables.get(name);
        if (t == null) {
            throw DynamoErrors.notFound();
        }
        // Readers share the lock, so only writers settle the status; a table still being created is not
        // there yet for item operations.
        if (db.lock.isWriteLockedByCurrentThread()) {
            settle(t);
        }
        // settlesAt null while CREATING: an ImportTable still loading the items.
        if (t.status.equals("CREATING") && (t.settlesAt == null || now().isBefore(t.settlesAt))) {
            throw DynamoErrors.notFound();
        }
        return t;
    }

    void settle(Table t) {
        if (t.settlesAt != null && !now().isBefore(t.settlesAt)) {
            t.status = "ACTIVE";
            t.settlesAt = null;
            for (Index ix : t.indexes.values()) {
                if (!ix.status.equals("DELETING")) {
                    ix.status = "ACTIVE";
                }
            }
            t.indexes.values().removeIf(ix -> ix.status.equals("DELETING"));
            VectorIndexes.settle(t);
        }
    }

    public CreateTableResponse createTable(CreateTableRequest r) {
        checkTableName(r.tableName(), "tableName");
        Database db = state.database();
        RequestContext ctx = RequestContext.current();
        Map<String, String> types = new LinkedHashMap<>();
        for (AttributeDefinition d : r.attributeDefinitions()) {
            String type = d.attributeTypeAsString();
            if (!Set.of("S", "N", "B").contains(type)) {
                throw DynamoErrors.constraint(type, "attributeDefinitions.member.attributeType",
                        "Member must satisfy enum value set: [B, N, S]");
            }
            types.put(d.attributeName(), type);
        }
        KeySchema key = keySchema(r.keySchema(), types, null);
        String billing = r.billingModeAsString() == null ? "PROVISIONED" : r.billingModeAsString();
        checkThroughput(billing, r.provisionedThroughput(), null);
        Set<String> used = new HashSet<>(key.names());
        String arn = Arn.of("dynamodb", ctx.region(), ctx.accountId(), "table/" + r.tableName()).toString();
        Table t = new Table(r.tableName(), arn, UUID.randomUUID().toString(), now(), key);
        t.attributeTypes.putAll(types);
        t.billingMode = billing;
        if (r.provisionedThroughput() != null) {
            t.readCapacity = r.provisionedThroughput().readCapacityUnits();
            t.writeCapacity = r.provisionedThroughput().writeCapacityUnits();
        }
        if (billing.equals("PAY_PER_REQUEST")) {
            t.billingModeChanged = t.created;
        }
        if (r.hasLocalSecondaryIndexes()) {
            if (!key.hasRange()) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Table KeySchema does not have a range key,"
                        + " which is required when specifying a LocalSecondaryIndex");
            }
            for (LocalSecondaryIndex l : r.localSecondaryIndexes()) {
                KeySchema ik = keySchema(l.keySchema(), types, l.indexName());
                if (!ik.hash().equals(key.hash())) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Index KeySchema does not have the same"
                            + " leading hash key as table KeySchema for index: " + l.indexName() + ". index hash key: "
                            + ik.hash() + ", table hash key: " + key.hash());
                }
                addIndex(t, l.indexName(), false, ik, l.projection());
                used.addAll(ik.names());
            }
        }
        if (r.hasGlobalSecondaryIndexes()) {
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                KeySchema ik = keySchema(g.keySchema(), types, g.indexName(), true);
                checkThroughput(billing, g.provisionedThroughput(), g.indexName());
                Index ix = addIndex(t, g.indexName(), true, ik, g.projection());
                if (g.provisionedThroughput() != null) {
                    ix.readCapacity = g.provisionedThroughput().readCapacityUnits();
                    ix.writeCapacity = g.provisionedThroughput().writeCapacityUnits();
                }
                used.addAll(ik.names());
            }
        }
        if (r.hasVectorIndexes()) {
            used.addAll(VectorIndexes.create(t, types, r.vectorIndexes()));
        }
        if (!used.equals(types.keySet())) {
            if (!types.keySet().containsAll(used)) {
                List<String> missing = new ArrayList<>(used);
                throw DynamoErrors.validation("One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions. Keys: " + missing + ", AttributeDefinitions: "
                        + new ArrayList<>(types.keySet()));
            }
            throw DynamoErrors.validation("One or more parameter values were invalid: Number of attributes in KeySchema does"
                    + " not exactly match number of attributes defined in AttributeDefinitions");
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (r.hasTags()) {
            r.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        }
        warmThroughput(t, r.warmThroughput());
        onDemand(t, r.onDemandThroughput());
        if (r.resourcePolicy() != null) {
            t.policies.put(arn, ResourcePolicies.initial(r.resourcePolicy(), now()));
        }
        t.deletionProtection = Boolean.TRUE.equals(r.deletionProtectionEnabled());
        if (r.tableClassAsString() != null) {
            t.tableClass = r.tableClassAsString();
        }
        t.kmsKeyArn = encryption.keyArn(arn, t.name, r.sseSpecification());
        if (r.streamSpecification() != null && Boolean.TRUE.equals(r.streamSpecification().streamEnabled())) {
            t.stream = new StreamLog(arn, t.name, t, now(), r.streamSpecification().streamViewTypeAsString(),
                    state.context.ids().hex(8));
        }
        t.settlesAt = now().plus(settleDelay());
        t.replicaRegions.add(ctx.region());
        if (db.tables.containsKey(t.name)) {
            throw DynamoErrors.inUse("Table already exists: " + t.name);
        }
        db.tables.put(t.name, t);
        t.owner = db;
        state.context.registry().register(ctx.accountId(), ctx.region(), "dynamodb", "table/" + t.name,
                Arn.parse(t.arn), tags);
        for (Index ix : t.indexes.values()) {
            ix.status = "CREATING";
        }
        return CreateTableResponse.builder().tableDescription(describe(t, ctx.region())).build();
    }

    private Index addIndex(Table t, String name, boolean global, KeySchema ik, Projection p) {
        if (t.indexes.containsKey(name)) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Duplicate index name: " + name);
        }
        String type = p == null || p.projectionTypeAsString() == null ? "ALL" : p.projectionTypeAsString();
        List<String> nonKey = p != null && p.hasNonKeyAttributes() ? p.nonKeyAttributes() : List.of();
        if (!type.equals("INCLUDE") && !nonKey.isEmpty()) {
            throw DynamoErrors.validation("One or more parameter values were invalid: ProjectionType is " + type
                    + ", but NonKeyAttributes is specified");
        }
        Index ix = new Index(name, global, ik, type, nonKey, t.arn + "/index/" + name);
        t.indexes.put(name, ix);
        return ix;
    }

    private static KeySchema keySchema(List<KeySchemaElement> elements, Map<String, String> types, String index) {
        return keySchema(elements, types, index, false);
    }

    /**
     * A key schema: HASH first, then RANGE. A global secondary index ({@code multi}) may list up to four HASH
     * elements followed by up to four RANGE elements (multi-attribute keys).
     */
    private static KeySchema keySchema(List<KeySchemaElement> elements, Map<String, String> types, String index,
            boolean multi) {
        int max = multi ? 8 : 2;
        if (elements == null || elements.isEmpty() || elements.size() > max) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + elements + "' at 'keySchema' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + max);
        }
        KeySchemaElement h = elements.get(0);
        if (h.keyType() != KeyType.HASH) {
            throw DynamoErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        List<String> hashes = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (KeySchemaElement e : elements) {
            if (e.keyType() == KeyType.HASH) {
                if (!ranges.isEmpty()) {
                    throw DynamoErrors.validation("Invalid KeySchema: all HASH key elements must come before the RANGE key"
                            + " elements");
                }
                hashes.add(e.attributeName());
            } else {
                ranges.add(e.attributeName());
            }
        }
        if (!multi && hashes.size() > 1) {
            throw DynamoErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (hashes.size() > 4 || ranges.size() > 4) {
            throw DynamoErrors.validation("Invalid KeySchema: A global secondary index key can have at most four partition"
                    + " key attributes and four sort key attributes");
        }
        if (new java.util.HashSet<>(names(elements)).size() != elements.size()) {
            throw DynamoErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        for (KeySchemaElement e : elements) {
            if (!types.containsKey(e.attributeName())) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions. Keys: " + names(elements) + ", AttributeDefinitions: "
                        + new ArrayList<>(types.keySet()));
            }
        }
        String range = ranges.isEmpty() ? null : ranges.get(0);
        return new KeySchema(hashes.get(0), types.get(hashes.get(0)), range, range == null ? null : types.get(range),
                hashes.subList(1, hashes.size()), ranges.isEmpty() ? List.of() : ranges.subList(1, ranges.size()));
    }

    private static List<String> names(List<KeySchemaElement> elements) {
        List<String> out = new ArrayList<>();
        elements.forEach(e -> out.add(e.attributeName()));
        return out;
    }

    private static void checkThroughput(String billing, ProvisionedThroughput p, String index) {
        if (billing.equals("PROVISIONED")) {
            if (p == null || p.readCapacityUnits() == null || p.writeCapacityUnits() == null) {
                throw DynamoErrors.validation(index == null
                        ? "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
                        : "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: " + index);
            }
            if (p.readCapacityUnits() < 1 || p.writeCapacityUnits() < 1) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Provisioned throughput ReadCapacityUnits"
                        + " and WriteCapacityUnits must be greater than 0");
            }
        } else if (billing.equals("PAY_PER_REQUEST")) {
            if (p != null && (p.readCapacityUnits() != null || p.writeCapacityUnits() != null)) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                        + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
        } else {
            throw DynamoErrors.constraint(billing, "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
    }

    /**
     * A table for the table-level operations, whatever its status (unlike {@link #require}, which item
     * operations use), with its status settled; ResourceNotFoundException naming it otherwise.
     */
    Table existing(Database db, String nameOrArn) {
        String name = nameOf(db, nameOrArn);
        if (name == null) {
            throw DynamoErrors.tableNotFound(nameOrArn);
        }
        checkTableName(name, "tableName");
        Table t = db.tables.get(name);
        if (t == null) {
            throw DynamoErrors.tableNotFound(name);
        }
        settle(t);
        return t;
    }

    public DescribeTableResponse describeTable(DescribeTableRequest r) {
        Database db = state.database();
        String region = RequestContext.current().region();
        Table t = existing(db, r.tableName());
        return DescribeTableResponse.builder().table(describe(t, region)).build();
    }

    public DeleteTableResponse deleteTable(DeleteTableRequest r) {
        Database db = state.database();
        String region = RequestContext.current().region();
        Table t = existing(db, r.tableName());
        if (t.deletionProtection) {
            throw DynamoErrors.validation("Resource cannot be deleted as it is currently protected against deletion."
                    + " Disable deletion protection first.");
        }
        if (t.status.equals("CREATING") || t.status.equals("UPDATING")) {
            throw DynamoErrors.inUse("Attempt to change a resource which is still in use: Table is being "
                    + (t.status.equals("CREATING") ? "created" : "updated") + ": " + t.name);
        }
        if (t.pitr != null) {
            // A table deleted with PITR on leaves a SYSTEM backup, kept 35 days
            // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pointintimerecovery_beforeyoubegin.html).
            Backups.take(state, db, t, t.name + "$DeletedTableBackup", "SYSTEM", now().plus(Backups.SYSTEM_BACKUP_RETENTION));
            t.pitr = null;
        }
        db.tables.remove(t.name);
        state.context.registry().unregister(Arn.parse(t.arn));
        if (t.stream != null) {
            t.stream.enabled = false;
        }
        t.status = "DELETING";
        return DeleteTableResponse.builder().tableDescription(describe(t, region)).build();
    }

    /**
     * Makes {@code t} (restored from a backup or a point in time, already filled with {@code owner} set) a
     * table of {@code db}, CREATING until it settles on the clock.
     */
    TableDescription adopt(Database db, Table t) {
        String region = RequestContext.current().region();
        t.status = "CREATING";
        t.settlesAt = now().plus(settleDelay());
        t.replicaRegions.add(region);
        t.indexes.values().forEach(ix -> ix.status = "CREATING");
        t.vectorIndexes.values().forEach(vx -> vx.status = "CREATING");
        db.tables.put(t.name, t);
        state.context.registry().register(db.account, db.region, "dynamodb", "table/" + t.name, Arn.parse(t.arn), Map.of());
        return describe(t, region);
    }

    /**
     * Warm throughput may only be raised, never below the defaults
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html).
     */
    private static void warmThroughput(Table t, WarmThroughput w) {
        if (w == null) {
            return;
        }
        long reads = w.readUnitsPerSecond() == null ? t.warmReads : w.readUnitsPerSecond();
        long writes = w.writeUnitsPerSecond() == null ? t.warmWrites : w.writeUnitsPerSecond();
        if (reads < t.warmReads || writes < t.warmWrites) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Requested warm throughput is lower"
                    + " than the current warm throughput. Current ReadUnitsPerSecond: " + t.warmReads
                    + ", WriteUnitsPerSecond: " + t.warmWrites);
        }
        t.warmReads = reads;
        t.warmWrites = writes;
    }

    private static void onDemand(Table t, OnDemandThroughput o) {
        if (o == null) {
            return;
        }
        if (o.maxReadRequestUnits() != null) {
            t.maxReadRequestUnits = o.maxReadRequestUnits();
        }
        if (o.maxWriteRequestUnits() != null) {
            t.maxWriteRequestUnits = o.maxWriteRequestUnits();
        }
    }

    /** The KMS key a restored table's {@code SSESpecificationOverride} asks for (null: AWS owned key). */
    String encryptionKey(String arn, String name, SSESpecification spec) {
        return encryption.keyArn(arn, name, spec);
    }

    /** A new table's ARN and ID in the caller's account and region. */
    String arnOf(String name) {
        RequestContext ctx = RequestContext.current();
        return Arn.of("dynamodb", ctx.region(), ctx.accountId(), "table/" + name).toString();
    }

    public ListTablesResponse listTables(ListTablesRequest r) {
        int limit = r.limit() == null ? 100 : r.limit();
        if (limit < 1 || limit > 100) {
            throw DynamoErrors.constraint(limit, "limit", limit < 1
                    ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100");
        }
        Database db = state.database();
        List<String> names = new ArrayList<>(r.exclusiveStartTableName() == null ? db.tables.keySet()
                : db.tables.tailMap(r.exclusiveStartTableName(), false).keySet());
        ListTablesResponse.Builder b = ListTablesResponse.builder();
        if (names.size() > limit) {
            names = names.subList(0, limit);
            b.lastEvaluatedTableName(names.get(limit - 1));
        }
        return b.tableNames(names).build();
    }

    public UpdateTableResponse updateTable(UpdateTableRequest r) {
        Database db = state.database();
        String region = RequestContext.current().region();
        Table t = require(db, r.tableName());
        boolean changed = false;
        if (r.attributeDefinitions() != null) {
            for (AttributeDefinition d : r.attributeDefinitions()) {
                String existing = t.attributeTypes.get(d.attributeName());
                if (existing != null && !existing.equals(d.attributeTypeAsString())) {
                    throw DynamoErrors.validation("Cannot change the type of an attribute: " + d.attributeName());
                }
            }
        }
        if (r.billingModeAsString() != null && !r.billingModeAsString().equals(t.billingMode)) {
            checkThroughput(r.billingModeAsString(), r.provisionedThroughput(), null);
            if (!t.vectorIndexes.isEmpty() && !r.billingModeAsString().equals("PAY_PER_REQUEST")) {
                throw DynamoErrors.validation("One or more parameter values were invalid: A table with vector indexes must"
                        + " use on-demand capacity mode (PAY_PER_REQUEST)");
            }
            t.billingMode = r.billingModeAsString();
            t.billingModeChanged = now();
            if (t.billingMode.equals("PAY_PER_REQUEST")) {
                t.readCapacity = 0;
                t.writeCapacity = 0;
            }
            changed = true;
        }
        if (r.provisionedThroughput() != null) {
            ProvisionedThroughput p = r.provisionedThroughput();
            if (t.billingMode.equals("PAY_PER_REQUEST")) {
                checkThroughput("PAY_PER_REQUEST", p, null);
            }
            if (p.readCapacityUnits() == t.readCapacity && p.writeCapacityUnits() == t.writeCapacity) {
                throw DynamoErrors.validation("The provisioned throughput for the table will not change. The requested value"
                        + " equals the current value. Current ReadCapacityUnits provisioned for the table: " + t.readCapacity
                        + ". Requested ReadCapacityUnits: " + p.readCapacityUnits() + ". Current WriteCapacityUnits"
                        + " provisioned for the table: " + t.writeCapacity + ". Requested WriteCapacityUnits: "
                        + p.writeCapacityUnits() + ". Refer to the Amazon DynamoDB Developer Guide for current limits"
                        + " and how to request higher limits.");
            }
            if (p.readCapacityUnits() > t.readCapacity || p.writeCapacityUnits() > t.writeCapacity) {
                t.lastIncrease = now();
            } else {
                t.lastDecrease = now();
            }
            t.readCapacity = p.readCapacityUnits();
            t.writeCapacity = p.writeCapacityUnits();
            changed = true;
        }
        if (r.hasGlobalSecondaryIndexUpdates()) {
            Map<String, String> types = new LinkedHashMap<>(t.attributeTypes);
            if (r.attributeDefinitions() != null) {
                r.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeTypeAsString()));
            }
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.create() != null) {
                    CreateGlobalSecondaryIndexAction c = u.create();
                    if (t.indexes.containsKey(c.indexName()) || t.vectorIndexes.containsKey(c.indexName())) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Index with name: "
                                + c.indexName() + " already exists");
                    }
                    KeySchema ik = keySchema(c.keySchema(), types, c.indexName(), true);
                    checkThroughput(t.billingMode, c.provisionedThroughput(), c.indexName());
                    Index ix = addIndex(t, c.indexName(), true, ik, c.projection());
                    if (c.provisionedThroughput() != null) {
                        ix.readCapacity = c.provisionedThroughput().readCapacityUnits();
                        ix.writeCapacity = c.provisionedThroughput().writeCapacityUnits();
                    }
                    ix.status = "CREATING";
                    ik.names().forEach(n -> t.attributeTypes.put(n, types.get(n)));
                    t.backfill(ix);
                } else if (u.delete() != null) {
                    Index ix = t.indexes.get(u.delete().indexName());
                    if (ix == null || !ix.global) {
                        throw DynamoErrors.notFound();
                    }
                    ix.status = "DELETING";
                } else if (u.update() != null) {
                    Index ix = t.indexes.get(u.update().indexName());
                    if (ix == null || !ix.global) {
                        throw DynamoErrors.notFound();
                    }
                    ProvisionedThroughput p = u.update().provisionedThroughput();
                    if (p != null) {
                        ix.readCapacity = p.readCapacityUnits();
                        ix.writeCapacity = p.writeCapacityUnits();
                    }
                    ix.status = "UPDATING";
                }
            }
            changed = true;
        }
        if (r.hasVectorIndexUpdates()) {
            Map<String, String> types = new LinkedHashMap<>(t.attributeTypes);
            if (r.attributeDefinitions() != null) {
                r.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeTypeAsString()));
            }
            VectorIndexes.update(t, types, r.vectorIndexUpdates());
            changed = true;
        }
        if (r.streamSpecification() != null) {
            StreamSpecification s = r.streamSpecification();
            boolean enable = Boolean.TRUE.equals(s.streamEnabled());
            if (enable) {
                if (t.stream != null && t.stream.enabled) {
                    throw DynamoErrors.validation("Table already has an enabled stream: " + t.stream.arn);
                }
                if (s.streamViewTypeAsString() == null) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: StreamViewType must be"
                            + " specified when StreamEnabled is true");
                }
                t.stream = new StreamLog(t.arn, t.name, t, now(), s.streamViewTypeAsString(), state.context.ids().hex(8));
            } else {
                if (t.stream == null || !t.stream.enabled) {
                    throw DynamoErrors.validation("Table already has no stream enabled");
                }
                t.stream.enabled = false;
            }
            changed = true;
        }
        if (r.deletionProtectionEnabled() != null) {
            t.deletionProtection = r.deletionProtectionEnabled();
            changed = true;
        }
        if (r.warmThroughput() != null) {
            warmThroughput(t, r.warmThroughput());
            changed = true;
        }
        if (r.onDemandThroughput() != null) {
            onDemand(t, r.onDemandThroughput());
            changed = true;
        }
        if (r.tableClassAsString() != null) {
            t.tableClass = r.tableClassAsString();
            changed = true;
        }
        if (r.sseSpecification() != null) {
            t.kmsKeyArn = encryption.keyArn(t.arn, t.name, r.sseSpecification());
            t.kmsInaccessibleSince = null;
            changed = true;
        }
        if (r.hasReplicaUpdates()) {
            GlobalTables.update(state, db, t, r.replicaUpdates());
            changed = true;
        }
        if (!changed) {
            throw DynamoErrors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                    + " GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        t.status = "UPDATING";
        t.settlesAt = now().plus(settleDelay());
        return UpdateTableResponse.builder().tableDescription(describe(t, region)).build();
    }

    TableDescription describe(Table t, String region) {
        List<AttributeDefinition> defs = new ArrayList<>();
        t.attributeTypes.forEach((n, ty) -> defs.add(AttributeDefinition.builder().attributeName(n).attributeType(ty).build()));
        TableDescription.Builder b = TableDescription.builder()
                .attributeDefinitions(defs)
                .tableName(t.name)
                .keySchema(t.key.toSdk())
                .tableStatus(t.status)
                .creationDateTime(t.created)
                .provisionedThroughput(throughput(t))
                .tableSizeBytes(t.data.bytes())
                .itemCount(t.data.count())
                .tableArn(t.arn)
                .tableId(t.id)
                .deletionProtectionEnabled(t.deletionProtection);
        if (t.billingMode.equals("PAY_PER_REQUEST") || t.billingModeChanged != null) {
            BillingModeSummary.Builder bm = BillingModeSummary.builder().billingMode(t.billingMode);
            if (t.billingModeChanged != null) {
                bm.lastUpdateToPayPerRequestDateTime(t.billingModeChanged);
            }
            b.billingModeSummary(bm.build());
        }
        SSEDescription sse = encryption.describe(t);
        if (sse != null) {
            b.sseDescription(sse);
            if (TableEncryption.inaccessible(t) && t.status.equals("ACTIVE")) {
                b.tableStatus(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS);
            }
        }
        b.warmThroughput(TableWarmThroughputDescription.builder().readUnitsPerSecond(t.warmReads)
                .writeUnitsPerSecond(t.warmWrites).status(t.status.equals("ACTIVE") ? "ACTIVE" : "UPDATING").build());
        if (t.maxReadRequestUnits >= 0 || t.maxWriteRequestUnits >= 0) {
            OnDemandThroughput.Builder od = OnDemandThroughput.builder();
            if (t.maxReadRequestUnits >= 0) {
                od.maxReadRequestUnits(t.maxReadRequestUnits);
            }
            if (t.maxWriteRequestUnits >= 0) {
                od.maxWriteRequestUnits(t.maxWriteRequestUnits);
            }
            b.onDemandThroughput(od.build());
        }
        if (!t.tableClass.equals("STANDARD")) {
            b.tableClassSummary(TableClassSummary.builder().tableClass(t.tableClass).build());
        }
        List<LocalSecondaryIndexDescription> lsis = new ArrayList<>();
        List<GlobalSecondaryIndexDescription> gsis = new ArrayList<>();
        for (Index ix : t.indexes.values()) {
            Projection p = projection(ix);
            if (ix.global) {
                gsis.add(GlobalSecondaryIndexDescription.builder().indexName(ix.name).keySchema(ix.key.toSdk())
                        .projection(p).indexStatus(ix.status)
                        .provisionedThroughput(ProvisionedThroughputDescription.builder()
                                .readCapacityUnits(ix.readCapacity).writeCapacityUnits(ix.writeCapacity)
                                .numberOfDecreasesToday(0L).build())
                        .indexSizeBytes(ix.data.bytes()).itemCount(ix.data.count()).indexArn(ix.arn).build());
            } else {
                lsis.add(LocalSecondaryIndexDescription.builder().indexName(ix.name).keySchema(ix.key.toSdk())
                        .projection(p).indexSizeBytes(ix.data.bytes()).itemCount(ix.data.count()).indexArn(ix.arn).build());
            }
        }
        if (!lsis.isEmpty()) {
            b.localSecondaryIndexes(lsis);
        }
        if (!gsis.isEmpty()) {
            b.globalSecondaryIndexes(gsis);
        }
        if (!t.vectorIndexes.isEmpty()) {
            b.vectorIndexes(VectorIndexes.describe(t));
        }
        if (t.stream != null) {
            if (t.stream.enabled) {
                b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(t.stream.viewType).build());
            }
            b.latestStreamLabel(t.stream.label).latestStreamArn(t.stream.arn);
        }
        if (t.restoredFrom != null) {
            b.restoreSummary(t.restoredFrom.toBuilder().restoreInProgress(t.status.equals("CREATING")).build());
        }
        if (t.replicaRegions.size() > 1 && !t.legacyGlobal) {
            b.globalTableVersion("2019.11.21");
            List<ReplicaDescription> replicas = new ArrayList<>();
            for (String rg : t.replicaRegions) {
                if (!rg.equals(region)) {
                    replicas.add(ReplicaDescription.builder().regionName(rg).replicaStatus("ACTIVE").build());
                }
            }
            b.replicas(replicas);
        }
        return b.build();
    }

    /** Null members are left unset: the codec would write them as JSON null, which AWS never sends. */
    private static ProvisionedThroughputDescription throughput(Table t) {
        ProvisionedThroughputDescription.Builder p = ProvisionedThroughputDescription.builder()
                .readCapacityUnits(t.readCapacity).writeCapacityUnits(t.writeCapacity).numberOfDecreasesToday(0L);
        if (t.lastIncrease != null) {
            p.lastIncreaseDateTime(t.lastIncrease);
        }
        if (t.lastDecrease != null) {
            p.lastDecreaseDateTime(t.lastDecrease);
        }
        return p.build();
    }

    private static Projection projection(Index ix) {
        Projection.Builder p = Projection.builder().projectionType(ix.projectionType);
        if (!ix.nonKeyAttributes.isEmpty()) {
            p.nonKeyAttributes(ix.nonKeyAttributes);
        }
        return p.build();
    }
}
