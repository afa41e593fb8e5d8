package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteIndexPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteIndexPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeFieldIndexesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeFieldIndexesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeIndexPoliciesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeIndexPoliciesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FieldIndex;
import software.amazon.awssdk.services.cloudwatchlogs.model.IndexPolicy;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutIndexPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutIndexPolicyResponse;

/**
 * Field index policies of log groups ({@code {"Fields": ["RequestId", …]}}, at most 20 fields; API_PutIndexPolicy.html)
 * and the field indexes they make. Stored as configuration: queries scan every event whether or not a field is
 * indexed. DescribeFieldIndexes reports each indexed field with the first and last event time among the group's
 * JSON events that have it. Field indexing needs the Standard log class.
 */
final class FieldIndexes {
    static final int MAX_FIELDS = 20;

    private final LogsStores stores;

    FieldIndexes(LogsStores stores) {
        this.stores = stores;
    }

    public PutIndexPolicyResponse putIndexPolicy(PutIndexPolicyRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        if (!group.logGroupClass.equals("STANDARD")) {
            throw LogsErrors.invalidParameter("Field indexes are supported only for log groups in the STANDARD log class");
        }
        fields(Policies.checkJson(request.policyDocument()));
        group.indexPolicy = new LogGroup.StoredPolicy(request.policyDocument(), stores.now());
        return PutIndexPolicyResponse.builder().indexPolicy(describe(group, group.indexPolicy)).build();
    }

    static List<String> fields(JsonNode policy) {
        JsonNode fields = policy.path("Fields");
        if (!fields.isArray() || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw LogsErrors.invalidParameter("An index policy must have a Fields list of 1 to " + MAX_FIELDS + " fields");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : fields) {
            if (!f.isTextual() || f.asText().isEmpty()) {
                throw LogsErrors.invalidParameter("Index policy fields must be non-empty strings");
            }
            out.add(f.asText());
        }
        return out;
    }

    public DescribeIndexPoliciesResponse describeIndexPolicies(DescribeIndexPoliciesRequest request) {
        LogsStore store = stores.current();
        List<IndexPolicy> out = new ArrayList<>();
        for (String id : request.logGroupIdentifiers()) {
            LogGroup group = Identifiers.group(store, null, id);
            if (group.indexPolicy != null) {
                out.add(describe(group, group.indexPolicy));
            }
        }
        return DescribeIndexPoliciesResponse.builder().indexPolicies(out).build();
    }

    public DeleteIndexPolicyResponse deleteIndexPolicy(DeleteIndexPolicyRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        if (group.indexPolicy == null) {
            throw LogsErrors.notFound("The specified index policy does not exist.");
        }
        group.indexPolicy = null;
        return DeleteIndexPolicyResponse.builder().build();
    }

    public DescribeFieldIndexesResponse describeFieldIndexes(DescribeFieldIndexesRequest request) {
        LogsStore store = stores.current();
        List<FieldIndex> out = new ArrayList<>();
        for (String id : request.logGroupIdentifiers()) {
            LogGroup group = Identifiers.group(store, null, id);
            LogGroup.StoredPolicy policy = group.indexPolicy;
            if (policy == null) {
                continue;
            }
            for (String field : fields(Policies.checkJson(policy.policyDocument()))) {
                Long first = null;
                Long last = null;
                for (LogStream stream : group.streams.values()) {
                    for (StoredEvent e : stream.all()) {
                        JsonNode json = MetricFilterEmitter.parse(e.message());
                        if (json != null && json.has(field)) {
                            first = first == null ? e.timestamp() : Math.min(first, e.timestamp());
                            last = last == null ? e.timestamp() : Math.max(last, e.timestamp());
                        }
                    }
                }
                out.add(FieldIndex.builder().logGroupIdentifier(id).fieldIndexName(field)
                        .lastScanTime(policy.lastUpdatedTime()).firstEventTime(first).lastEventTime(last)
                        .type("FIELD_INDEX").build());
            }
        }
        return DescribeFieldIndexesResponse.builder().fieldIndexes(out).build();
    }

    private static IndexPolicy describe(LogGroup group, LogGroup.StoredPolicy p) {
        return IndexPolicy.builder().logGroupIdentifier(group.logGroupArn()).lastUpdateTime(p.lastUpdatedTime())
                .policyDocument(p.policyDocument()).source("LOG_GROUP").build();
    }
}
