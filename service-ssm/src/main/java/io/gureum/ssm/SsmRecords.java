package io.gureum.ssm;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.OperationCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parameter Store's records for {@code --data-dir}: each parameter under its name, in its account and
 * region, with every version it keeps (value — a SecureString's as its KMS ciphertext, so KMS must persist
 * too for it to decrypt —, type, key, description, pattern, tier, data type, policies, labels) and its
 * tags; each SSM document with its versions, default version, sharing and tags. Every call runs under the module's lock; after one that may change parameters (or whose Expiration
 * sweep deleted some) the region's parameters are compared under that lock with what was last recorded,
 * by the identity of each parameter and its versions, labels and tags, and the ones that differ are
 * recorded again, the ones gone deleted.
 */
final class SsmRecords {
    static final String SERVICE = "ssm";
    static final String PARAMETER = "parameter";
    static final String DOCUMENT = "document";

    record DocumentRecord(String name, String type, String owner, long defaultVersion,
            List<StoredDocument.Version> versions, Map<String, String> sharedWith, Map<String, String> tags) {
    }

    record VersionRecord(long version, String type, String value, String keyId, String description,
            String allowedPattern, String tier, String dataType, List<ParameterPolicy> policies, Instant lastModified,
            String lastModifiedUser, List<String> labels) {
    }

    record ParameterRecord(String name, List<VersionRecord> versions, Map<String, String> tags) {
    }

    private final StateStore state;
    private final SsmState ssm;
    /** What was last recorded of each parameter, by store and name: its object, versions, labels and tags. */
    private final Map<ParameterStore, Map<String, List<Object>>> written = new HashMap<>();
    /** What was last recorded of each document, by store and name: its object, revision and tags. */
    private final Map<ParameterStore, Map<String, List<Object>>> writtenDocuments = new HashMap<>();

    SsmRecords(StateStore state, SsmState ssm) {
        this.state = state;
        this.ssm = ssm;
    }

    /** Runs a call holding the module's lock; {@code swept} says whether its Expiration sweep deleted a parameter. */
    Object intercept(OperationCall call, boolean swept) throws Exception {
        String op = call.operation();
        boolean reads = op.startsWith("Get") || op.startsWith("Describe") || op.startsWith("List");
        if (!state.enabled() || reads && !swept) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            recordChanges(ssm.current());
        }
    }

    /** Records what differs in one store since its last recording. Holds the module's lock. */
    void recordChanges(ParameterStore store) {
        if (!state.enabled()) {
            return;
        }
        Map<String, List<Object>> before = written.computeIfAbsent(store, s -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        for (StoredParameter p : store.parameters.values()) {
            seen.add(p.name);
            List<Object> print = fingerprint(p);
            if (!print.equals(before.get(p.name))) {
                state.put(SERVICE, store.account, store.region, PARAMETER, p.name, recordOf(p));
                before.put(p.name, print);
            }
        }
        for (var it = before.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            if (!seen.contains(name)) {
                state.delete(SERVICE, store.account, store.region, PARAMETER, name);
                it.remove();
            }
        }
        Map<String, List<Object>> docsBefore = writtenDocuments.computeIfAbsent(store, s -> new HashMap<>());
        Set<String> docsSeen = new HashSet<>();
        for (StoredDocument d : store.documents.values()) {
            docsSeen.add(d.name);
            List<Object> print = fingerprint(d);
            if (!print.equals(docsBefore.get(d.name))) {
                state.put(SERVICE, store.account, store.region, DOCUMENT, d.name, recordOf(d));
                docsBefore.put(d.name, print);
            }
        }
        for (var it = docsBefore.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            if (!docsSeen.contains(name)) {
                state.delete(SERVICE, store.account, store.region, DOCUMENT, name);
                it.remove();
            }
        }
    }

    private static List<Object> fingerprint(StoredDocument d) {
        return List.of(System.identityHashCode(d), d.revision, new LinkedHashMap<>(d.tags));
    }

    private static DocumentRecord recordOf(StoredDocument d) {
        return new DocumentRecord(d.name, d.type, d.owner, d.defaultVersion, d.all(),
                new LinkedHashMap<>(d.sharedWith), new LinkedHashMap<>(d.tags));
    }

    /** Versions never change but for their labels; a parameter deleted and created again is another object. */
    private static List<Object> fingerprint(StoredParameter p) {
        List<Object> print = new ArrayList<>();
        print.add(System.identityHashCode(p));
        print.add(new LinkedHashMap<>(p.tags));
        for (ParameterVersion v : p.versions.values()) {
            print.add(System.identityHashCode(v));
            print.add(List.copyOf(v.labels));
        }
        return print;
    }

    private static ParameterRecord recordOf(StoredParameter p) {
        List<VersionRecord> versions = new ArrayList<>();
        for (ParameterVersion v : p.versions.values()) {
            versions.add(new VersionRecord(v.version, v.type, v.value, v.keyId, v.description, v.allowedPattern, v.tier,
                    v.dataType, v.policies, v.lastModified, v.lastModifiedUser, List.copyOf(v.labels)));
        }
        return new ParameterRecord(p.name, versions, new LinkedHashMap<>(p.tags));
    }

    /** Every parameter as a record, for a snapshot. */
    void capture(Consumer<StateRecord> sink) {
        ssm.lock.lock();
        try {
            ssm.all.forEach((place, store) -> store.parameters.values().forEach(p -> sink.accept(StateRecord.of(SERVICE,
                    store.account, store.region, PARAMETER, p.name, recordOf(p)))));
            ssm.all.forEach((place, store) -> store.documents.values().forEach(d -> sink.accept(StateRecord.of(SERVICE,
                    store.account, store.region, DOCUMENT, d.name, recordOf(d)))));
        } finally {
            ssm.lock.unlock();
        }
    }

    /** Rebuilds every parameter, its tags in core's registry and each store's next Expiration. */
    void restore(List<StateRecord> records) {
        ssm.lock.lock();
        try {
            for (StateRecord r : records) {
                if (r.kind().equals(DOCUMENT)) {
                    DocumentRecord s = r.value(DocumentRecord.class);
                    ParameterStore store = ssm.all.get(r.account(), r.region());
                    StoredDocument d = new StoredDocument(s.name(), Documents.arn(store.region, store.account,
                            s.name()), s.type(), s.owner());
                    s.versions().forEach(v -> d.versions.put(v.number(), v));
                    d.defaultVersion = s.defaultVersion();
                    d.sharedWith.putAll(s.sharedWith());
                    d.tags.putAll(s.tags() == null ? Map.of() : s.tags());
                    d.tags.attach(ssm.context.registry(), store.account, store.region, "ssm", "document/" + s.name(),
                            d.arn);
                    store.documents.put(d.name, d);
                    continue;
                }
                if (!r.kind().equals(PARAMETER)) {
                    continue;
                }
                ParameterRecord s = r.value(ParameterRecord.class);
                ParameterStore store = ssm.all.get(r.account(), r.region());
                StoredParameter p = ssm.create(store, s.name(), s.tags() == null ? Map.of() : s.tags());
                for (VersionRecord v : s.versions()) {
                    ParameterVersion version = new ParameterVersion(v.version(), v.type(), v.value(), v.keyId(),
                            v.description(), v.allowedPattern(), v.tier(), v.dataType(), v.policies(), v.lastModified(),
                            v.lastModifiedUser());
                    version.labels.addAll(v.labels());
                    p.versions.put(v.version(), version);
                }
                Expiry.scheduled(store, p.latest().policies);
            }
            ssm.all.forEach((place, store) -> {
                Map<String, List<Object>> before = written.computeIfAbsent(store, x -> new HashMap<>());
                store.parameters.values().forEach(p -> before.put(p.name, fingerprint(p)));
                Map<String, List<Object>> docs = writtenDocuments.computeIfAbsent(store, x -> new HashMap<>());
                store.documents.values().forEach(d -> docs.put(d.name, fingerprint(d)));
            });
        } finally {
            ssm.lock.unlock();
        }
    }
}
