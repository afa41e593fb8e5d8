package io.gureum.s3.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.s3.store.Bucket;
import java.util.List;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * One bucket's effective resource policy: its bucket policy with RestrictPublicBuckets applied, then its
 * ACL's grants as statements unless Object Ownership is BucketOwnerEnforced (which disables ACLs), less
 * public grants under IgnorePublicAcls. Built from the bucket's settings as they were at one moment;
 * {@link #current} tells whether they still are, so callers cache it without re-parsing per request.
 */
public final class EffectivePolicy {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Bucket bucket;
    private final String policy;
    private final AccessControlPolicy acl;
    private final OwnershipControls ownership;
    private final PublicAccessBlockConfiguration block;
    private final PublicAccessBlockConfiguration bucketBlock;
    private final io.gureum.s3.control.ControlState.Block accountBlock;
    /** The statements (policy and bucket ACL), never modified after construction. */
    private final ArrayNode statements;
    private final String document;
    private String version = "2012-10-17";

    private EffectivePolicy(Bucket bucket, io.gureum.s3.control.ControlState.Block accountBlock) {
        this.bucket = bucket;
        this.policy = bucket.policy;
        this.acl = bucket.acl;
        this.ownership = bucket.ownership;
        this.bucketBlock = bucket.publicAccessBlock;
        this.accountBlock = accountBlock;
        this.block = Blocks.effective(bucketBlock, accountBlock);
        this.statements = JsonNodeFactory.instance.arrayNode();
        policyStatements(statements);
        if (aclsApply(ownership)) {
            AclStatements.bucketGrants(bucket.name, grants(acl, block), statements);
        }
        this.document = render(version, statements);
    }

    /**
     * The bucket's effective policy as its settings are now, with its owner account's Block Public Access
     * settings ({@code accountBlock}, null when the account has none).
     */
    public static EffectivePolicy of(Bucket bucket, io.gureum.s3.control.ControlState.Block accountBlock) {
        return new EffectivePolicy(bucket, accountBlock);
    }

    /** Whether the bucket's settings (the same objects) and its account's block are still those this was built from. */
    public boolean current(Bucket b, io.gureum.s3.control.ControlState.Block account) {
        return b == bucket && b.policy == policy && b.acl == acl && b.ownership == ownership
                && b.publicAccessBlock == bucketBlock && java.util.Objects.equals(account, accountBlock);
    }

    /** The document for the bucket ARN, or null when nothing but its owner has access. */
    public String document() {
        return document;
    }

    /** The document for an object ARN: the bucket's, plus the object's ACL grants when ACLs apply. */
    public String objectDocument(String objectArn, AccessControlPolicy objectAcl) {
        if (objectAcl == null || !aclsApply(ownership)) {
            return document;
        }
        ArrayNode all = statements.deepCopy();
        AclStatements.objectGrants(objectArn, grants(objectAcl, block), all);
        return render(version, all);
    }

    /**
     * The bucket's Object Ownership setting; a bucket without ownership controls (they were deleted, or
     * it predates them) behaves as ObjectWriter. New buckets get BucketOwnerEnforced
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
     */
    public static String ownership(OwnershipControls ownership) {
        if (ownership == null || ownership.rules().isEmpty()) {
            return "ObjectWriter";
        }
        return ownership.rules().get(0).objectOwnershipAsString();
    }

    /** Whether ACLs count: all but BucketOwnerEnforced, which disables them. */
    public static boolean aclsApply(OwnershipControls ownership) {
        return !"BucketOwnerEnforced".equals(ownership(ownership));
    }

    /** The grants that count: all of them, less the public ones under IgnorePublicAcls. */
    private static List<Grant> grants(AccessControlPolicy acl, PublicAccessBlockConfiguration block) {
        if (acl == null || acl.grants() == null) {
            return List.of();
        }
        boolean ignorePublic = block != null && Boolean.TRUE.equals(block.ignorePublicAcls());
        return acl.grants().stream().filter(g -> !(ignorePublic && AclStatements.isPublic(g))).toList();
    }

    /**
     * The bucket policy's statements. Under RestrictPublicBuckets a public policy gives no access to
     * other accounts at all, "including non-public delegation to specific accounts"; only the owner's
     * principals and AWS service principals keep what it allows. Each Allow statement becomes two, each
     * with one of those restrictions as a condition.
     */
    private void policyStatements(ArrayNode into) {
        if (policy == null) {
            return;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return; // PutBucketPolicy stores only valid JSON
        }
        if (doc.hasNonNull("Version")) {
            version = doc.get("Version").asText(); // policy variables mean something only in 2012-10-17
        }
        boolean restrict = block != null && Boolean.TRUE.equals(block.restrictPublicBuckets())
                && PublicPolicies.isPublic(doc);
        for (JsonNode s : PublicPolicies.statements(doc)) {
            if (!restrict || !"Allow".equals(s.path("Effect").asText())) {
                into.add(s);
                continue;
            }
            for (ObjectNode r : new ObjectNode[] {restricted(s, "StringEquals", "aws:PrincipalAccount", bucket.owner),
                    restricted(s, "Bool", "aws:PrincipalIsAWSService", "true")}) {
                if (r != null) {
                    into.add(r);
                }
            }
        }
    }

    /**
     * A policy (an access point's) with RestrictPublicBuckets applied as to a bucket policy: when {@code restrict}
     * is on and the policy is public, each Allow statement holds only for {@code owner}'s principals and for AWS
     * services. Null for no policy.
     */
    public static String restrictedDocument(String policy, String owner, boolean restrict) {
        if (policy == null) {
            return null;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return null; // stored only when valid
        }
        if (!restrict || !PublicPolicies.isPublic(doc)) {
            return policy;
        }
        ArrayNode into = JsonNodeFactory.instance.arrayNode();
        for (JsonNode s : PublicPolicies.statements(doc)) {
            if (!"Allow".equals(s.path("Effect").asText())) {
                into.add(s);
                continue;
            }
            for (ObjectNode r : new ObjectNode[] {restricted(s, "StringEquals", "aws:PrincipalAccount", owner),
                    restricted(s, "Bool", "aws:PrincipalIsAWSService", "true")}) {
                if (r != null) {
                    into.add(r);
                }
            }
        }
        return render(doc.hasNonNull("Version") ? doc.get("Version").asText() : "2012-10-17", into);
    }

    private static ObjectNode restricted(JsonNode statement, String operator, String key, String value) {
        ObjectNode s = (ObjectNode) statement.deepCopy();
        if (s.has("Sid")) {
            s.put("Sid", s.get("Sid").asText() + (key.equals("aws:PrincipalAccount") ? "OwnerOnly" : "ServicesOnly"));
        }
        ObjectNode condition = s.has("Condition") && s.get("Condition").isObject() ? (ObjectNode) s.get("Condition")
                : s.putObject("Condition");
        // A statement may already name the key under the operator; ANDing needs another operator of the same
        // meaning here (account IDs and "true" have no wildcard characters, and the keys are single-valued).
        for (String candidate : new String[] {operator, "StringLike", "ForAnyValue:StringEquals",
                "ForAnyValue:StringLike"}) {
            ObjectNode op = condition.has(candidate) && condition.get(candidate).isObject()
                    ? (ObjectNode) condition.get(candidate) : condition.putObject(candidate);
            if (!op.has(key)) {
                op.put(key, value);
                return s;
            }
        }
        return null; // the key is taken under every candidate: leave the statement out rather than widen it
    }

    private static String render(String version, ArrayNode statements) {
        if (statements.isEmpty()) {
            return null;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("Version", version);
        doc.set("Statement", statements);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
