package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.ModeledErrors;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a table or its stream. A revision ID
 * changes at every put; {@code ExpectedRevisionId} makes a put or delete conditional on it. The documents
 * reach the authorizer through {@link TableResourceAccess} (a table's policy also governs its indexes)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html).
 */
final class ResourcePolicies {
    /** A policy document with its revision. */
    record Policy(String document, String revisionId) {
    }

    /** Policies are limited to 20 KB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-considerations.html). */
    static final int MAX_BYTES = 20 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbState state;

    ResourcePolicies(DynamoDbState state) {
        this.state = state;
    }

    /** The table holding the resource {@code arn} names (the table or its current stream). */
    private Table target(Database db, String arn) {
        for (Table t : db.tables.values()) {
            if (t.arn.equals(arn) || t.stream != null && t.stream.arn.equals(arn)) {
                return t;
            }
        }
        throw ModeledErrors.of(ResourceNotFoundException.class, "Requested resource not found: Resource: " + arn
                + " not found");
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest r) {
        Database db = state.database();
        Table t = target(db, r.resourceArn());
        checkDocument(r.policy());
        Policy current = t.policies.get(r.resourceArn());
        checkRevision(current, r.expectedRevisionId(), r.resourceArn());
        Policy next = new Policy(r.policy(), nextRevision(current));
        t.policies.put(r.resourceArn(), next);
        return PutResourcePolicyResponse.builder().revisionId(next.revisionId()).build();
    }

    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest r) {
        Database db = state.database();
        Table t = target(db, r.resourceArn());
        Policy p = t.policies.get(r.resourceArn());
        if (p == null) {
            throw notFound(r.resourceArn());
        }
        return GetResourcePolicyResponse.builder().policy(p.document()).revisionId(p.revisionId()).build();
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest r) {
        Database db = state.database();
        Table t = target(db, r.resourceArn());
        Policy p = t.policies.get(r.resourceArn());
        if (p == null) {
            throw notFound(r.resourceArn());
        }
        checkRevision(p, r.expectedRevisionId(), r.resourceArn());
        t.policies.remove(r.resourceArn());
        return DeleteResourcePolicyResponse.builder().revisionId(p.revisionId()).build();
    }

    /** CreateTable's {@code ResourcePolicy}, for the new table. */
    static Policy initial(String document, java.time.Instant now) {
        checkDocument(document);
        return new Policy(document, Long.toString(now.toEpochMilli()));
    }

    private static void checkDocument(String document) {
        if (document.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DynamoErrors.validation("Resource-based policy size exceeds the maximum allowed size of 20 KB");
        }
        try {
            if (!JSON.readTree(document).isObject()) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw DynamoErrors.validation("Invalid policy document: the policy is not valid JSON");
        }
    }

    private static void checkRevision(Policy current, String expected, String arn) {
        if (expected == null) {
            return;
        }
        if (current == null || !current.revisionId().equals(expected)) {
            throw ModeledErrors.of(PolicyNotFoundException.class, "Resource-based policy not found for the provided"
                    + " ResourceArn and ExpectedRevisionId: " + arn);
        }
    }

    private static PolicyNotFoundException notFound(String arn) {
        return ModeledErrors.of(PolicyNotFoundException.class,
                "Resource-based policy not found for the provided ResourceArn: " + arn);
    }

    /** Revision IDs are the change time in milliseconds, always increasing per resource. */
    private String nextRevision(Policy current) {
        long now = state.context.clock().now().toEpochMilli();
        long previous = current == null ? 0 : Long.parseLong(current.revisionId());
        return Long.toString(Math.max(now, previous + 1));
    }
}
